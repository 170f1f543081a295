//! The JSON shape of API errors, `{ "code": "stable_snake_case", "message": "…", "field": "…" }`,
//! the HTTP status of each [`ErrorCode`] (chosen in `zhichan-core`'s table), how failures are
//! logged, and the last-resort answer when nothing better can be built. It depends on no other
//! module of the crate, so every one of them can answer with it.

use std::error::Error;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header::RETRY_AFTER};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use zhichan_core::{CoreError, ErrorCode};

/// The HTTP status of `code`.
pub(crate) fn http_status(code: ErrorCode) -> StatusCode {
    // The table holds only valid statuses (a test checks); a bad one must still answer.
    StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// Logs the cause of an internal failure with its whole chain; users only learn that it happened.
pub(crate) fn log_internal(cause: &(dyn Error + 'static)) {
    log_failure("internal error", cause);
}

/// Logs a failure the user is not shown, `what` failed and why, with its whole chain.
pub(crate) fn log_failure(what: &str, cause: &(dyn Error + 'static)) {
    tracing::error!(error = %with_causes(cause), "{what}");
}

/// The last-resort answer when not even the error page can be built.
pub(crate) fn internal_error(detail: &str) -> Response {
    tracing::error!(%detail, "internal error");
    (StatusCode::INTERNAL_SERVER_ERROR, "internal error / 服务器内部错误").into_response()
}

/// An error and its causes on one line, `outer: inner: innermost`. A cause whose text already
/// ends its parent's (errors written as `"…: {0}"` print their source themselves) is not repeated.
fn with_causes(error: &(dyn Error + 'static)) -> String {
    let mut line = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let text = inner.to_string();
        if !line.ends_with(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        cause = inner.source();
    }
    line
}

/// The body of every API error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable snake_case code, e.g. `not_found`.
    #[schema(schema_with = error_code_schema)]
    pub code: ErrorCode,
    /// Human-readable explanation (English).
    pub message: String,
    /// The input field at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The schema of [`ErrorBody::code`]: a string, one of the table's codes.
fn error_code_schema() -> utoipa::openapi::Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(ErrorCode::ALL.map(ErrorCode::as_str)))
        .description(Some("Stable snake_case code, e.g. `not_found`."))
        .build()
}

/// An error answered as JSON.
#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    message: String,
    field: Option<&'static str>,
    retry_after: Option<u64>,
}

impl ApiError {
    /// An error the web layer finds itself (`csrf_failed`, `invalid_json`, …).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), field: None, retry_after: None }
    }

    /// The same error about input `field`.
    pub fn with_field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }
}

impl From<CoreError> for ApiError {
    fn from(error: CoreError) -> Self {
        if let CoreError::Internal(cause) = &error {
            log_internal(cause.as_ref());
            return Self::new(ErrorCode::Internal, "internal error");
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
        let body = ErrorBody { code: self.code, message: self.message, field: self.field.map(str::to_owned) };
        let mut response = (http_status(self.code), Json(body)).into_response();
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
    fn every_code_is_a_valid_http_status() {
        for code in ErrorCode::ALL {
            assert_eq!(http_status(code).as_u16(), code.status(), "{code}");
        }
    }

    #[test]
    fn the_log_line_carries_every_cause_once() {
        #[derive(Debug, thiserror::Error)]
        #[error("cannot open the index")]
        struct Opening(#[source] std::io::Error);
        #[derive(Debug, thiserror::Error)]
        #[error("database error: {0}")]
        struct Repeating(#[source] Opening);
        let disk = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "read-only file system");
        assert_eq!(with_causes(&Opening(disk())), "cannot open the index: read-only file system");
        assert_eq!(
            with_causes(&Repeating(Opening(disk()))),
            "database error: cannot open the index: read-only file system"
        );
    }
}
