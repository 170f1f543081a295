//! Organisations: client enterprises, service providers and the district centre.

use serde::{Deserialize, Serialize};

use crate::InvalidValue;

/// What kind of organisation an account belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// An export-oriented enterprise served by the platform.
    Enterprise,
    /// A law firm, trademark or patent agent, appraiser or other provider.
    ServiceProvider,
    /// The district IP centre, its park windows and stations.
    Centre,
}

impl OrgKind {
    /// Every kind.
    pub const ALL: [OrgKind; 3] = [OrgKind::Enterprise, OrgKind::ServiceProvider, OrgKind::Centre];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            OrgKind::Enterprise => "enterprise",
            OrgKind::ServiceProvider => "service_provider",
            OrgKind::Centre => "centre",
        }
    }

    /// Parses a kind code.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        OrgKind::ALL
            .into_iter()
            .find(|k| k.code() == input.trim())
            .ok_or_else(|| InvalidValue::new("kind", "enterprise, service_provider or centre"))
    }
}

/// An organisation's name in one language: trimmed, 1 to 200 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OrgName(String);

impl OrgName {
    /// The longest name accepted, in characters.
    pub const MAX_CHARS: usize = 200;

    /// Parses a name for the given form field.
    pub fn parse(field: &'static str, input: &str) -> Result<Self, InvalidValue> {
        let name = input.trim();
        let length = name.chars().count();
        if length == 0 || length > Self::MAX_CHARS || name.chars().any(char::is_control) {
            return Err(InvalidValue::new(field, "a name of 1 to 200 characters without control characters"));
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as given, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(OrgName::parse("name_zh", "  深圳市海鹰电子有限公司 ").unwrap().as_str(), "深圳市海鹰电子有限公司");
        assert!(OrgName::parse("name_zh", "   ").is_err());
        assert!(OrgName::parse("name_en", &"x".repeat(201)).is_err());
        assert_eq!(OrgName::parse("name_en", "a\u{0}b").unwrap_err().field, "name_en");
    }

    #[test]
    fn kinds_round_trip() {
        for kind in OrgKind::ALL {
            assert_eq!(OrgKind::parse(kind.code()), Ok(kind));
        }
    }
}
