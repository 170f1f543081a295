//! Service cases: the station network and its staff, cases with their parties and escalated
//! alerts, the hash-chained history, and deadlines.
//!
//! A case changes only through [`CaseStore::change_case`], which applies a whole
//! [`CaseChange`] in one transaction while the case is still in the state the change was
//! decided on; history entries are chained there, each hashed with the one before
//! (`zhichan_domain::case::chain`), and never updated afterwards.

use async_trait::async_trait;
use chrono::NaiveDate;
use zhichan_domain::case::chain::Link;
use zhichan_domain::case::{
    Case, CaseChange, CaseDeadline, CaseDeadlineId, CaseEvent, CaseFilter, CaseId, DueCase, NewCase, NewCaseDeadline,
    NewCaseEvent,
};
use zhichan_domain::notify::Recipient;
use zhichan_domain::station::{Station, StationId, StationKind};
use zhichan_domain::{AuditEntry, Page, Street, UserId};

use crate::StoreResult;

/// A workstation to add to the network.
#[derive(Debug, Clone)]
pub struct NewStation {
    /// Its tier.
    pub kind: StationKind,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// The street it serves.
    pub street: Option<Street>,
    /// Where to find it.
    pub address: String,
}

/// Persistence of cases and the station network.
#[async_trait]
pub trait CaseStore: Send + Sync {
    /// Every station, centre first, then by id.
    async fn stations(&self) -> StoreResult<Vec<Station>>;
    /// Adds a station.
    async fn create_station(&self, station: &NewStation, audit: AuditEntry) -> StoreResult<Station>;
    /// The station a staff member works at (`None`: the centre).
    async fn staff_station(&self, user_id: UserId) -> StoreResult<Option<StationId>>;
    /// The staff members working at `station_id`, in id order.
    async fn station_staff(&self, station_id: StationId) -> StoreResult<Vec<UserId>>;
    /// Sets (or, with `None`, clears) the station a staff member works at.
    async fn set_staff_station(
        &self,
        user_id: UserId,
        station_id: Option<StationId>,
        audit: AuditEntry,
    ) -> StoreResult<()>;

    /// Opens a case with its first history entry and deadlines, queueing a delivery of the entry
    /// to each of `notify`.
    async fn open_case(
        &self,
        case: &NewCase,
        first: &NewCaseEvent,
        deadlines: &[NewCaseDeadline],
        notify: &[Recipient],
        at: chrono::DateTime<chrono::Utc>,
        audit: AuditEntry,
    ) -> StoreResult<Case>;
    /// Applies `change` to case `id` if it is still in `change.expected`; otherwise
    /// [`StoreError::Conflict`](crate::StoreError::Conflict) (`case_state`), or `NotFound`.
    async fn change_case(&self, id: CaseId, change: &CaseChange, audit: AuditEntry) -> StoreResult<Case>;
    /// One case.
    async fn case(&self, id: CaseId) -> StoreResult<Option<Case>>;
    /// Cases matching `filter`, newest first, before `page.after`.
    async fn cases(&self, filter: &CaseFilter, page: Page) -> StoreResult<Vec<Case>>;
    /// How many cases match `filter`.
    async fn count_cases(&self, filter: &CaseFilter) -> StoreResult<u64>;

    /// A case's history, oldest first; internal entries only when `internal`.
    async fn case_events(&self, id: CaseId, internal: bool) -> StoreResult<Vec<CaseEvent>>;
    /// A case's history as stored, for verifying its chain.
    async fn case_chain(&self, id: CaseId) -> StoreResult<Vec<Link>>;

    /// A case's deadlines, by due date.
    async fn case_deadlines(&self, id: CaseId) -> StoreResult<Vec<CaseDeadline>>;
    /// One deadline.
    async fn case_deadline(&self, id: CaseDeadlineId) -> StoreResult<Option<CaseDeadline>>;
    /// Open deadlines of open cases matching `filter`, due on or before `until`, by due date.
    async fn due_cases(&self, filter: &CaseFilter, until: NaiveDate) -> StoreResult<Vec<DueCase>>;
}
