//! Patent records.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::{LocalizedText, Party, PriorityClaim, RecordKey, RecordKind};
use crate::office::OfficeCode;

/// A patent document: an application publication or a grant.
///
/// A grant and the earlier publication of the same application are two records (two
/// publication numbers); `application_number` and `family_id` relate them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Patent {
    /// The publishing office.
    pub office: OfficeCode,
    /// The publication number as the office writes it, without country prefix or kind code
    /// (`06836899`, `20130014305`).
    pub publication_number: String,
    /// WIPO ST.16 kind code (`A1`, `B1`, `B2`, `S`…).
    pub kind_code: Option<String>,
    /// The application number.
    pub application_number: Option<String>,
    /// Patent family identifier, when the source gives one.
    pub family_id: Option<String>,
    /// Titles, per language.
    pub titles: Vec<LocalizedText>,
    /// Abstracts, per language.
    pub abstracts: Vec<LocalizedText>,
    /// Claims, in order, as plain text.
    pub claims: Vec<String>,
    /// The description as plain text, paragraphs separated by blank lines.
    pub description: Option<String>,
    /// Applicants.
    pub applicants: Vec<Party>,
    /// Assignees (owners) at publication.
    pub assignees: Vec<Party>,
    /// Inventors.
    pub inventors: Vec<Party>,
    /// IPC symbols, normalised to `A45F 5/04` style where the source allows.
    pub ipc: Vec<String>,
    /// CPC symbols, same style.
    pub cpc: Vec<String>,
    /// Key dates.
    pub dates: PatentDates,
    /// Earlier filings whose date is claimed.
    pub priority_claims: Vec<PriorityClaim>,
    /// Documents cited against or by this one.
    pub citations: Vec<Citation>,
}

impl Patent {
    /// A record with only its identity set; readers fill in the rest.
    pub fn new(office: OfficeCode, publication_number: impl Into<String>) -> Self {
        Self {
            office,
            publication_number: publication_number.into(),
            kind_code: None,
            application_number: None,
            family_id: None,
            titles: Vec::new(),
            abstracts: Vec::new(),
            claims: Vec::new(),
            description: None,
            applicants: Vec::new(),
            assignees: Vec::new(),
            inventors: Vec::new(),
            ipc: Vec::new(),
            cpc: Vec::new(),
            dates: PatentDates::default(),
            priority_claims: Vec::new(),
            citations: Vec::new(),
        }
    }

    /// Identity: office, patent, publication number.
    pub fn key(&self) -> RecordKey {
        RecordKey { office: self.office, kind: RecordKind::Patent, number: self.publication_number.clone() }
    }

    /// Whether the document is a grant rather than an application publication: readers set a
    /// grant date only on grants.
    pub fn is_grant(&self) -> bool {
        self.dates.grant.is_some()
    }
}

/// Key dates of a patent document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatentDates {
    /// Application filing date.
    pub filing: Option<NaiveDate>,
    /// Publication date of this document.
    pub publication: Option<NaiveDate>,
    /// Grant date, for granted patents.
    pub grant: Option<NaiveDate>,
}

/// A cited document: a patent (country + number) or non-patent literature (text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// Country or office of a cited patent.
    pub country: Option<String>,
    /// Number of a cited patent.
    pub number: Option<String>,
    /// Kind code of a cited patent.
    pub kind: Option<String>,
    /// First-named patentee, as printed.
    pub name: Option<String>,
    /// Publication date; `None` when only a month is given.
    pub date: Option<NaiveDate>,
    /// Who cited it (e.g. `cited by examiner`).
    pub category: Option<String>,
    /// Bibliographic text of a non-patent citation.
    pub text: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_uses_publication_number() {
        let patent = Patent::new(OfficeCode::parse("US").expect("valid"), "06836899");
        assert_eq!(patent.key().to_string(), "US/pat/06836899");
        assert!(!patent.is_grant());
    }
}
