//! The directory through the API and the pages, in the demo world: listing with filters, who
//! edits profiles and sees declared ties, matching with conflicts excluded, in three languages.

use reqwest::Method;
use serde_json::{Value, json};
use zhichan_core::demo::DEMO_PASSWORD;
use zhichan_domain::UserId;

use crate::app::{Browser, TestApp};

/// The demo world, served.
async fn demo() -> TestApp {
    let app = TestApp::spawn().await;
    app.core.seed_demo().await.unwrap();
    app
}

/// A browser signed in as the demo account `email`, reading `language`.
async fn demo_browser(app: &TestApp, email: &str, language: &str) -> Browser {
    let browser = app.browser();
    let response = browser.form("/login", &[("email", email), ("password", DEMO_PASSWORD), ("next", "/")]).await;
    assert_eq!(response.status(), 303, "sign-in of {email}");
    browser.form("/language", &[("lang", language), ("next", "/")]).await;
    browser
}

async fn user_id(app: &TestApp, email: &str) -> UserId {
    app.core.store().user_credentials(email).await.unwrap().expect("a demo account").user.id
}

async fn json(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_api_lists_keeps_and_matches_the_directory() {
    let app = demo().await;
    let enterprise = demo_browser(&app, "chen.jing@haiying.demo", "en").await;
    let expert = demo_browser(&app, "wong.kawai@experts.demo", "en").await;
    let staff = demo_browser(&app, "staff@zhichan.demo", "en").await;
    let wong = user_id(&app, "wong.kawai@experts.demo").await;

    let (status, found) =
        json(enterprise.get("/api/v1/directory/experts?role=mediator&language=portuguese").await).await;
    assert_eq!(status, 200);
    assert_eq!(found["items"][0]["display_name"], "梁耀文 (Macau)");
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    let (status, refused) = json(enterprise.get("/api/v1/directory/experts?region=taiwan").await).await;
    assert_eq!(
        (status, refused["code"].as_str(), refused["field"].as_str()),
        (422, Some("invalid_input"), Some("region"))
    );

    let profile_path = format!("/api/v1/directory/experts/{wong}");
    let (status, profile) = json(enterprise.get(&profile_path).await).await;
    assert_eq!((status, profile["region"].as_str()), (200, Some("hong_kong")));
    let body = json!({ "region": "hong_kong", "fields": ["trademarks"], "languages": ["cantonese", "english"], "accepting": false });
    assert_eq!(enterprise.api(Method::PUT, &profile_path, Some(body.clone())).await.status(), 403);
    let (status, saved) = json(expert.api(Method::PUT, &profile_path, Some(body)).await).await;
    assert_eq!((status, saved["accepting"].as_bool()), (200, Some(false)));

    let ties_path = format!("{profile_path}/affiliations");
    assert_eq!(enterprise.get(&ties_path).await.status(), 404, "ties are the expert's and the centre's");
    let (_, ties) = json(expert.get(&ties_path).await).await;
    assert_eq!((ties[0]["tie"].as_str(), ties[0]["level"].as_str()), (Some("former_adviser"), Some("orange")));
    let declared = json!({ "party_name": "Kowloon Trading Ltd", "tie": "adviser", "since": "2025-02-01" });
    let (status, created) = json(expert.api(Method::POST, &ties_path, Some(declared)).await).await;
    assert_eq!((status, created["level"].as_str()), (201, Some("red")));
    let removal = format!("{ties_path}/{}", created["id"]);
    assert_eq!(enterprise.api(Method::DELETE, &removal, None).await.status(), 404);
    assert_eq!(expert.api(Method::DELETE, &removal, None).await.status(), 204);

    let (_, appraisers) = json(enterprise.get("/api/v1/directory/providers?kind=appraiser").await).await;
    let appraiser = &appraisers["items"][0];
    assert_eq!(appraiser["name_zh"], "鹏城知识产权资产评估有限公司（示例）");
    let provider_path = format!("/api/v1/directory/providers/{}", appraiser["organisation_id"]);
    let listing =
        json!({ "kinds": ["appraiser"], "languages": ["mandarin"], "regions": ["mainland"], "contact": "0755" });
    assert_eq!(enterprise.api(Method::PUT, &provider_path, Some(listing.clone())).await.status(), 403);
    let (status, saved) = json(staff.api(Method::PUT, &provider_path, Some(listing)).await).await;
    assert_eq!((status, saved["contact"].as_str()), (200, Some("0755")));

    let request = json!({
        "role": "technical_investigator", "field": "electronics",
        "parties": [{ "side": "respondent", "name": "深圳市福永无人机系统有限公司" }],
    });
    assert_eq!(enterprise.api(Method::POST, "/api/v1/directory/match", Some(request.clone())).await.status(), 403);
    let (status, candidates) = json(staff.api(Method::POST, "/api/v1/directory/match", Some(request)).await).await;
    assert_eq!(status, 200);
    let candidates = candidates.as_array().unwrap();
    let first = &candidates[0];
    assert_eq!((first["expert"]["display_name"].as_str(), first["excluded"].as_bool()), (Some("李明"), Some(false)));
    assert_eq!(first["reasons"][0], json!({ "code": "field_matches", "value": "electronics", "weight": 4 }));
    let last = candidates.last().unwrap();
    assert_eq!((last["expert"]["display_name"].as_str(), last["excluded"].as_bool()), (Some("张伟"), Some(true)));
    let tie = &last["conflict"]["ties"][0];
    assert_eq!((tie["affiliation"]["tie"].as_str(), tie["level"].as_str()), (Some("officer"), Some("red")));
    assert_eq!(tie["waivable"], false);
}

#[tokio::test]
async fn the_pages_show_the_directory_and_keep_ties_to_those_entitled() {
    let app = demo().await;
    let enterprise = demo_browser(&app, "chen.jing@haiying.demo", "zh-Hant").await;
    let page = enterprise.get("/directory").await.text().await.unwrap();
    for text in ["專家與服務機構名錄", "黃嘉慧 (Hong Kong)", "粵語", "港澳聯合律師行（示例）", "資產評估機構"]
    {
        assert!(page.contains(text), "{text}");
    }
    let macau = enterprise.get("/directory?region=macau").await.text().await.unwrap();
    assert!(macau.contains("梁耀文") && !macau.contains("张伟") && macau.contains("港澳聯合律師行"));

    // Another's declared ties are not shown: 张伟's is to a different enterprise.
    let zhang = user_id(&app, "zhang.wei@experts.demo").await;
    let seen = enterprise.get(&format!("/directory/experts/{zhang}")).await.text().await.unwrap();
    assert!(seen.contains("技術調查官") && seen.contains("電子與通訊"));
    assert!(!seen.contains(r#"data-testid="affiliations""#) && !seen.contains("福永无人机"));
    assert!(!seen.contains(r#"data-testid="profile-form""#));

    let expert = demo_browser(&app, "zhang.wei@experts.demo", "zh-Hans").await;
    let own_path = format!("/directory/experts/{zhang}");
    let own = expert.get(&own_path).await.text().await.unwrap();
    assert!(own.contains(r#"data-testid="affiliations""#) && own.contains("深圳市福永无人机系统有限公司"));
    assert!(own.contains("担任当事方董事、监事或高级管理人员") && own.contains(">红色</span>"));

    let tie = [
        ("party_name", "深圳市光域照明有限公司"),
        ("tie", "former_adviser"),
        ("since", "2024-01-01"),
        ("until", "2099-01-01"),
        ("note", "专利无效宣告程序技术顾问"),
    ];
    let declared = expert.form(&format!("{own_path}/affiliations"), &tie).await;
    assert_eq!(declared.status(), 303);
    assert_eq!(declared.headers()["location"], format!("{own_path}?saved=1").as_str());
    let after = expert.get(&format!("{own_path}?saved=1")).await.text().await.unwrap();
    assert!(after.contains("已保存。") && after.contains("深圳市光域照明有限公司") && after.contains(">橙色</span>"));

    let refused = expert.form(&own_path, &[("region", "mainland"), ("fields", "software")]).await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(refused.contains(r#"data-testid="form-problem""#) && refused.contains("未能保存"));
    let saved = expert
        .form(
            &own_path,
            &[("region", "mainland"), ("fields", "software"), ("languages", "mandarin"), ("bio", "调查官")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let saved = expert.get(&own_path).await.text().await.unwrap();
    assert!(saved.contains("软件与数据") && saved.contains("暂不接受新案件"), "an unticked box takes no new cases");

    assert_eq!(enterprise.get("/directory/match").await.status(), 403);
    let staff = demo_browser(&app, "staff@zhichan.demo", "zh-Hans").await;
    let query = "/directory/match?role=technical_investigator&field=electronics&respondents=%E6%B7%B1%E5%9C%B3%E5%B8%82%E7%A6%8F%E6%B0%B8%E6%97%A0%E4%BA%BA%E6%9C%BA%E7%B3%BB%E7%BB%9F%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8";
    let matched = staff.get(query).await.text().await.unwrap();
    assert!(matched.contains(r#"data-excluded="true""#) && matched.contains("已排除：与当事方存在红色利益冲突"));
    assert!(matched.contains("擅长该领域：电子与通信") && matched.contains("不可豁免"));

    let english = demo_browser(&app, "staff@zhichan.demo", "en").await;
    let page = english.get("/directory").await.text().await.unwrap();
    assert!(
        page.contains("Experts and service providers") && page.contains("Cantonese") && page.contains("Match a case")
    );
}
