//! IP offices by WIPO ST.3 code, and the trademark deadline rules the platform knows for them,
//! written as data. The arithmetic over these rules lives in [`crate::deadline`].
//!
//! Rules change: each [`Rule`] says when it is [`InForce`], and a rule applies to a period that
//! *starts* while it is in force (an opposition window by its publication date, a renewal term by
//! the day the term begins). Sources name the law or office guidance; re-check them before relying
//! on a date in advice.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{InvalidValue, Locale};

// Short names keep the office table below readable.
use Anchor::{
    DesignationNotification, Filing, PreliminaryApproval, Publication, Registration, RegistrationPublication,
};
use Period::{Days, Months, Years};
use TermEnd::{Anniversary, DayBefore, EndOfMonth};

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

/// A length of time as the law states it. Months and years are calendar units: adding them keeps
/// the day of the month, or the month's last day where that day does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar days.
    Days(u32),
    /// Calendar months.
    Months(u32),
    /// Calendar years.
    Years(u32),
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, unit) = match *self {
            Period::Days(n) => (n, "day"),
            Period::Months(n) => (n, "month"),
            Period::Years(n) => (n, "year"),
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

/// The event a period is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The filing (application) date.
    Filing,
    /// Publication of the application for opposition (gazette, journal, bulletin).
    Publication,
    /// CNIPA's preliminary-approval announcement (初步审定公告): China's publication for opposition.
    PreliminaryApproval,
    /// The registration (grant) date.
    Registration,
    /// Publication of the registration, which opens post-registration opposition (JP, DE).
    RegistrationPublication,
    /// The International Bureau's notification of a Madrid designation to the designated office.
    DesignationNotification,
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Anchor::Filing => "filing",
            Anchor::Publication => "publication",
            Anchor::PreliminaryApproval => "preliminary-approval publication",
            Anchor::Registration => "registration",
            Anchor::RegistrationPublication => "publication of the registration",
            Anchor::DesignationNotification => "notification of the designation",
        })
    }
}

/// The shape of an opposition window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum OppositionRule {
    /// A period that cannot be extended.
    Fixed {
        /// How long the window is open.
        period: Period,
        /// What it is counted from.
        from: Anchor,
    },
    /// A period that may be extended, up to `max` counted from the same anchor.
    Extensible {
        /// How long the window is open without extension.
        period: Period,
        /// The longest the window can become, counted from `from`.
        max: Period,
        /// What both are counted from.
        from: Anchor,
        /// How the extension is obtained.
        extension: &'static str,
    },
}

impl OppositionRule {
    /// The event the window is counted from.
    pub fn anchor(&self) -> Anchor {
        match *self {
            OppositionRule::Fixed { from, .. } | OppositionRule::Extensible { from, .. } => from,
        }
    }
}

impl fmt::Display for OppositionRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OppositionRule::Fixed { period, from } => write!(f, "{period} from {from}"),
            OppositionRule::Extensible { period, max, from, extension } => {
                write!(f, "{period} from {from}, extendable to {max} ({extension})")
            }
        }
    }
}

/// Where a registration term ends, counted from its start plus the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermEnd {
    /// On the anniversary date itself.
    Anniversary,
    /// On the day before the anniversary (the term runs "from D to D−1", as CNIPA and HK print it).
    DayBefore,
    /// On the last day of the anniversary's month; the grace period then also ends on a month's last day.
    EndOfMonth,
}

/// A renewable registration term and when it may, must and at the latest can be renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RenewalRule {
    /// Length of each term that starts while this rule is in force.
    pub term: Period,
    /// What the first term is counted from; later terms follow on.
    pub from: Anchor,
    /// Which day the term ends on.
    pub ends: TermEnd,
    /// How long before the term ends renewal may be requested.
    pub window: Period,
    /// How long after the term ends renewal is still accepted with a surcharge; `None` where the
    /// late period is not computable from the dates (it runs from an office notice).
    pub grace: Option<Period>,
}

impl fmt::Display for RenewalRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} terms from {}; renewable in the last {}", self.term, self.from, self.window)?;
        match self.grace {
            Some(grace) => write!(f, "; {grace} grace after expiry"),
            None => f.write_str("; late renewal period runs from an office notice"),
        }
    }
}

/// A one-off maintenance filing due at a fixed time after an anchor (the US §8 declaration of use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DeclarationRule {
    /// What the filing is called.
    pub name: &'static str,
    /// When it is due, counted from `from`.
    pub due: Period,
    /// What the due date is counted from.
    pub from: Anchor,
    /// How long before the due date it may be filed.
    pub window: Period,
    /// How long after the due date it is still accepted with a surcharge.
    pub grace: Period,
}

impl fmt::Display for DeclarationRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} due {} after {}; filable {} before; {} grace",
            self.name, self.due, self.from, self.window, self.grace
        )
    }
}

/// The dates between which a rule applies, both inclusive; `None` means open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct InForce {
    /// First day the rule applies.
    pub from: Option<NaiveDate>,
    /// Last day the rule applies.
    pub until: Option<NaiveDate>,
}

impl InForce {
    /// A rule with no known start or end.
    pub const ALWAYS: InForce = InForce { from: None, until: None };

    /// Whether the rule applies to a period starting on `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= date) && self.until.is_none_or(|until| date <= until)
    }
}

/// A rule of shape `T`, when it applies, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule<T> {
    /// The rule itself.
    pub shape: T,
    /// When it applies.
    pub in_force: InForce,
    /// The law or office guidance it comes from.
    pub source: &'static str,
}

impl<T> Rule<T> {
    /// The rule among `rules` that applies to a period starting on `date`.
    pub fn on(rules: &[Rule<T>], date: NaiveDate) -> Option<&Rule<T>> {
        rules.iter().find(|r| r.in_force.covers(date))
    }
}

/// An office's name in the three UI languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OfficeName {
    /// 简体中文
    pub zh_hans: &'static str,
    /// 繁體中文
    pub zh_hant: &'static str,
    /// English
    pub en: &'static str,
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

const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("a valid calendar date"),
    }
}

const fn always<T>(shape: T, source: &'static str) -> Rule<T> {
    Rule { shape, in_force: InForce::ALWAYS, source }
}

const fn fixed(period: Period, from: Anchor, source: &'static str) -> Rule<OppositionRule> {
    always(OppositionRule::Fixed { period, from }, source)
}

const fn renew(term: Period, from: Anchor, ends: TermEnd, window: Period, grace: Period) -> RenewalRule {
    RenewalRule { term, from, ends, window, grace: Some(grace) }
}

const fn name(zh_hans: &'static str, zh_hant: &'static str, en: &'static str) -> OfficeName {
    OfficeName { zh_hans, zh_hant, en }
}

/// The KR amendment shortening opposition to 30 days applies to publications from this day.
const KR_30_DAYS: NaiveDate = ymd(2025, 7, 22);
/// Canadian registrations and renewals from this day run 10 years instead of 15.
const CA_10_YEARS: NaiveDate = ymd(2019, 6, 17);
/// French terms starting from this day run date to date (ordonnance 2019-1169, décret 2019-1316).
const FR_DATE_TO_DATE: NaiveDate = ymd(2019, 12, 11);

const OFFICES: [Office; 15] = [
    Office {
        code: OfficeCode::of("CN"),
        name: name("国家知识产权局", "國家知識產權局", "China National Intellectual Property Administration (CNIPA)"),
        opposition: &[fixed(Months(3), PreliminaryApproval, "中华人民共和国商标法 (2019) 第33条")],
        renewal: &[always(
            renew(Years(10), Registration, DayBefore, Months(12), Months(6)),
            "中华人民共和国商标法 (2019) 第39条、第40条",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("US"),
        name: name("美国专利商标局", "美國專利商標局", "United States Patent and Trademark Office (USPTO)"),
        opposition: &[always(
            OppositionRule::Extensible {
                period: Days(30),
                max: Days(180),
                from: Publication,
                extension: "requests for extension of time to oppose, for cause or with consent",
            },
            "15 U.S.C. §1063(a); 37 C.F.R. §2.102",
        )],
        renewal: &[always(
            renew(Years(10), Registration, Anniversary, Years(1), Months(6)),
            "15 U.S.C. §1058–1059 (§8 declaration and §9 renewal together); 37 C.F.R. §2.160, §2.182",
        )],
        declarations: &[always(
            DeclarationRule {
                name: "§8 declaration of use",
                due: Years(6),
                from: Registration,
                window: Years(1),
                grace: Months(6),
            },
            "15 U.S.C. §1058(a)(1), (3); 37 C.F.R. §2.160",
        )],
    },
    Office {
        code: OfficeCode::of("EM"),
        name: name("欧盟知识产权局", "歐盟知識產權局", "European Union Intellectual Property Office (EUIPO)"),
        opposition: &[fixed(Months(3), Publication, "Regulation (EU) 2017/1001 (EUTMR) Art. 46(1)")],
        renewal: &[always(
            renew(Years(10), Filing, Anniversary, Months(6), Months(6)),
            "Regulation (EU) 2017/1001 (EUTMR) Art. 52–53",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("GB"),
        name: name("英国知识产权局", "英國知識產權局", "UK Intellectual Property Office (UKIPO)"),
        opposition: &[always(
            OppositionRule::Extensible {
                period: Months(2),
                max: Months(3),
                from: Publication,
                extension: "notice of threatened opposition (Form TM7A) filed within the first 2 months",
            },
            "Trade Marks Rules 2008 r.17",
        )],
        renewal: &[always(
            renew(Years(10), Filing, Anniversary, Months(6), Months(6)),
            "Trade Marks Act 1994 s.42–43; Trade Marks Rules 2008 r.35–36",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("JP"),
        name: name("日本特许厅", "日本特許廳", "Japan Patent Office (JPO)"),
        opposition: &[fixed(Months(2), RegistrationPublication, "商標法 (Trademark Act of Japan) 第43条の2")],
        renewal: &[always(
            renew(Years(10), Registration, Anniversary, Months(6), Months(6)),
            "商標法 (Trademark Act of Japan) 第19条、第20条",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("KR"),
        name: name("韩国知识产权局", "韓國知識產權局", "Korean Intellectual Property Office (KIPO)"),
        opposition: &[
            Rule {
                shape: OppositionRule::Fixed { period: Months(2), from: Publication },
                in_force: InForce { from: None, until: Some(ymd(2025, 7, 21)) },
                source: "상표법 (Trademark Act of Korea) Art. 60(1), before the amendment of 2025",
            },
            Rule {
                shape: OppositionRule::Fixed { period: Days(30), from: Publication },
                in_force: InForce { from: Some(KR_30_DAYS), until: None },
                source: "상표법 (Trademark Act of Korea) Art. 60(1) as amended, for publications from 2025-07-22",
            },
        ],
        renewal: &[always(
            renew(Years(10), Registration, Anniversary, Years(1), Months(6)),
            "상표법 (Trademark Act of Korea) Art. 83–84",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("WO"),
        name: name(
            "世界知识产权组织国际局（马德里体系）",
            "世界知識產權組織國際局（馬德里體系）",
            "WIPO International Bureau (Madrid System)",
        ),
        opposition: &[always(
            OppositionRule::Extensible {
                period: Months(12),
                max: Months(18),
                from: DesignationNotification,
                extension: "where the designated party declared 18 months; oppositions are filed in each designated office",
            },
            "Madrid Protocol Art. 5(2)(a)–(b)",
        )],
        renewal: &[always(
            renew(Years(10), Registration, Anniversary, Months(3), Months(6)),
            "Madrid Protocol Art. 6(1), 7(1), 7(4); Common Regulations Rule 30(1)",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("AU"),
        name: name("澳大利亚知识产权局", "澳洲知識產權局", "IP Australia"),
        opposition: &[fixed(Months(2), Publication, "Trade Marks Regulations 1995 (Cth) reg 5.6")],
        renewal: &[always(
            renew(Years(10), Filing, Anniversary, Months(12), Months(6)),
            "Trade Marks Act 1995 (Cth) s.72(3), 77, 79; reg 7.3; IP Australia Trade Marks Manual",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("CA"),
        name: name("加拿大知识产权局", "加拿大知識產權局", "Canadian Intellectual Property Office (CIPO)"),
        opposition: &[fixed(Months(2), Publication, "Trademarks Act (Canada) s.38(1)")],
        renewal: &[
            Rule {
                shape: RenewalRule {
                    term: Years(15),
                    from: Registration,
                    ends: Anniversary,
                    window: Months(6),
                    grace: None,
                },
                in_force: InForce { from: None, until: Some(ymd(2019, 6, 16)) },
                source: "Trademarks Act (Canada) s.46, before the amendments in force 2019-06-17",
            },
            Rule {
                shape: RenewalRule {
                    term: Years(10),
                    from: Registration,
                    ends: Anniversary,
                    window: Months(6),
                    grace: None,
                },
                in_force: InForce { from: Some(CA_10_YEARS), until: None },
                source: "Trademarks Act (Canada) s.46 as amended in force 2019-06-17; late renewal within 6 months of the Registrar's notice",
            },
        ],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("BR"),
        name: name(
            "巴西国家工业产权局",
            "巴西國家工業產權局",
            "National Institute of Industrial Property of Brazil (INPI)",
        ),
        opposition: &[fixed(Days(60), Publication, "Lei 9.279/1996 art. 158 (publication before examination)")],
        renewal: &[always(renew(Years(10), Registration, Anniversary, Years(1), Months(6)), "Lei 9.279/1996 art. 133")],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("IN"),
        name: name(
            "印度专利、外观设计和商标总局",
            "印度專利、外觀設計及商標總局",
            "Office of the Controller General of Patents, Designs and Trade Marks (India)",
        ),
        opposition: &[fixed(Months(4), Publication, "Trade Marks Act 1999 s.21(1); Trade Marks Rules 2017 r.42")],
        renewal: &[always(
            renew(Years(10), Filing, Anniversary, Years(1), Months(6)),
            "Trade Marks Act 1999 s.23(2), s.25; Trade Marks Rules 2017 r.57–58",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("HK"),
        name: name("香港特别行政区知识产权署", "香港特別行政區知識產權署", "Intellectual Property Department, HKSAR"),
        opposition: &[always(
            OppositionRule::Extensible {
                period: Months(3),
                max: Months(5),
                from: Publication,
                extension: "extension of up to 2 months on request",
            },
            "Trade Marks Rules (Cap. 559A) r.16",
        )],
        renewal: &[always(
            renew(Years(10), Filing, DayBefore, Months(6), Months(6)),
            "Trade Marks Ordinance (Cap. 559) s.48–50 (registration date is the filing date)",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("MO"),
        name: name(
            "澳门特别行政区经济及科技发展局",
            "澳門特別行政區經濟及科技發展局",
            "Economic and Technological Development Bureau, Macao SAR",
        ),
        opposition: &[fixed(
            Months(2),
            Publication,
            "Industrial Property Code (Decree-Law 97/99/M): opposition after publication, before examination",
        )],
        renewal: &[always(
            renew(Years(7), Registration, Anniversary, Months(6), Months(6)),
            "Industrial Property Code (Decree-Law 97/99/M): 7-year terms from grant",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("DE"),
        name: name("德国专利商标局", "德國專利商標局", "German Patent and Trade Mark Office (DPMA)"),
        opposition: &[fixed(Months(3), RegistrationPublication, "Markengesetz §42(1)")],
        renewal: &[always(
            renew(Years(10), Filing, EndOfMonth, Months(6), Months(6)),
            "Markengesetz §47(1), (3); PatKostG §5(2), §7(1)",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("FR"),
        name: name(
            "法国国家工业产权局",
            "法國國家工業產權局",
            "National Institute of Industrial Property of France (INPI)",
        ),
        opposition: &[fixed(Months(2), Publication, "Code de la propriété intellectuelle art. L712-4, R712-13")],
        renewal: &[
            Rule {
                shape: renew(Years(10), Filing, EndOfMonth, Months(6), Months(6)),
                in_force: InForce { from: None, until: Some(ymd(2019, 12, 10)) },
                source: "Code de la propriété intellectuelle art. L712-9, R712-24 before 2019-12-11",
            },
            Rule {
                shape: renew(Years(10), Filing, Anniversary, Years(1), Months(6)),
                in_force: InForce { from: Some(FR_DATE_TO_DATE), until: None },
                source: "Code de la propriété intellectuelle art. L712-1, L712-9, R712-24 (ordonnance 2019-1169)",
            },
        ],
        declarations: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

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
        let rule = serde_json::to_value(Office::find(parsed).map(|o| o.opposition[0])).expect("serialisable");
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
