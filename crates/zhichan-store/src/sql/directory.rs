//! [`DirectoryStore`] in SQL shared by both backends. A profile's coded lists are kept one value
//! a row in its facets table, in the order given, so that filters are plain lookups on either
//! database.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{QueryBuilder, Transaction};
use zhichan_domain::directory::{
    Affiliation, AffiliationFields, AffiliationId, DIRECTORY_ROLES, ExpertFilter, ExpertProfile, ExpertProfileFields,
    ProviderFilter, ProviderKind, ProviderProfile, ProviderProfileFields, Tie, directory_roles,
};
use zhichan_domain::expertise::{Language, Region, TechnicalField};
use zhichan_domain::{AuditEntry, InvalidValue, OfficeCode, OrgId, Page, Role, UserId};

use super::accounts::corrupt;
use super::audit::{RowId, create_audited, delete_audited, insert_audit};
use super::{ROWS_PER_STATEMENT, SqlBackend, SqlStore, statement};
use crate::{DirectoryStore, StoreError, StoreResult};

/// The columns [`ExpertRow`] reads, from [`EXPERTS`].
const EXPERT_COLUMNS: &str = "p.user_id, u.organisation_id, u.display_name, p.region, p.bio, p.accepting, p.updated_at";
/// Profiles joined with their accounts.
const EXPERTS: &str = " FROM expert_profiles p JOIN users u ON u.id = p.user_id";
/// The columns [`ProviderRow`] reads, from [`PROVIDERS`].
const PROVIDER_COLUMNS: &str = "p.organisation_id, o.name_zh, o.name_en, p.contact, p.updated_at";
/// Provider profiles joined with their organisations.
const PROVIDERS: &str = " FROM provider_profiles p JOIN organisations o ON o.id = p.organisation_id";
/// The columns [`AffiliationRow`] reads.
const AFFILIATION_COLUMNS: &str = "id, user_id, organisation_id, party_name, tie, started_on, ended_on, note";

#[async_trait]
impl<DB: SqlBackend> DirectoryStore for SqlStore<DB> {
    async fn put_expert_profile(
        &self,
        user_id: UserId,
        fields: &ExpertProfileFields,
        audit: AuditEntry,
    ) -> StoreResult<ExpertProfile> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let user: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
            .bind(user_id.get())
            .fetch_optional(&mut *tx)
            .await?;
        if user.is_none() {
            return Err(StoreError::NotFound("user"));
        }
        sqlx::query(
            "INSERT INTO expert_profiles (user_id, region, bio, accepting, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id) DO UPDATE SET region = excluded.region, bio = excluded.bio, \
             accepting = excluded.accepting, updated_at = excluded.updated_at",
        )
        .bind(user_id.get())
        .bind(fields.region.code())
        .bind(fields.bio.as_str())
        .bind(fields.accepting)
        .bind(audit.at)
        .execute(&mut *tx)
        .await?;
        let facets = [
            ("field", fields.fields.iter().map(|f| f.code()).collect::<Vec<_>>()),
            ("language", fields.languages.iter().map(|l| l.code()).collect()),
        ];
        replace_facets(&mut tx, Facets::EXPERT, user_id.get(), &facets).await?;
        insert_audit(&mut tx, &audit).await?;
        let profile = expert_in::<DB>(&mut tx, user_id.get()).await?.ok_or(StoreError::NotFound("user"))?;
        tx.commit().await?;
        Ok(profile)
    }

    async fn expert_profile(&self, user_id: UserId) -> StoreResult<Option<ExpertProfile>> {
        let mut conn = self.pool.acquire().await?;
        expert_in::<DB>(&mut conn, user_id.get()).await
    }

    async fn expert_profiles(&self, filter: &ExpertFilter, page: Page) -> StoreResult<Vec<ExpertProfile>> {
        let mut conn = self.pool.acquire().await?;
        // The role asked for, or any directory role.
        let [first_role, second_role, third_role] = match filter.role {
            Some(role) => [role; 3],
            None => DIRECTORY_ROLES,
        };
        let rows: Vec<ExpertRow> = sqlx::query_as(statement(&[
            "SELECT ",
            EXPERT_COLUMNS,
            EXPERTS,
            " WHERE p.user_id > $1 AND u.disabled = $2 \
             AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = p.user_id AND r.role IN ($3, $4, $5)) \
             AND ($6 IS NULL OR p.region = $6) \
             AND ($7 IS NULL OR EXISTS (SELECT 1 FROM expert_profile_facets f \
                 WHERE f.user_id = p.user_id AND f.facet = 'field' AND f.code = $7)) \
             AND ($8 IS NULL OR EXISTS (SELECT 1 FROM expert_profile_facets f \
                 WHERE f.user_id = p.user_id AND f.facet = 'language' AND f.code = $8)) \
             ORDER BY p.user_id LIMIT $9",
        ]))
        .bind(page.after.unwrap_or(0))
        .bind(false)
        .bind(first_role.code())
        .bind(second_role.code())
        .bind(third_role.code())
        .bind(filter.region.map(Region::code))
        .bind(filter.field.map(TechnicalField::code))
        .bind(filter.language.map(Language::code))
        .bind(i64::from(page.limit))
        .fetch_all(&mut *conn)
        .await?;
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return Ok(Vec::new()) };
        let (first, last) = (first.user_id, last.user_id);
        let roles = roles_between::<DB>(&mut conn, first, last).await?;
        let facets = facets_between::<DB>(&mut conn, Facets::EXPERT, first, last).await?;
        rows.into_iter().map(|row| row.into_model(&roles, &facets)).collect()
    }

    async fn add_affiliation(
        &self,
        user_id: UserId,
        fields: &AffiliationFields,
        audit: AuditEntry,
    ) -> StoreResult<Affiliation> {
        let insert = sqlx::query_as(statement(&[
            "INSERT INTO expert_affiliations (user_id, organisation_id, party_name, tie, started_on, ended_on, note, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ",
            AFFILIATION_COLUMNS,
        ]))
        .bind(user_id.get())
        .bind(fields.organisation_id.map(OrgId::get))
        .bind(fields.party_name.as_str())
        .bind(fields.tie.code())
        .bind(fields.since)
        .bind(fields.until)
        .bind(fields.note.as_str())
        .bind(audit.at);
        let row: AffiliationRow = create_audited(&self.pool, insert, audit).await?;
        row.into_model()
    }

    async fn remove_affiliation(&self, id: AffiliationId, audit: AuditEntry) -> StoreResult<()> {
        delete_audited(&self.pool, "DELETE FROM expert_affiliations WHERE id = $1", id.get(), "affiliation", &audit)
            .await
    }

    async fn affiliation(&self, id: AffiliationId) -> StoreResult<Option<Affiliation>> {
        let row: Option<AffiliationRow> =
            sqlx::query_as(statement(&["SELECT ", AFFILIATION_COLUMNS, " FROM expert_affiliations WHERE id = $1"]))
                .bind(id.get())
                .fetch_optional(&self.pool)
                .await?;
        row.map(AffiliationRow::into_model).transpose()
    }

    async fn affiliations(&self, user_ids: &[UserId]) -> StoreResult<Vec<Affiliation>> {
        let mut ids: Vec<i64> = user_ids.iter().map(|id| id.get()).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut rows: Vec<AffiliationRow> = Vec::new();
        for chunk in ids.chunks(ROWS_PER_STATEMENT) {
            let mut query = QueryBuilder::new("SELECT ");
            query.push(AFFILIATION_COLUMNS).push(" FROM expert_affiliations WHERE user_id IN (");
            let mut list = query.separated(", ");
            for &user_id in chunk {
                list.push_bind(user_id);
            }
            query.push(")");
            rows.extend(query.build_query_as::<AffiliationRow>().fetch_all(&self.pool).await?);
        }
        rows.sort_by_key(|row| (row.user_id, row.id));
        rows.into_iter().map(AffiliationRow::into_model).collect()
    }

    async fn put_provider_profile(
        &self,
        organisation_id: OrgId,
        fields: &ProviderProfileFields,
        audit: AuditEntry,
    ) -> StoreResult<ProviderProfile> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let organisation: Option<i64> = sqlx::query_scalar("SELECT id FROM organisations WHERE id = $1")
            .bind(organisation_id.get())
            .fetch_optional(&mut *tx)
            .await?;
        if organisation.is_none() {
            return Err(StoreError::NotFound("organisation"));
        }
        sqlx::query(
            "INSERT INTO provider_profiles (organisation_id, contact, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (organisation_id) DO UPDATE SET contact = excluded.contact, updated_at = excluded.updated_at",
        )
        .bind(organisation_id.get())
        .bind(fields.contact.as_str())
        .bind(audit.at)
        .execute(&mut *tx)
        .await?;
        let facets = [
            ("kind", fields.kinds.iter().map(|k| k.code()).collect::<Vec<_>>()),
            ("office", fields.offices.iter().map(OfficeCode::as_str).collect()),
            ("language", fields.languages.iter().map(|l| l.code()).collect()),
            ("region", fields.regions.iter().map(|r| r.code()).collect()),
        ];
        replace_facets(&mut tx, Facets::PROVIDER, organisation_id.get(), &facets).await?;
        insert_audit(&mut tx, &audit).await?;
        let profile =
            provider_in::<DB>(&mut tx, organisation_id.get()).await?.ok_or(StoreError::NotFound("organisation"))?;
        tx.commit().await?;
        Ok(profile)
    }

    async fn provider_profile(&self, organisation_id: OrgId) -> StoreResult<Option<ProviderProfile>> {
        let mut conn = self.pool.acquire().await?;
        provider_in::<DB>(&mut conn, organisation_id.get()).await
    }

    async fn provider_profiles(&self, filter: &ProviderFilter, page: Page) -> StoreResult<Vec<ProviderProfile>> {
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<ProviderRow> = sqlx::query_as(statement(&[
            "SELECT ",
            PROVIDER_COLUMNS,
            PROVIDERS,
            " WHERE p.organisation_id > $1 \
             AND ($2 IS NULL OR EXISTS (SELECT 1 FROM provider_profile_facets f \
                 WHERE f.organisation_id = p.organisation_id AND f.facet = 'kind' AND f.code = $2)) \
             AND ($3 IS NULL OR EXISTS (SELECT 1 FROM provider_profile_facets f \
                 WHERE f.organisation_id = p.organisation_id AND f.facet = 'office' AND f.code = $3)) \
             AND ($4 IS NULL OR EXISTS (SELECT 1 FROM provider_profile_facets f \
                 WHERE f.organisation_id = p.organisation_id AND f.facet = 'language' AND f.code = $4)) \
             AND ($5 IS NULL OR EXISTS (SELECT 1 FROM provider_profile_facets f \
                 WHERE f.organisation_id = p.organisation_id AND f.facet = 'region' AND f.code = $5)) \
             ORDER BY p.organisation_id LIMIT $6",
        ]))
        .bind(page.after.unwrap_or(0))
        .bind(filter.kind.map(ProviderKind::code))
        .bind(filter.office.as_ref().map(OfficeCode::as_str))
        .bind(filter.language.map(Language::code))
        .bind(filter.region.map(Region::code))
        .bind(i64::from(page.limit))
        .fetch_all(&mut *conn)
        .await?;
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return Ok(Vec::new()) };
        let facets =
            facets_between::<DB>(&mut conn, Facets::PROVIDER, first.organisation_id, last.organisation_id).await?;
        rows.into_iter().map(|row| row.into_model(&facets)).collect()
    }
}

/// The statements of one facets table: experts' or providers'.
struct Facets {
    delete: &'static str,
    insert: &'static str,
    between: &'static str,
}

impl Facets {
    const EXPERT: Facets = Facets {
        delete: "DELETE FROM expert_profile_facets WHERE user_id = $1",
        insert: "INSERT INTO expert_profile_facets (user_id, facet, position, code) VALUES ($1, $2, $3, $4)",
        between: "SELECT user_id AS owner, facet, code FROM expert_profile_facets \
                  WHERE user_id BETWEEN $1 AND $2 ORDER BY user_id, facet, position",
    };
    const PROVIDER: Facets = Facets {
        delete: "DELETE FROM provider_profile_facets WHERE organisation_id = $1",
        insert: "INSERT INTO provider_profile_facets (organisation_id, facet, position, code) VALUES ($1, $2, $3, $4)",
        between: "SELECT organisation_id AS owner, facet, code FROM provider_profile_facets \
                  WHERE organisation_id BETWEEN $1 AND $2 ORDER BY organisation_id, facet, position",
    };
}

/// Replaces the coded lists of profile `owner` with `lists` (facet, codes in order).
async fn replace_facets<DB: SqlBackend>(
    tx: &mut Transaction<'_, DB>,
    table: Facets,
    owner: i64,
    lists: &[(&'static str, Vec<&str>)],
) -> StoreResult<()> {
    sqlx::query(table.delete).bind(owner).execute(&mut **tx).await?;
    for (facet, codes) in lists {
        for (position, code) in codes.iter().enumerate() {
            let position = i32::try_from(position).unwrap_or(i32::MAX);
            sqlx::query(table.insert).bind(owner).bind(*facet).bind(position).bind(*code).execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// The facets of the profiles from `first` to `last`, in order.
async fn facets_between<DB: SqlBackend>(
    conn: &mut DB::Connection,
    table: Facets,
    first: i64,
    last: i64,
) -> StoreResult<Vec<FacetRow>> {
    Ok(sqlx::query_as(table.between).bind(first).bind(last).fetch_all(&mut *conn).await?)
}

/// The roles of the users from `first` to `last`, read as their facet `role`.
async fn roles_between<DB: SqlBackend>(conn: &mut DB::Connection, first: i64, last: i64) -> StoreResult<Vec<FacetRow>> {
    Ok(sqlx::query_as(
        "SELECT user_id AS owner, 'role' AS facet, role AS code FROM user_roles WHERE user_id BETWEEN $1 AND $2",
    )
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?)
}

/// One expert's profile, with roles and facets.
async fn expert_in<DB: SqlBackend>(conn: &mut DB::Connection, user_id: i64) -> StoreResult<Option<ExpertProfile>> {
    let row: Option<ExpertRow> =
        sqlx::query_as(statement(&["SELECT ", EXPERT_COLUMNS, EXPERTS, " WHERE p.user_id = $1"]))
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let roles = roles_between::<DB>(conn, user_id, user_id).await?;
    let facets = facets_between::<DB>(conn, Facets::EXPERT, user_id, user_id).await?;
    row.into_model(&roles, &facets).map(Some)
}

/// One provider's profile, with facets.
async fn provider_in<DB: SqlBackend>(
    conn: &mut DB::Connection,
    organisation_id: i64,
) -> StoreResult<Option<ProviderProfile>> {
    let row: Option<ProviderRow> =
        sqlx::query_as(statement(&["SELECT ", PROVIDER_COLUMNS, PROVIDERS, " WHERE p.organisation_id = $1"]))
            .bind(organisation_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let facets = facets_between::<DB>(conn, Facets::PROVIDER, organisation_id, organisation_id).await?;
    row.into_model(&facets).map(Some)
}

/// The values of `owner`'s `facet`, parsed with `parse`, in order.
fn facet<T>(
    facets: &[FacetRow],
    owner: i64,
    facet: &str,
    column: &'static str,
    parse: fn(&str) -> Result<T, InvalidValue>,
) -> StoreResult<Vec<T>> {
    facets
        .iter()
        .filter(|row| row.owner == owner && row.facet == facet)
        .map(|row| parse(&row.code).map_err(|_| corrupt(column, &row.code)))
        .collect()
}

/// An `expert_profiles` row joined with its user.
#[derive(sqlx::FromRow)]
struct ExpertRow {
    user_id: i64,
    organisation_id: i64,
    display_name: String,
    region: String,
    bio: String,
    accepting: bool,
    updated_at: DateTime<Utc>,
}

impl ExpertRow {
    /// The model value, with the user's directory roles and the profile's facets picked from
    /// `roles` and `facets`.
    fn into_model(self, roles: &[FacetRow], facets: &[FacetRow]) -> StoreResult<ExpertProfile> {
        let held = facet(roles, self.user_id, "role", "user_roles.role", Role::parse)?;
        const FACETS: &str = "expert_profile_facets.code";
        Ok(ExpertProfile {
            user_id: UserId::new(self.user_id),
            organisation_id: OrgId::new(self.organisation_id),
            display_name: self.display_name,
            roles: directory_roles(&held),
            region: Region::parse(&self.region).map_err(|_| corrupt("expert_profiles.region", &self.region))?,
            fields: facet(facets, self.user_id, "field", FACETS, TechnicalField::parse)?,
            languages: facet(facets, self.user_id, "language", FACETS, Language::parse)?,
            bio: self.bio,
            accepting: self.accepting,
            updated_at: Some(self.updated_at),
        })
    }
}

/// A `provider_profiles` row joined with its organisation.
#[derive(sqlx::FromRow)]
struct ProviderRow {
    organisation_id: i64,
    name_zh: String,
    name_en: Option<String>,
    contact: String,
    updated_at: DateTime<Utc>,
}

impl ProviderRow {
    /// The model value, with the profile's facets picked from `facets`.
    fn into_model(self, facets: &[FacetRow]) -> StoreResult<ProviderProfile> {
        const FACETS: &str = "provider_profile_facets.code";
        let id = self.organisation_id;
        Ok(ProviderProfile {
            organisation_id: OrgId::new(id),
            name_zh: self.name_zh,
            name_en: self.name_en,
            kinds: facet(facets, id, "kind", FACETS, ProviderKind::parse)?,
            offices: facet(facets, id, "office", FACETS, OfficeCode::parse)?,
            languages: facet(facets, id, "language", FACETS, Language::parse)?,
            regions: facet(facets, id, "region", FACETS, Region::parse)?,
            contact: self.contact,
            updated_at: Some(self.updated_at),
        })
    }
}

/// A row of a facets table.
#[derive(sqlx::FromRow)]
struct FacetRow {
    owner: i64,
    facet: String,
    code: String,
}

/// An `expert_affiliations` row.
#[derive(sqlx::FromRow)]
struct AffiliationRow {
    id: i64,
    user_id: i64,
    organisation_id: Option<i64>,
    party_name: String,
    tie: String,
    started_on: Option<NaiveDate>,
    ended_on: Option<NaiveDate>,
    note: String,
}

impl AffiliationRow {
    /// The model value; [`StoreError::Corrupt`] for a tie this version does not know.
    fn into_model(self) -> StoreResult<Affiliation> {
        let tie = Tie::parse(&self.tie).map_err(|_| corrupt("expert_affiliations.tie", &self.tie))?;
        Ok(Affiliation {
            id: AffiliationId::new(self.id),
            user_id: UserId::new(self.user_id),
            organisation_id: self.organisation_id.map(OrgId::new),
            party_name: self.party_name,
            tie,
            since: self.started_on,
            until: self.ended_on,
            note: self.note,
        })
    }
}

impl RowId for AffiliationRow {
    fn id(&self) -> i64 {
        self.id
    }
}
