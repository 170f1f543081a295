//! Which days are working days in a region, and when a deadline counted from a date falls due.
//!
//! **The convention** ([`WorkingCalendar::due`]):
//!
//! - The day the period starts from is never counted.
//! - *Working days* count only working days after it: 2 working days from a Friday are the
//!   Tuesday after, or later when a holiday intervenes; an adjusted working day (a Saturday
//!   worked, 调休上班) counts.
//! - *Days* and *months* count calendar time (a month later is the same day of the month, or
//!   that month's last day when it has no such day: 31 January + 1 month = 28 or 29 February).
//!   A due date that falls on a weekend or holiday moves to the next working day, as the PRC
//!   Civil Procedure Law (art. 85: 期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期)
//!   and the rules of court of Hong Kong (RHC Order 3) and Macao (Civil Procedure Code)
//!   count periods.
//! - A working day is a Monday to Friday that is not a holiday, or an adjusted working day.
//!   Years the calendar does not cover ([`WorkingCalendar::covers`]) have weekends only.
//!
//! Reminders ([`WorkingCalendar::reminders`]) go out [`REMINDER_WORKING_DAYS`] working days
//! before a due date, and on the day.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::year::{CalendarYear, is_weekend};
use crate::InvalidValue;
use crate::expertise::Region;

use super::{Offset, OffsetUnit};

/// How many working days before a due date the first reminder goes out.
pub const REMINDER_WORKING_DAYS: u32 = 3;

/// The working days of one region: weekends, and the holidays and adjusted working days of the
/// years it was given. Overseas has weekends only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingCalendar {
    region: Region,
    years: BTreeMap<i32, CalendarYear>,
}

impl WorkingCalendar {
    /// A calendar of `region` with no published years yet: weekends only.
    pub fn new(region: Region) -> Self {
        Self { region, years: BTreeMap::new() }
    }

    /// The region's calendar with the years kept in the repository ([`super::embedded`]).
    pub fn embedded(region: Region) -> Self {
        let mut calendar = Self::new(region);
        for year in super::embedded::years().iter().filter(|year| year.region == region) {
            calendar.years.insert(year.year, year.clone());
        }
        calendar
    }

    /// Adds `year`, checked ([`CalendarYear::validate`]), replacing any year of the same number;
    /// refused when it is another region's.
    pub fn insert(&mut self, year: CalendarYear) -> Result<(), InvalidValue> {
        if year.region != self.region {
            return Err(InvalidValue::new("region", format!("{}, the calendar's region", self.region)));
        }
        let year = year.validate()?;
        self.years.insert(year.year, year);
        Ok(())
    }

    /// Whose calendar this is.
    pub fn region(&self) -> Region {
        self.region
    }

    /// Whether `year`'s holidays are known: a published year was given (overseas: always, it
    /// has weekends only).
    pub fn covers(&self, year: i32) -> bool {
        self.region == Region::Overseas || self.years.contains_key(&year)
    }

    /// The published year `year`, if given.
    pub fn year(&self, year: i32) -> Option<&CalendarYear> {
        self.years.get(&year)
    }

    /// The published years, in order.
    pub fn years(&self) -> impl Iterator<Item = &CalendarYear> {
        self.years.values()
    }

    /// The name of the holiday on `date`, if it is one.
    pub fn holiday(&self, date: NaiveDate) -> Option<&str> {
        self.years.get(&date.year())?.holiday(date)
    }

    /// Whether `date` is a working day (see the module docs).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.years.get(&date.year()) {
            Some(year) if year.is_adjusted_working_day(date) => true,
            Some(year) if year.holiday(date).is_some() => false,
            _ => !is_weekend(date),
        }
    }

    /// `date` when it is a working day, else the next one.
    pub fn working_day_from(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        while !self.is_working_day(day) {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        day
    }

    /// When a period of `offset` counted from `from` ends (the convention of the module docs).
    /// Dates beyond chrono's range stop at its last day.
    pub fn due(&self, from: NaiveDate, offset: Offset) -> NaiveDate {
        match offset.unit {
            OffsetUnit::WorkingDays => self.working_days_after(from, offset.amount),
            OffsetUnit::Days => {
                self.working_day_from(from.checked_add_days(Days::new(offset.amount.into())).unwrap_or(NaiveDate::MAX))
            }
            OffsetUnit::Months => {
                self.working_day_from(from.checked_add_months(Months::new(offset.amount)).unwrap_or(NaiveDate::MAX))
            }
        }
    }

    /// When to remind of a deadline due on `due`: [`REMINDER_WORKING_DAYS`] working days before
    /// it, and on the day.
    pub fn reminders(&self, due: NaiveDate) -> [NaiveDate; 2] {
        let mut before = due;
        let mut counted = 0;
        while counted < REMINDER_WORKING_DAYS {
            match before.pred_opt() {
                Some(previous) => before = previous,
                None => break,
            }
            if self.is_working_day(before) {
                counted += 1;
            }
        }
        [before, due]
    }

    /// The `count`th working day after `from` (`from` itself when `count` is 0 and it is a
    /// working day, else the next working day).
    fn working_days_after(&self, from: NaiveDate, count: u32) -> NaiveDate {
        let mut day = from;
        let mut counted = 0;
        while counted < count {
            match day.succ_opt() {
                Some(next) => day = next,
                None => return day,
            }
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        self.working_day_from(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn mainland() -> WorkingCalendar {
        WorkingCalendar::embedded(Region::Mainland)
    }

    #[test]
    fn spring_festival_2026_and_its_adjusted_saturdays() {
        let calendar = mainland();
        assert!(calendar.covers(2026));
        // 2026-02-14 (Saturday) and 2026-02-28 (Saturday) are worked; 15–23 February are off.
        assert!(calendar.is_working_day(date(2026, 2, 14)));
        assert!(calendar.is_working_day(date(2026, 2, 28)));
        assert!(!calendar.is_working_day(date(2026, 2, 16)));
        assert!(!calendar.is_working_day(date(2026, 2, 23)));
        assert_eq!(calendar.holiday(date(2026, 2, 17)), Some("春节"));
        assert_eq!(calendar.holiday(date(2026, 2, 24)), None);
        // Friday 13 Feb + 2 working days: Saturday the 14th (worked), then Tuesday the 24th.
        assert_eq!(calendar.due(date(2026, 2, 13), Offset::working_days(2)), date(2026, 2, 24));
        // The same from Thursday 12 Feb: Friday 13th, Saturday 14th.
        assert_eq!(calendar.due(date(2026, 2, 12), Offset::working_days(2)), date(2026, 2, 14));
        // 5 days from 12 Feb fall on the 17th, a holiday: due on the 24th.
        assert_eq!(calendar.due(date(2026, 2, 12), Offset::days(5)), date(2026, 2, 24));
    }

    #[test]
    fn national_day_2026_moves_calendar_periods_and_skips_in_working_days() {
        let calendar = mainland();
        // Sunday 20 September 2026 is worked (调休), 1–7 October are off, Saturday 10 October is worked.
        assert!(calendar.is_working_day(date(2026, 9, 20)));
        assert!(calendar.is_working_day(date(2026, 10, 10)));
        assert_eq!(calendar.holiday(date(2026, 10, 3)), Some("国庆节"));
        // 30 days from 1 September: 1 October, a holiday → Thursday 8 October.
        assert_eq!(calendar.due(date(2026, 9, 1), Offset::days(30)), date(2026, 10, 8));
        // 1 month from 5 September: 5 October, a holiday → 8 October.
        assert_eq!(calendar.due(date(2026, 9, 5), Offset::months(1)), date(2026, 10, 8));
        // 20 working days from Wednesday 16 September: 17, 18, 20 (Sunday, worked), 21, 22, 23,
        // 24 (25–27 are 中秋 holidays), 28, 29, 30, 8, 9, 10 (Saturday, worked), 12, 13, 14, 15,
        // 16, 19, 20 October.
        assert_eq!(calendar.due(date(2026, 9, 16), Offset::working_days(20)), date(2026, 10, 20));
        // Without the published year, the same period ends two weeks earlier.
        let weekends = WorkingCalendar::new(Region::Mainland);
        assert!(!weekends.covers(2026));
        assert_eq!(weekends.due(date(2026, 9, 16), Offset::working_days(20)), date(2026, 10, 14));
    }

    #[test]
    fn months_clamp_to_the_month_end_then_move_off_weekends() {
        let calendar = WorkingCalendar::new(Region::Overseas);
        assert!(calendar.covers(2031));
        // 31 January 2026 + 1 month = 28 February 2026, a Saturday → Monday 2 March.
        assert_eq!(calendar.due(date(2026, 1, 31), Offset::months(1)), date(2026, 3, 2));
        // 31 March 2026 + 1 month = 30 April 2026, a Thursday.
        assert_eq!(calendar.due(date(2026, 3, 31), Offset::months(1)), date(2026, 4, 30));
        // Zero working days from a Sunday is the Monday after.
        assert_eq!(calendar.due(date(2026, 3, 1), Offset::working_days(0)), date(2026, 3, 2));
    }

    #[test]
    fn hong_kong_and_macau_have_their_own_holidays() {
        let hong_kong = WorkingCalendar::embedded(Region::HongKong);
        let macau = WorkingCalendar::embedded(Region::Macau);
        // 1 July, HKSAR Establishment Day (a Wednesday in 2026), is a working day in Macao.
        assert_eq!(hong_kong.holiday(date(2026, 7, 1)), Some("香港特別行政區成立紀念日"));
        assert!(!hong_kong.is_working_day(date(2026, 7, 1)));
        assert!(macau.is_working_day(date(2026, 7, 1)));
        assert_eq!(hong_kong.due(date(2026, 6, 30), Offset::working_days(1)), date(2026, 7, 2));
        // Macao's 20 December, MSAR Establishment Day, falls on a Sunday in 2026 and is made up on
        // Monday the 21st; 22 December is 冬至: 1 working day from Friday 18 December is the 23rd.
        assert_eq!(macau.holiday(date(2026, 12, 21)), Some("澳門特別行政區成立紀念日的補假"));
        assert_eq!(macau.due(date(2026, 12, 18), Offset::working_days(1)), date(2026, 12, 23));
        assert!(hong_kong.is_working_day(date(2026, 12, 21)));
        // Hong Kong's Easter: Good Friday 3 April 2026 to Tuesday 7 April (清明節 made up).
        assert_eq!(hong_kong.due(date(2026, 4, 2), Offset::days(1)), date(2026, 4, 8));
    }

    #[test]
    fn reminders_go_three_working_days_before_and_on_the_day() {
        let calendar = mainland();
        // Due Wednesday 8 October 2026: 3 working days before skips the National Day break
        // back to 28, 29, 30 September.
        assert_eq!(calendar.reminders(date(2026, 10, 8)), [date(2026, 9, 28), date(2026, 10, 8)]);
        // Due Monday 2 March 2026: Saturday 28 February is worked, so Thursday 26 February.
        assert_eq!(calendar.reminders(date(2026, 3, 2)), [date(2026, 2, 26), date(2026, 3, 2)]);
    }

    #[test]
    fn a_loaded_year_replaces_the_same_year_and_must_be_the_region_s() {
        let mut calendar = mainland();
        let mut year = calendar.year(2026).unwrap().clone();
        year.holidays.push(super::super::Holiday { date: date(2026, 3, 2), name: "测试".into() });
        calendar.insert(year.clone()).unwrap();
        assert!(!calendar.is_working_day(date(2026, 3, 2)));
        year.region = Region::Macau;
        assert_eq!(calendar.insert(year).unwrap_err().field, "region");
        assert_eq!(calendar.years().count(), 2);
    }

    #[test]
    fn the_last_representable_day_ends_every_count() {
        let calendar = WorkingCalendar::new(Region::Overseas);
        assert_eq!(calendar.due(NaiveDate::MAX, Offset::days(3)), NaiveDate::MAX);
        assert_eq!(calendar.due(NaiveDate::MAX, Offset::working_days(3)), NaiveDate::MAX);
    }
}
