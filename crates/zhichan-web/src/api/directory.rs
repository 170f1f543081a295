//! The expert and provider directory: experts' profiles and the ties they declare, service
//! providers' profiles, and matching a case to candidates with their conflicts.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use zhichan_core::directory::{
    AffiliationInput, ExpertProfileInput, ExpertQuery, MatchInput, PartyInput, ProviderProfileInput, ProviderQuery,
};
use zhichan_domain::directory::{
    Affiliation, AffiliationId, Candidate, ConflictAssessment, ConflictTie, ExpertProfile, MatchReason, ProviderProfile,
};
use zhichan_domain::{OrgId, Page, UserId};

use super::{ApiJson, ApiPath, ApiQuery, Paged, parse_cursor};
use crate::auth::{ApiActor, Origin};
use crate::{ApiError, AppState};

const DEFAULT_LIMIT: u32 = 50;

/// Filters and paging of the expert list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExpertListParams {
    /// `expert`, `mediator` or `technical_investigator`.
    role: Option<String>,
    /// A technical field code, e.g. `software`, `trademarks`.
    field: Option<String>,
    /// A language code, e.g. `cantonese`, `portuguese`.
    language: Option<String>,
    /// `mainland`, `hong_kong`, `macau` or `overseas`.
    region: Option<String>,
    /// From `next_cursor`.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u32>,
}

/// Filters and paging of the provider list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProviderListParams {
    /// `law_firm`, `patent_agency`, `trademark_agency` or `appraiser`.
    kind: Option<String>,
    /// An office it files at (WIPO ST.3 code, e.g. `EP`).
    office: Option<String>,
    /// A language code.
    language: Option<String>,
    /// A region code.
    region: Option<String>,
    /// From `next_cursor`.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u32>,
}

/// An expert, mediator or technical investigator.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExpertView {
    /// Their account.
    #[schema(value_type = i64)]
    pub user_id: UserId,
    /// Their organisation.
    #[schema(value_type = i64)]
    pub organisation_id: OrgId,
    /// Their name.
    pub display_name: String,
    /// `expert`, `mediator`, `technical_investigator`.
    pub roles: Vec<String>,
    /// `mainland`, `hong_kong`, `macau` or `overseas`.
    pub region: String,
    /// Technical field codes.
    pub fields: Vec<String>,
    /// Language codes.
    pub languages: Vec<String>,
    /// Biography.
    pub bio: String,
    /// Whether they take new cases.
    pub accepting: bool,
    /// Last saved; `null` for a profile not filled in yet (shown only to the expert and the centre).
    pub updated_at: Option<DateTime<Utc>>,
}

impl From<ExpertProfile> for ExpertView {
    fn from(p: ExpertProfile) -> Self {
        Self {
            user_id: p.user_id,
            organisation_id: p.organisation_id,
            display_name: p.display_name,
            roles: p.roles.iter().map(|r| r.code().to_owned()).collect(),
            region: p.region.code().to_owned(),
            fields: p.fields.iter().map(|f| f.code().to_owned()).collect(),
            languages: p.languages.iter().map(|l| l.code().to_owned()).collect(),
            bio: p.bio,
            accepting: p.accepting,
            updated_at: p.updated_at,
        }
    }
}

/// An expert's editable profile.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpertProfileBody {
    /// `mainland`, `hong_kong`, `macau` or `overseas`.
    region: String,
    /// Technical field codes, at least one.
    fields: Vec<String>,
    /// Language codes, at least one.
    languages: Vec<String>,
    /// Biography, up to 2,000 characters.
    #[serde(default)]
    bio: String,
    /// Whether they take new cases.
    #[serde(default)]
    accepting: bool,
}

impl From<ExpertProfileBody> for ExpertProfileInput {
    fn from(b: ExpertProfileBody) -> Self {
        Self { region: b.region, fields: b.fields, languages: b.languages, bio: b.bio, accepting: b.accepting }
    }
}

/// A tie an expert declared to a party.
#[derive(Debug, Serialize, ToSchema)]
pub struct AffiliationView {
    /// Id.
    #[schema(value_type = i64)]
    pub id: AffiliationId,
    /// The expert.
    #[schema(value_type = i64)]
    pub user_id: UserId,
    /// The party, when it is an organisation of the platform.
    #[schema(value_type = Option<i64>)]
    pub organisation_id: Option<OrgId>,
    /// The party's name.
    pub party_name: String,
    /// `officer`, `employee`, `owner`, `financial_interest`, `adviser`, `former_adviser`,
    /// `counsel_colleague`, `repeat_appointments` or `general_opinion`.
    pub tie: String,
    /// Its level today: `red`, `orange` or `green` (see docs/DIRECTORY.md).
    pub level: String,
    /// Since when.
    pub since: Option<NaiveDate>,
    /// Until when; `null` while it lasts.
    pub until: Option<NaiveDate>,
    /// The expert's note.
    pub note: String,
}

impl AffiliationView {
    fn new(a: Affiliation, today: NaiveDate) -> Self {
        Self {
            id: a.id,
            user_id: a.user_id,
            organisation_id: a.organisation_id,
            level: a.level(today).code().to_owned(),
            party_name: a.party_name,
            tie: a.tie.code().to_owned(),
            since: a.since,
            until: a.until,
            note: a.note,
        }
    }
}

/// A tie to declare.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AffiliationBody {
    /// The party, when it is an organisation of the platform.
    #[schema(value_type = Option<i64>)]
    #[serde(default)]
    organisation_id: Option<OrgId>,
    /// The party's name (1–200 characters).
    party_name: String,
    /// The tie's code (see `AffiliationView.tie`).
    tie: String,
    /// Since when, `YYYY-MM-DD`.
    #[serde(default)]
    since: Option<String>,
    /// Until when, `YYYY-MM-DD`; absent while it lasts.
    #[serde(default)]
    until: Option<String>,
    /// A note, up to 1,000 characters.
    #[serde(default)]
    note: String,
}

impl From<AffiliationBody> for AffiliationInput {
    fn from(b: AffiliationBody) -> Self {
        Self {
            organisation_id: b.organisation_id,
            party_name: b.party_name,
            tie: b.tie,
            since: b.since.unwrap_or_default(),
            until: b.until.unwrap_or_default(),
            note: b.note,
        }
    }
}

/// A service provider.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProviderView {
    /// Its organisation.
    #[schema(value_type = i64)]
    pub organisation_id: OrgId,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: Option<String>,
    /// `law_firm`, `patent_agency`, `trademark_agency`, `appraiser`.
    pub kinds: Vec<String>,
    /// Offices it files at (WIPO ST.3 codes).
    pub offices: Vec<String>,
    /// Language codes.
    pub languages: Vec<String>,
    /// Region codes.
    pub regions: Vec<String>,
    /// How to reach it.
    pub contact: String,
    /// Last saved; `null` for a profile not filled in yet (shown only to the centre).
    pub updated_at: Option<DateTime<Utc>>,
}

impl From<ProviderProfile> for ProviderView {
    fn from(p: ProviderProfile) -> Self {
        Self {
            organisation_id: p.organisation_id,
            name_zh: p.name_zh,
            name_en: p.name_en,
            kinds: p.kinds.iter().map(|k| k.code().to_owned()).collect(),
            offices: p.offices.iter().map(|o| o.as_str().to_owned()).collect(),
            languages: p.languages.iter().map(|l| l.code().to_owned()).collect(),
            regions: p.regions.iter().map(|r| r.code().to_owned()).collect(),
            contact: p.contact,
            updated_at: p.updated_at,
        }
    }
}

/// A provider's editable profile.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProviderProfileBody {
    /// Kind codes, at least one.
    kinds: Vec<String>,
    /// Offices it files at (WIPO ST.3 codes).
    #[serde(default)]
    offices: Vec<String>,
    /// Language codes, at least one.
    languages: Vec<String>,
    /// Region codes, at least one.
    regions: Vec<String>,
    /// How to reach it (1–1,000 characters).
    contact: String,
}

impl From<ProviderProfileBody> for ProviderProfileInput {
    fn from(b: ProviderProfileBody) -> Self {
        Self { kinds: b.kinds, offices: b.offices, languages: b.languages, regions: b.regions, contact: b.contact }
    }
}

/// A party of the case to match.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyBody {
    /// `applicant` or `respondent`.
    side: String,
    /// The organisation, when it is on the platform.
    #[schema(value_type = Option<i64>)]
    #[serde(default)]
    organisation_id: Option<OrgId>,
    /// The party's name.
    name: String,
    /// A region code, if known.
    #[serde(default)]
    region: Option<String>,
}

/// What the case needs.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchBody {
    /// `expert`, `mediator` or `technical_investigator`.
    role: String,
    /// The case's technical field code.
    #[serde(default)]
    field: Option<String>,
    /// The case's language code.
    #[serde(default)]
    language: Option<String>,
    /// Where the expert should practise.
    #[serde(default)]
    region: Option<String>,
    /// The case's parties (up to 20), whom the candidate must not be tied to.
    #[serde(default)]
    parties: Vec<PartyBody>,
}

impl From<MatchBody> for MatchInput {
    fn from(b: MatchBody) -> Self {
        let parties = b
            .parties
            .into_iter()
            .map(|p| PartyInput { side: p.side, organisation_id: p.organisation_id, name: p.name, region: p.region })
            .collect();
        Self { role: b.role, field: b.field, language: b.language, region: b.region, parties }
    }
}

/// Why a candidate ranks where it does.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchReasonView {
    /// `field_matches`, `speaks_language`, `same_region` or `accepting`.
    pub code: String,
    /// The field, language or region code the reason is about (none for `accepting`).
    pub value: Option<String>,
    /// What it adds to the score.
    pub weight: u32,
}

impl From<MatchReason> for MatchReasonView {
    fn from(r: MatchReason) -> Self {
        let value = match r {
            MatchReason::FieldMatches { field } => Some(field.code()),
            MatchReason::SpeaksLanguage { language } => Some(language.code()),
            MatchReason::SameRegion { region } => Some(region.code()),
            MatchReason::Accepting => None,
        };
        Self { code: r.code().to_owned(), value: value.map(str::to_owned), weight: r.weight() }
    }
}

/// A declared tie that concerns one of the case's parties.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConflictTieView {
    /// The party, as the case names it.
    pub party_name: String,
    /// `red`, `orange` or `green` today.
    pub level: String,
    /// Whether the parties could waive it.
    pub waivable: bool,
    /// The declaration.
    pub affiliation: AffiliationView,
}

impl ConflictTieView {
    fn new(tie: ConflictTie, today: NaiveDate) -> Self {
        Self {
            waivable: tie.waivable(),
            level: tie.level.code().to_owned(),
            party_name: tie.party_name,
            affiliation: AffiliationView::new(tie.affiliation, today),
        }
    }
}

/// What a candidate's declared ties mean for the case.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConflictView {
    /// The worst level: `red`, `orange`, `green`; `null` when no tie concerns a party.
    pub level: Option<String>,
    /// A red tie: the appointment is refused.
    pub refused: bool,
    /// An orange tie and no red one: the appointment needs the parties' consent after disclosure.
    pub needs_consent: bool,
    /// The ties, worst first.
    pub ties: Vec<ConflictTieView>,
}

impl ConflictView {
    fn new(conflict: ConflictAssessment, today: NaiveDate) -> Self {
        Self {
            level: conflict.level().map(|level| level.code().to_owned()),
            refused: conflict.refused(),
            needs_consent: conflict.needs_consent(),
            ties: conflict.ties.into_iter().map(|tie| ConflictTieView::new(tie, today)).collect(),
        }
    }
}

/// An expert who could take the case.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateView {
    /// The expert.
    pub expert: ExpertView,
    /// The sum of the reasons' weights.
    pub score: u32,
    /// A red tie to a party: may not be appointed (the conflict's red ties say why).
    pub excluded: bool,
    /// Why the candidate ranks here.
    pub reasons: Vec<MatchReasonView>,
    /// The candidate's ties to the parties.
    pub conflict: ConflictView,
}

impl CandidateView {
    fn new(c: Candidate, today: NaiveDate) -> Self {
        Self {
            excluded: c.excluded(),
            score: c.score,
            reasons: c.reasons.into_iter().map(Into::into).collect(),
            conflict: ConflictView::new(c.conflict, today),
            expert: c.profile.into(),
        }
    }
}

/// The experts, mediators and technical investigators matching the filters, in user id order.
#[utoipa::path(get, path = "/api/v1/directory/experts", tag = "directory", params(ExpertListParams), responses(
    (status = 200, body = Paged<ExpertView>), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn experts(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(params): ApiQuery<ExpertListParams>,
) -> Result<ApiJson<Paged<ExpertView>>, ApiError> {
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, 200);
    let page = Page { after: parse_cursor(params.cursor.as_deref())?, limit };
    let query =
        ExpertQuery { role: params.role, field: params.field, language: params.language, region: params.region };
    let experts = state.core.experts(&actor, &query, page).await?;
    Ok(ApiJson(Paged::new(experts, limit, |p| p.user_id.get(), ExpertView::from)))
}

/// One expert's profile.
#[utoipa::path(get, path = "/api/v1/directory/experts/{user_id}", tag = "directory", params(("user_id" = i64, Path)), responses(
    (status = 200, body = ExpertView), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn expert(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(user_id): ApiPath<UserId>,
) -> Result<ApiJson<ExpertView>, ApiError> {
    Ok(ApiJson(state.core.expert(&actor, user_id).await?.into()))
}

/// Creates or replaces an expert's profile: the expert themself, staff and administrators.
#[utoipa::path(put, path = "/api/v1/directory/experts/{user_id}", tag = "directory", params(("user_id" = i64, Path)), request_body = ExpertProfileBody, responses(
    (status = 200, body = ExpertView), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn replace_expert(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(user_id): ApiPath<UserId>,
    ApiJson(body): ApiJson<ExpertProfileBody>,
) -> Result<ApiJson<ExpertView>, ApiError> {
    Ok(ApiJson(state.core.update_expert_profile(&actor, &origin, user_id, &body.into()).await?.into()))
}

/// The ties an expert declared, with their level today: the expert themself, staff and
/// administrators.
#[utoipa::path(get, path = "/api/v1/directory/experts/{user_id}/affiliations", tag = "directory", params(("user_id" = i64, Path)), responses(
    (status = 200, body = Vec<AffiliationView>), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn affiliations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(user_id): ApiPath<UserId>,
) -> Result<ApiJson<Vec<AffiliationView>>, ApiError> {
    let today = Utc::now().date_naive();
    let affiliations = state.core.affiliations(&actor, user_id).await?;
    Ok(ApiJson(affiliations.into_iter().map(|a| AffiliationView::new(a, today)).collect()))
}

/// Declares a tie of the expert to a party.
#[utoipa::path(post, path = "/api/v1/directory/experts/{user_id}/affiliations", tag = "directory", params(("user_id" = i64, Path)), request_body = AffiliationBody, responses(
    (status = 201, body = AffiliationView), (status = 404, body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn create_affiliation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(user_id): ApiPath<UserId>,
    ApiJson(body): ApiJson<AffiliationBody>,
) -> Result<(StatusCode, ApiJson<AffiliationView>), ApiError> {
    let created = state.core.add_affiliation(&actor, &origin, user_id, &body.into()).await?;
    Ok((StatusCode::CREATED, ApiJson(AffiliationView::new(created, Utc::now().date_naive()))))
}

/// Removes a declared tie.
#[utoipa::path(delete, path = "/api/v1/directory/experts/{user_id}/affiliations/{affiliation_id}", tag = "directory", params(("user_id" = i64, Path), ("affiliation_id" = i64, Path)), responses(
    (status = 204), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn delete_affiliation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath((user_id, affiliation_id)): ApiPath<(UserId, AffiliationId)>,
) -> Result<StatusCode, ApiError> {
    state.core.remove_affiliation(&actor, &origin, user_id, affiliation_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The service providers matching the filters, in organisation id order.
#[utoipa::path(get, path = "/api/v1/directory/providers", tag = "directory", params(ProviderListParams), responses(
    (status = 200, body = Paged<ProviderView>), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn providers(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(params): ApiQuery<ProviderListParams>,
) -> Result<ApiJson<Paged<ProviderView>>, ApiError> {
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, 200);
    let page = Page { after: parse_cursor(params.cursor.as_deref())?, limit };
    let query =
        ProviderQuery { kind: params.kind, office: params.office, language: params.language, region: params.region };
    let providers = state.core.providers(&actor, &query, page).await?;
    Ok(ApiJson(Paged::new(providers, limit, |p| p.organisation_id.get(), ProviderView::from)))
}

/// One provider's profile.
#[utoipa::path(get, path = "/api/v1/directory/providers/{organisation_id}", tag = "directory", params(("organisation_id" = i64, Path)), responses(
    (status = 200, body = ProviderView), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn provider(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(organisation_id): ApiPath<OrgId>,
) -> Result<ApiJson<ProviderView>, ApiError> {
    Ok(ApiJson(state.core.provider(&actor, organisation_id).await?.into()))
}

/// Creates or replaces a service provider's profile: staff and administrators.
#[utoipa::path(put, path = "/api/v1/directory/providers/{organisation_id}", tag = "directory", params(("organisation_id" = i64, Path)), request_body = ProviderProfileBody, responses(
    (status = 200, body = ProviderView), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn replace_provider(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(organisation_id): ApiPath<OrgId>,
    ApiJson(body): ApiJson<ProviderProfileBody>,
) -> Result<ApiJson<ProviderView>, ApiError> {
    Ok(ApiJson(state.core.update_provider_profile(&actor, &origin, organisation_id, &body.into()).await?.into()))
}

/// The candidates for a case, ranked by field, language and region, each with its reasons and its
/// ties to the parties; candidates with a red tie come last, excluded. Staff and administrators.
#[utoipa::path(post, path = "/api/v1/directory/match", tag = "directory", request_body = MatchBody, responses(
    (status = 200, body = Vec<CandidateView>), (status = 403, body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn match_candidates(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<MatchBody>,
) -> Result<ApiJson<Vec<CandidateView>>, ApiError> {
    let request = MatchInput::from(body).parse()?;
    let today = Utc::now().date_naive();
    let candidates = state.core.candidates(&actor, &request).await?;
    Ok(ApiJson(candidates.into_iter().map(|c| CandidateView::new(c, today)).collect()))
}
