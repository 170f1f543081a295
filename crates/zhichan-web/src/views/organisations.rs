//! Organisation pages: the list, the profile with its members, and the forms that change them.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use zhichan_core::CoreError;
use zhichan_core::organisations::{MemberInput, ProfileInput};
use zhichan_domain::{
    Locale, OrgId, OrgKind, OrgName, Organisation, OrganisationFilter, Page, Role, Street, Uscc, User,
};

use super::{CsrfForm, PageContext, render};
use crate::AppState;
use crate::auth::{Origin, SignedIn};

const PAGE_SIZE: u32 = 50;

/// Labels and options the organisation templates share.
struct Choices {
    streets: Vec<(&'static str, &'static str)>,
}

impl Choices {
    fn for_locale(locale: Locale) -> Self {
        Self { streets: Street::ALL.iter().map(|s| (s.code(), s.name(locale))).collect() }
    }
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct ListPage<'a> {
    page: &'a PageContext,
    organisations: Vec<Organisation>,
    choices: Choices,
    query: ListQuery,
    next_cursor: Option<i64>,
    may_create: bool,
}

/// Filters of the organisation list.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    name: Option<String>,
    street: Option<String>,
    after: Option<i64>,
}

/// GET /organisations
pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Query(query): Query<ListQuery>,
) -> Response {
    let street = query.street.as_deref().filter(|s| !s.is_empty()).map(Street::parse).transpose();
    let street = match street {
        Ok(street) => street,
        Err(invalid) => return page.fail(invalid.into()).into_response(),
    };
    let filter = OrganisationFilter {
        street,
        name_contains: query.name.clone().filter(|n| !n.trim().is_empty()),
        ..Default::default()
    };
    let organisations =
        match state.core.organisations(&actor, filter, Page { after: query.after, limit: PAGE_SIZE }).await {
            Ok(list) => list,
            Err(error) => return page.fail(error).into_response(),
        };
    let next_cursor =
        (organisations.len() == PAGE_SIZE as usize).then(|| organisations.last().map(|o| o.id.get())).flatten();
    let may_create = zhichan_core::authz::create_organisation(&actor, OrgKind::Enterprise).is_ok();
    render(&ListPage {
        page: &page,
        organisations,
        choices: Choices::for_locale(page.locale),
        query,
        next_cursor,
        may_create,
    })
}

#[derive(Template)]
#[template(path = "organisation_new.html")]
struct NewPage<'a> {
    page: &'a PageContext,
    choices: Choices,
}

/// GET /organisations/new
pub async fn new_form(page: PageContext, SignedIn(actor): SignedIn) -> Response {
    if let Err(error) = zhichan_core::authz::create_organisation(&actor, OrgKind::Enterprise) {
        return page.fail(error).into_response();
    }
    render(&NewPage { page: &page, choices: Choices::for_locale(page.locale) })
}

/// The profile form, as the browser posts it.
#[derive(Deserialize)]
pub struct ProfileForm {
    kind: Option<String>,
    name_zh: String,
    name_en: Option<String>,
    uscc: Option<String>,
    street: Option<String>,
    industry: Option<String>,
    export_markets: Option<String>,
}

impl ProfileForm {
    fn input(&self) -> ProfileInput {
        ProfileInput {
            name_zh: self.name_zh.clone(),
            name_en: self.name_en.clone(),
            uscc: self.uscc.clone(),
            street: self.street.clone(),
            industry: self.industry.clone(),
            export_markets: self.export_markets.iter().map(|m| m.to_owned()).collect(),
        }
    }
}

/// POST /organisations
pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> Response {
    let kind = match OrgKind::parse(form.kind.as_deref().unwrap_or("enterprise")) {
        Ok(kind) => kind,
        Err(invalid) => return page.fail(invalid.into()).into_response(),
    };
    match state.core.create_organisation(&actor, kind, &form.input(), &origin).await {
        Ok(created) => Redirect::to(&format!("/organisations/{}", created.id)).into_response(),
        Err(error) => page.fail(error).into_response(),
    }
}

#[derive(Template)]
#[template(path = "organisation.html")]
struct DetailPage<'a> {
    page: &'a PageContext,
    organisation: Organisation,
    members: Vec<User>,
    choices: Choices,
    may_edit: bool,
    member_roles: Vec<Role>,
    notice: Option<&'a str>,
}

impl DetailPage<'_> {
    /// The English name, empty when there is none.
    fn name_en(&self) -> &str {
        self.organisation.profile.name_en.as_ref().map_or("", OrgName::as_str)
    }

    /// The unified social credit code, empty when there is none.
    fn uscc(&self) -> &str {
        self.organisation.profile.uscc.as_ref().map_or("", Uscc::as_str)
    }
}

/// `?saved=` / `?added=` confirmations after a form.
#[derive(Deserialize)]
pub struct DetailQuery {
    saved: Option<u8>,
    added: Option<u8>,
}

/// GET /organisations/{org_id}
pub async fn detail(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Path(org_id): Path<OrgId>,
    Query(query): Query<DetailQuery>,
) -> Response {
    let loaded = async {
        let organisation = state.core.organisation(&actor, org_id).await?;
        let members = state.core.members(&actor, org_id).await?;
        Ok::<_, CoreError>((organisation, members))
    };
    let (organisation, members) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return page.fail(error).into_response(),
    };
    let may_edit = zhichan_core::authz::edit_organisation(&actor, &organisation).is_ok();
    let member_roles: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| {
            r.allowed_in(organisation.kind) && zhichan_core::authz::add_member(&actor, &organisation, &[*r]).is_ok()
        })
        .collect();
    let notice = match (query.saved, query.added) {
        (Some(_), _) => Some(page.t("org.saved")),
        (_, Some(_)) => Some(page.t("member.added")),
        _ => None,
    };
    let choices = Choices::for_locale(page.locale);
    render(&DetailPage { page: &page, organisation, members, choices, may_edit, member_roles, notice })
}

/// POST /organisations/{org_id}
pub async fn update(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(org_id): Path<OrgId>,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> Response {
    match state.core.update_organisation(&actor, org_id, &form.input(), &origin).await {
        Ok(_) => Redirect::to(&format!("/organisations/{org_id}?saved=1")).into_response(),
        Err(error) => page.fail(error).into_response(),
    }
}

/// The add-member form; `roles` repeats once per ticked box.
#[derive(Deserialize)]
pub struct MemberForm {
    email: String,
    display_name: String,
    password: String,
    #[serde(default)]
    roles: Vec<String>,
}

/// POST /organisations/{org_id}/members
pub async fn add_member(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(org_id): Path<OrgId>,
    CsrfForm(form): CsrfForm<MemberForm>,
) -> Response {
    let input =
        MemberInput { email: form.email, display_name: form.display_name, password: form.password, roles: form.roles };
    match state.core.add_member(&actor, org_id, &input, &origin).await {
        Ok(_) => Redirect::to(&format!("/organisations/{org_id}?added=1")).into_response(),
        Err(error) => page.fail(error).into_response(),
    }
}
