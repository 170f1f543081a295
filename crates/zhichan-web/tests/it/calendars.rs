//! The working-day calendars in the API: any signed-in user reads a region's year, as compiled
//! in or loaded by an administrator; unknown years and regions answer with stable codes.

use serde_json::{Value, json};
use zhichan_core::RequestContext;
use zhichan_domain::calendar::CalendarYear;

use crate::app::TestApp;

#[tokio::test]
async fn signed_in_users_read_a_region_s_year_as_compiled_in_or_loaded() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.enterprise(&admin, "海鹰电子", "chen@haiying.example").await;
    assert_eq!(app.browser().get("/api/v1/calendars/mainland/2026").await.status(), 401);

    let browser = app.signed_in("chen@haiying.example").await;
    let response = browser.get("/api/v1/calendars/mainland/2026").await;
    assert_eq!(response.status(), 200);
    let year: Value = response.json().await.unwrap();
    assert_eq!((year["region"].as_str(), year["year"].as_i64()), (Some("mainland"), Some(2026)));
    assert!(year["holidays"].as_array().unwrap().contains(&json!({ "date": "2026-02-17", "name": "春节" })));
    assert!(year["adjusted_working_days"].as_array().unwrap().contains(&json!("2026-02-14")));
    let hong_kong: Value = browser.get("/api/v1/calendars/hong_kong/2026").await.json().await.unwrap();
    assert!(
        hong_kong["holidays"]
            .as_array()
            .unwrap()
            .contains(&json!({ "date": "2026-07-01", "name": "香港特別行政區成立紀念日" }))
    );

    let missing = browser.get("/api/v1/calendars/mainland/2027").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.json::<Value>().await.unwrap()["code"], "not_found");
    let file = r#"{"region": "mainland", "year": 2027, "source": "test fixture",
        "holidays": [{"date": "2027-02-06", "name": "春节"}], "adjusted_working_days": []}"#;
    let loaded = CalendarYear::parse(file).unwrap();
    app.core.load_calendar_year(None, &RequestContext::cli(), loaded).await.unwrap();
    let year: Value = browser.get("/api/v1/calendars/mainland/2027").await.json().await.unwrap();
    assert_eq!(year["source"], "test fixture");
    assert_eq!(year["holidays"], json!([{ "date": "2027-02-06", "name": "春节" }]));

    assert_eq!(browser.get("/api/v1/calendars/overseas/2026").await.status(), 404, "overseas has weekends only");
    let refused = browser.get("/api/v1/calendars/atlantis/2026").await;
    assert_eq!(refused.status(), 422);
    let error: Value = refused.json().await.unwrap();
    assert_eq!((error["code"].as_str(), error["field"].as_str()), (Some("invalid_input"), Some("region")));
    assert_eq!(browser.get("/api/v1/calendars/mainland/next").await.status(), 404);
}
