//! Organisations and their members: create, read, edit, list.

use serde::Deserialize;
use serde_json::json;
use zhichan_domain::{
    Email, MarketCode, NewOrganisation, NewUser, OrgId, OrgKind, OrgName, Organisation, OrganisationFilter,
    OrganisationProfile, Page, Password, Role, Street, Uscc, User,
};

use crate::audit::entry;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext, authz, password};

/// The largest page of organisations one request returns.
pub const MAX_PAGE: u32 = 200;

/// An organisation's profile as a user typed it. Empty strings mean "not given".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    /// Chinese name (required).
    pub name_zh: String,
    /// English name.
    #[serde(default)]
    pub name_en: Option<String>,
    /// Unified social credit code (mainland organisations).
    #[serde(default)]
    pub uscc: Option<String>,
    /// Street code or Chinese name.
    #[serde(default)]
    pub street: Option<String>,
    /// Industry.
    #[serde(default)]
    pub industry: Option<String>,
    /// Export markets as two-letter codes.
    #[serde(default)]
    pub export_markets: Vec<String>,
}

impl ProfileInput {
    /// Validates every field into a profile, or names the first bad field.
    pub fn parse(&self) -> CoreResult<OrganisationProfile> {
        let industry = given(&self.industry).map(str::to_owned);
        if industry.as_ref().is_some_and(|i| i.chars().count() > 100) {
            return Err(zhichan_domain::InvalidValue::new("industry", "at most 100 characters").into());
        }
        Ok(OrganisationProfile {
            name_zh: OrgName::parse("name_zh", &self.name_zh)?,
            name_en: given(&self.name_en).map(|n| OrgName::parse("name_en", n)).transpose()?,
            uscc: given(&self.uscc).map(Uscc::parse).transpose()?,
            street: given(&self.street).map(Street::parse).transpose()?,
            industry,
            export_markets: MarketCode::parse_list(&self.export_markets.join(","))?,
        })
    }
}

/// A new member as a user typed them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    /// Login address.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// Initial password.
    pub password: String,
    /// Role codes.
    pub roles: Vec<String>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl Core {
    /// One organisation the actor may see.
    pub async fn organisation(&self, actor: &Actor, id: OrgId) -> CoreResult<Organisation> {
        authz::view_organisation(actor, id)?;
        self.store.organisation(id).await?.ok_or(CoreError::NotFound("organisation"))
    }

    /// Organisations the actor may see that match `filter`, in id order.
    pub async fn organisations(
        &self,
        actor: &Actor,
        mut filter: OrganisationFilter,
        page: Page,
    ) -> CoreResult<Vec<Organisation>> {
        if !actor.serves_every_organisation() {
            filter.only_id = Some(actor.organisation_id());
        }
        let page = Page { after: page.after, limit: page.limit.clamp(1, MAX_PAGE) };
        Ok(self.store.organisations(&filter, page).await?)
    }

    /// Creates an organisation of `kind`.
    pub async fn create_organisation(
        &self,
        actor: &Actor,
        kind: OrgKind,
        input: &ProfileInput,
        context: &RequestContext,
    ) -> CoreResult<Organisation> {
        authz::create_organisation(actor, kind)?;
        let profile = input.parse()?;
        let audit = entry(
            Some(actor),
            context,
            "organisation.create",
            ("organisation", None),
            None,
            json!({
                "kind": kind.code(), "name_zh": profile.name_zh.as_str(),
            }),
        );
        Ok(self.store.create_organisation(&NewOrganisation { kind, profile }, audit).await?)
    }

    /// Replaces an organisation's profile.
    pub async fn update_organisation(
        &self,
        actor: &Actor,
        id: OrgId,
        input: &ProfileInput,
        context: &RequestContext,
    ) -> CoreResult<Organisation> {
        let current = self.organisation(actor, id).await?;
        authz::edit_organisation(actor, &current)?;
        let profile = input.parse()?;
        let audit = entry(
            Some(actor),
            context,
            "organisation.update",
            ("organisation", Some(id.to_string())),
            Some(id),
            json!({
                "before": current, "after": { "name_zh": profile.name_zh.as_str(), "name_en": profile.name_en.as_ref().map(OrgName::as_str),
                    "uscc": profile.uscc.as_ref().map(Uscc::as_str), "street": profile.street.map(Street::code),
                    "industry": profile.industry, "export_markets": profile.export_markets },
            }),
        );
        Ok(self.store.update_organisation(id, &profile, audit).await?)
    }

    /// The members of an organisation the actor may see.
    pub async fn members(&self, actor: &Actor, organisation_id: OrgId) -> CoreResult<Vec<User>> {
        authz::view_organisation(actor, organisation_id)?;
        Ok(self.store.users_in_organisation(organisation_id).await?)
    }

    /// Adds a member to an organisation.
    pub async fn add_member(
        &self,
        actor: &Actor,
        organisation_id: OrgId,
        input: &MemberInput,
        context: &RequestContext,
    ) -> CoreResult<User> {
        let organisation = self.organisation(actor, organisation_id).await?;
        let roles = parse_roles(&input.roles, organisation.kind)?;
        authz::add_member(actor, &organisation, &roles)?;
        self.insert_user(Some(actor), &organisation, input, roles, context).await
    }

    /// Writes a new account after the caller has checked permission.
    pub(crate) async fn insert_user(
        &self,
        actor: Option<&Actor>,
        organisation: &Organisation,
        input: &MemberInput,
        roles: Vec<Role>,
        context: &RequestContext,
    ) -> CoreResult<User> {
        let email = Email::parse(&input.email)?;
        let display_name = OrgName::parse("display_name", &input.display_name)?.as_str().to_owned();
        let password_hash = password::hash(&Password::parse(&input.password)?).await?;
        let audit = entry(
            actor,
            context,
            "user.create",
            ("user", None),
            Some(organisation.id),
            json!({
                "email": email.as_str(), "roles": roles,
            }),
        );
        let new = NewUser { organisation_id: organisation.id, email, display_name, password_hash, roles };
        Ok(self.store.create_user(&new, audit).await?)
    }
}

/// Parses role codes and checks they suit an organisation of `kind`.
pub fn parse_roles(codes: &[String], kind: OrgKind) -> CoreResult<Vec<Role>> {
    let mut roles = codes.iter().map(|c| Role::parse(c)).collect::<Result<Vec<_>, _>>()?;
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        return Err(zhichan_domain::InvalidValue::new("roles", "at least one role").into());
    }
    if let Some(role) = roles.iter().find(|r| !r.allowed_in(kind)) {
        let expected = format!("roles that a {} may hold ({role} may not)", kind.code());
        return Err(zhichan_domain::InvalidValue::new("roles", expected).into());
    }
    Ok(roles)
}
