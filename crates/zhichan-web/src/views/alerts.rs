//! The alert inbox and one alert's page: the watched mark beside the filing, every reason and
//! signal, the opposition deadline, the review workflow, escalation into a rights-assistance case
//! (and, once escalated, the case and who handles it), notes, (for centre staff) assignment, and
//! the notifications sent about it.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use zhichan_core::case::{CaseQuery, EscalateInput};
use zhichan_core::watch::AlertQuery;
use zhichan_core::{Actor, CoreError, CoreResult};
use zhichan_domain::case::{Case, CaseId, CaseKind};
use zhichan_domain::notify::{Delivery, DeliveryStatus, Recipient, WebhookId};
use zhichan_domain::records::{Record, RecordKind};
use zhichan_domain::watch::{
    Alert, AlertId, AlertStatus, PatentWatch, PatentWatchId, RiskLevel, WatchedMark, WatchedMarkId,
};
use zhichan_domain::{NiceClass, OrgId, Page, Role, User, UserId};

use super::explain::Explained;
use super::scope::OrgScope;
use super::{CsrfForm, FormQuery, PageContext, Problem, render, unprocessable};
use crate::AppState;
use crate::api::search::record_path;
use crate::auth::{Origin, SignedIn};

/// Alerts per inbox page.
const PAGE_SIZE: u32 = 50;
/// Watched marks offered in the inbox filter.
const MARKS_OFFERED: u32 = 200;

/// The inbox filters and cursor, as the filter form sends them.
#[derive(Deserialize, Default)]
pub struct InboxQuery {
    organisation_id: Option<OrgId>,
    status: Option<String>,
    risk: Option<String>,
    kind: Option<String>,
    office: Option<String>,
    watched_mark_id: Option<WatchedMarkId>,
    patent_watch_id: Option<PatentWatchId>,
    after: Option<i64>,
}

impl InboxQuery {
    fn filter(&self) -> AlertQuery {
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

    /// `/alerts?…` with these filters, continuing after `after`.
    fn href(&self, after: Option<i64>) -> String {
        fn number(id: Option<impl ToString>) -> Option<String> {
            id.map(|id| id.to_string())
        }
        let pairs: Vec<(&str, String)> = [
            ("organisation_id", number(self.organisation_id)),
            ("status", self.status.clone()),
            ("risk", self.risk.clone()),
            ("kind", self.kind.clone()),
            ("office", self.office.clone()),
            ("watched_mark_id", number(self.watched_mark_id)),
            ("patent_watch_id", number(self.patent_watch_id)),
            ("after", number(after)),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.filter(|v| !v.is_empty()).map(|v| (key, v)))
        .collect();
        format!("/alerts?{}", serde_html_form::to_string(pairs).unwrap_or_default())
    }
}

/// Risk levels the filter offers, highest first.
const RISKS: [RiskLevel; 3] = [RiskLevel::High, RiskLevel::Medium, RiskLevel::Low];

#[derive(Template)]
#[template(path = "alerts.html")]
struct InboxPage<'a> {
    page: &'a PageContext,
    scope: OrgScope,
    query: InboxQuery,
    alerts: Vec<Alert>,
    marks: Vec<WatchedMark>,
    next: Option<i64>,
    statuses: [AlertStatus; 4],
    risks: [RiskLevel; 3],
    kinds: [RecordKind; 2],
}

impl InboxPage<'_> {
    fn record_href(&self, alert: &Alert) -> String {
        record_path(&alert.filing)
    }

    fn next_href(&self) -> Option<String> {
        self.next.map(|after| self.query.href(Some(after)))
    }

    fn first_href(&self) -> String {
        self.query.href(None)
    }

    fn chosen(&self, value: &Option<String>, code: &str) -> bool {
        value.as_deref() == Some(code)
    }

    fn is_mark_chosen(&self, mark: &WatchedMark) -> bool {
        self.query.watched_mark_id == Some(mark.id)
    }
}

/// GET /alerts
pub async fn inbox(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    FormQuery(query): FormQuery<InboxQuery>,
) -> Response {
    let loaded = async {
        let scope = OrgScope::resolve(&state, &actor, query.organisation_id).await?;
        let found = state.core.alerts(&actor, &query.filter(), Page { after: query.after, limit: PAGE_SIZE }).await?;
        let marks = match scope.selected {
            Some(id) => state.core.watched_marks(&actor, Some(id), Page::first(MARKS_OFFERED)).await?,
            None => Vec::new(),
        };
        Ok::<_, CoreError>((scope, found, marks))
    };
    let (scope, found, marks) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return page.fail(error).into_response(),
    };
    render(&InboxPage {
        page: &page,
        scope,
        query,
        alerts: found.alerts,
        marks,
        next: found.next,
        statuses: AlertStatus::ALL,
        risks: RISKS,
        kinds: RecordKind::ALL,
    })
}

#[derive(Template)]
#[template(path = "alert.html")]
struct AlertPage<'a> {
    page: &'a PageContext,
    alert: Alert,
    watched: Option<WatchedMark>,
    patent_watch: Option<PatentWatch>,
    filing_classes: Vec<NiceClass>,
    reasons: Vec<Explained>,
    signals: Vec<Explained>,
    next: Vec<AlertStatus>,
    escalation: Escalation,
    assignable: Vec<User>,
    may_assign: bool,
    authors: HashMap<UserId, String>,
    notifications: Notifications,
    problem: Option<Problem>,
    saved: bool,
}

/// Where an alert stands towards the case engine.
enum Escalation {
    /// It was escalated into this case, handled by the named person (if anyone was appointed and
    /// the viewer may see who).
    InCase { case: Box<Case>, assignee: Option<String> },
    /// It may be escalated: into a new rights-assistance case or one of these open ones of the
    /// same enterprise.
    Possible { open_cases: Vec<Case> },
    /// Neither (dismissed, or escalated before cases existed).
    Closed,
}

impl Escalation {
    async fn load(state: &AppState, actor: &Actor, alert: &Alert) -> CoreResult<Self> {
        if let Some((case, _)) = state.core.case_of_alert(actor, alert.id).await? {
            let assignee = match case.assignee_user_id {
                // Someone who sees the alert but not the case (another station's staff) is not
                // told who handles it.
                Some(user_id) => match state.core.case_people(actor, case.id).await {
                    Ok(people) => people.into_iter().find(|p| p.user_id == user_id).map(|p| p.display_name),
                    Err(CoreError::NotFound(_)) => None,
                    Err(error) => return Err(error),
                },
                None => None,
            };
            return Ok(Self::InCase { case: Box::new(case), assignee });
        }
        if !matches!(alert.status, AlertStatus::New | AlertStatus::Reviewed) {
            return Ok(Self::Closed);
        }
        let query = CaseQuery {
            kind: Some(CaseKind::RightsAssistance.code().to_owned()),
            open: Some(true),
            ..CaseQuery::default()
        };
        let found = state.core.cases(actor, &query, Page::first(zhichan_core::case::MAX_PAGE)).await?;
        let open_cases = found
            .cases
            .into_iter()
            .filter(|case| case.party_organisations().any(|id| id == alert.organisation_id))
            .collect();
        Ok(Self::Possible { open_cases })
    }
}

/// An alert's deliveries, and the URLs of the webhooks they went to.
struct Notifications {
    deliveries: Vec<Delivery>,
    webhook_urls: HashMap<WebhookId, String>,
}

impl Notifications {
    async fn load(state: &AppState, actor: &Actor, alert: &Alert) -> CoreResult<Self> {
        let deliveries = state.core.alert_deliveries(actor, alert.id).await?;
        let webhook_urls = if deliveries.iter().any(|d| matches!(d.recipient, Recipient::Webhook { .. })) {
            let webhooks = state.core.webhooks(actor, Some(alert.organisation_id)).await?;
            webhooks.into_iter().map(|w| (w.id, w.url)).collect()
        } else {
            HashMap::new()
        };
        Ok(Self { deliveries, webhook_urls })
    }
}

impl AlertPage<'_> {
    fn record_href(&self) -> String {
        record_path(&self.alert.filing)
    }

    /// Whether the alert is about a trademark filing, which has a similarity score to show.
    fn is_trademark(&self) -> bool {
        self.alert.filing.kind == RecordKind::Trademark
    }

    /// A user's name, or "centre staff" for one the viewer may not list (only staff and the
    /// organisation's own members can write on an alert).
    fn author(&self, user_id: &UserId) -> &str {
        self.authors.get(user_id).map_or_else(|| self.page.t("alert.centre_staff"), String::as_str)
    }

    fn is_assignee(&self, user: &User) -> bool {
        self.alert.assignee_user_id == Some(user.id)
    }

    fn channel(&self, delivery: &Delivery) -> &str {
        let code = match delivery.recipient {
            Recipient::Email { .. } => "email",
            Recipient::Webhook { .. } => "webhook",
        };
        self.page.coded("alert.delivery.channel", code)
    }

    /// The e-mail address or the webhook's URL (its id once the webhook is gone).
    fn recipient(&self, delivery: &Delivery) -> String {
        match &delivery.recipient {
            Recipient::Email { address } => address.clone(),
            Recipient::Webhook { webhook_id } => {
                self.notifications.webhook_urls.get(webhook_id).cloned().unwrap_or_else(|| format!("#{webhook_id}"))
            }
        }
    }

    /// Whether the alert was escalated into a case (its work continues there).
    fn is_in_case(&self) -> bool {
        matches!(self.escalation, Escalation::InCase { .. })
    }

    fn is_pending(&self, delivery: &Delivery) -> bool {
        delivery.status == DeliveryStatus::Pending
    }
}

/// `?saved=` after a form.
#[derive(Deserialize, Default)]
pub struct DetailQuery {
    saved: Option<u8>,
}

/// Renders one alert's page.
async fn detail_page(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    alert_id: AlertId,
    problem: Option<Problem>,
    saved: bool,
) -> Response {
    let loaded = async {
        let alert = state.core.alert(actor, alert_id).await?;
        let watched = match alert.watched_mark_id {
            Some(id) => Some(state.core.watched_mark(actor, id).await?),
            None => None,
        };
        let patent_watch = match alert.patent_watch_id {
            Some(id) => Some(state.core.patent_watch(actor, id).await?),
            None => None,
        };
        let mut people = state.core.members(actor, alert.organisation_id).await?;
        let may_assign = zhichan_core::authz::assign_alert(actor, alert.organisation_id).is_ok();
        let assignable = if may_assign { centre_staff(state, actor).await? } else { Vec::new() };
        people.extend(assignable.iter().cloned());
        let notifications = Notifications::load(state, actor, &alert).await?;
        let escalation = Escalation::load(state, actor, &alert).await?;
        Ok::<_, CoreError>((alert, watched, patent_watch, people, may_assign, assignable, notifications, escalation))
    };
    let (alert, watched, patent_watch, people, may_assign, assignable, notifications, escalation) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return page.fail(error).into_response(),
    };
    let filing_classes =
        if alert.filing.kind == RecordKind::Trademark { filing_classes(state, &alert).await } else { Vec::new() };
    let failed = problem.is_some();
    let view = AlertPage {
        page,
        // Escalating opens (or joins) a case: its own form, not a bare step.
        next: alert.status.next().iter().copied().filter(|&to| to != AlertStatus::Escalated).collect(),
        escalation,
        reasons: page.explained_reasons(&alert.reasons),
        signals: page.explained_signals(&alert.signals),
        alert,
        watched,
        patent_watch,
        filing_classes,
        assignable,
        may_assign,
        authors: people.into_iter().map(|u| (u.id, u.display_name)).collect(),
        notifications,
        problem,
        saved,
    };
    if failed { unprocessable(&view) } else { render(&view) }
}

/// The Nice classes of the filed mark, when its record is stored.
async fn filing_classes(state: &AppState, alert: &Alert) -> Vec<NiceClass> {
    let filing = &alert.filing;
    match state.core.record(filing.kind, filing.office.as_str(), &filing.number).await.map(|stored| stored.record) {
        Ok(Record::Trademark(mark)) => mark.classes.iter().map(|c| c.number).collect(),
        _ => Vec::new(),
    }
}

/// The enabled staff members of the district centre, who may take alerts.
async fn centre_staff(state: &AppState, actor: &Actor) -> CoreResult<Vec<User>> {
    let members = state.core.members(actor, actor.organisation_id()).await?;
    Ok(members.into_iter().filter(|u| !u.disabled && u.roles.contains(&Role::Staff)).collect())
}

/// GET /alerts/{alert_id}
pub async fn detail(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Path(alert_id): Path<AlertId>,
    FormQuery(query): FormQuery<DetailQuery>,
) -> Response {
    detail_page(&state, &page, &actor, alert_id, None, query.saved.is_some()).await
}

/// Answers an alert form: back to the alert, or its page again with what was wrong.
async fn answer(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    alert_id: AlertId,
    outcome: CoreResult<Alert>,
) -> Response {
    match outcome {
        Ok(_) => Redirect::to(&format!("/alerts/{alert_id}?saved=1")).into_response(),
        Err(error) => match Problem::of(error) {
            Ok(problem) => detail_page(state, page, actor, alert_id, Some(problem), false).await,
            Err(error) => page.fail(error).into_response(),
        },
    }
}

/// A workflow step with an optional note; the pressed button names the status.
#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
    note: Option<String>,
}

/// POST /alerts/{alert_id}/status
pub async fn transition(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(alert_id): Path<AlertId>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Response {
    let outcome = async {
        let to = AlertStatus::parse(&form.status)?;
        let note = form.note.as_deref().filter(|n| !n.trim().is_empty());
        state.core.transition_alert(&actor, &origin, alert_id, to, note).await
    };
    answer(&state, &page, &actor, alert_id, outcome.await).await
}

/// Where to escalate an alert: an open case to join, or a new one when empty.
#[derive(Deserialize)]
pub struct EscalateForm {
    case_id: Option<CaseId>,
}

/// POST /alerts/{alert_id}/escalate
pub async fn escalate(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(alert_id): Path<AlertId>,
    CsrfForm(form): CsrfForm<EscalateForm>,
) -> Response {
    let input = EscalateInput { case_id: form.case_id };
    match state.core.escalate_alert(&actor, &origin, alert_id, input).await {
        Ok(case) => Redirect::to(&format!("/cases/{}?saved=1", case.id)).into_response(),
        Err(error) => match Problem::of_case(error) {
            Ok(problem) => detail_page(&state, &page, &actor, alert_id, Some(problem), false).await,
            Err(error) => page.fail(error).into_response(),
        },
    }
}

/// A note.
#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    text: String,
}

/// POST /alerts/{alert_id}/notes
pub async fn note(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(alert_id): Path<AlertId>,
    CsrfForm(form): CsrfForm<NoteForm>,
) -> Response {
    let outcome = state.core.note_alert(&actor, &origin, alert_id, &form.text).await;
    answer(&state, &page, &actor, alert_id, outcome).await
}

/// The assignee picked; empty to unassign.
#[derive(Deserialize)]
pub struct AssigneeForm {
    user_id: Option<UserId>,
}

/// POST /alerts/{alert_id}/assignee
pub async fn assign(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(alert_id): Path<AlertId>,
    CsrfForm(form): CsrfForm<AssigneeForm>,
) -> Response {
    let outcome = state.core.assign_alert(&actor, &origin, alert_id, form.user_id).await;
    answer(&state, &page, &actor, alert_id, outcome).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inbox_links_keep_the_filters_and_drop_empty_ones() {
        let query = InboxQuery {
            status: Some("new".into()),
            office: Some(String::new()),
            watched_mark_id: Some(WatchedMarkId::new(7)),
            ..InboxQuery::default()
        };
        assert_eq!(query.href(Some(42)), "/alerts?status=new&watched_mark_id=7&after=42");
        assert_eq!(query.href(None), "/alerts?status=new&watched_mark_id=7");
    }
}
