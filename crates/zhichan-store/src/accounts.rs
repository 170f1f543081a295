//! Organisations, accounts, sessions, API tokens and the audit trail.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use zhichan_domain::{
    ApiToken, AuditEntry, AuditEvent, AuditFilter, Locale, NewApiToken, NewOrganisation, NewSession, NewUser, OrgId,
    Organisation, OrganisationFilter, OrganisationProfile, Page, Role, TokenId, User, UserCredentials, UserId,
};

use crate::StoreResult;

/// Persistence of organisations, accounts and the audit trail.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates an organisation and its audit entry.
    async fn create_organisation(&self, new: &NewOrganisation, audit: AuditEntry) -> StoreResult<Organisation>;
    /// Replaces an organisation's profile and records the change.
    async fn update_organisation(
        &self,
        id: OrgId,
        profile: &OrganisationProfile,
        audit: AuditEntry,
    ) -> StoreResult<Organisation>;
    /// One organisation.
    async fn organisation(&self, id: OrgId) -> StoreResult<Option<Organisation>>;
    /// Organisations matching `filter`, in id order.
    async fn organisations(&self, filter: &OrganisationFilter, page: Page) -> StoreResult<Vec<Organisation>>;

    /// Creates a user with roles, and its audit entry.
    async fn create_user(&self, new: &NewUser, audit: AuditEntry) -> StoreResult<User>;
    /// One user.
    async fn user(&self, id: UserId) -> StoreResult<Option<User>>;
    /// A user and their password hash, by login address.
    async fn user_credentials(&self, email: &str) -> StoreResult<Option<UserCredentials>>;
    /// The members of an organisation, in id order.
    async fn users_in_organisation(&self, organisation_id: OrgId) -> StoreResult<Vec<User>>;
    /// How many enabled users hold `role`.
    async fn count_users_with_role(&self, role: Role) -> StoreResult<i64>;
    /// The enabled users holding `role`, in id order.
    async fn users_with_role(&self, role: Role) -> StoreResult<Vec<User>>;
    /// Stores a user's preferred language.
    async fn set_user_locale(&self, user_id: UserId, locale: Locale, audit: AuditEntry) -> StoreResult<()>;

    /// Opens a session (the sign-in is audited by the caller's entry).
    async fn create_session(&self, session: &NewSession, audit: AuditEntry) -> StoreResult<()>;
    /// The enabled user owning an unexpired session.
    async fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>>;
    /// Closes a session.
    async fn delete_session(&self, token_hash: &str, audit: AuditEntry) -> StoreResult<()>;
    /// Forgets sessions that expired before `now`; returns how many.
    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64>;

    /// Stores a new API token.
    async fn create_api_token(&self, token: &NewApiToken, audit: AuditEntry) -> StoreResult<ApiToken>;
    /// A user's tokens, newest first.
    async fn api_tokens(&self, user_id: UserId) -> StoreResult<Vec<ApiToken>>;
    /// The enabled owner of an unrevoked token, marking the token used at `now`.
    async fn api_token_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>>;
    /// Revokes one of `user_id`'s tokens; `NotFound` if it is not theirs or already revoked.
    async fn revoke_api_token(&self, user_id: UserId, token_id: TokenId, audit: AuditEntry) -> StoreResult<ApiToken>;

    /// Appends an entry about something that changed no row of its own (e.g. a refused sign-in).
    async fn append_audit(&self, event: AuditEntry) -> StoreResult<()>;
    /// Audit entries matching `filter`, newest first; `page.after` continues below that id.
    async fn audit_events(&self, filter: &AuditFilter, page: Page) -> StoreResult<Vec<AuditEvent>>;
}
