//! A change to a case, as the store applies it in one transaction: new state, assignee or
//! outcome, history entries appended to the chain, deadlines added or met, alerts joined.

use chrono::{DateTime, Utc};

use super::{CaseDeadlineId, CaseEventBody, CaseState, NewCaseDeadline, Outcome, Visibility};
use crate::UserId;
use crate::notify::Recipient;
use crate::watch::AlertId;

/// A history entry to append.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCaseEvent {
    /// Who.
    pub actor_user_id: Option<UserId>,
    /// Who may read it.
    pub visibility: Visibility,
    /// What it records.
    pub body: CaseEventBody,
}

impl NewCaseEvent {
    /// An entry by `actor` with its body's default visibility.
    pub fn new(actor_user_id: Option<UserId>, body: CaseEventBody) -> Self {
        Self { actor_user_id, visibility: body.default_visibility(), body }
    }

    /// Whether the parties' side is told of this entry: a change (opening, state, appointment)
    /// visible to the parties. Internal entries are never announced.
    pub fn notifies(&self) -> bool {
        self.visibility == Visibility::Parties && self.body.notifies()
    }
}

/// A change to one case. The store applies it only while the case is still in `expected`, so
/// two people moving the same case at once cannot both succeed.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseChange {
    /// The state the change was decided on.
    pub expected: CaseState,
    /// When.
    pub at: DateTime<Utc>,
    /// The new state, if it changes.
    pub state: Option<CaseState>,
    /// The new assignee (`Some(None)` clears it), if it changes.
    pub assignee: Option<Option<UserId>>,
    /// The outcome, when a case closes with one.
    pub outcome: Option<Outcome>,
    /// History entries to append, in order.
    pub events: Vec<NewCaseEvent>,
    /// Deadlines to add.
    pub deadlines: Vec<NewCaseDeadline>,
    /// Deadlines met by this change.
    pub met: Vec<CaseDeadlineId>,
    /// Alerts escalated into the case.
    pub alerts: Vec<AlertId>,
    /// Who is told of each entry that [`NewCaseEvent::notifies`]: one delivery per such entry
    /// and recipient is queued with the change.
    pub notify: Vec<Recipient>,
}

impl CaseChange {
    /// A change decided on a case in `expected`, at `at`, that does nothing yet.
    pub fn new(expected: CaseState, at: DateTime<Utc>) -> Self {
        Self {
            expected,
            at,
            state: None,
            assignee: None,
            outcome: None,
            events: Vec::new(),
            deadlines: Vec::new(),
            met: Vec::new(),
            alerts: Vec::new(),
            notify: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changes_the_parties_see_are_announced() {
        let step = CaseEventBody::Transition {
            from: CaseState::Applied,
            to: CaseState::Accepted,
            outcome: None,
            reason: None,
        };
        assert!(NewCaseEvent::new(None, step.clone()).notifies());
        assert!(NewCaseEvent::new(None, CaseEventBody::Opened { state: CaseState::Applied }).notifies());
        assert!(NewCaseEvent::new(None, CaseEventBody::Assigned { user_id: None }).notifies());
        assert!(!NewCaseEvent::new(None, CaseEventBody::Message { text: "请补充材料".into() }).notifies());
        assert!(!NewCaseEvent::new(None, CaseEventBody::Note { text: "内部".into() }).notifies());
        let internal = NewCaseEvent { visibility: Visibility::Internal, ..NewCaseEvent::new(None, step) };
        assert!(!internal.notifies(), "an internal state entry (an opinion filed) is not announced");
    }
}
