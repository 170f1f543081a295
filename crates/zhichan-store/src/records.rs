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
use zhichan_domain::import::{BatchOutcome, ImportId, ImportOutcome, ImportTotals, Rejection};
use zhichan_domain::records::{Record, RecordChange, RecordKey, RecordKind, RecordListing, StoredRecord};
use zhichan_domain::{AuditEntry, UserId};

use crate::StoreResult;

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

/// Persistence of IP records and import runs.
#[async_trait]
pub trait RecordStore: Send + Sync {
    /// Opens an import run over `sources`.
    async fn start_import(
        &self,
        sources: &str,
        actor_user_id: Option<UserId>,
        at: DateTime<Utc>,
    ) -> StoreResult<ImportId>;
    /// Stores a batch of records in one transaction: all of it or none of it.
    async fn store_records(
        &self,
        import_id: ImportId,
        records: &[Record],
        at: DateTime<Utc>,
    ) -> StoreResult<BatchOutcome>;
    /// Keeps the rejections of an import, numbered from `first_seq`.
    async fn add_rejections(&self, import_id: ImportId, first_seq: u64, rejections: &[Rejection]) -> StoreResult<()>;
    /// Closes an import run with its totals and its audit entry.
    async fn finish_import(
        &self,
        import_id: ImportId,
        totals: ImportTotals,
        outcome: ImportOutcome,
        audit: AuditEntry,
    ) -> StoreResult<()>;
    /// The rejections of an import, in order.
    async fn rejections(&self, import_id: ImportId) -> StoreResult<Vec<Rejection>>;
    /// One record by identity.
    async fn record(&self, key: &RecordKey) -> StoreResult<Option<StoredRecord>>;
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
