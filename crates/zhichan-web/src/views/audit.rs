//! The audit trail browser: administrators see everything, enterprise administrators their own
//! organisation's entries.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use zhichan_core::audit::AuditQuery;
use zhichan_domain::{AuditEvent, OrgId, Page, UserId};

use super::{PageContext, render};
use crate::AppState;
use crate::auth::SignedIn;

const PAGE_SIZE: u32 = 100;

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    page: &'a PageContext,
    events: Vec<AuditEvent>,
    filter: AuditForm,
    next_cursor: Option<i64>,
}

/// Filters, from the query string.
#[derive(Deserialize, Default)]
pub struct AuditForm {
    action: Option<String>,
    organisation: Option<OrgId>,
    actor: Option<UserId>,
    before: Option<i64>,
}

/// GET /audit
pub async fn browse(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Query(filter): Query<AuditForm>,
) -> Response {
    let query = AuditQuery {
        organisation_id: filter.organisation,
        actor_user_id: filter.actor,
        action_prefix: filter.action.clone(),
        ..Default::default()
    };
    match state.core.audit_events(&actor, query, Page { after: filter.before, limit: PAGE_SIZE }).await {
        Ok(events) => {
            let next_cursor = (events.len() == PAGE_SIZE as usize).then(|| events.last().map(|e| e.id)).flatten();
            render(&AuditPage { page: &page, events, filter, next_cursor })
        }
        Err(error) => page.fail(error).into_response(),
    }
}
