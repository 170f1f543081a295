//! [`ReferenceStore`] in SQL shared by both backends.

use async_trait::async_trait;
use sqlx::Pool;
use sqlx::query::QueryAs;

use super::audit::commit_with_audit;
use super::{Json, SqlBackend, SqlStore, statement};
use crate::error::classify;
use crate::reference::ReferenceEntry;
use zhichan_domain::AuditEntry;
use zhichan_domain::import::ImportId;

use crate::{ReferenceStore, StoreResult};

/// The columns [`ReferenceRow`] reads.
const REFERENCE_COLUMNS: &str = "kind, key, parent, class, title, detail";

#[async_trait]
impl<DB: SqlBackend> ReferenceStore for SqlStore<DB> {
    async fn replace_reference(
        &self,
        kind: &str,
        entries: &[ReferenceEntry],
        import_id: ImportId,
        audit: AuditEntry,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM reference_entries WHERE kind = $1").bind(kind).execute(&mut *tx).await?;
        for entry in entries {
            sqlx::query(
                "INSERT INTO reference_entries (kind, key, parent, class, title, detail, import_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(kind)
            .bind(entry.key.as_str())
            .bind(entry.parent.as_deref())
            .bind(entry.class)
            .bind(entry.title.as_str())
            .bind(Json(&entry.detail))
            .bind(import_id.get())
            .execute(&mut *tx)
            .await
            .map_err(classify)?;
        }
        commit_with_audit(tx, &audit).await
    }

    async fn reference_entry(&self, kind: &str, key: &str) -> StoreResult<Option<ReferenceEntry>> {
        let row: Option<ReferenceRow> = sqlx::query_as(statement(&[
            "SELECT ",
            REFERENCE_COLUMNS,
            " FROM reference_entries WHERE kind = $1 AND key = $2",
        ]))
        .bind(kind)
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(Into::into))
    }

    async fn reference_in_class(&self, kind: &str, class: i64) -> StoreResult<Vec<ReferenceEntry>> {
        let query = sqlx::query_as(statement(&[
            "SELECT ",
            REFERENCE_COLUMNS,
            " FROM reference_entries WHERE kind = $1 AND class = $2 ORDER BY key",
        ]));
        entries(&self.pool, query.bind(kind).bind(class)).await
    }

    async fn reference_children(&self, kind: &str, parent: &str) -> StoreResult<Vec<ReferenceEntry>> {
        let query = sqlx::query_as(statement(&[
            "SELECT ",
            REFERENCE_COLUMNS,
            " FROM reference_entries WHERE kind = $1 AND parent = $2 ORDER BY key",
        ]));
        entries(&self.pool, query.bind(kind).bind(parent)).await
    }

    async fn count_reference(&self, kind: &str) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM reference_entries WHERE kind = $1")
            .bind(kind)
            .fetch_one(&self.pool)
            .await?)
    }
}

/// The entries `query` selects, in its order.
async fn entries<DB: SqlBackend>(
    pool: &Pool<DB>,
    query: QueryAs<'_, DB, ReferenceRow, DB::Arguments>,
) -> StoreResult<Vec<ReferenceEntry>> {
    let rows = query.fetch_all(pool).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// A `reference_entries` row.
#[derive(sqlx::FromRow)]
struct ReferenceRow {
    kind: String,
    key: String,
    parent: Option<String>,
    class: Option<i64>,
    title: String,
    detail: Json<serde_json::Value>,
}

impl From<ReferenceRow> for ReferenceEntry {
    fn from(row: ReferenceRow) -> Self {
        ReferenceEntry {
            kind: row.kind,
            key: row.key,
            parent: row.parent,
            class: row.class,
            title: row.title,
            detail: row.detail.0,
        }
    }
}
