//! IP records (trademarks and patents of any office) with their status history, and the import
//! runs that brought them in.
//!
//! A record is stored whole as JSON (the domain model is the document) beside a few summary
//! columns for listing and filtering. Identity is (office, kind, number): storing a record again
//! updates it in place; an unchanged document is recognised by its hash and left alone; a changed
//! status appends to the record's status history.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use zhichan_domain::records::{Record, RecordKind};

use crate::{AuditEntry, StoreResult};

/// What storing one batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchOutcome {
    /// Records seen for the first time.
    pub inserted: u64,
    /// Known records whose content changed.
    pub updated: u64,
    /// Known records stored again unchanged.
    pub unchanged: u64,
}

impl std::ops::AddAssign for BatchOutcome {
    fn add_assign(&mut self, other: Self) {
        self.inserted += other.inserted;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }
}

/// A record an import could not take, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The file (or `file!member` inside an archive).
    pub source: String,
    /// Line or byte offset, as text (`line 12`, `byte 5301`).
    pub position: Option<String>,
    /// The record's own id, when it could be read.
    pub record_id: Option<String>,
    /// The field at fault.
    pub field: Option<String>,
    /// A stable reason code (`malformed_xml`, `missing_field`, …).
    pub reason: String,
    /// The whole explanation.
    pub message: String,
}

/// Counts of an import run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportTotals {
    /// Records read from the sources (good or bad).
    pub read: u64,
    /// Stored records, by effect.
    pub stored: BatchOutcome,
    /// Records rejected.
    pub rejected: u64,
}

/// How an import run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// Every record was stored.
    Complete,
    /// Some records were rejected; the rest were stored.
    WithRejections,
    /// Stopped early (`--strict` and an error, or a failure); batches stored before the stop remain.
    Stopped,
}

impl ImportOutcome {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ImportOutcome::Complete => "complete",
            ImportOutcome::WithRejections => "with_rejections",
            ImportOutcome::Stopped => "stopped",
        }
    }
}

/// One change of a record's status, as recorded by the import that saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    /// Normalised status.
    pub status: Option<String>,
    /// The office's own status.
    pub raw_status: Option<String>,
    /// The date the office gives for the status.
    pub status_date: Option<NaiveDate>,
    /// The import that saw it.
    pub import_id: i64,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// A record as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredRecord {
    /// Store id.
    pub id: i64,
    /// The record.
    pub record: Record,
    /// Status changes, oldest first.
    pub history: Vec<StatusChange>,
    /// First stored.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A record as listed: identity and summary, without the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordListing {
    /// `trademark` or `patent`.
    pub kind: String,
    /// Office code.
    pub office: String,
    /// Application (trademarks) or publication (patents) number.
    pub number: String,
    /// Mark text or title.
    pub title: Option<String>,
    /// Normalised status.
    pub status: Option<String>,
    /// Owners, `; `-separated.
    pub owners: Option<String>,
}

/// The columns kept beside the document for listing and filtering.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordSummary {
    /// Mark text or first title.
    pub title: Option<String>,
    /// Normalised status (`registered`, `granted`, …).
    pub status: Option<String>,
    /// The office's status text.
    pub raw_status: Option<String>,
    /// The date the office gives for the status.
    pub status_date: Option<NaiveDate>,
    /// Filing date.
    pub filing_date: Option<NaiveDate>,
    /// Publication date.
    pub publication_date: Option<NaiveDate>,
    /// Registration or grant date.
    pub registration_date: Option<NaiveDate>,
    /// Owner or applicant names, `; `-separated.
    pub owners: String,
    /// Nice classes or IPC symbols, space-separated.
    pub classes: String,
}

impl RecordSummary {
    /// The summary of `record`.
    pub fn of(record: &Record) -> Self {
        let names = |parties: &[zhichan_domain::records::Party]| {
            parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("; ")
        };
        match record {
            Record::Trademark(t) => Self {
                title: t.mark_text.clone(),
                status: Some(enum_code(&t.status.stage)),
                raw_status: t.status.raw.clone(),
                status_date: t.status.date,
                filing_date: t.dates.filing,
                publication_date: t.dates.publication,
                registration_date: t.dates.registration,
                owners: names(&t.owners),
                classes: t.classes.iter().map(|c| c.number.to_string()).collect::<Vec<_>>().join(" "),
            },
            Record::Patent(p) => Self {
                title: p.titles.first().map(|t| t.text.clone()),
                status: Some(if p.is_grant() { "granted" } else { "published" }.to_owned()),
                raw_status: p.kind_code.clone(),
                status_date: p.dates.grant.or(p.dates.publication),
                filing_date: p.dates.filing,
                publication_date: p.dates.publication,
                registration_date: p.dates.grant,
                owners: names(if p.assignees.is_empty() { &p.applicants } else { &p.assignees }),
                classes: p.ipc.join(" "),
            },
        }
    }
}

/// The snake_case code serde gives a unit enum variant.
fn enum_code(value: &impl Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The stable code of a record kind.
pub fn kind_code(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Trademark => "trademark",
        RecordKind::Patent => "patent",
    }
}

/// Persistence of IP records and import runs.
#[async_trait]
pub trait RecordStore: Send + Sync {
    /// Opens an import run over `sources`.
    async fn start_import(&self, sources: &str, actor_user_id: Option<i64>, at: DateTime<Utc>) -> StoreResult<i64>;
    /// Stores a batch of records in one transaction: all of it or none of it.
    async fn store_records(&self, import_id: i64, records: &[Record], at: DateTime<Utc>) -> StoreResult<BatchOutcome>;
    /// Keeps the rejections of an import, numbered from `first_seq`.
    async fn add_rejections(&self, import_id: i64, first_seq: u64, rejections: &[Rejection]) -> StoreResult<()>;
    /// Closes an import run with its totals and its audit entry.
    async fn finish_import(
        &self,
        import_id: i64,
        totals: ImportTotals,
        outcome: ImportOutcome,
        audit: AuditEntry,
    ) -> StoreResult<()>;
    /// The rejections of an import, in order.
    async fn rejections(&self, import_id: i64) -> StoreResult<Vec<Rejection>>;
    /// One record by identity.
    async fn record(&self, office: &str, kind: RecordKind, number: &str) -> StoreResult<Option<StoredRecord>>;
    /// The most recently changed records, newest first, for browsing.
    async fn recent_records(&self, limit: u32) -> StoreResult<Vec<RecordListing>>;
    /// How many records of `kind` are stored.
    async fn count_records(&self, kind: RecordKind) -> StoreResult<i64>;
    /// The change journal: records inserted or changed after journal number `after`, in journal
    /// order, at most `limit`. A record appears once, at its latest change.
    async fn changes_since(&self, after: i64, limit: u32) -> StoreResult<Vec<RecordChange>>;
    /// The highest journal number handed out so far (0 before any record).
    async fn journal_head(&self) -> StoreResult<i64>;
}

/// A record as the change journal hands it out.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordChange {
    /// Its journal number: higher is later.
    pub seq: i64,
    /// The record as now stored.
    pub record: Record,
}
