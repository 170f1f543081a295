//! The one record model for trademarks and patents from any office.
//!
//! Every reader in `zhichan-ingest` produces these types whatever the source format, so the store,
//! the search index and the watch engine see one shape. They are plain serde data: no IO, and no
//! rule beyond what a value must look like. A record is identified by [`RecordKey`]: office, kind
//! and the office's number.

mod common;
mod patent;
mod stored;
mod trademark;

pub use common::{Address, LocalizedText, Party, PriorityClaim, RecordKey, RecordKind};
pub use patent::{Citation, Patent, PatentDates};
pub use stored::{RecordChange, RecordListing, StatusChange, StoredRecord};
pub use trademark::{
    ClassEntry, MadridInfo, MarkEvent, MarkKind, MarkStatus, Trademark, TrademarkDates, TrademarkStatus,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nice::NiceClass;
    use crate::office::OfficeCode;

    fn mark() -> Record {
        let mut mark = Trademark::new(OfficeCode::parse("US").expect("valid"), "98763166");
        mark.classes.push(ClassEntry::new(NiceClass::new(16).expect("valid")));
        mark.into()
    }

    #[test]
    fn office_and_class_serialise_as_plain_values_and_round_trip() {
        let json = serde_json::to_value(mark()).expect("serialisable");
        assert_eq!(json["kind"], "trademark");
        assert_eq!(json["office"], "US");
        assert_eq!(json["classes"][0]["number"], 16);
        let back: Record = serde_json::from_value(json).expect("deserialisable");
        assert_eq!(back, mark());
        assert_eq!(back.key().office.as_str(), "US");
    }

    #[test]
    fn deserialising_validates_office_and_class() {
        let json = serde_json::to_value(mark()).expect("serialisable");
        for (pointer, bad) in [
            ("/office", serde_json::json!("us")),
            ("/office", serde_json::json!("USA")),
            ("/classes/0/number", serde_json::json!(46)),
            ("/classes/0/number", serde_json::json!(0)),
        ] {
            let mut json = json.clone();
            *json.pointer_mut(pointer).expect("present") = bad.clone();
            assert!(serde_json::from_value::<Record>(json).is_err(), "{pointer} = {bad} accepted");
        }
    }
}
