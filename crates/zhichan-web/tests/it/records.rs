//! Record pages and the records API over real USPTO samples imported through the use case.

use std::path::PathBuf;

use serde_json::Value;
use zhichan_core::import::{ImportOptions, Quiet};

use crate::app::TestApp;

fn samples(folder: &str) -> Option<PathBuf> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).join(folder);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

#[tokio::test]
async fn imported_trademarks_and_patents_have_pages_and_api_documents() {
    let (Some(tsdr), Some(grants)) =
        (samples("uspto-tsdr-st66-st96/testdata"), samples("uspto-ipg-weekly-subsets/ipg050104.small.xml"))
    else {
        return;
    };
    let app = TestApp::spawn().await;
    let report = app.core.import(None, &[tsdr, grants], &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(report.totals.rejected, 0, "{:?}", report.rejections);

    let browser = app.browser();
    let api: Value = browser.get("/api/v1/trademarks/US/78002299").await.json().await.unwrap();
    assert_eq!(api["record"]["mark_text"], "MYSQL");
    assert_eq!(api["record"]["registration_number"], "2713476");
    assert_eq!(api["history"].as_array().unwrap().len(), 1);

    let page = browser.get("/trademarks/us/78002299").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("MYSQL") && html.contains("2713476") && html.contains("商品与服务"));
    assert!(html.contains("已注册"), "statuses are shown in the page's language");

    let grant = report_first_patent(&app).await;
    let page = browser.get(&format!("/patents/US/{grant}")).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("权利要求"));

    let missing = browser.get("/api/v1/trademarks/US/00000000").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(browser.get("/trademarks/XYZ/1").await.status(), 404);
}

/// The publication number of one imported patent, read back through the API's source of truth.
async fn report_first_patent(app: &TestApp) -> String {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/uspto-ipg-weekly-subsets/ipg050104.small.xml"
    ));
    let first = zhichan_ingest_first(&path);
    let stored = app.core.record(zhichan_domain::records::RecordKind::Patent, "US", &first).await.unwrap();
    assert_eq!(stored.record.key().number, first);
    first
}

fn zhichan_ingest_first(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("<doc-number>").unwrap() + "<doc-number>".len();
    let end = text[start..].find('<').unwrap() + start;
    text[start..end].to_owned()
}

#[tokio::test]
async fn similar_groups_are_served_after_their_table_is_imported() {
    let Some(groups) = samples("cnipa-similar-goods-groups/cnipa_similar_groups_parsed.json") else { return };
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let empty: Value = browser.get("/api/v1/reference/similar-groups?class=9").await.json().await.unwrap();
    assert_eq!(empty, serde_json::json!([]));
    app.core.import(None, &[groups], &ImportOptions::default(), &Quiet).await.unwrap();
    let class9: Value = browser.get("/api/v1/reference/similar-groups?class=09").await.json().await.unwrap();
    let codes: Vec<&str> = class9.as_array().unwrap().iter().map(|g| g["code"].as_str().unwrap()).collect();
    assert!(codes.len() > 10 && codes.iter().all(|c| c.starts_with("09")), "{codes:?}");
    let bad = browser.get("/api/v1/reference/similar-groups?class=46").await;
    assert_eq!(bad.status(), 422);
}
