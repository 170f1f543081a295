//! What the API returns: stable JSON shapes, kept apart from the store's types so the API can
//! stay put while storage changes.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use zhichan_domain::{ApiToken, AuditEvent, OrgId, Organisation, TokenId, User, UserId};

/// An organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationView {
    /// Id.
    #[schema(value_type = i64)]
    pub id: OrgId,
    /// `enterprise`, `service_provider` or `centre`.
    pub kind: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: Option<String>,
    /// Unified social credit code.
    pub uscc: Option<String>,
    /// Street code (e.g. `shajing`).
    pub street: Option<String>,
    /// Industry.
    pub industry: Option<String>,
    /// Export markets (ISO 3166 / ST.3 codes).
    pub export_markets: Vec<String>,
    /// Created (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
    /// Last changed (RFC 3339, UTC).
    pub updated_at: DateTime<Utc>,
}

impl From<Organisation> for OrganisationView {
    fn from(o: Organisation) -> Self {
        Self {
            id: o.id,
            kind: o.kind.code().to_owned(),
            name_zh: o.profile.name_zh.to_string(),
            name_en: o.profile.name_en.map(|name| name.to_string()),
            uscc: o.profile.uscc.map(String::from),
            street: o.profile.street.map(|s| s.code().to_owned()),
            industry: o.profile.industry,
            export_markets: o.profile.export_markets.into_iter().map(String::from).collect(),
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

/// A user account.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    /// Id.
    #[schema(value_type = i64)]
    pub id: UserId,
    /// Organisation id.
    #[schema(value_type = i64)]
    pub organisation_id: OrgId,
    /// Login address.
    pub email: String,
    /// Display name.
    pub display_name: String,
    /// Role codes.
    pub roles: Vec<String>,
    /// Preferred language tag.
    pub locale: Option<String>,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
}

impl From<User> for UserView {
    fn from(u: User) -> Self {
        Self {
            id: u.id,
            organisation_id: u.organisation_id,
            email: u.email,
            display_name: u.display_name,
            roles: u.roles.iter().map(|r| r.code().to_owned()).collect(),
            locale: u.locale.map(|l| l.tag().to_owned()),
            disabled: u.disabled,
            created_at: u.created_at,
        }
    }
}

/// A personal API token (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenView {
    /// Id.
    #[schema(value_type = i64)]
    pub id: TokenId,
    /// Label.
    pub name: String,
    /// First characters of the secret.
    pub token_prefix: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last used.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<ApiToken> for TokenView {
    fn from(t: ApiToken) -> Self {
        Self {
            id: t.id,
            name: t.name,
            token_prefix: t.token_prefix,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// An audit trail entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventView {
    /// Id (increasing).
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Acting user.
    #[schema(value_type = Option<i64>)]
    pub actor_user_id: Option<UserId>,
    /// Acting user's organisation.
    #[schema(value_type = Option<i64>)]
    pub actor_org_id: Option<OrgId>,
    /// Organisation whose data was touched.
    #[schema(value_type = Option<i64>)]
    pub organisation_id: Option<OrgId>,
    /// Action, e.g. `organisation.update`.
    pub action: String,
    /// Kind of record.
    pub target_kind: String,
    /// Record id.
    pub target_id: Option<String>,
    /// Client address.
    pub ip: Option<String>,
    /// Structured detail.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

impl From<AuditEvent> for AuditEventView {
    fn from(e: AuditEvent) -> Self {
        Self {
            id: e.id,
            at: e.entry.at,
            actor_user_id: e.entry.actor_user_id,
            actor_org_id: e.entry.actor_org_id,
            organisation_id: e.entry.organisation_id,
            action: e.entry.action,
            target_kind: e.entry.target_kind,
            target_id: e.entry.target_id,
            ip: e.entry.ip,
            detail: e.entry.detail,
        }
    }
}
