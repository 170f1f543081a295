//! Service cases: listing, opening, the case with its history and deadlines, steps along the
//! kind's table, appointments, messages, notes and opinions, escalation of alerts, history
//! verification, the station network and each caller's work queue.

use axum::extract::{Multipart, State};
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use zhichan_core::case::{
    AssignInput, CaseDetail, CaseQuery, EntryInput, EntryKind, EscalateInput, Integrity, OpenCase, TransitionInput,
    WorkQueue,
};
use zhichan_domain::case::{Case, CaseDeadline, CaseEvent, CaseEventBody, CaseId, CaseParty, DueCase};
use zhichan_domain::station::Station;
use zhichan_domain::watch::AlertId;
use zhichan_domain::{OrgId, Page, UserId};

use super::{ApiJson, ApiPath, ApiQuery, Paged, parse_cursor};
use crate::auth::{ApiActor, Origin};
use crate::upload::{self, CsrfCheck};
use crate::{ApiError, AppState};

const DEFAULT_LIMIT: u32 = 50;

/// Filters and paging of the case list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseListParams {
    /// `consultation`, `rights_assistance`, `mediation`, `technical_investigation`,
    /// `enforcement_referral` or `evidence_service`.
    pub kind: Option<String>,
    /// A state of the kind (e.g. `in_session`), or of any kind when `kind` is not given.
    pub state: Option<String>,
    /// `true`: open cases only; `false`: closed ones only.
    pub open: Option<bool>,
    /// From `next_cursor`.
    pub cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
}

/// A party to a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct CasePartyView {
    /// `applicant` or `respondent`.
    pub side: String,
    /// The organisation, when it is on the platform.
    #[schema(value_type = Option<i64>)]
    pub organisation_id: Option<OrgId>,
    /// The party's name.
    pub name: String,
    /// `mainland`, `hong_kong`, `macau` or `overseas`.
    pub region: Option<String>,
}

impl From<CaseParty> for CasePartyView {
    fn from(party: CaseParty) -> Self {
        Self {
            side: party.side.code().to_owned(),
            organisation_id: party.organisation_id,
            name: party.name,
            region: party.region.map(|region| region.code().to_owned()),
        }
    }
}

/// A case.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseView {
    /// Id.
    #[schema(value_type = i64)]
    pub id: CaseId,
    /// The reference shown to people, e.g. `MED-000012`.
    pub reference: String,
    /// The kind of service.
    pub kind: String,
    /// Where it stands.
    pub state: String,
    /// The states its kind's table lets it move to next.
    pub next_states: Vec<String>,
    /// Whether it is finished.
    pub closed: bool,
    /// Title.
    pub title: String,
    /// What happened and what is asked.
    pub summary: String,
    /// The station handling it.
    #[schema(value_type = i64)]
    pub station_id: zhichan_domain::station::StationId,
    /// The parties, applicant first.
    pub parties: Vec<CasePartyView>,
    /// Who works on it.
    #[schema(value_type = Option<i64>)]
    pub assignee_user_id: Option<UserId>,
    /// Technical field code.
    pub technical_field: Option<String>,
    /// Working language code.
    pub language: Option<String>,
    /// Technical investigation: the court or agency that asked.
    pub requesting_body: Option<String>,
    /// Enforcement: `market_regulation`, `police` or `customs`.
    pub authority: Option<String>,
    /// Evidence service: `hong_kong` or `macau`.
    pub jurisdiction: Option<String>,
    /// Rights assistance: `settled`, `won`, `lost` or `withdrawn`.
    pub outcome: Option<String>,
    /// Watch alerts escalated into it.
    #[schema(value_type = Vec<i64>)]
    pub alert_ids: Vec<AlertId>,
    /// Opened.
    pub created_at: DateTime<Utc>,
    /// Since when it is in its state.
    pub state_since: DateTime<Utc>,
    /// Closed (absent while open).
    pub closed_at: Option<DateTime<Utc>>,
}

impl From<Case> for CaseView {
    fn from(case: Case) -> Self {
        let code = |value: Option<&'static str>| value.map(str::to_owned);
        let particulars = &case.particulars;
        Self {
            reference: case.reference(),
            closed: case.is_closed(),
            next_states: case.kind.next(case.state).iter().map(|state| state.code().to_owned()).collect(),
            id: case.id,
            kind: case.kind.code().to_owned(),
            state: case.state.code().to_owned(),
            title: case.title,
            summary: case.summary,
            station_id: case.station_id,
            technical_field: code(particulars.technical_field.map(|field| field.code())),
            language: code(particulars.language.map(|language| language.code())),
            requesting_body: particulars.requesting_body.clone(),
            authority: code(particulars.authority.map(|authority| authority.code())),
            jurisdiction: code(particulars.jurisdiction.map(|jurisdiction| jurisdiction.code())),
            parties: case.parties.into_iter().map(CasePartyView::from).collect(),
            assignee_user_id: case.assignee_user_id,
            outcome: code(case.outcome.map(|outcome| outcome.code())),
            alert_ids: case.alert_ids,
            created_at: case.created_at,
            state_since: case.state_since,
            closed_at: case.closed_at,
        }
    }
}

/// An entry of a case's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseEventView {
    /// Position in the case's hash chain, from 1.
    pub seq: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    #[schema(value_type = Option<i64>)]
    pub actor_user_id: Option<UserId>,
    /// `parties` or `internal` (never sent to a party).
    pub visibility: String,
    /// What it records: `{ code, details }` with `code` one of `opened`, `transition`, `assigned`,
    /// `disclosed`, `message`, `note`, `evidence`, `opinion`, `alert_joined`.
    #[schema(value_type = Object)]
    pub entry: CaseEventBody,
    /// The entry's SHA-256 chain hash (hex).
    pub hash: String,
}

impl From<CaseEvent> for CaseEventView {
    fn from(event: CaseEvent) -> Self {
        Self {
            seq: event.seq,
            at: event.at,
            actor_user_id: event.actor_user_id,
            visibility: event.visibility.code().to_owned(),
            entry: event.body,
            hash: event.hash,
        }
    }
}

/// A deadline of a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDeadlineView {
    /// Id.
    pub id: i64,
    /// The case.
    #[schema(value_type = i64)]
    pub case_id: CaseId,
    /// `opposition` (from an escalated alert), `target` (the service's) or `set`.
    pub kind: String,
    /// What is due: a target's key (`mediation_settlement`…) or the filing opposed.
    pub label: String,
    /// The last day.
    pub due: NaiveDate,
    /// The alert it came from.
    #[schema(value_type = Option<i64>)]
    pub alert_id: Option<AlertId>,
    /// When it was met (absent while open).
    pub met_at: Option<DateTime<Utc>>,
}

impl From<CaseDeadline> for CaseDeadlineView {
    fn from(deadline: CaseDeadline) -> Self {
        Self {
            id: deadline.id.get(),
            case_id: deadline.case_id,
            kind: deadline.kind.code().to_owned(),
            label: deadline.label,
            due: deadline.due,
            alert_id: deadline.alert_id,
            met_at: deadline.met_at,
        }
    }
}

/// A case with what the caller may read of its history, and its deadlines.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDetailView {
    /// The case.
    #[serde(flatten)]
    pub case: CaseView,
    /// How the caller stands to it: `admin`, `staff`, `assignee`, `applicant` or `respondent`.
    pub role: String,
    /// History, oldest first (without internal entries for a party).
    pub history: Vec<CaseEventView>,
    /// Deadlines, by due date.
    pub deadlines: Vec<CaseDeadlineView>,
}

impl From<CaseDetail> for CaseDetailView {
    fn from(detail: CaseDetail) -> Self {
        Self {
            case: detail.case.into(),
            role: detail.role.code().to_owned(),
            history: detail.history.into_iter().map(CaseEventView::from).collect(),
            deadlines: detail.deadlines.into_iter().map(CaseDeadlineView::from).collect(),
        }
    }
}

/// The cases the caller may see, newest first: all (administrators, the centre's staff), a
/// station's (its staff), those assigned (experts, mediators, investigators), or those its
/// organisation is a party to.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases", params(CaseListParams), responses(
    (status = 200, body = Paged<CaseView>), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(params): ApiQuery<CaseListParams>,
) -> Result<ApiJson<Paged<CaseView>>, ApiError> {
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, 200);
    let page = Page { after: parse_cursor(params.cursor.as_deref())?, limit };
    let query = CaseQuery { kind: params.kind, state: params.state, open: params.open };
    let found = state.core.cases(&actor, &query, page).await?;
    Ok(ApiJson(Paged {
        items: found.cases.into_iter().map(CaseView::from).collect(),
        next_cursor: found.next.map(|id| id.to_string()),
    }))
}

/// A case to open.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenCaseBody {
    /// The kind of service; enterprises open `consultation`, `rights_assistance` and `mediation`.
    kind: String,
    /// 1–200 characters.
    title: String,
    /// What happened and what is asked, 1–10,000 characters.
    summary: String,
    /// The applicant (default: the caller's organisation; the centre's staff name it, or none for
    /// a court's or agency's request).
    #[schema(value_type = Option<i64>)]
    #[serde(default)]
    organisation_id: Option<OrgId>,
    /// The other side's name (required for a mediation).
    #[serde(default)]
    respondent_name: Option<String>,
    /// The other side's organisation on the platform (the centre's staff only).
    #[schema(value_type = Option<i64>)]
    #[serde(default)]
    respondent_organisation_id: Option<OrgId>,
    /// Where the other side sits: `mainland`, `hong_kong`, `macau` or `overseas`.
    #[serde(default)]
    respondent_region: Option<String>,
    /// The technical field (required for a technical investigation).
    #[serde(default)]
    technical_field: Option<String>,
    /// The working language.
    #[serde(default)]
    language: Option<String>,
    /// The court or agency asking (technical investigation).
    #[serde(default)]
    requesting_body: Option<String>,
    /// `market_regulation`, `police` or `customs` (enforcement referral).
    #[serde(default)]
    authority: Option<String>,
    /// `hong_kong` or `macau` (evidence service).
    #[serde(default)]
    jurisdiction: Option<String>,
}

impl From<OpenCaseBody> for OpenCase {
    fn from(body: OpenCaseBody) -> Self {
        OpenCase {
            kind: body.kind,
            title: body.title,
            summary: body.summary,
            organisation_id: body.organisation_id,
            respondent_name: body.respondent_name,
            respondent_organisation_id: body.respondent_organisation_id,
            respondent_region: body.respondent_region,
            technical_field: body.technical_field,
            language: body.language,
            requesting_body: body.requesting_body,
            authority: body.authority,
            jurisdiction: body.jurisdiction,
        }
    }
}

/// Opens a case, routed to the station of the applicant's street, in its kind's first state.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases", request_body = OpenCaseBody, responses(
    (status = 200, body = CaseView), (status = 403, body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn open(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiJson(body): ApiJson<OpenCaseBody>,
) -> Result<ApiJson<CaseView>, ApiError> {
    Ok(ApiJson(state.core.open_case(&actor, &origin, body.into()).await?.into()))
}

/// One case with its history (without internal entries for a party) and deadlines.
#[utoipa::path(get, path = "/api/v1/cases/{case_id}", tag = "cases", params(("case_id" = i64, Path)), responses(
    (status = 200, body = CaseDetailView), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(case_id): ApiPath<CaseId>,
) -> Result<ApiJson<CaseDetailView>, ApiError> {
    Ok(ApiJson(state.core.case(&actor, case_id).await?.into()))
}

/// A step along the case's table.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionBody {
    /// The state to move to: one of the case's `next_states`.
    to: String,
    /// `settled`, `won`, `lost` or `withdrawn`: required when a rights-assistance case closes.
    #[serde(default)]
    outcome: Option<String>,
    /// Why, kept in the history.
    #[serde(default)]
    reason: Option<String>,
}

/// Moves a case to another state its kind's table allows from where it stands.
#[utoipa::path(post, path = "/api/v1/cases/{case_id}/transitions", tag = "cases", params(("case_id" = i64, Path)), request_body = TransitionBody, responses(
    (status = 200, body = CaseView), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody),
    (status = 409, description = "`illegal_transition`: the table does not allow the step, or the case just moved", body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn transition(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(case_id): ApiPath<CaseId>,
    ApiJson(body): ApiJson<TransitionBody>,
) -> Result<ApiJson<CaseView>, ApiError> {
    let input = TransitionInput { to: body.to, outcome: body.outcome, reason: body.reason };
    Ok(ApiJson(state.core.transition_case(&actor, &origin, case_id, input).await?.into()))
}

/// Who will work on a case.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssigneeBody {
    /// An expert (consultation, rights assistance), mediator, technical investigator, or a staff
    /// member (enforcement, evidence service).
    #[schema(value_type = i64)]
    user_id: UserId,
    /// The parties consented to a disclosed tie that needs consent (an orange-list tie).
    #[serde(default)]
    consent: bool,
}

/// Appoints who works on a case (the centre's staff). Appointing moves a case waiting for it
/// (`submitted`, `triage`, `accepted`, `requested`) to its next state.
#[utoipa::path(put, path = "/api/v1/cases/{case_id}/assignee", tag = "cases", params(("case_id" = i64, Path)), request_body = AssigneeBody, responses(
    (status = 200, body = CaseView), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody),
    (status = 409, description = "`conflict_of_interest` or `illegal_transition` (a closed case)", body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn assign(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(case_id): ApiPath<CaseId>,
    ApiJson(body): ApiJson<AssigneeBody>,
) -> Result<ApiJson<CaseView>, ApiError> {
    let input = AssignInput { user_id: body.user_id, consent: body.consent };
    Ok(ApiJson(state.core.assign_case(&actor, &origin, case_id, input).await?.into()))
}

/// A message, internal note or technical opinion.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryBody {
    /// `message` (everyone on the case), `note` (internal) or `opinion` (the investigator's,
    /// internal; files it and moves the investigation to `opinion_filed`).
    kind: String,
    /// 1–20,000 characters.
    text: String,
}

/// Adds a message, note or opinion to a case's history.
#[utoipa::path(post, path = "/api/v1/cases/{case_id}/entries", tag = "cases", params(("case_id" = i64, Path)), request_body = EntryBody, responses(
    (status = 200, body = CaseView), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn add_entry(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(case_id): ApiPath<CaseId>,
    ApiJson(body): ApiJson<EntryBody>,
) -> Result<ApiJson<CaseView>, ApiError> {
    let kind = EntryKind::parse(&body.kind).map_err(zhichan_core::CoreError::from)?;
    let input = EntryInput { kind, text: body.text };
    Ok(ApiJson(state.core.add_case_entry(&actor, &origin, case_id, input).await?.into()))
}

/// A document for a case: `multipart/form-data` with the `file` and, from those working on the
/// case, `visibility=internal` to keep it from the parties.
#[derive(Debug, ToSchema)]
pub struct EvidenceForm {
    /// The document: PDF, PNG, JPEG, GIF, WebP, TIFF, Word / Excel / PowerPoint, ZIP or UTF-8 text.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
    /// `parties` (default) or `internal`.
    pub visibility: Option<String>,
}

/// Receives a document for a case: streamed, checked by content, stored by its SHA-256 and
/// recorded in the case's history.
#[utoipa::path(post, path = "/api/v1/cases/{case_id}/evidence", tag = "cases", params(("case_id" = i64, Path)),
    request_body(content = EvidenceForm, content_type = "multipart/form-data"), responses(
    (status = 200, body = CaseView), (status = 403, body = crate::error::ErrorBody),
    (status = 404, body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody),
    (status = 415, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn upload_evidence(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(case_id): ApiPath<CaseId>,
    multipart: Multipart,
) -> Result<ApiJson<CaseView>, ApiError> {
    state.core.case_role(&actor, case_id).await?;
    let received = upload::receive(state.core.files()?, multipart, CsrfCheck::Done).await?;
    let internal = received.field("visibility").map(str::trim) == Some("internal");
    let case = state.core.add_case_evidence(&actor, &origin, case_id, received.file, internal).await?;
    Ok(ApiJson(case.into()))
}

/// A document of a case, when the caller may read the history entry that records it.
#[utoipa::path(get, path = "/api/v1/cases/{case_id}/evidence/{sha256}", tag = "cases",
    params(("case_id" = i64, Path), ("sha256" = String, Path)), responses(
    (status = 200, description = "the document, as an attachment", content_type = "application/octet-stream"),
    (status = 404, body = crate::error::ErrorBody),
))]
pub async fn download_evidence(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath((case_id, sha256)): ApiPath<(CaseId, String)>,
) -> Result<Response, ApiError> {
    let meta = state.core.case_evidence(&actor, case_id, &sha256).await?;
    let file = state.core.files()?.open(&meta.sha256).await?;
    Ok(upload::download(file, &meta))
}

/// What a verification of a case's history found.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntegrityView {
    /// Whether nothing was changed behind the platform's back.
    pub intact: bool,
    /// History entries checked.
    pub entries: usize,
    /// The first entry found altered, removed or out of order.
    pub first_altered: Option<i64>,
    /// What is wrong with it.
    pub problem: Option<String>,
    /// The state the history ends in, when the case says otherwise.
    pub recorded_state: Option<String>,
}

impl From<Integrity> for IntegrityView {
    fn from(integrity: Integrity) -> Self {
        Self {
            intact: integrity.is_intact(),
            entries: integrity.entries,
            first_altered: integrity.first_altered,
            problem: integrity.problem,
            recorded_state: integrity.recorded_state.map(|state| state.code().to_owned()),
        }
    }
}

/// Verifies a case's hash-chained history.
#[utoipa::path(get, path = "/api/v1/cases/{case_id}/integrity", tag = "cases", params(("case_id" = i64, Path)), responses(
    (status = 200, body = IntegrityView), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn integrity(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(case_id): ApiPath<CaseId>,
) -> Result<ApiJson<IntegrityView>, ApiError> {
    Ok(ApiJson(state.core.verify_case(Some(&actor), case_id).await?.into()))
}

/// Where an escalated alert goes.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationBody {
    /// An open rights-assistance case of the same enterprise to join; a new case when absent.
    #[schema(value_type = Option<i64>)]
    #[serde(default)]
    case_id: Option<CaseId>,
}

/// Escalates an alert into a rights-assistance case (a new one, or one given); the alert's
/// opposition deadline becomes the case's first deadline.
#[utoipa::path(post, path = "/api/v1/alerts/{alert_id}/escalation", tag = "alerts", params(("alert_id" = i64, Path)), request_body = EscalationBody, responses(
    (status = 200, body = CaseView), (status = 404, body = crate::error::ErrorBody),
    (status = 409, description = "the alert is already in a case", body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn escalate(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(alert_id): ApiPath<AlertId>,
    ApiJson(body): ApiJson<EscalationBody>,
) -> Result<ApiJson<CaseView>, ApiError> {
    let input = EscalateInput { case_id: body.case_id };
    Ok(ApiJson(state.core.escalate_alert(&actor, &origin, alert_id, input).await?.into()))
}

/// A station of the "1+10+N" network.
#[derive(Debug, Serialize, ToSchema)]
pub struct StationView {
    /// Id.
    pub id: i64,
    /// `centre`, `park_window` or `workstation`.
    pub kind: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// The street it serves.
    pub street: Option<String>,
    /// Where to find it.
    pub address: String,
}

impl From<Station> for StationView {
    fn from(station: Station) -> Self {
        Self {
            id: station.id.get(),
            kind: station.kind.code().to_owned(),
            name_zh: station.name_zh,
            name_en: station.name_en,
            street: station.street.map(|street| street.code().to_owned()),
            address: station.address,
        }
    }
}

/// The station network, centre first.
#[utoipa::path(get, path = "/api/v1/stations", tag = "cases", responses((status = 200, body = Vec<StationView>)))]
pub async fn stations(
    State(state): State<AppState>,
    ApiActor(_actor): ApiActor,
) -> Result<ApiJson<Vec<StationView>>, ApiError> {
    Ok(ApiJson(state.core.stations().await?.into_iter().map(StationView::from).collect()))
}

/// A deadline on a work queue, with its case.
#[derive(Debug, Serialize, ToSchema)]
pub struct DueCaseView {
    /// The deadline.
    pub deadline: CaseDeadlineView,
    /// Its case.
    pub case: CaseView,
}

impl From<DueCase> for DueCaseView {
    fn from(due: DueCase) -> Self {
        Self { deadline: due.deadline.into(), case: due.case.into() }
    }
}

/// What waits for the caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkQueueView {
    /// Today where the district is.
    pub today: NaiveDate,
    /// Open cases they answer for, newest first.
    pub cases: Vec<CaseView>,
    /// Deadlines passed, oldest first.
    pub overdue: Vec<DueCaseView>,
    /// Deadlines of the next 30 days, soonest first.
    pub upcoming: Vec<DueCaseView>,
}

impl From<WorkQueue> for WorkQueueView {
    fn from(queue: WorkQueue) -> Self {
        Self {
            today: queue.today,
            cases: queue.cases.into_iter().map(CaseView::from).collect(),
            overdue: queue.overdue.into_iter().map(DueCaseView::from).collect(),
            upcoming: queue.upcoming.into_iter().map(DueCaseView::from).collect(),
        }
    }
}

/// The caller's work queue: open cases of their station, assigned to them or of their
/// organisation, and the deadlines of those cases that are overdue or coming.
#[utoipa::path(get, path = "/api/v1/work", tag = "cases", responses((status = 200, body = WorkQueueView)))]
pub async fn work(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<ApiJson<WorkQueueView>, ApiError> {
    Ok(ApiJson(state.core.work_queue(&actor).await?.into()))
}
