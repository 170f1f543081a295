//! The watch set-up of an organisation: the marks it watches, the parties it declares and its
//! patent watches.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use zhichan_core::authz;
use zhichan_core::watch::{PatentWatchInput, WatchPartyInput, WatchedMarkInput};
use zhichan_domain::watch::{PatentWatch, PatentWatchId, WatchParty, WatchPartyId, WatchedMark, WatchedMarkId};
use zhichan_domain::{OrgId, Page, UserId};

use super::{ApiJson, ApiPath, ApiQuery, Paged, parse_cursor};
use crate::auth::{ApiActor, Origin};
use crate::{ApiError, AppState};

const DEFAULT_LIMIT: u32 = 50;

/// Whose watch to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScopeParams {
    /// Only this organisation's (staff; enterprise users always get their own).
    #[param(value_type = Option<i64>)]
    pub organisation_id: Option<OrgId>,
}

/// Whose watched marks to list, and which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MarkListParams {
    /// Only this organisation's (staff; enterprise users always get their own).
    #[param(value_type = Option<i64>)]
    organisation_id: Option<OrgId>,
    /// From `next_cursor`.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u32>,
}

/// A watched mark.
#[derive(Debug, Serialize, ToSchema)]
pub struct WatchedMarkView {
    /// Id.
    #[schema(value_type = i64)]
    pub id: WatchedMarkId,
    /// The organisation watching it.
    #[schema(value_type = i64)]
    pub organisation_id: OrgId,
    /// What the organisation calls it.
    pub label: String,
    /// Every form in use (汉字, pinyin, English…).
    pub forms: Vec<String>,
    /// Nice classes.
    pub classes: Vec<u8>,
    /// Offices and markets of interest besides the organisation's export markets.
    pub offices: Vec<String>,
    /// The user who added it.
    #[schema(value_type = Option<i64>)]
    pub created_by: Option<UserId>,
    /// Added.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<WatchedMark> for WatchedMarkView {
    fn from(m: WatchedMark) -> Self {
        Self {
            id: m.id,
            organisation_id: m.organisation_id,
            label: m.label,
            forms: m.forms,
            classes: m.classes.iter().map(|c| c.number()).collect(),
            offices: m.offices.iter().map(|o| o.as_str().to_owned()).collect(),
            created_by: m.created_by,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// A watched mark's editable fields.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WatchedMarkBody {
    /// What the organisation calls it (1–200 characters).
    label: String,
    /// Every form in use, 1–20.
    forms: Vec<String>,
    /// Nice class numbers (none: judged without goods).
    #[serde(default)]
    classes: Vec<u8>,
    /// Two-letter office or market codes of interest, e.g. `US`, `EM`.
    #[serde(default)]
    offices: Vec<String>,
}

impl From<WatchedMarkBody> for WatchedMarkInput {
    fn from(b: WatchedMarkBody) -> Self {
        Self { label: b.label, forms: b.forms, classes: b.classes, offices: b.offices }
    }
}

/// A new watched mark.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewWatchedMarkBody {
    /// The organisation (default: the caller's own; staff must give it).
    #[schema(value_type = Option<i64>)]
    organisation_id: Option<OrgId>,
    /// The mark.
    #[serde(flatten)]
    mark: WatchedMarkBody,
}

/// The watched marks the caller may see, in id order.
#[utoipa::path(get, path = "/api/v1/watch/marks", tag = "watch", params(MarkListParams), responses(
    (status = 200, body = Paged<WatchedMarkView>), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn marks(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(params): ApiQuery<MarkListParams>,
) -> Result<ApiJson<Paged<WatchedMarkView>>, ApiError> {
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, 200);
    let page = Page { after: parse_cursor(params.cursor.as_deref())?, limit };
    let marks = state.core.watched_marks(&actor, params.organisation_id, page).await?;
    Ok(ApiJson(Paged::new(marks, limit, |m| m.id.get(), WatchedMarkView::from)))
}

/// Adds a watched mark; new filings are screened against it from now on.
#[utoipa::path(post, path = "/api/v1/watch/marks", tag = "watch", request_body = NewWatchedMarkBody, responses(
    (status = 201, body = WatchedMarkView), (status = 404, body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn create_mark(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiJson(body): ApiJson<NewWatchedMarkBody>,
) -> Result<(StatusCode, ApiJson<WatchedMarkView>), ApiError> {
    let organisation_id = authz::single_organisation(&actor, body.organisation_id)?;
    let created = state.core.create_watched_mark(&actor, &origin, organisation_id, &body.mark.into()).await?;
    Ok((StatusCode::CREATED, ApiJson(created.into())))
}

/// One watched mark.
#[utoipa::path(get, path = "/api/v1/watch/marks/{mark_id}", tag = "watch", params(("mark_id" = i64, Path)), responses(
    (status = 200, body = WatchedMarkView), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn mark(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(mark_id): ApiPath<WatchedMarkId>,
) -> Result<ApiJson<WatchedMarkView>, ApiError> {
    Ok(ApiJson(state.core.watched_mark(&actor, mark_id).await?.into()))
}

/// Replaces a watched mark's label, forms, classes and offices.
#[utoipa::path(put, path = "/api/v1/watch/marks/{mark_id}", tag = "watch", params(("mark_id" = i64, Path)), request_body = WatchedMarkBody, responses(
    (status = 200, body = WatchedMarkView), (status = 404, body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn replace_mark(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(mark_id): ApiPath<WatchedMarkId>,
    ApiJson(body): ApiJson<WatchedMarkBody>,
) -> Result<ApiJson<WatchedMarkView>, ApiError> {
    Ok(ApiJson(state.core.update_watched_mark(&actor, &origin, mark_id, &body.into()).await?.into()))
}

/// Stops watching a mark; its alerts are deleted with it.
#[utoipa::path(delete, path = "/api/v1/watch/marks/{mark_id}", tag = "watch", params(("mark_id" = i64, Path)), responses(
    (status = 204), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn delete_mark(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(mark_id): ApiPath<WatchedMarkId>,
) -> Result<StatusCode, ApiError> {
    state.core.delete_watched_mark(&actor, &origin, mark_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A declared party.
#[derive(Debug, Serialize, ToSchema)]
pub struct WatchPartyView {
    /// Id.
    #[schema(value_type = i64)]
    pub id: WatchPartyId,
    /// The organisation declaring it.
    #[schema(value_type = i64)]
    pub organisation_id: OrgId,
    /// The party's name as it files.
    pub name: String,
    /// `distributor`, `agent` or `known_squatter`.
    pub relation: String,
    /// Declared.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<WatchParty> for WatchPartyView {
    fn from(p: WatchParty) -> Self {
        Self {
            id: p.id,
            organisation_id: p.organisation_id,
            name: p.name,
            relation: p.relation.code().to_owned(),
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A declared party's editable fields.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WatchPartyBody {
    /// The party's name as it files (1–200 characters).
    name: String,
    /// `distributor`, `agent` or `known_squatter`.
    relation: String,
}

impl From<WatchPartyBody> for WatchPartyInput {
    fn from(b: WatchPartyBody) -> Self {
        Self { name: b.name, relation: b.relation }
    }
}

/// A new declared party.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewWatchPartyBody {
    /// The organisation (default: the caller's own; staff must give it).
    #[schema(value_type = Option<i64>)]
    organisation_id: Option<OrgId>,
    /// The party.
    #[serde(flatten)]
    party: WatchPartyBody,
}

/// The declared parties the caller may see, in id order.
#[utoipa::path(get, path = "/api/v1/watch/parties", tag = "watch", params(ScopeParams), responses(
    (status = 200, body = Vec<WatchPartyView>), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn parties(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(params): ApiQuery<ScopeParams>,
) -> Result<ApiJson<Vec<WatchPartyView>>, ApiError> {
    let parties = state.core.watch_parties(&actor, params.organisation_id).await?;
    Ok(ApiJson(parties.into_iter().map(WatchPartyView::from).collect()))
}

/// Declares a distributor, agent or known squatter; their filings of the organisation's marks
/// are flagged.
#[utoipa::path(post, path = "/api/v1/watch/parties", tag = "watch", request_body = NewWatchPartyBody, responses(
    (status = 201, body = WatchPartyView), (status = 404, body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn create_party(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiJson(body): ApiJson<NewWatchPartyBody>,
) -> Result<(StatusCode, ApiJson<WatchPartyView>), ApiError> {
    let organisation_id = authz::single_organisation(&actor, body.organisation_id)?;
    let created = state.core.create_watch_party(&actor, &origin, organisation_id, &body.party.into()).await?;
    Ok((StatusCode::CREATED, ApiJson(created.into())))
}

/// One declared party.
#[utoipa::path(get, path = "/api/v1/watch/parties/{party_id}", tag = "watch", params(("party_id" = i64, Path)), responses(
    (status = 200, body = WatchPartyView), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn party(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(party_id): ApiPath<WatchPartyId>,
) -> Result<ApiJson<WatchPartyView>, ApiError> {
    Ok(ApiJson(state.core.watch_party(&actor, party_id).await?.into()))
}

/// Replaces a declared party's name and relation.
#[utoipa::path(put, path = "/api/v1/watch/parties/{party_id}", tag = "watch", params(("party_id" = i64, Path)), request_body = WatchPartyBody, responses(
    (status = 200, body = WatchPartyView), (status = 404, body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn replace_party(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(party_id): ApiPath<WatchPartyId>,
    ApiJson(body): ApiJson<WatchPartyBody>,
) -> Result<ApiJson<WatchPartyView>, ApiError> {
    Ok(ApiJson(state.core.update_watch_party(&actor, &origin, party_id, &body.into()).await?.into()))
}

/// Removes a declared party.
#[utoipa::path(delete, path = "/api/v1/watch/parties/{party_id}", tag = "watch", params(("party_id" = i64, Path)), responses(
    (status = 204), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn delete_party(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(party_id): ApiPath<WatchPartyId>,
) -> Result<StatusCode, ApiError> {
    state.core.delete_watch_party(&actor, &origin, party_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A patent watch: a query in the search language run on every new patent.
#[derive(Debug, Serialize, ToSchema)]
pub struct PatentWatchView {
    /// Id.
    #[schema(value_type = i64)]
    pub id: PatentWatchId,
    /// The organisation watching.
    #[schema(value_type = i64)]
    pub organisation_id: OrgId,
    /// What the organisation calls it.
    pub label: String,
    /// The query, e.g. `applicant:huawei AND ipc:H04W*`.
    pub query: String,
    /// The user who added it.
    #[schema(value_type = Option<i64>)]
    pub created_by: Option<UserId>,
    /// Added.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<PatentWatch> for PatentWatchView {
    fn from(w: PatentWatch) -> Self {
        Self {
            id: w.id,
            organisation_id: w.organisation_id,
            label: w.label,
            query: w.query,
            created_by: w.created_by,
            created_at: w.created_at,
            updated_at: w.updated_at,
        }
    }
}

/// A patent watch's editable fields.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PatentWatchBody {
    /// What the organisation calls it (1–200 characters).
    label: String,
    /// A query in the search language (docs/SEARCH.md).
    query: String,
}

impl From<PatentWatchBody> for PatentWatchInput {
    fn from(b: PatentWatchBody) -> Self {
        Self { label: b.label, query: b.query }
    }
}

/// A new patent watch.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewPatentWatchBody {
    /// The organisation (default: the caller's own; staff must give it).
    #[schema(value_type = Option<i64>)]
    organisation_id: Option<OrgId>,
    /// The watch.
    #[serde(flatten)]
    watch: PatentWatchBody,
}

/// The patent watches the caller may see, in id order.
#[utoipa::path(get, path = "/api/v1/watch/patents", tag = "watch", params(ScopeParams), responses(
    (status = 200, body = Vec<PatentWatchView>), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn patent_watches(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(params): ApiQuery<ScopeParams>,
) -> Result<ApiJson<Vec<PatentWatchView>>, ApiError> {
    let watches = state.core.patent_watches(&actor, params.organisation_id).await?;
    Ok(ApiJson(watches.into_iter().map(PatentWatchView::from).collect()))
}

/// Adds a patent watch; every patent imported from now on is matched against its query.
#[utoipa::path(post, path = "/api/v1/watch/patents", tag = "watch", request_body = NewPatentWatchBody, responses(
    (status = 201, body = PatentWatchView),
    (status = 400, description = "`query_syntax` or `search_unsupported`", body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn create_patent_watch(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiJson(body): ApiJson<NewPatentWatchBody>,
) -> Result<(StatusCode, ApiJson<PatentWatchView>), ApiError> {
    let organisation_id = authz::single_organisation(&actor, body.organisation_id)?;
    let created = state.core.create_patent_watch(&actor, &origin, organisation_id, &body.watch.into()).await?;
    Ok((StatusCode::CREATED, ApiJson(created.into())))
}

/// One patent watch.
#[utoipa::path(get, path = "/api/v1/watch/patents/{patent_watch_id}", tag = "watch", params(("patent_watch_id" = i64, Path)), responses(
    (status = 200, body = PatentWatchView), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn patent_watch(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(patent_watch_id): ApiPath<PatentWatchId>,
) -> Result<ApiJson<PatentWatchView>, ApiError> {
    Ok(ApiJson(state.core.patent_watch(&actor, patent_watch_id).await?.into()))
}

/// Replaces a patent watch's label and query.
#[utoipa::path(put, path = "/api/v1/watch/patents/{patent_watch_id}", tag = "watch", params(("patent_watch_id" = i64, Path)), request_body = PatentWatchBody, responses(
    (status = 200, body = PatentWatchView), (status = 400, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn replace_patent_watch(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(patent_watch_id): ApiPath<PatentWatchId>,
    ApiJson(body): ApiJson<PatentWatchBody>,
) -> Result<ApiJson<PatentWatchView>, ApiError> {
    Ok(ApiJson(state.core.update_patent_watch(&actor, &origin, patent_watch_id, &body.into()).await?.into()))
}

/// Stops a patent watch; its alerts are deleted with it.
#[utoipa::path(delete, path = "/api/v1/watch/patents/{patent_watch_id}", tag = "watch", params(("patent_watch_id" = i64, Path)), responses(
    (status = 204), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn delete_patent_watch(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(patent_watch_id): ApiPath<PatentWatchId>,
) -> Result<StatusCode, ApiError> {
    state.core.delete_patent_watch(&actor, &origin, patent_watch_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
