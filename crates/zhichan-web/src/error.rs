//! One table from core error codes to HTTP statuses, and the JSON shape of API errors:
//! `{ "code": "stable_snake_case", "message": "…", "field": "…" }`.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header::RETRY_AFTER};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use zhichan_core::CoreError;

/// The HTTP status for a core error code. The only place statuses are chosen.
pub fn status_of(code: &str) -> StatusCode {
    match code {
        "invalid_input" | "invalid_json" | "invalid_cursor" => StatusCode::UNPROCESSABLE_ENTITY,
        "query_syntax" | "search_unsupported" => StatusCode::BAD_REQUEST,
        "unauthenticated" | "invalid_credentials" => StatusCode::UNAUTHORIZED,
        "forbidden" | "csrf_failed" => StatusCode::FORBIDDEN,
        "not_found" => StatusCode::NOT_FOUND,
        "already_exists" => StatusCode::CONFLICT,
        "too_many_attempts" => StatusCode::TOO_MANY_REQUESTS,
        "database_unavailable" | "search_unavailable" => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The body of every API error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable snake_case code, e.g. `not_found`.
    pub code: String,
    /// Human-readable explanation (English).
    pub message: String,
    /// The input field at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// An error answered as JSON.
#[derive(Debug)]
pub struct ApiError {
    code: &'static str,
    message: String,
    field: Option<&'static str>,
    retry_after: Option<u64>,
}

impl ApiError {
    /// An error with a code of the web layer's own (`csrf_failed`, `invalid_json`, …).
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), field: None, retry_after: None }
    }

    /// The same error about input `field`.
    pub fn with_field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }
}

impl From<CoreError> for ApiError {
    fn from(error: CoreError) -> Self {
        if let CoreError::Internal(detail) = &error {
            tracing::error!(%detail, "internal error");
            return Self::new("internal", "internal error");
        }
        let retry_after = match &error {
            CoreError::TooManyAttempts { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        Self { code: error.code(), message: error.to_string(), field: error.field(), retry_after }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body =
            ErrorBody { code: self.code.to_owned(), message: self.message, field: self.field.map(str::to_owned) };
        let mut response = (status_of(self.code), Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_has_a_deliberate_status() {
        let errors = [
            CoreError::Invalid(zhichan_domain::InvalidValue::new("x", "y")),
            CoreError::Unauthenticated,
            CoreError::InvalidCredentials,
            CoreError::Forbidden,
            CoreError::NotFound("x"),
            CoreError::Taken("email"),
            CoreError::TooManyAttempts { retry_after_secs: 1 },
            CoreError::Search("bad cursor".into()),
        ];
        for error in errors {
            assert!(status_of(error.code()).is_client_error(), "{}", error.code());
        }
        assert_eq!(status_of("query_syntax"), StatusCode::BAD_REQUEST);
        assert_eq!(status_of("search_unavailable"), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(status_of("internal"), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
