//! [`crate::ReferenceStore`] in SQL shared by both backends.

/// Implements [`crate::ReferenceStore`] for an adapter struct with a `pool` field.
macro_rules! sql_reference_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::ReferenceStore for $store {
            async fn replace_reference(
                &self,
                kind: &str,
                entries: &[$crate::reference::ReferenceEntry],
                import_id: i64,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM reference_entries WHERE kind = $1").bind(kind).execute(&mut *tx).await?;
                for entry in entries {
                    sqlx::query(
                        "INSERT INTO reference_entries (kind, key, parent, class, title, detail, import_id) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(kind)
                    .bind(entry.key.as_str())
                    .bind(entry.parent.as_deref())
                    .bind(entry.class)
                    .bind(entry.title.as_str())
                    .bind(sqlx::types::Json(&entry.detail))
                    .bind(import_id)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::error::classify)?;
                }
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn reference_entry(
                &self,
                kind: &str,
                key: &str,
            ) -> $crate::StoreResult<Option<$crate::reference::ReferenceEntry>> {
                let row: Option<ReferenceRow> = sqlx::query_as(
                    "SELECT kind, key, parent, class, title, detail FROM reference_entries WHERE kind = $1 AND key = $2",
                )
                .bind(kind)
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(reference_entry))
            }

            async fn reference_in_class(
                &self,
                kind: &str,
                class: i64,
            ) -> $crate::StoreResult<Vec<$crate::reference::ReferenceEntry>> {
                let rows: Vec<ReferenceRow> = sqlx::query_as(
                    "SELECT kind, key, parent, class, title, detail FROM reference_entries \
                     WHERE kind = $1 AND class = $2 ORDER BY key",
                )
                .bind(kind)
                .bind(class)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(reference_entry).collect())
            }

            async fn reference_children(
                &self,
                kind: &str,
                parent: &str,
            ) -> $crate::StoreResult<Vec<$crate::reference::ReferenceEntry>> {
                let rows: Vec<ReferenceRow> = sqlx::query_as(
                    "SELECT kind, key, parent, class, title, detail FROM reference_entries \
                     WHERE kind = $1 AND parent = $2 ORDER BY key",
                )
                .bind(kind)
                .bind(parent)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(reference_entry).collect())
            }

            async fn count_reference(&self, kind: &str) -> $crate::StoreResult<i64> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM reference_entries WHERE kind = $1")
                    .bind(kind)
                    .fetch_one(&self.pool)
                    .await?)
            }
        }

        type ReferenceRow =
            (String, String, Option<String>, Option<i64>, String, sqlx::types::Json<serde_json::Value>);

        fn reference_entry(
            (kind, key, parent, class, title, detail): ReferenceRow,
        ) -> $crate::reference::ReferenceEntry {
            $crate::reference::ReferenceEntry { kind, key, parent, class, title, detail: detail.0 }
        }
    };
}

pub(crate) use sql_reference_store;
