//! The JSON API under `/api/v1`: one module per resource, extractors that answer malformed input
//! with the standard error body, and the OpenAPI document assembled from the handlers.

pub mod alerts;
pub mod audit;
pub mod calendars;
pub mod cases;
pub mod directory;
pub mod health;
pub mod me;
pub mod notifications;
pub mod organisations;
pub mod records;
pub mod reference;
pub mod search;
pub mod tokens;
mod views;
pub mod watch;

use axum::extract::FromRequest;
use axum::extract::FromRequestParts;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::OpenApi;
use zhichan_core::ErrorCode;

use crate::ApiError;
pub use views::*;

/// A JSON body; malformed JSON is answered with `invalid_json`.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// Path parameters; a malformed id is answered with `not_found`.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// Query parameters; malformed ones are answered with `invalid_input`.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        ApiError::new(ErrorCode::InvalidJson, rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::new(ErrorCode::NotFound, rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::new(ErrorCode::InvalidInput, rejection.body_text())
    }
}

/// A page of results and the cursor for the next one (absent on the last page).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Paged<T> {
    /// The entries.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

impl<T> Paged<T> {
    /// A page of `limit` entries whose ids are given by `id`: a full page has a next cursor.
    pub fn new<S>(source: Vec<S>, limit: u32, id: impl Fn(&S) -> i64, view: impl Fn(S) -> T) -> Self {
        let next_cursor = (source.len() == limit as usize).then(|| source.last().map(|s| id(s).to_string())).flatten();
        Self { items: source.into_iter().map(view).collect(), next_cursor }
    }
}

/// Reads a cursor produced by [`Paged`].
pub fn parse_cursor(cursor: Option<&str>) -> Result<Option<i64>, ApiError> {
    cursor
        .map(|c| {
            c.parse::<i64>()
                .map_err(|_| ApiError::new(ErrorCode::InvalidCursor, "cursor must be a value from next_cursor"))
        })
        .transpose()
}

/// The OpenAPI 3 document of `/api/v1`.
#[derive(OpenApi)]
#[openapi(
    info(title = "zhichan API", description = "知产通 — IP public-service platform. Authenticate with `Authorization: Bearer zc_…` (personal API token) or the session cookie plus `X-CSRF-Token`."),
    paths(
        health::healthz, health::readyz,
        me::me,
        organisations::list, organisations::create, organisations::get, organisations::replace,
        organisations::members, organisations::add_member,
        tokens::list, tokens::create, tokens::revoke,
        audit::list,
        records::trademark, records::patent,
        reference::streets, reference::similar_groups, reference::ipc,
        search::search, search::export, search::saved, search::save, search::delete,
        watch::marks, watch::create_mark, watch::mark, watch::replace_mark, watch::delete_mark,
        watch::parties, watch::create_party, watch::party, watch::replace_party, watch::delete_party,
        watch::patent_watches, watch::create_patent_watch, watch::patent_watch, watch::replace_patent_watch,
        watch::delete_patent_watch, alerts::deadlines,
        notifications::webhooks, notifications::create_webhook, notifications::delete_webhook,
        alerts::list, alerts::get, alerts::transition, alerts::note, alerts::assign,
        notifications::alert_deliveries, cases::escalate,
        cases::list, cases::open, cases::get, cases::transition, cases::assign, cases::add_entry, cases::integrity,
        cases::upload_evidence, cases::download_evidence,
        cases::stations, cases::work,
        directory::experts, directory::expert, directory::replace_expert, directory::affiliations,
        directory::create_affiliation, directory::delete_affiliation, directory::providers, directory::provider,
        directory::replace_provider, directory::match_candidates,
        calendars::calendar_year,
    ),
    components(schemas(crate::error::ErrorBody)),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// GET /api/v1/openapi.json
pub async fn openapi() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
