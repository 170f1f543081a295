//! Working-day calendars through the use cases, on SQLite and (when configured) PostgreSQL: an
//! administrator loads next year's calendar as data and deadlines counted across its holidays
//! move; a loaded year replaces the one compiled in; only administrators (or the command line)
//! may load one.

use chrono::NaiveDate;
use zhichan_core::audit::AuditQuery;
use zhichan_core::organisations::MemberInput;
use zhichan_core::{Actor, Core, CoreError, CoreSettings, RequestContext};
use zhichan_domain::Page;
use zhichan_domain::calendar::{CalendarYear, Holiday, Offset};
use zhichan_domain::expertise::Region;

/// A fresh core on SQLite, and one on PostgreSQL when `ZHICHAN_TEST_DATABASE_URL` is set.
async fn cores() -> Vec<(Core, Option<tempfile::TempDir>)> {
    let (sqlite, dir) = crate::core_with(CoreSettings::default()).await;
    let mut cores = vec![(sqlite, Some(dir))];
    if let Some(url) = zhichan_testkit::postgres_test_database().await {
        cores.push((Core::open(&url, CoreSettings::default()).await.unwrap(), None));
    }
    cores
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A test fixture standing in for a year not yet published: a week's Spring Festival break
/// (4–10 February 2027) with Sunday 31 January worked.
fn mainland_2027() -> CalendarYear {
    CalendarYear {
        region: Region::Mainland,
        year: 2027,
        holidays: (4..=10)
            .map(|day| Holiday { date: date(&format!("2027-02-{day:02}")), name: "春节".into() })
            .collect(),
        adjusted_working_days: vec![date("2027-01-31")],
        source: "test fixture".into(),
    }
}

#[tokio::test]
async fn loading_next_year_moves_deadlines_across_its_holidays() {
    for (core, _dir) in cores().await {
        let before = core.working_calendar(Region::Mainland).await.unwrap();
        assert!(before.covers(2026) && !before.covers(2027));
        // Weekends only in 2027 so far: 2 working days from Wednesday 3 February are Friday the 5th.
        assert_eq!(before.due(date("2027-02-03"), Offset::working_days(2)), date("2027-02-05"));
        assert_eq!(before.due(date("2027-01-29"), Offset::working_days(2)), date("2027-02-02"));

        let admin =
            Actor::new(core.create_administrator("root@example.cn", "管理员", "a-long-secret-1").await.unwrap());
        let loaded = core.load_calendar_year(Some(&admin), &RequestContext::cli(), mainland_2027()).await.unwrap();
        assert_eq!(loaded.holidays.len(), 7);

        let after = core.working_calendar(Region::Mainland).await.unwrap();
        assert!(after.covers(2027));
        assert_eq!(after.holiday(date("2027-02-08")), Some("春节"));
        // Across the break: Thursday the 11th and Friday the 12th.
        assert_eq!(after.due(date("2027-02-03"), Offset::working_days(2)), date("2027-02-12"));
        // Sunday 31 January is worked: 2 working days from Friday 29 January end on Monday 1 February.
        assert_eq!(after.due(date("2027-01-29"), Offset::working_days(2)), date("2027-02-01"));
        // 30 days from 8 January fall on Sunday 7 February, in the break: due Thursday the 11th.
        assert_eq!(after.due(date("2027-01-08"), Offset::days(30)), date("2027-02-11"));
        // Other regions are untouched.
        assert!(core.working_calendar(Region::HongKong).await.unwrap().is_working_day(date("2027-02-10")));

        let query = AuditQuery { action_prefix: Some("calendar.".into()), ..AuditQuery::default() };
        let trail = core.audit_events(&admin, query, Page::first(50)).await.unwrap();
        assert_eq!(trail.len(), 1);
        assert_eq!(trail[0].entry.target_id.as_deref(), Some("mainland-2027"));
        assert_eq!(trail[0].entry.actor_user_id, Some(admin.user_id()));
    }
}

#[tokio::test]
async fn a_loaded_year_replaces_the_embedded_one() {
    for (core, _dir) in cores().await {
        let embedded = core.working_calendar(Region::Mainland).await.unwrap();
        assert!(!embedded.is_working_day(date("2026-02-17")), "春节 2026 is compiled in");
        let correction = CalendarYear {
            region: Region::Mainland,
            year: 2026,
            holidays: vec![Holiday { date: date("2026-03-02"), name: "测试".into() }],
            adjusted_working_days: vec![],
            source: "test fixture".into(),
        };
        core.load_calendar_year(None, &RequestContext::cli(), correction.clone()).await.unwrap();
        let calendar = core.working_calendar(Region::Mainland).await.unwrap();
        assert_eq!(calendar.year(2026), Some(&correction));
        assert!(calendar.is_working_day(date("2026-02-17")));
        assert!(!calendar.is_working_day(date("2026-03-02")));
        assert!(calendar.covers(2025), "the other embedded years stay");
        // Loading it again replaces it again.
        let mut again = correction;
        again.holidays[0].date = date("2026-03-03");
        core.load_calendar_year(None, &RequestContext::cli(), again).await.unwrap();
        let calendar = core.working_calendar(Region::Mainland).await.unwrap();
        assert!(calendar.is_working_day(date("2026-03-02")) && !calendar.is_working_day(date("2026-03-03")));
    }
}

#[tokio::test]
async fn only_administrators_load_calendars_and_bad_years_are_refused() {
    for (core, _dir) in cores().await {
        let admin =
            Actor::new(core.create_administrator("root@example.cn", "管理员", "a-long-secret-1").await.unwrap());
        let input = MemberInput {
            email: "staff@example.cn".into(),
            display_name: "职员".into(),
            password: "a-long-secret-1".into(),
            roles: vec!["staff".into()],
        };
        let context = RequestContext::cli();
        let staff = Actor::new(core.add_member(&admin, admin.organisation_id(), &input, &context).await.unwrap());
        let refused = core.load_calendar_year(Some(&staff), &context, mainland_2027()).await.unwrap_err();
        assert!(matches!(refused, CoreError::Forbidden), "{refused:?}");

        let mut bad = mainland_2027();
        bad.adjusted_working_days.push(date("2027-02-01"));
        let refused = core.load_calendar_year(Some(&admin), &context, bad).await.unwrap_err();
        assert!(
            matches!(&refused, CoreError::Invalid(invalid) if invalid.field == "adjusted_working_days"),
            "{refused:?}"
        );
        let mut overseas = mainland_2027();
        overseas.region = Region::Overseas;
        let refused = core.load_calendar_year(None, &context, overseas).await.unwrap_err();
        assert!(matches!(&refused, CoreError::Invalid(invalid) if invalid.field == "region"), "{refused:?}");
        assert!(!core.working_calendar(Region::Mainland).await.unwrap().covers(2027), "nothing was stored");
    }
}
