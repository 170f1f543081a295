//! [`AccountStore`] in SQL shared by both backends: organisations with their export markets,
//! users with their roles, sessions and API tokens. The audit trail is in `audit.rs`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Transaction;
use sqlx::query::QueryScalar;
use zhichan_domain::{
    ApiToken, AuditEntry, AuditEvent, AuditFilter, Locale, MarketCode, NewApiToken, NewOrganisation, NewSession,
    NewUser, OrgId, OrgKind, OrgName, Organisation, OrganisationFilter, OrganisationProfile, Page, Role, Street,
    TokenId, Uscc, User, UserCredentials, UserId,
};

use super::audit::{
    RowId, append_audit, audit_events, commit_with_audit, create_audited, insert_audit, update_audited,
};
use super::{RowsAffected, SqlBackend, SqlStore, statement};
use crate::error::classify;
use crate::{AccountStore, StoreError, StoreResult};

/// The columns [`OrganisationRow`] reads.
const ORGANISATION_COLUMNS: &str = "id, kind, name_zh, name_en, uscc, street, industry, created_at, updated_at";
/// The columns [`UserRow`] reads.
const USER_COLUMNS: &str = "id, organisation_id, email, display_name, locale, disabled, created_at";
/// The columns [`ApiTokenRow`] reads.
const API_TOKEN_COLUMNS: &str = "id, user_id, name, token_prefix, created_at, last_used_at, revoked_at";

#[async_trait]
impl<DB: SqlBackend> AccountStore for SqlStore<DB> {
    async fn create_organisation(&self, new: &NewOrganisation, mut audit: AuditEntry) -> StoreResult<Organisation> {
        let mut tx = self.pool.begin().await?;
        let insert = sqlx::query_scalar(
            "INSERT INTO organisations (name_zh, name_en, uscc, street, industry, created_at, updated_at, kind) \
             VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
        );
        let id: i64 = bind_profile(insert, &new.profile, audit.at)
            .bind(new.kind.code())
            .fetch_one(&mut *tx)
            .await
            .map_err(classify)?;
        audit.organisation_id = Some(OrgId::new(id));
        audit.target_id = Some(id.to_string());
        finish_organisation(tx, id, &new.profile.export_markets, &audit).await
    }

    async fn update_organisation(
        &self,
        id: OrgId,
        profile: &OrganisationProfile,
        audit: AuditEntry,
    ) -> StoreResult<Organisation> {
        let mut tx = self.pool.begin().await?;
        let update = sqlx::query_scalar(
            "UPDATE organisations SET name_zh = $1, name_en = $2, uscc = $3, street = $4, industry = $5, \
             updated_at = $6 WHERE id = $7 RETURNING id",
        );
        let updated: Option<i64> =
            bind_profile(update, profile, audit.at).bind(id.get()).fetch_optional(&mut *tx).await.map_err(classify)?;
        if updated.is_none() {
            return Err(StoreError::NotFound("organisation"));
        }
        sqlx::query("DELETE FROM organisation_markets WHERE organisation_id = $1")
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
        finish_organisation(tx, id.get(), &profile.export_markets, &audit).await
    }

    async fn organisation(&self, id: OrgId) -> StoreResult<Option<Organisation>> {
        let mut conn = self.pool.acquire().await?;
        organisation_in::<DB>(&mut conn, id.get()).await
    }

    async fn organisations(&self, filter: &OrganisationFilter, page: Page) -> StoreResult<Vec<Organisation>> {
        let mut conn = self.pool.acquire().await?;
        let pattern = filter.name_contains.as_ref().map(|n| format!("%{}%", n.to_lowercase()));
        let rows: Vec<OrganisationRow> = sqlx::query_as(statement(&[
            "SELECT ",
            ORGANISATION_COLUMNS,
            " FROM organisations WHERE id > $1 AND ($2 IS NULL OR id = $2) AND ($3 IS NULL OR kind = $3) \
             AND ($4 IS NULL OR street = $4) \
             AND ($5 IS NULL OR lower(name_zh) LIKE $5 OR lower(coalesce(name_en, '')) LIKE $5) \
             ORDER BY id LIMIT $6",
        ]))
        .bind(page.after.unwrap_or(0))
        .bind(filter.only_id.map(OrgId::get))
        .bind(filter.kind.map(|k| k.code()))
        .bind(filter.street.map(|s| s.code()))
        .bind(pattern.as_deref())
        .bind(i64::from(page.limit))
        .fetch_all(&mut *conn)
        .await?;
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            return Ok(Vec::new());
        };
        let markets = markets_between::<DB>(&mut conn, first.id, last.id).await?;
        rows.into_iter().map(|row| row.into_model(&markets)).collect()
    }

    async fn create_user(&self, new: &NewUser, mut audit: AuditEntry) -> StoreResult<User> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (organisation_id, email, display_name, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(new.organisation_id.get())
        .bind(new.email.as_str())
        .bind(new.display_name.as_str())
        .bind(new.password_hash.as_str())
        .bind(audit.at)
        .fetch_one(&mut *tx)
        .await
        .map_err(classify)?;
        for role in &new.roles {
            sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(role.code())
                .execute(&mut *tx)
                .await?;
        }
        audit.target_id = Some(id.to_string());
        insert_audit(&mut tx, &audit).await?;
        let user = user_in::<DB>(&mut tx, id).await?.ok_or(StoreError::NotFound("user"))?;
        tx.commit().await?;
        Ok(user)
    }

    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        let mut conn = self.pool.acquire().await?;
        user_in::<DB>(&mut conn, id.get()).await
    }

    async fn user_credentials(&self, email: &str) -> StoreResult<Option<UserCredentials>> {
        let mut conn = self.pool.acquire().await?;
        let found: Option<CredentialsRow> = sqlx::query_as("SELECT id, password_hash FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(CredentialsRow { id, password_hash }) = found else { return Ok(None) };
        let user = user_in::<DB>(&mut conn, id).await?.ok_or(StoreError::NotFound("user"))?;
        Ok(Some(UserCredentials { user, password_hash }))
    }

    async fn users_in_organisation(&self, organisation_id: OrgId) -> StoreResult<Vec<User>> {
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<UserRow> =
            sqlx::query_as(statement(&["SELECT ", USER_COLUMNS, " FROM users WHERE organisation_id = $1 ORDER BY id"]))
                .bind(organisation_id.get())
                .fetch_all(&mut *conn)
                .await?;
        let roles: Vec<RoleRow> = sqlx::query_as(
            "SELECT r.user_id, r.role FROM user_roles r JOIN users u ON u.id = r.user_id \
             WHERE u.organisation_id = $1",
        )
        .bind(organisation_id.get())
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter().map(|row| row.into_model(&roles)).collect()
    }

    async fn count_users_with_role(&self, role: Role) -> StoreResult<i64> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id \
             WHERE r.role = $1 AND u.disabled = $2",
        )
        .bind(role.code())
        .bind(false)
        .fetch_one(&self.pool)
        .await?;
        Ok(count)
    }

    async fn users_with_role(&self, role: Role) -> StoreResult<Vec<User>> {
        let mut conn = self.pool.acquire().await?;
        let holders = "SELECT r.user_id FROM user_roles r JOIN users u ON u.id = r.user_id \
                       WHERE r.role = $1 AND u.disabled = $2";
        let rows: Vec<UserRow> = sqlx::query_as(statement(&[
            "SELECT ",
            USER_COLUMNS,
            " FROM users WHERE id IN (",
            holders,
            ") ORDER BY id",
        ]))
        .bind(role.code())
        .bind(false)
        .fetch_all(&mut *conn)
        .await?;
        let roles: Vec<RoleRow> =
            sqlx::query_as(statement(&["SELECT user_id, role FROM user_roles WHERE user_id IN (", holders, ")"]))
                .bind(role.code())
                .bind(false)
                .fetch_all(&mut *conn)
                .await?;
        rows.into_iter().map(|row| row.into_model(&roles)).collect()
    }

    async fn set_user_locale(&self, user_id: UserId, locale: Locale, audit: AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query("UPDATE users SET locale = $2 WHERE id = $1")
            .bind(user_id.get())
            .bind(locale.tag())
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() == 0 {
            return Err(StoreError::NotFound("user"));
        }
        commit_with_audit(tx, &audit).await
    }

    async fn create_session(&self, session: &NewSession, audit: AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, ip, user_agent) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(session.token_hash.as_str())
        .bind(session.user_id.get())
        .bind(session.created_at)
        .bind(session.expires_at)
        .bind(session.ip.as_deref())
        .bind(session.user_agent.as_deref())
        .execute(&mut *tx)
        .await?;
        commit_with_audit(tx, &audit).await
    }

    async fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>> {
        let mut conn = self.pool.acquire().await?;
        let user_id: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&mut *conn)
                .await?;
        enabled_user::<DB>(&mut conn, user_id).await
    }

    async fn delete_session(&self, token_hash: &str, audit: AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&mut *tx).await?;
        commit_with_audit(tx, &audit).await
    }

    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }

    async fn create_api_token(&self, token: &NewApiToken, audit: AuditEntry) -> StoreResult<ApiToken> {
        let insert = sqlx::query_as(statement(&[
            "INSERT INTO api_tokens (user_id, name, token_prefix, token_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING ",
            API_TOKEN_COLUMNS,
        ]))
        .bind(token.user_id.get())
        .bind(token.name.as_str())
        .bind(token.token_prefix.as_str())
        .bind(token.token_hash.as_str())
        .bind(token.created_at);
        let row: ApiTokenRow = create_audited(&self.pool, insert, audit).await?;
        Ok(row.into())
    }

    async fn api_tokens(&self, user_id: UserId) -> StoreResult<Vec<ApiToken>> {
        let rows: Vec<ApiTokenRow> = sqlx::query_as(statement(&[
            "SELECT ",
            API_TOKEN_COLUMNS,
            " FROM api_tokens WHERE user_id = $1 ORDER BY id DESC",
        ]))
        .bind(user_id.get())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn api_token_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>> {
        let mut conn = self.pool.acquire().await?;
        let user_id: Option<i64> = sqlx::query_scalar(
            "UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        enabled_user::<DB>(&mut conn, user_id).await
    }

    async fn revoke_api_token(&self, user_id: UserId, token_id: TokenId, audit: AuditEntry) -> StoreResult<ApiToken> {
        let update = sqlx::query_as(statement(&[
            "UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING ",
            API_TOKEN_COLUMNS,
        ]))
        .bind(token_id.get())
        .bind(user_id.get())
        .bind(audit.at);
        let row: ApiTokenRow = update_audited(&self.pool, update, &audit, "api_token").await?;
        Ok(row.into())
    }

    async fn append_audit(&self, event: AuditEntry) -> StoreResult<()> {
        append_audit(&self.pool, &event).await
    }

    async fn audit_events(&self, filter: &AuditFilter, page: Page) -> StoreResult<Vec<AuditEvent>> {
        audit_events(&self.pool, filter, page).await
    }
}

/// Binds an organisation's profile to `$1`…`$5` and the time of the change to `$6`.
fn bind_profile<'q, DB: SqlBackend>(
    query: QueryScalar<'q, DB, i64, DB::Arguments>,
    profile: &'q OrganisationProfile,
    at: DateTime<Utc>,
) -> QueryScalar<'q, DB, i64, DB::Arguments> {
    query
        .bind(profile.name_zh.as_str())
        .bind(profile.name_en.as_ref().map(|n| n.as_str()))
        .bind(profile.uscc.as_ref().map(|u| u.as_str()))
        .bind(profile.street.map(|s| s.code()))
        .bind(profile.industry.as_deref())
        .bind(at)
}

/// Stores the export markets of a created or updated organisation and the audit entry, commits,
/// and returns the organisation as stored.
async fn finish_organisation<DB: SqlBackend>(
    mut tx: Transaction<'_, DB>,
    id: i64,
    markets: &[MarketCode],
    audit: &AuditEntry,
) -> StoreResult<Organisation> {
    for (position, market) in markets.iter().enumerate() {
        sqlx::query("INSERT INTO organisation_markets (organisation_id, position, market) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(position as i32)
            .bind(market.as_str())
            .execute(&mut *tx)
            .await
            .map_err(classify)?;
    }
    insert_audit(&mut tx, audit).await?;
    let organisation = organisation_in::<DB>(&mut tx, id).await?.ok_or(StoreError::NotFound("organisation"))?;
    tx.commit().await?;
    Ok(organisation)
}

async fn organisation_in<DB: SqlBackend>(conn: &mut DB::Connection, id: i64) -> StoreResult<Option<Organisation>> {
    let row: Option<OrganisationRow> =
        sqlx::query_as(statement(&["SELECT ", ORGANISATION_COLUMNS, " FROM organisations WHERE id = $1"]))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let markets = markets_between::<DB>(conn, id, id).await?;
    row.into_model(&markets).map(Some)
}

/// The export markets of the organisations with ids from `first` to `last`, in order.
async fn markets_between<DB: SqlBackend>(
    conn: &mut DB::Connection,
    first: i64,
    last: i64,
) -> StoreResult<Vec<MarketRow>> {
    Ok(sqlx::query_as(
        "SELECT organisation_id, market FROM organisation_markets \
         WHERE organisation_id BETWEEN $1 AND $2 ORDER BY organisation_id, position",
    )
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?)
}

async fn user_in<DB: SqlBackend>(conn: &mut DB::Connection, id: i64) -> StoreResult<Option<User>> {
    let row: Option<UserRow> = sqlx::query_as(statement(&["SELECT ", USER_COLUMNS, " FROM users WHERE id = $1"]))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let roles: Vec<RoleRow> = sqlx::query_as("SELECT user_id, role FROM user_roles WHERE user_id = $1")
        .bind(row.id)
        .fetch_all(&mut *conn)
        .await?;
    row.into_model(&roles).map(Some)
}

/// The user `user_id` names, unless disabled: whom a session or an API token signs in.
async fn enabled_user<DB: SqlBackend>(conn: &mut DB::Connection, user_id: Option<i64>) -> StoreResult<Option<User>> {
    let Some(id) = user_id else { return Ok(None) };
    Ok(user_in::<DB>(conn, id).await?.filter(|user| !user.disabled))
}

/// An `organisations` row.
#[derive(sqlx::FromRow)]
struct OrganisationRow {
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

/// An `organisation_markets` row.
#[derive(sqlx::FromRow)]
struct MarketRow {
    organisation_id: i64,
    market: String,
}

impl OrganisationRow {
    /// Builds the model value with the organisation's markets (picked from `markets` in order).
    fn into_model(self, markets: &[MarketRow]) -> StoreResult<Organisation> {
        let kind = OrgKind::parse(&self.kind).map_err(|_| corrupt("organisations.kind", &self.kind))?;
        let street =
            self.street.map(|s| Street::parse(&s).map_err(|_| corrupt("organisations.street", &s))).transpose()?;
        let export_markets = markets
            .iter()
            .filter(|m| m.organisation_id == self.id)
            .map(|m| MarketCode::parse(&m.market).map_err(|_| corrupt("organisation_markets.market", &m.market)))
            .collect::<StoreResult<_>>()?;
        let name = |field: &'static str, column: &'static str, value: &str| {
            OrgName::parse(field, value).map_err(|_| corrupt(column, value))
        };
        let name_zh = name("name_zh", "organisations.name_zh", &self.name_zh)?;
        let name_en = self.name_en.map(|n| name("name_en", "organisations.name_en", &n)).transpose()?;
        let uscc = self.uscc.map(|u| Uscc::parse(&u).map_err(|_| corrupt("organisations.uscc", &u))).transpose()?;
        Ok(Organisation {
            id: OrgId::new(self.id),
            kind,
            profile: OrganisationProfile { name_zh, name_en, uscc, street, industry: self.industry, export_markets },
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A `users` row, without the password hash.
#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    organisation_id: i64,
    email: String,
    display_name: String,
    locale: Option<String>,
    disabled: bool,
    created_at: DateTime<Utc>,
}

/// A `user_roles` row.
#[derive(sqlx::FromRow)]
struct RoleRow {
    user_id: i64,
    role: String,
}

/// A user's id and password hash.
#[derive(sqlx::FromRow)]
struct CredentialsRow {
    id: i64,
    password_hash: String,
}

impl UserRow {
    /// Builds the model value with the user's roles (picked from `roles`).
    fn into_model(self, roles: &[RoleRow]) -> StoreResult<User> {
        let mut user_roles = roles
            .iter()
            .filter(|r| r.user_id == self.id)
            .map(|r| Role::parse(&r.role).map_err(|_| corrupt("user_roles.role", &r.role)))
            .collect::<StoreResult<Vec<_>>>()?;
        user_roles.sort();
        let locale =
            self.locale.map(|l| Locale::from_tag(&l).ok_or_else(|| corrupt("users.locale", &l))).transpose()?;
        Ok(User {
            id: UserId::new(self.id),
            organisation_id: OrgId::new(self.organisation_id),
            email: self.email,
            display_name: self.display_name,
            roles: user_roles,
            locale,
            disabled: self.disabled,
            created_at: self.created_at,
        })
    }
}

/// An `api_tokens` row, without the token hash.
#[derive(sqlx::FromRow)]
struct ApiTokenRow {
    id: i64,
    user_id: i64,
    name: String,
    token_prefix: String,
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

impl RowId for ApiTokenRow {
    fn id(&self) -> i64 {
        self.id
    }
}

impl From<ApiTokenRow> for ApiToken {
    fn from(row: ApiTokenRow) -> Self {
        ApiToken {
            id: TokenId::new(row.id),
            user_id: UserId::new(row.user_id),
            name: row.name,
            token_prefix: row.token_prefix,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            revoked_at: row.revoked_at,
        }
    }
}

/// The error for a stored `value` of column `field` this version cannot read.
pub(super) fn corrupt(field: &'static str, value: &str) -> StoreError {
    StoreError::Corrupt { field, value: value.to_owned() }
}
