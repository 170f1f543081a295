//! The one-stop services as cases: consultations, overseas rights assistance, cross-border
//! mediation, technical investigations, enforcement referrals and cross-border evidence service.
//!
//! Every kind of case runs through one engine: a [`Case`] is in a [`CaseState`] that its kind's
//! transition table ([`CaseKind::next`], [`CaseKind::step`]) lets it leave; its history is a
//! chain of [`CaseEvent`]s, each hashed with the one before it ([`chain`]), so an entry changed
//! in the database afterwards is detected; its deadlines are [`CaseDeadline`]s.

pub mod chain;
mod change;
mod deadline;
mod event;
mod record;
mod state;

use crate::expertise::vocabulary;
use crate::{InvalidValue, Role};

pub use change::{CaseChange, NewCaseEvent};
pub use deadline::{CaseDeadline, CaseDeadlineId, DeadlineKind, DueCase, NewCaseDeadline};
pub use event::{CaseEvent, CaseEventBody, CaseEventId, EvidenceFile, Visibility};
pub use record::{Case, CaseFilter, CaseId, CaseParticulars, CaseParty, NewCase, PartySide};
pub use state::{CaseState, IllegalTransition};

vocabulary!(
    /// The kinds of service case.
    CaseKind, "kind" {
        /// 在线咨询: a question answered by an expert.
        Consultation = "consultation",
        /// 维权援助: one-to-one help when an enterprise's rights are infringed or squatted abroad.
        RightsAssistance = "rights_assistance",
        /// 跨境调解: mediation between parties of the mainland, Hong Kong, Macao or abroad.
        Mediation = "mediation",
        /// 技术调查: a technical investigator assists a court or agency.
        TechnicalInvestigation = "technical_investigation",
        /// 联合执法: a clue referred to market regulation, police or customs.
        EnforcementReferral = "enforcement_referral",
        /// 跨境取证与送达: evidence taking and service of documents with Hong Kong or Macao.
        EvidenceService = "evidence_service",
    }
);

impl CaseKind {
    /// The role of the person a case of this kind is assigned to, where it is not the centre's
    /// own staff.
    pub fn assignee_role(self) -> Option<Role> {
        match self {
            Self::Consultation | Self::RightsAssistance => Some(Role::Expert),
            Self::Mediation => Some(Role::Mediator),
            Self::TechnicalInvestigation => Some(Role::TechnicalInvestigator),
            Self::EnforcementReferral | Self::EvidenceService => None,
        }
    }

    /// The short prefix of this kind's case references (`MED-000012`).
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Consultation => "CON",
            Self::RightsAssistance => "RA",
            Self::Mediation => "MED",
            Self::TechnicalInvestigation => "TI",
            Self::EnforcementReferral => "ENF",
            Self::EvidenceService => "EVS",
        }
    }

    /// Whether a party (an enterprise) may open a case of this kind itself; the others are
    /// opened by the centre's staff (a court's request, a referral, an evidence request).
    pub fn opened_by_parties(self) -> bool {
        matches!(self, Self::Consultation | Self::RightsAssistance | Self::Mediation)
    }
}

vocabulary!(
    /// How a rights-assistance case ended.
    Outcome, "outcome" {
        /// The parties settled.
        Settled = "settled",
        /// The enterprise prevailed (opposition, invalidation or suit won, goods seized).
        Won = "won",
        /// The enterprise did not prevail.
        Lost = "lost",
        /// The enterprise withdrew, or the matter lapsed.
        Withdrawn = "withdrawn",
    }
);

vocabulary!(
    /// The authority an enforcement clue is referred to.
    Authority, "authority" {
        /// 市场监督管理局: administrative enforcement.
        MarketRegulation = "market_regulation",
        /// 公安: criminal enforcement.
        Police = "police",
        /// 海关: border measures.
        Customs = "customs",
    }
);

vocabulary!(
    /// The other side of a cross-border evidence or service request.
    Jurisdiction, "jurisdiction" {
        /// Hong Kong SAR.
        HongKong = "hong_kong",
        /// Macao SAR.
        Macau = "macau",
    }
);

/// The text fields of a case: a title and what happened, both required and bounded.
pub fn case_text(field: &'static str, input: &str, max_chars: usize) -> Result<String, InvalidValue> {
    let text = input.trim();
    let length = text.chars().count();
    if length == 0 || length > max_chars || text.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(InvalidValue::new(field, format!("1 to {max_chars} characters")));
    }
    Ok(text.to_owned())
}
