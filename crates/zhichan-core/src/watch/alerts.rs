//! Reviewing alerts: listing with filters and cursor paging, detail, the review workflow (the
//! transition table is [`AlertStatus`]'s), notes and assignment to the centre's staff.

use serde_json::json;
use zhichan_domain::office::OfficeCode;
use zhichan_domain::records::RecordKind;
use zhichan_domain::watch::{Alert, AlertFilter, AlertId, AlertStatus, PatentWatchId, RiskLevel, WatchedMarkId};
use zhichan_domain::{InvalidValue, OrgId, OrgKind, Page, Role, UserId};

use crate::audit::entry;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext, authz};

/// The largest page of alerts one request returns.
pub const MAX_PAGE: u32 = 200;
/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 4_000;

/// A filter on alerts as a user states it; codes are checked.
#[derive(Debug, Clone, Default)]
pub struct AlertQuery {
    /// Only this organisation's (staff; enterprises always get their own).
    pub organisation_id: Option<OrgId>,
    /// Status code.
    pub status: Option<String>,
    /// Risk level code: `medium` or `high`.
    pub risk: Option<String>,
    /// Only about this watched mark.
    pub watched_mark_id: Option<WatchedMarkId>,
    /// Only filings at this office (two-letter code).
    pub office: Option<String>,
    /// Only about this patent watch.
    pub patent_watch_id: Option<PatentWatchId>,
    /// Only of this record kind: `trademark` or `patent`.
    pub kind: Option<String>,
}

impl AlertQuery {
    /// The store's filter for what `actor` may see of this query; codes are checked.
    fn filter(&self, actor: &Actor) -> CoreResult<AlertFilter> {
        let organisation_id = authz::watch_scope(actor, self.organisation_id, "alert")?;
        fn given(value: &Option<String>) -> Option<&str> {
            value.as_deref().map(str::trim).filter(|v| !v.is_empty())
        }
        let risk = given(&self.risk).map(RiskLevel::parse).transpose()?;
        let office = given(&self.office).map(|office| OfficeCode::parse(&office.to_ascii_uppercase())).transpose()?;
        let kind = given(&self.kind).map(RecordKind::parse).transpose()?;
        Ok(AlertFilter {
            organisation_id,
            status: given(&self.status).map(AlertStatus::parse).transpose()?,
            risk,
            watched_mark_id: self.watched_mark_id,
            office,
            patent_watch_id: self.patent_watch_id,
            kind,
        })
    }
}

/// A page of alerts and the cursor of the next page, if there is one.
#[derive(Debug, Clone)]
pub struct AlertPage {
    /// The alerts, newest first.
    pub alerts: Vec<Alert>,
    /// Pass as `page.after` for the next page.
    pub next: Option<i64>,
}

impl Core {
    /// Alerts the actor may see matching `query`, newest first.
    pub async fn alerts(&self, actor: &Actor, query: &AlertQuery, page: Page) -> CoreResult<AlertPage> {
        let filter = query.filter(actor)?;
        let limit = page.limit.clamp(1, MAX_PAGE);
        let alerts = self.store.alerts(&filter, Page { after: page.after, limit }).await?;
        let next = (alerts.len() == limit as usize).then(|| alerts.last().map(|a| a.id.get())).flatten();
        Ok(AlertPage { alerts, next })
    }

    /// How many alerts the actor may see match `query` (the inbox's count of new alerts).
    pub async fn count_alerts(&self, actor: &Actor, query: &AlertQuery) -> CoreResult<u64> {
        Ok(self.store.count_alerts(&query.filter(actor)?).await?)
    }

    /// One alert the actor may see, with its notes.
    pub async fn alert(&self, actor: &Actor, id: AlertId) -> CoreResult<Alert> {
        let alert = self.store.alert(id).await?.ok_or(CoreError::NotFound("alert"))?;
        authz::watch(actor, alert.organisation_id, "alert")?;
        Ok(alert)
    }

    /// Moves an alert along its workflow ([`AlertStatus::next`]), with an optional note.
    pub async fn transition_alert(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: AlertId,
        to: AlertStatus,
        note: Option<&str>,
    ) -> CoreResult<Alert> {
        let alert = self.alert(actor, id).await?;
        let to = alert.status.step(to)?;
        let note = note.map(note_text).transpose()?;
        let audit = entry(
            Some(actor),
            context,
            "alert.status",
            ("alert", Some(id.to_string())),
            Some(alert.organisation_id),
            json!({ "from": alert.status, "to": to, "note": note }),
        );
        let author = note.as_deref().map(|text| (actor.user_id(), text));
        self.store.set_alert_status(id, alert.status, to, author, audit).await.map_err(|error| match error {
            zhichan_store::StoreError::Conflict { .. } => {
                InvalidValue::new("status", "a transition from the alert's current status (it just changed)").into()
            }
            other => other.into(),
        })
    }

    /// Adds a note to an alert.
    pub async fn note_alert(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: AlertId,
        text: &str,
    ) -> CoreResult<Alert> {
        let alert = self.alert(actor, id).await?;
        let text = note_text(text)?;
        let audit = entry(
            Some(actor),
            context,
            "alert.note",
            ("alert", Some(id.to_string())),
            Some(alert.organisation_id),
            json!({ "note": text }),
        );
        Ok(self.store.add_alert_note(id, actor.user_id(), &text, audit).await?)
    }

    /// Assigns an alert to a staff member of the district centre, or (`None`) unassigns it.
    pub async fn assign_alert(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: AlertId,
        assignee_user_id: Option<UserId>,
    ) -> CoreResult<Alert> {
        let alert = self.alert(actor, id).await?;
        authz::assign_alert(actor, alert.organisation_id)?;
        if let Some(user_id) = assignee_user_id {
            let refused = || InvalidValue::new("assignee", "an enabled staff member of the district centre");
            let user = self.store.user(user_id).await?.ok_or_else(refused)?;
            let organisation = self.store.organisation(user.organisation_id).await?.ok_or_else(refused)?;
            if user.disabled || !user.roles.contains(&Role::Staff) || organisation.kind != OrgKind::Centre {
                return Err(refused().into());
            }
        }
        let audit = entry(
            Some(actor),
            context,
            "alert.assign",
            ("alert", Some(id.to_string())),
            Some(alert.organisation_id),
            json!({ "from": alert.assignee_user_id, "to": assignee_user_id }),
        );
        Ok(self.store.assign_alert(id, assignee_user_id, audit).await?)
    }
}

fn note_text(text: &str) -> CoreResult<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_NOTE_CHARS {
        return Err(InvalidValue::new("note", "a note of 1 to 4,000 characters").into());
    }
    Ok(text.to_owned())
}
