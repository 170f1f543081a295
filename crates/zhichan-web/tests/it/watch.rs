//! The watch over HTTP: an enterprise sets up its watch through the API and the pages, an import
//! brings a copy of its mark filed by its own distributor, and the alert is listed, explained,
//! reviewed, noted and assigned — by the right people only.

use chrono::{Days, NaiveDate, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use zhichan_core::Actor;
use zhichan_core::import::{ImportOptions, Quiet};
use zhichan_core::organisations::MemberInput;
use zhichan_domain::records::{ClassEntry, MarkStatus, Party, Record, Trademark};
use zhichan_domain::{NiceClass, OfficeCode, OrgId};

use crate::app::{Backend, Browser, PASSWORD, TestApp};

pub const OWNER: &str = "boss@haixin.example";
pub const RIVAL: &str = "boss@rival.example";
pub const STAFF: &str = "staff@centre.example";
pub const COPY_NUMBER: &str = "3020260123456";

fn days_ago(days: u64) -> NaiveDate {
    Utc::now().date_naive() - Days::new(days)
}

/// A trademark filing of `text` in class 9 by `owner`, registered 20 days ago.
pub fn filing(office: &str, number: &str, text: &str, owner: &str) -> Trademark {
    let mut mark = Trademark::new(OfficeCode::parse(office).unwrap(), number);
    mark.mark_text = Some(text.into());
    mark.classes = vec![ClassEntry::new(NiceClass::new(9).unwrap())];
    mark.owners = vec![Party { name: owner.into(), ..Party::default() }];
    mark.dates.filing = Some(days_ago(90));
    mark.dates.registration = Some(days_ago(20));
    mark.status.stage = MarkStatus::Registered;
    mark
}

/// Imports `marks` as JSON Lines through the use case, which runs the watch.
pub async fn import(app: &TestApp, marks: &[Trademark]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("filings.jsonl");
    let lines: Vec<String> = marks.iter().map(|m| serde_json::to_string(&Record::from(m.clone())).unwrap()).collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    app.core.import(None, &[path], &ImportOptions::default(), &Quiet).await.unwrap();
}

/// An administrator, centre staff, the watching enterprise and a rival enterprise.
pub struct World {
    pub org: OrgId,
    pub rival_org: OrgId,
    pub staff: Actor,
}

pub async fn world(app: &TestApp) -> World {
    let admin = app.admin().await;
    let (org, _) = app.enterprise(&admin, "海信电子有限公司", OWNER).await;
    let (rival, _) = app.enterprise(&admin, "对手照明有限公司", RIVAL).await;
    let member = MemberInput {
        email: STAFF.into(),
        display_name: "中心小王".into(),
        password: PASSWORD.into(),
        roles: vec!["staff".into()],
    };
    let context = zhichan_core::RequestContext::cli();
    let staff = Actor::new(app.core.add_member(&admin, admin.organisation_id(), &member, &context).await.unwrap());
    World { org: org.id, rival_org: rival.id, staff }
}

pub async fn json_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn codes(entries: &Value) -> Vec<&str> {
    entries.as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn the_api_takes_a_watched_mark_to_a_reviewed_assigned_alert_sqlite() {
    api_round_trip(TestApp::spawn().await).await;
}

#[tokio::test]
async fn the_api_takes_a_watched_mark_to_a_reviewed_assigned_alert_postgres() {
    if let Some(app) = TestApp::spawn_on(Backend::Postgres).await {
        api_round_trip(app).await;
    }
}

async fn api_round_trip(app: TestApp) {
    let world = world(&app).await;
    let owner = app.signed_in(OWNER).await;

    let body =
        json!({ "label": "海信", "forms": ["海信", "HISENSE", " HISENSE "], "classes": [9, 7], "offices": ["br"] });
    let (status, mark) = json_of(owner.api(Method::POST, "/api/v1/watch/marks", Some(body)).await).await;
    assert_eq!(status, 201, "{mark}");
    assert_eq!(
        (mark["organisation_id"].as_i64(), &mark["forms"]),
        (Some(world.org.get()), &json!(["海信", "HISENSE"]))
    );
    assert_eq!((&mark["classes"], &mark["offices"]), (&json!([7, 9]), &json!(["BR"])));
    let mark_path = format!("/api/v1/watch/marks/{}", mark["id"]);
    let renamed = json!({ "label": "海信 Hisense", "forms": ["海信", "HISENSE"], "classes": [9] });
    let (status, renamed) = json_of(owner.api(Method::PUT, &mark_path, Some(renamed)).await).await;
    assert_eq!((status.as_u16(), renamed["label"].as_str()), (200, Some("海信 Hisense")));
    let (_, listed) = json_of(owner.get("/api/v1/watch/marks").await).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let (status, refused) =
        json_of(owner.api(Method::POST, "/api/v1/watch/marks", Some(json!({ "label": "x", "forms": [] }))).await).await;
    assert_eq!((status.as_u16(), refused["field"].as_str()), (422, Some("forms")));

    let distributor = json!({ "name": "Müller Elektro GmbH", "relation": "distributor" });
    let (status, party) = json_of(owner.api(Method::POST, "/api/v1/watch/parties", Some(distributor)).await).await;
    assert_eq!((status.as_u16(), party["relation"].as_str()), (201, Some("distributor")));
    let (status, bad_query) = json_of(
        owner.api(Method::POST, "/api/v1/watch/patents", Some(json!({ "label": "对手", "query": "ti:(" }))).await,
    )
    .await;
    assert_eq!((status.as_u16(), bad_query["code"].as_str()), (400, Some("query_syntax")));
    let rival_patents = json!({ "label": "对手", "query": "applicant:rival AND ipc:H04W*" });
    let (status, _) = json_of(owner.api(Method::POST, "/api/v1/watch/patents", Some(rival_patents)).await).await;
    assert_eq!(status, 201);

    import(&app, &[filing("DE", COPY_NUMBER, "HISENSE", "MÜLLER ELEKTRO GMBH")]).await;

    let (status, alerts) = json_of(owner.get("/api/v1/alerts").await).await;
    assert_eq!(status, 200, "{alerts}");
    let alert = &alerts["items"][0];
    assert_eq!((alert["office"].as_str(), alert["number"].as_str()), (Some("DE"), Some(COPY_NUMBER)));
    assert_eq!((alert["risk"].as_str(), alert["status"].as_str()), (Some("high"), Some("new")));
    assert!(codes(&alert["reasons"]).contains(&"identical"), "{}", alert["reasons"]);
    assert!(codes(&alert["reasons"]).contains(&"opposition_deadline"));
    assert!(codes(&alert["signals"]).contains(&"declared_party"), "{}", alert["signals"]);
    assert!(alert["opposition_deadline"].as_str().is_some_and(|d| d > Utc::now().date_naive().to_string().as_str()));
    assert_eq!(
        (&alert["next_statuses"], alert["url"].as_str()),
        (&json!(["reviewed"]), Some("/trademarks/DE/3020260123456"))
    );
    assert!(alerts.get("next_cursor").is_none());
    let alert_path = format!("/api/v1/alerts/{}", alert["id"]);

    let (_, none) = json_of(owner.get("/api/v1/alerts?status=dismissed").await).await;
    assert_eq!(none["items"], json!([]));
    let (status, bad) = json_of(owner.get("/api/v1/alerts?risk=extreme").await).await;
    assert_eq!((status.as_u16(), bad["field"].as_str()), (422, Some("risk")));

    let skip = json!({ "status": "dismissed" });
    let (status, refused) = json_of(owner.api(Method::POST, &format!("{alert_path}/status"), Some(skip)).await).await;
    assert_eq!((status.as_u16(), refused["field"].as_str()), (422, Some("status")));
    let review = json!({ "status": "reviewed", "note": "our German agent will look" });
    let (status, reviewed) =
        json_of(owner.api(Method::POST, &format!("{alert_path}/status"), Some(review)).await).await;
    assert_eq!((status.as_u16(), reviewed["status"].as_str()), (200, Some("reviewed")));
    assert_eq!(reviewed["next_statuses"], json!(["dismissed", "escalated"]));
    let note = json!({ "text": "distributor contract checked" });
    let (_, noted) = json_of(owner.api(Method::POST, &format!("{alert_path}/notes"), Some(note)).await).await;
    assert_eq!(noted["notes"].as_array().unwrap().len(), 2);

    let assignee = json!({ "user_id": world.staff.user_id() });
    let assign_path = format!("{alert_path}/assignee");
    let (status, _) = json_of(owner.api(Method::PUT, &assign_path, Some(assignee.clone())).await).await;
    assert_eq!(status, 403, "enterprises do not assign centre staff");
    let staff = app.signed_in(STAFF).await;
    let (status, assigned) = json_of(staff.api(Method::PUT, &assign_path, Some(assignee)).await).await;
    assert_eq!((status.as_u16(), assigned["assignee_user_id"].as_i64()), (200, Some(world.staff.user_id().get())));
    let owner_id = json!({ "user_id": reviewed["notes"][0]["author_user_id"] });
    let (status, _) = json_of(staff.api(Method::PUT, &assign_path, Some(owner_id)).await).await;
    assert_eq!(status, 422, "only centre staff take alerts");

    let (status, due) = json_of(owner.get("/api/v1/watch/deadlines?within_days=365").await).await;
    assert_eq!(status, 200, "{due}");
    assert_eq!((due[0]["kind"].as_str(), due[0]["alert_id"].as_i64()), (Some("oppose_filing"), alert["id"].as_i64()));
    let (status, missing) = json_of(staff.get("/api/v1/watch/deadlines").await).await;
    assert_eq!(
        (status.as_u16(), missing["field"].as_str()),
        (422, Some("organisation_id")),
        "staff name the organisation"
    );
    let (status, _) = json_of(staff.get(&format!("/api/v1/watch/deadlines?organisation_id={}", world.org)).await).await;
    assert_eq!(status, 200);

    let (status, all) = json_of(staff.get("/api/v1/alerts?limit=1").await).await;
    assert_eq!((status.as_u16(), all["items"].as_array().unwrap().len()), (200, 1));
    let party_path = format!("/api/v1/watch/parties/{}", party["id"]);
    assert_eq!(owner.api(Method::DELETE, &party_path, None).await.status(), 204);
    assert_eq!(owner.get(&party_path).await.status(), 404);
    assert_eq!(owner.api(Method::DELETE, &mark_path, None).await.status(), 204);
    assert_eq!(owner.get(&alert_path).await.status(), 404, "a mark's alerts go with it");
}

#[tokio::test]
async fn another_organisation_gets_404_on_every_watch_and_alert_route() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = app.signed_in(OWNER).await;
    let (ids, alert_id) = arrange_watch(&app, &owner).await;
    let rival = app.signed_in(RIVAL).await;

    let paths: Vec<String> = ids.iter().map(|(area, id)| format!("/api/v1/watch/{area}/{id}")).collect();
    for path in &paths {
        assert_eq!(rival.get(path).await.status(), 404, "GET {path}");
        assert_eq!(rival.api(Method::DELETE, path, None).await.status(), 404, "DELETE {path}");
    }
    let bodies = [
        json!({ "label": "偷看", "forms": ["HISENSE"] }),
        json!({ "name": "偷看", "relation": "agent" }),
        json!({ "label": "偷看", "query": "hisense" }),
    ];
    for (path, body) in paths.iter().zip(bodies) {
        assert_eq!(rival.api(Method::PUT, path, Some(body)).await.status(), 404, "PUT {path}");
    }
    let alert_path = format!("/api/v1/alerts/{alert_id}");
    assert_eq!(rival.get(&alert_path).await.status(), 404, "GET {alert_path}");
    let writes = [
        (Method::POST, "status", json!({ "status": "reviewed" })),
        (Method::POST, "notes", json!({ "text": "偷看" })),
        (Method::PUT, "assignee", json!({ "user_id": null })),
    ];
    for (method, action, body) in writes {
        let status = rival.api(method.clone(), &format!("{alert_path}/{action}"), Some(body)).await.status();
        assert_eq!(status, 404, "{method} {action}");
    }
    let org = world.org;
    for listing in ["watch/marks", "watch/parties", "watch/patents", "alerts", "watch/deadlines"] {
        let status = rival.get(&format!("/api/v1/{listing}?organisation_id={org}")).await.status();
        assert_eq!(status, 404, "{listing} of another organisation");
    }
    let (_, own) = json_of(rival.get("/api/v1/alerts").await).await;
    assert_eq!(own["items"], json!([]), "the rival's own inbox is empty");

    for page in [
        format!("/alerts/{alert_id}"),
        format!("/watch?organisation_id={org}"),
        format!("/alerts?organisation_id={org}"),
    ] {
        assert_eq!(rival.get(&page).await.status(), 404, "{page}");
    }
    let (mark_id, party_id, patent_id) = (ids[0].1, ids[1].1, ids[2].1);
    let forms = [
        format!("/watch/marks/{mark_id}"),
        format!("/watch/marks/{mark_id}/delete"),
        format!("/watch/parties/{party_id}"),
        format!("/watch/parties/{party_id}/delete"),
        format!("/watch/patents/{patent_id}"),
        format!("/watch/patents/{patent_id}/delete"),
        format!("/alerts/{alert_id}/status"),
        format!("/alerts/{alert_id}/notes"),
        format!("/alerts/{alert_id}/assignee"),
    ];
    let fields = [
        ("label", "偷看"),
        ("forms", "HISENSE"),
        ("name", "偷看"),
        ("relation", "agent"),
        ("query", "hisense"),
        ("status", "reviewed"),
        ("text", "偷看"),
    ];
    for form in &forms {
        assert_eq!(rival.form(form, &fields).await.status(), 404, "POST {form}");
    }
    let unchanged = app.core.alert(&world.staff, alert_id.into()).await.unwrap();
    assert!(unchanged.notes.is_empty() && unchanged.status.code() == "new");
    assert!(world.rival_org != world.org);
}

/// The owner's watched mark, party and patent watch (as `(area, id)`), and the alert raised by
/// an imported copy of the mark.
async fn arrange_watch(app: &TestApp, owner: &Browser) -> ([(&'static str, i64); 3], i64) {
    let created = [
        ("marks", json!({ "label": "海信", "forms": ["海信", "HISENSE"], "classes": [9] })),
        ("parties", json!({ "name": "Müller Elektro GmbH", "relation": "distributor" })),
        ("patents", json!({ "label": "无线", "query": "ipc:H04W*" })),
    ];
    let mut ids = [("", 0); 3];
    for (slot, (area, body)) in ids.iter_mut().zip(created) {
        let (status, entry) =
            json_of(owner.api(Method::POST, &format!("/api/v1/watch/{area}"), Some(body)).await).await;
        assert_eq!(status, 201, "{entry}");
        *slot = (area, entry["id"].as_i64().unwrap());
    }
    import(app, &[filing("DE", COPY_NUMBER, "HISENSE", "MÜLLER ELEKTRO GMBH")]).await;
    let (_, alerts) = json_of(owner.get("/api/v1/alerts").await).await;
    (ids, alerts["items"][0]["id"].as_i64().expect("an alert was raised"))
}

#[tokio::test]
async fn the_pages_set_up_the_watch_and_review_its_alerts() {
    let app = TestApp::spawn().await;
    let world = world(&app).await;
    let owner = app.signed_in(OWNER).await;

    // Set up through the forms; a refused form comes back with what was wrong.
    let added = owner
        .form("/watch/marks", &[("label", "海信"), ("forms", "海信\r\nHISENSE"), ("classes", "9, 11"), ("offices", "")])
        .await;
    assert_eq!(
        (added.status().as_u16(), added.headers()["location"].to_str().unwrap()),
        (303, format!("/watch?organisation_id={}&saved=1", world.org).as_str())
    );
    let refused = owner.form("/watch/marks", &[("label", "海信"), ("forms", "HISENSE"), ("classes", "nine")]).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("classes") && html.contains("未能保存"), "the problem is shown");
    assert!(html.contains(r#"value="nine""#), "what was sent is kept");
    let bad_query = owner.form("/watch/patents", &[("label", "对手"), ("query", "ti:(")]).await;
    assert_eq!(bad_query.status(), 422);
    assert_eq!(
        owner.form("/watch/parties", &[("name", "Müller Elektro GmbH"), ("relation", "distributor")]).await.status(),
        303
    );
    assert_eq!(owner.form("/watch/patents", &[("label", "无线"), ("query", "ipc:H04W*")]).await.status(), 303);
    let setup = owner.get("/watch").await.text().await.unwrap();
    assert!(setup.contains("HISENSE") && setup.contains("9, 11") && setup.contains("Müller Elektro GmbH"));
    assert!(setup.contains("/search?q=ipc%3AH04W*"), "patent watches link to their search");

    // Forms need the CSRF token.
    let forged =
        owner.client.post(app.url("/watch/marks")).form(&[("label", "x"), ("forms", "FORGED")]).send().await.unwrap();
    assert_eq!(forged.status(), 403);

    import(&app, &[filing("DE", COPY_NUMBER, "HISENSE", "MÜLLER ELEKTRO GMBH")]).await;

    let inbox = owner.get("/alerts").await.text().await.unwrap();
    assert!(inbox.contains(r#"data-testid="alert-row""#) && inbox.contains("risk-high"));
    assert!(inbox.contains("/trademarks/DE/3020260123456") && inbox.contains("MÜLLER ELEKTRO GMBH"));
    assert!(inbox.contains("天后截止"), "the deadline shows the days left");
    assert!(inbox.contains(r#"<span class="badge""#), "the navigation counts new alerts");
    let alert_id =
        app.core.alerts(&world.staff, &Default::default(), zhichan_domain::Page::first(1)).await.unwrap().alerts[0].id;
    let filtered = owner.get("/alerts?status=dismissed&risk=&kind=trademark&office=&watched_mark_id=").await;
    assert!(filtered.text().await.unwrap().contains(r#"data-testid="no-alerts""#));

    let detail = owner.get(&format!("/alerts/{alert_id}")).await.text().await.unwrap();
    assert!(detail.contains(r#"data-testid="watched""#) && detail.contains(r#"data-testid="filing""#));
    assert!(detail.contains("海信") && detail.contains("9, 11"), "the watched mark with its forms and classes");
    assert!(detail.contains("HISENSE") && detail.contains(COPY_NUMBER), "the filing");
    assert!(detail.contains("规范化后相同：HISENSE"), "every reason is explained in the page's language");
    assert!(!detail.contains("identical after normalisation"), "not in the watch's stored English");
    assert!(detail.contains("关联方申请") && detail.contains("异议截止日"));
    assert!(detail.contains(r#"data-testid="to-reviewed""#) && !detail.contains(r#"name="user_id""#));

    let moved =
        owner.form(&format!("/alerts/{alert_id}/status"), &[("status", "reviewed"), ("note", "请代理人查看")]).await;
    assert_eq!(moved.status(), 303);
    let skipped = owner.form(&format!("/alerts/{alert_id}/status"), &[("status", "reviewed")]).await;
    assert_eq!(skipped.status(), 422, "a step not allowed any more is shown on the page");
    assert_eq!(owner.form(&format!("/alerts/{alert_id}/notes"), &[("text", "合同已核对")]).await.status(), 303);
    let detail = owner.get(&format!("/alerts/{alert_id}?saved=1")).await.text().await.unwrap();
    assert!(detail.contains("请代理人查看") && detail.contains("合同已核对") && detail.contains("已审阅"));
    assert!(detail.contains(r#"data-testid="escalate""#), "escalation opens a case (tests/it/cases.rs)");

    // Centre staff pick the organisation and assign the alert.
    let staff = app.signed_in(STAFF).await;
    let picker = staff.get("/watch").await.text().await.unwrap();
    assert!(picker.contains(r#"data-testid="org-picker""#) && picker.contains("海信电子有限公司"));
    let staff_detail = staff.get(&format!("/alerts/{alert_id}")).await.text().await.unwrap();
    assert!(staff_detail.contains(r#"name="user_id""#) && staff_detail.contains("中心小王"));
    let user_id = world.staff.user_id().to_string();
    assert_eq!(staff.form(&format!("/alerts/{alert_id}/assignee"), &[("user_id", &user_id)]).await.status(), 303);
    assert_eq!(app.core.alert(&world.staff, alert_id).await.unwrap().assignee_user_id, Some(world.staff.user_id()));

    let calendar = owner.get("/watch/deadlines?within_days=365").await.text().await.unwrap();
    assert!(calendar.contains(r#"data-testid="deadline""#) && calendar.contains(&format!("/alerts/{alert_id}")));
    assert!(calendar.contains("提出异议截止"));

    assert_eq!(app.browser().get("/alerts").await.status(), 303, "anonymous visitors are asked to sign in");
}
