//! [`crate::SavedSearchStore`] in SQL shared by both backends.

/// Implements [`crate::SavedSearchStore`] for an adapter struct with a `pool` field.
macro_rules! sql_saved_search_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::SavedSearchStore for $store {
            async fn save_search(
                &self,
                search: $crate::NewSavedSearch,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::SavedSearch> {
                let mut tx = self.pool.begin().await?;
                let row: $crate::sql::searches::Row = sqlx::query_as(
                    "INSERT INTO saved_searches (user_id, name, query, sort, created_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (user_id, name) DO UPDATE SET query = excluded.query, sort = excluded.sort \
                     RETURNING id, user_id, name, query, sort, created_at",
                )
                .bind(search.user_id)
                .bind(&search.name)
                .bind(&search.query)
                .bind(&search.sort)
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await?;
                let mut audit = audit;
                audit.target_id = Some(row.0.to_string());
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok($crate::sql::searches::saved(row))
            }

            async fn saved_searches(&self, user_id: i64) -> $crate::StoreResult<Vec<$crate::SavedSearch>> {
                let rows: Vec<$crate::sql::searches::Row> = sqlx::query_as(
                    "SELECT id, user_id, name, query, sort, created_at FROM saved_searches WHERE user_id = $1 ORDER BY name",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map($crate::sql::searches::saved).collect())
            }

            async fn saved_search(&self, id: i64) -> $crate::StoreResult<Option<$crate::SavedSearch>> {
                let row: Option<$crate::sql::searches::Row> = sqlx::query_as(
                    "SELECT id, user_id, name, query, sort, created_at FROM saved_searches WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map($crate::sql::searches::saved))
            }

            async fn delete_saved_search(&self, id: i64, audit: $crate::AuditEntry) -> $crate::StoreResult<()> {
                delete_audited(&self.pool, "DELETE FROM saved_searches WHERE id = $1", id, "saved_search", &audit).await
            }
        }
    };
}

pub(crate) use sql_saved_search_store;

/// A `saved_searches` row.
pub(crate) type Row = (i64, i64, String, String, String, chrono::DateTime<chrono::Utc>);

/// A row as the model type.
pub(crate) fn saved((id, user_id, name, query, sort, created_at): Row) -> crate::SavedSearch {
    crate::SavedSearch { id, user_id, name, query, sort, created_at }
}
