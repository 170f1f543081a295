//! The shapes of office rules: opposition windows, renewal terms, declarations, and when each
//! rule is in force.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A length of time as the law states it. Months and years are calendar units: adding them keeps
/// the day of the month, or the month's last day where that day does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

impl Anchor {
    /// Every anchor.
    pub const ALL: [Anchor; 6] = [
        Anchor::Filing,
        Anchor::Publication,
        Anchor::PreliminaryApproval,
        Anchor::Registration,
        Anchor::RegistrationPublication,
        Anchor::DesignationNotification,
    ];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Anchor::Filing => "filing",
            Anchor::Publication => "publication",
            Anchor::PreliminaryApproval => "preliminary_approval",
            Anchor::Registration => "registration",
            Anchor::RegistrationPublication => "registration_publication",
            Anchor::DesignationNotification => "designation_notification",
        }
    }
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        extension: Cow<'static, str>,
    },
}

impl OppositionRule {
    /// The event the window is counted from.
    pub fn anchor(&self) -> Anchor {
        match self {
            OppositionRule::Fixed { from, .. } | OppositionRule::Extensible { from, .. } => *from,
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
