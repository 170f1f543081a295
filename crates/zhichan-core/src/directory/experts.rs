//! Experts' profiles and the affiliations they declare.

use serde_json::json;
use zhichan_domain::directory::{Affiliation, AffiliationId, ExpertProfile, directory_roles};
use zhichan_domain::{InvalidValue, Page, User, UserId};

use super::{AffiliationInput, ExpertProfileInput, ExpertQuery, MAX_PAGE};
use crate::audit::entry;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext, authz};

impl Core {
    /// The experts, mediators and investigators matching `query`, in user id order: anyone
    /// signed in may look.
    pub async fn experts(&self, _actor: &Actor, query: &ExpertQuery, page: Page) -> CoreResult<Vec<ExpertProfile>> {
        let filter = query.parse()?;
        let page = Page { after: page.after, limit: page.limit.clamp(1, MAX_PAGE) };
        Ok(self.store.expert_profiles(&filter, page).await?)
    }

    /// The profile of the expert `user_id`: anyone signed in may see a filled-in profile of an
    /// enabled expert; the expert themself, staff and administrators also see a profile not yet
    /// filled in ([`ExpertProfile::unfilled`]) and a disabled expert's.
    pub async fn expert(&self, actor: &Actor, user_id: UserId) -> CoreResult<ExpertProfile> {
        let user = self.directory_user(user_id).await?;
        let editor = authz::edit_expert_profile(actor, user_id).is_ok();
        match self.store.expert_profile(user_id).await? {
            Some(profile) if editor || !user.disabled => Ok(profile),
            None if editor => Ok(ExpertProfile::unfilled(&user)),
            _ => Err(CoreError::NotFound("expert")),
        }
    }

    /// Creates or replaces the profile of the expert `user_id`.
    pub async fn update_expert_profile(
        &self,
        actor: &Actor,
        context: &RequestContext,
        user_id: UserId,
        input: &ExpertProfileInput,
    ) -> CoreResult<ExpertProfile> {
        authz::edit_expert_profile(actor, user_id)?;
        let user = self.directory_user(user_id).await?;
        let fields = input.parse()?;
        let audit = entry(
            Some(actor),
            context,
            "expert_profile.update",
            ("expert_profile", Some(user_id.to_string())),
            Some(user.organisation_id),
            json!({
                "region": fields.region, "fields": fields.fields, "languages": fields.languages,
                "bio": fields.bio, "accepting": fields.accepting,
            }),
        );
        Ok(self.store.put_expert_profile(user_id, &fields, audit).await?)
    }

    /// The ties the expert `user_id` declared, in id order: theirs and the centre's to see.
    pub async fn affiliations(&self, actor: &Actor, user_id: UserId) -> CoreResult<Vec<Affiliation>> {
        authz::expert_affiliations(actor, user_id)?;
        self.directory_user(user_id).await?;
        Ok(self.store.affiliations(&[user_id]).await?)
    }

    /// Records a tie the expert `user_id` declares. A party named by organisation id must be an
    /// organisation of the platform.
    pub async fn add_affiliation(
        &self,
        actor: &Actor,
        context: &RequestContext,
        user_id: UserId,
        input: &AffiliationInput,
    ) -> CoreResult<Affiliation> {
        authz::expert_affiliations(actor, user_id)?;
        let user = self.directory_user(user_id).await?;
        let fields = input.parse()?;
        if let Some(organisation_id) = fields.organisation_id
            && self.store.organisation(organisation_id).await?.is_none()
        {
            return Err(
                InvalidValue::new("organisation_id", "the id of an organisation of the platform, or none").into()
            );
        }
        // The entry belongs to the expert's organisation: the party's members must not learn
        // from their audit trail that someone declared a tie to them.
        let audit = entry(
            Some(actor),
            context,
            "affiliation.create",
            ("affiliation", None),
            Some(user.organisation_id),
            json!({
                "user_id": user_id, "party_name": fields.party_name, "organisation_id": fields.organisation_id,
                "tie": fields.tie, "since": fields.since, "until": fields.until,
            }),
        );
        Ok(self.store.add_affiliation(user_id, &fields, audit).await?)
    }

    /// Removes a tie the expert `user_id` declared.
    pub async fn remove_affiliation(
        &self,
        actor: &Actor,
        context: &RequestContext,
        user_id: UserId,
        id: AffiliationId,
    ) -> CoreResult<()> {
        authz::expert_affiliations(actor, user_id)?;
        let user = self.directory_user(user_id).await?;
        let current = self
            .store
            .affiliation(id)
            .await?
            .filter(|affiliation| affiliation.user_id == user_id)
            .ok_or(CoreError::NotFound("affiliation"))?;
        let audit = entry(
            Some(actor),
            context,
            "affiliation.delete",
            ("affiliation", Some(id.to_string())),
            Some(user.organisation_id),
            json!({ "user_id": user_id, "party_name": current.party_name, "tie": current.tie }),
        );
        Ok(self.store.remove_affiliation(id, audit).await?)
    }

    /// The account `user_id` if it holds a directory role; otherwise there is no such expert.
    async fn directory_user(&self, user_id: UserId) -> CoreResult<User> {
        self.store
            .user(user_id)
            .await?
            .filter(|user| !directory_roles(&user.roles).is_empty())
            .ok_or(CoreError::NotFound("expert"))
    }
}
