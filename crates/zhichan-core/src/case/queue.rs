//! Each role's home is its work: the open cases it answers for, the deadlines that are overdue
//! or coming, from one calendar across every case it sees.

use chrono::{Days, NaiveDate};
use zhichan_domain::Page;
use zhichan_domain::case::{Case, CaseFilter, DueCase};

use crate::{Actor, Core, CoreResult, authz};

/// Open cases listed on a work queue at most.
const QUEUE_CASES: u32 = 50;
/// How far ahead the queue's calendar looks, in days.
const LOOK_AHEAD_DAYS: u64 = 30;

/// What waits for someone.
#[derive(Debug, Clone)]
pub struct WorkQueue {
    /// Today, in the platform's zone, as the queue was counted.
    pub today: NaiveDate,
    /// Open cases they answer for, newest first: a station's (staff), those assigned to them
    /// (experts, mediators, investigators), their organisation's (enterprises).
    pub cases: Vec<Case>,
    /// Open deadlines of those cases that have passed, oldest first.
    pub overdue: Vec<DueCase>,
    /// Open deadlines due from today to [`LOOK_AHEAD_DAYS`] ahead, soonest first.
    pub upcoming: Vec<DueCase>,
}

impl Core {
    /// `actor`'s work queue.
    pub async fn work_queue(&self, actor: &Actor) -> CoreResult<WorkQueue> {
        let today = crate::district_today();
        let scope = CaseFilter { open: Some(true), ..authz::case_scope(actor, self.desk(actor).await?) };
        let cases = self.store.cases(&scope, Page::first(QUEUE_CASES)).await?;
        let until = today.checked_add_days(Days::new(LOOK_AHEAD_DAYS)).unwrap_or(today);
        let (overdue, upcoming) =
            self.store.due_cases(&scope, until).await?.into_iter().partition(|due| due.deadline.due < today);
        Ok(WorkQueue { today, cases, overdue, upcoming })
    }
}
