//! A case as the platform keeps it: kind, state, parties, who works on it, what it is about.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Authority, CaseKind, CaseState, Jurisdiction, Outcome};
use crate::expertise::{Language, Region, TechnicalField};
use crate::id::id_type;
use crate::station::StationId;
use crate::watch::AlertId;
use crate::{OrgId, UserId};

id_type!(
    /// The id of a case.
    CaseId
);

/// Which side of a case a party is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartySide {
    /// Asked for the service (the enterprise, the applicant in a mediation).
    Applicant,
    /// The other side (the respondent in a mediation, the accused infringer).
    Respondent,
}

impl PartySide {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Applicant => "applicant",
            Self::Respondent => "respondent",
        }
    }
}

/// A party to a case: an organisation of the platform, or one known only by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseParty {
    /// Which side.
    pub side: PartySide,
    /// The organisation, when it has an account on the platform (it then sees the case).
    pub organisation_id: Option<OrgId>,
    /// The party's name as written.
    pub name: String,
    /// Where the party sits.
    pub region: Option<Region>,
}

/// What a case is about, beyond its text: the fields a kind uses (others stay empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseParticulars {
    /// The field of the matter: to match an expert, mediator or investigator.
    pub technical_field: Option<TechnicalField>,
    /// The language the case is worked in.
    pub language: Option<Language>,
    /// Technical investigation: the court or agency that asked.
    pub requesting_body: Option<String>,
    /// Enforcement referral: the authority.
    pub authority: Option<Authority>,
    /// Evidence service: the other side.
    pub jurisdiction: Option<Jurisdiction>,
}

/// A case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    /// Store-assigned id.
    pub id: CaseId,
    /// Which service.
    pub kind: CaseKind,
    /// Where it stands.
    pub state: CaseState,
    /// A short title.
    pub title: String,
    /// What happened and what is asked, in the applicant's words.
    pub summary: String,
    /// The station that handles it (the enterprise's by street, else the centre).
    pub station_id: StationId,
    /// The parties.
    pub parties: Vec<CaseParty>,
    /// The expert, mediator, investigator or staff member working on it.
    pub assignee_user_id: Option<UserId>,
    /// Kind-specific particulars.
    pub particulars: CaseParticulars,
    /// Rights assistance: how it ended.
    pub outcome: Option<Outcome>,
    /// Watch alerts escalated into it.
    pub alert_ids: Vec<AlertId>,
    /// Who opened it.
    pub opened_by: Option<UserId>,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
    /// When its state last changed.
    pub state_since: DateTime<Utc>,
    /// When it was last closed (and not reopened since).
    pub closed_at: Option<DateTime<Utc>>,
}

impl Case {
    /// The reference shown to people: the kind's prefix and the number, e.g. `MED-000012`.
    pub fn reference(&self) -> String {
        format!("{}-{:06}", self.kind.prefix(), self.id.get())
    }

    /// Whether the case is finished.
    pub fn is_closed(&self) -> bool {
        self.kind.is_closed(self.state)
    }

    /// The organisations that are parties to the case.
    pub fn party_organisations(&self) -> impl Iterator<Item = OrgId> + '_ {
        self.parties.iter().filter_map(|party| party.organisation_id)
    }
}

/// A case to open, already checked.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCase {
    /// Which service.
    pub kind: CaseKind,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// The station that will handle it.
    pub station_id: StationId,
    /// The parties, applicant first.
    pub parties: Vec<CaseParty>,
    /// Particulars.
    pub particulars: CaseParticulars,
    /// Alerts it carries from the start (an escalation).
    pub alert_ids: Vec<AlertId>,
    /// Who opens it.
    pub opened_by: Option<UserId>,
}

/// Which cases to list, newest first. The scope fields are set by `zhichan-core` from who asks.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    /// Only of this kind.
    pub kind: Option<CaseKind>,
    /// Only in this state.
    pub state: Option<CaseState>,
    /// Only open (`Some(true)`) or closed (`Some(false)`) cases.
    pub open: Option<bool>,
    /// Only cases this organisation is a party to.
    pub party_organisation_id: Option<OrgId>,
    /// Only cases assigned to this person.
    pub assignee_user_id: Option<UserId>,
    /// Only cases of this station.
    pub station_id: Option<StationId>,
    /// Only cases carrying this alert.
    pub alert_id: Option<AlertId>,
}
