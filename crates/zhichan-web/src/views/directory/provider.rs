//! A service provider's page: its profile, and the form the centre's staff keep it with.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use zhichan_core::directory::ProviderProfileInput;
use zhichan_core::{Actor, authz};
use zhichan_domain::OrgId;
use zhichan_domain::directory::{ProviderKind, ProviderProfile};
use zhichan_domain::expertise::{Language, Region};

use super::items;
use crate::AppState;
use crate::auth::{Origin, SignedIn};
use crate::views::{CsrfForm, FormQuery, PageContext, Problem, render, unprocessable};

/// The provider form: kinds, languages and regions are checkboxes; offices a typed list.
#[derive(Deserialize, Default)]
pub struct ProviderForm {
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    offices: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    regions: Vec<String>,
    #[serde(default)]
    contact: String,
}

impl ProviderForm {
    fn of(profile: &ProviderProfile) -> Self {
        Self {
            kinds: profile.kinds.iter().map(|k| k.code().to_owned()).collect(),
            offices: profile.offices.iter().map(|o| o.as_str()).collect::<Vec<_>>().join(", "),
            languages: profile.languages.iter().map(|l| l.code().to_owned()).collect(),
            regions: profile.regions.iter().map(|r| r.code().to_owned()).collect(),
            contact: profile.contact.clone(),
        }
    }

    fn input(&self) -> ProviderProfileInput {
        ProviderProfileInput {
            kinds: self.kinds.clone(),
            offices: items(&self.offices),
            languages: self.languages.clone(),
            regions: self.regions.clone(),
            contact: self.contact.clone(),
        }
    }
}

/// `?saved=1` after the form.
#[derive(Deserialize, Default)]
pub struct SavedQuery {
    saved: Option<u8>,
}

#[derive(Template)]
#[template(path = "directory_provider.html")]
struct ProviderPage<'a> {
    page: &'a PageContext,
    profile: ProviderProfile,
    /// The form's values: the profile's, or what was sent.
    form: ProviderForm,
    editable: bool,
    problem: Option<Problem>,
    saved: bool,
}

impl ProviderPage<'_> {
    fn ticked(&self, values: &[String], code: &str) -> bool {
        values.iter().any(|value| value == code)
    }

    fn offices_text(&self) -> String {
        self.profile.offices.iter().map(|o| o.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// Renders the page of the provider `organisation_id`, with what a refused form sent.
async fn show(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    organisation_id: OrgId,
    refused: Option<(Problem, ProviderForm)>,
    saved: bool,
) -> Response {
    let profile = match state.core.provider(actor, organisation_id).await {
        Ok(profile) => profile,
        Err(error) => return page.fail(error).into_response(),
    };
    let editable = authz::edit_provider_profile(actor).is_ok();
    match refused {
        Some((problem, form)) => {
            unprocessable(&ProviderPage { page, profile, form, editable, problem: Some(problem), saved })
        }
        None => {
            render(&ProviderPage { page, form: ProviderForm::of(&profile), profile, editable, problem: None, saved })
        }
    }
}

/// GET /directory/providers/{organisation_id}
pub async fn provider(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Path(organisation_id): Path<OrgId>,
    FormQuery(query): FormQuery<SavedQuery>,
) -> Response {
    show(&state, &page, &actor, organisation_id, None, query.saved.is_some()).await
}

/// POST /directory/providers/{organisation_id}
pub async fn save_provider(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(organisation_id): Path<OrgId>,
    CsrfForm(form): CsrfForm<ProviderForm>,
) -> Response {
    match state.core.update_provider_profile(&actor, &origin, organisation_id, &form.input()).await {
        Ok(_) => Redirect::to(&format!("/directory/providers/{organisation_id}?saved=1")).into_response(),
        Err(error) => match Problem::of(error) {
            Ok(problem) => show(&state, &page, &actor, organisation_id, Some((problem, form)), false).await,
            Err(error) => page.fail(error).into_response(),
        },
    }
}
