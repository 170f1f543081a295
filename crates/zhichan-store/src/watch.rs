//! The watch: the marks an organisation watches, the parties it declares (distributors, agents,
//! known squatters), its patent watches (queries run on new patents), the alerts the watch raises
//! with their review workflow and notes, and the watch's own position in the record change journal.
//!
//! An alert is identified by its watched mark or patent watch and the filing's record key: one
//! filing raises at most one alert per watched mark or patent watch, however often it is screened. Alerts and the journal position
//! they were screened up to are written in one transaction, so a position is never stored ahead of
//! its alerts, and a second process that screened the same changes finds the position moved and
//! stores nothing.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use zhichan_domain::records::Record;
use zhichan_domain::watch::{
    Alert, AlertFilter, AlertId, AlertStatus, NewAlert, PatentWatch, PatentWatchFields, PatentWatchId, WatchParty,
    WatchPartyFields, WatchPartyId, WatchedMark, WatchedMarkFields, WatchedMarkId,
};
use zhichan_domain::{AuditEntry, OrgId, Page, UserId};

use crate::StoreResult;

/// Persistence of the watch.
#[async_trait]
pub trait WatchStore: Send + Sync {
    /// Adds a watched mark.
    async fn create_watched_mark(
        &self,
        organisation_id: OrgId,
        created_by: Option<UserId>,
        fields: &WatchedMarkFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchedMark>;
    /// Replaces a watched mark's fields.
    async fn update_watched_mark(
        &self,
        id: WatchedMarkId,
        fields: &WatchedMarkFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchedMark>;
    /// Deletes a watched mark with its alerts.
    async fn delete_watched_mark(&self, id: WatchedMarkId, audit: AuditEntry) -> StoreResult<()>;
    /// One watched mark.
    async fn watched_mark(&self, id: WatchedMarkId) -> StoreResult<Option<WatchedMark>>;
    /// Watched marks of one organisation (or all), in id order after `page.after`.
    async fn watched_marks(&self, organisation_id: Option<OrgId>, page: Page) -> StoreResult<Vec<WatchedMark>>;

    /// Declares a party.
    async fn create_watch_party(
        &self,
        organisation_id: OrgId,
        fields: &WatchPartyFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchParty>;
    /// Replaces a declared party's fields.
    async fn update_watch_party(
        &self,
        id: WatchPartyId,
        fields: &WatchPartyFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchParty>;
    /// Deletes a declared party.
    async fn delete_watch_party(&self, id: WatchPartyId, audit: AuditEntry) -> StoreResult<()>;
    /// One declared party.
    async fn watch_party(&self, id: WatchPartyId) -> StoreResult<Option<WatchParty>>;
    /// The parties of one organisation (or all), in id order.
    async fn watch_parties(&self, organisation_id: Option<OrgId>) -> StoreResult<Vec<WatchParty>>;

    /// Adds a patent watch.
    async fn create_patent_watch(
        &self,
        organisation_id: OrgId,
        created_by: Option<UserId>,
        fields: &PatentWatchFields,
        audit: AuditEntry,
    ) -> StoreResult<PatentWatch>;
    /// Replaces a patent watch's label and query.
    async fn update_patent_watch(
        &self,
        id: PatentWatchId,
        fields: &PatentWatchFields,
        audit: AuditEntry,
    ) -> StoreResult<PatentWatch>;
    /// Deletes a patent watch with its alerts.
    async fn delete_patent_watch(&self, id: PatentWatchId, audit: AuditEntry) -> StoreResult<()>;
    /// One patent watch.
    async fn patent_watch(&self, id: PatentWatchId) -> StoreResult<Option<PatentWatch>>;
    /// The patent watches of one organisation (or all), in id order.
    async fn patent_watches(&self, organisation_id: Option<OrgId>) -> StoreResult<Vec<PatentWatch>>;

    /// The last journal number the watch has screened.
    async fn watch_position(&self) -> StoreResult<i64>;
    /// Raises `alerts` (each with its audit entry; the store fills in the alert id), queues their
    /// notifications and moves the watch from journal position `from` to `to`, in one transaction. A filing already alerted
    /// for a watched mark is skipped. Returns the ids of the alerts raised. Fails with
    /// [`crate::StoreError::Conflict`] (`watch_position`), storing nothing, when the position is
    /// no longer `from` (another process screened those changes).
    async fn raise_alerts(
        &self,
        from: i64,
        to: i64,
        alerts: &[(NewAlert, AuditEntry)],
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<AlertId>>;
    /// One alert with its notes.
    async fn alert(&self, id: AlertId) -> StoreResult<Option<Alert>>;
    /// Alerts matching `filter`, newest first; `page.after` continues below that id.
    async fn alerts(&self, filter: &AlertFilter, page: Page) -> StoreResult<Vec<Alert>>;
    /// How many alerts match `filter`.
    async fn count_alerts(&self, filter: &AlertFilter) -> StoreResult<u64>;
    /// Moves an alert from status `from` to `to`, with an optional note by `author_user_id`.
    /// [`crate::StoreError::Conflict`] (`alert_status`) when it is no longer in `from`.
    async fn set_alert_status(
        &self,
        id: AlertId,
        from: AlertStatus,
        to: AlertStatus,
        note: Option<(UserId, &str)>,
        audit: AuditEntry,
    ) -> StoreResult<Alert>;
    /// Assigns an alert to a user, or unassigns it.
    async fn assign_alert(
        &self,
        id: AlertId,
        assignee_user_id: Option<UserId>,
        audit: AuditEntry,
    ) -> StoreResult<Alert>;
    /// Adds a note by `author_user_id`.
    async fn add_alert_note(
        &self,
        id: AlertId,
        author_user_id: UserId,
        text: &str,
        audit: AuditEntry,
    ) -> StoreResult<Alert>;

    /// Trademark records whose title equals one of `titles` ignoring ASCII case (callers pass the
    /// titles lower-cased) and whose owners pass `owners`, among the first `limit` so titled.
    /// `owners` sees the owners' names joined by `"; "` (the records' owners summary); only the
    /// records it keeps are decoded, so a caller looking for its own marks among popular titles
    /// does not pay for everyone else's.
    async fn trademarks_titled(
        &self,
        titles: &[String],
        // Named for all lifetimes: async_trait would otherwise tie the argument to the call.
        owners: &(dyn for<'o> Fn(&'o str) -> bool + Send + Sync),
        limit: u32,
    ) -> StoreResult<Vec<Record>>;
}
