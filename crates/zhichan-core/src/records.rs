//! Reading IP records. Registers are public information: anyone may read a record.

use zhichan_domain::office::OfficeCode;
use zhichan_domain::records::{RecordKey, RecordKind, RecordListing, StoredRecord};

use crate::{Core, CoreError, CoreResult};

impl Core {
    /// The record of `kind` with `office`'s `number` (application number for trademarks,
    /// publication number for patents), with its status history.
    pub async fn record(&self, kind: RecordKind, office: &str, number: &str) -> CoreResult<StoredRecord> {
        let number = number.trim();
        let office = OfficeCode::parse(&office.trim().to_ascii_uppercase());
        let (Ok(office), false) = (office, number.is_empty() || number.len() > 64) else {
            return Err(CoreError::NotFound("record"));
        };
        let key = RecordKey { office, kind, number: number.to_owned() };
        self.store.record(&key).await?.ok_or(CoreError::NotFound("record"))
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
    pub async fn recent_records(&self, limit: u32) -> CoreResult<Vec<RecordListing>> {
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
