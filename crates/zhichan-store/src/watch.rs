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
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use zhichan_domain::records::Record;
use zhichan_domain::watch::{AlertReason, AlertStatus, PartyRelation, RiskLevel, Signal, with_text};
use zhichan_domain::{MarketCode, NiceClass};

use crate::{AuditEntry, Page, StoreResult};

/// A mark an organisation watches, in every form it uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchedMark {
    /// Store-assigned id.
    pub id: i64,
    /// The organisation watching it.
    pub organisation_id: i64,
    /// What the organisation calls it.
    pub label: String,
    /// Every form in use: 汉字, pinyin, English name, Cantonese romanisation…
    pub forms: Vec<String>,
    /// The Nice classes of its goods and services.
    pub classes: Vec<NiceClass>,
    /// Offices and markets of interest besides the organisation's export markets.
    pub offices: Vec<MarketCode>,
    /// The user who added it.
    pub created_by: Option<i64>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The editable part of a watched mark, already validated.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchedMarkFields {
    /// Label.
    pub label: String,
    /// Forms, at least one.
    pub forms: Vec<String>,
    /// Nice classes.
    pub classes: Vec<NiceClass>,
    /// Offices and markets of interest.
    pub offices: Vec<MarketCode>,
}

/// A party an organisation declares, so that its filings of the organisation's marks stand out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchParty {
    /// Store-assigned id.
    pub id: i64,
    /// The organisation declaring it.
    pub organisation_id: i64,
    /// The party's name as it files.
    pub name: String,
    /// How it relates to the organisation.
    pub relation: PartyRelation,
    /// When it was declared.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The editable part of a declared party, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchPartyFields {
    /// Name.
    pub name: String,
    /// Relation.
    pub relation: PartyRelation,
}

/// A note on an alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertNote {
    /// Who wrote it.
    pub author_user_id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// What it says.
    pub text: String,
}

/// A filing that may conflict with a watched mark, or a new patent matching a patent watch, with
/// why and by when to act.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    /// Store-assigned id.
    pub id: i64,
    /// The organisation alerted.
    pub organisation_id: i64,
    /// The watched mark, for a trademark alert.
    pub watched_mark_id: Option<i64>,
    /// The patent watch, for a patent alert.
    pub patent_watch_id: Option<i64>,
    /// The filing: office, kind (`trademark`, `patent`) and number, as in `records`.
    pub office: String,
    /// Record kind code.
    pub kind: String,
    /// Application number (trademarks) or publication number (patents).
    pub number: String,
    /// The filed mark's text or the patent's title.
    pub title: Option<String>,
    /// The filing's applicants, `; `-separated.
    pub applicant: Option<String>,
    /// Similarity score in [0, 1].
    pub score: f64,
    /// Risk level.
    pub risk: RiskLevel,
    /// Why; serialised with each entry's English text.
    #[serde(serialize_with = "with_text")]
    pub reasons: Vec<AlertReason>,
    /// The last day to oppose, where the office's rule and the filing's dates give one.
    pub opposition_deadline: Option<NaiveDate>,
    /// Squatting signals; serialised with each entry's English text.
    #[serde(serialize_with = "with_text")]
    pub signals: Vec<Signal>,
    /// Review status.
    pub status: AlertStatus,
    /// The staff member looking after it.
    pub assignee_user_id: Option<i64>,
    /// Notes, oldest first.
    pub notes: Vec<AlertNote>,
    /// When it was raised.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// An alert to raise.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAlert {
    /// The organisation.
    pub organisation_id: i64,
    /// The watched mark (trademark alerts).
    pub watched_mark_id: Option<i64>,
    /// The patent watch (patent alerts).
    pub patent_watch_id: Option<i64>,
    /// Filing office.
    pub office: String,
    /// Record kind code.
    pub kind: String,
    /// Application or publication number.
    pub number: String,
    /// Filed mark or patent title.
    pub title: Option<String>,
    /// Applicants.
    pub applicant: Option<String>,
    /// Score.
    pub score: f64,
    /// Risk level.
    pub risk: RiskLevel,
    /// Why.
    pub reasons: Vec<AlertReason>,
    /// Opposition deadline.
    pub opposition_deadline: Option<NaiveDate>,
    /// Squatting signals.
    pub signals: Vec<Signal>,
    /// Who is notified: a delivery is queued for each, with the alert.
    pub recipients: Vec<crate::notifications::Recipient>,
}

/// Which alerts to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct AlertFilter {
    /// Only this organisation's.
    pub organisation_id: Option<i64>,
    /// Only in this status.
    pub status: Option<AlertStatus>,
    /// Only of this risk level.
    pub risk: Option<RiskLevel>,
    /// Only about this watched mark.
    pub watched_mark_id: Option<i64>,
    /// Only filings at this office.
    pub office: Option<String>,
    /// Only about this patent watch.
    pub patent_watch_id: Option<i64>,
    /// Only of this record kind code (`trademark`, `patent`).
    pub kind: Option<String>,
}

/// A query in the search language an organisation runs on every new patent record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PatentWatch {
    /// Store-assigned id.
    pub id: i64,
    /// The organisation watching.
    pub organisation_id: i64,
    /// What the organisation calls it ("competitor X", "H04W handover").
    pub label: String,
    /// The query, e.g. `applicant:huawei AND ipc:H04W*`.
    pub query: String,
    /// The user who added it.
    pub created_by: Option<i64>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The editable part of a patent watch, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatentWatchFields {
    /// Label.
    pub label: String,
    /// Query text that parses.
    pub query: String,
}

/// Persistence of the watch.
#[async_trait]
pub trait WatchStore: Send + Sync {
    /// Adds a watched mark.
    async fn create_watched_mark(
        &self,
        organisation_id: i64,
        created_by: Option<i64>,
        fields: &WatchedMarkFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchedMark>;
    /// Replaces a watched mark's fields.
    async fn update_watched_mark(
        &self,
        id: i64,
        fields: &WatchedMarkFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchedMark>;
    /// Deletes a watched mark with its alerts.
    async fn delete_watched_mark(&self, id: i64, audit: AuditEntry) -> StoreResult<()>;
    /// One watched mark.
    async fn watched_mark(&self, id: i64) -> StoreResult<Option<WatchedMark>>;
    /// Watched marks of one organisation (or all), in id order after `page.after`.
    async fn watched_marks(&self, organisation_id: Option<i64>, page: Page) -> StoreResult<Vec<WatchedMark>>;

    /// Declares a party.
    async fn create_watch_party(
        &self,
        organisation_id: i64,
        fields: &WatchPartyFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchParty>;
    /// Replaces a declared party's fields.
    async fn update_watch_party(
        &self,
        id: i64,
        fields: &WatchPartyFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchParty>;
    /// Deletes a declared party.
    async fn delete_watch_party(&self, id: i64, audit: AuditEntry) -> StoreResult<()>;
    /// One declared party.
    async fn watch_party(&self, id: i64) -> StoreResult<Option<WatchParty>>;
    /// The parties of one organisation (or all), in id order.
    async fn watch_parties(&self, organisation_id: Option<i64>) -> StoreResult<Vec<WatchParty>>;

    /// Adds a patent watch.
    async fn create_patent_watch(
        &self,
        organisation_id: i64,
        created_by: Option<i64>,
        fields: &PatentWatchFields,
        audit: AuditEntry,
    ) -> StoreResult<PatentWatch>;
    /// Replaces a patent watch's label and query.
    async fn update_patent_watch(
        &self,
        id: i64,
        fields: &PatentWatchFields,
        audit: AuditEntry,
    ) -> StoreResult<PatentWatch>;
    /// Deletes a patent watch with its alerts.
    async fn delete_patent_watch(&self, id: i64, audit: AuditEntry) -> StoreResult<()>;
    /// One patent watch.
    async fn patent_watch(&self, id: i64) -> StoreResult<Option<PatentWatch>>;
    /// The patent watches of one organisation (or all), in id order.
    async fn patent_watches(&self, organisation_id: Option<i64>) -> StoreResult<Vec<PatentWatch>>;

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
    ) -> StoreResult<Vec<i64>>;
    /// One alert with its notes.
    async fn alert(&self, id: i64) -> StoreResult<Option<Alert>>;
    /// Alerts matching `filter`, newest first; `page.after` continues below that id.
    async fn alerts(&self, filter: &AlertFilter, page: Page) -> StoreResult<Vec<Alert>>;
    /// How many alerts match `filter`.
    async fn count_alerts(&self, filter: &AlertFilter) -> StoreResult<u64>;
    /// Moves an alert from status `from` to `to`, with an optional note by `author_user_id`.
    /// [`crate::StoreError::Conflict`] (`alert_status`) when it is no longer in `from`.
    async fn set_alert_status(
        &self,
        id: i64,
        from: AlertStatus,
        to: AlertStatus,
        note: Option<(i64, &str)>,
        audit: AuditEntry,
    ) -> StoreResult<Alert>;
    /// Assigns an alert to a user, or unassigns it.
    async fn assign_alert(&self, id: i64, assignee_user_id: Option<i64>, audit: AuditEntry) -> StoreResult<Alert>;
    /// Adds a note by `author_user_id`.
    async fn add_alert_note(&self, id: i64, author_user_id: i64, text: &str, audit: AuditEntry) -> StoreResult<Alert>;

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
