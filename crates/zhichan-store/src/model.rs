//! The rows the store keeps, as typed values. Inputs (`New*`, `*Changes`) carry domain types that
//! were already validated; outputs are what was stored.

use chrono::{DateTime, Utc};
use serde::Serialize;
use zhichan_domain::{Email, Locale, MarketCode, OrgKind, OrgName, Role, Street, Uscc};

/// An organisation as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organisation {
    /// Store-assigned id.
    pub id: i64,
    /// Enterprise, service provider or the district centre.
    pub kind: OrgKind,
    /// Chinese name (the legal name for mainland enterprises).
    pub name_zh: String,
    /// English name, if any.
    pub name_en: Option<String>,
    /// Unified social credit code, for mainland organisations.
    pub uscc: Option<String>,
    /// The Bao'an street the organisation sits in.
    pub street: Option<Street>,
    /// Industry, in the enterprise's own words.
    pub industry: Option<String>,
    /// Export markets, in the order given.
    pub export_markets: Vec<MarketCode>,
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
#[derive(Debug, Clone)]
pub struct OrganisationProfile {
    /// Chinese name.
    pub name_zh: OrgName,
    /// English name.
    pub name_en: Option<OrgName>,
    /// Unified social credit code.
    pub uscc: Option<Uscc>,
    /// Street.
    pub street: Option<Street>,
    /// Industry.
    pub industry: Option<String>,
    /// Export markets.
    pub export_markets: Vec<MarketCode>,
}

/// Which organisations to list, in id order.
#[derive(Debug, Clone, Default)]
pub struct OrganisationFilter {
    /// Only this organisation (how an enterprise sees the list: itself).
    pub only_id: Option<i64>,
    /// Only this kind.
    pub kind: Option<OrgKind>,
    /// Only this street.
    pub street: Option<Street>,
    /// Case-insensitive substring of either name.
    pub name_contains: Option<String>,
}

/// A user account as stored (without its password hash).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct User {
    /// Store-assigned id.
    pub id: i64,
    /// The organisation the user belongs to.
    pub organisation_id: i64,
    /// Login address.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// Roles held, sorted.
    pub roles: Vec<Role>,
    /// Preferred UI language, if chosen.
    pub locale: Option<Locale>,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// A user together with the password hash needed to check a login.
#[derive(Debug, Clone)]
pub struct UserCredentials {
    /// The account.
    pub user: User,
    /// PHC-format argon2id hash.
    pub password_hash: String,
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Organisation it belongs to.
    pub organisation_id: i64,
    /// Login address.
    pub email: Email,
    /// Name shown to others.
    pub display_name: String,
    /// PHC-format argon2id hash of the chosen password.
    pub password_hash: String,
    /// Roles granted.
    pub roles: Vec<Role>,
}

/// A signed-in browser session. The cookie holds the secret; the store only its SHA-256.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Hex SHA-256 of the session secret.
    pub token_hash: String,
    /// Whose session it is.
    pub user_id: i64,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
    /// When it stops being accepted.
    pub expires_at: DateTime<Utc>,
    /// Client address at sign-in.
    pub ip: Option<String>,
    /// Client software at sign-in.
    pub user_agent: Option<String>,
}

/// A personal API token, as listed to its owner. The secret itself is shown once, at creation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiToken {
    /// Store-assigned id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// The owner's label for it.
    pub name: String,
    /// The first characters of the secret, to tell tokens apart.
    pub token_prefix: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last used.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked; revoked tokens are refused.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token to store.
#[derive(Debug, Clone)]
pub struct NewApiToken {
    /// Owner.
    pub user_id: i64,
    /// Label.
    pub name: String,
    /// First characters of the secret.
    pub token_prefix: String,
    /// Hex SHA-256 of the secret.
    pub token_hash: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// One stored entry of the append-only audit trail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEvent {
    /// Store-assigned id, increasing with time.
    pub id: i64,
    /// What happened.
    #[serde(flatten)]
    pub entry: AuditEntry,
}

/// What an audit entry records. For methods that create a record, the store fills in
/// `target_id` (and `organisation_id` when the record is an organisation) once the id is known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor_user_id: Option<i64>,
    /// The actor's organisation.
    pub actor_org_id: Option<i64>,
    /// The organisation whose data is touched.
    pub organisation_id: Option<i64>,
    /// What is done.
    pub action: String,
    /// Kind of record.
    pub target_kind: String,
    /// The record's id, when already known.
    pub target_id: Option<String>,
    /// Request origin.
    pub ip: Option<String>,
    /// Structured detail.
    pub detail: serde_json::Value,
}

/// Which audit entries to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only entries about this organisation's data.
    pub organisation_id: Option<i64>,
    /// Only entries by this user.
    pub actor_user_id: Option<i64>,
    /// Only actions starting with this text, e.g. `user.`.
    pub action_prefix: Option<String>,
    /// Only entries at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only entries before this time.
    pub until: Option<DateTime<Utc>>,
}

/// Keyset paging: entries after (or, for newest-first lists, before) the id in `after`.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// The last id of the previous page.
    pub after: Option<i64>,
    /// How many entries at most.
    pub limit: u32,
}

impl Page {
    /// The first page of `limit` entries.
    pub fn first(limit: u32) -> Self {
        Self { after: None, limit }
    }
}
