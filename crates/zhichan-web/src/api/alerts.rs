//! The alerts the watch raises — listing, detail, review workflow, notes, assignment — and the
//! deadline calendar.

use axum::extract::State;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use zhichan_core::authz;
use zhichan_core::watch::{AlertQuery, DeadlineKind, UpcomingDeadline};
use zhichan_domain::watch::{
    Alert, AlertId, AlertNote, AlertReason, AlertStatus, PatentWatchId, Signal, WatchedMarkId, with_text,
};
use zhichan_domain::{OrgId, Page, UserId};

use super::search::record_path;
use super::{ApiJson, ApiPath, ApiQuery, Paged, parse_cursor};
use crate::auth::{ApiActor, Origin};
use crate::{ApiError, AppState};

const DEFAULT_LIMIT: u32 = 50;
/// The default look-ahead of the deadline calendar, in days.
pub const DEFAULT_WITHIN_DAYS: u32 = 180;

/// Filters and paging of the alert list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlertListParams {
    /// Only this organisation's (staff; enterprise users always get their own).
    #[param(value_type = Option<i64>)]
    pub organisation_id: Option<OrgId>,
    /// `new`, `reviewed`, `dismissed` or `escalated`.
    pub status: Option<String>,
    /// `low`, `medium` or `high`.
    pub risk: Option<String>,
    /// `trademark` or `patent`.
    pub kind: Option<String>,
    /// Filing office (two-letter code).
    pub office: Option<String>,
    /// Only about this watched mark.
    #[param(value_type = Option<i64>)]
    pub watched_mark_id: Option<WatchedMarkId>,
    /// Only about this patent watch.
    #[param(value_type = Option<i64>)]
    pub patent_watch_id: Option<PatentWatchId>,
    /// From `next_cursor`.
    pub cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
}

impl AlertListParams {
    /// The use-case filter.
    pub fn query(&self) -> AlertQuery {
        AlertQuery {
            organisation_id: self.organisation_id,
            status: self.status.clone(),
            risk: self.risk.clone(),
            watched_mark_id: self.watched_mark_id,
            office: self.office.clone(),
            patent_watch_id: self.patent_watch_id,
            kind: self.kind.clone(),
        }
    }
}

/// A note on an alert.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertNoteView {
    /// Who wrote it.
    #[schema(value_type = i64)]
    pub author_user_id: UserId,
    /// When.
    pub at: DateTime<Utc>,
    /// What it says.
    pub text: String,
}

impl From<AlertNote> for AlertNoteView {
    fn from(n: AlertNote) -> Self {
        Self { author_user_id: n.author_user_id, at: n.at, text: n.text }
    }
}

/// A filing that may conflict with a watched mark, or a new patent matching a patent watch.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertView {
    /// Id (increasing: newer alerts have larger ids).
    #[schema(value_type = i64)]
    pub id: AlertId,
    /// The organisation alerted.
    #[schema(value_type = i64)]
    pub organisation_id: OrgId,
    /// The watched mark (trademark alerts).
    #[schema(value_type = Option<i64>)]
    pub watched_mark_id: Option<WatchedMarkId>,
    /// The patent watch (patent alerts).
    #[schema(value_type = Option<i64>)]
    pub patent_watch_id: Option<PatentWatchId>,
    /// Filing office.
    pub office: String,
    /// `trademark` or `patent`.
    pub kind: String,
    /// Application number (trademarks) or publication number (patents).
    pub number: String,
    /// The filed mark's text or the patent's title.
    pub title: Option<String>,
    /// The filing's applicants, `; `-separated.
    pub applicant: Option<String>,
    /// Similarity score in [0, 1].
    pub score: f64,
    /// `low`, `medium` or `high`.
    pub risk: String,
    /// Why: `[{ code, text, details }]`; `details` depend on the code.
    #[schema(value_type = Vec<Object>)]
    #[serde(serialize_with = "with_text")]
    pub reasons: Vec<AlertReason>,
    /// The last day to oppose, where the office's rule and the filing's dates give one.
    pub opposition_deadline: Option<NaiveDate>,
    /// Squatting signals (`declared_party`, `serial_filer`, `no_own_mark`): `[{ code, text, details }]`.
    #[schema(value_type = Vec<Object>)]
    #[serde(serialize_with = "with_text")]
    pub signals: Vec<Signal>,
    /// `new`, `reviewed`, `dismissed` or `escalated`.
    pub status: String,
    /// The statuses it may move to next.
    pub next_statuses: Vec<String>,
    /// The centre staff member looking after it.
    #[schema(value_type = Option<i64>)]
    pub assignee_user_id: Option<UserId>,
    /// Notes, oldest first.
    pub notes: Vec<AlertNoteView>,
    /// The filing's page.
    pub url: String,
    /// Raised.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<Alert> for AlertView {
    fn from(a: Alert) -> Self {
        Self {
            url: record_path(&a.filing),
            next_statuses: a.status.next().iter().map(|s| s.code().to_owned()).collect(),
            id: a.id,
            organisation_id: a.organisation_id,
            watched_mark_id: a.watched_mark_id,
            patent_watch_id: a.patent_watch_id,
            office: a.filing.office.as_str().to_owned(),
            kind: a.filing.kind.code().to_owned(),
            number: a.filing.number,
            title: a.title,
            applicant: a.applicant,
            score: a.score,
            risk: a.risk.code().to_owned(),
            reasons: a.reasons,
            opposition_deadline: a.opposition_deadline,
            signals: a.signals,
            status: a.status.code().to_owned(),
            assignee_user_id: a.assignee_user_id,
            notes: a.notes.into_iter().map(AlertNoteView::from).collect(),
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

/// The alerts the caller may see, newest first.
#[utoipa::path(get, path = "/api/v1/alerts", tag = "alerts", params(AlertListParams), responses(
    (status = 200, body = Paged<AlertView>), (status = 404, body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(params): ApiQuery<AlertListParams>,
) -> Result<ApiJson<Paged<AlertView>>, ApiError> {
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, 200);
    let page = Page { after: parse_cursor(params.cursor.as_deref())?, limit };
    let found = state.core.alerts(&actor, &params.query(), page).await?;
    Ok(ApiJson(Paged {
        items: found.alerts.into_iter().map(AlertView::from).collect(),
        next_cursor: found.next.map(|id| id.to_string()),
    }))
}

/// One alert with its notes.
#[utoipa::path(get, path = "/api/v1/alerts/{alert_id}", tag = "alerts", params(("alert_id" = i64, Path)), responses(
    (status = 200, body = AlertView), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(alert_id): ApiPath<AlertId>,
) -> Result<ApiJson<AlertView>, ApiError> {
    Ok(ApiJson(state.core.alert(&actor, alert_id).await?.into()))
}

/// A step of the review workflow.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    /// The next status: `reviewed` after `new`; `dismissed` or `escalated` after `reviewed`.
    status: String,
    /// An optional note kept with the alert.
    note: Option<String>,
}

/// Moves an alert along its workflow (new → reviewed → dismissed | escalated).
#[utoipa::path(post, path = "/api/v1/alerts/{alert_id}/status", tag = "alerts", params(("alert_id" = i64, Path)), request_body = StatusBody, responses(
    (status = 200, body = AlertView), (status = 404, body = crate::error::ErrorBody),
    (status = 422, description = "`invalid_input` with field `status` when the step is not allowed", body = crate::error::ErrorBody),
))]
pub async fn transition(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(alert_id): ApiPath<AlertId>,
    ApiJson(body): ApiJson<StatusBody>,
) -> Result<ApiJson<AlertView>, ApiError> {
    let to = AlertStatus::parse(&body.status).map_err(zhichan_core::CoreError::from)?;
    let note = body.note.as_deref().filter(|n| !n.trim().is_empty());
    Ok(ApiJson(state.core.transition_alert(&actor, &origin, alert_id, to, note).await?.into()))
}

/// A note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteBody {
    /// 1–4,000 characters.
    text: String,
}

/// Adds a note to an alert.
#[utoipa::path(post, path = "/api/v1/alerts/{alert_id}/notes", tag = "alerts", params(("alert_id" = i64, Path)), request_body = NoteBody, responses(
    (status = 200, body = AlertView), (status = 404, body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn note(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(alert_id): ApiPath<AlertId>,
    ApiJson(body): ApiJson<NoteBody>,
) -> Result<ApiJson<AlertView>, ApiError> {
    Ok(ApiJson(state.core.note_alert(&actor, &origin, alert_id, &body.text).await?.into()))
}

/// Who looks after an alert.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssigneeBody {
    /// An enabled staff member of the district centre, or `null` to unassign.
    #[schema(value_type = Option<i64>)]
    user_id: Option<UserId>,
}

/// Assigns an alert to a centre staff member, or unassigns it (centre staff and administrators).
#[utoipa::path(put, path = "/api/v1/alerts/{alert_id}/assignee", tag = "alerts", params(("alert_id" = i64, Path)), request_body = AssigneeBody, responses(
    (status = 200, body = AlertView), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn assign(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(alert_id): ApiPath<AlertId>,
    ApiJson(body): ApiJson<AssigneeBody>,
) -> Result<ApiJson<AlertView>, ApiError> {
    Ok(ApiJson(state.core.assign_alert(&actor, &origin, alert_id, body.user_id).await?.into()))
}

/// Whose deadlines, and how far ahead.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadlineParams {
    /// The organisation (default: the caller's own; staff must give it).
    #[param(value_type = Option<i64>)]
    organisation_id: Option<OrgId>,
    /// Days ahead, up to 3,660 (default 180).
    within_days: Option<u32>,
}

/// A deadline in the calendar.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineView {
    /// `renewal`, `declaration`, `opposition` (the end of an own pending mark's opposition window)
    /// or `oppose_filing` (the last day to oppose the filing an open alert is about).
    pub kind: String,
    /// Office.
    pub office: String,
    /// Application number.
    pub number: String,
    /// The mark.
    pub mark_text: Option<String>,
    /// First day it can be done (renewals and declarations).
    pub opens: Option<NaiveDate>,
    /// The due date.
    pub due: NaiveDate,
    /// The last day with surcharge or extension, where there is one.
    pub latest: Option<NaiveDate>,
    /// The rule applied, in English, with its source (empty where unknown).
    pub rule: String,
    /// The alert, for `oppose_filing`.
    #[schema(value_type = Option<i64>)]
    pub alert_id: Option<AlertId>,
    /// The mark's page.
    pub url: String,
}

impl From<UpcomingDeadline> for DeadlineView {
    fn from(d: UpcomingDeadline) -> Self {
        Self {
            kind: deadline_kind_code(d.kind).to_owned(),
            url: record_path(&d.record),
            office: d.record.office.as_str().to_owned(),
            number: d.record.number,
            mark_text: d.mark_text,
            opens: d.opens,
            due: d.due,
            latest: d.latest,
            rule: d.rule.map(|rule| rule.to_string()).unwrap_or_default(),
            alert_id: d.alert_id,
        }
    }
}

/// The stable code of a deadline's kind.
pub fn deadline_kind_code(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Renewal => "renewal",
        DeadlineKind::Declaration => "declaration",
        DeadlineKind::Opposition => "opposition",
        DeadlineKind::OpposeFiling => "oppose_filing",
    }
}

/// Renewals, declarations and opposition windows of the organisation's own marks, and the last
/// days to oppose the filings of its open alerts, soonest first.
#[utoipa::path(get, path = "/api/v1/watch/deadlines", tag = "watch", params(DeadlineParams), responses(
    (status = 200, body = Vec<DeadlineView>), (status = 404, body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn deadlines(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(params): ApiQuery<DeadlineParams>,
) -> Result<ApiJson<Vec<DeadlineView>>, ApiError> {
    let organisation_id = authz::single_organisation(&actor, params.organisation_id)?;
    let within = params.within_days.unwrap_or(DEFAULT_WITHIN_DAYS);
    let due = state.core.upcoming_deadlines(&actor, organisation_id, within).await?;
    Ok(ApiJson(due.into_iter().map(DeadlineView::from).collect()))
}
