//! The cross-organisation walk: every route in the route table, called by an enterprise
//! administrator of organisation B with the ids of organisation A's records, must answer 403 or
//! 404, change nothing of A's and show nothing of A's. The same call by A's own administrator
//! must succeed — proof that B was stopped by authorisation, not by a malformed request.
//! Signed-in routes called anonymously must ask for sign-in; public routes (registers, reference
//! data) must answer with their fixtures and still show nothing of A's. A route added to the table is
//! walked without anyone editing this file; one with a new path parameter or body makes this
//! test fail until it is given fixtures. Routes only the district centre's staff may use (alert
//! assignment, provider profiles) are proven by a staff member's identical request instead of A's;
//! routes of an expert's directory entry by the expert's own request (the expert declared a tie to
//! A, which B must never see); directory entries every signed-in user may read must answer B too.

use std::sync::atomic::{AtomicU32, Ordering};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use zhichan_core::case::{CaseQuery, OpenCase};
use zhichan_core::directory::{AffiliationInput, ExpertProfileInput, ProviderProfileInput};
use zhichan_core::watch::{AlertQuery, PatentWatchInput, WatchPartyInput, WatchedMarkInput};
use zhichan_core::{Actor, RequestContext};
use zhichan_domain::case::CaseId;
use zhichan_domain::directory::AffiliationId;
use zhichan_domain::watch::{AlertId, WatchedMarkId};
use zhichan_domain::{OrgId, OrgKind, Page};
use zhichan_web::routes::{self, Access, Route};

use crate::app::{Backend, Browser, TestApp};

const SECRET_NAME: &str = "甲方机密电子有限公司";
const SECRET_DOMAIN: &str = "alpha-secret.example";
const RECORD_NUMBER: &str = "97000001";
const STAFF_EMAIL: &str = "walker@centre.example";
/// The expert of the directory fixtures, who declared a tie to A.
const EXPERT_EMAIL: &str = "expert@walk-panel.example";
/// The form every watched mark of the walk uses, and every filing that raises A an alert.
const WATCHED_FORM: &str = "WALKMARK";
/// Routes only centre staff may use: A's administrator is refused them (403) whoever owns the
/// alert, so the request proving the route works is made by a staff member.
const CENTRE_ONLY: [&str; 6] = [
    "/api/v1/alerts/{alert_id}/assignee",
    "/alerts/{alert_id}/assignee",
    "/api/v1/cases/{case_id}/assignee",
    "/cases/{case_id}/assignee",
    "/api/v1/directory/providers/{organisation_id}",
    "/directory/providers/{organisation_id}",
];
/// The document every case of the walk receives, and its SHA-256.
const EVIDENCE: &[u8] = b"walk evidence";
const EVIDENCE_SHA256: &str = "a379b91590c04ef95688a8554670d415a28496c301ba7e91e878ade2d6b6f97a";
/// The expert the case appointment fixtures appoint (set once the walk's world exists).
static EXPERT_ID: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
/// Entries every signed-in user may read (the directory, the working-day calendars): B's request
/// succeeds, and must still show nothing of A's (the expert's tie to A).
const SHARED: [(&str, &str); 5] = [
    ("GET", "/api/v1/directory/experts/{user_id}"),
    ("GET", "/directory/experts/{user_id}"),
    ("GET", "/api/v1/directory/providers/{organisation_id}"),
    ("GET", "/directory/providers/{organisation_id}"),
    ("GET", "/api/v1/calendars/{region}/{year}"),
];

#[tokio::test]
async fn no_route_shows_or_changes_another_organisations_data_sqlite() {
    walk(TestApp::spawn().await).await;
}

#[tokio::test]
async fn no_route_shows_or_changes_another_organisations_data_postgres() {
    if let Some(app) = TestApp::spawn_on(Backend::Postgres).await {
        walk(app).await;
    }
}

struct World {
    org_a: OrgId,
    admin_a: Actor,
    /// A's watched mark that the alert fixtures are raised on.
    watched_a: WatchedMarkId,
    /// An expert of the directory who declared a tie to A.
    expert: Actor,
    /// A service provider of the directory.
    provider: OrgId,
}

async fn walk(app: TestApp) {
    let admin = app.admin().await;
    let (org_a, admin_a) = app.enterprise(&admin, SECRET_NAME, &format!("boss@{SECRET_DOMAIN}")).await;
    let (_, _) = app.enterprise(&admin, "乙方照明有限公司", "boss@beta.example").await;
    let staff = zhichan_core::organisations::MemberInput {
        email: STAFF_EMAIL.into(),
        display_name: "走查员".into(),
        password: crate::app::PASSWORD.into(),
        roles: vec!["staff".into()],
    };
    app.core.add_member(&admin, admin.organisation_id(), &staff, &RequestContext::cli()).await.expect("staff");
    let expert = zhichan_core::organisations::MemberInput {
        email: "expert@centre.example".into(),
        display_name: "专家".into(),
        password: crate::app::PASSWORD.into(),
        roles: vec!["expert".into()],
    };
    let expert =
        app.core.add_member(&admin, admin.organisation_id(), &expert, &RequestContext::cli()).await.expect("expert");
    EXPERT_ID.get_or_init(|| expert.id.get());
    let watched_a = watched_mark(&app, &admin_a, org_a.id).await;
    let (expert, provider) = directory_fixtures(&app, &admin, org_a.id).await;
    let world = World { org_a: org_a.id, admin_a, watched_a, expert, provider };
    seed_records(&app).await;

    let mut walked = 0;
    for route in routes::all() {
        let path = fill(&app, &world, &route).await;
        let b = app.signed_in("boss@beta.example").await;
        let anonymous = app.browser();
        let has_params = route.path.contains('{');

        // Anonymous callers of signed-in routes are asked to sign in.
        if route.access == Access::SignedIn {
            let response = call(&anonymous, &route, &path).await;
            let status = response.status();
            let to_login = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .is_some_and(|l| l.starts_with("/login"));
            assert!(
                status == StatusCode::UNAUTHORIZED || (status == StatusCode::SEE_OTHER && to_login),
                "{} {} anonymous: {status}",
                route.method,
                route.path
            );
        }

        let before = snapshot(&app, &world).await;
        let response = call(&b, &route, &path).await;
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        assert!(
            !body.contains(SECRET_NAME) && !body.contains(SECRET_DOMAIN),
            "{} {} shows A's data to B",
            route.method,
            route.path
        );
        assert_eq!(snapshot(&app, &world).await, before, "{} {} let B change A's data", route.method, route.path);
        if has_params && route.access == Access::Public {
            assert!(status.is_success(), "{} {} with public fixtures: {status}", route.method, route.path);
        }
        let shared = SHARED.contains(&(route.method.as_str(), route.path));
        if shared {
            assert!(status.is_success(), "{} {} as B, open to everyone signed in: {status}", route.method, route.path);
        }
        if has_params && route.access == Access::SignedIn && !shared {
            assert!(
                matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{} {} as B: {status}",
                route.method,
                route.path
            );
            // The same request from A (or, for centre-only routes, from staff) succeeds, so B
            // was refused for who they are.
            let entitled = if CENTRE_ONLY.contains(&route.path) {
                STAFF_EMAIL.to_owned()
            } else if route.path.contains("{user_id}") {
                EXPERT_EMAIL.to_owned()
            } else {
                format!("boss@{SECRET_DOMAIN}")
            };
            let a = app.signed_in(&entitled).await;
            let status = call(&a, &route, &path).await.status();
            assert!(
                status.is_success() || status.is_redirection(),
                "{} {} as {entitled}: {status}",
                route.method,
                route.path
            );
        }
        walked += 1;
    }
    assert!(walked >= 30, "the walk covered every route ({walked})");
}

/// Replaces each `{param}` with an id of one of A's records (fresh where the call uses it up).
async fn fill(app: &TestApp, world: &World, route: &Route) -> String {
    let mut path = route.path.to_owned();
    while let Some(start) = path.find('{') {
        let end = path[start..].find('}').map(|e| start + e).expect("closed parameter");
        let value = match &path[start + 1..end] {
            "org_id" => world.org_a.to_string(),
            "token_id" => {
                let created = app
                    .core
                    .create_api_token(&world.admin_a, "A's integration", &RequestContext::cli())
                    .await
                    .expect("token");
                created.token.id.to_string()
            }
            "saved_id" => {
                let saved = app
                    .core
                    .save_search(&world.admin_a, &RequestContext::cli(), "A's watch", "mark:walkmark", None)
                    .await
                    .expect("saved search");
                saved.id.to_string()
            }
            "mark_id" => watched_mark(app, &world.admin_a, world.org_a).await.to_string(),
            "party_id" => {
                let input = WatchPartyInput { name: format!("{SECRET_NAME}代理"), relation: "agent".into() };
                let context = RequestContext::cli();
                let party = app.core.create_watch_party(&world.admin_a, &context, world.org_a, &input);
                party.await.expect("party").id.to_string()
            }
            "patent_watch_id" => {
                let input = PatentWatchInput { label: SECRET_NAME.into(), query: "ti:walk".into() };
                let context = RequestContext::cli();
                let watch = app.core.create_patent_watch(&world.admin_a, &context, world.org_a, &input);
                watch.await.expect("patent watch").id.to_string()
            }
            "webhook_id" => {
                // A's webhook URL is A's data too; the walk never delivers, so it is never called.
                static HOOK: AtomicU32 = AtomicU32::new(0);
                let url = format!("https://hooks.{SECRET_DOMAIN}/{}", HOOK.fetch_add(1, Ordering::Relaxed));
                let context = RequestContext::cli();
                let webhook = app.core.create_webhook(&world.admin_a, &context, world.org_a, &url);
                webhook.await.expect("webhook").webhook.id.to_string()
            }
            "alert_id" => fresh_alert(app, world).await.to_string(),
            "case_id" => fresh_case(app, world).await.to_string(),
            "sha256" => EVIDENCE_SHA256.to_owned(),
            "user_id" => world.expert.user_id().to_string(),
            "affiliation_id" => tie_to(app, &world.expert, world.org_a).await.to_string(),
            "organisation_id" => world.provider.to_string(),
            "office" => "US".to_owned(),
            "number" => RECORD_NUMBER.to_owned(),
            "region" => "mainland".to_owned(),
            "year" => "2026".to_owned(),
            other => panic!("the walk has no fixture for path parameter {{{other}}} of {}: add one", route.path),
        };
        path.replace_range(start..=end, &value);
    }
    path
}

/// A valid request for the route, so that only authorisation can refuse it.
async fn call(browser: &Browser, route: &Route, path: &str) -> reqwest::Response {
    static SEQUENCE: AtomicU32 = AtomicU32::new(0);
    let email = format!("walker{}@walk.example", SEQUENCE.fetch_add(1, Ordering::Relaxed));
    if route.method == Method::GET {
        return browser.get(path).await;
    }
    if route.path == "/api/v1/cases/{case_id}/evidence" {
        return browser.upload(path, &[], "walk.txt", EVIDENCE).await;
    }
    if route.path == "/cases/{case_id}/evidence" {
        let token = browser.csrf().await;
        return browser.upload(path, &[("csrf", token.as_str())], "walk.txt", EVIDENCE).await;
    }
    if route.path.starts_with("/api/") {
        let body: Option<Value> = match (route.method.as_str(), route.path) {
            ("POST", "/api/v1/organisations") => Some(json!({ "kind": "enterprise", "name_zh": "丙方新公司" })),
            ("PUT", "/api/v1/organisations/{org_id}") => Some(json!({ "name_zh": SECRET_NAME })),
            ("POST", "/api/v1/organisations/{org_id}/users") => Some(json!({
                "email": email, "display_name": "走查", "password": crate::app::PASSWORD, "roles": ["enterprise_member"],
            })),
            ("POST", "/api/v1/tokens") => Some(json!({ "name": "walk" })),
            ("POST", "/api/v1/saved-searches") => Some(json!({ "name": "walk", "query": "walkmark" })),
            ("POST", "/api/v1/watch/marks") | ("PUT", "/api/v1/watch/marks/{mark_id}") => {
                Some(json!({ "label": "walk", "forms": [WATCHED_FORM], "classes": [9] }))
            }
            ("POST", "/api/v1/watch/parties") | ("PUT", "/api/v1/watch/parties/{party_id}") => {
                Some(json!({ "name": "Walk Agency", "relation": "agent" }))
            }
            ("POST", "/api/v1/watch/patents") | ("PUT", "/api/v1/watch/patents/{patent_watch_id}") => {
                Some(json!({ "label": "walk", "query": "ti:walk" }))
            }
            ("POST", "/api/v1/watch/webhooks") => Some(json!({ "url": "http://127.0.0.1:9/walk" })),
            ("POST", "/api/v1/alerts/{alert_id}/status") => Some(json!({ "status": "reviewed", "note": "walk" })),
            ("POST", "/api/v1/alerts/{alert_id}/notes") => Some(json!({ "text": "walk" })),
            ("PUT", "/api/v1/alerts/{alert_id}/assignee") => Some(json!({ "user_id": null })),
            ("POST", "/api/v1/alerts/{alert_id}/escalation") => Some(json!({})),
            ("POST", "/api/v1/cases") => Some(json!({ "kind": "consultation", "title": "walk", "summary": "walk" })),
            ("POST", "/api/v1/cases/{case_id}/transitions") => Some(json!({ "to": "closed" })),
            ("PUT", "/api/v1/cases/{case_id}/assignee") => Some(json!({ "user_id": EXPERT_ID.get() })),
            ("POST", "/api/v1/cases/{case_id}/entries") => Some(json!({ "kind": "message", "text": "walk" })),
            ("PUT", "/api/v1/directory/experts/{user_id}") => {
                Some(json!({ "region": "hong_kong", "fields": ["trademarks"], "languages": ["english"] }))
            }
            ("POST", "/api/v1/directory/experts/{user_id}/affiliations") => {
                Some(json!({ "party_name": "Walk Party", "tie": "general_opinion" }))
            }
            ("PUT", "/api/v1/directory/providers/{organisation_id}") => Some(json!({
                "kinds": ["law_firm"], "languages": ["english"], "regions": ["hong_kong"], "contact": "walk",
            })),
            ("POST", "/api/v1/directory/match") => Some(json!({ "role": "mediator" })),
            ("DELETE", _) => None,
            (method, path) => panic!("the walk has no request body for {method} {path}: add one"),
        };
        return browser.api(route.method.clone(), path, body).await;
    }
    // Every UI form ignores fields it does not know, so one body fits all of them.
    let expert = EXPERT_ID.get().map(i64::to_string).unwrap_or_default();
    let fields = [
        ("email", email.as_str()),
        ("password", crate::app::PASSWORD),
        ("display_name", "走查"),
        ("roles", "enterprise_member"),
        ("name_zh", SECRET_NAME),
        ("kind", "enterprise"),
        ("name", "walk"),
        ("q", "walkmark"),
        ("lang", "en"),
        ("next", "/"),
        ("label", "walk"),
        ("forms", WATCHED_FORM),
        ("classes", "9"),
        ("offices", "US"),
        ("relation", "agent"),
        ("query", "ti:walk"),
        ("status", "reviewed"),
        ("note", "walk"),
        ("text", "walk note"),
        ("user_id", ""),
        ("url", "http://127.0.0.1:9/walk"),
        ("to", "closed"),
        ("entry", "message"),
        ("assignee", expert.as_str()),
        ("region", "hong_kong"),
        ("fields", "trademarks"),
        ("languages", "english"),
        ("party_name", "Walk Party"),
        ("tie", "general_opinion"),
        ("kinds", "law_firm"),
        ("regions", "hong_kong"),
        ("contact", "walk"),
    ];
    browser.form(path, &fields).await
}

/// Everything of A's that a route could change.
async fn snapshot(app: &TestApp, world: &World) -> Value {
    let organisation = app.core.organisation(&world.admin_a, world.org_a).await.expect("A's organisation");
    let members = app.core.members(&world.admin_a, world.org_a).await.expect("A's members");
    let tokens = app.core.api_tokens(&world.admin_a).await.expect("A's tokens");
    let tokens: Vec<Value> = tokens.iter().map(|t| json!([t.id, t.revoked_at])).collect();
    let saved = app.core.saved_searches(&world.admin_a).await.expect("A's saved searches");
    let org = Some(world.org_a);
    let marks = app.core.watched_marks(&world.admin_a, org, Page::first(200)).await.expect("A's watched marks");
    let parties = app.core.watch_parties(&world.admin_a, org).await.expect("A's parties");
    let patents = app.core.patent_watches(&world.admin_a, org).await.expect("A's patent watches");
    let webhooks = app.core.webhooks(&world.admin_a, org).await.expect("A's webhooks");
    let alerts = app.core.alerts(&world.admin_a, &AlertQuery::default(), Page::first(200)).await.expect("A's alerts");
    let cases = app.core.cases(&world.admin_a, &CaseQuery::default(), Page::first(200)).await.expect("A's cases");
    let mut histories = Vec::new();
    for case in &cases.cases {
        let detail = app.core.case(&world.admin_a, case.id).await.expect("A's case");
        histories.push(json!([detail.history, detail.deadlines]));
    }
    let expert = world.expert.user_id();
    let profile = app.core.expert(&world.expert, expert).await.expect("the expert's profile");
    let ties = app.core.affiliations(&world.expert, expert).await.expect("the expert's ties");
    let provider = app.core.provider(&world.expert, world.provider).await.expect("the provider's profile");
    json!({
        "organisation": organisation, "members": members, "tokens": tokens, "saved": saved,
        "watch": [marks, parties, patents], "webhooks": webhooks, "alerts": alerts.alerts,
        "cases": cases.cases, "histories": histories, "directory": [profile, ties, provider],
    })
}

/// A fresh watched mark of A's, on [`WATCHED_FORM`].
async fn watched_mark(app: &TestApp, admin_a: &Actor, org_a: OrgId) -> WatchedMarkId {
    let input = WatchedMarkInput {
        label: format!("{SECRET_NAME}商标"),
        forms: vec![WATCHED_FORM.into()],
        classes: vec![9],
        offices: vec![],
    };
    app.core.create_watched_mark(admin_a, &RequestContext::cli(), org_a, &input).await.expect("watched mark").id
}

/// A new alert of A's: a stranger files A's watched mark under a fresh number, the watch runs.
async fn fresh_alert(app: &TestApp, world: &World) -> AlertId {
    use zhichan_domain::records::{Party, Record, Trademark};
    static NUMBER: AtomicU32 = AtomicU32::new(0);
    let number = format!("9710{:04}", NUMBER.fetch_add(1, Ordering::Relaxed));
    let mut filing = Trademark::new(serde_json::from_value(json!("US")).expect("office code"), number);
    filing.mark_text = Some(WATCHED_FORM.into());
    filing.owners = vec![Party { name: "Walk Copycat Trading".into(), ..Party::default() }];
    let records: [Record; 1] = [filing.into()];
    let import = app.core.store().start_import("walk alert", None, chrono::Utc::now()).await.expect("import");
    app.core.store().store_records(import, &records, chrono::Utc::now()).await.expect("filing");
    app.core.run_watch().await.expect("watch run");
    let mine = AlertQuery { watched_mark_id: Some(world.watched_a), ..AlertQuery::default() };
    let alerts = app.core.alerts(&world.admin_a, &mine, Page::first(1)).await.expect("A's alerts");
    alerts.alerts.first().expect("the filing raised an alert").id
}

/// A new consultation A asks, titled with A's secret name.
async fn fresh_case(app: &TestApp, world: &World) -> CaseId {
    let input = OpenCase {
        kind: "consultation".into(),
        title: format!("{SECRET_NAME}的海外商标问题"),
        summary: format!("联系 boss@{SECRET_DOMAIN}"),
        ..OpenCase::default()
    };
    let context = RequestContext::cli();
    let case = app.core.open_case(&world.admin_a, &context, input).await.expect("A's case");
    let file =
        app.core.files().expect("a file store").receive("walk.txt", futures_stream(EVIDENCE)).await.expect("stored");
    assert_eq!(file.sha256, EVIDENCE_SHA256, "the walk's document hash");
    app.core.add_case_evidence(&world.admin_a, &context, case.id, file, false).await.expect("A's document");
    case.id
}

/// `bytes` as a stream of one chunk, as an upload arrives.
fn futures_stream(bytes: &'static [u8]) -> impl futures_util::Stream<Item = Result<axum::body::Bytes, std::io::Error>> {
    futures_util::stream::iter([Ok(axum::body::Bytes::from_static(bytes))])
}

/// The directory's fixtures: a service provider with a profile, and an expert of it with a
/// profile and a tie declared to A (named as A is: B must never see it).
async fn directory_fixtures(app: &TestApp, admin: &Actor, org_a: OrgId) -> (Actor, OrgId) {
    let context = RequestContext::cli();
    let profile =
        zhichan_core::organisations::ProfileInput { name_zh: "走查专家服务团".into(), ..Default::default() };
    let panel = app.core.create_organisation(admin, OrgKind::ServiceProvider, &profile, &context).await.expect("panel");
    let member = zhichan_core::organisations::MemberInput {
        email: EXPERT_EMAIL.into(),
        display_name: "走查专家".into(),
        password: crate::app::PASSWORD.into(),
        roles: vec!["expert".into(), "mediator".into()],
    };
    let expert = Actor::new(app.core.add_member(admin, panel.id, &member, &context).await.expect("expert"));
    let fields = ExpertProfileInput {
        region: "macau".into(),
        fields: vec!["trademarks".into()],
        languages: vec!["portuguese".into()],
        bio: "走查".into(),
        accepting: true,
    };
    app.core.update_expert_profile(&expert, &context, expert.user_id(), &fields).await.expect("expert profile");
    let listing = ProviderProfileInput {
        kinds: vec!["law_firm".into()],
        offices: vec!["MO".into()],
        languages: vec!["portuguese".into()],
        regions: vec!["macau".into()],
        contact: "走查联系方式".into(),
    };
    app.core.update_provider_profile(admin, &context, panel.id, &listing).await.expect("provider profile");
    tie_to(app, &expert, org_a).await;
    (expert, panel.id)
}

/// A tie `expert` declares to A, by A's organisation and name.
async fn tie_to(app: &TestApp, expert: &Actor, org_a: OrgId) -> AffiliationId {
    let input = AffiliationInput {
        organisation_id: Some(org_a),
        party_name: SECRET_NAME.into(),
        tie: "adviser".into(),
        note: format!("顾问 · {SECRET_DOMAIN}"),
        ..AffiliationInput::default()
    };
    let context = RequestContext::cli();
    app.core.add_affiliation(expert, &context, expert.user_id(), &input).await.expect("tie to A").id
}

/// A public trademark and patent under [`RECORD_NUMBER`], so record routes answer with content.
async fn seed_records(app: &TestApp) {
    use zhichan_domain::records::{Patent, Record, Trademark};
    let office = || serde_json::from_value(json!("US")).expect("office code");
    let mut mark = Trademark::new(office(), RECORD_NUMBER);
    mark.mark_text = Some("WALKMARK".into());
    let patent = Patent::new(office(), RECORD_NUMBER);
    let records: [Record; 2] = [mark.into(), patent.into()];
    let import = app.core.store().start_import("walk", None, chrono::Utc::now()).await.expect("import");
    app.core.store().store_records(import, &records, chrono::Utc::now()).await.expect("records");
    app.core.catch_up_index().await.expect("indexed");
}
