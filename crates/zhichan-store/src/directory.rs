//! The expert and provider directory: experts' profiles (their name, organisation and roles come
//! from their account), the ties they declare to parties for conflict checks, and service
//! providers' profiles (their names come from their organisation).

use async_trait::async_trait;
use zhichan_domain::directory::{
    Affiliation, AffiliationFields, AffiliationId, ExpertFilter, ExpertProfile, ExpertProfileFields, ProviderFilter,
    ProviderProfile, ProviderProfileFields,
};
use zhichan_domain::{AuditEntry, OrgId, Page, UserId};

use crate::StoreResult;

/// Persistence of the directory.
#[async_trait]
pub trait DirectoryStore: Send + Sync {
    /// Creates or replaces the profile of `user_id`. [`crate::StoreError::NotFound`] (`user`)
    /// when there is no such user.
    async fn put_expert_profile(
        &self,
        user_id: UserId,
        fields: &ExpertProfileFields,
        audit: AuditEntry,
    ) -> StoreResult<ExpertProfile>;
    /// The profile of `user_id`, whatever the account's roles and state.
    async fn expert_profile(&self, user_id: UserId) -> StoreResult<Option<ExpertProfile>>;
    /// Profiles of enabled users holding a directory role and matching `filter`, in user id
    /// order after `page.after`.
    async fn expert_profiles(&self, filter: &ExpertFilter, page: Page) -> StoreResult<Vec<ExpertProfile>>;

    /// Records a tie `user_id` declares.
    async fn add_affiliation(
        &self,
        user_id: UserId,
        fields: &AffiliationFields,
        audit: AuditEntry,
    ) -> StoreResult<Affiliation>;
    /// Removes a declared tie. [`crate::StoreError::NotFound`] (`affiliation`) when there is none.
    async fn remove_affiliation(&self, id: AffiliationId, audit: AuditEntry) -> StoreResult<()>;
    /// One declared tie.
    async fn affiliation(&self, id: AffiliationId) -> StoreResult<Option<Affiliation>>;
    /// Every tie the users `user_ids` declared, by user, then in id order.
    async fn affiliations(&self, user_ids: &[UserId]) -> StoreResult<Vec<Affiliation>>;

    /// Creates or replaces the profile of the organisation `organisation_id`.
    /// [`crate::StoreError::NotFound`] (`organisation`) when there is no such organisation.
    async fn put_provider_profile(
        &self,
        organisation_id: OrgId,
        fields: &ProviderProfileFields,
        audit: AuditEntry,
    ) -> StoreResult<ProviderProfile>;
    /// The profile of the organisation `organisation_id`.
    async fn provider_profile(&self, organisation_id: OrgId) -> StoreResult<Option<ProviderProfile>>;
    /// Provider profiles matching `filter`, in organisation id order after `page.after`.
    async fn provider_profiles(&self, filter: &ProviderFilter, page: Page) -> StoreResult<Vec<ProviderProfile>>;
}
