//! Small types shared by trademark and patent records.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::InvalidValue;
use crate::office::OfficeCode;

/// Which kind of IP right a record describes. Its one text form is [`RecordKind::code`]
/// (`trademark`, `patent`), as serde writes it too: the store's `kind` columns, the search
/// index's facet, the API and the pages all use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A trademark (application or registration).
    Trademark,
    /// A patent (application publication or grant).
    Patent,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 2] = [Self::Trademark, Self::Patent];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Trademark => "trademark",
            Self::Patent => "patent",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> Result<Self, InvalidValue> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.code() == code.trim())
            .ok_or_else(|| InvalidValue::new("kind", "trademark or patent"))
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The identity of a record: the same right read twice (another day's file, another format)
/// has the same key, which is what lets an import update instead of duplicate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RecordKey {
    /// The office that holds the record.
    pub office: OfficeCode,
    /// Trademark or patent.
    pub kind: RecordKind,
    /// The office's number: application number for trademarks, publication number for patents.
    pub number: String,
}

/// The key's compact form, `office/tm|pat/number`: the search index's document id, kept as
/// indexes already hold it (the kind's own text form is [`RecordKind::code`]).
impl fmt::Display for RecordKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            RecordKind::Trademark => "tm",
            RecordKind::Patent => "pat",
        };
        write!(f, "{}/{kind}/{}", self.office, self.number)
    }
}

/// A text together with its language, as offices publish several languages side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedText {
    /// Language code as given by the source (ISO 639-1 such as `en`, `fr`, `zh`), lower case;
    /// `None` when the source does not say.
    pub language: Option<String>,
    /// The text, verbatim apart from collapsed whitespace.
    pub text: String,
}

impl LocalizedText {
    /// A text in `language` (lower-cased; empty means unknown).
    pub fn new(language: Option<&str>, text: impl Into<String>) -> Self {
        let language = language.map(|l| l.trim().to_ascii_lowercase()).filter(|l| !l.is_empty());
        Self { language, text: text.into() }
    }
}

/// A postal address, structured as far as the source allows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Street lines, in order.
    pub lines: Vec<String>,
    /// City or town.
    pub city: Option<String>,
    /// State, province or region.
    pub region: Option<String>,
    /// Postal code.
    pub postcode: Option<String>,
    /// Country code (ISO 3166 / ST.3), upper case as given.
    pub country: Option<String>,
}

impl Address {
    /// Whether nothing is known about the address.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
            && self.city.is_none()
            && self.region.is_none()
            && self.postcode.is_none()
            && self.country.is_none()
    }
}

/// A person or organisation named on a record: owner, representative.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// The name as the office prints it.
    pub name: String,
    /// Nationality or country of incorporation, when given separately from the address.
    pub country: Option<String>,
    /// The postal address, when given.
    pub address: Option<Address>,
}

/// A priority claim: an earlier filing elsewhere whose date the application borrows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityClaim {
    /// Country or office of the earlier filing.
    pub country: Option<String>,
    /// Number of the earlier filing.
    pub number: Option<String>,
    /// Date of the earlier filing.
    pub date: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_key_displays_office_kind_number() {
        let key = RecordKey {
            office: OfficeCode::parse("CN").expect("valid"),
            kind: RecordKind::Patent,
            number: "CN117151122A".into(),
        };
        assert_eq!(key.to_string(), "CN/pat/CN117151122A");
    }

    #[test]
    fn record_kinds_round_trip_through_their_code() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.code()), Ok(kind));
            assert_eq!(serde_json::to_value(kind).expect("serialisable"), kind.code());
        }
        assert_eq!(RecordKind::parse("tm").unwrap_err().field, "kind");
    }

    #[test]
    fn localized_text_normalises_language() {
        assert_eq!(LocalizedText::new(Some(" EN "), "x").language.as_deref(), Some("en"));
        assert_eq!(LocalizedText::new(Some(""), "x").language, None);
    }
}
