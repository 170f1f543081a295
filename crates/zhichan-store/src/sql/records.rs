//! [`crate::RecordStore`] in SQL shared by both backends.

/// Implements [`crate::RecordStore`] for an adapter struct with a `pool` field.
macro_rules! sql_record_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::RecordStore for $store {
            async fn start_import(
                &self,
                sources: &str,
                actor_user_id: Option<i64>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<i64> {
                Ok(sqlx::query_scalar("INSERT INTO imports (started_at, actor_user_id, sources) VALUES ($1, $2, $3) RETURNING id")
                    .bind(at)
                    .bind(actor_user_id)
                    .bind(sources)
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn store_records(
                &self,
                import_id: i64,
                records: &[zhichan_domain::records::Record],
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<$crate::records::BatchOutcome> {
                let mut outcome = $crate::records::BatchOutcome::default();
                let mut tx = self.pool.begin().await?;
                for record in records {
                    let document = $crate::sql::Document::of(record)?;
                    let key = record.key();
                    let kind = $crate::records::kind_code(key.kind);
                    let summary = $crate::records::RecordSummary::of(record);
                    let existing: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
                        "SELECT content_hash, status, raw_status FROM records WHERE office = $1 AND kind = $2 AND number = $3",
                    )
                    .bind(key.office.as_str())
                    .bind(kind)
                    .bind(key.number.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
                    let status_changed = match &existing {
                        Some((hash, _, _)) if *hash == document.hash => {
                            outcome.unchanged += 1;
                            continue;
                        }
                        Some((_, status, raw_status)) => {
                            outcome.updated += 1;
                            *status != summary.status || *raw_status != summary.raw_status
                        }
                        None => {
                            outcome.inserted += 1;
                            true
                        }
                    };
                    // One statement for new and changed records; first_import_id and created_at
                    // keep the values of the first import.
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO records (office, kind, number, title, status, raw_status, filing_date, \
                         publication_date, registration_date, owners, classes, document, content_hash, \
                         first_import_id, last_import_id, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $15) \
                         ON CONFLICT (office, kind, number) DO UPDATE SET title = excluded.title, status = excluded.status, \
                         raw_status = excluded.raw_status, filing_date = excluded.filing_date, \
                         publication_date = excluded.publication_date, registration_date = excluded.registration_date, \
                         owners = excluded.owners, classes = excluded.classes, document = excluded.document, \
                         content_hash = excluded.content_hash, last_import_id = excluded.last_import_id, \
                         updated_at = excluded.updated_at RETURNING id",
                    )
                    .bind(key.office.as_str())
                    .bind(kind)
                    .bind(key.number.as_str())
                    .bind(summary.title.as_deref())
                    .bind(summary.status.as_deref())
                    .bind(summary.raw_status.as_deref())
                    .bind(summary.filing_date)
                    .bind(summary.publication_date)
                    .bind(summary.registration_date)
                    .bind(summary.owners.as_str())
                    .bind(summary.classes.as_str())
                    .bind(sqlx::types::Json(document.json()?))
                    .bind(document.hash.as_str())
                    .bind(import_id)
                    .bind(at)
                    .fetch_one(&mut *tx)
                    .await?;
                    if status_changed {
                        sqlx::query(
                            "INSERT INTO record_status_history (record_id, seq, status, raw_status, status_date, import_id, recorded_at) \
                             SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6 FROM record_status_history WHERE record_id = $1",
                        )
                        .bind(id)
                        .bind(summary.status.as_deref())
                        .bind(summary.raw_status.as_deref())
                        .bind(summary.status_date)
                        .bind(import_id)
                        .bind(at)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                tx.commit().await?;
                Ok(outcome)
            }

            async fn add_rejections(
                &self,
                import_id: i64,
                first_seq: u64,
                rejections: &[$crate::records::Rejection],
            ) -> $crate::StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                for (offset, rejection) in rejections.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO import_rejections (import_id, seq, source, position, record_id, field, reason, message) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(import_id)
                    .bind((first_seq + offset as u64) as i64)
                    .bind(rejection.source.as_str())
                    .bind(rejection.position.as_deref())
                    .bind(rejection.record_id.as_deref())
                    .bind(rejection.field.as_deref())
                    .bind(rejection.reason.as_str())
                    .bind(rejection.message.as_str())
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn finish_import(
                &self,
                import_id: i64,
                totals: $crate::records::ImportTotals,
                outcome: $crate::records::ImportOutcome,
                mut audit: $crate::NewAuditEvent,
            ) -> $crate::StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query(
                    "UPDATE imports SET finished_at = $2, read_count = $3, inserted = $4, updated = $5, unchanged = $6, \
                     rejected = $7, outcome = $8 WHERE id = $1",
                )
                .bind(import_id)
                .bind(audit.at)
                .bind(totals.read as i64)
                .bind(totals.stored.inserted as i64)
                .bind(totals.stored.updated as i64)
                .bind(totals.stored.unchanged as i64)
                .bind(totals.rejected as i64)
                .bind(outcome.code())
                .execute(&mut *tx)
                .await?;
                audit.target_id = Some(import_id.to_string());
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn rejections(&self, import_id: i64) -> $crate::StoreResult<Vec<$crate::records::Rejection>> {
                let rows: Vec<(String, Option<String>, Option<String>, Option<String>, String, String)> = sqlx::query_as(
                    "SELECT source, position, record_id, field, reason, message FROM import_rejections \
                     WHERE import_id = $1 ORDER BY seq",
                )
                .bind(import_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(source, position, record_id, field, reason, message)| $crate::records::Rejection {
                        source,
                        position,
                        record_id,
                        field,
                        reason,
                        message,
                    })
                    .collect())
            }

            async fn record(
                &self,
                office: &str,
                kind: zhichan_domain::records::RecordKind,
                number: &str,
            ) -> $crate::StoreResult<Option<$crate::records::StoredRecord>> {
                let mut conn = self.pool.acquire().await?;
                type Row = (
                    i64,
                    sqlx::types::Json<zhichan_domain::records::Record>,
                    chrono::DateTime<chrono::Utc>,
                    chrono::DateTime<chrono::Utc>,
                );
                let row: Option<Row> = sqlx::query_as(
                    "SELECT id, document, created_at, updated_at FROM records WHERE office = $1 AND kind = $2 AND number = $3",
                )
                .bind(office)
                .bind($crate::records::kind_code(kind))
                .bind(number)
                .fetch_optional(&mut *conn)
                .await?;
                let Some((id, document, created_at, updated_at)) = row else { return Ok(None) };
                type HistoryRow = (Option<String>, Option<String>, Option<chrono::NaiveDate>, i64, chrono::DateTime<chrono::Utc>);
                let history: Vec<HistoryRow> = sqlx::query_as(
                    "SELECT status, raw_status, status_date, import_id, recorded_at FROM record_status_history \
                     WHERE record_id = $1 ORDER BY seq",
                )
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
                let history = history
                    .into_iter()
                    .map(|(status, raw_status, status_date, import_id, recorded_at)| $crate::records::StatusChange {
                        status,
                        raw_status,
                        status_date,
                        import_id,
                        recorded_at,
                    })
                    .collect();
                Ok(Some($crate::records::StoredRecord { id, record: document.0, history, created_at, updated_at }))
            }

            async fn recent_records(&self, limit: u32) -> $crate::StoreResult<Vec<$crate::records::RecordListing>> {
                type Row = (String, String, String, Option<String>, Option<String>, Option<String>);
                let rows: Vec<Row> = sqlx::query_as(
                    "SELECT kind, office, number, title, status, owners FROM records ORDER BY updated_at DESC, id DESC LIMIT $1",
                )
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(kind, office, number, title, status, owners)| $crate::records::RecordListing {
                        kind,
                        office,
                        number,
                        title,
                        status,
                        owners,
                    })
                    .collect())
            }

            async fn count_records(&self, kind: zhichan_domain::records::RecordKind) -> $crate::StoreResult<i64> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE kind = $1")
                    .bind($crate::records::kind_code(kind))
                    .fetch_one(&self.pool)
                    .await?)
            }
        }
    };
}

pub(crate) use sql_record_store;

/// A record serialised once: the JSON stored and its SHA-256, which tells unchanged re-imports apart.
pub(crate) struct Document {
    text: String,
    pub(crate) hash: String,
}

impl Document {
    pub(crate) fn of(record: &zhichan_domain::records::Record) -> crate::StoreResult<Self> {
        use sha2::{Digest, Sha256};
        let text = serde_json::to_string(record).map_err(crate::StoreError::Encode)?;
        let hash = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        Ok(Self { text, hash })
    }

    /// The JSON, as a raw value both backends store verbatim (SQLite as text, PostgreSQL as JSONB).
    pub(crate) fn json(&self) -> crate::StoreResult<&serde_json::value::RawValue> {
        serde_json::from_str(&self.text).map_err(crate::StoreError::Encode)
    }
}
