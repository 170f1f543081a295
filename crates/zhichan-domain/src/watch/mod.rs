//! The watch's vocabulary, shared from similarity scoring to the page: where an alert stands in
//! its review ([`AlertStatus`] and its transition table), how risky it is ([`RiskLevel`]), why it
//! was raised ([`AlertReason`], [`MarkReason`]) and what suggests squatting ([`Signal`]).
//!
//! Reasons and signals are enums carrying their details, so a renamed field breaks the build
//! rather than an explanation. They are stored and sent as `{ "code", "details" }` — the API and
//! webhooks add the English `"text"` ([`with_text`]); entries written by earlier versions (with
//! `text` beside them, or with a `code` repeated inside `details`) read back unchanged, and an
//! entry no variant reads any more is kept as [`Unreadable`] with its stored text.
//!
//! Beside the vocabulary sit what the watch keeps: the marks and parties an organisation
//! declares ([`WatchedMark`], [`WatchParty`]), its patent watches ([`PatentWatch`]) and the
//! [`Alert`]s raised for them.

mod alert;
mod marks;
mod patents;
mod reason;
mod signal;

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

use crate::InvalidValue;

pub use alert::{Alert, AlertFilter, AlertId, AlertNote, NewAlert};
pub use marks::{WatchParty, WatchPartyFields, WatchPartyId, WatchedMark, WatchedMarkFields, WatchedMarkId};
pub use patents::{PatentWatch, PatentWatchFields, PatentWatchId};
pub use reason::{AlertReason, Effect, GoodsRelation, MarkReason, PracticeRule};
pub use signal::Signal;

/// Where an alert stands in its review.
///
/// | from       | to                       |
/// |------------|--------------------------|
/// | `new`      | `reviewed`               |
/// | `reviewed` | `dismissed`, `escalated` |
/// | `dismissed`, `escalated` | — (final) |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertStatus {
    /// Raised, not yet looked at.
    New,
    /// Looked at by staff or the enterprise.
    Reviewed,
    /// No action needed.
    Dismissed,
    /// Taken further: opposition, assistance case, negotiation.
    Escalated,
}

impl AlertStatus {
    /// Every status, in workflow order.
    pub const ALL: [AlertStatus; 4] = [Self::New, Self::Reviewed, Self::Dismissed, Self::Escalated];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Reviewed => "reviewed",
            Self::Dismissed => "dismissed",
            Self::Escalated => "escalated",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> Result<Self, InvalidValue> {
        Self::ALL
            .into_iter()
            .find(|status| status.code() == code.trim())
            .ok_or_else(|| InvalidValue::new("status", "new, reviewed, dismissed or escalated"))
    }

    /// The statuses an alert in this status may move to (the table above).
    pub fn next(self) -> &'static [AlertStatus] {
        match self {
            Self::New => &[Self::Reviewed],
            Self::Reviewed => &[Self::Dismissed, Self::Escalated],
            Self::Dismissed | Self::Escalated => &[],
        }
    }

    /// Checks a step of the workflow: `Ok(to)` when this status may move to `to`, otherwise what
    /// would have been accepted.
    pub fn step(self, to: AlertStatus) -> Result<AlertStatus, InvalidValue> {
        if self.next().contains(&to) {
            return Ok(to);
        }
        let codes: Vec<&str> = self.next().iter().map(|status| status.code()).collect();
        let expected = match codes.as_slice() {
            [] => format!("no further status: the alert is {}", self.code()),
            codes => format!("{} (the alert is {})", codes.join(" or "), self.code()),
        };
        Err(InvalidValue::new("status", expected))
    }
}

/// Scores at or above this raise an alert (risk medium or high).
pub const ALERT_THRESHOLD: f32 = 0.7;

/// How likely a filing conflicts with a watched mark.
///
/// | risk | score |
/// |---|---|
/// | high | ≥ 0.85 |
/// | medium | ≥ 0.70 ([`ALERT_THRESHOLD`]) |
/// | low | ≥ 0.50 |
/// | none | below |
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    /// Below 0.5.
    None,
    /// 0.5 to 0.7.
    Low,
    /// 0.7 to 0.85.
    Medium,
    /// 0.85 and above.
    High,
}

impl RiskLevel {
    /// The levels an alert can have, lowest first, as filters offer them.
    pub const ALERTING: [RiskLevel; 3] = [Self::Low, Self::Medium, Self::High];

    /// The level of a combined score.
    pub fn of(score: f32) -> Self {
        if score >= 0.85 {
            Self::High
        } else if score >= ALERT_THRESHOLD {
            Self::Medium
        } else if score >= 0.5 {
            Self::Low
        } else {
            Self::None
        }
    }

    /// The level's snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    /// Parses the code of a level an alert can have (`low`, `medium`, `high`).
    pub fn parse(code: &str) -> Result<Self, InvalidValue> {
        Self::ALERTING
            .into_iter()
            .find(|level| level.code() == code.trim())
            .ok_or_else(|| InvalidValue::new("risk", "low, medium or high"))
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How a declared party relates to the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyRelation {
    /// Sells the organisation's goods abroad — the commonest squatter.
    Distributor,
    /// Acts for the organisation (a trademark agent, a sales agent).
    Agent,
    /// Has filed the organisation's marks before.
    KnownSquatter,
}

impl PartyRelation {
    /// Every relation.
    pub const ALL: [PartyRelation; 3] = [Self::Distributor, Self::Agent, Self::KnownSquatter];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Distributor => "distributor",
            Self::Agent => "agent",
            Self::KnownSquatter => "known_squatter",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> Result<Self, InvalidValue> {
        Self::ALL
            .into_iter()
            .find(|relation| relation.code() == code.trim())
            .ok_or_else(|| InvalidValue::new("relation", "distributor, agent or known_squatter"))
    }
}

impl fmt::Display for PartyRelation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code().replace('_', " "))
    }
}

/// A stored reason or signal that no variant reads any more (a code or detail an earlier version
/// wrote differently): kept with the English text it was stored with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreadable {
    /// The stored code.
    pub code: String,
    /// The stored English text; empty when there was none.
    #[serde(default)]
    pub text: String,
}

/// Serialises reasons or signals as the API and webhooks show them: each entry's
/// `{ "code", "details" }` with its English `"text"` beside them. For `serialize_with`.
pub fn with_text<S, T>(entries: &[T], serializer: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize + fmt::Display,
{
    #[derive(Serialize)]
    struct Described<'a, T> {
        #[serde(flatten)]
        entry: &'a T,
        text: String,
    }
    serializer.collect_seq(entries.iter().map(|entry| Described { entry, text: entry.to_string() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_moves_forward_only() {
        assert_eq!(AlertStatus::New.next(), [AlertStatus::Reviewed]);
        assert!(AlertStatus::Reviewed.next().contains(&AlertStatus::Escalated));
        assert!(AlertStatus::Dismissed.next().is_empty());
        assert_eq!(AlertStatus::Reviewed.step(AlertStatus::Dismissed), Ok(AlertStatus::Dismissed));
        let refused = AlertStatus::New.step(AlertStatus::Dismissed).expect_err("new cannot be dismissed");
        assert_eq!(refused.expected, "reviewed (the alert is new)");
        let fin = AlertStatus::Escalated.step(AlertStatus::New).expect_err("final");
        assert_eq!(fin.expected, "no further status: the alert is escalated");
    }

    #[test]
    fn codes_round_trip() {
        for status in AlertStatus::ALL {
            assert_eq!(AlertStatus::parse(status.code()), Ok(status));
        }
        for level in RiskLevel::ALERTING {
            assert_eq!(RiskLevel::parse(level.code()), Ok(level));
        }
        assert!(RiskLevel::parse("none").is_err());
        for relation in PartyRelation::ALL {
            assert_eq!(PartyRelation::parse(relation.code()), Ok(relation));
        }
        assert_eq!(RiskLevel::of(0.9), RiskLevel::High);
        assert_eq!(RiskLevel::of(ALERT_THRESHOLD), RiskLevel::Medium);
    }
}
