//! The JSON API: tokens, errors with stable codes, paging, validation.

use reqwest::Method;
use serde_json::{Value, json};

use crate::app::TestApp;

async fn bearer(app: &TestApp, email: &str) -> (reqwest::Client, String) {
    let browser = app.signed_in(email).await;
    let created: Value =
        browser.api(Method::POST, "/api/v1/tokens", Some(json!({ "name": "tests" }))).await.json().await.unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();
    (crate::app::client_builder().build().unwrap(), secret)
}

#[tokio::test]
async fn bearer_tokens_authenticate_until_revoked() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.enterprise(&admin, "海鹰电子", "chen@haiying.example").await;
    let (client, secret) = bearer(&app, "chen@haiying.example").await;

    let me: Value = client.get(app.url("/api/v1/me")).bearer_auth(&secret).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["user"]["email"], "chen@haiying.example");
    assert_eq!(me["organisation"]["name_zh"], "海鹰电子");
    assert_eq!(me["organisation"]["export_markets"], json!(["US", "DE"]));

    // Token calls need no CSRF header: no browser sends a bearer token by itself.
    let tokens: Value =
        client.get(app.url("/api/v1/tokens")).bearer_auth(&secret).send().await.unwrap().json().await.unwrap();
    let id = tokens[0]["id"].as_i64().unwrap();
    assert!(tokens[0].get("secret").is_none() && tokens[0].get("token_hash").is_none(), "secrets are never listed");
    let revoked = client.delete(app.url(&format!("/api/v1/tokens/{id}"))).bearer_auth(&secret).send().await.unwrap();
    assert_eq!(revoked.status(), 200);

    let refused = client.get(app.url("/api/v1/me")).bearer_auth(&secret).send().await.unwrap();
    assert_eq!(refused.status(), 401);
    let error: Value = refused.json().await.unwrap();
    assert_eq!(error["code"], "unauthenticated");
}

#[tokio::test]
async fn cookie_sessions_need_the_csrf_header_to_change_data() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.enterprise(&admin, "海鹰电子", "chen@haiying.example").await;
    let browser = app.signed_in("chen@haiying.example").await;
    let forged = browser.client.post(app.url("/api/v1/tokens")).json(&json!({ "name": "x" })).send().await.unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(forged.json::<Value>().await.unwrap()["code"], "csrf_failed");
    let read = browser.get("/api/v1/me").await;
    assert_eq!(read.status(), 200, "reading needs no CSRF header");
}

#[tokio::test]
async fn errors_carry_stable_codes_and_fields() {
    let app = TestApp::spawn().await;
    app.admin().await;
    let browser = app.signed_in("root@centre.example").await;

    let bad_uscc = browser
        .api(
            Method::POST,
            "/api/v1/organisations",
            Some(json!({ "kind": "enterprise", "name_zh": "甲", "uscc": "914403001922038217" })),
        )
        .await;
    assert_eq!(bad_uscc.status(), 422);
    let error: Value = bad_uscc.json().await.unwrap();
    assert_eq!((error["code"].as_str(), error["field"].as_str()), (Some("invalid_input"), Some("uscc")));

    let created = browser
        .api(Method::POST, "/api/v1/organisations", Some(json!({ "kind": "enterprise", "name_zh": "甲", "uscc": "914403001922038216", "street": "沙井", "export_markets": ["us", "em"] })))
        .await;
    assert_eq!(created.status(), 201);
    let organisation: Value = created.json().await.unwrap();
    assert_eq!(organisation["street"], "shajing");
    assert_eq!(organisation["export_markets"], json!(["US", "EM"]));

    let duplicate = browser
        .api(
            Method::POST,
            "/api/v1/organisations",
            Some(json!({ "kind": "enterprise", "name_zh": "乙", "uscc": "914403001922038216" })),
        )
        .await;
    assert_eq!(duplicate.status(), 409);
    assert_eq!(duplicate.json::<Value>().await.unwrap()["code"], "already_exists");

    let malformed = browser
        .client
        .post(app.url("/api/v1/tokens"))
        .header("x-csrf-token", browser.csrf().await)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 422);
    assert_eq!(malformed.json::<Value>().await.unwrap()["code"], "invalid_json");

    let unknown = browser.get("/api/v1/organisations/not-a-number").await;
    assert_eq!(unknown.status(), 404);
    assert_eq!(unknown.json::<Value>().await.unwrap()["code"], "not_found");

    let cursor = browser.get("/api/v1/organisations?cursor=abc").await;
    assert_eq!(cursor.json::<Value>().await.unwrap()["code"], "invalid_cursor");
}

#[tokio::test]
async fn lists_page_with_cursors_and_the_audit_trail_records_changes() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for i in 0..5 {
        app.enterprise(&admin, &format!("企业{i}"), &format!("boss{i}@e{i}.example")).await;
    }
    let browser = app.signed_in("root@centre.example").await;
    let first: Value = browser.get("/api/v1/organisations?kind=enterprise&limit=3").await.json().await.unwrap();
    assert_eq!(first["items"].as_array().unwrap().len(), 3);
    let cursor = first["next_cursor"].as_str().unwrap();
    let rest: Value = browser
        .get(&format!("/api/v1/organisations?kind=enterprise&limit=3&cursor={cursor}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rest["items"].as_array().unwrap().len(), 2);
    assert!(rest.get("next_cursor").is_none());

    let org_id = first["items"][0]["id"].as_i64().unwrap();
    let updated = browser
        .api(
            Method::PUT,
            &format!("/api/v1/organisations/{org_id}"),
            Some(json!({ "name_zh": "企业零（更名）", "street": "fuyong" })),
        )
        .await;
    assert_eq!(updated.status(), 200);
    let trail: Value = browser
        .get(&format!("/api/v1/audit?organisation_id={org_id}&action=organisation.update"))
        .await
        .json()
        .await
        .unwrap();
    let entry = &trail["items"][0];
    assert_eq!(entry["action"], "organisation.update");
    assert_eq!(entry["actor_user_id"], admin.user_id().get());
    assert_eq!(entry["ip"], "127.0.0.1");
    assert_eq!(entry["detail"]["before"]["name_zh"], "企业0");
    assert_eq!(entry["detail"]["after"]["name_zh"], "企业零（更名）");

    // An enterprise administrator reads only their own organisation's entries.
    let boss = app.signed_in("boss1@e1.example").await;
    let own: Value = boss.get(&format!("/api/v1/audit?organisation_id={org_id}")).await.json().await.unwrap();
    assert!(own["items"].as_array().unwrap().iter().all(|e| e["organisation_id"] != org_id));
}

#[tokio::test]
async fn probes_answer() {
    let app = TestApp::spawn().await;
    let client = crate::app::client_builder().build().unwrap();
    assert_eq!(client.get(app.url("/healthz")).send().await.unwrap().text().await.unwrap(), "ok");
    assert_eq!(client.get(app.url("/readyz")).send().await.unwrap().status(), 200);
    let streets: Value = client.get(app.url("/api/v1/reference/streets")).send().await.unwrap().json().await.unwrap();
    assert_eq!(streets.as_array().unwrap().len(), 10);
    assert_eq!(streets[1]["name_zh_hant"], "西鄉");
}

#[tokio::test]
async fn bodies_beyond_two_mebibytes_are_refused_on_routes_that_take_no_uploads() {
    let app = TestApp::spawn().await;
    let client = crate::app::client_builder().build().unwrap();
    let huge = format!("email=a%40b.example&password={}", "x".repeat(3 * 1024 * 1024));
    let response = client
        .post(app.url("/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
}
