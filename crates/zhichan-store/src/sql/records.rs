//! [`RecordStore`] in SQL shared by both backends.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::value::RawValue;
use sqlx::{QueryBuilder, Transaction};
use zhichan_domain::import::{BatchOutcome, ImportId, ImportOutcome, ImportTotals, Rejection};
use zhichan_domain::office::OfficeCode;
use zhichan_domain::records::{Record, RecordChange, RecordKey, RecordKind, RecordListing, StatusChange, StoredRecord};
use zhichan_domain::{AuditEntry, UserId};

use super::audit::commit_with_audit;
use super::{Json, ROWS_PER_STATEMENT, SqlBackend, SqlStore};
use crate::records::RecordSummary;
use crate::{RecordStore, StoreError, StoreResult};

#[async_trait]
impl<DB: SqlBackend> RecordStore for SqlStore<DB> {
    async fn start_import(
        &self,
        sources: &str,
        actor_user_id: Option<UserId>,
        at: DateTime<Utc>,
    ) -> StoreResult<ImportId> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO imports (started_at, actor_user_id, sources) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(at)
        .bind(actor_user_id.map(UserId::get))
        .bind(sources)
        .fetch_one(&self.pool)
        .await?;
        Ok(ImportId::new(id))
    }

    async fn store_records(
        &self,
        import_id: ImportId,
        records: &[Record],
        at: DateTime<Utc>,
    ) -> StoreResult<BatchOutcome> {
        let prepared = records.iter().map(Prepared::of).collect::<StoreResult<Vec<_>>>()?;
        let mut outcome = BatchOutcome::default();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        // Runs without a repeated key are written with multi-row statements; a key seen again
        // starts a new run, so repeats behave as if stored one after the other.
        for run in distinct_runs(&prepared) {
            for chunk in statement_chunks(&prepared[run]) {
                store_chunk(&mut tx, chunk, import_id.get(), at, &mut outcome).await?;
            }
        }
        tx.commit().await?;
        Ok(outcome)
    }

    async fn add_rejections(&self, import_id: ImportId, first_seq: u64, rejections: &[Rejection]) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        for (offset, rejection) in rejections.iter().enumerate() {
            sqlx::query(
                "INSERT INTO import_rejections (import_id, seq, source, position, record_id, field, reason, message) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(import_id.get())
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
        import_id: ImportId,
        totals: ImportTotals,
        outcome: ImportOutcome,
        mut audit: AuditEntry,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE imports SET finished_at = $2, read_count = $3, inserted = $4, updated = $5, unchanged = $6, \
             rejected = $7, outcome = $8 WHERE id = $1",
        )
        .bind(import_id.get())
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
        commit_with_audit(tx, &audit).await
    }

    async fn rejections(&self, import_id: ImportId) -> StoreResult<Vec<Rejection>> {
        let rows: Vec<RejectionRow> = sqlx::query_as(
            "SELECT source, position, record_id, field, reason, message FROM import_rejections \
             WHERE import_id = $1 ORDER BY seq",
        )
        .bind(import_id.get())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn record(&self, key: &RecordKey) -> StoreResult<Option<StoredRecord>> {
        let mut conn = self.pool.acquire().await?;
        let row: Option<RecordRow> = sqlx::query_as(
            "SELECT id, document, created_at, updated_at FROM records WHERE office = $1 AND kind = $2 AND number = $3",
        )
        .bind(key.office.as_str())
        .bind(key.kind.code())
        .bind(key.number.as_str())
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let history: Vec<StatusChangeRow> = sqlx::query_as(
            "SELECT status, raw_status, status_date, import_id, recorded_at FROM record_status_history \
             WHERE record_id = $1 ORDER BY id",
        )
        .bind(row.id)
        .fetch_all(&mut *conn)
        .await?;
        Ok(Some(StoredRecord {
            id: row.id,
            record: row.document.0,
            history: history.into_iter().map(Into::into).collect(),
            created_at: row.created_at,
            updated_at: row.updated_at,
        }))
    }

    async fn recent_records(&self, limit: u32) -> StoreResult<Vec<RecordListing>> {
        let rows: Vec<ListingRow> = sqlx::query_as(
            "SELECT kind, office, number, title, status, owners FROM records \
             ORDER BY updated_at DESC, id DESC LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ListingRow::into_model).collect()
    }

    async fn changes_since(&self, after: i64, limit: u32) -> StoreResult<Vec<RecordChange>> {
        let rows: Vec<ChangeRow> = sqlx::query_as(
            "SELECT change_seq, document FROM records WHERE change_seq > $1 ORDER BY change_seq LIMIT $2",
        )
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|row| RecordChange { seq: row.change_seq, record: row.document.0 }).collect())
    }

    async fn journal_head(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT last_seq FROM record_journal WHERE id = 1").fetch_one(&self.pool).await?)
    }

    async fn count_records(&self, kind: RecordKind) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE kind = $1")
            .bind(kind.code())
            .fetch_one(&self.pool)
            .await?)
    }
}

/// Stores one chunk of records that repeat no identity: looks up what is stored, takes journal
/// numbers for the records that changed, upserts them and appends their status changes.
async fn store_chunk<DB: SqlBackend>(
    tx: &mut Transaction<'_, DB>,
    chunk: &[Prepared],
    import_id: i64,
    at: DateTime<Utc>,
    outcome: &mut BatchOutcome,
) -> StoreResult<()> {
    let mut lookup = QueryBuilder::new(
        "SELECT office, kind, number, content_hash, status, raw_status FROM records WHERE (office, kind, number) IN (",
    );
    lookup.push_values(chunk, |mut row, p| {
        row.push_bind(p.office()).push_bind(p.key.kind.code()).push_bind(p.number());
    });
    lookup.push(")");
    let found: Vec<ExistingRow> = lookup.build_query_as().fetch_all(&mut **tx).await?;
    let plan = plan(chunk, found, outcome);
    if plan.is_empty() {
        return Ok(());
    }
    let documents = plan.iter().map(|(p, _)| p.document.json()).collect::<StoreResult<Vec<_>>>()?;
    let last_seq: i64 =
        sqlx::query_scalar("UPDATE record_journal SET last_seq = last_seq + $1 WHERE id = 1 RETURNING last_seq")
            .bind(plan.len() as i64)
            .fetch_one(&mut **tx)
            .await?;
    let first_seq = last_seq - plan.len() as i64 + 1;
    let mut upsert = QueryBuilder::new(
        "INSERT INTO records (office, kind, number, title, status, raw_status, filing_date, publication_date, \
         registration_date, owners, classes, document, content_hash, first_import_id, last_import_id, created_at, \
         updated_at, change_seq) ",
    );
    let rows = plan.iter().zip(&documents).zip(first_seq..);
    upsert.push_values(rows, |mut row, (((p, _), document), change_seq)| {
        let s = &p.summary;
        row.push_bind(p.office())
            .push_bind(p.key.kind.code())
            .push_bind(p.number())
            .push_bind(s.title.as_deref())
            .push_bind(s.status.as_deref())
            .push_bind(s.raw_status.as_deref())
            .push_bind(s.filing_date)
            .push_bind(s.publication_date)
            .push_bind(s.registration_date)
            .push_bind(s.owners.as_str())
            .push_bind(s.classes.as_str())
            .push_bind(Json(*document))
            .push_bind(p.document.hash.as_str())
            .push_bind(import_id)
            .push_bind(import_id)
            .push_bind(at)
            .push_bind(at)
            .push_bind(change_seq);
    });
    // first_import_id and created_at keep the values of the first import.
    upsert.push(
        " ON CONFLICT (office, kind, number) DO UPDATE SET title = excluded.title, status = excluded.status, \
         raw_status = excluded.raw_status, filing_date = excluded.filing_date, \
         publication_date = excluded.publication_date, registration_date = excluded.registration_date, \
         owners = excluded.owners, classes = excluded.classes, document = excluded.document, \
         content_hash = excluded.content_hash, last_import_id = excluded.last_import_id, \
         updated_at = excluded.updated_at, change_seq = excluded.change_seq \
         RETURNING id, office, kind, number",
    );
    let ids: Vec<UpsertedRow> = upsert.build_query_as().fetch_all(&mut **tx).await?;
    let changed = status_changes(&plan, &ids);
    if changed.is_empty() {
        return Ok(());
    }
    let mut history = QueryBuilder::new(
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
    history.build().execute(&mut **tx).await?;
    Ok(())
}

/// Document bytes per statement: full-text patents run to tens of kilobytes each, and statements
/// of many megabytes were measured slower than several small ones.
const BYTES_PER_STATEMENT: usize = 512 * 1024;

/// Splits records into consecutive chunks of at most [`ROWS_PER_STATEMENT`] rows and about
/// [`BYTES_PER_STATEMENT`] document bytes (a single larger record gets a chunk of its own).
fn statement_chunks(prepared: &[Prepared]) -> Vec<&[Prepared]> {
    let mut chunks = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (index, p) in prepared.iter().enumerate() {
        let full =
            index - start == ROWS_PER_STATEMENT || (bytes > 0 && bytes + p.document.text.len() > BYTES_PER_STATEMENT);
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
struct Prepared {
    key: RecordKey,
    summary: RecordSummary,
    document: Document,
}

impl Prepared {
    fn of(record: &Record) -> StoreResult<Self> {
        Ok(Self { summary: RecordSummary::of(record), document: Document::of(record)?, key: record.key() })
    }

    fn office(&self) -> &str {
        self.key.office.as_str()
    }

    fn number(&self) -> &str {
        &self.key.number
    }

    fn identity(&self) -> (&str, &str, &str) {
        (self.office(), self.key.kind.code(), self.number())
    }
}

/// A stored record's identity, hash and status, as the lookup before an upsert reads them.
#[derive(sqlx::FromRow)]
struct ExistingRow {
    office: String,
    kind: String,
    number: String,
    content_hash: String,
    status: Option<String>,
    raw_status: Option<String>,
}

/// The id and identity of an upserted record.
#[derive(sqlx::FromRow)]
struct UpsertedRow {
    id: i64,
    office: String,
    kind: String,
    number: String,
}

/// Splits a batch into consecutive runs in which no record identity repeats.
fn distinct_runs(prepared: &[Prepared]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut seen = HashSet::new();
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
fn plan<'a>(chunk: &'a [Prepared], found: Vec<ExistingRow>, outcome: &mut BatchOutcome) -> Vec<(&'a Prepared, bool)> {
    let stored: HashMap<(&str, &str, &str), &ExistingRow> =
        found.iter().map(|row| ((row.office.as_str(), row.kind.as_str(), row.number.as_str()), row)).collect();
    let mut plan = Vec::with_capacity(chunk.len());
    for p in chunk {
        match stored.get(&p.identity()) {
            Some(row) if row.content_hash == p.document.hash => outcome.unchanged += 1,
            Some(row) => {
                outcome.updated += 1;
                plan.push((p, row.status != p.summary.status || row.raw_status != p.summary.raw_status));
            }
            None => {
                outcome.inserted += 1;
                plan.push((p, true));
            }
        }
    }
    plan
}

/// The (record id, summary) of every planned record whose status changed, given the rows the
/// upsert returned.
fn status_changes<'a>(plan: &[(&'a Prepared, bool)], ids: &[UpsertedRow]) -> Vec<(i64, &'a RecordSummary)> {
    let by_identity: HashMap<(&str, &str, &str), i64> =
        ids.iter().map(|row| ((row.office.as_str(), row.kind.as_str(), row.number.as_str()), row.id)).collect();
    plan.iter()
        .filter(|(_, changed)| *changed)
        .filter_map(|(p, _)| by_identity.get(&p.identity()).map(|id| (*id, &p.summary)))
        .collect()
}

/// A record serialised once: the JSON stored and its SHA-256, which tells unchanged re-imports apart.
struct Document {
    text: String,
    hash: String,
}

impl Document {
    fn of(record: &Record) -> StoreResult<Self> {
        use sha2::{Digest, Sha256};
        let text = serde_json::to_string(record).map_err(StoreError::Encode)?;
        let hash = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        Ok(Self { text, hash })
    }

    /// The JSON, as a raw value both backends store verbatim (SQLite as text, PostgreSQL as JSONB).
    fn json(&self) -> StoreResult<&RawValue> {
        serde_json::from_str(&self.text).map_err(StoreError::Encode)
    }
}

/// An `import_rejections` row.
#[derive(sqlx::FromRow)]
struct RejectionRow {
    source: String,
    position: Option<String>,
    record_id: Option<String>,
    field: Option<String>,
    reason: String,
    message: String,
}

impl From<RejectionRow> for Rejection {
    fn from(row: RejectionRow) -> Self {
        Rejection {
            source: row.source,
            position: row.position,
            record_id: row.record_id,
            field: row.field,
            reason: row.reason,
            message: row.message,
        }
    }
}

/// A stored record, without its summary columns.
#[derive(sqlx::FromRow)]
struct RecordRow {
    id: i64,
    document: Json<Record>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A `record_status_history` row.
#[derive(sqlx::FromRow)]
struct StatusChangeRow {
    status: Option<String>,
    raw_status: Option<String>,
    status_date: Option<NaiveDate>,
    import_id: i64,
    recorded_at: DateTime<Utc>,
}

impl From<StatusChangeRow> for StatusChange {
    fn from(row: StatusChangeRow) -> Self {
        StatusChange {
            status: row.status,
            raw_status: row.raw_status,
            status_date: row.status_date,
            import_id: ImportId::new(row.import_id),
            recorded_at: row.recorded_at,
        }
    }
}

/// A record's identity and summary columns.
#[derive(sqlx::FromRow)]
struct ListingRow {
    kind: String,
    office: String,
    number: String,
    title: Option<String>,
    status: Option<String>,
    owners: Option<String>,
}

impl ListingRow {
    /// The model value; [`StoreError::Corrupt`] for an office or kind this version cannot read.
    fn into_model(self) -> StoreResult<RecordListing> {
        let office = OfficeCode::parse(&self.office)
            .map_err(|_| StoreError::Corrupt { field: "records.office", value: self.office.clone() })?;
        let kind = RecordKind::parse(&self.kind)
            .map_err(|_| StoreError::Corrupt { field: "records.kind", value: self.kind.clone() })?;
        Ok(RecordListing {
            key: RecordKey { office, kind, number: self.number },
            title: self.title,
            status: self.status,
            owners: self.owners,
        })
    }
}

/// A record as the change journal reads it.
#[derive(sqlx::FromRow)]
struct ChangeRow {
    change_seq: i64,
    document: Json<Record>,
}
