//! The expert and provider directory: everyone signed in finds experts, mediators, technical
//! investigators and service providers; experts keep their own profile and declare their ties to
//! parties; the centre's staff keep every profile, match cases to candidates and — through
//! [`Core::conflict_check`], which the case engine calls before appointing — never appoint
//! someone tied to a party. Who may do what: [`crate::authz`]'s table.
//!
//! Inputs arrive as typed text (`…Input`, `…Query`) and are parsed into the domain's
//! [`zhichan_domain::directory`] types, naming the first bad field.

mod experts;
mod matching;
mod providers;

use zhichan_domain::case::{CaseParty, PartySide};
use zhichan_domain::directory::{
    AffiliationFields, DIRECTORY_ROLES, ExpertFilter, ExpertProfileFields, MatchRequest, ProviderFilter, ProviderKind,
    ProviderProfileFields,
};
use zhichan_domain::expertise::{Language, Region, TechnicalField};
use zhichan_domain::{InvalidValue, OfficeCode, OrgId, Role};

use crate::CoreResult;

/// The largest page of profiles one request returns.
pub const MAX_PAGE: u32 = 200;

/// An expert's profile as typed.
#[derive(Debug, Clone, Default)]
pub struct ExpertProfileInput {
    /// Region code: `mainland`, `hong_kong`, `macau` or `overseas`.
    pub region: String,
    /// Technical field codes, at least one.
    pub fields: Vec<String>,
    /// Language codes, at least one.
    pub languages: Vec<String>,
    /// Biography.
    pub bio: String,
    /// Whether the expert takes new cases.
    pub accepting: bool,
}

impl ExpertProfileInput {
    /// Validates every field, or names the first bad one.
    pub fn parse(&self) -> CoreResult<ExpertProfileFields> {
        Ok(ExpertProfileFields::parse(&self.region, &self.fields, &self.languages, &self.bio, self.accepting)?)
    }
}

/// A declared tie as typed.
#[derive(Debug, Clone, Default)]
pub struct AffiliationInput {
    /// The party, when it is an organisation of the platform.
    pub organisation_id: Option<OrgId>,
    /// The party's name.
    pub party_name: String,
    /// Tie code (`officer`, `employee`, `owner`, `financial_interest`, `adviser`,
    /// `former_adviser`, `counsel_colleague`, `repeat_appointments`, `general_opinion`).
    pub tie: String,
    /// Since when, `YYYY-MM-DD` or empty.
    pub since: String,
    /// Until when, `YYYY-MM-DD` or empty while it lasts.
    pub until: String,
    /// Anything the expert adds.
    pub note: String,
}

impl AffiliationInput {
    /// Validates every field, or names the first bad one.
    pub fn parse(&self) -> CoreResult<AffiliationFields> {
        Ok(AffiliationFields::parse(
            self.organisation_id,
            &self.party_name,
            &self.tie,
            &self.since,
            &self.until,
            &self.note,
        )?)
    }
}

/// A provider's profile as typed.
#[derive(Debug, Clone, Default)]
pub struct ProviderProfileInput {
    /// Kind codes (`law_firm`, `patent_agency`, `trademark_agency`, `appraiser`), at least one.
    pub kinds: Vec<String>,
    /// Office codes (WIPO ST.3) it files at.
    pub offices: Vec<String>,
    /// Language codes, at least one.
    pub languages: Vec<String>,
    /// Region codes, at least one.
    pub regions: Vec<String>,
    /// How to reach it.
    pub contact: String,
}

impl ProviderProfileInput {
    /// Validates every field, or names the first bad one.
    pub fn parse(&self) -> CoreResult<ProviderProfileFields> {
        Ok(ProviderProfileFields::parse(&self.kinds, &self.offices, &self.languages, &self.regions, &self.contact)?)
    }
}

/// Which experts to list, as typed; an empty or absent filter is no filter.
#[derive(Debug, Clone, Default)]
pub struct ExpertQuery {
    /// `expert`, `mediator` or `technical_investigator`.
    pub role: Option<String>,
    /// A technical field code.
    pub field: Option<String>,
    /// A language code.
    pub language: Option<String>,
    /// A region code.
    pub region: Option<String>,
}

impl ExpertQuery {
    /// The filter, or the first bad value.
    pub fn parse(&self) -> CoreResult<ExpertFilter> {
        Ok(ExpertFilter {
            role: given(&self.role).map(directory_role).transpose()?,
            field: given(&self.field).map(TechnicalField::parse).transpose()?,
            language: given(&self.language).map(Language::parse).transpose()?,
            region: given(&self.region).map(Region::parse).transpose()?,
        })
    }
}

/// Which providers to list, as typed; an empty or absent filter is no filter.
#[derive(Debug, Clone, Default)]
pub struct ProviderQuery {
    /// A kind code.
    pub kind: Option<String>,
    /// An office code (WIPO ST.3).
    pub office: Option<String>,
    /// A language code.
    pub language: Option<String>,
    /// A region code.
    pub region: Option<String>,
}

impl ProviderQuery {
    /// The filter, or the first bad value.
    pub fn parse(&self) -> CoreResult<ProviderFilter> {
        Ok(ProviderFilter {
            kind: given(&self.kind).map(ProviderKind::parse).transpose()?,
            office: given(&self.office).map(OfficeCode::parse).transpose()?,
            language: given(&self.language).map(Language::parse).transpose()?,
            region: given(&self.region).map(Region::parse).transpose()?,
        })
    }
}

/// A case party as typed for matching.
#[derive(Debug, Clone, Default)]
pub struct PartyInput {
    /// `applicant` or `respondent`.
    pub side: String,
    /// The organisation, when it is on the platform.
    pub organisation_id: Option<OrgId>,
    /// The party's name.
    pub name: String,
    /// A region code, if known.
    pub region: Option<String>,
}

/// What a case needs, as typed for matching.
#[derive(Debug, Clone, Default)]
pub struct MatchInput {
    /// `expert`, `mediator` or `technical_investigator`.
    pub role: String,
    /// A technical field code.
    pub field: Option<String>,
    /// A language code.
    pub language: Option<String>,
    /// A region code.
    pub region: Option<String>,
    /// The case's parties.
    pub parties: Vec<PartyInput>,
}

/// The most parties a match request may name.
pub const MAX_PARTIES: usize = 20;

impl MatchInput {
    /// The request, or the first bad value.
    pub fn parse(&self) -> CoreResult<MatchRequest> {
        if self.parties.len() > MAX_PARTIES {
            return Err(InvalidValue::new("parties", format!("at most {MAX_PARTIES} parties")).into());
        }
        let parties = self.parties.iter().map(party).collect::<CoreResult<Vec<_>>>()?;
        Ok(MatchRequest {
            role: directory_role(&self.role)?,
            field: given(&self.field).map(TechnicalField::parse).transpose()?,
            language: given(&self.language).map(Language::parse).transpose()?,
            region: given(&self.region).map(Region::parse).transpose()?,
            parties,
        })
    }
}

/// A party of a match request.
fn party(input: &PartyInput) -> CoreResult<CaseParty> {
    let side = [PartySide::Applicant, PartySide::Respondent]
        .into_iter()
        .find(|side| side.code() == input.side.trim())
        .ok_or_else(|| InvalidValue::new("side", "applicant or respondent"))?;
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > zhichan_domain::directory::MAX_NAME_CHARS {
        return Err(InvalidValue::new("name", "the party's name, 1 to 200 characters").into());
    }
    Ok(CaseParty {
        side,
        organisation_id: input.organisation_id,
        name: name.to_owned(),
        region: given(&input.region).map(Region::parse).transpose()?,
    })
}

/// A filter's text when one was given.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// One of the roles the directory lists.
fn directory_role(code: &str) -> Result<Role, InvalidValue> {
    Role::parse(code)
        .ok()
        .filter(|role| DIRECTORY_ROLES.contains(role))
        .ok_or_else(|| InvalidValue::new("role", "expert, mediator or technical_investigator"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CoreError;

    #[test]
    fn filters_read_empty_as_none_and_refuse_what_is_not_a_directory_role() {
        let query = ExpertQuery { role: Some("mediator".into()), field: Some(" ".into()), ..Default::default() };
        assert_eq!(query.parse().unwrap(), ExpertFilter { role: Some(Role::Mediator), ..Default::default() });
        let staff = ExpertQuery { role: Some("staff".into()), ..Default::default() };
        assert!(matches!(staff.parse(), Err(CoreError::Invalid(i)) if i.field == "role"));
        let office = ProviderQuery { office: Some("XX".into()), ..Default::default() };
        assert!(matches!(office.parse(), Err(CoreError::Invalid(i)) if i.field == "office"));
    }

    #[test]
    fn a_match_request_names_its_parties() {
        let input = MatchInput {
            role: "mediator".into(),
            field: Some("trademarks".into()),
            language: Some(String::new()),
            region: Some("hong_kong".into()),
            parties: vec![PartyInput {
                side: "respondent".into(),
                organisation_id: None,
                name: " 九龍貿易有限公司 ".into(),
                region: Some("hong_kong".into()),
            }],
        };
        let request = input.parse().unwrap();
        assert_eq!((request.role, request.language, request.region), (Role::Mediator, None, Some(Region::HongKong)));
        assert_eq!(request.parties[0].name, "九龍貿易有限公司");
        let mut bad_side = input.clone();
        bad_side.parties[0].side = "witness".into();
        assert!(matches!(bad_side.parse(), Err(CoreError::Invalid(i)) if i.field == "side"));
        let mut nameless = input;
        nameless.parties[0].name = " ".into();
        assert!(matches!(nameless.parse(), Err(CoreError::Invalid(i)) if i.field == "name"));
    }
}
