//! An expert's page: the profile everyone signed in sees, the form the expert and the centre's
//! staff edit it with, and the ties the expert declared — shown to them and the centre only.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use zhichan_core::directory::{AffiliationInput, ExpertProfileInput};
use zhichan_core::{Actor, CoreError, CoreResult, authz};
use zhichan_domain::directory::{Affiliation, AffiliationId, ConflictLevel, ExpertProfile, Tie};
use zhichan_domain::expertise::{Language, Region, TechnicalField};
use zhichan_domain::{OrgId, UserId};

use crate::AppState;
use crate::auth::{Origin, SignedIn};
use crate::views::{CsrfForm, FormQuery, PageContext, Problem, render, unprocessable};

/// The profile form. Fields and languages are checkboxes, sent once for each ticked value.
#[derive(Deserialize, Default)]
pub struct ProfileForm {
    #[serde(default)]
    region: String,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    bio: String,
    accepting: Option<String>,
}

impl ProfileForm {
    fn of(profile: &ExpertProfile) -> Self {
        Self {
            region: profile.region.code().to_owned(),
            fields: profile.fields.iter().map(|f| f.code().to_owned()).collect(),
            languages: profile.languages.iter().map(|l| l.code().to_owned()).collect(),
            bio: profile.bio.clone(),
            accepting: profile.accepting.then(|| "1".to_owned()),
        }
    }

    fn input(&self) -> ExpertProfileInput {
        ExpertProfileInput {
            region: self.region.clone(),
            fields: self.fields.clone(),
            languages: self.languages.clone(),
            bio: self.bio.clone(),
            accepting: self.accepting.is_some(),
        }
    }
}

/// The affiliation form.
#[derive(Deserialize, Default)]
pub struct AffiliationForm {
    #[serde(default)]
    party_name: String,
    #[serde(default)]
    organisation_id: String,
    #[serde(default)]
    tie: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    note: String,
}

impl AffiliationForm {
    fn input(&self) -> CoreResult<AffiliationInput> {
        let organisation_id = match self.organisation_id.trim() {
            "" => None,
            id => Some(id.parse::<OrgId>().map_err(|_| {
                zhichan_domain::InvalidValue::new("organisation_id", "the number of an organisation, or nothing")
            })?),
        };
        Ok(AffiliationInput {
            organisation_id,
            party_name: self.party_name.clone(),
            tie: self.tie.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            note: self.note.clone(),
        })
    }
}

/// The remove button's form: nothing but its CSRF token.
#[derive(Deserialize)]
pub struct RemoveForm {}

/// `?saved=1` after a form.
#[derive(Deserialize, Default)]
pub struct SavedQuery {
    saved: Option<u8>,
}

/// What the page says after a form: what was wrong and what was sent, or that it was saved.
#[derive(Default)]
struct Feedback {
    problem: Option<Problem>,
    profile: Option<ProfileForm>,
    affiliation: AffiliationForm,
    saved: bool,
}

#[derive(Template)]
#[template(path = "directory_expert.html")]
struct ExpertPage<'a> {
    page: &'a PageContext,
    profile: ExpertProfile,
    /// The profile form's values: the profile's, or what was sent.
    form: ProfileForm,
    editable: bool,
    /// The declared ties, for the expert and the centre; `None` for anyone else.
    affiliations: Option<Vec<Affiliation>>,
    draft: AffiliationForm,
    problem: Option<Problem>,
    saved: bool,
    today: NaiveDate,
}

impl ExpertPage<'_> {
    fn ticked(&self, values: &[String], code: &str) -> bool {
        values.iter().any(|value| value == code)
    }

    fn level(&self, affiliation: &Affiliation) -> ConflictLevel {
        affiliation.level(self.today)
    }

    fn date(&self, date: &Option<NaiveDate>) -> String {
        date.map(|d| d.to_string()).unwrap_or_default()
    }
}

/// Renders the page of the expert `user_id`.
async fn show(state: &AppState, page: &PageContext, actor: &Actor, user_id: UserId, feedback: Feedback) -> Response {
    let loaded = async {
        let profile = state.core.expert(actor, user_id).await?;
        let affiliations = match authz::expert_affiliations(actor, user_id) {
            Ok(()) => Some(state.core.affiliations(actor, user_id).await?),
            Err(_) => None,
        };
        Ok::<_, CoreError>((profile, affiliations))
    };
    let (profile, affiliations) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return page.fail(error).into_response(),
    };
    let Feedback { problem, profile: sent, affiliation: draft, saved } = feedback;
    let failed = problem.is_some();
    let view = ExpertPage {
        page,
        form: sent.unwrap_or_else(|| ProfileForm::of(&profile)),
        editable: authz::edit_expert_profile(actor, user_id).is_ok(),
        profile,
        affiliations,
        draft,
        problem,
        saved,
        today: Utc::now().date_naive(),
    };
    if failed { unprocessable(&view) } else { render(&view) }
}

/// Answers a form: back to the expert's page, or the page again with the problem and what was sent.
async fn answer(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    user_id: UserId,
    outcome: CoreResult<()>,
    sent: impl FnOnce() -> Feedback,
) -> Response {
    match outcome {
        Ok(()) => Redirect::to(&format!("/directory/experts/{user_id}?saved=1")).into_response(),
        Err(error) => match Problem::of(error) {
            Ok(problem) => show(state, page, actor, user_id, Feedback { problem: Some(problem), ..sent() }).await,
            Err(error) => page.fail(error).into_response(),
        },
    }
}

/// GET /directory/experts/{user_id}
pub async fn expert(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Path(user_id): Path<UserId>,
    FormQuery(query): FormQuery<SavedQuery>,
) -> Response {
    show(&state, &page, &actor, user_id, Feedback { saved: query.saved.is_some(), ..Feedback::default() }).await
}

/// POST /directory/experts/{user_id}
pub async fn save_expert(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(user_id): Path<UserId>,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> Response {
    let outcome = state.core.update_expert_profile(&actor, &origin, user_id, &form.input()).await.map(|_| ());
    answer(&state, &page, &actor, user_id, outcome, || Feedback { profile: Some(form), ..Feedback::default() }).await
}

/// POST /directory/experts/{user_id}/affiliations
pub async fn add_affiliation(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(user_id): Path<UserId>,
    CsrfForm(form): CsrfForm<AffiliationForm>,
) -> Response {
    let outcome = async {
        state.core.add_affiliation(&actor, &origin, user_id, &form.input()?).await?;
        Ok(())
    };
    let outcome = outcome.await;
    answer(&state, &page, &actor, user_id, outcome, || Feedback { affiliation: form, ..Feedback::default() }).await
}

/// POST /directory/experts/{user_id}/affiliations/{affiliation_id}/delete
pub async fn remove_affiliation(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path((user_id, affiliation_id)): Path<(UserId, AffiliationId)>,
    CsrfForm(RemoveForm {}): CsrfForm<RemoveForm>,
) -> Response {
    let outcome = state.core.remove_affiliation(&actor, &origin, user_id, affiliation_id).await;
    answer(&state, &page, &actor, user_id, outcome, Feedback::default).await
}
