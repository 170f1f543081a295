//! The case pages: a mediation asked for and worked through the forms by each person in turn,
//! what a party sees (never internal notes) and what a stranger gets (404), the forms' CSRF
//! check, each person's home as a work queue, and escalation from the alert page.

use reqwest::Method;
use serde_json::json;
use zhichan_core::organisations::{MemberInput, ProfileInput};
use zhichan_core::{Actor, RequestContext};
use zhichan_domain::{OrgKind, UserId};

use crate::app::{Browser, PASSWORD, TestApp};
use crate::watch::{filing, import, json_of};

const OWNER: &str = "ip@haiying.example";
const STRANGER: &str = "boss@yuanfang.example";
const STAFF: &str = "staff@centre.example";
const MEDIATOR: &str = "wong@mediators.example";

/// The people of the case pages' world.
struct People {
    mediator: UserId,
}

async fn member(
    app: &TestApp,
    admin: &Actor,
    organisation: zhichan_domain::OrgId,
    email: &str,
    name: &str,
    role: &str,
) -> UserId {
    let input = MemberInput {
        email: email.into(),
        display_name: name.into(),
        password: PASSWORD.into(),
        roles: vec![role.into()],
    };
    app.core.add_member(admin, organisation, &input, &RequestContext::cli()).await.unwrap().id
}

async fn people(app: &TestApp) -> People {
    let admin = app.admin().await;
    app.enterprise(&admin, "深圳市海鹰电子有限公司", OWNER).await;
    app.enterprise(&admin, "远方科技有限公司", STRANGER).await;
    member(app, &admin, admin.organisation_id(), STAFF, "林晓", "staff").await;
    let panel = ProfileInput { name_zh: "粤港澳知识产权调解中心".into(), ..ProfileInput::default() };
    let context = RequestContext::cli();
    let panel = app.core.create_organisation(&admin, OrgKind::ServiceProvider, &panel, &context).await.unwrap();
    People { mediator: member(app, &admin, panel.id, MEDIATOR, "黄嘉慧", "mediator").await }
}

/// The case id a form's redirect leads to (`/cases/{id}?saved=1`).
fn case_of(response: &reqwest::Response) -> String {
    assert_eq!(response.status(), 303, "the form was refused");
    let location = response.headers()["location"].to_str().unwrap();
    let id = location.strip_prefix("/cases/").and_then(|rest| rest.strip_suffix("?saved=1"));
    id.unwrap_or_else(|| panic!("not a case: {location}")).to_owned()
}

async fn page(browser: &Browser, path: &str) -> (u16, String) {
    let response = browser.get(path).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// `owner` asks for a mediation against a Hong Kong company through the form.
async fn apply_for_mediation(owner: &Browser) -> String {
    let sent = owner
        .form(
            "/cases",
            &[
                ("kind", "mediation"),
                ("title", "前经销商在香港抢注 HAIYING"),
                ("summary", "港通贸易在香港以自己的名义申请注册了我司的 HAIYING 商标。"),
                ("respondent_name", "港通贸易（香港）有限公司"),
                ("respondent_region", "hong_kong"),
                ("language", "cantonese"),
                ("technical_field", ""),
            ],
        )
        .await;
    case_of(&sent)
}

async fn step(browser: &Browser, case: &str, to: &str) -> reqwest::Response {
    browser.form(&format!("/cases/{case}/transitions"), &[("to", to), ("reason", "")]).await
}

#[tokio::test]
async fn a_mediation_is_asked_for_and_worked_through_the_forms() {
    let app = TestApp::spawn().await;
    let people = people(&app).await;
    let owner = app.signed_in(OWNER).await;
    let staff = app.signed_in(STAFF).await;
    let mediator = app.signed_in(MEDIATOR).await;

    let (status, form) = page(&owner, "/cases/new").await;
    assert_eq!(status, 200);
    assert!(
        form.contains("跨境调解") && !form.contains(r#"value="technical_investigation""#),
        "enterprises ask for their services only"
    );
    let refused = owner.form("/cases", &[("kind", "mediation"), ("title", "t"), ("summary", "s")]).await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(refused.contains("输入有误") && refused.contains("名称"), "the missing other party is named in words");

    let case = apply_for_mediation(&owner).await;
    let path = format!("/cases/{case}");
    let (status, applied) = page(&owner, &path).await;
    assert_eq!(status, 200);
    assert!(applied.contains("MED-") && applied.contains("已申请"), "reference and state");
    assert!(applied.contains("等待对方当事人答复是否同意调解"), "what happens next");
    assert!(applied.contains("记录完整：1 条记录均已核验"), "integrity line");
    assert!(
        applied.contains("港通贸易（香港）有限公司") && applied.contains("（香港）"),
        "the other party and its region"
    );
    assert!(!applied.contains("data-testid=\"to-accepted\""), "an applicant does not accept its own application");

    assert!(page(&staff, "/cases").await.1.contains(&format!("/cases/{case}")), "the centre lists it");
    assert_eq!(step(&staff, &case, "accepted").await.status(), 303, "the centre records the acceptance");
    let (_, accepted) = page(&owner, &path).await;
    assert!(accepted.contains("30 天目标：第 1 天（共 30 天）"), "the 30-day clock");
    assert!(!accepted.contains(r#"data-testid="appoint""#), "parties do not appoint");
    let (_, to_appoint) = page(&staff, &path).await;
    assert!(to_appoint.contains("黄嘉慧"), "the mediators are offered");
    let link =
        to_appoint.split(r#"data-testid="match-candidates""#).next().and_then(|before| before.rsplit("href=").next());
    assert!(link.is_some_and(|link| link.contains("/directory/match?role=mediator")), "{link:?}");

    let appointed = staff.form(&format!("/cases/{case}/assignee"), &[("assignee", &people.mediator.to_string())]).await;
    assert_eq!(case_of(&appointed), case);
    let (_, home) = page(&mediator, "/").await;
    assert!(home.contains("我的工作") && home.contains(&format!("/cases/{case}")), "the mediator's queue");
    assert!(!home.contains(r#"href="/watch""#), "no watch in a mediator's navigation");
    let (status, assigned) = page(&mediator, &path).await;
    assert_eq!(status, 200);
    assert!(assigned.contains("黄嘉慧") && assigned.contains("已指定调解员"));
    assert!(assigned.contains("data-testid=\"to-in_session\""));

    assert_eq!(step(&mediator, &case, "in_session").await.status(), 303);
    assert_eq!(step(&mediator, &case, "settled").await.status(), 303);
    assert_eq!(step(&mediator, &case, "closed").await.status(), 403, "the centre closes");
    assert_eq!(step(&staff, &case, "closed").await.status(), 303);
    let (_, closed) = page(&owner, &path).await;
    assert!(closed.contains("双方签署和解协议") && closed.contains("调解案件结案"), "the history in words");
    assert!(closed.contains("记录完整：7 条记录均已核验"), "{closed}");

    let again = step(&staff, &case, "accepted").await;
    assert_eq!(again.status(), 422, "a step the table does not allow is shown on the page");
    assert!(again.text().await.unwrap().contains("案件当前状态下不能这样办理"));
}

#[tokio::test]
async fn parties_never_see_internal_notes_and_strangers_get_404() {
    let app = TestApp::spawn().await;
    people(&app).await;
    let owner = app.signed_in(OWNER).await;
    let staff = app.signed_in(STAFF).await;
    let stranger = app.signed_in(STRANGER).await;
    let case = apply_for_mediation(&owner).await;
    let path = format!("/cases/{case}");
    let entries = format!("/cases/{case}/entries");

    let noted = staff.form(&entries, &[("entry", "note"), ("text", "对方律师难以联系，需电话跟进")]).await;
    assert_eq!(case_of(&noted), case);
    let told = staff.form(&entries, &[("entry", "message"), ("text", "已联系对方，请耐心等待答复")]).await;
    assert_eq!(case_of(&told), case);

    let (_, seen_by_party) = page(&owner, &path).await;
    assert!(seen_by_party.contains("已联系对方，请耐心等待答复"));
    assert!(!seen_by_party.contains("对方律师难以联系"), "internal notes never reach a party");
    assert!(!seen_by_party.contains(r#"value="note""#), "a party is not offered internal notes");
    let (_, seen_by_staff) = page(&staff, &path).await;
    assert!(seen_by_staff.contains("对方律师难以联系") && seen_by_staff.contains("仅内部可见"));
    let forged = owner.form(&entries, &[("entry", "note"), ("text", "x")]).await;
    assert_eq!(forged.status(), 403);

    assert_eq!(page(&stranger, &path).await.0, 404);
    assert_eq!(step(&stranger, &case, "closed").await.status(), 404);
    assert_eq!(stranger.form(&entries, &[("entry", "message"), ("text", "x")]).await.status(), 404);
    let (status, list) = page(&stranger, "/cases").await;
    assert_eq!(status, 200);
    assert!(!list.contains(&path) && !list.contains("海鹰"), "another enterprise's case is not listed");
    let (_, mine) = page(&owner, "/cases?kind=mediation&open=open").await;
    assert!(mine.contains(&path));
    let (_, none) = page(&owner, "/cases?open=closed").await;
    assert!(!none.contains(&path));
}

#[tokio::test]
async fn case_forms_check_the_csrf_token() {
    let app = TestApp::spawn().await;
    people(&app).await;
    let owner = app.signed_in(OWNER).await;
    let case = apply_for_mediation(&owner).await;
    let before = page(&owner, &format!("/cases/{case}")).await.1;

    for (path, body) in [
        (format!("/cases/{case}/entries"), vec![("entry", "message"), ("text", "forged")]),
        (format!("/cases/{case}/transitions"), vec![("to", "closed")]),
        ("/cases".to_owned(), vec![("kind", "consultation"), ("title", "forged"), ("summary", "forged")]),
    ] {
        let forged = owner.client.post(app.url(&path)).form(&body).send().await.unwrap();
        assert_eq!(forged.status(), 403, "{path}");
    }
    let after = page(&owner, &format!("/cases/{case}")).await.1;
    assert!(!after.contains("forged"));
    assert_eq!(before.matches("data-testid=\"entry-").count(), after.matches("data-testid=\"entry-").count());
    let (_, list) = page(&owner, "/cases").await;
    assert_eq!(list.matches("data-testid=\"case-row\"").count(), 1, "no case was opened");
}

#[tokio::test]
async fn an_alert_is_escalated_from_its_page_into_a_case_that_carries_its_deadline() {
    let app = TestApp::spawn().await;
    crate::watch::world(&app).await;
    let owner = app.signed_in(crate::watch::OWNER).await;
    let mark = json!({ "label": "海信", "forms": ["HISENSE"], "classes": [9] });
    assert_eq!(owner.api(Method::POST, "/api/v1/watch/marks", Some(mark)).await.status(), 201);
    import(
        &app,
        &[
            filing("DE", "3020260000001", "HISENSE", "COPYCAT GMBH"),
            filing("DE", "3020260000002", "HISENSE", "OTHER GMBH"),
        ],
    )
    .await;
    let (_, alerts) = json_of(owner.get("/api/v1/alerts").await).await;
    let ids: Vec<i64> = alerts["items"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 2);
    let number_of = |id: i64| {
        alerts["items"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap()["number"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    let (_, before) = page(&owner, &format!("/alerts/{}", ids[0])).await;
    assert!(before.contains("data-testid=\"escalate\"") && before.contains("升级为维权援助"));
    assert!(!before.contains("data-testid=\"to-escalated\""), "the bare status step is replaced");
    let escalated = owner.form(&format!("/alerts/{}/escalate", ids[0]), &[]).await;
    let case = case_of(&escalated);
    let (_, opened) = page(&owner, &format!("/cases/{case}")).await;
    assert!(opened.contains("海外维权援助") && opened.contains("RA-"));
    let first = opened.split("data-testid=\"case-deadline\"").nth(1).expect("a deadline");
    assert!(
        first.contains(&format!("异议截止 · DE {}", number_of(ids[0]))),
        "the opposition deadline comes first: {first}"
    );

    let (_, after) = page(&owner, &format!("/alerts/{}", ids[0])).await;
    assert!(after.contains("data-testid=\"alert-case\"") && after.contains(&format!("/cases/{case}")));
    assert!(!after.contains("data-testid=\"escalate\""), "escalated once");

    let (_, second) = page(&owner, &format!("/alerts/{}", ids[1])).await;
    assert!(second.contains(&format!(r#"<option value="{case}">"#)), "an open case to join is offered");
    let joined = owner.form(&format!("/alerts/{}/escalate", ids[1]), &[("case_id", case.as_str())]).await;
    assert_eq!(case_of(&joined), case);
    let (_, both) = page(&owner, &format!("/cases/{case}")).await;
    assert_eq!(both.matches("异议截止 · DE").count(), 2, "both opposition deadlines are the case's");
    assert!(both.contains("监测预警升级并入本案"));

    let rival = app.signed_in(crate::watch::RIVAL).await;
    assert_eq!(rival.form(&format!("/alerts/{}/escalate", ids[1]), &[]).await.status(), 404);
}
