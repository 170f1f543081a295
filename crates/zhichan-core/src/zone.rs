//! Where the district is: Asia/Shanghai, UTC+8 all year (no daylight saving since 1991), so one
//! fixed offset gives every local date — the day a deadline's clock starts, the day reminders go
//! out, the day pages call today.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// The district's time zone.
pub const DISTRICT_ZONE: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(zone) => zone,
    None => panic!("UTC+8 is a valid offset"),
};

/// The day `at` falls on in the district.
pub fn district_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&DISTRICT_ZONE).date_naive()
}

/// Today, in the district.
pub fn district_today() -> NaiveDate {
    district_date(Utc::now())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn the_district_day_begins_at_16_00_utc() {
        let evening = Utc.with_ymd_and_hms(2026, 9, 30, 16, 0, 0).single().expect("a time");
        assert_eq!(district_date(evening), NaiveDate::from_ymd_opt(2026, 10, 1).expect("a date"));
        let before = evening - chrono::Duration::seconds(1);
        assert_eq!(district_date(before), NaiveDate::from_ymd_opt(2026, 9, 30).expect("a date"));
    }
}
