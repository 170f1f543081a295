//! Trademark deadlines computed from the office rules in [`crate::office`]: when an opposition
//! window closes and when a registration must be renewed.
//!
//! Pure calendar arithmetic on [`NaiveDate`]. Adding months keeps the day of the month or, where
//! that day does not exist, takes the month's last day (31 Jan + 1 month = 28 or 29 Feb), as the
//! offices and the PRC Civil Code (art. 203) count periods. Every result carries the rule it
//! applied and that rule's source, so an alert can say why it fires. Dates are not moved off
//! weekends or office holidays: a watch warns early rather than late.

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::office::{Anchor, DeclarationRule, Office, OfficeCode, OppositionRule, Period, RenewalRule, Rule, TermEnd};
use crate::records::TrademarkDates;

/// The dates a rule may count from; unknown ones are `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AnchorDates {
    /// Filing (application) date.
    pub filing: Option<NaiveDate>,
    /// Publication for opposition; for CN, the preliminary-approval announcement (初步审定公告).
    pub publication: Option<NaiveDate>,
    /// Registration (grant) date; for WO, the international registration date.
    pub registration: Option<NaiveDate>,
    /// Publication of the registration (JP, DE post-registration opposition).
    pub registration_publication: Option<NaiveDate>,
    /// The International Bureau's notification of a Madrid designation.
    pub designation_notification: Option<NaiveDate>,
}

impl AnchorDates {
    /// The date `anchor` fell on, if known.
    pub fn get(&self, anchor: Anchor) -> Option<NaiveDate> {
        match anchor {
            Anchor::Filing => self.filing,
            // CNIPA publishes an application once, at preliminary approval.
            Anchor::Publication | Anchor::PreliminaryApproval => self.publication,
            Anchor::Registration => self.registration,
            Anchor::RegistrationPublication => self.registration_publication,
            Anchor::DesignationNotification => self.designation_notification,
        }
    }
}

impl From<&TrademarkDates> for AnchorDates {
    fn from(dates: &TrademarkDates) -> Self {
        Self {
            filing: dates.filing,
            publication: dates.publication,
            registration: dates.registration,
            ..Self::default()
        }
    }
}

impl Period {
    /// The date this period after `date`, or `None` beyond the calendar's range.
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Days(n) => date.checked_add_days(chrono::Days::new(n.into())),
            _ => date.checked_add_months(chrono::Months::new(self.whole_months()?)),
        }
    }

    /// The date this period before `date`, or `None` beyond the calendar's range.
    pub fn before(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Days(n) => date.checked_sub_days(chrono::Days::new(n.into())),
            _ => date.checked_sub_months(chrono::Months::new(self.whole_months()?)),
        }
    }

    /// The period in months; `None` for days, which do not convert.
    fn whole_months(self) -> Option<u32> {
        match self {
            Period::Days(_) => None,
            Period::Months(n) => Some(n),
            Period::Years(n) => n.checked_mul(12),
        }
    }
}

/// The last day of `date`'s month.
pub fn last_day_of_month(date: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year(), date.month(), 1)?.checked_add_months(chrono::Months::new(1))?.pred_opt()
}

/// When an opposition window closes, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The office whose rule applied.
    pub office: OfficeCode,
    /// The event the window counts from.
    pub anchor: Anchor,
    /// The day that event fell on.
    pub anchor_date: NaiveDate,
    /// The last day to oppose without extension.
    pub due: NaiveDate,
    /// The last day reachable by extension, for extensible windows.
    pub extendable_to: Option<NaiveDate>,
    /// The rule applied.
    pub rule: OppositionRule,
    /// The rule's source.
    pub source: Cow<'static, str>,
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} opposition closes {}", self.office, self.due)?;
        if let Some(latest) = self.extendable_to {
            write!(f, " (extendable to {latest})")?;
        }
        write!(f, ": {}, {} on {} — {}", self.rule, self.anchor, self.anchor_date, self.source)
    }
}

/// When the opposition window of a mark at `office` closes, by the rule in force when the window
/// opened. `None` if the office is unknown or the anchor date is missing.
pub fn opposition_deadline(office: OfficeCode, dates: &AnchorDates) -> Option<Deadline> {
    let office = Office::find(office)?;
    office.opposition.iter().find_map(|rule| {
        let anchor = rule.shape.anchor();
        let anchor_date = dates.get(anchor).filter(|d| rule.in_force.covers(*d))?;
        let (due, extendable_to) = match rule.shape {
            OppositionRule::Fixed { period, .. } => (period.after(anchor_date)?, None),
            OppositionRule::Extensible { period, max, .. } => {
                (period.after(anchor_date)?, Some(max.after(anchor_date)?))
            }
        };
        Some(Deadline {
            office: office.code,
            anchor,
            anchor_date,
            due,
            extendable_to,
            rule: rule.shape.clone(),
            source: Cow::Borrowed(rule.source),
        })
    })
}

/// What a renewal window asks for, with the rule that sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "rule", rename_all = "snake_case")]
pub enum Obligation {
    /// Renewal of the registration for another term.
    Renewal(RenewalRule),
    /// A one-off maintenance filing such as the US §8 declaration.
    Declaration(DeclarationRule),
}

impl fmt::Display for Obligation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Obligation::Renewal(rule) => write!(f, "renewal ({rule})"),
            Obligation::Declaration(rule) => write!(f, "{rule}"),
        }
    }
}

/// When a registration can, must and at the latest may be renewed (or maintained).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RenewalWindow {
    /// The office whose rule applied.
    pub office: OfficeCode,
    /// What must be filed, and by which rule.
    pub obligation: Obligation,
    /// First day the filing is accepted.
    pub opens: NaiveDate,
    /// Last day without surcharge: the end of the term, or the declaration's due date.
    pub due: NaiveDate,
    /// Last day with surcharge; `None` where the office counts it from a notice.
    pub grace_ends: Option<NaiveDate>,
    /// The rule's source.
    pub source: &'static str,
}

impl RenewalWindow {
    /// The last day anything can still be filed.
    pub fn closes(&self) -> NaiveDate {
        self.grace_ends.unwrap_or(self.due)
    }
}

impl fmt::Display for RenewalWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} due {} (opens {}", self.office, self.obligation, self.due, self.opens)?;
        if let Some(grace) = self.grace_ends {
            write!(f, ", grace until {grace}")?;
        }
        write!(f, ") — {}", self.source)
    }
}

/// The first renewal or maintenance filing of a mark at `office`. `None` if the office is
/// unknown or the date its terms count from is missing.
pub fn renewal_due(office: OfficeCode, dates: &AnchorDates) -> Option<RenewalWindow> {
    next_renewal(office, dates, NaiveDate::MIN)
}

/// The earliest renewal or maintenance window that has not closed by `on`: the one to alert on.
pub fn next_renewal(office: OfficeCode, dates: &AnchorDates, on: NaiveDate) -> Option<RenewalWindow> {
    let office = Office::find(office)?;
    let declaration = office
        .declarations
        .iter()
        .filter_map(|rule| declaration_window(office.code, rule, dates))
        .find(|w| w.closes() >= on);
    let renewal = renewal_terms(office, dates).find(|w| w.closes() >= on);
    [declaration, renewal].into_iter().flatten().min_by_key(|w| w.due)
}

fn declaration_window(office: OfficeCode, rule: &Rule<DeclarationRule>, dates: &AnchorDates) -> Option<RenewalWindow> {
    let shape = rule.shape;
    let anchor_date = dates.get(shape.from).filter(|d| rule.in_force.covers(*d))?;
    let due = shape.due.after(anchor_date)?;
    Some(RenewalWindow {
        office,
        obligation: Obligation::Declaration(shape),
        opens: shape.window.before(due)?,
        due,
        grace_ends: Some(shape.grace.after(due)?),
        source: rule.source,
    })
}

/// Every term of the registration in turn. Terms are counted from the first anchor in whole months
/// so that a 29 February anchor comes back in leap years; each term follows the rule in force on
/// the day it starts.
fn renewal_terms(office: &'static Office, dates: &AnchorDates) -> impl Iterator<Item = RenewalWindow> {
    let anchor_date = office.renewal.first().and_then(|rule| dates.get(rule.shape.from));
    let mut state = anchor_date.map(|date| (date, 0u32));
    std::iter::from_fn(move || {
        let anchor = anchor_date?;
        let (term_start, elapsed) = state?;
        let rule = Rule::on(office.renewal, term_start)?;
        let months = elapsed.checked_add(rule.shape.term.whole_months().filter(|m| *m > 0)?)?;
        let anniversary = Period::Months(months).after(anchor)?;
        let window = term_window(office.code, rule, anchor, anniversary)?;
        state = Some((anniversary, months));
        Some(window)
    })
}

fn term_window(
    office: OfficeCode,
    rule: &Rule<RenewalRule>,
    anchor: NaiveDate,
    anniversary: NaiveDate,
) -> Option<RenewalWindow> {
    let shape = rule.shape;
    let due = match shape.ends {
        TermEnd::Anniversary => anniversary,
        // Where the anniversary does not exist (29 Feb), the month's last day is the term's last day.
        TermEnd::DayBefore if anniversary.day() != anchor.day() => anniversary,
        TermEnd::DayBefore => anniversary.pred_opt()?,
        TermEnd::EndOfMonth => last_day_of_month(anniversary)?,
    };
    let grace_ends = match shape.grace {
        None => None,
        Some(grace) if shape.ends == TermEnd::EndOfMonth => Some(last_day_of_month(grace.after(due)?)?),
        Some(grace) => Some(grace.after(due)?),
    };
    Some(RenewalWindow {
        office,
        obligation: Obligation::Renewal(shape),
        opens: shape.window.before(due)?,
        due,
        grace_ends,
        source: rule.source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
    }

    fn office(code: &str) -> OfficeCode {
        OfficeCode::parse(code).expect("a test office")
    }

    fn published(date: &str) -> AnchorDates {
        AnchorDates { publication: Some(d(date)), ..AnchorDates::default() }
    }

    fn filed(date: &str) -> AnchorDates {
        AnchorDates { filing: Some(d(date)), ..AnchorDates::default() }
    }

    fn registered(date: &str) -> AnchorDates {
        AnchorDates { registration: Some(d(date)), ..AnchorDates::default() }
    }

    /// (due, extendable_to) of the opposition window.
    fn opposition(code: &str, dates: AnchorDates) -> (NaiveDate, Option<NaiveDate>) {
        let deadline = opposition_deadline(office(code), &dates).expect("a deadline");
        (deadline.due, deadline.extendable_to)
    }

    /// (opens, due, grace_ends) of the first renewal window.
    fn renewal(code: &str, dates: AnchorDates) -> (NaiveDate, NaiveDate, Option<NaiveDate>) {
        let window = renewal_due(office(code), &dates).expect("a renewal window");
        (window.opens, window.due, window.grace_ends)
    }

    #[test]
    fn month_arithmetic_clamps_to_the_end_of_the_month() {
        assert_eq!(Period::Months(1).after(d("2025-01-31")), Some(d("2025-02-28")));
        assert_eq!(Period::Months(1).after(d("2024-01-31")), Some(d("2024-02-29")));
        assert_eq!(Period::Years(1).after(d("2024-02-29")), Some(d("2025-02-28")));
        assert_eq!(Period::Years(4).after(d("2024-02-29")), Some(d("2028-02-29")));
        assert_eq!(Period::Months(6).before(d("2024-08-31")), Some(d("2024-02-29")));
        assert_eq!(Period::Days(30).after(d("2024-02-10")), Some(d("2024-03-11")));
        assert_eq!(last_day_of_month(d("2100-02-03")), Some(d("2100-02-28")));
        assert_eq!(last_day_of_month(d("2000-02-03")), Some(d("2000-02-29")));
        assert_eq!(Period::Years(10).after(NaiveDate::MAX), None);
    }

    #[test]
    fn opposition_windows_per_office() {
        let cases = [
            ("CN", published("2024-11-30"), "2025-02-28", None),
            ("CN", published("2023-11-30"), "2024-02-29", None),
            ("US", published("2024-02-10"), "2024-03-11", Some("2024-08-08")),
            ("EM", published("2025-11-30"), "2026-02-28", None),
            ("GB", published("2024-12-31"), "2025-02-28", Some("2025-03-31")),
            ("AU", published("2023-12-31"), "2024-02-29", None),
            ("CA", published("2025-06-30"), "2025-08-30", None),
            ("BR", published("2025-01-01"), "2025-03-02", None),
            ("IN", published("2024-10-31"), "2025-02-28", None),
            ("HK", published("2024-09-30"), "2024-12-30", Some("2025-02-28")),
            ("MO", published("2024-12-29"), "2025-02-28", None),
            ("FR", published("2025-03-31"), "2025-05-31", None),
        ];
        for (code, dates, due, extendable_to) in cases {
            assert_eq!(opposition(code, dates), (d(due), extendable_to.map(d)), "{code} from {:?}", dates.publication);
        }
    }

    #[test]
    fn japan_and_germany_count_from_the_registration_publication() {
        let registration_published = |date| AnchorDates {
            registration: Some(d("2024-11-01")),
            registration_publication: Some(d(date)),
            ..AnchorDates::default()
        };
        assert_eq!(opposition("JP", registration_published("2024-12-31")), (d("2025-02-28"), None));
        assert_eq!(opposition("DE", registration_published("2023-11-30")), (d("2024-02-29"), None));
        // The registration date alone is not the anchor: no deadline is guessed.
        assert_eq!(opposition_deadline(office("JP"), &registered("2024-11-01")), None);
    }

    #[test]
    fn madrid_refusal_period_is_12_months_or_18_where_declared() {
        let dates = AnchorDates { designation_notification: Some(d("2024-02-29")), ..AnchorDates::default() };
        assert_eq!(opposition("WO", dates), (d("2025-02-28"), Some(d("2025-08-29"))));
    }

    #[test]
    fn korea_shortened_opposition_for_publications_from_22_july_2025() {
        let before = opposition_deadline(office("KR"), &published("2025-07-21")).expect("deadline");
        assert_eq!(before.due, d("2025-09-21"));
        assert!(before.source.contains("before the amendment"));
        let after = opposition_deadline(office("KR"), &published("2025-07-22")).expect("deadline");
        assert_eq!(after.due, d("2025-08-21"));
        assert!(after.source.contains("as amended"));
        assert!(after.to_string().starts_with("KR opposition closes 2025-08-21: 30 days from publication"));
    }

    #[test]
    fn no_deadline_without_the_anchor_or_for_unknown_offices() {
        assert_eq!(opposition_deadline(office("CN"), &filed("2024-01-01")), None);
        assert_eq!(opposition_deadline(office("FJ"), &published("2024-01-01")), None);
        assert_eq!(renewal_due(office("EM"), &registered("2024-01-01")), None);
        assert_eq!(renewal_due(office("FJ"), &filed("2024-01-01")), None);
    }

    #[test]
    fn china_renews_in_the_last_year_with_six_months_grace() {
        let (opens, due, grace) = renewal("CN", registered("2015-06-14"));
        assert_eq!((opens, due, grace), (d("2024-06-13"), d("2025-06-13"), Some(d("2025-12-13"))));
        // Registered on 29 February: the term ends on 28 February in common years.
        assert_eq!(renewal("CN", registered("2016-02-29")).1, d("2026-02-28"));
        assert_eq!(renewal("CN", registered("2016-03-01")).1, d("2026-02-28"));
        assert_eq!(renewal("CN", registered("2014-03-01")).1, d("2024-02-29"));
    }

    #[test]
    fn renewal_windows_per_office() {
        let cases = [
            ("EM", filed("2014-08-31"), "2024-02-29", "2024-08-31", Some("2025-02-28")),
            ("GB", filed("2015-01-31"), "2024-07-31", "2025-01-31", Some("2025-07-31")),
            ("JP", registered("2015-04-30"), "2024-10-30", "2025-04-30", Some("2025-10-30")),
            ("KR", registered("2015-08-31"), "2024-08-31", "2025-08-31", Some("2026-02-28")),
            ("WO", registered("2015-05-31"), "2025-02-28", "2025-05-31", Some("2025-11-30")),
            ("AU", filed("2015-10-31"), "2024-10-31", "2025-10-31", Some("2026-04-30")),
            ("BR", registered("2015-12-31"), "2024-12-31", "2025-12-31", Some("2026-06-30")),
            ("IN", filed("2015-11-30"), "2024-11-30", "2025-11-30", Some("2026-05-30")),
            ("HK", filed("2002-06-08"), "2011-12-07", "2012-06-07", Some("2012-12-07")),
            ("MO", registered("2018-02-28"), "2024-08-28", "2025-02-28", Some("2025-08-28")),
        ];
        for (code, dates, opens, due, grace) in cases {
            assert_eq!(renewal(code, dates), (d(opens), d(due), grace.map(d)), "{code}");
        }
    }

    #[test]
    fn germany_ends_terms_and_grace_on_the_last_day_of_the_month() {
        let (opens, due, grace) = renewal("DE", filed("2014-02-12"));
        assert_eq!((opens, due, grace), (d("2023-08-29"), d("2024-02-29"), Some(d("2024-08-31"))));
        let second = next_renewal(office("DE"), &filed("2014-02-12"), d("2024-09-01")).expect("second term");
        assert_eq!(second.due, d("2034-02-28"));
    }

    #[test]
    fn united_states_asks_for_the_section_8_declaration_before_the_first_renewal() {
        let dates = registered("2016-02-29");
        let first = renewal_due(office("US"), &dates).expect("window");
        assert!(matches!(first.obligation, Obligation::Declaration(_)));
        assert_eq!(
            (first.opens, first.due, first.grace_ends),
            (d("2021-02-28"), d("2022-02-28"), Some(d("2022-08-28")))
        );
        let renewal = next_renewal(office("US"), &dates, d("2022-08-29")).expect("window");
        assert!(matches!(renewal.obligation, Obligation::Renewal(_)));
        assert_eq!((renewal.opens, renewal.due), (d("2025-02-28"), d("2026-02-28")));
        // Counted from the registration date, the second renewal falls on 29 February again.
        let later = next_renewal(office("US"), &dates, d("2026-09-01")).expect("window");
        assert_eq!(later.due, d("2036-02-29"));
    }

    #[test]
    fn next_renewal_stays_on_a_term_until_its_grace_ends() {
        let dates = registered("2015-06-14");
        let in_grace = next_renewal(office("CN"), &dates, d("2025-12-13")).expect("window");
        assert_eq!(in_grace.due, d("2025-06-13"));
        let after_grace = next_renewal(office("CN"), &dates, d("2025-12-14")).expect("window");
        assert_eq!((after_grace.opens, after_grace.due), (d("2034-06-13"), d("2035-06-13")));
    }

    #[test]
    fn canada_moved_from_15_to_10_year_terms_on_17_june_2019() {
        let old = registered("2010-03-15");
        let first = renewal_due(office("CA"), &old).expect("window");
        assert_eq!((first.opens, first.due, first.grace_ends), (d("2024-09-15"), d("2025-03-15"), None));
        assert_eq!(first.closes(), d("2025-03-15"));
        let renewed = next_renewal(office("CA"), &old, d("2025-03-16")).expect("window");
        assert_eq!(renewed.due, d("2035-03-15"));
        assert_eq!(renewal_due(office("CA"), &registered("2019-06-17")).map(|w| w.due), Some(d("2029-06-17")));
        assert_eq!(renewal_due(office("CA"), &registered("2019-06-16")).map(|w| w.due), Some(d("2034-06-16")));
    }

    #[test]
    fn france_moved_from_month_end_to_date_to_date_terms() {
        let (opens, due, grace) = renewal("FR", filed("2015-03-05"));
        assert_eq!((opens, due, grace), (d("2024-09-30"), d("2025-03-31"), Some(d("2025-09-30"))));
        let (opens, due, grace) = renewal("FR", filed("2020-03-05"));
        assert_eq!((opens, due, grace), (d("2029-03-05"), d("2030-03-05"), Some(d("2030-09-05"))));
    }

    #[test]
    fn every_office_yields_both_kinds_of_deadline() {
        let all = AnchorDates {
            filing: Some(d("2020-01-15")),
            publication: Some(d("2020-06-15")),
            registration: Some(d("2020-09-15")),
            registration_publication: Some(d("2020-10-15")),
            designation_notification: Some(d("2020-07-15")),
        };
        for known in Office::all() {
            let deadline = opposition_deadline(known.code, &all).expect("opposition");
            assert!(deadline.due > deadline.anchor_date, "{}", known.code);
            let window = renewal_due(known.code, &all).expect("renewal");
            assert!(window.opens < window.due && window.due <= window.closes(), "{}", known.code);
            assert!(!window.to_string().is_empty() && !deadline.source.is_empty());
        }
    }

    #[test]
    fn record_dates_feed_the_rules() {
        let record = TrademarkDates { publication: Some(d("2025-07-22")), ..TrademarkDates::default() };
        assert_eq!(
            opposition_deadline(office("KR"), &AnchorDates::from(&record)).map(|x| x.due),
            Some(d("2025-08-21"))
        );
    }
}
