//! Directory entries: an expert's profile and a service provider's.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{MAX_BIO_CHARS, MAX_NOTE_CHARS, ProviderKind, codes, text};
use crate::expertise::{Language, Region, TechnicalField};
use crate::{InvalidValue, OfficeCode, OrgId, OrgKind, Organisation, Role, User, UserId};

/// The roles the directory lists: whoever holds one of them can be asked to help on a case.
pub const DIRECTORY_ROLES: [Role; 3] = [Role::Expert, Role::Mediator, Role::TechnicalInvestigator];

/// An expert, mediator or technical investigator as the directory shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpertProfile {
    /// Their account.
    pub user_id: UserId,
    /// The organisation they belong to (the centre or a service provider).
    pub organisation_id: OrgId,
    /// Their name, as their account shows it.
    pub display_name: String,
    /// Those of [`DIRECTORY_ROLES`] their account holds.
    pub roles: Vec<Role>,
    /// Where they practise.
    pub region: Region,
    /// The fields they work in, in the order they list them.
    pub fields: Vec<TechnicalField>,
    /// The languages they work in.
    pub languages: Vec<Language>,
    /// What they want parties to know about them.
    pub bio: String,
    /// Whether they take new cases.
    pub accepting: bool,
    /// When the profile was last saved; `None` for a profile not filled in yet
    /// ([`ExpertProfile::unfilled`]).
    pub updated_at: Option<DateTime<Utc>>,
}

impl ExpertProfile {
    /// The profile of `user` before anything is filled in: shown to those who may fill it in,
    /// never listed. It takes no new cases.
    pub fn unfilled(user: &User) -> Self {
        Self {
            user_id: user.id,
            organisation_id: user.organisation_id,
            display_name: user.display_name.clone(),
            roles: directory_roles(&user.roles),
            region: Region::Mainland,
            fields: Vec::new(),
            languages: Vec::new(),
            bio: String::new(),
            accepting: false,
            updated_at: None,
        }
    }

    /// Whether the profile has been saved.
    pub fn is_filled(&self) -> bool {
        self.updated_at.is_some()
    }
}

/// Those of `roles` the directory lists, in [`DIRECTORY_ROLES`] order.
pub fn directory_roles(roles: &[Role]) -> Vec<Role> {
    DIRECTORY_ROLES.into_iter().filter(|role| roles.contains(role)).collect()
}

/// The part of an expert's profile they edit, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpertProfileFields {
    /// Where they practise.
    pub region: Region,
    /// At least one field.
    pub fields: Vec<TechnicalField>,
    /// At least one language.
    pub languages: Vec<Language>,
    /// Up to [`MAX_BIO_CHARS`] characters.
    pub bio: String,
    /// Whether they take new cases.
    pub accepting: bool,
}

impl ExpertProfileFields {
    /// Validates a profile as typed: a region code, at least one field and one language code
    /// (repeats dropped), a biography of up to [`MAX_BIO_CHARS`] characters.
    pub fn parse(
        region: &str,
        fields: &[String],
        languages: &[String],
        bio: &str,
        accepting: bool,
    ) -> Result<Self, InvalidValue> {
        Ok(Self {
            region: Region::parse(region)?,
            fields: codes("fields", fields, 1, TechnicalField::parse)?,
            languages: codes("languages", languages, 1, Language::parse)?,
            bio: text("bio", bio, 0, MAX_BIO_CHARS)?,
            accepting,
        })
    }
}

/// Which experts to list, in user id order: those holding a directory role, enabled, with a
/// filled-in profile, and matching every filter given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExpertFilter {
    /// Only those holding this role (one of [`DIRECTORY_ROLES`]).
    pub role: Option<Role>,
    /// Only those working in this field.
    pub field: Option<TechnicalField>,
    /// Only those working in this language.
    pub language: Option<Language>,
    /// Only those practising here.
    pub region: Option<Region>,
}

/// A service provider as the directory shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderProfile {
    /// The provider's organisation.
    pub organisation_id: OrgId,
    /// Its Chinese name, as the organisation has it.
    pub name_zh: String,
    /// Its English name, when it has one.
    pub name_en: Option<String>,
    /// What it does.
    pub kinds: Vec<ProviderKind>,
    /// The offices it files at (WIPO ST.3 codes).
    pub offices: Vec<OfficeCode>,
    /// The languages it works in.
    pub languages: Vec<Language>,
    /// The regions it covers.
    pub regions: Vec<Region>,
    /// How to reach it: address, telephone, e-mail, as it wishes to be contacted.
    pub contact: String,
    /// When the profile was last saved; `None` for a profile not filled in yet.
    pub updated_at: Option<DateTime<Utc>>,
}

impl ProviderProfile {
    /// The profile of a service provider before anything is filled in: shown to those who may
    /// fill it in, never listed.
    pub fn unfilled(organisation: &Organisation) -> Self {
        Self {
            organisation_id: organisation.id,
            name_zh: organisation.profile.name_zh.to_string(),
            name_en: organisation.profile.name_en.as_ref().map(ToString::to_string),
            kinds: Vec::new(),
            offices: Vec::new(),
            languages: Vec::new(),
            regions: Vec::new(),
            contact: String::new(),
            updated_at: None,
        }
    }

    /// Whether an organisation of `kind` may have a provider profile.
    pub fn allowed_for(kind: OrgKind) -> bool {
        kind == OrgKind::ServiceProvider
    }

    /// Whether the profile has been saved.
    pub fn is_filled(&self) -> bool {
        self.updated_at.is_some()
    }
}

/// The part of a provider's profile the centre's staff edit, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderProfileFields {
    /// At least one kind.
    pub kinds: Vec<ProviderKind>,
    /// Offices it files at (none for an appraiser).
    pub offices: Vec<OfficeCode>,
    /// At least one language.
    pub languages: Vec<Language>,
    /// At least one region.
    pub regions: Vec<Region>,
    /// 1 to [`MAX_NOTE_CHARS`] characters.
    pub contact: String,
}

impl ProviderProfileFields {
    /// Validates a provider profile as typed: at least one kind, language and region code,
    /// office codes (WIPO ST.3, upper case), repeats dropped; a contact of 1 to
    /// [`MAX_NOTE_CHARS`] characters.
    pub fn parse(
        kinds: &[String],
        offices: &[String],
        languages: &[String],
        regions: &[String],
        contact: &str,
    ) -> Result<Self, InvalidValue> {
        Ok(Self {
            kinds: codes("kinds", kinds, 1, ProviderKind::parse)?,
            offices: codes("offices", offices, 0, OfficeCode::parse)?,
            languages: codes("languages", languages, 1, Language::parse)?,
            regions: codes("regions", regions, 1, Region::parse)?,
            contact: text("contact", contact, 1, MAX_NOTE_CHARS)?,
        })
    }
}

/// Which providers to list, in organisation id order: those with a profile matching every
/// filter given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderFilter {
    /// Only of this kind.
    pub kind: Option<ProviderKind>,
    /// Only those filing at this office.
    pub office: Option<OfficeCode>,
    /// Only those working in this language.
    pub language: Option<Language>,
    /// Only those covering this region.
    pub region: Option<Region>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn an_expert_profile_needs_a_field_and_a_language() {
        let parsed = ExpertProfileFields::parse(
            "hong_kong",
            &strings(&["trademarks", "copyright", "trademarks"]),
            &strings(&["cantonese", "english"]),
            "  前香港知识产权署顾问。 ",
            true,
        )
        .expect("valid");
        assert_eq!(parsed.region, Region::HongKong);
        assert_eq!(parsed.fields, [TechnicalField::Trademarks, TechnicalField::Copyright]);
        assert_eq!(parsed.bio, "前香港知识产权署顾问。");

        let no_field = ExpertProfileFields::parse("macau", &[], &strings(&["portuguese"]), "", false).unwrap_err();
        assert_eq!(no_field.field, "fields");
        let bad_language =
            ExpertProfileFields::parse("macau", &strings(&["software"]), &strings(&["latin"]), "", false).unwrap_err();
        assert_eq!(bad_language.field, "languages");
        let bad_region =
            ExpertProfileFields::parse("taiwan", &strings(&["software"]), &strings(&["english"]), "", false);
        assert_eq!(bad_region.unwrap_err().field, "region");
        let long_bio = "字".repeat(MAX_BIO_CHARS + 1);
        let too_long =
            ExpertProfileFields::parse("mainland", &strings(&["software"]), &strings(&["english"]), &long_bio, true);
        assert_eq!(too_long.unwrap_err().field, "bio");
    }

    #[test]
    fn a_provider_profile_names_what_it_does_and_where() {
        let parsed = ProviderProfileFields::parse(
            &strings(&["patent_agency", "trademark_agency"]),
            &strings(&["CN", "EP", "CN"]),
            &strings(&["mandarin", "english"]),
            &strings(&["mainland", "overseas"]),
            "深圳市宝安区新安街道 0755-0000 0000",
        )
        .expect("valid");
        assert_eq!(parsed.offices.iter().map(|o| o.as_str()).collect::<Vec<_>>(), ["CN", "EP"]);
        let lower_case = ProviderProfileFields::parse(
            &strings(&["law_firm"]),
            &strings(&["cn"]),
            &strings(&["mandarin"]),
            &strings(&["mainland"]),
            "x",
        );
        assert_eq!(lower_case.unwrap_err().field, "offices");
        let no_contact = ProviderProfileFields::parse(
            &strings(&["appraiser"]),
            &[],
            &strings(&["mandarin"]),
            &strings(&["mainland"]),
            "  ",
        );
        assert_eq!(no_contact.unwrap_err().field, "contact");
    }

    #[test]
    fn only_directory_roles_are_listed() {
        assert_eq!(
            directory_roles(&[Role::Admin, Role::TechnicalInvestigator, Role::Expert]),
            [Role::Expert, Role::TechnicalInvestigator]
        );
        assert!(directory_roles(&[Role::Staff, Role::EnterpriseMember]).is_empty());
    }
}
