//! Service cases: opening them ([`OpenCase`]), reading them as the asker may
//! ([`CaseDetail`]), moving them through their kind's table, appointing who works on them,
//! their messages, notes, opinions and documents, escalating watch alerts into them, verifying
//! their hash-chained history, each role's work queue, the people named on a case, and lists
//! of cases with their assignees and next deadlines.
//!
//! Who may do what is decided in [`authz`](crate::authz) (`case_role`, `move_case`, …); the
//! transition tables are the domain's ([`CaseKind::step`]).

mod deadlines;
mod entries;
mod escalate;
mod open;
mod overview;
mod people;
mod queue;
mod transition;
mod verify;

use zhichan_domain::case::{Case, CaseDeadline, CaseEvent, CaseFilter, CaseId, CaseKind, CaseState};
use zhichan_domain::station::Station;
use zhichan_domain::{Page, Role};

use crate::authz::{self, CaseRole, Desk};
use crate::{Actor, Core, CoreError, CoreResult};

pub use entries::{EntryInput, EntryKind};
pub use escalate::EscalateInput;
pub use open::OpenCase;
pub use overview::CaseOverview;
pub use people::CasePerson;
pub use queue::WorkQueue;
pub use transition::{AssignInput, TransitionInput};
pub use verify::Integrity;

/// The largest page of cases one request returns.
pub const MAX_PAGE: u32 = 200;

/// A case as one person may see it: the case, how they stand to it, its history (without
/// internal entries for a party) and its deadlines.
#[derive(Debug, Clone)]
pub struct CaseDetail {
    /// The case.
    pub case: Case,
    /// How the asker stands to it.
    pub role: CaseRole,
    /// History entries the asker may read, oldest first.
    pub history: Vec<CaseEvent>,
    /// Deadlines, by due date.
    pub deadlines: Vec<CaseDeadline>,
}

/// A filter on cases as a user states it; codes are checked.
#[derive(Debug, Clone, Default)]
pub struct CaseQuery {
    /// Kind code.
    pub kind: Option<String>,
    /// State code.
    pub state: Option<String>,
    /// Only open (`true`) or closed (`false`) cases.
    pub open: Option<bool>,
}

/// A page of cases and the cursor of the next page, if there is one.
#[derive(Debug, Clone)]
pub struct CasePage {
    /// The cases, newest first.
    pub cases: Vec<Case>,
    /// Pass as `page.after` for the next page.
    pub next: Option<i64>,
}

impl Core {
    /// Where `actor` works, when they are staff (`None` otherwise).
    pub(crate) async fn desk(&self, actor: &Actor) -> CoreResult<Option<Desk>> {
        if !actor.has(Role::Staff) {
            return Ok(None);
        }
        Ok(Some(match self.store.staff_station(actor.user_id()).await? {
            Some(station) => Desk::Station(station),
            None => Desk::Centre,
        }))
    }

    /// A case and how `actor` stands to it; not found when they may not see it.
    pub(crate) async fn case_for(&self, actor: &Actor, id: CaseId) -> CoreResult<(Case, CaseRole)> {
        let case = self.store.case(id).await?.ok_or(CoreError::NotFound("case"))?;
        let role = authz::case_role(actor, self.desk(actor).await?, &case)?;
        Ok((case, role))
    }

    /// How `actor` stands to case `id`; not found when they may not see it. What a handler asks
    /// before it receives a document for the case.
    pub async fn case_role(&self, actor: &Actor, id: CaseId) -> CoreResult<CaseRole> {
        Ok(self.case_for(actor, id).await?.1)
    }

    /// Cases `actor` may see matching `query`, newest first.
    pub async fn cases(&self, actor: &Actor, query: &CaseQuery, page: Page) -> CoreResult<CasePage> {
        let filter = self.case_filter(actor, query).await?;
        let limit = page.limit.clamp(1, MAX_PAGE);
        let cases = self.store.cases(&filter, Page { after: page.after, limit }).await?;
        let next = (cases.len() == limit as usize).then(|| cases.last().map(|case| case.id.get())).flatten();
        Ok(CasePage { cases, next })
    }

    /// How many cases `actor` may see match `query`.
    pub async fn count_cases(&self, actor: &Actor, query: &CaseQuery) -> CoreResult<u64> {
        Ok(self.store.count_cases(&self.case_filter(actor, query).await?).await?)
    }

    /// The store's filter for what `actor` may see of `query`.
    async fn case_filter(&self, actor: &Actor, query: &CaseQuery) -> CoreResult<CaseFilter> {
        let given =
            |value: &Option<String>| value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let kind = given(&query.kind).map(|code| CaseKind::parse(&code)).transpose()?;
        let state = match (kind, given(&query.state)) {
            (_, None) => None,
            (Some(kind), Some(code)) => Some(kind.state(&code)?),
            (None, Some(code)) => Some(CaseState::parse(&code)?),
        };
        Ok(CaseFilter { kind, state, open: query.open, ..authz::case_scope(actor, self.desk(actor).await?) })
    }

    /// One case as `actor` may see it.
    pub async fn case(&self, actor: &Actor, id: CaseId) -> CoreResult<CaseDetail> {
        let (case, role) = self.case_for(actor, id).await?;
        let history = self.store.case_events(id, role.works_on_case()).await?;
        let deadlines = self.store.case_deadlines(id).await?;
        Ok(CaseDetail { case, role, history, deadlines })
    }

    /// The station network, centre first.
    pub async fn stations(&self) -> CoreResult<Vec<Station>> {
        Ok(self.store.stations().await?)
    }
}

impl Core {
    /// Sets the station a staff member works at (`None`: the centre). Administrators only.
    pub async fn set_staff_station(
        &self,
        actor: &Actor,
        context: &crate::RequestContext,
        user_id: zhichan_domain::UserId,
        station: Option<zhichan_domain::station::StationId>,
    ) -> CoreResult<()> {
        if !actor.has(Role::Admin) {
            return Err(CoreError::Forbidden);
        }
        let user = self.store.user(user_id).await?.ok_or(CoreError::NotFound("user"))?;
        if !user.roles.contains(&Role::Staff) {
            return Err(zhichan_domain::InvalidValue::new("user_id", "a member of the centre's staff").into());
        }
        if let Some(station) = station
            && !self.store.stations().await?.iter().any(|known| known.id == station)
        {
            return Err(CoreError::NotFound("station"));
        }
        let audit = crate::audit::entry(
            Some(actor),
            context,
            "staff.station",
            ("user", Some(user_id.to_string())),
            Some(user.organisation_id),
            serde_json::json!({ "station_id": station }),
        );
        Ok(self.store.set_staff_station(user_id, station, audit).await?)
    }
}
