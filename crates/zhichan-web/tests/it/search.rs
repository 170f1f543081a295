//! Search end to end over HTTP: the API (paging, facets, snippets, errors), streamed exports,
//! saved searches, and the results page.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use zhichan_core::import::{ImportOptions, Quiet};
use zhichan_domain::records::{ClassEntry, Party, Record, Trademark};
use zhichan_domain::{NiceClass, OfficeCode};

use crate::app::TestApp;

fn mark(office: &str, number: &str, text: &str, owner: &str, class: u8) -> Record {
    let mut mark = Trademark::new(OfficeCode::parse(office).unwrap(), number);
    mark.mark_text = Some(text.into());
    mark.owners.push(Party { name: owner.into(), ..Party::default() });
    mark.classes.push(ClassEntry::new(NiceClass::new(class).unwrap()));
    mark.dates.filing =
        Some(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(number.len() as u64));
    mark.into()
}

/// A server whose register holds 25 HAIYING marks (for paging) and a few others, indexed.
async fn app_with_marks() -> TestApp {
    let app = TestApp::spawn().await;
    let mut records: Vec<Record> =
        (0..25).map(|i| mark("US", &format!("9700{i:04}"), "HAIYING", "海鹰电子有限公司", 9)).collect();
    records.push(mark("CN", "5001", "五粮液", "宜宾五粮液股份有限公司", 33));
    records.push(mark("DE", "5002", "無印良品", "良品計画", 16));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.jsonl");
    let lines: Vec<String> = records.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    let report = app.core.import(None, &[path], &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(report.totals.rejected, 0);
    app
}

fn numbers(body: &Value) -> Vec<String> {
    body["hits"].as_array().unwrap().iter().map(|hit| hit["number"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn the_api_pages_through_every_hit_with_facets_and_snippets() {
    let app = app_with_marks().await;
    let browser = app.browser();
    let mut seen = Vec::new();
    let mut path = "/api/v1/search?q=haiying&limit=10".to_string();
    loop {
        let response = browser.get(&path).await;
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["total"], 25);
        seen.extend(numbers(&body));
        match body["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/search?q=haiying&limit=10&cursor={cursor}"),
            None => break,
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 25, "every hit once");

    let body: Value = browser.get("/api/v1/search?q=%E7%84%A1%E5%8D%B0%E8%89%AF%E5%93%81").await.json().await.unwrap();
    assert_eq!(numbers(&body), ["5002"], "無印良品 (traditional)");
    let body: Value = browser.get("/api/v1/search?q=wuliangye").await.json().await.unwrap();
    let hit = &body["hits"][0];
    assert_eq!((hit["number"].as_str(), hit["url"].as_str()), (Some("5001"), Some("/trademarks/CN/5001")));
    let body: Value =
        browser.get("/api/v1/search?q=owner:%E6%B5%B7%E9%B9%B0%20OR%20haiying").await.json().await.unwrap();
    assert_eq!(body["facets"]["office"], json!([{ "value": "US", "count": 25 }]));
    assert_eq!(body["facets"]["nice"][0]["value"], "9");
    let snippet = body["hits"][0]["snippet"].as_array().unwrap();
    assert!(snippet.iter().any(|piece| piece["highlighted"] == true), "{snippet:?}");
}

#[tokio::test]
async fn bad_queries_and_parameters_get_stable_codes() {
    let app = app_with_marks().await;
    let browser = app.browser();
    let response = browser.get("/api/v1/search?q=ti:(wireless").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!((body["code"].as_str(), body["field"].as_str()), (Some("query_syntax"), Some("q")));
    assert!(body["message"].as_str().unwrap().contains("position"));
    for (path, code) in [
        ("/api/v1/search?q=x&cursor=nonsense", "search_unsupported"),
        ("/api/v1/search?q=x&sort=sideways", "search_unsupported"),
        ("/api/v1/search?q=x&limit=1000", "invalid_input"),
        ("/api/v1/search", "invalid_input"),
        ("/api/v1/search/export?q=x&format=xls", "invalid_input"),
        ("/api/v1/search/export?q=%22open", "query_syntax"),
    ] {
        let body: Value = browser.get(path).await.json().await.unwrap();
        assert_eq!(body["code"], code, "{path}");
    }
}

#[tokio::test]
async fn exports_stream_the_whole_result_set() {
    let app = app_with_marks().await;
    let browser = app.browser();
    let response = browser.get("/api/v1/search/export?q=haiying&sort=newest").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let text = response.text().await.unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("\u{feff}office,kind,number,title,owner,status,date,url"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 25, "not capped at a page");
    assert!(rows[0].starts_with("US,trademark,9700") && rows[0].contains("海鹰电子有限公司"), "{}", rows[0]);

    let jsonl = browser.get("/api/v1/search/export?q=haiying&format=jsonl").await.text().await.unwrap();
    let parsed: Vec<Value> = jsonl.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(parsed.len(), 25);
    assert_eq!(parsed[0]["title"], "HAIYING");
    let none = browser.get("/api/v1/search/export?q=nothinglikethis").await.text().await.unwrap();
    assert_eq!(none.lines().count(), 1, "only the header");
}

#[tokio::test]
async fn saved_searches_belong_to_their_user() {
    let app = app_with_marks().await;
    let admin = app.admin().await;
    let (_, _) = app.enterprise(&admin, "甲方电子有限公司", "boss@a.example").await;
    let (_, _) = app.enterprise(&admin, "乙方照明有限公司", "boss@b.example").await;
    let a = app.signed_in("boss@a.example").await;
    let b = app.signed_in("boss@b.example").await;
    let created = a
        .api(
            Method::POST,
            "/api/v1/saved-searches",
            Some(json!({ "name": "海鹰", "query": "mark:haiying", "sort": "newest" })),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    let bad = a.api(Method::POST, "/api/v1/saved-searches", Some(json!({ "name": "x", "query": "(" }))).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST, "a query that does not parse is not saved");
    let listed: Value = a.api(Method::GET, "/api/v1/saved-searches", None).await.json().await.unwrap();
    assert_eq!(listed[0]["query"], "mark:haiying");
    let theirs: Value = b.api(Method::GET, "/api/v1/saved-searches", None).await.json().await.unwrap();
    assert_eq!(theirs, json!([]));
    let path = format!("/api/v1/saved-searches/{}", created["id"]);
    assert_eq!(b.api(Method::DELETE, &path, None).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(a.api(Method::DELETE, &path, None).await.status(), StatusCode::NO_CONTENT);

    // The page: save the current query with the form, see it listed, delete it.
    let saved = a.form("/search/saved", &[("name", "白酒"), ("q", "mark:五粮液"), ("sort", "")]).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let html = a.get("/search").await.text().await.unwrap();
    assert!(html.contains("白酒") && html.contains("<code>mark:五粮液</code>"), "listed on the page");
    assert!(!b.get("/search").await.text().await.unwrap().contains("mark:五粮液"), "not on another user's page");
}

#[tokio::test]
async fn the_results_page_shows_hits_facets_paging_export_and_errors() {
    let app = app_with_marks().await;
    let browser = app.browser();
    let html = browser.get("/search?q=haiying").await.text().await.unwrap();
    assert_eq!(html.matches("data-testid=\"hit\"").count(), 20, "one page");
    assert!(html.contains("<strong>25</strong>"));
    assert!(html.contains("<mark>HAIYING</mark>"), "highlighted");
    assert!(html.contains("/search?q=haiying+office%3AUS"), "facet link narrows the query");
    let export = html.split("href=\"/api/v1/search/export?").nth(1).unwrap().split('"').next().unwrap();
    assert!(export.contains("q=haiying") && export.contains("format=csv"), "{export}");
    let next = html.split("rel=\"next\" href=\"").nth(1).unwrap().split('"').next().unwrap().replace("&#38;", "&");
    let second = browser.get(&next).await.text().await.unwrap();
    assert_eq!(second.matches("data-testid=\"hit\"").count(), 5, "the rest");

    let bad = browser.get("/search?q=ti%3A%28wireless").await.text().await.unwrap();
    assert!(bad.contains("data-testid=\"query-error\"") && bad.contains('^'), "caret under the fault");
    let home = browser.get("/").await.text().await.unwrap();
    assert!(home.contains("action=\"/search\""), "a search box on every page");
}
