//! Deadline rules as data: an event in a case's life (its trigger) and an [`Offset`] from the
//! day it happened. The service targets the platform promises are the const table [`TARGETS`]:
//!
//! | kind | trigger | offset | label | target |
//! |---|---|---|---|---|
//! | consultation | enters `submitted` | `2wd` | `consultation_answer` | answered within 2 working days of the question |
//! | consultation | `answered` → `assigned` (a follow-up question) | `2wd` | `consultation_answer` | the follow-up answered within 2 working days |
//! | consultation | `closed` → `assigned` (reopened) | `2wd` | `consultation_answer` | answered within 2 working days of reopening |
//! | rights assistance | enters `triage` | `5wd` | `assistance_strategy` | a strategy within 5 working days of triage |
//! | mediation | enters `accepted` | `30d` | `mediation_settlement` | settled (or failed) within 30 days of the other party's acceptance |
//! | technical investigation | enters `assigned` | `20wd` | `technical_opinion` | the opinion filed within 20 working days of assignment (again after a granted recusal) |
//! | evidence service | enters `sent` | `30d` | `evidence_execution` | executed or returned within 30 days of sending |
//!
//! The label is a stable key for the texts that name the deadline. A consultation's first
//! assignment starts no new clock: the answer is owed 2 working days after the question.

use super::Offset;
use crate::case::{CaseKind, CaseState};

/// The event that starts a deadline's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trigger {
    /// A case of the kind entered the state, from wherever (opening a case enters its initial state).
    Entered(CaseKind, CaseState),
    /// A case of the kind moved from the first state to the second.
    Step(CaseKind, CaseState, CaseState),
}

/// A deadline a case gets when its trigger happens: due `offset` after that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeadlineRule {
    /// What starts the clock.
    pub trigger: Trigger,
    /// How long it runs (see [`super::WorkingCalendar::due`]).
    pub offset: Offset,
    /// A stable key naming what is due (`consultation_answer`, `mediation_settlement`…).
    pub label: &'static str,
}

/// The service targets, as the module docs' table lists them.
pub const TARGETS: &[DeadlineRule] = &[
    DeadlineRule {
        trigger: Trigger::Entered(CaseKind::Consultation, CaseState::Submitted),
        offset: Offset::working_days(2),
        label: "consultation_answer",
    },
    DeadlineRule {
        trigger: Trigger::Step(CaseKind::Consultation, CaseState::Answered, CaseState::Assigned),
        offset: Offset::working_days(2),
        label: "consultation_answer",
    },
    DeadlineRule {
        trigger: Trigger::Step(CaseKind::Consultation, CaseState::Closed, CaseState::Assigned),
        offset: Offset::working_days(2),
        label: "consultation_answer",
    },
    DeadlineRule {
        trigger: Trigger::Entered(CaseKind::RightsAssistance, CaseState::Triage),
        offset: Offset::working_days(5),
        label: "assistance_strategy",
    },
    DeadlineRule {
        trigger: Trigger::Entered(CaseKind::Mediation, CaseState::Accepted),
        offset: Offset::days(30),
        label: "mediation_settlement",
    },
    DeadlineRule {
        trigger: Trigger::Entered(CaseKind::TechnicalInvestigation, CaseState::Assigned),
        offset: Offset::working_days(20),
        label: "technical_opinion",
    },
    DeadlineRule {
        trigger: Trigger::Entered(CaseKind::EvidenceService, CaseState::Sent),
        offset: Offset::days(30),
        label: "evidence_execution",
    },
];

/// The targets a case of `kind` gets on entering `entered`, whatever it came from: what a newly
/// opened case gets (with its kind's initial state). A step between states also has
/// [`step_targets`].
pub fn targets(kind: CaseKind, entered: CaseState) -> impl Iterator<Item = &'static DeadlineRule> {
    TARGETS.iter().filter(move |rule| rule.trigger == Trigger::Entered(kind, entered))
}

/// The targets a case of `kind` gets when it moves from `from` to `to`: those of entering `to`
/// and those of that very step (a consultation's follow-up or reopening).
pub fn step_targets(kind: CaseKind, from: CaseState, to: CaseState) -> impl Iterator<Item = &'static DeadlineRule> {
    TARGETS
        .iter()
        .filter(move |rule| rule.trigger == Trigger::Entered(kind, to) || rule.trigger == Trigger::Step(kind, from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::OffsetUnit;

    #[test]
    fn every_rule_names_states_and_steps_of_its_kind() {
        for rule in TARGETS {
            match rule.trigger {
                Trigger::Entered(kind, state) => assert!(kind.states().contains(&state), "{rule:?}"),
                Trigger::Step(kind, from, to) => assert_eq!(kind.step(from, to), Ok(to), "{rule:?}"),
            }
        }
    }

    #[test]
    fn the_service_targets_are_found_by_what_happened() {
        let only = |rules: Vec<&DeadlineRule>| {
            assert_eq!(rules.len(), 1, "{rules:?}");
            (rules[0].offset, rules[0].label)
        };
        use CaseKind::*;
        use CaseState as S;
        assert_eq!(
            only(targets(Consultation, S::Submitted).collect()),
            (Offset::working_days(2), "consultation_answer")
        );
        assert_eq!(only(targets(Mediation, S::Accepted).collect()), (Offset::days(30), "mediation_settlement"));
        assert_eq!(
            only(targets(TechnicalInvestigation, S::Assigned).collect()),
            (Offset::working_days(20), "technical_opinion")
        );
        assert_eq!(
            only(targets(RightsAssistance, S::Triage).collect()),
            (Offset::working_days(5), "assistance_strategy")
        );
        assert_eq!(only(targets(EvidenceService, S::Sent).collect()), (Offset::days(30), "evidence_execution"));
        // A consultation's first assignment starts no clock; a follow-up or reopening does.
        assert_eq!(step_targets(Consultation, S::Submitted, S::Assigned).count(), 0);
        assert_eq!(only(step_targets(Consultation, S::Answered, S::Assigned).collect()).1, "consultation_answer");
        assert_eq!(only(step_targets(Consultation, S::Closed, S::Assigned).collect()).0.unit, OffsetUnit::WorkingDays);
        // Entering a state counts on a step too, and another kind's state is nothing.
        assert_eq!(step_targets(Mediation, S::Applied, S::Accepted).count(), 1);
        assert_eq!(targets(RightsAssistance, S::Assigned).count(), 0);
        assert_eq!(targets(EnforcementReferral, S::Referred).count(), 0);
    }
}
