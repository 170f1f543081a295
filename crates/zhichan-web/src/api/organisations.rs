//! Organisations and their members.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use zhichan_core::organisations::{MemberInput, ProfileInput};
use zhichan_domain::{OrgId, OrgKind, OrganisationFilter, Page, Street};

use super::{ApiJson, ApiPath, ApiQuery, OrganisationView, Paged, UserView, parse_cursor};
use crate::auth::{ApiActor, Origin};
use crate::{ApiError, AppState};

const DEFAULT_LIMIT: u32 = 50;

/// Filters and paging of the organisation list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Case-insensitive part of the Chinese or English name.
    name: Option<String>,
    /// Street code.
    street: Option<String>,
    /// `enterprise`, `service_provider` or `centre`.
    kind: Option<String>,
    /// From `next_cursor`.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u32>,
}

/// Organisations the caller may see: all for district staff, their own otherwise.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations", params(ListParams), responses(
    (status = 200, body = Paged<OrganisationView>), (status = 401, body = crate::error::ErrorBody),
))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<ApiJson<Paged<OrganisationView>>, ApiError> {
    let filter = OrganisationFilter {
        street: params.street.as_deref().map(Street::parse).transpose().map_err(zhichan_core::CoreError::from)?,
        kind: params.kind.as_deref().map(OrgKind::parse).transpose().map_err(zhichan_core::CoreError::from)?,
        name_contains: params.name,
        only_id: None,
    };
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, zhichan_core::organisations::MAX_PAGE);
    let page = Page { after: parse_cursor(params.cursor.as_deref())?, limit };
    let organisations = state.core.organisations(&actor, filter, page).await?;
    Ok(ApiJson(Paged::new(organisations, limit, |o| o.id.get(), OrganisationView::from)))
}

/// A new organisation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisationBody {
    /// `enterprise`, `service_provider` or `centre`.
    kind: String,
    /// The profile.
    #[serde(flatten)]
    profile: ProfileBody,
}

/// An organisation's profile.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProfileBody {
    /// Chinese name.
    name_zh: String,
    /// English name.
    name_en: Option<String>,
    /// Unified social credit code (GB 32100).
    uscc: Option<String>,
    /// Street code or Chinese name.
    street: Option<String>,
    /// Industry.
    industry: Option<String>,
    /// Export markets.
    #[serde(default)]
    export_markets: Vec<String>,
}

impl From<ProfileBody> for ProfileInput {
    fn from(body: ProfileBody) -> Self {
        ProfileInput {
            name_zh: body.name_zh,
            name_en: body.name_en,
            uscc: body.uscc,
            street: body.street,
            industry: body.industry,
            export_markets: body.export_markets,
        }
    }
}

/// Creates an organisation (administrators; staff for enterprises and providers).
#[utoipa::path(post, path = "/api/v1/organisations", tag = "organisations", request_body = NewOrganisationBody, responses(
    (status = 201, body = OrganisationView), (status = 403, body = crate::error::ErrorBody),
    (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiJson(body): ApiJson<NewOrganisationBody>,
) -> Result<(StatusCode, ApiJson<OrganisationView>), ApiError> {
    let kind = OrgKind::parse(&body.kind).map_err(zhichan_core::CoreError::from)?;
    let created = state.core.create_organisation(&actor, kind, &body.profile.into(), &origin).await?;
    Ok((StatusCode::CREATED, ApiJson(created.into())))
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{org_id}", tag = "organisations", params(("org_id" = i64, Path)), responses(
    (status = 200, body = OrganisationView), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(org_id): ApiPath<OrgId>,
) -> Result<ApiJson<OrganisationView>, ApiError> {
    Ok(ApiJson(state.core.organisation(&actor, org_id).await?.into()))
}

/// Replaces an organisation's profile.
#[utoipa::path(put, path = "/api/v1/organisations/{org_id}", tag = "organisations", params(("org_id" = i64, Path)), request_body = ProfileBody, responses(
    (status = 200, body = OrganisationView), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn replace(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(org_id): ApiPath<OrgId>,
    ApiJson(body): ApiJson<ProfileBody>,
) -> Result<ApiJson<OrganisationView>, ApiError> {
    Ok(ApiJson(state.core.update_organisation(&actor, org_id, &body.into(), &origin).await?.into()))
}

/// The members of an organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{org_id}/users", tag = "organisations", params(("org_id" = i64, Path)), responses(
    (status = 200, body = Vec<UserView>), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn members(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(org_id): ApiPath<OrgId>,
) -> Result<ApiJson<Vec<UserView>>, ApiError> {
    let users = state.core.members(&actor, org_id).await?;
    Ok(ApiJson(users.into_iter().map(UserView::from).collect()))
}

/// A new member.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMemberBody {
    /// Login address.
    email: String,
    /// Display name.
    display_name: String,
    /// Initial password (10+ characters).
    password: String,
    /// Role codes.
    roles: Vec<String>,
}

/// Adds a member to an organisation.
#[utoipa::path(post, path = "/api/v1/organisations/{org_id}/users", tag = "organisations", params(("org_id" = i64, Path)), request_body = NewMemberBody, responses(
    (status = 201, body = UserView), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
))]
pub async fn add_member(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(org_id): ApiPath<OrgId>,
    ApiJson(body): ApiJson<NewMemberBody>,
) -> Result<(StatusCode, ApiJson<UserView>), ApiError> {
    let input =
        MemberInput { email: body.email, display_name: body.display_name, password: body.password, roles: body.roles };
    let user = state.core.add_member(&actor, org_id, &input, &origin).await?;
    Ok((StatusCode::CREATED, ApiJson(user.into())))
}
