//! Service providers' profiles.

use serde_json::json;
use zhichan_domain::directory::ProviderProfile;
use zhichan_domain::{InvalidValue, OrgId, Page};

use super::{MAX_PAGE, ProviderProfileInput, ProviderQuery};
use crate::audit::entry;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext, authz};

impl Core {
    /// The providers matching `query`, in organisation id order: anyone signed in may look.
    pub async fn providers(
        &self,
        _actor: &Actor,
        query: &ProviderQuery,
        page: Page,
    ) -> CoreResult<Vec<ProviderProfile>> {
        let filter = query.parse()?;
        let page = Page { after: page.after, limit: page.limit.clamp(1, MAX_PAGE) };
        Ok(self.store.provider_profiles(&filter, page).await?)
    }

    /// The profile of the provider `organisation_id`: anyone signed in may see a filled-in
    /// profile; staff and administrators also see a service provider's profile not yet filled in
    /// ([`ProviderProfile::unfilled`]).
    pub async fn provider(&self, actor: &Actor, organisation_id: OrgId) -> CoreResult<ProviderProfile> {
        if let Some(profile) = self.store.provider_profile(organisation_id).await? {
            return Ok(profile);
        }
        authz::edit_provider_profile(actor).map_err(|_| CoreError::NotFound("provider"))?;
        match self.store.organisation(organisation_id).await? {
            Some(organisation) if ProviderProfile::allowed_for(organisation.kind) => {
                Ok(ProviderProfile::unfilled(&organisation))
            }
            _ => Err(CoreError::NotFound("provider")),
        }
    }

    /// Creates or replaces the profile of the service provider `organisation_id`.
    pub async fn update_provider_profile(
        &self,
        actor: &Actor,
        context: &RequestContext,
        organisation_id: OrgId,
        input: &ProviderProfileInput,
    ) -> CoreResult<ProviderProfile> {
        authz::edit_provider_profile(actor)?;
        let organisation =
            self.store.organisation(organisation_id).await?.ok_or(CoreError::NotFound("organisation"))?;
        if !ProviderProfile::allowed_for(organisation.kind) {
            return Err(InvalidValue::new("organisation_id", "the id of a service provider").into());
        }
        let fields = input.parse()?;
        let audit = entry(
            Some(actor),
            context,
            "provider_profile.update",
            ("provider_profile", Some(organisation_id.to_string())),
            Some(organisation_id),
            json!({
                "kinds": fields.kinds, "offices": fields.offices, "languages": fields.languages,
                "regions": fields.regions, "contact": fields.contact,
            }),
        );
        Ok(self.store.put_provider_profile(organisation_id, &fields, audit).await?)
    }
}
