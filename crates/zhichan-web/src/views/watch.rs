//! The watch set-up page: an organisation's watched marks, declared parties, patent watches and
//! webhooks, with the forms that add, change and remove them. A refused form is shown again on the
//! page with what was wrong; anything else refused (another organisation's entry) is an error page.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use zhichan_core::notify::NewWebhook;
use zhichan_core::watch::{PatentWatchInput, WatchPartyInput, WatchedMarkInput};
use zhichan_core::{Actor, CoreError, CoreResult, authz};
use zhichan_domain::notify::{Webhook, WebhookId};
use zhichan_domain::watch::{PatentWatch, PatentWatchId, WatchParty, WatchPartyId, WatchedMark, WatchedMarkId};
use zhichan_domain::{InvalidValue, OrgId, Page};

use super::scope::OrgScope;
use super::{CsrfForm, FormQuery, PageContext, Problem, render, unprocessable};
use crate::AppState;
use crate::auth::{Origin, SignedIn};

/// Watched marks shown on the page.
const MARKS_SHOWN: u32 = 200;
/// The relation codes of declared parties, in the order the form offers them.
const RELATIONS: [&str; 3] = ["distributor", "agent", "known_squatter"];

/// `?organisation_id=` (staff) and `?saved=` after a form.
#[derive(Deserialize, Default)]
pub struct SetupQuery {
    organisation_id: Option<OrgId>,
    saved: Option<u8>,
}

/// The watched-mark form: forms one per line, classes and offices separated by commas.
#[derive(Deserialize, Default)]
pub struct MarkForm {
    organisation_id: Option<OrgId>,
    #[serde(default)]
    label: String,
    #[serde(default)]
    forms: String,
    #[serde(default)]
    classes: String,
    #[serde(default)]
    offices: String,
}

/// Splits a list typed with commas, semicolons or spaces (Chinese punctuation included).
fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', '，', ';', '；', '、', ' ', '\t', '\n', '\r']).map(str::trim).filter(|s| !s.is_empty())
}

impl MarkForm {
    fn input(&self) -> CoreResult<WatchedMarkInput> {
        let classes = items(&self.classes)
            .map(|class| class.parse::<u8>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| InvalidValue::new("classes", "Nice class numbers from 1 to 45, separated by commas"))?;
        Ok(WatchedMarkInput {
            label: self.label.clone(),
            forms: self.forms.lines().map(str::trim).filter(|f| !f.is_empty()).map(str::to_owned).collect(),
            classes,
            offices: items(&self.offices).map(str::to_owned).collect(),
        })
    }
}

/// The declared-party form.
#[derive(Deserialize, Default)]
pub struct PartyForm {
    organisation_id: Option<OrgId>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    relation: String,
}

impl PartyForm {
    fn input(&self) -> WatchPartyInput {
        WatchPartyInput { name: self.name.clone(), relation: self.relation.clone() }
    }
}

/// The patent-watch form.
#[derive(Deserialize, Default)]
pub struct PatentForm {
    organisation_id: Option<OrgId>,
    #[serde(default)]
    label: String,
    #[serde(default)]
    query: String,
}

impl PatentForm {
    fn input(&self) -> PatentWatchInput {
        PatentWatchInput { label: self.label.clone(), query: self.query.clone() }
    }
}

/// The webhook form.
#[derive(Deserialize, Default)]
pub struct WebhookForm {
    organisation_id: Option<OrgId>,
    #[serde(default)]
    url: String,
}

/// The delete buttons' form: only where to go back to.
#[derive(Deserialize)]
pub struct DeleteForm {
    organisation_id: Option<OrgId>,
}

/// What the add forms show: empty, or what the user sent when it was refused.
#[derive(Default)]
struct Drafts {
    mark: MarkForm,
    party: PartyForm,
    patent: PatentForm,
    webhook: WebhookForm,
}

/// What the page says after a form: what was wrong (and what was sent), that it was saved, or
/// the secret of the webhook just added — shown on this page only.
#[derive(Default)]
struct Feedback {
    problem: Option<Problem>,
    drafts: Drafts,
    saved: bool,
    new_webhook: Option<NewWebhook>,
}

#[derive(Template)]
#[template(path = "watch.html")]
struct SetupPage<'a> {
    page: &'a PageContext,
    scope: OrgScope,
    marks: Vec<WatchedMark>,
    parties: Vec<WatchParty>,
    patents: Vec<PatentWatch>,
    webhooks: Vec<Webhook>,
    relations: [&'static str; 3],
    drafts: Drafts,
    problem: Option<Problem>,
    saved: bool,
    new_webhook: Option<NewWebhook>,
}

impl SetupPage<'_> {
    fn forms_text(&self, mark: &WatchedMark) -> String {
        mark.forms.join("\n")
    }

    fn offices_text(&self, mark: &WatchedMark) -> String {
        mark.offices.iter().map(|o| o.as_str()).collect::<Vec<_>>().join(", ")
    }

    fn search_href(&self, watch: &PatentWatch) -> String {
        format!("/search?{}", serde_html_form::to_string([("q", watch.query.as_str())]).unwrap_or_default())
    }
}

/// Renders the set-up page of the organisation `asked` for.
async fn setup(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    asked: Option<OrgId>,
    feedback: Feedback,
) -> Response {
    let loaded = async {
        let scope = OrgScope::resolve(state, actor, asked).await?;
        let Some(id) = scope.selected else { return Ok((scope, Vec::new(), Vec::new(), Vec::new(), Vec::new())) };
        let marks = state.core.watched_marks(actor, Some(id), Page::first(MARKS_SHOWN)).await?;
        let parties = state.core.watch_parties(actor, Some(id)).await?;
        let patents = state.core.patent_watches(actor, Some(id)).await?;
        let webhooks = state.core.webhooks(actor, Some(id)).await?;
        Ok::<_, CoreError>((scope, marks, parties, patents, webhooks))
    };
    let (scope, marks, parties, patents, webhooks) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return page.fail(error).into_response(),
    };
    let Feedback { problem, drafts, saved, new_webhook } = feedback;
    let failed = problem.is_some();
    let view = SetupPage {
        page,
        scope,
        marks,
        parties,
        patents,
        webhooks,
        relations: RELATIONS,
        drafts,
        problem,
        saved,
        new_webhook,
    };
    if failed { unprocessable(&view) } else { render(&view) }
}

/// GET /watch
pub async fn page(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    FormQuery(query): FormQuery<SetupQuery>,
) -> Response {
    let feedback = Feedback { saved: query.saved.is_some(), ..Feedback::default() };
    setup(&state, &page, &actor, query.organisation_id, feedback).await
}

/// Answers a form: back to the set-up page of the organisation it changed, or the page again with
/// the problem and (for the add forms) what was sent.
async fn answer(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    asked: Option<OrgId>,
    outcome: CoreResult<Option<OrgId>>,
    drafts: impl FnOnce() -> Drafts,
) -> Response {
    match outcome {
        Ok(organisation_id) => {
            let scope = organisation_id.map(|id| format!("organisation_id={id}&")).unwrap_or_default();
            Redirect::to(&format!("/watch?{scope}saved=1")).into_response()
        }
        Err(error) => match Problem::of(error) {
            Ok(problem) => {
                setup(
                    state,
                    page,
                    actor,
                    asked,
                    Feedback { problem: Some(problem), drafts: drafts(), ..Feedback::default() },
                )
                .await
            }
            Err(error) => page.fail(error).into_response(),
        },
    }
}

/// POST /watch/marks
pub async fn create_mark(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    CsrfForm(form): CsrfForm<MarkForm>,
) -> Response {
    let outcome = async {
        let organisation_id = authz::single_organisation(&actor, form.organisation_id)?;
        let created = state.core.create_watched_mark(&actor, &origin, organisation_id, &form.input()?).await?;
        Ok(Some(created.organisation_id))
    };
    let outcome = outcome.await;
    let asked = form.organisation_id;
    answer(&state, &page, &actor, asked, outcome, || Drafts { mark: form, ..Drafts::default() }).await
}

/// POST /watch/marks/{mark_id}
pub async fn update_mark(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(mark_id): Path<WatchedMarkId>,
    CsrfForm(form): CsrfForm<MarkForm>,
) -> Response {
    let outcome = async {
        let updated = state.core.update_watched_mark(&actor, &origin, mark_id, &form.input()?).await?;
        Ok(Some(updated.organisation_id))
    };
    answer(&state, &page, &actor, form.organisation_id, outcome.await, Drafts::default).await
}

/// POST /watch/marks/{mark_id}/delete
pub async fn delete_mark(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(mark_id): Path<WatchedMarkId>,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Response {
    let outcome = state.core.delete_watched_mark(&actor, &origin, mark_id).await.map(|()| form.organisation_id);
    answer(&state, &page, &actor, form.organisation_id, outcome, Drafts::default).await
}

/// POST /watch/parties
pub async fn create_party(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    CsrfForm(form): CsrfForm<PartyForm>,
) -> Response {
    let outcome = async {
        let organisation_id = authz::single_organisation(&actor, form.organisation_id)?;
        let created = state.core.create_watch_party(&actor, &origin, organisation_id, &form.input()).await?;
        Ok(Some(created.organisation_id))
    };
    let outcome = outcome.await;
    let asked = form.organisation_id;
    answer(&state, &page, &actor, asked, outcome, || Drafts { party: form, ..Drafts::default() }).await
}

/// POST /watch/parties/{party_id}
pub async fn update_party(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(party_id): Path<WatchPartyId>,
    CsrfForm(form): CsrfForm<PartyForm>,
) -> Response {
    let outcome =
        state.core.update_watch_party(&actor, &origin, party_id, &form.input()).await.map(|p| Some(p.organisation_id));
    answer(&state, &page, &actor, form.organisation_id, outcome, Drafts::default).await
}

/// POST /watch/parties/{party_id}/delete
pub async fn delete_party(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(party_id): Path<WatchPartyId>,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Response {
    let outcome = state.core.delete_watch_party(&actor, &origin, party_id).await.map(|()| form.organisation_id);
    answer(&state, &page, &actor, form.organisation_id, outcome, Drafts::default).await
}

/// POST /watch/patents
pub async fn create_patent_watch(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    CsrfForm(form): CsrfForm<PatentForm>,
) -> Response {
    let outcome = async {
        let organisation_id = authz::single_organisation(&actor, form.organisation_id)?;
        let created = state.core.create_patent_watch(&actor, &origin, organisation_id, &form.input()).await?;
        Ok(Some(created.organisation_id))
    };
    let outcome = outcome.await;
    let asked = form.organisation_id;
    answer(&state, &page, &actor, asked, outcome, || Drafts { patent: form, ..Drafts::default() }).await
}

/// POST /watch/patents/{patent_watch_id}
pub async fn update_patent_watch(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(patent_watch_id): Path<PatentWatchId>,
    CsrfForm(form): CsrfForm<PatentForm>,
) -> Response {
    let outcome = state
        .core
        .update_patent_watch(&actor, &origin, patent_watch_id, &form.input())
        .await
        .map(|w| Some(w.organisation_id));
    answer(&state, &page, &actor, form.organisation_id, outcome, Drafts::default).await
}

/// POST /watch/patents/{patent_watch_id}/delete
pub async fn delete_patent_watch(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(patent_watch_id): Path<PatentWatchId>,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Response {
    let outcome = state.core.delete_patent_watch(&actor, &origin, patent_watch_id).await.map(|()| form.organisation_id);
    answer(&state, &page, &actor, form.organisation_id, outcome, Drafts::default).await
}

/// POST /watch/webhooks — shows the new webhook's signing secret once, on the page that answers
/// the form.
pub async fn create_webhook(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    CsrfForm(form): CsrfForm<WebhookForm>,
) -> Response {
    let created = async {
        let organisation_id = authz::single_organisation(&actor, form.organisation_id)?;
        state.core.create_webhook(&actor, &origin, organisation_id, &form.url).await
    };
    match created.await {
        Ok(created) => {
            let asked = Some(created.webhook.organisation_id);
            setup(&state, &page, &actor, asked, Feedback { new_webhook: Some(created), ..Feedback::default() }).await
        }
        Err(error) => {
            let asked = form.organisation_id;
            answer(&state, &page, &actor, asked, Err(error), || Drafts { webhook: form, ..Drafts::default() }).await
        }
    }
}

/// POST /watch/webhooks/{webhook_id}/delete
pub async fn delete_webhook(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(webhook_id): Path<WebhookId>,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Response {
    let outcome = state.core.delete_webhook(&actor, &origin, webhook_id).await.map(|()| form.organisation_id);
    answer(&state, &page, &actor, form.organisation_id, outcome, Drafts::default).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_forms_are_split_as_typed() {
        let form = MarkForm {
            label: "海信".into(),
            forms: "海信\r\nHISENSE\n\n haixin ".into(),
            classes: "9，11; 7".into(),
            offices: "us、EM".into(),
            ..MarkForm::default()
        };
        let input = form.input().unwrap();
        assert_eq!(input.forms, ["海信", "HISENSE", "haixin"]);
        assert_eq!(input.classes, [9, 11, 7]);
        assert_eq!(input.offices, ["us", "EM"]);
        let bad = MarkForm { classes: "nine".into(), ..MarkForm::default() };
        assert!(matches!(bad.input(), Err(CoreError::Invalid(invalid)) if invalid.field == "classes"));
    }
}
