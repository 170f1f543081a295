//! Raw rows as the databases return them, and their conversion into typed model values.
//! Both backends decode into the same row structs; text codes become domain enums here.

use chrono::{DateTime, Utc};
use zhichan_domain::{Locale, MarketCode, OrgKind, Role, Street};

use crate::{ApiToken, AuditEntry, AuditEvent, Organisation, StoreError, StoreResult, User};

#[derive(sqlx::FromRow)]
pub(crate) struct OrganisationRow {
    id: i64,
    kind: String,
    name_zh: String,
    name_en: Option<String>,
    uscc: Option<String>,
    street: Option<String>,
    industry: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl OrganisationRow {
    pub(crate) fn id(&self) -> i64 {
        self.id
    }

    /// Builds the model value with the organisation's markets (`(organisation_id, market)` pairs in order).
    pub(crate) fn into_model(self, markets: &[(i64, String)]) -> StoreResult<Organisation> {
        let kind = OrgKind::parse(&self.kind).map_err(|_| corrupt("organisations.kind", &self.kind))?;
        let street =
            self.street.map(|s| Street::parse(&s).map_err(|_| corrupt("organisations.street", &s))).transpose()?;
        let export_markets = markets
            .iter()
            .filter(|(org, _)| *org == self.id)
            .map(|(_, m)| MarketCode::parse(m).map_err(|_| corrupt("organisation_markets.market", m)))
            .collect::<StoreResult<_>>()?;
        Ok(Organisation {
            id: self.id,
            kind,
            name_zh: self.name_zh,
            name_en: self.name_en,
            uscc: self.uscc,
            street,
            industry: self.industry,
            export_markets,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: i64,
    organisation_id: i64,
    email: String,
    display_name: String,
    locale: Option<String>,
    disabled: bool,
    created_at: DateTime<Utc>,
}

impl UserRow {
    pub(crate) fn id(&self) -> i64 {
        self.id
    }

    /// Builds the model value with the user's roles (`(user_id, role)` pairs).
    pub(crate) fn into_model(self, roles: &[(i64, String)]) -> StoreResult<User> {
        let mut user_roles = roles
            .iter()
            .filter(|(user, _)| *user == self.id)
            .map(|(_, r)| Role::parse(r).map_err(|_| corrupt("user_roles.role", r)))
            .collect::<StoreResult<Vec<_>>>()?;
        user_roles.sort();
        let locale =
            self.locale.map(|l| Locale::from_tag(&l).ok_or_else(|| corrupt("users.locale", &l))).transpose()?;
        Ok(User {
            id: self.id,
            organisation_id: self.organisation_id,
            email: self.email,
            display_name: self.display_name,
            roles: user_roles,
            locale,
            disabled: self.disabled,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ApiTokenRow {
    id: i64,
    user_id: i64,
    name: String,
    token_prefix: String,
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<ApiTokenRow> for ApiToken {
    fn from(row: ApiTokenRow) -> Self {
        ApiToken {
            id: row.id,
            user_id: row.user_id,
            name: row.name,
            token_prefix: row.token_prefix,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            revoked_at: row.revoked_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    id: i64,
    at: DateTime<Utc>,
    actor_user_id: Option<i64>,
    actor_org_id: Option<i64>,
    organisation_id: Option<i64>,
    action: String,
    target_kind: String,
    target_id: Option<String>,
    ip: Option<String>,
    detail: sqlx::types::Json<serde_json::Value>,
}

impl From<AuditRow> for AuditEvent {
    fn from(row: AuditRow) -> Self {
        AuditEvent {
            id: row.id,
            entry: AuditEntry {
                at: row.at,
                actor_user_id: row.actor_user_id,
                actor_org_id: row.actor_org_id,
                organisation_id: row.organisation_id,
                action: row.action,
                target_kind: row.target_kind,
                target_id: row.target_id,
                ip: row.ip,
                detail: row.detail.0,
            },
        }
    }
}

fn corrupt(field: &'static str, value: &str) -> StoreError {
    StoreError::Corrupt { field, value: value.to_owned() }
}
