//! The cross-organisation walk: every route in the route table, called by an enterprise
//! administrator of organisation B with the ids of organisation A's records, must answer 403 or
//! 404, change nothing of A's and show nothing of A's. The same call by A's own administrator
//! must succeed — proof that B was stopped by authorisation, not by a malformed request.
//! Signed-in routes called anonymously must ask for sign-in; public routes (registers, reference
//! data) must answer with their fixtures and still show nothing of A's. A route added to the table is
//! walked without anyone editing this file; one with a new path parameter or body makes this
//! test fail until it is given fixtures.

use std::sync::atomic::{AtomicU32, Ordering};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use zhichan_core::{Actor, RequestContext};
use zhichan_web::routes::{self, Access, Route};

use crate::app::{Backend, Browser, TestApp};

const SECRET_NAME: &str = "甲方机密电子有限公司";
const SECRET_DOMAIN: &str = "alpha-secret.example";
const RECORD_NUMBER: &str = "97000001";

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
    org_a: i64,
    admin_a: Actor,
}

async fn walk(app: TestApp) {
    let admin = app.admin().await;
    let (org_a, admin_a) = app.enterprise(&admin, SECRET_NAME, &format!("boss@{SECRET_DOMAIN}")).await;
    let (_, _) = app.enterprise(&admin, "乙方照明有限公司", "boss@beta.example").await;
    let world = World { org_a: org_a.id, admin_a };
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
        if has_params && route.access == Access::SignedIn {
            assert!(
                matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{} {} as B: {status}",
                route.method,
                route.path
            );
            // The same request from A succeeds, so B was refused for who they are.
            let a = app.signed_in(&format!("boss@{SECRET_DOMAIN}")).await;
            let status = call(&a, &route, &path).await.status();
            assert!(status.is_success() || status.is_redirection(), "{} {} as A: {status}", route.method, route.path);
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
            "office" => "US".to_owned(),
            "number" => RECORD_NUMBER.to_owned(),
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
    if route.path.starts_with("/api/") {
        let body: Option<Value> = match (route.method.as_str(), route.path) {
            ("POST", "/api/v1/organisations") => Some(json!({ "kind": "enterprise", "name_zh": "丙方新公司" })),
            ("PUT", "/api/v1/organisations/{org_id}") => Some(json!({ "name_zh": SECRET_NAME })),
            ("POST", "/api/v1/organisations/{org_id}/users") => Some(json!({
                "email": email, "display_name": "走查", "password": crate::app::PASSWORD, "roles": ["enterprise_member"],
            })),
            ("POST", "/api/v1/tokens") => Some(json!({ "name": "walk" })),
            ("POST", "/api/v1/saved-searches") => Some(json!({ "name": "walk", "query": "walkmark" })),
            ("DELETE", _) => None,
            (method, path) => panic!("the walk has no request body for {method} {path}: add one"),
        };
        return browser.api(route.method.clone(), path, body).await;
    }
    // Every UI form ignores fields it does not know, so one body fits all of them.
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
    json!({ "organisation": organisation, "members": members, "tokens": tokens, "saved": saved })
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
