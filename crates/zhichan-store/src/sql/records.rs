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
                let prepared = records.iter().map($crate::sql::Prepared::of).collect::<$crate::StoreResult<Vec<_>>>()?;
                let mut outcome = $crate::records::BatchOutcome::default();
                let mut tx = self.pool.begin_with(<$store as $crate::sql::Adapter>::BEGIN_WRITE).await?;
                // Runs without a repeated key are written with multi-row statements; a key seen
                // again starts a new run, so repeats behave as if stored one after the other.
                for run in $crate::sql::records::distinct_runs(&prepared) {
                    for chunk in $crate::sql::records::statement_chunks(&prepared[run]) {
                        let mut lookup = sqlx::QueryBuilder::new(
                            "SELECT office, kind, number, content_hash, status, raw_status FROM records \
                             WHERE (office, kind, number) IN (",
                        );
                        lookup.push_values(chunk, |mut row, p| {
                            row.push_bind(p.office()).push_bind(p.kind).push_bind(p.number());
                        });
                        lookup.push(")");
                        let found: Vec<$crate::sql::records::Existing> =
                            lookup.build_query_as().fetch_all(&mut *tx).await?;
                        let plan = $crate::sql::records::plan(chunk, found, &mut outcome);
                        if plan.is_empty() {
                            continue;
                        }
                        let documents =
                            plan.iter().map(|(p, _)| p.document.json()).collect::<$crate::StoreResult<Vec<_>>>()?;
                        let last_seq: i64 = sqlx::query_scalar(
                            "UPDATE record_journal SET last_seq = last_seq + $1 WHERE id = 1 RETURNING last_seq",
                        )
                        .bind(plan.len() as i64)
                        .fetch_one(&mut *tx)
                        .await?;
                        let first_seq = last_seq - plan.len() as i64 + 1;
                        let mut upsert = sqlx::QueryBuilder::new(
                            "INSERT INTO records (office, kind, number, title, status, raw_status, filing_date, \
                             publication_date, registration_date, owners, classes, document, content_hash, \
                             first_import_id, last_import_id, created_at, updated_at, change_seq) ",
                        );
                        let rows = plan.iter().zip(&documents).zip(first_seq..);
                        upsert.push_values(rows, |mut row, (((p, _), document), change_seq)| {
                            let s = &p.summary;
                            row.push_bind(p.office())
                                .push_bind(p.kind)
                                .push_bind(p.number())
                                .push_bind(s.title.as_deref())
                                .push_bind(s.status.as_deref())
                                .push_bind(s.raw_status.as_deref())
                                .push_bind(s.filing_date)
                                .push_bind(s.publication_date)
                                .push_bind(s.registration_date)
                                .push_bind(s.owners.as_str())
                                .push_bind(s.classes.as_str())
                                .push_bind(sqlx::types::Json(*document))
                                .push_bind(p.document.hash.as_str())
                                .push_bind(import_id)
                                .push_bind(import_id)
                                .push_bind(at)
                                .push_bind(at)
                                .push_bind(change_seq);
                        });
                        // first_import_id and created_at keep the values of the first import.
                        upsert.push(
                            " ON CONFLICT (office, kind, number) DO UPDATE SET title = excluded.title, \
                             status = excluded.status, raw_status = excluded.raw_status, filing_date = excluded.filing_date, \
                             publication_date = excluded.publication_date, registration_date = excluded.registration_date, \
                             owners = excluded.owners, classes = excluded.classes, document = excluded.document, \
                             content_hash = excluded.content_hash, last_import_id = excluded.last_import_id, \
                             updated_at = excluded.updated_at, change_seq = excluded.change_seq \
                             RETURNING id, office, kind, number",
                        );
                        let ids: Vec<(i64, String, String, String)> = upsert.build_query_as().fetch_all(&mut *tx).await?;
                        let changed = $crate::sql::records::status_changes(&plan, &ids);
                        if changed.is_empty() {
                            continue;
                        }
                        let mut history = sqlx::QueryBuilder::new(
                            "INSERT INTO record_status_history (record_id, status, raw_status, status_date, import_id, recorded_at) ",
                        );
                        history.push_values(changed, |mut row, (id, s)| {
                            row.push_bind(id)
                                .push_bind(s.status.as_deref())
                                .push_bind(s.raw_status.as_deref())
                                .push_bind(s.status_date)
                                .push_bind(import_id)
                                .push_bind(at);
                        });
                        history.build().execute(&mut *tx).await?;
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
                mut audit: $crate::AuditEntry,
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
                     WHERE record_id = $1 ORDER BY id",
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

            async fn changes_since(
                &self,
                after: i64,
                limit: u32,
            ) -> $crate::StoreResult<Vec<$crate::records::RecordChange>> {
                let rows: Vec<(i64, sqlx::types::Json<zhichan_domain::records::Record>)> = sqlx::query_as(
                    "SELECT change_seq, document FROM records WHERE change_seq > $1 ORDER BY change_seq LIMIT $2",
                )
                .bind(after)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(seq, document)| $crate::records::RecordChange { seq, record: document.0 })
                    .collect())
            }

            async fn journal_head(&self) -> $crate::StoreResult<i64> {
                Ok(sqlx::query_scalar("SELECT last_seq FROM record_journal WHERE id = 1").fetch_one(&self.pool).await?)
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

/// Document bytes per statement: full-text patents run to tens of kilobytes each, and statements
/// of many megabytes were measured slower than several small ones.
const BYTES_PER_STATEMENT: usize = 512 * 1024;

/// Splits records into consecutive chunks of at most [`super::ROWS_PER_STATEMENT`] rows and about
/// [`BYTES_PER_STATEMENT`] document bytes (a single larger record gets a chunk of its own).
pub(crate) fn statement_chunks(prepared: &[Prepared]) -> Vec<&[Prepared]> {
    let mut chunks = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (index, p) in prepared.iter().enumerate() {
        let full = index - start == super::ROWS_PER_STATEMENT
            || (bytes > 0 && bytes + p.document.text.len() > BYTES_PER_STATEMENT);
        if full {
            chunks.push(&prepared[start..index]);
            (start, bytes) = (index, 0);
        }
        bytes += p.document.text.len();
    }
    if start < prepared.len() {
        chunks.push(&prepared[start..]);
    }
    chunks
}

/// A record ready to store: identity, summary columns and its serialised document.
pub(crate) struct Prepared {
    key: zhichan_domain::records::RecordKey,
    pub(crate) kind: &'static str,
    pub(crate) summary: crate::records::RecordSummary,
    pub(crate) document: Document,
}

impl Prepared {
    pub(crate) fn of(record: &zhichan_domain::records::Record) -> crate::StoreResult<Self> {
        let key = record.key();
        Ok(Self {
            kind: crate::records::kind_code(key.kind),
            summary: crate::records::RecordSummary::of(record),
            document: Document::of(record)?,
            key,
        })
    }

    pub(crate) fn office(&self) -> &str {
        self.key.office.as_str()
    }

    pub(crate) fn number(&self) -> &str {
        &self.key.number
    }

    fn identity(&self) -> (&str, &str, &str) {
        (self.office(), self.kind, self.number())
    }
}

/// A stored record's identity, hash and status: (office, kind, number, hash, status, raw status).
pub(crate) type Existing = (String, String, String, String, Option<String>, Option<String>);

/// (office, kind, number) of a stored record.
type Identity = (String, String, String);
/// (content hash, status, raw status) of a stored record.
type Stored = (String, Option<String>, Option<String>);

/// Splits a batch into consecutive runs in which no record identity repeats.
pub(crate) fn distinct_runs(prepared: &[Prepared]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut start = 0;
    for (index, p) in prepared.iter().enumerate() {
        if !seen.insert(p.identity()) {
            runs.push(start..index);
            seen.clear();
            seen.insert(p.identity());
            start = index;
        }
    }
    runs.push(start..prepared.len());
    runs
}

/// Decides what to write for each record of a chunk given what is stored, counting the outcome:
/// the records to upsert, each with whether its status changed (new records count as changed).
pub(crate) fn plan<'a>(
    chunk: &'a [Prepared],
    found: Vec<Existing>,
    outcome: &mut crate::records::BatchOutcome,
) -> Vec<(&'a Prepared, bool)> {
    let stored: std::collections::HashMap<Identity, Stored> =
        found.into_iter().map(|(office, kind, number, hash, s, r)| ((office, kind, number), (hash, s, r))).collect();
    let mut plan = Vec::with_capacity(chunk.len());
    for p in chunk {
        let (office, kind, number) = p.identity();
        match stored.get(&(office.to_owned(), kind.to_owned(), number.to_owned())) {
            Some((hash, _, _)) if *hash == p.document.hash => outcome.unchanged += 1,
            Some((_, status, raw_status)) => {
                outcome.updated += 1;
                plan.push((p, *status != p.summary.status || *raw_status != p.summary.raw_status));
            }
            None => {
                outcome.inserted += 1;
                plan.push((p, true));
            }
        }
    }
    plan
}

/// The (record id, summary) of every planned record whose status changed, given the ids the
/// upsert returned as (id, office, kind, number).
pub(crate) fn status_changes<'a>(
    plan: &[(&'a Prepared, bool)],
    ids: &[(i64, String, String, String)],
) -> Vec<(i64, &'a crate::records::RecordSummary)> {
    let by_identity: std::collections::HashMap<(&str, &str, &str), i64> =
        ids.iter().map(|(id, office, kind, number)| ((office.as_str(), kind.as_str(), number.as_str()), *id)).collect();
    plan.iter()
        .filter(|(_, changed)| *changed)
        .filter_map(|(p, _)| by_identity.get(&p.identity()).map(|id| (*id, &p.summary)))
        .collect()
}

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
