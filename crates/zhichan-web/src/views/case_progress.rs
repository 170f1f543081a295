//! A case's progress as its page shows it: the states it went through, where it stands, and the
//! usual way on from there. A step back to an earlier state (a follow-up question, a granted
//! recusal, a reopened consultation) folds the trail back to it. The way on is the longest path
//! of the kind's table from the current state to a closed one that visits no state twice, so side
//! exits (a declined or failed mediation, a recusal, a returned request) show only once taken.

use zhichan_domain::case::{CaseEvent, CaseEventBody, CaseKind, CaseState};

/// Where a stage lies relative to the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageStatus {
    /// Passed.
    Done,
    /// Where the case stands.
    Current,
    /// Still ahead.
    Ahead,
}

impl StageStatus {
    /// The stable code (a CSS class and a catalogue key).
    pub fn code(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Current => "current",
            Self::Ahead => "ahead",
        }
    }
}

/// One state on the progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stage {
    /// The state.
    pub state: CaseState,
    /// Passed, current or ahead.
    pub status: StageStatus,
}

/// The progress of a case of `kind` now in `current`, from its `history` (oldest first).
pub fn progress(kind: CaseKind, current: CaseState, history: &[CaseEvent]) -> Vec<Stage> {
    let mut trail: Vec<CaseState> = Vec::new();
    let entered = history.iter().filter_map(|event| match event.body {
        CaseEventBody::Opened { state } => Some(state),
        CaseEventBody::Transition { to, .. } => Some(to),
        _ => None,
    });
    for state in entered.chain(std::iter::once(current)) {
        match trail.iter().position(|&seen| seen == state) {
            Some(at) => trail.truncate(at + 1),
            None => trail.push(state),
        }
    }
    let ahead = way_on(kind, current, &trail).unwrap_or_default();
    let last = trail.len() - 1;
    let stages = trail
        .into_iter()
        .enumerate()
        .map(|(i, state)| Stage { state, status: if i == last { StageStatus::Current } else { StageStatus::Done } });
    stages.chain(ahead.into_iter().map(|state| Stage { state, status: StageStatus::Ahead })).collect()
}

/// The longest path from `from` to a closed state that avoids `seen` (`from` excluded; empty when
/// `from` is closed); among paths as long, the one taking each table's earlier option.
fn way_on(kind: CaseKind, from: CaseState, seen: &[CaseState]) -> Option<Vec<CaseState>> {
    if kind.is_closed(from) {
        return Some(Vec::new());
    }
    let mut best: Option<Vec<CaseState>> = None;
    for &to in kind.next(from) {
        if seen.contains(&to) {
            continue;
        }
        let mut visited = seen.to_vec();
        visited.push(to);
        if let Some(rest) = way_on(kind, to, &visited) {
            let mut path = vec![to];
            path.extend(rest);
            if best.as_ref().is_none_or(|best| path.len() > best.len()) {
                best = Some(path);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use zhichan_domain::case::{CaseEventId, CaseId, Visibility};

    use super::*;
    use CaseState::*;

    fn history(states: &[CaseState]) -> Vec<CaseEvent> {
        states
            .iter()
            .enumerate()
            .map(|(i, &state)| CaseEvent {
                id: CaseEventId::new(i as i64 + 1),
                case_id: CaseId::new(1),
                seq: i as i64 + 1,
                at: Utc::now(),
                actor_user_id: None,
                visibility: Visibility::Parties,
                hash: String::new(),
                body: match i {
                    0 => CaseEventBody::Opened { state },
                    _ => CaseEventBody::Transition { from: states[i - 1], to: state, outcome: None, reason: None },
                },
            })
            .collect()
    }

    fn shown(kind: CaseKind, states: &[CaseState]) -> Vec<(CaseState, &'static str)> {
        let current = *states.last().expect("a state");
        progress(kind, current, &history(states)).into_iter().map(|stage| (stage.state, stage.status.code())).collect()
    }

    #[test]
    fn a_new_case_shows_the_usual_way_without_side_exits() {
        assert_eq!(
            shown(CaseKind::Mediation, &[Applied]),
            [
                (Applied, "current"),
                (Accepted, "ahead"),
                (MediatorAppointed, "ahead"),
                (InSession, "ahead"),
                (Settled, "ahead"),
                (Closed, "ahead")
            ]
        );
        let usual = |kind: CaseKind| -> Vec<CaseState> {
            progress(kind, kind.initial(), &[]).into_iter().map(|stage| stage.state).collect()
        };
        assert_eq!(usual(CaseKind::Consultation), [Submitted, Assigned, Answered, Closed]);
        assert_eq!(usual(CaseKind::RightsAssistance), [Intake, Triage, Assigned, Strategy, Action, Closed]);
        assert_eq!(usual(CaseKind::TechnicalInvestigation), [Requested, Assigned, Notified, OpinionFiled, Closed]);
        assert_eq!(usual(CaseKind::EnforcementReferral), [Clue, Referred, Action, Feedback]);
        assert_eq!(usual(CaseKind::EvidenceService), [Requested, Sent, Executed]);
    }

    #[test]
    fn a_side_exit_taken_is_shown_as_taken() {
        assert_eq!(
            shown(CaseKind::Mediation, &[Applied, Accepted, MediatorAppointed, InSession, Failed]),
            [
                (Applied, "done"),
                (Accepted, "done"),
                (MediatorAppointed, "done"),
                (InSession, "done"),
                (Failed, "current"),
                (Closed, "ahead")
            ]
        );
        assert_eq!(shown(CaseKind::Mediation, &[Applied, Declined]), [(Applied, "done"), (Declined, "current")]);
    }

    #[test]
    fn a_step_back_folds_the_trail() {
        let granted = [Requested, Assigned, Notified, RecusalRequested, Requested, Assigned];
        assert_eq!(
            shown(CaseKind::TechnicalInvestigation, &granted),
            [
                (Requested, "done"),
                (Assigned, "current"),
                (Notified, "ahead"),
                (OpinionFiled, "ahead"),
                (Closed, "ahead")
            ]
        );
        let reopened = [Submitted, Assigned, Answered, Closed, Assigned];
        assert_eq!(
            shown(CaseKind::Consultation, &reopened),
            [(Submitted, "done"), (Assigned, "current"), (Answered, "ahead"), (Closed, "ahead")]
        );
    }
}
