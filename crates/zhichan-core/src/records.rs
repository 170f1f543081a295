//! Reading IP records. Registers are public information: anyone may read a record.

use zhichan_domain::records::RecordKind;
use zhichan_store::records::StoredRecord;

use crate::{Core, CoreError, CoreResult};

impl Core {
    /// The record of `kind` with `office`'s `number` (application number for trademarks,
    /// publication number for patents), with its status history.
    pub async fn record(&self, kind: RecordKind, office: &str, number: &str) -> CoreResult<StoredRecord> {
        let office = office.trim().to_ascii_uppercase();
        let number = number.trim();
        if office.len() != 2 || number.is_empty() || number.len() > 64 {
            return Err(CoreError::NotFound("record"));
        }
        self.store.record(&office, kind, number).await?.ok_or(CoreError::NotFound("record"))
    }
}

/// How many records the registers hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordCounts {
    /// Trademarks.
    pub trademarks: i64,
    /// Patent documents.
    pub patents: i64,
}

impl Core {
    /// The most recently imported or changed records, newest first (at most 100).
    pub async fn recent_records(&self, limit: u32) -> CoreResult<Vec<zhichan_store::records::RecordListing>> {
        Ok(self.store.recent_records(limit.min(100)).await?)
    }

    /// How many records the registers hold.
    pub async fn record_counts(&self) -> CoreResult<RecordCounts> {
        Ok(RecordCounts {
            trademarks: self.store.count_records(RecordKind::Trademark).await?,
            patents: self.store.count_records(RecordKind::Patent).await?,
        })
    }
}
