//! What suggests a filing is squatting rather than a chance likeness.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{PartyRelation, Unreadable, WatchPartyId};
use crate::OfficeCode;

/// A squatting signal of a mark alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "details", rename_all = "snake_case")]
pub enum Signal {
    /// An applicant is one of the organisation's declared distributors, agents or known squatters.
    DeclaredParty {
        /// The declared party.
        party_id: WatchPartyId,
        /// Its name as declared.
        name: String,
        /// How it relates to the organisation.
        relation: PartyRelation,
    },
    /// An applicant's filings in one watch run alert on watched marks of several organisations.
    SerialFiler {
        /// The applicant's name as filed.
        applicant: String,
        /// Its alerting filings in the run.
        filings: usize,
        /// The organisations whose marks they match.
        organisations: usize,
    },
    /// The filing protects the mark where none of the organisation's own marks does: the filer
    /// would hold the only right there.
    NoOwnMark {
        /// Where the filing protects the mark and the organisation holds nothing.
        territories: Vec<OfficeCode>,
        /// Where the organisation's own marks are (Madrid designations included).
        own_offices: Vec<OfficeCode>,
    },
    /// An entry this version cannot read, with its stored text.
    #[serde(untagged)]
    Unreadable(Unreadable),
}

impl Signal {
    /// A stable snake_case code for translation.
    pub fn code(&self) -> &str {
        match self {
            Self::DeclaredParty { .. } => "declared_party",
            Self::SerialFiler { .. } => "serial_filer",
            Self::NoOwnMark { .. } => "no_own_mark",
            Self::Unreadable(entry) => &entry.code,
        }
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |offices: &[OfficeCode]| offices.iter().map(|o| o.as_str()).collect::<Vec<_>>().join(", ");
        match self {
            Self::DeclaredParty { name, relation, .. } => {
                write!(f, "the applicant {name} is the organisation's declared {relation}")
            }
            Self::SerialFiler { applicant, filings, organisations } => write!(
                f,
                "the applicant {applicant} filed {filings} marks in this run that match watched marks of \
                 {organisations} organisations"
            ),
            Self::NoOwnMark { territories, own_offices } => {
                let held = if own_offices.is_empty() { "none found".to_owned() } else { join(own_offices) };
                write!(f, "the organisation holds no mark of its own in {} (its own marks: {held})", join(territories))
            }
            Self::Unreadable(entry) => f.write_str(&entry.text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_of_earlier_versions_read_back() {
        let stored = r#"[
            {"code":"declared_party","text":"…","details":{"party_id":1,"name":"Euro Trade GmbH","relation":"distributor"}},
            {"code":"serial_filer","text":"…","details":{"applicant":"X","filings":3,"organisations":2}},
            {"code":"no_own_mark","text":"…","details":{"territories":["DE","FR"],"own_offices":[]}}
        ]"#;
        let signals: Vec<Signal> = serde_json::from_str(stored).expect("earlier signals read");
        assert!(matches!(&signals[0], Signal::DeclaredParty { relation: PartyRelation::Distributor, .. }));
        assert!(matches!(&signals[1], Signal::SerialFiler { filings: 3, organisations: 2, .. }));
        assert_eq!(
            signals[2].to_string(),
            "the organisation holds no mark of its own in DE, FR (its own marks: none found)"
        );
        let written = serde_json::to_string(&signals[0]).expect("serialises");
        assert_eq!(
            written,
            r#"{"code":"declared_party","details":{"party_id":1,"name":"Euro Trade GmbH","relation":"distributor"}}"#
        );
    }
}
