//! Calendar dates as written in queries: whole years, months or days, validated against the calendar.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A valid proleptic-Gregorian calendar day between 0001-01-01 and 9999-12-31.
///
/// Ordering is chronological. Serialised as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, or `None` when it is not on the calendar (month 13, 30 February, year 0 or above 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// The year, 1–9999.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

impl TryFrom<String> for Date {
    type Error = String;

    fn try_from(text: String) -> Result<Date, String> {
        match DateSpec::parse(&text) {
            Ok(DateSpec::Day(date)) => Ok(date),
            Ok(_) => Err(format!("{text}: expected a full date YYYY-MM-DD")),
            Err(problem) => Err(format!("{text}: expected {problem}")),
        }
    }
}

/// Number of days in a month of a year (leap years by the Gregorian rule).
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date as a user wrote it: a whole year, a whole month or one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateSpec {
    Year(u16),
    Month(u16, u8),
    Day(Date),
}

/// What a date should have looked like, for the parser's error message.
pub(crate) const DATE_FORMS: &str = "a date: YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD or 2020年5月17日";

impl DateSpec {
    /// Reads `2020`, `2020-05`, `2020-5-17`, `2020/05/17`, `2020.05.17`, `20200517`, `2020年`,
    /// `2020年5月`, `2020年5月17日`. The error says what was wrong, ready for "expected …".
    pub(crate) fn parse(text: &str) -> Result<DateSpec, String> {
        let parts = split_date(text).ok_or_else(|| DATE_FORMS.to_owned())?;
        let year = parse_number(parts.0, 4, 4).ok_or_else(|| DATE_FORMS.to_owned())?;
        if year == 0 {
            return Err("a year from 0001 to 9999".to_owned());
        }
        let Some(month_text) = parts.1 else {
            return Ok(DateSpec::Year(year));
        };
        let month = parse_number(month_text, 1, 2).ok_or_else(|| DATE_FORMS.to_owned())?;
        let month = u8::try_from(month)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| "a month from 01 to 12".to_owned())?;
        let Some(day_text) = parts.2 else {
            return Ok(DateSpec::Month(year, month));
        };
        let day = parse_number(day_text, 1, 2).ok_or_else(|| DATE_FORMS.to_owned())?;
        let day = u8::try_from(day).unwrap_or(u8::MAX);
        Date::new(year, month, day)
            .map(DateSpec::Day)
            .ok_or_else(|| format!("a day that exists ({year:04}-{month:02} has {} days)", days_in_month(year, month)))
    }

    /// The first day the written date covers.
    pub(crate) fn first_day(self) -> Date {
        match self {
            DateSpec::Year(year) => Date { year, month: 1, day: 1 },
            DateSpec::Month(year, month) => Date { year, month, day: 1 },
            DateSpec::Day(date) => date,
        }
    }

    /// The last day the written date covers.
    pub(crate) fn last_day(self) -> Date {
        match self {
            DateSpec::Year(year) => Date { year, month: 12, day: 31 },
            DateSpec::Month(year, month) => Date { year, month, day: days_in_month(year, month) },
            DateSpec::Day(date) => date,
        }
    }
}

/// Splits a written date into year, month and day texts; `None` when the shape is not a date at all.
fn split_date(text: &str) -> Option<(&str, Option<&str>, Option<&str>)> {
    if text.contains('年') {
        let (year, rest) = text.split_once('年')?;
        if rest.is_empty() {
            return Some((year, None, None));
        }
        let (month, rest) = rest.split_once('月')?;
        if rest.is_empty() {
            return Some((year, Some(month), None));
        }
        let day = rest.strip_suffix('日').or_else(|| rest.strip_suffix('号'))?;
        return Some((year, Some(month), Some(day)));
    }
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some((&text[..4], Some(&text[4..6]), Some(&text[6..])));
    }
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'));
    let parts: Vec<&str> = match separator {
        Some(separator) => text.split(separator).collect(),
        None => vec![text],
    };
    match parts.as_slice() {
        [year] => Some((year, None, None)),
        [year, month] => Some((year, Some(month), None)),
        [year, month, day] => Some((year, Some(month), Some(day))),
        _ => None,
    }
}

/// An ASCII-digit number of `min..=max` digits.
fn parse_number(text: &str, min: usize, max: usize) -> Option<u16> {
    let ok = (min..=max).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    if ok { text.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).expect("valid test date")
    }

    #[test]
    fn calendar_is_checked() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2023, 4, 31).is_none());
        assert!(Date::new(2023, 13, 1).is_none());
        assert!(Date::new(0, 1, 1).is_none());
    }

    #[test]
    fn written_forms() {
        assert_eq!(DateSpec::parse("2020"), Ok(DateSpec::Year(2020)));
        assert_eq!(DateSpec::parse("2020-05"), Ok(DateSpec::Month(2020, 5)));
        assert_eq!(DateSpec::parse("2020-5-7"), Ok(DateSpec::Day(day(2020, 5, 7))));
        assert_eq!(DateSpec::parse("2020/05/07"), Ok(DateSpec::Day(day(2020, 5, 7))));
        assert_eq!(DateSpec::parse("2020.05.07"), Ok(DateSpec::Day(day(2020, 5, 7))));
        assert_eq!(DateSpec::parse("20200507"), Ok(DateSpec::Day(day(2020, 5, 7))));
        assert_eq!(DateSpec::parse("2020年"), Ok(DateSpec::Year(2020)));
        assert_eq!(DateSpec::parse("2020年5月"), Ok(DateSpec::Month(2020, 5)));
        assert_eq!(DateSpec::parse("2020年5月7日"), Ok(DateSpec::Day(day(2020, 5, 7))));
    }

    #[test]
    fn bad_forms_say_why() {
        assert!(DateSpec::parse("2023-02-30").is_err_and(|e| e.contains("28 days")));
        assert!(DateSpec::parse("2023-13").is_err_and(|e| e.contains("month")));
        assert!(DateSpec::parse("0000").is_err());
        assert!(DateSpec::parse("20").is_err());
        assert!(DateSpec::parse("2020-").is_err());
        assert!(DateSpec::parse("2020--01").is_err());
        assert!(DateSpec::parse("2020-01-01-01").is_err());
        assert!(DateSpec::parse("2020-01/01").is_err());
        assert!(DateSpec::parse("abcd").is_err());
        assert!(DateSpec::parse("").is_err());
        assert!(DateSpec::parse("２０２０").is_err());
    }

    #[test]
    fn periods_cover_whole_days() {
        assert_eq!(DateSpec::Year(2020).last_day(), day(2020, 12, 31));
        assert_eq!(DateSpec::Month(2024, 2).last_day(), day(2024, 2, 29));
        assert_eq!(DateSpec::Month(2024, 2).first_day(), day(2024, 2, 1));
    }

    #[test]
    fn serde_uses_iso_text() {
        let json = serde_json::to_string(&day(2021, 3, 4)).expect("serialise");
        assert_eq!(json, "\"2021-03-04\"");
        let back: Date = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(back, day(2021, 3, 4));
        assert!(serde_json::from_str::<Date>("\"2021-02-30\"").is_err());
    }
}
