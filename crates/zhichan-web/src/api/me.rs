//! The caller's own account and organisation.

use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use super::{ApiJson, OrganisationView, UserView};
use crate::auth::ApiActor;
use crate::{ApiError, AppState};

/// Who the caller is.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// The account.
    pub user: UserView,
    /// Its organisation.
    pub organisation: OrganisationView,
}

/// The signed-in account and its organisation.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", responses(
    (status = 200, body = Me), (status = 401, body = crate::error::ErrorBody),
))]
pub async fn me(State(state): State<AppState>, ApiActor(actor): ApiActor) -> Result<ApiJson<Me>, ApiError> {
    let organisation = state.core.organisation(&actor, actor.organisation_id()).await?;
    Ok(ApiJson(Me { user: actor.user().clone().into(), organisation: organisation.into() }))
}
