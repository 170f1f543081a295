//! The one record model for trademarks and patents from any office.
//!
//! Every reader in `zhichan-ingest` produces these types whatever the source format, so the store,
//! the search index and the watch engine see one shape. They are plain serde data: no IO, and no
//! rule beyond what a value must look like. A record is identified by [`RecordKey`]: office, kind
//! and the office's number.

mod common;
mod patent;
mod trademark;

pub use common::{Address, LocalizedText, OfficeCode, Party, PriorityClaim, RecordKey, RecordKind};
pub use patent::{Citation, Patent, PatentDates};
pub use trademark::{
    MadridInfo, MarkEvent, MarkKind, MarkStatus, NiceClass, Trademark, TrademarkDates,
    TrademarkStatus,
};

use serde::{Deserialize, Serialize};

/// One IP record of either kind, as yielded by a reader.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    /// A trademark application or registration.
    Trademark(Box<Trademark>),
    /// A patent grant or application publication.
    Patent(Box<Patent>),
}

impl Record {
    /// The identity of the record.
    pub fn key(&self) -> RecordKey {
        match self {
            Record::Trademark(t) => t.key(),
            Record::Patent(p) => p.key(),
        }
    }

    /// The trademark, if this is one.
    pub fn as_trademark(&self) -> Option<&Trademark> {
        match self {
            Record::Trademark(t) => Some(t),
            Record::Patent(_) => None,
        }
    }

    /// The patent, if this is one.
    pub fn as_patent(&self) -> Option<&Patent> {
        match self {
            Record::Patent(p) => Some(p),
            Record::Trademark(_) => None,
        }
    }
}

impl From<Trademark> for Record {
    fn from(value: Trademark) -> Self {
        Record::Trademark(Box::new(value))
    }
}

impl From<Patent> for Record {
    fn from(value: Patent) -> Self {
        Record::Patent(Box::new(value))
    }
}
