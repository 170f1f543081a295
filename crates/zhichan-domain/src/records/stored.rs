//! Records as the platform keeps them: with their status history, as listed, and as the change
//! journal hands them out.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{Record, RecordKey};
use crate::import::ImportId;

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
    pub import_id: ImportId,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// A record as kept.
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
    /// Office, kind and number.
    #[serde(flatten)]
    pub key: RecordKey,
    /// Mark text or title.
    pub title: Option<String>,
    /// Normalised status.
    pub status: Option<String>,
    /// Owners, `; `-separated.
    pub owners: Option<String>,
}

/// A record as the change journal hands it out.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordChange {
    /// Its journal number: higher is later.
    pub seq: i64,
    /// The record as now stored.
    pub record: Record,
}
