//! The case list with its filters, and asking for a service: an enterprise picks one of the
//! catalogue's services for itself; the centre's staff any of them, for an enterprise or for a
//! court or agency, with the particulars each kind needs.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use zhichan_core::case::{CaseOverview, CaseQuery, OpenCase};
use zhichan_core::{Actor, CoreError};
use zhichan_domain::case::{Authority, Case, CaseKind, CaseState, Jurisdiction};
use zhichan_domain::expertise::{Language, Region, TechnicalField};
use zhichan_domain::station::{CATALOGUE, Requester, Service, ServiceCategory, Station, StationId};
use zhichan_domain::{OrgId, OrgKind, Organisation, OrganisationFilter, Page};

use super::case_text::{self, deadline_name};
use super::{CsrfForm, FormQuery, PageContext, Problem, render, unprocessable};
use crate::AppState;
use crate::auth::{Origin, SignedIn};

/// Cases per list page.
const PAGE_SIZE: u32 = 50;
/// Enterprises offered to staff opening a case for one.
const ENTERPRISES_OFFERED: u32 = 500;

/// The list's filters and cursor, as the filter form sends them.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    kind: Option<String>,
    state: Option<String>,
    /// `open`, `closed`, or nothing for both.
    open: Option<String>,
    after: Option<i64>,
}

impl ListQuery {
    fn query(&self) -> Result<CaseQuery, CoreError> {
        let open = match self.open.as_deref().map(str::trim) {
            None | Some("") => None,
            Some("open") => Some(true),
            Some("closed") => Some(false),
            Some(_) => return Err(zhichan_domain::InvalidValue::new("open", "open or closed").into()),
        };
        Ok(CaseQuery { kind: self.kind.clone(), state: self.state.clone(), open })
    }

    /// `/cases?…` with these filters, continuing after `after`.
    fn href(&self, after: Option<i64>) -> String {
        let pairs: Vec<(&str, String)> = [
            ("kind", self.kind.clone()),
            ("state", self.state.clone()),
            ("open", self.open.clone()),
            ("after", after.map(|id| id.to_string())),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.filter(|v| !v.is_empty()).map(|v| (key, v)))
        .collect();
        format!("/cases?{}", serde_html_form::to_string(pairs).unwrap_or_default())
    }
}

/// The stations by id, named in the page's language.
struct Stations(HashMap<StationId, Station>);

impl Stations {
    async fn load(state: &AppState) -> Result<Self, CoreError> {
        Ok(Self(state.core.stations().await?.into_iter().map(|station| (station.id, station)).collect()))
    }

    fn name(&self, page: &PageContext, id: &StationId) -> String {
        self.0.get(id).map(|station| station.name(page.locale).to_owned()).unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "cases.html")]
struct ListPage<'a> {
    page: &'a PageContext,
    query: ListQuery,
    cases: Vec<CaseOverview>,
    stations: Stations,
    next: Option<i64>,
    kinds: &'static [CaseKind],
    states: Vec<CaseState>,
    may_open: bool,
}

impl ListPage<'_> {
    fn chosen(&self, value: &Option<String>, code: &str) -> bool {
        value.as_deref() == Some(code)
    }

    fn next_href(&self) -> Option<String> {
        self.next.map(|after| self.query.href(Some(after)))
    }

    fn first_href(&self) -> String {
        self.query.href(None)
    }

    fn station(&self, case: &Case) -> String {
        self.stations.name(self.page, &case.station_id)
    }

    /// The parties as `applicant · respondent`.
    fn parties(&self, case: &Case) -> String {
        case.parties.iter().map(|party| party.name.as_str()).collect::<Vec<_>>().join(" · ")
    }

    fn deadline_label(&self, overview: &CaseOverview) -> String {
        overview.next_deadline.as_ref().map(|deadline| deadline_name(self.page, deadline)).unwrap_or_default()
    }
}

/// The states the filter offers: those of the chosen kind, else every state once.
fn states_of(kind: Option<&str>) -> Vec<CaseState> {
    match kind.and_then(|code| CaseKind::parse(code).ok()) {
        Some(kind) => kind.states().to_vec(),
        None => CaseState::ALL.to_vec(),
    }
}

/// Whether `actor` may ask for any service (enterprise members for their own, staff for anyone).
fn may_open(actor: &Actor) -> bool {
    services_for(actor).next().is_some()
}

/// The catalogue's services `actor` may ask for.
fn services_for(actor: &Actor) -> impl Iterator<Item = &'static Service> + '_ {
    let member = actor.has(zhichan_domain::Role::EnterpriseMember) || actor.has(zhichan_domain::Role::EnterpriseAdmin);
    CATALOGUE.iter().filter(move |service| {
        actor.serves_every_organisation() || (member && service.requester == Requester::Enterprise)
    })
}

/// GET /cases
pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    FormQuery(query): FormQuery<ListQuery>,
) -> Response {
    let loaded = async {
        let filter = query.query()?;
        let (cases, next) =
            state.core.case_overviews(&actor, &filter, Page { after: query.after, limit: PAGE_SIZE }).await?;
        Ok::<_, CoreError>((cases, next, Stations::load(&state).await?))
    };
    let (cases, next, stations) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return page.fail(error).into_response(),
    };
    let states = states_of(query.kind.as_deref());
    render(&ListPage {
        page: &page,
        query,
        cases,
        stations,
        next,
        kinds: CaseKind::ALL,
        states,
        may_open: may_open(&actor),
    })
}

/// What the form to ask for a service sends.
#[derive(Deserialize, Default, Clone)]
pub struct OpenForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    organisation_id: Option<OrgId>,
    respondent_name: Option<String>,
    respondent_region: Option<String>,
    technical_field: Option<String>,
    language: Option<String>,
    requesting_body: Option<String>,
    authority: Option<String>,
    jurisdiction: Option<String>,
}

impl OpenForm {
    fn input(self) -> OpenCase {
        OpenCase {
            kind: self.kind,
            title: self.title,
            summary: self.summary,
            organisation_id: self.organisation_id,
            respondent_name: self.respondent_name,
            respondent_organisation_id: None,
            respondent_region: self.respondent_region,
            technical_field: self.technical_field,
            language: self.language,
            requesting_body: self.requesting_body,
            authority: self.authority,
            jurisdiction: self.jurisdiction,
        }
    }
}

/// `?kind=` to start the form on a service.
#[derive(Deserialize, Default)]
pub struct NewQuery {
    kind: Option<String>,
}

/// A category of the catalogue with the services the viewer may ask for in it.
struct Category {
    category: ServiceCategory,
    services: Vec<&'static Service>,
}

#[derive(Template)]
#[template(path = "case_new.html")]
struct NewPage<'a> {
    page: &'a PageContext,
    form: OpenForm,
    categories: Vec<Category>,
    /// Staff: the enterprises they may open a case for (and the particulars of every kind).
    enterprises: Vec<Organisation>,
    staff: bool,
    regions: &'static [Region],
    fields: &'static [TechnicalField],
    languages: &'static [Language],
    authorities: &'static [Authority],
    jurisdictions: &'static [Jurisdiction],
    problem: Option<Problem>,
}

impl NewPage<'_> {
    fn category_code(&self, category: &ServiceCategory) -> &'static str {
        case_text::category_code(*category)
    }

    fn chosen(&self, value: &Option<String>, code: &str) -> bool {
        value.as_deref() == Some(code)
    }

    fn is_kind(&self, kind: &CaseKind) -> bool {
        self.form.kind == kind.code()
    }

    fn is_organisation(&self, organisation: &Organisation) -> bool {
        self.form.organisation_id == Some(organisation.id)
    }
}

/// Renders the form to ask for a service, with what was sent and what was wrong with it.
async fn new_page(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    form: OpenForm,
    problem: Option<Problem>,
) -> Response {
    let staff = actor.serves_every_organisation();
    let enterprises = if staff {
        let filter = OrganisationFilter { kind: Some(OrgKind::Enterprise), ..OrganisationFilter::default() };
        match state.core.organisations(actor, filter, Page::first(ENTERPRISES_OFFERED)).await {
            Ok(enterprises) => enterprises,
            Err(error) => return page.fail(error).into_response(),
        }
    } else {
        Vec::new()
    };
    let mut categories: Vec<Category> = Vec::new();
    for service in services_for(actor) {
        match categories.last_mut() {
            Some(last) if last.category == service.category => last.services.push(service),
            _ => categories.push(Category { category: service.category, services: vec![service] }),
        }
    }
    if categories.is_empty() {
        return page.fail(CoreError::Forbidden).into_response();
    }
    let failed = problem.is_some();
    let view = NewPage {
        page,
        form,
        categories,
        enterprises,
        staff,
        regions: Region::ALL,
        fields: TechnicalField::ALL,
        languages: Language::ALL,
        authorities: Authority::ALL,
        jurisdictions: Jurisdiction::ALL,
        problem,
    };
    if failed { unprocessable(&view) } else { render(&view) }
}

/// GET /cases/new
pub async fn new_form(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    FormQuery(query): FormQuery<NewQuery>,
) -> Response {
    let form = OpenForm { kind: query.kind.unwrap_or_default(), ..OpenForm::default() };
    new_page(&state, &page, &actor, form, None).await
}

/// POST /cases
pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    CsrfForm(form): CsrfForm<OpenForm>,
) -> Response {
    let outcome = state.core.open_case(&actor, &origin, form.clone().input()).await;
    match outcome {
        Ok(case) => Redirect::to(&format!("/cases/{}?saved=1", case.id)).into_response(),
        Err(error) => match Problem::of(error) {
            Ok(problem) => new_page(&state, &page, &actor, form, Some(problem)).await,
            Err(error) => page.fail(error).into_response(),
        },
    }
}
