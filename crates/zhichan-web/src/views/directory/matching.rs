//! Matching a case to candidates, for the centre's staff: the case's role, field, language,
//! region and parties in, the ranked candidates out — each with why, and the declared ties that
//! need consent or exclude them.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use zhichan_core::directory::{MatchInput, PartyInput};
use zhichan_core::{CoreResult, authz};
use zhichan_domain::directory::{Candidate, DIRECTORY_ROLES, MatchReason};
use zhichan_domain::expertise::{Language, Region, TechnicalField};

use crate::AppState;
use crate::auth::SignedIn;
use crate::views::{FormQuery, PageContext, Problem, render, unprocessable};

/// The match form, sent as a GET query: the parties' names one per line.
#[derive(Deserialize, Default)]
pub struct MatchQuery {
    role: Option<String>,
    field: Option<String>,
    language: Option<String>,
    region: Option<String>,
    applicants: Option<String>,
    respondents: Option<String>,
}

impl MatchQuery {
    /// The request, once a role is chosen.
    fn input(&self) -> Option<MatchInput> {
        let role = self.role.as_deref().filter(|role| !role.trim().is_empty())?;
        let parties = |side: &str, names: &Option<String>| -> Vec<PartyInput> {
            let names = names.as_deref().unwrap_or_default().lines().map(str::trim).filter(|name| !name.is_empty());
            names.map(|name| PartyInput { side: side.into(), name: name.into(), ..PartyInput::default() }).collect()
        };
        let mut all = parties("applicant", &self.applicants);
        all.extend(parties("respondent", &self.respondents));
        Some(MatchInput {
            role: role.to_owned(),
            field: self.field.clone(),
            language: self.language.clone(),
            region: self.region.clone(),
            parties: all,
        })
    }
}

#[derive(Template)]
#[template(path = "directory_match.html")]
struct MatchPage<'a> {
    page: &'a PageContext,
    query: MatchQuery,
    /// The ranked candidates, once a role was chosen.
    candidates: Option<Vec<Candidate>>,
    problem: Option<Problem>,
}

impl MatchPage<'_> {
    fn chosen(&self, value: &Option<String>, code: &str) -> bool {
        value.as_deref() == Some(code)
    }

    /// The catalogue key of what a reason is about (the field, language or region).
    fn reason_value(&self, reason: &MatchReason) -> Option<String> {
        match reason {
            MatchReason::FieldMatches { field } => Some(format!("expertise.field.{field}")),
            MatchReason::SpeaksLanguage { language } => Some(format!("expertise.language.{language}")),
            MatchReason::SameRegion { region } => Some(format!("expertise.region.{region}")),
            MatchReason::Accepting => None,
        }
    }

    fn text<'b>(&'b self, value: &'b Option<String>) -> &'b str {
        value.as_deref().unwrap_or_default()
    }

    fn date(&self, date: &Option<NaiveDate>) -> String {
        date.map(|d| d.to_string()).unwrap_or_default()
    }
}

/// GET /directory/match
pub async fn matching(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    FormQuery(query): FormQuery<MatchQuery>,
) -> Response {
    if let Err(error) = authz::match_candidates(&actor) {
        return page.fail(error).into_response();
    }
    let ranked: Option<CoreResult<Vec<Candidate>>> = match query.input() {
        Some(input) => Some(async { state.core.candidates(&actor, &input.parse()?).await }.await),
        None => None,
    };
    match ranked {
        Some(Err(error)) => match Problem::of(error) {
            Ok(problem) => unprocessable(&MatchPage { page: &page, query, candidates: None, problem: Some(problem) }),
            Err(error) => page.fail(error).into_response(),
        },
        Some(Ok(candidates)) => render(&MatchPage { page: &page, query, candidates: Some(candidates), problem: None }),
        None => render(&MatchPage { page: &page, query, candidates: None, problem: None }),
    }
}
