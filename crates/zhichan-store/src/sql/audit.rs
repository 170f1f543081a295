//! The audit trail: every area records the entry describing a change in the change's own
//! transaction (so no change lands without it), and the trail is read back newest first.

use chrono::{DateTime, Utc};
use sqlx::query::QueryAs;
use sqlx::{Database, Executor, FromRow, Pool, QueryBuilder, Transaction};

use super::{Json, ROWS_PER_STATEMENT, RowsAffected, SqlBackend};
use crate::error::classify;
use zhichan_domain::{AuditEntry, AuditEvent, AuditFilter, OrgId, Page, UserId};

use crate::{StoreError, StoreResult};

/// Records `entry` in the transaction of the change it describes.
pub(super) async fn insert_audit<DB: SqlBackend>(tx: &mut Transaction<'_, DB>, entry: &AuditEntry) -> StoreResult<()> {
    insert_audits(tx, std::slice::from_ref(entry)).await
}

/// Records `entries` in the transaction of the changes they describe, with multi-row statements.
pub(super) async fn insert_audits<DB: SqlBackend>(
    tx: &mut Transaction<'_, DB>,
    entries: &[AuditEntry],
) -> StoreResult<()> {
    for chunk in entries.chunks(ROWS_PER_STATEMENT) {
        write(&mut **tx, chunk).await?;
    }
    Ok(())
}

/// Records an entry about something that changed no row of its own (e.g. a refused sign-in).
pub(super) async fn append_audit<DB: SqlBackend>(pool: &Pool<DB>, entry: &AuditEntry) -> StoreResult<()> {
    write(pool, std::slice::from_ref(entry)).await
}

/// Records `audit` in `tx` and commits: how every audited change ends.
pub(super) async fn commit_with_audit<DB: SqlBackend>(
    mut tx: Transaction<'_, DB>,
    audit: &AuditEntry,
) -> StoreResult<()> {
    insert_audit(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(())
}

/// A row that knows its id, so that the audit entry of its creation can name it.
pub(super) trait RowId {
    /// The row's id.
    fn id(&self) -> i64;
}

/// Runs `insert` (an `INSERT … RETURNING` the row) and records `audit`, naming the new row, in
/// one transaction.
pub(super) async fn create_audited<DB, Row>(
    pool: &Pool<DB>,
    insert: QueryAs<'_, DB, Row, DB::Arguments>,
    mut audit: AuditEntry,
) -> StoreResult<Row>
where
    DB: SqlBackend,
    Row: RowId + Send + Unpin + for<'r> FromRow<'r, <DB as Database>::Row>,
{
    let mut tx = pool.begin().await?;
    let row = insert.fetch_one(&mut *tx).await.map_err(classify)?;
    audit.target_id = Some(row.id().to_string());
    commit_with_audit(tx, &audit).await?;
    Ok(row)
}

/// Runs `update` (an `UPDATE … RETURNING` the row) and records `audit`, in one transaction;
/// [`StoreError::NotFound`] (`what`) when it changed no row.
pub(super) async fn update_audited<DB, Row>(
    pool: &Pool<DB>,
    update: QueryAs<'_, DB, Row, DB::Arguments>,
    audit: &AuditEntry,
    what: &'static str,
) -> StoreResult<Row>
where
    DB: SqlBackend,
    Row: Send + Unpin + for<'r> FromRow<'r, <DB as Database>::Row>,
{
    let mut tx = pool.begin().await?;
    let row = update.fetch_optional(&mut *tx).await?.ok_or(StoreError::NotFound(what))?;
    commit_with_audit(tx, audit).await?;
    Ok(row)
}

/// Deletes the row `id` with `delete` (a `DELETE … WHERE id = $1`) and records `audit`, in one
/// transaction; [`StoreError::NotFound`] (`what`) when there is no such row.
pub(super) async fn delete_audited<DB: SqlBackend>(
    pool: &Pool<DB>,
    delete: &'static str,
    id: i64,
    what: &'static str,
    audit: &AuditEntry,
) -> StoreResult<()> {
    let mut tx = pool.begin().await?;
    let deleted = sqlx::query(delete).bind(id).execute(&mut *tx).await?;
    if deleted.rows_affected() == 0 {
        return Err(StoreError::NotFound(what));
    }
    commit_with_audit(tx, audit).await
}

/// Writes at most [`ROWS_PER_STATEMENT`] entries with one statement.
async fn write<'c, DB: SqlBackend>(
    executor: impl Executor<'c, Database = DB>,
    entries: &[AuditEntry],
) -> StoreResult<()> {
    let mut insert = QueryBuilder::new(
        "INSERT INTO audit_events (at, actor_user_id, actor_org_id, organisation_id, action, target_kind, \
         target_id, ip, detail) ",
    );
    insert.push_values(entries, |mut row, entry| {
        row.push_bind(entry.at)
            .push_bind(entry.actor_user_id.map(UserId::get))
            .push_bind(entry.actor_org_id.map(OrgId::get))
            .push_bind(entry.organisation_id.map(OrgId::get))
            .push_bind(entry.action.as_str())
            .push_bind(entry.target_kind.as_str())
            .push_bind(entry.target_id.as_deref())
            .push_bind(entry.ip.as_deref())
            .push_bind(Json(&entry.detail));
    });
    insert.build().execute(executor).await?;
    Ok(())
}

/// Audit entries matching `filter`, newest first; `page.after` continues below that id.
pub(super) async fn audit_events<DB: SqlBackend>(
    pool: &Pool<DB>,
    filter: &AuditFilter,
    page: Page,
) -> StoreResult<Vec<AuditEvent>> {
    let prefix = filter.action_prefix.as_ref().map(|p| format!("{}%", p.replace(['%', '_'], "")));
    let rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT id, at, actor_user_id, actor_org_id, organisation_id, action, target_kind, target_id, ip, detail \
         FROM audit_events WHERE ($1 IS NULL OR id < $1) AND ($2 IS NULL OR organisation_id = $2) \
         AND ($3 IS NULL OR actor_user_id = $3) AND ($4 IS NULL OR action LIKE $4) \
         AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at < $6) ORDER BY id DESC LIMIT $7",
    )
    .bind(page.after)
    .bind(filter.organisation_id.map(OrgId::get))
    .bind(filter.actor_user_id.map(UserId::get))
    .bind(prefix.as_deref())
    .bind(filter.since)
    .bind(filter.until)
    .bind(i64::from(page.limit))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// An `audit_events` row.
#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: DateTime<Utc>,
    actor_user_id: Option<i64>,
    actor_org_id: Option<i64>,
    organisation_id: Option<i64>,
    action: String,
    target_kind: String,
    target_id: Option<String>,
    ip: Option<String>,
    detail: Json<serde_json::Value>,
}

impl From<AuditRow> for AuditEvent {
    fn from(row: AuditRow) -> Self {
        AuditEvent {
            id: row.id,
            entry: AuditEntry {
                at: row.at,
                actor_user_id: row.actor_user_id.map(UserId::new),
                actor_org_id: row.actor_org_id.map(OrgId::new),
                organisation_id: row.organisation_id.map(OrgId::new),
                action: row.action,
                target_kind: row.target_kind,
                target_id: row.target_id,
                ip: row.ip,
                detail: row.detail.0,
            },
        }
    }
}
