//! Webhooks and notifications over HTTP: an enterprise registers a webhook (its secret shown once),
//! an import raises an alert, the alert's page lists the delivery to the webhook — here a closed
//! port, so the delivery waits for another attempt with the error — and the navigation counts
//! the new alert. Other organisations neither see nor remove the webhook.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::app::{Backend, TestApp};
use crate::watch::{COPY_NUMBER, OWNER, RIVAL, STAFF, filing, import, json_of, world};

const HOOKS: &str = "/api/v1/watch/webhooks";

#[tokio::test]
async fn webhook_secrets_are_shown_once_and_only_to_their_organisation_sqlite() {
    webhook_api(TestApp::spawn().await).await;
}

#[tokio::test]
async fn webhook_secrets_are_shown_once_and_only_to_their_organisation_postgres() {
    if let Some(app) = TestApp::spawn_on(Backend::Postgres).await {
        webhook_api(app).await;
    }
}

async fn webhook_api(app: TestApp) {
    let world = world(&app).await;
    let owner = app.signed_in(OWNER).await;

    let body = json!({ "url": " https://erp.haixin.example/hooks/zhichan " });
    let (status, created) = json_of(owner.api(Method::POST, HOOKS, Some(body)).await).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(
        (created["organisation_id"].as_i64(), created["url"].as_str()),
        (Some(world.org.get()), Some("https://erp.haixin.example/hooks/zhichan"))
    );
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.len() >= 32 && created["created_by"].is_i64(), "{created}");

    let listed = owner.get(HOOKS).await.text().await.unwrap();
    let items: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 1);
    assert_eq!(items[0]["id"], created["id"]);
    assert!(items[0].get("secret").is_none() && !listed.contains(&secret), "the secret is never listed");

    for url in ["ftp://erp.haixin.example/hooks", "erp.haixin.example", "https://"] {
        let (status, refused) = json_of(owner.api(Method::POST, HOOKS, Some(json!({ "url": url }))).await).await;
        assert_eq!(
            (status.as_u16(), refused["code"].as_str(), refused["field"].as_str()),
            (422, Some("invalid_input"), Some("url")),
            "{url}"
        );
    }

    let staff = app.signed_in(STAFF).await;
    let (status, missing) =
        json_of(staff.api(Method::POST, HOOKS, Some(json!({ "url": "https://x.example" }))).await).await;
    assert_eq!((status.as_u16(), missing["field"].as_str()), (422, Some("organisation_id")), "staff name one");
    let (_, seen) = json_of(staff.get(&format!("{HOOKS}?organisation_id={}", world.org)).await).await;
    assert_eq!(seen.as_array().unwrap().len(), 1, "staff see the enterprise's webhooks");

    let rival = app.signed_in(RIVAL).await;
    let hook_path = format!("{HOOKS}/{}", created["id"]);
    assert_eq!(rival.api(Method::DELETE, &hook_path, None).await.status(), 404);
    let (_, own) = json_of(rival.get(HOOKS).await).await;
    assert_eq!(own, json!([]), "the rival sees only its own (none)");
    assert_eq!(rival.get(&format!("{HOOKS}?organisation_id={}", world.org)).await.status(), 404);
    let elsewhere = json!({ "organisation_id": world.org, "url": "https://rival.example/steal" });
    assert_eq!(rival.api(Method::POST, HOOKS, Some(elsewhere)).await.status(), 404);
    assert_ne!(world.rival_org, world.org);

    assert_eq!(owner.api(Method::DELETE, &hook_path, None).await.status(), 204);
    assert_eq!(owner.api(Method::DELETE, &hook_path, None).await.status(), 404);
    let (_, left) = json_of(owner.get(HOOKS).await).await;
    assert_eq!(left, json!([]));
}

/// An address nothing listens on: a port the system just handed out and took back.
async fn closed_port_url() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/hooks/zhichan")
}

/// The text of the first `<code>` after `marker`.
fn code_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let rest = &html[html.find(marker).expect("marker shown")..];
    let start = rest.find("<code>").expect("a code element") + "<code>".len();
    &rest[start..start + rest[start..].find("</code>").unwrap()]
}

#[tokio::test]
async fn the_pages_add_a_webhook_and_show_an_alerts_notifications() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = app.signed_in(OWNER).await;
    let mark = json!({ "label": "海信", "forms": ["海信", "HISENSE"], "classes": [9] });
    assert_eq!(owner.api(Method::POST, "/api/v1/watch/marks", Some(mark)).await.status(), 201);

    let setup = owner.get("/watch").await.text().await.unwrap();
    assert!(setup.contains(r#"action="/watch/webhooks""#) && !setup.contains(r#"<span class="badge""#));

    let refused = owner.form("/watch/webhooks", &[("url", "ftp://erp.haixin.example")]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains(r#"data-testid="form-problem""#) && html.contains("url: "), "the problem is shown");
    assert!(html.contains(r#"value="ftp://erp.haixin.example""#), "what was sent is kept");

    let url = closed_port_url().await;
    let added = owner.form("/watch/webhooks", &[("url", &url)]).await;
    assert_eq!(added.status(), 200, "the answer itself shows the secret");
    let html = added.text().await.unwrap();
    let secret = code_after(&html, r#"data-testid="webhook-secret""#).to_owned();
    assert!(secret.len() >= 32 && html.contains("docs/WATCH.md") && html.contains("X-Zhichan-Signature"));
    let setup = owner.get("/watch").await.text().await.unwrap();
    assert!(setup.contains(r#"data-testid="webhook""#) && setup.contains(&url));
    assert!(!setup.contains(&secret) && !setup.contains(r#"data-testid="webhook-secret""#), "shown once only");
    let forged = owner.client.post(app.url("/watch/webhooks")).form(&[("url", "https://x.example")]).send().await;
    assert_eq!(forged.unwrap().status(), 403, "the form needs the CSRF token");

    import(&app, &[filing("DE", COPY_NUMBER, "HISENSE", "MÜLLER ELEKTRO GMBH")]).await;
    let alerts = app.core.alerts(&world.staff, &Default::default(), zhichan_domain::Page::first(1)).await.unwrap();
    let alert_id = alerts.alerts[0].id;

    let (status, deliveries) = json_of(owner.get(&format!("/api/v1/alerts/{alert_id}/deliveries")).await).await;
    assert_eq!(status, 200, "{deliveries}");
    let delivery = &deliveries[0];
    assert_eq!(
        (delivery["channel"].as_str(), delivery["status"].as_str(), delivery["attempts"].as_u64()),
        (Some("webhook"), Some("pending"), Some(1)),
        "{deliveries}"
    );
    assert!(delivery["webhook_id"].is_i64() && delivery["last_error"].is_string() && delivery["address"].is_null());

    let detail = owner.get(&format!("/alerts/{alert_id}")).await.text().await.unwrap();
    assert!(detail.contains(r#"data-testid="deliveries""#) && detail.contains(r#"data-testid="delivery""#));
    assert!(detail.contains(&url) && detail.contains("待发送") && detail.contains("下次："), "recipient and state");
    assert!(detail.contains(r#"<span class="badge" title="新预警">1</span>"#), "the navigation counts the new alert");

    let rival = app.signed_in(RIVAL).await;
    assert_eq!(rival.get(&format!("/api/v1/alerts/{alert_id}/deliveries")).await.status(), 404);
    let webhook_id = delivery["webhook_id"].as_i64().unwrap();
    let delete = format!("/watch/webhooks/{webhook_id}/delete");
    assert_eq!(rival.form(&delete, &[]).await.status(), 404, "another organisation cannot remove it");
    let removed = owner.form(&delete, &[("organisation_id", &world.org.to_string())]).await;
    assert_eq!(
        (removed.status().as_u16(), removed.headers()["location"].to_str().unwrap()),
        (303, format!("/watch?organisation_id={}&saved=1", world.org).as_str())
    );
    assert!(!owner.get("/watch").await.text().await.unwrap().contains(&url));
}
