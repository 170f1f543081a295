//! What forms send: a POST body checked against the CSRF token, GET query parameters, the
//! problems a use case finds in them, and where to go after one.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use zhichan_core::{CoreError, ErrorCode};

use super::error_page::error_response;
use super::page::PageContext;
use crate::AppState;
use crate::csrf::{self, CsrfToken};

/// Input a form sent that the use case refused: shown on the form's page (status 422) rather
/// than on an error page, so the user can correct it.
pub struct Problem {
    /// What was wrong, as the use case put it.
    pub message: String,
    /// The form field that was wrong, when the use case named one.
    pub field: Option<&'static str>,
    /// The error's code (its catalogue message says what kind of problem it was).
    pub code: ErrorCode,
}

impl Problem {
    /// The problem when `error` is about the user's input; any other error is handed back.
    pub fn of(error: CoreError) -> Result<Self, CoreError> {
        let (message, field) = match &error {
            CoreError::Invalid(invalid) => (format!("{}: {}", invalid.field, invalid.expected), Some(invalid.field)),
            CoreError::Query(_) | CoreError::Search(_) | CoreError::Taken(_) => (error.to_string(), None),
            _ => return Err(error),
        };
        Ok(Self { message, field, code: error.code() })
    }

    /// The label of the field that was wrong, when the catalogue has one (`field.<name>`).
    pub fn field_label<'a>(&self, page: &'a PageContext) -> Option<&'a str> {
        page.get(&format!("field.{}", self.field?))
    }

    /// Like [`Problem::of`], and also a step the case can no longer take or an appointment a
    /// conflict of interest stops: shown on the case page, where the user can choose again.
    pub fn of_case(error: CoreError) -> Result<Self, CoreError> {
        match error {
            CoreError::IllegalTransition(_) | CoreError::ConflictOfInterest(_) => {
                Ok(Self { message: error.to_string(), field: None, code: error.code() })
            }
            other => Self::of(other),
        }
    }
}

/// A form body whose `csrf` field matched the visitor's token, then parsed as `T`.
pub struct CsrfForm<T>(pub T);

#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let page = PageContext::from_request_parts(&mut parts, state).await?;
        let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let submitted = serde_html_form::from_bytes::<CsrfField>(&bytes).map(|f| f.csrf).unwrap_or_default();
        let token = parts.extensions.get::<CsrfToken>();
        if !token.is_some_and(|t| csrf::matches(t, &submitted)) {
            return Err(error_response(&page, ErrorCode::CsrfFailed, Some(page.t("error.csrf_failed").to_owned())));
        }
        serde_html_form::from_bytes::<T>(&bytes)
            .map(CsrfForm)
            .map_err(|e| error_response(&page, ErrorCode::InvalidInput, Some(e.to_string())))
    }
}

/// Query parameters read as a GET form sends them: an empty field (an "all" choice) is absent.
pub struct FormQuery<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for FormQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let parsed = serde_html_form::from_str::<T>(parts.uri.query().unwrap_or_default()).map_err(|e| e.to_string());
        match parsed {
            Ok(query) => Ok(FormQuery(query)),
            Err(error) => {
                let page = PageContext::from_request_parts(parts, state).await?;
                Err(error_response(&page, ErrorCode::InvalidInput, Some(error)))
            }
        }
    }
}

/// Only same-site paths are followed after sign-in or a language switch.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path.to_owned(),
        _ => "/".to_owned(),
    }
}
