//! Where a case stands, and the transition table of each kind of case.
//!
//! Every kind has its own table (below and in [`CaseKind::next`]); a state belongs to a kind when
//! it appears in that kind's table. A state whose row is empty is final: the case is closed.
//!
//! **Consultation (在线咨询)**
//!
//! | from        | to                     |
//! |-------------|------------------------|
//! | `submitted` | `assigned`, `closed`   |
//! | `assigned`  | `answered`, `closed`   |
//! | `answered`  | `assigned` (a follow-up question), `closed` |
//! | `closed`    | `assigned` (reopened)  |
//!
//! **Overseas rights assistance (维权援助)**
//!
//! | from       | to                   |
//! |------------|----------------------|
//! | `intake`   | `triage`, `closed`   |
//! | `triage`   | `assigned`, `closed` |
//! | `assigned` | `strategy`, `closed` |
//! | `strategy` | `action`, `closed`   |
//! | `action`   | `closed`             |
//! | `closed`   | — (with an outcome: settled, won, lost or withdrawn) |
//!
//! **Cross-border mediation (跨境调解)**
//!
//! | from                 | to                                |
//! |----------------------|-----------------------------------|
//! | `applied`            | `accepted`, `declined`            |
//! | `accepted`           | `mediator_appointed`, `failed`    |
//! | `mediator_appointed` | `in_session`, `failed`            |
//! | `in_session`         | `settled`, `failed`               |
//! | `settled`, `failed`  | `closed`                          |
//! | `declined`, `closed` | — (final)                         |
//!
//! **Technical investigation (技术调查)**
//!
//! | from                | to                                         |
//! |---------------------|--------------------------------------------|
//! | `requested`         | `assigned`                                 |
//! | `assigned`          | `notified`                                 |
//! | `notified`          | `recusal_requested`, `opinion_filed`       |
//! | `recusal_requested` | `notified` (refused), `requested` (granted: the investigator steps down) |
//! | `opinion_filed`     | `closed`                                   |
//! | `closed`            | — (final)                                  |
//!
//! **Enforcement referral (联合执法)**
//!
//! | from       | to         |
//! |------------|------------|
//! | `clue`     | `referred`, `closed` (not pursued) |
//! | `referred` | `action`   |
//! | `action`   | `feedback` |
//! | `feedback`, `closed` | — (final) |
//!
//! **Cross-border evidence and document service (跨境取证与送达)**
//!
//! | from        | to                      |
//! |-------------|-------------------------|
//! | `requested` | `sent`                  |
//! | `sent`      | `executed`, `returned`  |
//! | `executed`, `returned` | — (final)    |

use std::fmt;

use serde::{Deserialize, Serialize};

use super::CaseKind;
use crate::InvalidValue;

/// A state of some kind of case; which kinds use it is said by their tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Consultation: asked, nobody answering yet.
    Submitted,
    /// Given to the person who works on it (an expert, investigator or staff member).
    Assigned,
    /// Consultation: the expert answered.
    Answered,
    /// Finished. Rights assistance closes with an outcome.
    Closed,
    /// Rights assistance: received, not yet looked at.
    Intake,
    /// Rights assistance: staff weigh the matter and its urgency.
    Triage,
    /// Rights assistance: a strategy is being worked out with the enterprise.
    Strategy,
    /// Rights assistance or enforcement: the action (opposition, letter, suit, raid) is under way.
    Action,
    /// Mediation: one party applied.
    Applied,
    /// Mediation: the other party accepted.
    Accepted,
    /// Mediation: the other party declined (final).
    Declined,
    /// Mediation: a mediator was appointed.
    MediatorAppointed,
    /// Mediation: sessions are being held.
    InSession,
    /// Mediation: a settlement agreement was signed.
    Settled,
    /// Mediation: no agreement could be reached.
    Failed,
    /// Technical investigation or evidence service: requested by a court, agency or party.
    Requested,
    /// Technical investigation: the parties were told who investigates.
    Notified,
    /// Technical investigation: a party asked the investigator to step down.
    RecusalRequested,
    /// Technical investigation: the technical opinion is filed with the court (internal).
    OpinionFiled,
    /// Enforcement: a clue was reported.
    Clue,
    /// Enforcement: referred to the authority.
    Referred,
    /// Enforcement: the authority reported back (final).
    Feedback,
    /// Evidence service: sent to the other side's authority.
    Sent,
    /// Evidence service: executed or served (final).
    Executed,
    /// Evidence service: returned unexecuted (final).
    Returned,
}

impl CaseState {
    /// Every state.
    pub const ALL: [CaseState; 25] = [
        Self::Submitted,
        Self::Assigned,
        Self::Answered,
        Self::Closed,
        Self::Intake,
        Self::Triage,
        Self::Strategy,
        Self::Action,
        Self::Applied,
        Self::Accepted,
        Self::Declined,
        Self::MediatorAppointed,
        Self::InSession,
        Self::Settled,
        Self::Failed,
        Self::Requested,
        Self::Notified,
        Self::RecusalRequested,
        Self::OpinionFiled,
        Self::Clue,
        Self::Referred,
        Self::Feedback,
        Self::Sent,
        Self::Executed,
        Self::Returned,
    ];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Assigned => "assigned",
            Self::Answered => "answered",
            Self::Closed => "closed",
            Self::Intake => "intake",
            Self::Triage => "triage",
            Self::Strategy => "strategy",
            Self::Action => "action",
            Self::Applied => "applied",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::MediatorAppointed => "mediator_appointed",
            Self::InSession => "in_session",
            Self::Settled => "settled",
            Self::Failed => "failed",
            Self::Requested => "requested",
            Self::Notified => "notified",
            Self::RecusalRequested => "recusal_requested",
            Self::OpinionFiled => "opinion_filed",
            Self::Clue => "clue",
            Self::Referred => "referred",
            Self::Feedback => "feedback",
            Self::Sent => "sent",
            Self::Executed => "executed",
            Self::Returned => "returned",
        }
    }

    /// Parses a state code (of any kind; [`CaseKind::state`] also checks the kind).
    pub fn parse(code: &str) -> Result<Self, InvalidValue> {
        Self::ALL
            .into_iter()
            .find(|state| state.code() == code.trim())
            .ok_or_else(|| InvalidValue::new("state", "a case state such as submitted, applied or closed"))
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A transition the kind's table does not allow (answered 409 `illegal_transition`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a {kind} case cannot move from {from} to {to}")]
pub struct IllegalTransition {
    /// The kind of case.
    pub kind: CaseKind,
    /// Where it stands.
    pub from: CaseState,
    /// Where it was asked to go.
    pub to: CaseState,
}

impl CaseKind {
    /// The states a new case of this kind starts in.
    pub fn initial(self) -> CaseState {
        use CaseState::*;
        match self {
            Self::Consultation => Submitted,
            Self::RightsAssistance => Intake,
            Self::Mediation => Applied,
            Self::TechnicalInvestigation => Requested,
            Self::EnforcementReferral => Clue,
            Self::EvidenceService => Requested,
        }
    }

    /// This kind's states, in workflow order.
    pub fn states(self) -> &'static [CaseState] {
        use CaseState::*;
        match self {
            Self::Consultation => &[Submitted, Assigned, Answered, Closed],
            Self::RightsAssistance => &[Intake, Triage, Assigned, Strategy, Action, Closed],
            Self::Mediation => &[Applied, Accepted, Declined, MediatorAppointed, InSession, Settled, Failed, Closed],
            Self::TechnicalInvestigation => &[Requested, Assigned, Notified, RecusalRequested, OpinionFiled, Closed],
            Self::EnforcementReferral => &[Clue, Referred, Action, Feedback, Closed],
            Self::EvidenceService => &[Requested, Sent, Executed, Returned],
        }
    }

    /// The states a case of this kind in `from` may move to (the tables of [`CaseState`]).
    pub fn next(self, from: CaseState) -> &'static [CaseState] {
        use CaseState::*;
        match (self, from) {
            (Self::Consultation, Submitted) => &[Assigned, Closed],
            (Self::Consultation, Assigned) => &[Answered, Closed],
            (Self::Consultation, Answered) => &[Assigned, Closed],
            (Self::Consultation, Closed) => &[Assigned],
            (Self::RightsAssistance, Intake) => &[Triage, Closed],
            (Self::RightsAssistance, Triage) => &[Assigned, Closed],
            (Self::RightsAssistance, Assigned) => &[Strategy, Closed],
            (Self::RightsAssistance, Strategy) => &[Action, Closed],
            (Self::RightsAssistance, Action) => &[Closed],
            (Self::Mediation, Applied) => &[Accepted, Declined],
            (Self::Mediation, Accepted) => &[MediatorAppointed, Failed],
            (Self::Mediation, MediatorAppointed) => &[InSession, Failed],
            (Self::Mediation, InSession) => &[Settled, Failed],
            (Self::Mediation, Settled | Failed) => &[Closed],
            (Self::TechnicalInvestigation, Requested) => &[Assigned],
            (Self::TechnicalInvestigation, Assigned) => &[Notified],
            (Self::TechnicalInvestigation, Notified) => &[RecusalRequested, OpinionFiled],
            (Self::TechnicalInvestigation, RecusalRequested) => &[Notified, Requested],
            (Self::TechnicalInvestigation, OpinionFiled) => &[Closed],
            (Self::EnforcementReferral, Clue) => &[Referred, Closed],
            (Self::EnforcementReferral, Referred) => &[Action],
            (Self::EnforcementReferral, Action) => &[Feedback],
            (Self::EvidenceService, Requested) => &[Sent],
            (Self::EvidenceService, Sent) => &[Executed, Returned],
            _ => &[],
        }
    }

    /// Checks a step: `Ok(to)` when this kind's table lets a case in `from` move to `to`.
    pub fn step(self, from: CaseState, to: CaseState) -> Result<CaseState, IllegalTransition> {
        if self.next(from).contains(&to) { Ok(to) } else { Err(IllegalTransition { kind: self, from, to }) }
    }

    /// The state appointing someone to work on a case in `from` moves it to: a consultation or a
    /// triaged assistance case becomes `assigned`, an accepted mediation `mediator_appointed`, a
    /// requested investigation `assigned`. `None` where an appointment changes no state (a
    /// reassignment, or a kind the centre's staff work on themselves).
    pub fn appointed(self, from: CaseState) -> Option<CaseState> {
        use CaseState::*;
        match (self, from) {
            (Self::Consultation, Submitted) | (Self::RightsAssistance, Triage) => Some(Assigned),
            (Self::Mediation, Accepted) => Some(MediatorAppointed),
            (Self::TechnicalInvestigation, Requested) => Some(Assigned),
            _ => None,
        }
    }

    /// Whether a case of this kind in `state` is finished: the state is final, or (a
    /// consultation) closed and not reopened.
    pub fn is_closed(self, state: CaseState) -> bool {
        state == CaseState::Closed || self.next(state).is_empty()
    }

    /// Parses `code` as one of this kind's states.
    pub fn state(self, code: &str) -> Result<CaseState, InvalidValue> {
        let state = CaseState::parse(code)?;
        if self.states().contains(&state) {
            Ok(state)
        } else {
            let codes: Vec<&str> = self.states().iter().map(|state| state.code()).collect();
            Err(InvalidValue::new("state", format!("one of: {}", codes.join(", "))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_stays_within_its_kind_and_reaches_a_closed_state() {
        for &kind in CaseKind::ALL {
            assert!(kind.states().contains(&kind.initial()), "{kind}");
            for &from in kind.states() {
                for &to in kind.next(from) {
                    assert!(kind.states().contains(&to), "{kind}: {from} → {to}");
                }
                // From every state some path leads to a closed state.
                let mut seen = vec![from];
                let mut frontier = vec![from];
                while let Some(state) = frontier.pop() {
                    for &to in kind.next(state) {
                        if !seen.contains(&to) {
                            seen.push(to);
                            frontier.push(to);
                        }
                    }
                }
                assert!(seen.iter().any(|&state| kind.is_closed(state)), "{kind}: {from} never closes");
            }
        }
    }

    #[test]
    fn legal_steps_pass_and_illegal_ones_say_what_was_refused() {
        use CaseState::*;
        let legal = [
            (CaseKind::Consultation, Submitted, Assigned),
            (CaseKind::Consultation, Closed, Assigned),
            (CaseKind::RightsAssistance, Action, Closed),
            (CaseKind::Mediation, Applied, Declined),
            (CaseKind::Mediation, InSession, Settled),
            (CaseKind::TechnicalInvestigation, RecusalRequested, Requested),
            (CaseKind::EnforcementReferral, Action, Feedback),
            (CaseKind::EvidenceService, Sent, Returned),
        ];
        for (kind, from, to) in legal {
            assert_eq!(kind.step(from, to), Ok(to), "{kind}: {from} → {to}");
        }
        let illegal = [
            (CaseKind::Consultation, Submitted, Answered),
            (CaseKind::RightsAssistance, Intake, Action),
            (CaseKind::Mediation, Declined, Accepted),
            (CaseKind::Mediation, Applied, Settled),
            (CaseKind::TechnicalInvestigation, OpinionFiled, Notified),
            (CaseKind::EnforcementReferral, Feedback, Clue),
            (CaseKind::EvidenceService, Executed, Sent),
            // A state of another kind is never a step.
            (CaseKind::Consultation, Submitted, Applied),
        ];
        for (kind, from, to) in illegal {
            assert_eq!(kind.step(from, to), Err(IllegalTransition { kind, from, to }));
        }
    }

    #[test]
    fn closed_means_final_except_for_a_reopenable_consultation() {
        assert!(CaseKind::Consultation.is_closed(CaseState::Closed));
        assert!(!CaseKind::Consultation.next(CaseState::Closed).is_empty());
        assert!(CaseKind::Mediation.is_closed(CaseState::Declined));
        assert!(!CaseKind::Mediation.is_closed(CaseState::Settled));
        assert!(CaseKind::EvidenceService.is_closed(CaseState::Executed));
    }

    #[test]
    fn appointments_move_only_along_the_table() {
        for &kind in CaseKind::ALL {
            for &from in kind.states() {
                if let Some(to) = kind.appointed(from) {
                    assert_eq!(kind.step(from, to), Ok(to), "{kind}: {from}");
                }
            }
        }
        assert_eq!(CaseKind::Mediation.appointed(CaseState::Accepted), Some(CaseState::MediatorAppointed));
        assert_eq!(CaseKind::EnforcementReferral.appointed(CaseState::Clue), None);
    }

    #[test]
    fn states_parse_within_their_kind() {
        for state in CaseState::ALL {
            assert_eq!(CaseState::parse(state.code()), Ok(state));
        }
        assert_eq!(CaseKind::Mediation.state("in_session"), Ok(CaseState::InSession));
        assert_eq!(CaseKind::Consultation.state("in_session").unwrap_err().field, "state");
    }
}
