//! Reading the audit trail, and building the entries every change writes.

use chrono::{DateTime, Utc};
use serde_json::Value;
use zhichan_domain::{AuditEntry, AuditEvent, AuditFilter, OrgId, Page, UserId};

use crate::{Actor, Core, CoreResult, RequestContext, authz};

/// The largest page of audit entries one request returns.
pub const MAX_PAGE: u32 = 200;

/// A filter on the audit trail as a user states it.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Only entries about this organisation (an enterprise admin always gets their own).
    pub organisation_id: Option<OrgId>,
    /// Only entries by this user.
    pub actor_user_id: Option<UserId>,
    /// Only actions starting with this, e.g. `user.`.
    pub action_prefix: Option<String>,
    /// From this time on.
    pub since: Option<DateTime<Utc>>,
    /// Before this time.
    pub until: Option<DateTime<Utc>>,
}

impl Core {
    /// Audit entries the actor may read, newest first.
    pub async fn audit_events(&self, actor: &Actor, query: AuditQuery, page: Page) -> CoreResult<Vec<AuditEvent>> {
        let scope = authz::audit_scope(actor)?;
        let filter = AuditFilter {
            organisation_id: scope.or(query.organisation_id),
            actor_user_id: query.actor_user_id,
            action_prefix: query.action_prefix.filter(|p| !p.is_empty()),
            since: query.since,
            until: query.until,
        };
        let page = Page { after: page.after, limit: page.limit.clamp(1, MAX_PAGE) };
        Ok(self.store.audit_events(&filter, page).await?)
    }
}

/// The entry describing `action` on a record of `target_kind` belonging to `organisation_id`.
pub(crate) fn entry(
    actor: Option<&Actor>,
    context: &RequestContext,
    action: &str,
    target: (&str, Option<String>),
    organisation_id: Option<OrgId>,
    detail: Value,
) -> AuditEntry {
    AuditEntry {
        at: Utc::now(),
        actor_user_id: actor.map(Actor::user_id),
        actor_org_id: actor.map(Actor::organisation_id),
        organisation_id,
        action: action.to_owned(),
        target_kind: target.0.to_owned(),
        target_id: target.1,
        ip: context.ip.clone(),
        detail,
    }
}
