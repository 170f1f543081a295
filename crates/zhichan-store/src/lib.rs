//! The system of record of zhichan: one [`Store`] trait and two adapters, SQLite (the embedded
//! default) and PostgreSQL (servers), each with its own `migrations/<backend>/` folder of
//! identically named files.
//!
//! Only this crate names sqlx. It knows nothing of HTTP or of who may do what: authorisation is
//! decided in `zhichan-core` before a method here is called. Every method that changes data takes
//! the audit entry describing the change and writes both in one transaction, so no change can
//! land without its audit record.

mod error;
pub mod model;
mod postgres;
mod rows;
pub mod scratch;
mod sql;
mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use zhichan_domain::{Locale, Role};

pub use error::{StoreError, StoreResult};
pub use model::*;
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// Which database an adapter talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// The persistence operations the platform needs. Implemented identically by both adapters and
/// checked by one conformance suite (`tests/it/conformance.rs`).
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Which backend this is.
    fn backend(&self) -> Backend;
    /// Applies pending migrations.
    async fn migrate(&self) -> StoreResult<()>;
    /// Checks that the database answers.
    async fn ping(&self) -> StoreResult<()>;

    /// Creates an organisation and its audit entry.
    async fn create_organisation(
        &self,
        new: &NewOrganisation,
        audit: NewAuditEvent,
    ) -> StoreResult<Organisation>;
    /// Replaces an organisation's profile and records the change.
    async fn update_organisation(
        &self,
        id: i64,
        profile: &OrganisationProfile,
        audit: NewAuditEvent,
    ) -> StoreResult<Organisation>;
    /// One organisation.
    async fn organisation(&self, id: i64) -> StoreResult<Option<Organisation>>;
    /// Organisations matching `filter`, in id order.
    async fn organisations(
        &self,
        filter: &OrganisationFilter,
        page: Page,
    ) -> StoreResult<Vec<Organisation>>;

    /// Creates a user with roles, and its audit entry.
    async fn create_user(&self, new: &NewUser, audit: NewAuditEvent) -> StoreResult<User>;
    /// One user.
    async fn user(&self, id: i64) -> StoreResult<Option<User>>;
    /// A user and their password hash, by login address.
    async fn user_credentials(&self, email: &str) -> StoreResult<Option<UserCredentials>>;
    /// The members of an organisation, in id order.
    async fn users_in_organisation(&self, organisation_id: i64) -> StoreResult<Vec<User>>;
    /// How many enabled users hold `role`.
    async fn count_users_with_role(&self, role: Role) -> StoreResult<i64>;
    /// Stores a user's preferred language.
    async fn set_user_locale(
        &self,
        user_id: i64,
        locale: Locale,
        audit: NewAuditEvent,
    ) -> StoreResult<()>;

    /// Opens a session (the sign-in is audited by the caller's entry).
    async fn create_session(&self, session: &NewSession, audit: NewAuditEvent) -> StoreResult<()>;
    /// The enabled user owning an unexpired session.
    async fn session_user(&self, token_hash: &str, now: DateTime<Utc>)
    -> StoreResult<Option<User>>;
    /// Closes a session.
    async fn delete_session(&self, token_hash: &str, audit: NewAuditEvent) -> StoreResult<()>;
    /// Forgets sessions that expired before `now`; returns how many.
    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64>;

    /// Stores a new API token.
    async fn create_api_token(
        &self,
        token: &NewApiToken,
        audit: NewAuditEvent,
    ) -> StoreResult<ApiToken>;
    /// A user's tokens, newest first.
    async fn api_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>>;
    /// The enabled owner of an unrevoked token, marking the token used at `now`.
    async fn api_token_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<User>>;
    /// Revokes one of `user_id`'s tokens; `NotFound` if it is not theirs or already revoked.
    async fn revoke_api_token(
        &self,
        user_id: i64,
        token_id: i64,
        audit: NewAuditEvent,
    ) -> StoreResult<ApiToken>;

    /// Appends an entry about something that changed no row of its own (e.g. a refused sign-in).
    async fn append_audit(&self, event: NewAuditEvent) -> StoreResult<()>;
    /// Audit entries matching `filter`, newest first; `page.after` continues below that id.
    async fn audit_events(&self, filter: &AuditFilter, page: Page) -> StoreResult<Vec<AuditEvent>>;
}

/// Opens the store a URL names — `sqlite:PATH` / `sqlite://PATH` or `postgres://…` — and applies
/// migrations.
pub async fn open(url: &str) -> StoreResult<Arc<dyn Store>> {
    let store: Arc<dyn Store> =
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Arc::new(PostgresStore::connect(url).await?)
        } else if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            Arc::new(SqliteStore::open(std::path::Path::new(path)).await?)
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_owned()));
        };
    store.migrate().await?;
    Ok(store)
}
