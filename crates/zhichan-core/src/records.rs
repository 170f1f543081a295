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
