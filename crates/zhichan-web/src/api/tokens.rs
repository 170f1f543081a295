//! The caller's personal API tokens.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, ApiPath, TokenView};
use crate::auth::{ApiActor, Origin};
use crate::{ApiError, AppState};
use zhichan_domain::TokenId;

/// The caller's tokens, newest first.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "accounts", responses((status = 200, body = Vec<TokenView>)))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<ApiJson<Vec<TokenView>>, ApiError> {
    Ok(ApiJson(state.core.api_tokens(&actor).await?.into_iter().map(TokenView::from).collect()))
}

/// A token to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTokenBody {
    /// What the token is for.
    name: String,
}

/// A created token with its secret, shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedTokenView {
    /// The bearer secret, `zc_…`.
    pub secret: String,
    /// The stored token.
    pub token: TokenView,
}

/// Creates a token for the caller.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts", request_body = NewTokenBody, responses(
    (status = 201, body = CreatedTokenView), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiJson(body): ApiJson<NewTokenBody>,
) -> Result<(StatusCode, ApiJson<CreatedTokenView>), ApiError> {
    let created = state.core.create_api_token(&actor, &body.name, &origin).await?;
    Ok((StatusCode::CREATED, ApiJson(CreatedTokenView { secret: created.secret, token: created.token.into() })))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{token_id}", tag = "accounts", params(("token_id" = i64, Path)), responses(
    (status = 200, body = TokenView), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn revoke(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(token_id): ApiPath<TokenId>,
) -> Result<ApiJson<TokenView>, ApiError> {
    Ok(ApiJson(state.core.revoke_api_token(&actor, token_id, &origin).await?.into()))
}
