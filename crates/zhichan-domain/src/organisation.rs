//! Organisations: client enterprises, service providers and the district centre, as the
//! platform keeps them and as they are created, edited and listed.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::id::id_type;
use crate::{InvalidValue, MarketCode, Street, Uscc};

id_type!(
    /// The id of an organisation.
    OrgId
);

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

impl fmt::Display for OrgName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An organisation as the platform keeps it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organisation {
    /// Store-assigned id.
    pub id: OrgId,
    /// Enterprise, service provider or the district centre.
    pub kind: OrgKind,
    /// Names, code, street, industry and markets, as they were written.
    #[serde(flatten)]
    pub profile: OrganisationProfile,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When its profile last changed.
    pub updated_at: DateTime<Utc>,
}

/// A new organisation's profile.
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    /// Kind of organisation.
    pub kind: OrgKind,
    /// Profile fields.
    pub profile: OrganisationProfile,
}

/// The editable part of an organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrganisationProfile {
    /// Chinese name (the legal name for mainland enterprises).
    pub name_zh: OrgName,
    /// English name, if any.
    pub name_en: Option<OrgName>,
    /// Unified social credit code, for mainland organisations.
    pub uscc: Option<Uscc>,
    /// The Bao'an street the organisation sits in.
    pub street: Option<Street>,
    /// Industry, in the enterprise's own words.
    pub industry: Option<String>,
    /// Export markets, in the order given.
    pub export_markets: Vec<MarketCode>,
}

/// Which organisations to list, in id order.
#[derive(Debug, Clone, Default)]
pub struct OrganisationFilter {
    /// Only this organisation (how an enterprise sees the list: itself).
    pub only_id: Option<OrgId>,
    /// Only this kind.
    pub kind: Option<OrgKind>,
    /// Only this street.
    pub street: Option<Street>,
    /// Case-insensitive substring of either name.
    pub name_contains: Option<String>,
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
