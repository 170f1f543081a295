//! The calendars kept in the repository (`crates/zhichan-domain/data/calendar/`), built by
//! `scripts/calendar/build.py` from published sources and compiled in as the default years.
//! Mainland China 2027 is not here: its holiday arrangement was not in the sources when they
//! were built; an administrator loads it as data once published (docs/CALENDARS.md).

use std::sync::OnceLock;

use super::CalendarYear;

/// Each embedded file: its name and text.
const FILES: &[(&str, &str)] = &[
    ("mainland-2025.json", include_str!("../../data/calendar/mainland-2025.json")),
    ("mainland-2026.json", include_str!("../../data/calendar/mainland-2026.json")),
    ("hong_kong-2025.json", include_str!("../../data/calendar/hong_kong-2025.json")),
    ("hong_kong-2026.json", include_str!("../../data/calendar/hong_kong-2026.json")),
    ("hong_kong-2027.json", include_str!("../../data/calendar/hong_kong-2027.json")),
    ("macau-2025.json", include_str!("../../data/calendar/macau-2025.json")),
    ("macau-2026.json", include_str!("../../data/calendar/macau-2026.json")),
    ("macau-2027.json", include_str!("../../data/calendar/macau-2027.json")),
];

/// Every embedded year, read once. The files are checked by this module's test, so reading them
/// cannot fail in a build that passed it.
pub fn years() -> &'static [CalendarYear] {
    static YEARS: OnceLock<Vec<CalendarYear>> = OnceLock::new();
    YEARS.get_or_init(|| {
        FILES
            .iter()
            .map(|(name, text)| {
                CalendarYear::parse(text).unwrap_or_else(|refused| panic!("embedded calendar {name}: {refused}"))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expertise::Region;

    #[test]
    fn every_file_is_valid_and_named_by_its_region_and_year() {
        assert_eq!(years().len(), FILES.len());
        for ((name, _), year) in FILES.iter().zip(years()) {
            assert_eq!(*name, format!("{}-{}.json", year.region, year.year));
            assert!(!year.holidays.is_empty(), "{name}");
        }
        let mainland: Vec<i32> = years().iter().filter(|y| y.region == Region::Mainland).map(|y| y.year).collect();
        assert_eq!(mainland, [2025, 2026]);
        assert!(years().iter().all(|y| y.region == Region::Mainland || y.adjusted_working_days.is_empty()));
    }
}
