//! IP offices by WIPO ST.3 code, and the trademark deadline rules the platform knows for them,
//! written as data. The arithmetic over these rules lives in [`crate::deadline`].
//!
//! Rules change: each [`Rule`] says when it is [`InForce`], and a rule applies to a period that
//! *starts* while it is in force (an opposition window by its publication date, a renewal term by
//! the day the term begins). Sources name the law or office guidance; re-check them before relying
//! on a date in advice.

mod rules;
mod table;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{InvalidValue, Locale};

pub use rules::*;
use table::OFFICES;

/// An IP office or territory by its WIPO ST.3 code: exactly two ASCII upper-case letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OfficeCode([u8; 2]);

impl OfficeCode {
    /// Parses a WIPO ST.3 code after trimming spaces: two upper-case letters naming a known state,
    /// territory or organisation. Lower case is refused: office data always uses upper case, so
    /// lower case points to a mixed-up field.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        match input.trim().as_bytes() {
            &[a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() && crate::st3::is_known(input.trim()) => {
                Ok(Self([a, b]))
            }
            _ => Err(InvalidValue::new("office", "a WIPO ST.3 code such as CN, US, EM (two upper-case letters)")),
        }
    }

    /// A code known at compile time; an invalid literal fails the build.
    const fn of(code: &str) -> Self {
        match code.as_bytes() {
            &[a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Self([a, b]),
            _ => panic!("an ST.3 code is two upper-case letters"),
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII upper-case letters by construction, so this is always valid UTF-8.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl fmt::Display for OfficeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for OfficeCode {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<OfficeCode> for String {
    fn from(value: OfficeCode) -> Self {
        value.as_str().to_owned()
    }
}

/// An office the platform knows trademark rules for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Office {
    /// Its ST.3 code.
    pub code: OfficeCode,
    /// Its name.
    pub name: OfficeName,
    /// Opposition windows (for WO: the designated offices' refusal period), oldest first.
    pub opposition: &'static [Rule<OppositionRule>],
    /// Registration terms and renewal, oldest first.
    pub renewal: &'static [Rule<RenewalRule>],
    /// One-off maintenance filings besides renewal.
    pub declarations: &'static [Rule<DeclarationRule>],
}

impl Office {
    /// Every office with rules, in the order of the design table (FR last).
    pub fn all() -> &'static [Office] {
        &OFFICES
    }

    /// The office with this code, if the platform knows its rules.
    pub fn find(code: OfficeCode) -> Option<&'static Office> {
        OFFICES.iter().find(|o| o.code == code)
    }

    /// The office's name in `locale`.
    pub fn name_in(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::ZhHans => self.name.zh_hans,
            Locale::ZhHant => self.name.zh_hant,
            Locale::En => self.name.en,
        }
    }
}

/// The 27 EU member states, which an EU trade mark (and a Madrid designation of EM) covers.
const EU_MEMBERS: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Whether a Madrid designation of `designated` protects the mark in `territory`.
///
/// A designation covers the designated party's own territory; EM covers the EU member states and
/// BX the Benelux countries. China's designation covers the mainland only: Hong Kong and Macao
/// have their own registers outside the Madrid system, so marks need separate HK and MO filings.
pub fn designation_covers(designated: OfficeCode, territory: OfficeCode) -> bool {
    designated == territory
        || match designated.as_str() {
            "EM" => EU_MEMBERS.contains(&territory.as_str()),
            "BX" => ["BE", "NL", "LU"].contains(&territory.as_str()),
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::table::ymd;
    use super::*;
    use Anchor::Publication;
    use Period::{Days, Months};

    fn code(s: &str) -> OfficeCode {
        OfficeCode::parse(s).expect("valid code")
    }

    #[test]
    fn codes_are_two_upper_case_letters() {
        assert_eq!(code(" CN ").as_str(), "CN");
        assert_eq!(code("WO").to_string(), "WO");
        for bad in ["", "C", "cn", "CHN", "C1", "中国", "Cn"] {
            let err = OfficeCode::parse(bad).expect_err(bad);
            assert_eq!(err.field, "office");
        }
    }

    #[test]
    fn codes_round_trip_through_serde_strings() {
        let parsed = OfficeCode::try_from("HK".to_owned()).expect("valid");
        assert_eq!(String::from(parsed), "HK");
        assert!(OfficeCode::try_from("hk".to_owned()).is_err());
        assert_eq!(serde_json::to_string(&parsed).ok().as_deref(), Some("\"HK\""));
        assert!(serde_json::from_str::<OfficeCode>("\"hk\"").is_err());
        let rule = serde_json::to_value(Office::find(parsed).map(|o| &o.opposition[0])).expect("serialisable");
        assert_eq!(rule["shape"]["shape"], "extensible");
    }

    #[test]
    fn every_office_is_found_once_with_three_names() {
        let mut codes: Vec<&str> = Office::all().iter().map(|o| o.code.as_str()).collect();
        assert_eq!(codes.len(), 15);
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 15, "duplicate office code");
        for office in Office::all() {
            assert_eq!(Office::find(office.code).map(|o| o.code), Some(office.code));
            for locale in Locale::ALL {
                assert!(!office.name_in(locale).trim().is_empty(), "{} has no {:?} name", office.code, locale);
            }
        }
        assert!(Office::find(code("FJ")).is_none());
        assert_eq!(Office::find(code("CN")).map(|o| o.name_in(Locale::ZhHant)), Some("國家知識產權局"));
    }

    /// Rule tables must leave no gap and no overlap, or some dates would get no rule or two.
    #[test]
    fn rule_periods_follow_each_other_without_gaps() {
        fn check<T>(office: OfficeCode, rules: &[Rule<T>]) {
            assert!(!rules.is_empty(), "{office}: no rule");
            assert!(rules[0].in_force.from.is_none(), "{office}: the oldest rule must be open-ended");
            assert!(rules[rules.len() - 1].in_force.until.is_none(), "{office}: the newest rule must be open-ended");
            for pair in rules.windows(2) {
                let until = pair[0].in_force.until.expect("a closed rule");
                assert_eq!(until.succ_opt(), pair[1].in_force.from, "{office}: gap or overlap after {until}");
            }
            assert!(rules.iter().all(|r| !r.source.trim().is_empty()), "{office}: a rule without source");
        }
        for office in Office::all() {
            check(office.code, office.opposition);
            check(office.code, office.renewal);
        }
    }

    #[test]
    fn korea_changed_to_thirty_days_on_22_july_2025() {
        let kr = Office::find(code("KR")).expect("KR known");
        let before = Rule::on(kr.opposition, ymd(2025, 7, 21)).expect("rule");
        let after = Rule::on(kr.opposition, ymd(2025, 7, 22)).expect("rule");
        assert_eq!(before.shape, OppositionRule::Fixed { period: Months(2), from: Publication });
        assert_eq!(after.shape, OppositionRule::Fixed { period: Days(30), from: Publication });
        assert_eq!(after.shape.to_string(), "30 days from publication");
    }

    #[test]
    fn chinese_designations_do_not_reach_hong_kong_or_macao() {
        assert!(designation_covers(code("CN"), code("CN")));
        assert!(!designation_covers(code("CN"), code("HK")));
        assert!(!designation_covers(code("CN"), code("MO")));
        assert!(designation_covers(code("EM"), code("FR")));
        assert!(!designation_covers(code("EM"), code("GB")));
        assert!(designation_covers(code("BX"), code("LU")));
    }

    /// Every office code in the table is a real ST.3 code (checked against WIPO's list).
    #[test]
    fn office_codes_are_in_the_wipo_st3_list() {
        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/wipo-st3-office-codes/st3_codes_v2007.csv");
        let Ok(csv) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} is absent");
            return;
        };
        let known: Vec<&str> = csv.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
        for office in Office::all() {
            assert!(known.contains(&office.code.as_str()), "{} is not an ST.3 code", office.code);
        }
        for member in EU_MEMBERS {
            assert!(known.contains(&member), "{member} is not an ST.3 code");
        }
    }
}
