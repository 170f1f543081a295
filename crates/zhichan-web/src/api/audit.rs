//! The audit trail.

use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use zhichan_core::audit::AuditQuery;
use zhichan_domain::{OrgId, Page, UserId};

use super::{ApiJson, ApiQuery, AuditEventView, Paged, parse_cursor};
use crate::auth::ApiActor;
use crate::{ApiError, AppState};

/// Filters and paging of the audit trail.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only entries about this organisation.
    #[param(value_type = Option<i64>)]
    organisation_id: Option<OrgId>,
    /// Only entries by this user.
    #[param(value_type = Option<i64>)]
    actor_user_id: Option<UserId>,
    /// Only actions starting with this, e.g. `user.`.
    action: Option<String>,
    /// From this time (RFC 3339).
    since: Option<DateTime<Utc>>,
    /// Before this time (RFC 3339).
    until: Option<DateTime<Utc>>,
    /// From `next_cursor`.
    cursor: Option<String>,
    /// Page size, 1–200 (default 100).
    limit: Option<u32>,
}

/// Audit entries, newest first: all for administrators, their own organisation's for
/// enterprise administrators.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditParams), responses(
    (status = 200, body = Paged<AuditEventView>), (status = 403, body = crate::error::ErrorBody),
))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> Result<ApiJson<Paged<AuditEventView>>, ApiError> {
    let limit = params.limit.unwrap_or(100).clamp(1, zhichan_core::audit::MAX_PAGE);
    let query = AuditQuery {
        organisation_id: params.organisation_id,
        actor_user_id: params.actor_user_id,
        action_prefix: params.action,
        since: params.since,
        until: params.until,
    };
    let page = Page { after: parse_cursor(params.cursor.as_deref())?, limit };
    let events = state.core.audit_events(&actor, query, page).await?;
    Ok(ApiJson(Paged::new(events, limit, |e| e.id, AuditEventView::from)))
}
