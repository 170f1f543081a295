//! How far a deadline lies from the event that starts it: an [`Offset`] of days, working days
//! or months, written as a number and a unit: `30d` (30 days), `10wd` (10 working days),
//! `3m` (3 months).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::InvalidValue;

/// The largest amount an offset may have (about 27 years in days).
pub const MAX_AMOUNT: u32 = 10_000;

/// The unit of an [`Offset`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Calendar days (`d`).
    Days,
    /// Working days of the region's calendar (`wd`).
    WorkingDays,
    /// Calendar months (`m`); a day the month lacks becomes its last day.
    Months,
}

impl OffsetUnit {
    /// Every unit.
    pub const ALL: [OffsetUnit; 3] = [Self::Days, Self::WorkingDays, Self::Months];

    /// The unit's suffix in an offset's text form: `d`, `wd` or `m`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Days => "d",
            Self::WorkingDays => "wd",
            Self::Months => "m",
        }
    }

    /// Parses a unit suffix.
    pub fn parse(code: &str) -> Result<Self, InvalidValue> {
        Self::ALL
            .into_iter()
            .find(|unit| unit.code() == code.trim())
            .ok_or_else(|| InvalidValue::new("offset_unit", "d (days), wd (working days) or m (months)"))
    }
}

/// An amount of days, working days or months; its text form is the amount followed by the
/// unit's code, with nothing between: `30d`, `10wd`, `3m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Offset {
    /// How many units (at most [`MAX_AMOUNT`] when parsed).
    pub amount: u32,
    /// Which unit.
    pub unit: OffsetUnit,
}

impl Offset {
    /// `amount` calendar days.
    pub const fn days(amount: u32) -> Self {
        Self { amount, unit: OffsetUnit::Days }
    }

    /// `amount` working days.
    pub const fn working_days(amount: u32) -> Self {
        Self { amount, unit: OffsetUnit::WorkingDays }
    }

    /// `amount` calendar months.
    pub const fn months(amount: u32) -> Self {
        Self { amount, unit: OffsetUnit::Months }
    }

    /// The text form: `30d`, `10wd`, `3m`.
    pub fn code(&self) -> String {
        self.to_string()
    }

    /// Parses the text form: digits, then `d`, `wd` or `m`.
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        let refused = || {
            InvalidValue::new(
                "offset",
                format!(
                    "a number up to {MAX_AMOUNT} followed by d (days), wd (working days) or m (months), as 30d, 10wd or 3m"
                ),
            )
        };
        let text = text.trim();
        let digits = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(refused)?;
        let amount: u32 = text[..digits].parse().map_err(|_| refused())?;
        if amount > MAX_AMOUNT {
            return Err(refused());
        }
        let suffix = &text[digits..];
        let unit = OffsetUnit::ALL.into_iter().find(|unit| unit.code() == suffix).ok_or_else(refused)?;
        Ok(Self { amount, unit })
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.amount, self.unit.code())
    }
}

impl FromStr for Offset {
    type Err = InvalidValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for Offset {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Offset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_form_round_trips() {
        for (text, offset) in [("30d", Offset::days(30)), ("10wd", Offset::working_days(10)), ("3m", Offset::months(3))]
        {
            assert_eq!(Offset::parse(text), Ok(offset));
            assert_eq!(offset.code(), text);
            assert_eq!(serde_json::to_string(&offset).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Offset>(&format!("\"{text}\"")).unwrap(), offset);
        }
        assert_eq!(" 0d ".parse::<Offset>(), Ok(Offset::days(0)));
    }

    #[test]
    fn malformed_offsets_are_refused_saying_the_form() {
        for text in ["", "d", "30", "30 d", "30w", "-3d", "3.5m", "10001d", "99999999999d", "wd10"] {
            let refused = Offset::parse(text).unwrap_err();
            assert_eq!(refused.field, "offset", "{text}");
            assert!(refused.expected.contains("10wd"), "{text}");
        }
        assert_eq!(OffsetUnit::parse("y").unwrap_err().field, "offset_unit");
    }
}
