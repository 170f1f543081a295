//! A case's deadlines: the opposition deadline an escalated alert brings, the service's target
//! (a consultation's response time, a mediation's 30 days), and dates set by those working on it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{Case, CaseId};
use crate::id::id_type;
use crate::watch::AlertId;

id_type!(
    /// The id of a case deadline.
    CaseDeadlineId
);

/// Where a case deadline comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The opposition deadline of an escalated watch alert.
    Opposition,
    /// The service's target: a consultation's response time, a mediation's 30 days.
    Target,
    /// Set by those working on the case.
    Set,
}

impl DeadlineKind {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Opposition => "opposition",
            Self::Target => "target",
            Self::Set => "set",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> Option<Self> {
        [Self::Opposition, Self::Target, Self::Set].into_iter().find(|kind| kind.code() == code)
    }
}

/// A deadline of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseDeadline {
    /// Store-assigned id.
    pub id: CaseDeadlineId,
    /// The case.
    pub case_id: CaseId,
    /// Where it comes from.
    pub kind: DeadlineKind,
    /// What is due, in the words of who set it (or the rule's).
    pub label: String,
    /// The last day.
    pub due: NaiveDate,
    /// The alert it came from (an opposition deadline).
    pub alert_id: Option<AlertId>,
    /// When it was met; open deadlines have none.
    pub met_at: Option<DateTime<Utc>>,
}

/// A deadline to add to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCaseDeadline {
    /// Where it comes from.
    pub kind: DeadlineKind,
    /// What is due.
    pub label: String,
    /// The last day.
    pub due: NaiveDate,
    /// The alert it came from.
    pub alert_id: Option<AlertId>,
}

/// An open deadline of an open case, with the case it belongs to: an entry of a calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct DueCase {
    /// The deadline.
    pub deadline: CaseDeadline,
    /// Its case.
    pub case: Case,
}
