//! [`SavedSearchStore`] in SQL shared by both backends.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::audit::{RowId, create_audited, delete_audited};
use super::{SqlBackend, SqlStore};
use zhichan_domain::search::{NewSavedSearch, SavedSearch, SavedSearchId};
use zhichan_domain::{AuditEntry, UserId};

use crate::{SavedSearchStore, StoreResult};

#[async_trait]
impl<DB: SqlBackend> SavedSearchStore for SqlStore<DB> {
    async fn save_search(&self, search: NewSavedSearch, audit: AuditEntry) -> StoreResult<SavedSearch> {
        let insert = sqlx::query_as(
            "INSERT INTO saved_searches (user_id, name, query, sort, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id, name) DO UPDATE SET query = excluded.query, sort = excluded.sort \
             RETURNING id, user_id, name, query, sort, created_at",
        )
        .bind(search.user_id.get())
        .bind(&search.name)
        .bind(&search.query)
        .bind(&search.sort)
        .bind(audit.at);
        let row: SavedSearchRow = create_audited(&self.pool, insert, audit).await?;
        Ok(row.into())
    }

    async fn saved_searches(&self, user_id: UserId) -> StoreResult<Vec<SavedSearch>> {
        let rows: Vec<SavedSearchRow> = sqlx::query_as(
            "SELECT id, user_id, name, query, sort, created_at FROM saved_searches WHERE user_id = $1 ORDER BY name",
        )
        .bind(user_id.get())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn saved_search(&self, id: SavedSearchId) -> StoreResult<Option<SavedSearch>> {
        let row: Option<SavedSearchRow> =
            sqlx::query_as("SELECT id, user_id, name, query, sort, created_at FROM saved_searches WHERE id = $1")
                .bind(id.get())
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(Into::into))
    }

    async fn delete_saved_search(&self, id: SavedSearchId, audit: AuditEntry) -> StoreResult<()> {
        delete_audited(&self.pool, "DELETE FROM saved_searches WHERE id = $1", id.get(), "saved_search", &audit).await
    }
}

/// A `saved_searches` row.
#[derive(sqlx::FromRow)]
struct SavedSearchRow {
    id: i64,
    user_id: i64,
    name: String,
    query: String,
    sort: String,
    created_at: DateTime<Utc>,
}

impl RowId for SavedSearchRow {
    fn id(&self) -> i64 {
        self.id
    }
}

impl From<SavedSearchRow> for SavedSearch {
    fn from(row: SavedSearchRow) -> Self {
        SavedSearch {
            id: SavedSearchId::new(row.id),
            user_id: UserId::new(row.user_id),
            name: row.name,
            query: row.query,
            sort: row.sort,
            created_at: row.created_at,
        }
    }
}
