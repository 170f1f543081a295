//! The access matrix of the case routes: for each route, each person — an administrator, the
//! centre's staff, the staff of the case's station and of another, the appointed mediator and
//! another, the applicant, the respondent and a stranger — gets exactly the answer the access
//! table (docs/CASES.md) gives them, on SQLite and PostgreSQL. Each cell runs on a fresh case, so
//! one person's step does not change what the next one meets.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use zhichan_core::RequestContext;
use zhichan_core::case::{AssignInput, EntryInput, EntryKind, OpenCase, TransitionInput};
use zhichan_core::organisations::MemberInput;
use zhichan_core::{Actor, Core};
use zhichan_domain::OrgKind;
use zhichan_domain::case::CaseId;

use crate::app::{Backend, TestApp};

/// The people of the matrix, in the order of each row's expected answers.
const PEOPLE: [&str; 9] = [
    "admin@centre.example",
    "centre@centre.example",
    "shajing@centre.example",
    "xixiang@centre.example",
    "mediator@panel.example",
    "other-mediator@panel.example",
    "ip@applicant.example",
    "legal@respondent.example",
    "boss@stranger.example",
];

const OK: u16 = 200;
const FORBIDDEN: u16 = 403;
const NOT_FOUND: u16 = 404;

/// One route of the matrix: how to call it on a case, and what each person gets.
struct Cell {
    method: Method,
    /// The path, with `{id}` for the case and `{doc}` / `{internal_doc}` for its documents.
    path: &'static str,
    body: Option<Value>,
    expected: [u16; 9],
}

fn matrix() -> Vec<Cell> {
    let cell = |method: Method, path, body, expected| Cell { method, path, body, expected };
    let see = [OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, OK, OK, NOT_FOUND];
    vec![
        cell(Method::GET, "/api/v1/cases/{id}", None, see),
        cell(Method::GET, "/api/v1/cases/{id}/integrity", None, see),
        cell(Method::POST, "/api/v1/cases/{id}/entries", Some(json!({ "kind": "message", "text": "矩阵" })), see),
        cell(
            Method::POST,
            "/api/v1/cases/{id}/entries",
            Some(json!({ "kind": "note", "text": "内部" })),
            [OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND],
        ),
        cell(
            Method::POST,
            "/api/v1/cases/{id}/transitions",
            Some(json!({ "to": "in_session" })),
            [OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND],
        ),
        cell(
            Method::POST,
            "/api/v1/cases/{id}/transitions",
            Some(json!({ "to": "failed", "reason": "矩阵" })),
            [OK, OK, OK, NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND],
        ),
        cell(
            Method::PUT,
            "/api/v1/cases/{id}/assignee",
            Some(json!({ "user_id": "{other_mediator}" })),
            [OK, OK, OK, NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND],
        ),
        cell(Method::GET, "/api/v1/cases/{id}/evidence/{doc}", None, see),
        cell(
            Method::GET,
            "/api/v1/cases/{id}/evidence/{internal_doc}",
            None,
            [OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
        ),
    ]
}

#[tokio::test]
async fn every_case_route_answers_each_person_as_the_access_table_says_sqlite() {
    walk_matrix(TestApp::spawn().await).await;
}

#[tokio::test]
async fn every_case_route_answers_each_person_as_the_access_table_says_postgres() {
    if let Some(app) = TestApp::spawn_on(Backend::Postgres).await {
        walk_matrix(app).await;
    }
}

/// The organisations and accounts of the matrix.
struct People {
    staff: Actor,
    mediator: Actor,
    other_mediator: Actor,
    applicant: zhichan_domain::OrgId,
    respondent: zhichan_domain::OrgId,
}

async fn member(core: &Core, admin: &Actor, organisation: zhichan_domain::OrgId, email: &str, roles: &[&str]) -> Actor {
    let input = MemberInput {
        email: email.into(),
        display_name: email.into(),
        password: crate::app::PASSWORD.into(),
        roles: roles.iter().map(|role| (*role).to_owned()).collect(),
    };
    Actor::new(core.add_member(admin, organisation, &input, &RequestContext::cli()).await.expect("member"))
}

async fn people(app: &TestApp) -> People {
    let core = &app.core;
    let admin = app.admin().await;
    let context = RequestContext::cli();
    let centre = admin.organisation_id();
    member(core, &admin, centre, PEOPLE[0], &["admin"]).await;
    let staff = member(core, &admin, centre, PEOPLE[1], &["staff"]).await;
    let shajing = member(core, &admin, centre, PEOPLE[2], &["staff"]).await;
    let xixiang = member(core, &admin, centre, PEOPLE[3], &["staff"]).await;
    let stations = core.stations().await.expect("stations");
    let window =
        |street: &str| stations.iter().find(|s| s.street.map(|s| s.code()) == Some(street)).expect("window").id;
    core.set_staff_station(&admin, &context, shajing.user_id(), Some(window("shajing"))).await.expect("desk");
    core.set_staff_station(&admin, &context, xixiang.user_id(), Some(window("xixiang"))).await.expect("desk");
    let profile = |name: &str, street: Option<&str>| zhichan_core::organisations::ProfileInput {
        name_zh: name.into(),
        street: street.map(str::to_owned),
        ..Default::default()
    };
    let panel_profile = profile("调解员名册", None);
    let panel =
        core.create_organisation(&admin, OrgKind::ServiceProvider, &panel_profile, &context).await.expect("panel").id;
    let mediator = member(core, &admin, panel, PEOPLE[4], &["mediator"]).await;
    let other_mediator = member(core, &admin, panel, PEOPLE[5], &["mediator"]).await;
    let mut organisations = Vec::new();
    for (name, email) in
        [("申请方电子有限公司", PEOPLE[6]), ("被申请方贸易有限公司", PEOPLE[7]), ("无关科技有限公司", PEOPLE[8])]
    {
        let enterprise = profile(name, Some("shajing"));
        let id =
            core.create_organisation(&admin, OrgKind::Enterprise, &enterprise, &context).await.expect("enterprise").id;
        member(core, &admin, id, email, &["enterprise_admin", "enterprise_member"]).await;
        organisations.push(id);
    }
    People { staff, mediator, other_mediator, applicant: organisations[0], respondent: organisations[1] }
}

/// A mediation between the applicant and the respondent, accepted, with the mediator appointed,
/// an internal note, and two documents — one for everyone, one internal.
async fn mediation(app: &TestApp, people: &People) -> (CaseId, String, String) {
    let core = &app.core;
    let context = RequestContext::cli();
    let input = OpenCase {
        kind: "mediation".into(),
        title: "矩阵调解".into(),
        summary: "矩阵".into(),
        organisation_id: Some(people.applicant),
        respondent_organisation_id: Some(people.respondent),
        ..OpenCase::default()
    };
    let id = core.open_case(&people.staff, &context, input).await.expect("open").id;
    let accept = TransitionInput { to: "accepted".into(), ..TransitionInput::default() };
    core.transition_case(&people.staff, &context, id, accept).await.expect("accepted");
    let appoint = AssignInput { user_id: people.mediator.user_id(), consent: false };
    core.assign_case(&people.staff, &context, id, appoint).await.expect("appointed");
    let note = EntryInput { kind: EntryKind::Note, text: "内部备注".into() };
    core.add_case_entry(&people.staff, &context, id, note).await.expect("note");
    let mut documents = Vec::new();
    for (name, content, internal) in [("证据.txt", "公开证据", false), ("评估.txt", "内部评估", true)] {
        let chunk: Result<axum::body::Bytes, std::io::Error> = Ok(axum::body::Bytes::from(content.as_bytes()));
        let file = core.files().expect("files").receive(name, futures_util::stream::iter([chunk])).await.expect("file");
        documents.push(file.sha256.clone());
        core.add_case_evidence(&people.staff, &context, id, file, internal).await.expect("document");
    }
    (id, documents.remove(0), documents.remove(0))
}

async fn walk_matrix(app: TestApp) {
    let people = people(&app).await;
    let mut browsers = Vec::new();
    for email in PEOPLE {
        browsers.push(app.signed_in(email).await);
    }
    for cell in matrix() {
        for (who, browser) in browsers.iter().enumerate() {
            let (id, doc, internal_doc) = mediation(&app, &people).await;
            let path = cell
                .path
                .replace("{id}", &id.to_string())
                .replace("{doc}", &doc)
                .replace("{internal_doc}", &internal_doc);
            let body = cell.body.as_ref().map(|body| {
                let text =
                    body.to_string().replace("\"{other_mediator}\"", &people.other_mediator.user_id().to_string());
                serde_json::from_str::<Value>(&text).expect("json")
            });
            let status = browser.api(cell.method.clone(), &path, body).await.status();
            assert_eq!(
                status,
                StatusCode::from_u16(cell.expected[who]).expect("status"),
                "{} {} by {}",
                cell.method,
                cell.path,
                PEOPLE[who]
            );
        }
    }
    // Listings: those who see the case find it, the others do not.
    let (id, _, _) = mediation(&app, &people).await;
    let sees = [true, true, true, false, true, false, true, true, false];
    for (who, browser) in browsers.iter().enumerate() {
        let listed: Value =
            browser.api(Method::GET, "/api/v1/cases?kind=mediation&limit=200", None).await.json().await.expect("json");
        let found = listed["items"].as_array().expect("items").iter().any(|case| case["id"].as_i64() == Some(id.get()));
        assert_eq!(found, sees[who], "the case list of {}", PEOPLE[who]);
    }
}
