//! Import runs: what storing a batch of records did, the records a run could not take, and how
//! the run ended.

use serde::Serialize;

use crate::id::id_type;

id_type!(
    /// The id of an import run.
    ImportId
);

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
