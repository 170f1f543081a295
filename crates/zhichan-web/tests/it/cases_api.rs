//! The case API: an enterprise applies for a mediation, the other party accepts, an illegal step
//! is answered 409 `illegal_transition`, internal notes never reach a party, and the history
//! verifies.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use zhichan_core::RequestContext;

use crate::app::TestApp;

#[tokio::test]
async fn a_mediation_through_the_api() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (haiying, _) = app.enterprise(&admin, "深圳市海鹰电子有限公司", "ip@haiying.example").await;
    let (gangtong, _) = app.enterprise(&admin, "港通贸易有限公司", "legal@gangtong.example").await;
    let staff = zhichan_core::organisations::MemberInput {
        email: "staff@centre.example".into(),
        display_name: "中心".into(),
        password: crate::app::PASSWORD.into(),
        roles: vec!["staff".into()],
    };
    app.core.add_member(&admin, admin.organisation_id(), &staff, &RequestContext::cli()).await.unwrap();
    let staff = app.signed_in("staff@centre.example").await;
    let applicant = app.signed_in("ip@haiying.example").await;
    let respondent = app.signed_in("legal@gangtong.example").await;

    let opened = staff
        .api(Method::POST, "/api/v1/cases", Some(json!({
            "kind": "mediation", "title": "商标许可费争议", "summary": "许可合同到期后对方继续使用商标",
            "organisation_id": haiying.id, "respondent_organisation_id": gangtong.id, "respondent_region": "hong_kong",
        })))
        .await;
    assert_eq!(opened.status(), StatusCode::OK);
    let case: Value = opened.json().await.unwrap();
    let id = case["id"].as_i64().unwrap();
    assert_eq!(
        (case["state"].as_str(), case["next_states"].clone()),
        (Some("applied"), json!(["accepted", "declined"]))
    );

    // An enterprise cannot name another organisation's account as the other side.
    let naming = applicant
        .api(
            Method::POST,
            "/api/v1/cases",
            Some(json!({
                "kind": "mediation", "title": "t", "summary": "s", "respondent_organisation_id": gangtong.id,
            })),
        )
        .await;
    assert_eq!(naming.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let path = format!("/api/v1/cases/{id}/transitions");
    let illegal = respondent.api(Method::POST, &path, Some(json!({ "to": "settled" }))).await;
    assert_eq!(illegal.status(), StatusCode::CONFLICT);
    let body: Value = illegal.json().await.unwrap();
    assert_eq!(body["code"], "illegal_transition");
    let not_a_state = respondent.api(Method::POST, &path, Some(json!({ "to": "answered" }))).await;
    assert_eq!(not_a_state.status(), StatusCode::UNPROCESSABLE_ENTITY, "a state of another kind");
    let own = applicant.api(Method::POST, &path, Some(json!({ "to": "accepted" }))).await;
    assert_eq!(own.status(), StatusCode::FORBIDDEN, "the applicant cannot accept its own application");
    let accepted = respondent.api(Method::POST, &path, Some(json!({ "to": "accepted" }))).await;
    assert_eq!(accepted.status(), StatusCode::OK);

    let entries = format!("/api/v1/cases/{id}/entries");
    let note = staff.api(Method::POST, &entries, Some(json!({ "kind": "note", "text": "对方曾在香港抢注" }))).await;
    assert_eq!(note.status(), StatusCode::OK);
    let party_note = applicant.api(Method::POST, &entries, Some(json!({ "kind": "note", "text": "x" }))).await;
    assert_eq!(party_note.status(), StatusCode::FORBIDDEN);

    let seen: Value = applicant.api(Method::GET, &format!("/api/v1/cases/{id}"), None).await.json().await.unwrap();
    assert_eq!(seen["role"], "applicant");
    let codes: Vec<&str> =
        seen["history"].as_array().unwrap().iter().map(|e| e["entry"]["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["opened", "transition"], "the note is internal");
    assert_eq!(seen["deadlines"][0]["label"], "mediation_settlement");
    let full: Value = staff.api(Method::GET, &format!("/api/v1/cases/{id}"), None).await.json().await.unwrap();
    assert_eq!(full["history"].as_array().unwrap().len(), 3);

    let integrity: Value =
        applicant.api(Method::GET, &format!("/api/v1/cases/{id}/integrity"), None).await.json().await.unwrap();
    assert_eq!((integrity["intact"].as_bool(), integrity["entries"].as_u64()), (Some(true), Some(3)));
    let listed: Value =
        respondent.api(Method::GET, "/api/v1/cases?kind=mediation&open=true", None).await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let bad_filter = respondent.api(Method::GET, "/api/v1/cases?kind=mediation&state=answered", None).await;
    assert_eq!(bad_filter.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let work: Value = staff.api(Method::GET, "/api/v1/work", None).await.json().await.unwrap();
    assert_eq!(work["upcoming"][0]["case"]["id"].as_i64(), Some(id), "the 30-day target is on the staff queue");
    let stations: Value = applicant.api(Method::GET, "/api/v1/stations", None).await.json().await.unwrap();
    assert_eq!(stations.as_array().unwrap().len(), 11);

    // Documents: streamed in, recorded in the history, downloaded only by those who may read it.
    let evidence = format!("/api/v1/cases/{id}/evidence");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let shared = applicant.upload(&evidence, &[], "../商标使用证据.pdf", png).await;
    assert_eq!(shared.status(), StatusCode::OK);
    let internal = staff.upload(&evidence, &[("visibility", "internal")], "内部评估.txt", "调解策略".as_bytes()).await;
    assert_eq!(internal.status(), StatusCode::OK);
    let party_internal = applicant.upload(&evidence, &[("visibility", "internal")], "x.txt", b"x").await;
    assert_eq!(party_internal.status(), StatusCode::FORBIDDEN);
    let elf = applicant.upload(&evidence, &[], "tool.pdf", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0").await;
    assert_eq!(elf.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let seen: Value = respondent.api(Method::GET, &format!("/api/v1/cases/{id}"), None).await.json().await.unwrap();
    let documents: Vec<&Value> =
        seen["history"].as_array().unwrap().iter().filter(|e| e["entry"]["code"] == "evidence").collect();
    assert_eq!(documents.len(), 1, "the internal document is not shown to a party");
    let details = &documents[0]["entry"]["details"];
    assert_eq!(
        (details["media_type"].as_str(), details["file_name"].as_str()),
        (Some("image/png"), Some("商标使用证据.pdf"))
    );
    let sha = details["sha256"].as_str().unwrap();
    let download = respondent.get(&format!("{evidence}/{sha}")).await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.headers()["content-type"], "image/png");
    assert_eq!(download.bytes().await.unwrap().as_ref(), png);
    let full: Value = staff.api(Method::GET, &format!("/api/v1/cases/{id}"), None).await.json().await.unwrap();
    let internal_sha = full["history"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["entry"]["code"] == "evidence")
        .unwrap()["entry"]["details"]["sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(respondent.get(&format!("{evidence}/{internal_sha}")).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(staff.get(&format!("{evidence}/{internal_sha}")).await.status(), StatusCode::OK);
}

/// The case page takes a document through its form (CSRF field first) and lists it with a
/// download link; a party's form cannot keep one internal.
#[tokio::test]
async fn documents_through_the_case_page() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (haiying, _) = app.enterprise(&admin, "深圳市海鹰电子有限公司", "ip@haiying.example").await;
    let applicant = app.signed_in("ip@haiying.example").await;
    let opened = applicant
        .api(
            Method::POST,
            "/api/v1/cases",
            Some(json!({ "kind": "consultation", "title": "证据保全", "summary": "如何公证网页证据？" })),
        )
        .await;
    let id = opened.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    assert!(haiying.id.get() > 0);
    let path = format!("/cases/{id}/evidence");
    let without_token = applicant.upload(&path, &[], "网页截图.txt", "网页内容".as_bytes()).await;
    assert_eq!(without_token.status(), StatusCode::FORBIDDEN, "the form's CSRF field is required");
    let token = applicant.csrf().await;
    let sent = applicant
        .upload(&path, &[("csrf", token.as_str()), ("visibility", "internal")], "网页截图.txt", "网页内容".as_bytes())
        .await;
    assert_eq!(sent.status(), StatusCode::FORBIDDEN, "a party cannot keep a document from the other side");
    let sent = applicant.upload(&path, &[("csrf", token.as_str())], "网页截图.txt", "网页内容".as_bytes()).await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let page = applicant.get(&format!("/cases/{id}")).await.text().await.unwrap();
    assert!(page.contains("网页截图.txt") && page.contains(&format!("/cases/{id}/evidence/")), "listed with its link");
    let sha = page.split(&format!("/cases/{id}/evidence/")).nth(1).unwrap()[..64].to_owned();
    let download = applicant.get(&format!("/cases/{id}/evidence/{sha}")).await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.text().await.unwrap(), "网页内容");
}
