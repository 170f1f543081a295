//! Liveness and readiness probes.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use zhichan_core::ErrorCode;

use crate::{ApiError, AppState};

/// The process is alive.
#[utoipa::path(get, path = "/healthz", tag = "health", security(()), responses((status = 200, description = "alive", body = String)))]
pub async fn healthz() -> &'static str {
    "ok"
}

/// The process can reach its database.
#[utoipa::path(get, path = "/readyz", tag = "health", security(()), responses(
    (status = 200, description = "ready", body = String),
    (status = 503, description = "database unreachable", body = crate::error::ErrorBody),
))]
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.core.ready().await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(error) => {
            tracing::warn!(%error, "not ready");
            ApiError::new(ErrorCode::DatabaseUnavailable, "the database does not answer").into_response()
        }
    }
}
