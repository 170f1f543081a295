//! One case's page: where it stands on its kind's way and what happens next, the parties, the
//! station, who handles it, the deadlines with their target clocks, the history (internal
//! entries marked; parties never receive them), whether the history is intact, and the forms of
//! what the viewer may do — the steps their role may take, an appointment (the centre), and a
//! message, internal note or technical opinion.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use zhichan_core::authz::{self, CaseRole};
use zhichan_core::case::{AssignInput, CaseDetail, EntryInput, EntryKind, Integrity, TransitionInput};
use zhichan_core::{Actor, CoreResult};
use zhichan_domain::case::{
    Case, CaseEventBody, CaseId, CaseKind, CaseState, EvidenceFile, Outcome, PartySide, Visibility,
};
use zhichan_domain::directory::MatchRequest;
use zhichan_domain::station::Station;
use zhichan_domain::watch::AlertId;
use zhichan_domain::{InvalidValue, User, UserId};

use super::case_progress::{Stage, progress};
use super::case_text::{self, clock, deadline_name, headline, step_key};
use super::{CsrfForm, FormQuery, PageContext, Problem, render, unprocessable};
use crate::AppState;
use crate::auth::{Origin, SignedIn};
use crate::upload::{self, CsrfCheck};

/// A deadline as the page lists it.
struct DeadlineView {
    name: String,
    due: NaiveDate,
    /// The day it was met, in the viewer's zone.
    met_on: Option<NaiveDate>,
    /// How far a service target has run.
    clock: Option<String>,
    /// The watch alert an opposition deadline came from.
    alert_id: Option<AlertId>,
}

/// A history entry as the page lists it.
struct Entry {
    seq: i64,
    code: &'static str,
    who: String,
    at: String,
    internal: bool,
    headline: String,
    text: Option<String>,
    file: Option<EvidenceFile>,
    alert_id: Option<AlertId>,
}

/// A step the viewer may take, with its button's words.
struct Move {
    to: CaseState,
    label: String,
}

/// What the integrity line says.
struct IntegrityLine {
    intact: bool,
    text: String,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage<'a> {
    page: &'a PageContext,
    case: Case,
    role: &'static str,
    stages: Vec<Stage>,
    next_text: String,
    station: Option<Station>,
    assignee: Option<String>,
    deadlines: Vec<DeadlineView>,
    history: Vec<Entry>,
    moves: Vec<Move>,
    /// A rights-assistance case the viewer may close: the outcomes they may close it with.
    closing: Vec<Outcome>,
    close_label: String,
    appointable: Vec<User>,
    entry_kinds: Vec<EntryKind>,
    /// Whether the viewer may keep a document from the parties.
    keeps_internal: bool,
    integrity: IntegrityLine,
    problem: Option<Problem>,
    saved: bool,
}

impl CasePage<'_> {
    fn is_assignee(&self, user: &User) -> bool {
        self.case.assignee_user_id == Some(user.id)
    }

    /// The directory's matching page with this case's needs filled in: the role, field,
    /// language, region and parties (`None` for kinds the centre's staff handle themselves).
    fn match_href(&self) -> Option<String> {
        let request = MatchRequest::for_case(&self.case)?;
        let names = |side: PartySide| -> String {
            let names = request.parties.iter().filter(|party| party.side == side).map(|party| party.name.as_str());
            names.collect::<Vec<_>>().join("\n")
        };
        let pairs: Vec<(&str, String)> = [
            ("role", Some(request.role.code().to_owned())),
            ("field", request.field.map(|field| field.code().to_owned())),
            ("language", request.language.map(|language| language.code().to_owned())),
            ("region", request.region.map(|region| region.code().to_owned())),
            ("applicants", Some(names(PartySide::Applicant))),
            ("respondents", Some(names(PartySide::Respondent))),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.filter(|v| !v.is_empty()).map(|v| (key, v)))
        .collect();
        Some(format!("/directory/match?{}", serde_html_form::to_string(pairs).unwrap_or_default()))
    }

    fn station_name(&self, station: &Station) -> String {
        station.name(self.page.locale).to_owned()
    }

    fn size(&self, file: &EvidenceFile) -> String {
        let kib = file.size as f64 / 1024.0;
        if kib < 1024.0 { format!("{kib:.1} KiB") } else { format!("{:.1} MiB", kib / 1024.0) }
    }
}

/// The steps `role` may take from where `case` stands, as buttons: those of its kind's table the
/// role may take, except closing a rights-assistance case (its own form asks for the outcome),
/// filing the technical opinion (the entry form files it), and the steps an appointment takes
/// while nobody is appointed (the appointment form moves the case there).
fn moves(page: &PageContext, case: &Case, role: CaseRole) -> Vec<Move> {
    case.kind
        .next(case.state)
        .iter()
        .copied()
        .filter(|&to| authz::move_case(role, case.kind, case.state, to).is_ok())
        .filter(|&to| !closes_with_outcome(case.kind, to) && to != CaseState::OpinionFiled)
        .filter(|&to| case.assignee_user_id.is_some() || case.kind.appointed(case.state) != Some(to))
        .map(|to| Move { to, label: page.t(&step_key("case.move", case.kind, case.state, to)).to_owned() })
        .collect()
}

/// Whether a step closes a case that must say how it ended.
fn closes_with_outcome(kind: CaseKind, to: CaseState) -> bool {
    kind == CaseKind::RightsAssistance && to == CaseState::Closed
}

/// The outcomes `role` may close `case` with now: none when it may not close it; an enterprise
/// only withdraws.
fn closing(case: &Case, role: CaseRole) -> Vec<Outcome> {
    let may_close = case.kind.next(case.state).contains(&CaseState::Closed)
        && closes_with_outcome(case.kind, CaseState::Closed)
        && authz::move_case(role, case.kind, case.state, CaseState::Closed).is_ok();
    match role {
        _ if !may_close => Vec::new(),
        CaseRole::Party(_) => vec![Outcome::Withdrawn],
        _ => Outcome::ALL.to_vec(),
    }
}

/// The entries `role` may add to `case`.
fn entry_kinds(case: &Case, role: CaseRole) -> Vec<EntryKind> {
    let mut kinds = vec![EntryKind::Message];
    if role.works_on_case() {
        kinds.push(EntryKind::Note);
    }
    let files_opinion = authz::file_opinion(role, case.kind).is_ok();
    if files_opinion && case.kind.step(case.state, CaseState::OpinionFiled).is_ok() {
        kinds.push(EntryKind::Opinion);
    }
    kinds
}

fn integrity_line(page: &PageContext, integrity: &Integrity) -> IntegrityLine {
    let text = match (integrity.first_altered, integrity.recorded_state) {
        (Some(seq), _) => page.fill("case.integrity.altered", &[("seq", seq.to_string())]),
        (None, Some(state)) => {
            page.fill("case.integrity.state", &[("state", page.coded("case.state", state.code()).to_owned())])
        }
        (None, None) => page.fill("case.integrity.intact", &[("count", integrity.entries.to_string())]),
    };
    IntegrityLine { intact: integrity.is_intact(), text }
}

/// The page's view of `detail`.
fn entries(page: &PageContext, detail: &CaseDetail, names: &HashMap<UserId, String>) -> Vec<Entry> {
    let name = |user_id: UserId| names.get(&user_id).cloned().unwrap_or_else(|| page.t("case.someone").to_owned());
    detail
        .history
        .iter()
        .map(|event| {
            let (text, file, alert_id) = match &event.body {
                CaseEventBody::Transition { reason, .. } => (reason.clone(), None, None),
                CaseEventBody::Message { text } | CaseEventBody::Note { text } | CaseEventBody::Opinion { text } => {
                    (Some(text.clone()), None, None)
                }
                CaseEventBody::Evidence(file) => (None, Some(file.clone()), None),
                CaseEventBody::AlertJoined { alert_id } => (None, None, Some(*alert_id)),
                // A disclosure's stored text is the English assessment (for the audit and the API);
                // the page names whose ties were disclosed, and the directory shows them in words.
                CaseEventBody::Opened { .. } | CaseEventBody::Assigned { .. } | CaseEventBody::Disclosed { .. } => {
                    (None, None, None)
                }
            };
            Entry {
                seq: event.seq,
                code: code_of(&event.body),
                who: event.actor_user_id.map_or_else(|| page.t("case.platform").to_owned(), name),
                at: page.time(&event.at),
                internal: event.visibility == Visibility::Internal,
                headline: headline(page, detail.case.kind, &event.body, name),
                text,
                file,
                alert_id,
            }
        })
        .collect()
}

/// A history entry's stable code (a CSS class and test hook).
fn code_of(body: &CaseEventBody) -> &'static str {
    match body {
        CaseEventBody::Opened { .. } => "opened",
        CaseEventBody::Transition { .. } => "transition",
        CaseEventBody::Assigned { .. } => "assigned",
        CaseEventBody::Disclosed { .. } => "disclosed",
        CaseEventBody::Message { .. } => "message",
        CaseEventBody::Note { .. } => "note",
        CaseEventBody::Evidence(_) => "evidence",
        CaseEventBody::Opinion { .. } => "opinion",
        CaseEventBody::AlertJoined { .. } => "alert_joined",
    }
}

/// Renders a case's page as `actor` may see it.
async fn case_page(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    id: CaseId,
    problem: Option<Problem>,
    saved: bool,
) -> Response {
    let loaded = async {
        let detail = state.core.case(actor, id).await?;
        let people = state.core.case_people(actor, id).await?;
        let integrity = state.core.verify_case(Some(actor), id).await?;
        let appointable = if authz::assign_case(detail.role).is_ok() && !detail.case.is_closed() {
            state.core.appointable(actor, id).await?
        } else {
            Vec::new()
        };
        let station = state.core.stations().await?.into_iter().find(|station| station.id == detail.case.station_id);
        CoreResult::Ok((detail, people, integrity, appointable, station))
    };
    let (detail, people, integrity, appointable, station) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return page.fail(error).into_response(),
    };
    let names: HashMap<UserId, String> =
        people.into_iter().map(|person| (person.user_id, person.display_name)).collect();
    let case = &detail.case;
    let deadlines = detail
        .deadlines
        .iter()
        .map(|deadline| DeadlineView {
            name: deadline_name(page, deadline),
            due: deadline.due,
            met_on: deadline.met_at.as_ref().map(|at| page.local_date(at)),
            clock: clock(page, case, &detail.history, deadline),
            alert_id: deadline.alert_id,
        })
        .collect();
    let failed = problem.is_some();
    let view = CasePage {
        page,
        role: detail.role.code(),
        stages: progress(case.kind, case.state, &detail.history),
        next_text: page.t(&case_text::next_key(case.kind, case.state)).to_owned(),
        station,
        assignee: case.assignee_user_id.and_then(|user_id| names.get(&user_id).cloned()),
        deadlines,
        history: entries(page, &detail, &names),
        moves: moves(page, case, detail.role),
        closing: closing(case, detail.role),
        close_label: page.t(&step_key("case.move", case.kind, case.state, CaseState::Closed)).to_owned(),
        appointable,
        entry_kinds: entry_kinds(case, detail.role),
        keeps_internal: detail.role.works_on_case(),
        integrity: integrity_line(page, &integrity),
        problem,
        saved,
        case: detail.case,
    };
    if failed { unprocessable(&view) } else { render(&view) }
}

/// `?saved=` after a form.
#[derive(Deserialize, Default)]
pub struct DetailQuery {
    saved: Option<u8>,
}

/// GET /cases/{case_id}
pub async fn detail(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Path(case_id): Path<CaseId>,
    FormQuery(query): FormQuery<DetailQuery>,
) -> Response {
    case_page(&state, &page, &actor, case_id, None, query.saved.is_some()).await
}

/// Answers a case form: back to the case, or its page again with what was wrong.
async fn answer(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    id: CaseId,
    outcome: CoreResult<Case>,
) -> Response {
    match outcome {
        Ok(_) => Redirect::to(&format!("/cases/{id}?saved=1")).into_response(),
        Err(error) => match Problem::of_case(error) {
            Ok(problem) => case_page(state, page, actor, id, Some(problem), false).await,
            Err(error) => page.fail(error).into_response(),
        },
    }
}

/// A step: the pressed button names the state; a closing assistance case its outcome.
#[derive(Deserialize)]
pub struct StepForm {
    #[serde(default)]
    to: String,
    outcome: Option<String>,
    reason: Option<String>,
}

/// POST /cases/{case_id}/transitions
pub async fn transition(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(case_id): Path<CaseId>,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Response {
    let input = TransitionInput { to: form.to, outcome: form.outcome, reason: form.reason };
    let outcome = state.core.transition_case(&actor, &origin, case_id, input).await;
    answer(&state, &page, &actor, case_id, outcome).await
}

/// An appointment: who, and whether the parties consented to a disclosed tie.
#[derive(Deserialize)]
pub struct AppointForm {
    assignee: Option<UserId>,
    consent: Option<String>,
}

/// POST /cases/{case_id}/assignee
pub async fn appoint(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(case_id): Path<CaseId>,
    CsrfForm(form): CsrfForm<AppointForm>,
) -> Response {
    let outcome = match form.assignee {
        Some(user_id) => {
            let input = AssignInput { user_id, consent: form.consent.is_some() };
            state.core.assign_case(&actor, &origin, case_id, input).await
        }
        None => Err(InvalidValue::new("assignee", "the person to appoint").into()),
    };
    answer(&state, &page, &actor, case_id, outcome).await
}

/// A message, internal note or technical opinion.
#[derive(Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    entry: String,
    #[serde(default)]
    text: String,
}

/// POST /cases/{case_id}/entries
pub async fn add_entry(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(case_id): Path<CaseId>,
    CsrfForm(form): CsrfForm<EntryForm>,
) -> Response {
    let outcome = async {
        let kind = EntryKind::parse(&form.entry).map_err(|invalid| InvalidValue { field: "entry", ..invalid })?;
        state.core.add_case_entry(&actor, &origin, case_id, EntryInput { kind, text: form.text }).await
    };
    answer(&state, &page, &actor, case_id, outcome.await).await
}

/// POST /cases/{case_id}/evidence — a document from the case page: the form's CSRF token
/// comes before the file, which is streamed into the file store once the viewer may add to the
/// case; `visibility=internal` keeps it from the parties.
pub async fn upload_document(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(case_id): Path<CaseId>,
    multipart: Multipart,
) -> Response {
    if let Err(error) = state.core.case_role(&actor, case_id).await {
        return page.fail(error).into_response();
    }
    let files = match state.core.files() {
        Ok(files) => files,
        Err(error) => return page.fail(error).into_response(),
    };
    let received = match upload::receive(files, multipart, CsrfCheck::Field(&page.csrf)).await {
        Ok(received) => received,
        Err(upload::UploadError::Core(error)) => {
            return answer(&state, &page, &actor, case_id, Err(error)).await;
        }
        Err(refused) => return refused.page_response(&page),
    };
    let internal = received.field("visibility") == Some("internal");
    let outcome = state.core.add_case_evidence(&actor, &origin, case_id, received.file, internal).await;
    answer(&state, &page, &actor, case_id, outcome).await
}

/// GET /cases/{case_id}/evidence/{sha256} — a document the viewer may read, as an attachment.
pub async fn download_document(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Path((case_id, sha256)): Path<(CaseId, String)>,
) -> Response {
    let found = async {
        let meta = state.core.case_evidence(&actor, case_id, &sha256).await?;
        let file = state.core.files()?.open(&meta.sha256).await?;
        CoreResult::Ok(upload::download(file, &meta))
    };
    match found.await {
        Ok(response) => response,
        Err(error) => page.fail(error).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use zhichan_domain::case::{CaseParticulars, PartySide};
    use zhichan_domain::station::StationId;

    use super::*;

    fn case(kind: CaseKind, state: CaseState, assignee: Option<i64>) -> Case {
        Case {
            id: CaseId::new(1),
            kind,
            state,
            title: "t".into(),
            summary: "s".into(),
            station_id: StationId::new(1),
            parties: vec![],
            assignee_user_id: assignee.map(UserId::new),
            particulars: CaseParticulars::default(),
            outcome: None,
            alert_ids: vec![],
            opened_by: None,
            created_at: Utc::now(),
            state_since: Utc::now(),
            closed_at: None,
        }
    }

    fn page() -> PageContext {
        let catalogues = std::sync::Arc::new(crate::i18n::Catalogues::builtin().expect("catalogues"));
        PageContext::anonymous(zhichan_domain::Locale::En, catalogues, "/cases/1")
    }

    fn offered(case: &Case, role: CaseRole) -> Vec<CaseState> {
        moves(&page(), case, role).into_iter().map(|step| step.to).collect()
    }

    #[test]
    fn each_role_is_offered_its_own_steps() {
        use CaseState::*;
        let applied = case(CaseKind::Mediation, Applied, None);
        assert_eq!(offered(&applied, CaseRole::Party(PartySide::Respondent)), [Accepted, Declined]);
        assert_eq!(offered(&applied, CaseRole::Party(PartySide::Applicant)), []);
        assert_eq!(offered(&applied, CaseRole::Staff), [Accepted, Declined]);
        // Appointing the mediator moves an accepted mediation; until then only failure is a step.
        assert_eq!(offered(&case(CaseKind::Mediation, Accepted, None), CaseRole::Staff), [Failed]);
        let in_session = case(CaseKind::Mediation, InSession, Some(9));
        assert_eq!(offered(&in_session, CaseRole::Assignee), [Settled, Failed]);
        assert_eq!(offered(&case(CaseKind::Mediation, Settled, Some(9)), CaseRole::Assignee), []);
        // The opinion is filed with its text, not by a bare button.
        let notified = case(CaseKind::TechnicalInvestigation, Notified, Some(9));
        assert_eq!(offered(&notified, CaseRole::Assignee), []);
        assert_eq!(
            entry_kinds(&notified, CaseRole::Assignee),
            [EntryKind::Message, EntryKind::Note, EntryKind::Opinion]
        );
        assert_eq!(entry_kinds(&notified, CaseRole::Party(PartySide::Applicant)), [EntryKind::Message]);
    }

    #[test]
    fn closing_an_assistance_case_asks_for_an_outcome_an_enterprise_can_only_withdraw() {
        let triage = case(CaseKind::RightsAssistance, CaseState::Triage, None);
        assert_eq!(offered(&triage, CaseRole::Staff), [], "assigned by appointment, closed by its own form");
        assert_eq!(closing(&triage, CaseRole::Staff), Outcome::ALL);
        assert_eq!(closing(&triage, CaseRole::Party(PartySide::Applicant)), [Outcome::Withdrawn]);
        let action = case(CaseKind::RightsAssistance, CaseState::Action, Some(9));
        assert_eq!(closing(&action, CaseRole::Party(PartySide::Applicant)), []);
        assert_eq!(closing(&case(CaseKind::Mediation, CaseState::Settled, Some(9)), CaseRole::Staff), []);
    }
}
