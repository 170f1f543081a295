//! Conflicts of interest: the ties an expert declares to parties, how serious each is, and what
//! they mean for appointing the expert to a case with given parties.
//!
//! The grading follows the IBA Guidelines on Conflicts of Interest in International Arbitration
//! (2024): a red tie refuses the appointment (the non-waivable red list, and the waivable one,
//! whose waiver the platform does not take), an orange tie must be disclosed and the parties must
//! consent, a green tie is noted and needs nothing.
//!
//! | tie                   | while it lasts          | IBA list |
//! |-----------------------|-------------------------|----------|
//! | `officer`             | red, not waivable       | 1.2      |
//! | `employee`            | red, not waivable       | 1.1      |
//! | `owner`               | red, not waivable       | 1.2, 1.3 |
//! | `financial_interest`  | red, not waivable       | 1.3      |
//! | `adviser`             | red, waivable           | 2.3.1    |
//! | `former_adviser`      | orange                  | 3.1.1    |
//! | `counsel_colleague`   | orange                  | 3.3.3    |
//! | `repeat_appointments` | orange                  | 3.1.3    |
//! | `general_opinion`     | green                   | 4.1.1    |
//!
//! **Time.** A tie whose `until` date is before today has ended. An ended tie is orange while it
//! ended within the last three years ([`LOOK_BACK_MONTHS`]; a green tie stays green) and green
//! once it ended longer ago — the Guidelines' three-year look-back. A tie without `until` lasts;
//! a `former_adviser` tie without `until` (the end not known) is therefore orange.

use std::fmt;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::names::concerns;
use super::{MAX_NAME_CHARS, MAX_NOTE_CHARS, text};
use crate::case::CaseParty;
use crate::expertise::vocabulary;
use crate::id::id_type;
use crate::{InvalidValue, OrgId, UserId};

/// How far back an ended tie still counts as orange: three years.
pub const LOOK_BACK_MONTHS: u32 = 36;

id_type!(
    /// The id of a declared affiliation.
    AffiliationId
);

vocabulary!(
    /// How serious a tie is, least first.
    ConflictLevel, "level" {
        /// Noted; needs nothing.
        Green = "green",
        /// Disclosed to the parties; the appointment needs their consent.
        Orange = "orange",
        /// The appointment is refused.
        Red = "red",
    }
);

vocabulary!(
    /// The kind of tie an expert declares to a party (the table in the module docs).
    Tie, "tie" {
        /// Is an officer, director or board member of the party.
        Officer = "officer",
        /// Is employed by the party, or is its legal representative.
        Employee = "employee",
        /// Owns or controls the party.
        Owner = "owner",
        /// Has a significant financial interest in the party or in the outcome of its matter.
        FinancialInterest = "financial_interest",
        /// Currently advises or represents the party.
        Adviser = "adviser",
        /// Advised or represented the party in the past.
        FormerAdviser = "former_adviser",
        /// Works in the same firm as the party's counsel.
        CounselColleague = "counsel_colleague",
        /// Was appointed (as expert, mediator or investigator) by the party twice or more within
        /// three years.
        RepeatAppointments = "repeat_appointments",
        /// Published a general opinion (an article, a lecture) on an issue in the party's matter,
        /// not on the case itself.
        GeneralOpinion = "general_opinion",
    }
);

impl Tie {
    /// The level of the tie while it lasts.
    pub fn level(self) -> ConflictLevel {
        match self {
            Self::Officer | Self::Employee | Self::Owner | Self::FinancialInterest | Self::Adviser => {
                ConflictLevel::Red
            }
            Self::FormerAdviser | Self::CounselColleague | Self::RepeatAppointments => ConflictLevel::Orange,
            Self::GeneralOpinion => ConflictLevel::Green,
        }
    }

    /// Whether the parties could waive the tie were it red (the IBA waivable red list).
    pub fn waivable(self) -> bool {
        self.level() != ConflictLevel::Red || self == Self::Adviser
    }
}

/// A tie an expert declared to a party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Affiliation {
    /// Store-assigned id.
    pub id: AffiliationId,
    /// The expert who declared it.
    pub user_id: UserId,
    /// The party, when it is an organisation of the platform.
    pub organisation_id: Option<OrgId>,
    /// The party's name as the expert wrote it.
    pub party_name: String,
    /// The kind of tie.
    pub tie: Tie,
    /// Since when, if known.
    pub since: Option<NaiveDate>,
    /// Until when; `None` while it lasts.
    pub until: Option<NaiveDate>,
    /// Anything the expert adds.
    pub note: String,
}

impl Affiliation {
    /// The tie's level on `today` (the time rule in the module docs).
    pub fn level(&self, today: NaiveDate) -> ConflictLevel {
        let current = self.tie.level();
        match self.until {
            Some(until) if until < today => {
                let look_back = today.checked_sub_months(Months::new(LOOK_BACK_MONTHS)).unwrap_or(NaiveDate::MIN);
                if until >= look_back { current.min(ConflictLevel::Orange) } else { ConflictLevel::Green }
            }
            _ => current,
        }
    }

    /// Whether the tie has ended by `today`.
    pub fn ended(&self, today: NaiveDate) -> bool {
        self.until.is_some_and(|until| until < today)
    }
}

/// The part of an affiliation the expert declares, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffiliationFields {
    /// The party, when it is an organisation of the platform.
    pub organisation_id: Option<OrgId>,
    /// The party's name, 1 to [`MAX_NAME_CHARS`] characters.
    pub party_name: String,
    /// The kind of tie.
    pub tie: Tie,
    /// Since when.
    pub since: Option<NaiveDate>,
    /// Until when (not before `since`).
    pub until: Option<NaiveDate>,
    /// Up to [`MAX_NOTE_CHARS`] characters.
    pub note: String,
}

impl AffiliationFields {
    /// Validates an affiliation as typed: the party's name, a tie code, dates as `YYYY-MM-DD`
    /// (empty: not known / still lasting) with `until` not before `since`, and a note.
    pub fn parse(
        organisation_id: Option<OrgId>,
        party_name: &str,
        tie: &str,
        since: &str,
        until: &str,
        note: &str,
    ) -> Result<Self, InvalidValue> {
        let since = date("since", since)?;
        let until = date("until", until)?;
        if let (Some(since), Some(until)) = (since, until)
            && until < since
        {
            return Err(InvalidValue::new("until", format!("a date on or after since ({since})")));
        }
        Ok(Self {
            organisation_id,
            party_name: text("party_name", party_name, 1, MAX_NAME_CHARS)?,
            tie: Tie::parse(tie)?,
            since,
            until,
            note: text("note", note, 0, MAX_NOTE_CHARS)?,
        })
    }
}

/// A date typed as `YYYY-MM-DD`; empty is none.
fn date(field: &'static str, input: &str) -> Result<Option<NaiveDate>, InvalidValue> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(input, "%Y-%m-%d").map(Some).map_err(|_| InvalidValue::new(field, "a date as YYYY-MM-DD"))
}

/// A declared tie that concerns one of a case's parties, with its level on the day assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictTie {
    /// The declaration.
    pub affiliation: Affiliation,
    /// Its level on the day assessed.
    pub level: ConflictLevel,
    /// The party it concerns, as the case names it.
    pub party_name: String,
}

impl ConflictTie {
    /// Whether the parties could waive it (always, unless it is red and on the non-waivable list).
    pub fn waivable(&self) -> bool {
        self.level != ConflictLevel::Red || self.affiliation.tie.waivable()
    }
}

impl fmt::Display for ConflictTie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} ({}", self.affiliation.tie, self.party_name, self.level)?;
        if !self.waivable() {
            f.write_str(", not waivable")?;
        }
        f.write_str(")")
    }
}

/// What an expert's declared ties mean for a case with given parties.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConflictAssessment {
    /// The ties that concern a party, worst first.
    pub ties: Vec<ConflictTie>,
}

impl ConflictAssessment {
    /// The worst level among the ties; `None` when no tie concerns a party.
    pub fn level(&self) -> Option<ConflictLevel> {
        self.ties.iter().map(|tie| tie.level).max()
    }

    /// Whether the appointment is refused: a red tie.
    pub fn refused(&self) -> bool {
        self.level() == Some(ConflictLevel::Red)
    }

    /// Whether the appointment needs the parties' consent after disclosure: an orange tie and
    /// no red one.
    pub fn needs_consent(&self) -> bool {
        self.level() == Some(ConflictLevel::Orange)
    }

    /// The ties of `level`.
    pub fn at(&self, level: ConflictLevel) -> impl Iterator<Item = &ConflictTie> {
        self.ties.iter().filter(move |tie| tie.level == level)
    }
}

impl fmt::Display for ConflictAssessment {
    /// In English, for logs and error messages: the ties at the worst level, or that there are none.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(worst) = self.level() else { return f.write_str("no declared tie to a party") };
        let ties: Vec<String> = self.at(worst).map(ToString::to_string).collect();
        f.write_str(&ties.join("; "))
    }
}

/// Assesses an expert's `affiliations` against a case's `parties` on `today`: every declared tie
/// that concerns a party ([`concerns`]: the same organisation, or the same name once legal forms,
/// case, width and punctuation are set aside), with its level, worst first.
pub fn assess(affiliations: &[Affiliation], parties: &[CaseParty], today: NaiveDate) -> ConflictAssessment {
    let mut ties: Vec<ConflictTie> = affiliations
        .iter()
        .flat_map(|affiliation| {
            parties.iter().filter(|party| concerns(affiliation.organisation_id, &affiliation.party_name, party)).map(
                |party| ConflictTie {
                    affiliation: affiliation.clone(),
                    level: affiliation.level(today),
                    party_name: party.name.clone(),
                },
            )
        })
        .collect();
    ties.sort_by(|a, b| b.level.cmp(&a.level).then(a.affiliation.id.cmp(&b.affiliation.id)));
    ConflictAssessment { ties }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::PartySide;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn affiliation(id: i64, party: &str, tie: Tie, until: Option<NaiveDate>) -> Affiliation {
        Affiliation {
            id: AffiliationId::new(id),
            user_id: UserId::new(1),
            organisation_id: None,
            party_name: party.to_owned(),
            tie,
            since: None,
            until,
            note: String::new(),
        }
    }

    fn party(name: &str) -> CaseParty {
        CaseParty { side: PartySide::Applicant, organisation_id: None, name: name.to_owned(), region: None }
    }

    const TODAY: (i32, u32, u32) = (2026, 6, 15);

    fn today() -> NaiveDate {
        day(TODAY.0, TODAY.1, TODAY.2)
    }

    #[test]
    fn every_tie_has_its_iba_level() {
        let red: Vec<Tie> = Tie::ALL.iter().copied().filter(|t| t.level() == ConflictLevel::Red).collect();
        assert_eq!(red, [Tie::Officer, Tie::Employee, Tie::Owner, Tie::FinancialInterest, Tie::Adviser]);
        assert_eq!(Tie::GeneralOpinion.level(), ConflictLevel::Green);
        assert!(Tie::Adviser.waivable() && !Tie::Owner.waivable() && Tie::FormerAdviser.waivable());
        assert!(ConflictLevel::Green < ConflictLevel::Orange && ConflictLevel::Orange < ConflictLevel::Red);
    }

    #[test]
    fn an_ended_tie_is_orange_for_three_years_then_green() {
        let ended = |tie, until| affiliation(1, "甲", tie, Some(until)).level(today());
        assert_eq!(ended(Tie::Employee, day(2026, 6, 14)), ConflictLevel::Orange, "ended yesterday");
        assert_eq!(ended(Tie::Employee, day(2023, 6, 15)), ConflictLevel::Orange, "exactly three years ago");
        assert_eq!(ended(Tie::Employee, day(2023, 6, 14)), ConflictLevel::Green, "three years and a day");
        assert_eq!(ended(Tie::FormerAdviser, day(2024, 1, 1)), ConflictLevel::Orange);
        assert_eq!(ended(Tie::FormerAdviser, day(2019, 1, 1)), ConflictLevel::Green);
        assert_eq!(ended(Tie::GeneralOpinion, day(2026, 1, 1)), ConflictLevel::Green, "green stays green");
        assert_eq!(ended(Tie::Officer, today()), ConflictLevel::Red, "ends today: still lasts");
        assert_eq!(affiliation(1, "甲", Tie::FormerAdviser, None).level(today()), ConflictLevel::Orange);
        assert_eq!(affiliation(1, "甲", Tie::Owner, Some(day(2030, 1, 1))).level(today()), ConflictLevel::Red);
    }

    #[test]
    fn assessing_finds_the_ties_to_the_parties_worst_first() {
        let affiliations = [
            affiliation(1, "Guangyu Lighting Co., Ltd.", Tie::GeneralOpinion, None),
            affiliation(2, "深圳市海鹰电子科技有限公司", Tie::FormerAdviser, Some(day(2025, 3, 1))),
            affiliation(3, "深圳市海鹰电子科技", Tie::Officer, None),
            affiliation(4, "Someone Else Ltd", Tie::Owner, None),
        ];
        let parties = [party("深圳市海鹰电子科技有限公司"), party("GUANGYU LIGHTING")];
        let assessment = assess(&affiliations, &parties, today());
        let found: Vec<(i64, ConflictLevel)> =
            assessment.ties.iter().map(|t| (t.affiliation.id.get(), t.level)).collect();
        assert_eq!(found, [(3, ConflictLevel::Red), (2, ConflictLevel::Orange), (1, ConflictLevel::Green)]);
        assert_eq!(assessment.ties[0].party_name, "深圳市海鹰电子科技有限公司");
        assert!(assessment.refused() && !assessment.needs_consent());
        assert_eq!(assessment.to_string(), "officer of 深圳市海鹰电子科技有限公司 (red, not waivable)");

        let orange_only = assess(&affiliations[..2], &parties, today());
        assert!(!orange_only.refused() && orange_only.needs_consent());
        let green_only = assess(&affiliations[..1], &parties, today());
        assert_eq!(
            (green_only.level(), green_only.refused(), green_only.needs_consent()),
            (Some(ConflictLevel::Green), false, false)
        );
        let none = assess(&affiliations[3..], &parties, today());
        assert_eq!((none.level(), none.to_string().as_str()), (None, "no declared tie to a party"));
    }

    #[test]
    fn a_current_adviser_is_red_but_waivable() {
        let assessment = assess(&[affiliation(5, "乙方", Tie::Adviser, None)], &[party("乙方")], today());
        assert!(assessment.refused());
        assert!(assessment.ties[0].waivable());
        assert_eq!(assessment.to_string(), "adviser of 乙方 (red)");
    }

    #[test]
    fn affiliations_are_validated() {
        let parsed = AffiliationFields::parse(
            None,
            " 深圳市海鹰电子科技有限公司 ",
            "former_adviser",
            "2021-03-01",
            "2024-02-29",
            "",
        )
        .expect("valid");
        assert_eq!((parsed.since, parsed.until), (Some(day(2021, 3, 1)), Some(day(2024, 2, 29))));
        assert_eq!(parsed.party_name, "深圳市海鹰电子科技有限公司");
        let backwards = AffiliationFields::parse(None, "甲", "owner", "2024-01-01", "2023-01-01", "");
        assert_eq!(backwards.unwrap_err().field, "until");
        assert_eq!(AffiliationFields::parse(None, "甲", "cousin", "", "", "").unwrap_err().field, "tie");
        assert_eq!(AffiliationFields::parse(None, "", "owner", "", "", "").unwrap_err().field, "party_name");
        assert_eq!(AffiliationFields::parse(None, "甲", "owner", "2024/01/01", "", "").unwrap_err().field, "since");
    }
}
