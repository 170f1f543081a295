//! Turning a template into the response: no caching, and a plain 500 when a template fails.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::error::internal_error;

/// Renders a template, or a plain 500 page if the template fails. Pages are never stored by
/// browsers or proxies: they carry the user's data, CSRF tokens and, once, secrets (new API
/// tokens, webhook secrets).
pub fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => ([(axum::http::header::CACHE_CONTROL, "no-store")], Html(html)).into_response(),
        Err(error) => internal_error(&error.to_string()),
    }
}

/// Renders a page that carries a [`Problem`](super::Problem) with status 422.
pub fn unprocessable(template: &impl Template) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, render(template)).into_response()
}
