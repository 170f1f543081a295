//! Dates: filings spread over 2000–2026 the way filing volumes grew, and the fixed "today" that
//! statuses are judged against (a fixed day, not the clock, so output never depends on when it runs).

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::dice::Dice;

/// The day the generated registers describe: events after it have not happened yet.
pub(crate) const AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2026, 6, 30) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// First filing year.
const FIRST_YEAR: i32 = 2000;

/// Relative filing volume per year from 2000, growing about tenfold to the 2020s peak; 2026 counts
/// only its first half.
const YEAR_WEIGHTS: [u32; 27] = [
    10, 11, 12, 14, 16, 18, 20, 22, 24, 26, 28, 32, 36, 40, 45, 52, 65, 80, 100, 110, 115, 120, 120, 115, 110, 105, 50,
];

/// A filing date between 2000-01-01 and [`AS_OF`].
pub(crate) fn filing_date(dice: &mut Dice) -> NaiveDate {
    let total: u64 = YEAR_WEIGHTS.iter().map(|&w| u64::from(w)).sum();
    let mut roll = dice.below(total);
    let mut year = FIRST_YEAR;
    for weight in YEAR_WEIGHTS {
        let weight = u64::from(weight);
        if roll < weight {
            break;
        }
        roll -= weight;
        year += 1;
    }
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(AS_OF);
    after(start, dice.below(365)).min(AS_OF)
}

/// `date` plus `days`; saturates at the calendar's end, which no generated date reaches.
pub(crate) fn after(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}

/// `date` minus `days`.
pub(crate) fn before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap_or(NaiveDate::MIN)
}

/// `date` plus whole years (29 February becomes 28 February).
pub(crate) fn plus_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(12 * years)).unwrap_or(NaiveDate::MAX)
}

/// A day between `low` and `high` days after `date`.
pub(crate) fn some_days_after(dice: &mut Dice, date: NaiveDate, low: u64, high: u64) -> NaiveDate {
    after(date, dice.between(low, high))
}

/// The filing year, for numbers that embed it.
pub(crate) fn year(date: NaiveDate) -> u32 {
    date.year().unsigned_abs()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dice::Stream;

    #[test]
    fn filings_fall_between_2000_and_as_of_and_grow() {
        let mut dice = Dice::new(4, Stream::Trademark, 0);
        let mut early = 0;
        let mut late = 0;
        for _ in 0..20_000 {
            let date = filing_date(&mut dice);
            assert!(date >= NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(AS_OF) && date <= AS_OF);
            match date.year() {
                2000..=2004 => early += 1,
                2019..=2023 => late += 1,
                _ => {}
            }
        }
        assert!(late > 5 * early, "{early} {late}");
    }
}
