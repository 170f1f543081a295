//! One region's published calendar for one year: its public holidays and its adjusted working
//! days. This is also the file an administrator loads (`zhichan admin load-calendar FILE`):
//!
//! ```json
//! {
//!   "region": "mainland",
//!   "year": 2026,
//!   "source": "State Council General Office notice on the 2026 holiday arrangement",
//!   "holidays": [{"date": "2026-02-15", "name": "春节"}],
//!   "adjusted_working_days": ["2026-02-14", "2026-02-28"]
//! }
//! ```

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::InvalidValue;
use crate::expertise::Region;

/// The longest holiday name accepted, in characters.
const MAX_NAME_CHARS: usize = 100;
/// The longest source description accepted, in characters.
const MAX_SOURCE_CHARS: usize = 500;
/// The years a calendar may be given for.
const YEARS: std::ops::RangeInclusive<i32> = 1949..=2200;

/// A public holiday: a day off that would otherwise be a working day (or a weekend day inside a
/// holiday break, named with its festival).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// Its name as the region publishes it (元旦, 春节, 農曆年初一…).
    pub name: String,
}

/// A region's holidays and adjusted working days (调休上班: a Saturday or Sunday worked to
/// make a holiday break longer) for one year, with where they were published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarYear {
    /// Whose calendar: mainland, Hong Kong or Macao (overseas has weekends only).
    pub region: Region,
    /// The year every date falls in.
    pub year: i32,
    /// The holidays, in date order.
    pub holidays: Vec<Holiday>,
    /// Saturdays and Sundays that are working days, in date order.
    #[serde(default)]
    pub adjusted_working_days: Vec<NaiveDate>,
    /// Where the dates were published (the instrument, and the tool that read it).
    pub source: String,
}

impl CalendarYear {
    /// Reads a calendar year from its JSON file text and checks it ([`CalendarYear::validate`]).
    pub fn parse(json: &str) -> Result<Self, InvalidValue> {
        let year: CalendarYear = serde_json::from_str(json).map_err(|error| {
            InvalidValue::new(
                "calendar",
                format!(
                    "a JSON calendar year {{region, year, source, holidays: [{{date, name}}], adjusted_working_days}} \
                     ({error})"
                ),
            )
        })?;
        year.validate()
    }

    /// Checks the year and returns it with its dates sorted: a region with published holidays,
    /// every date inside `year` and listed once, each adjusted working day a Saturday or Sunday
    /// and not also a holiday, names and source given.
    pub fn validate(mut self) -> Result<Self, InvalidValue> {
        if self.region == Region::Overseas {
            return Err(InvalidValue::new("region", "mainland, hong_kong or macau (overseas has weekends only)"));
        }
        if !YEARS.contains(&self.year) {
            return Err(InvalidValue::new("year", format!("a year from {} to {}", YEARS.start(), YEARS.end())));
        }
        let source = self.source.trim();
        if source.is_empty() || source.chars().count() > MAX_SOURCE_CHARS {
            return Err(InvalidValue::new(
                "source",
                format!("where the dates were published, 1 to {MAX_SOURCE_CHARS} characters"),
            ));
        }
        self.source = source.to_owned();
        self.holidays.sort_by_key(|holiday| holiday.date);
        self.adjusted_working_days.sort();
        for pair in self.holidays.windows(2) {
            if pair[0].date == pair[1].date {
                return Err(InvalidValue::new("holidays", format!("each date once; {} is listed twice", pair[0].date)));
            }
        }
        for holiday in &mut self.holidays {
            let date = holiday.date;
            if date.year() != self.year {
                return Err(InvalidValue::new("holidays", format!("dates in {}; {date} is not", self.year)));
            }
            let name = holiday.name.trim();
            if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
                return Err(InvalidValue::new(
                    "holidays",
                    format!("a name of 1 to {MAX_NAME_CHARS} characters for {date}"),
                ));
            }
            holiday.name = name.to_owned();
        }
        for pair in self.adjusted_working_days.windows(2) {
            if pair[0] == pair[1] {
                return Err(InvalidValue::new(
                    "adjusted_working_days",
                    format!("each date once; {} is listed twice", pair[0]),
                ));
            }
        }
        for &date in &self.adjusted_working_days {
            if date.year() != self.year {
                return Err(InvalidValue::new(
                    "adjusted_working_days",
                    format!("dates in {}; {date} is not", self.year),
                ));
            }
            if !is_weekend(date) {
                return Err(InvalidValue::new(
                    "adjusted_working_days",
                    format!("Saturdays and Sundays; {date} is a {}", weekday_name(date.weekday())),
                ));
            }
            if self.holiday(date).is_some() {
                return Err(InvalidValue::new(
                    "adjusted_working_days",
                    format!("days that are not also holidays; {date} is both"),
                ));
            }
        }
        Ok(self)
    }

    /// The name of the holiday on `date`, if it is one (dates are sorted once validated).
    pub fn holiday(&self, date: NaiveDate) -> Option<&str> {
        let index = self.holidays.binary_search_by_key(&date, |holiday| holiday.date).ok()?;
        Some(&self.holidays[index].name)
    }

    /// Whether `date` is an adjusted working day (dates are sorted once validated).
    pub fn is_adjusted_working_day(&self, date: NaiveDate) -> bool {
        self.adjusted_working_days.binary_search(&date).is_ok()
    }
}

/// The English name of `day`.
fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Whether `date` is a Saturday or a Sunday.
pub(super) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(holidays: &str, adjusted: &str) -> String {
        format!(
            r#"{{"region": "mainland", "year": 2026, "source": "test", "holidays": [{holidays}], "adjusted_working_days": [{adjusted}]}}"#
        )
    }

    #[test]
    fn a_valid_year_is_read_and_sorted() {
        let parsed = CalendarYear::parse(&year(
            r#"{"date": "2026-02-17", "name": " 春节 "}, {"date": "2026-01-01", "name": "元旦"}"#,
            r#""2026-02-28", "2026-02-14""#,
        ))
        .unwrap();
        assert_eq!(parsed.holidays[0].date, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(parsed.holiday(NaiveDate::from_ymd_opt(2026, 2, 17).unwrap()), Some("春节"));
        assert!(parsed.is_adjusted_working_day(NaiveDate::from_ymd_opt(2026, 2, 14).unwrap()));
        assert!(!parsed.is_adjusted_working_day(NaiveDate::from_ymd_opt(2026, 2, 15).unwrap()));
        assert_eq!(parsed.adjusted_working_days[0], NaiveDate::from_ymd_opt(2026, 2, 14).unwrap());
    }

    #[test]
    fn refusals_name_the_field_and_the_date() {
        let cases = [
            (year(r#"{"date": "2025-12-31", "name": "x"}"#, ""), "holidays", "2025-12-31"),
            (year(r#"{"date": "2026-01-01", "name": "  "}"#, ""), "holidays", "2026-01-01"),
            (
                year(r#"{"date": "2026-01-01", "name": "a"}, {"date": "2026-01-01", "name": "b"}"#, ""),
                "holidays",
                "twice",
            ),
            (year("", r#""2026-02-16""#), "adjusted_working_days", "Monday"),
            (year("", r#""2027-01-02""#), "adjusted_working_days", "2027-01-02"),
            (year(r#"{"date": "2026-02-14", "name": "x"}"#, r#""2026-02-14""#), "adjusted_working_days", "both"),
            (year("", r#""2026-02-14", "2026-02-14""#), "adjusted_working_days", "twice"),
            (year("", "").replace("mainland", "overseas"), "region", "weekends only"),
            (year("", "").replace("\"test\"", "\"\""), "source", "published"),
            (year("", "").replace("2026,", "1800,"), "year", "1949"),
            (year("", "").replace("\"year\"", "\"yaer\""), "calendar", "yaer"),
            ("{".to_owned(), "calendar", "line 1 column 1"),
        ];
        for (text, field, said) in cases {
            let refused = CalendarYear::parse(&text).unwrap_err();
            assert_eq!(refused.field, field, "{text}");
            assert!(refused.expected.contains(said), "{text}: {}", refused.expected);
        }
    }

    #[test]
    fn the_file_format_round_trips() {
        let parsed =
            CalendarYear::parse(&year(r#"{"date": "2026-01-01", "name": "元旦"}"#, r#""2026-01-04""#)).unwrap();
        let text = serde_json::to_string(&parsed).unwrap();
        assert_eq!(CalendarYear::parse(&text).unwrap(), parsed);
        assert!(text.contains(r#""region":"mainland""#));
    }
}
