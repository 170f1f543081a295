//! Saved searches: a signed-in user's named queries.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{AuditEntry, StoreResult};

/// A query a user saved under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedSearch {
    /// Store-assigned id.
    pub id: i64,
    /// The user it belongs to.
    pub user_id: i64,
    /// Its name, unique per user.
    pub name: String,
    /// The query text, in the query language.
    pub query: String,
    /// The sort order (`relevance`, `newest`, `oldest`).
    pub sort: String,
    /// When it was first saved.
    pub created_at: DateTime<Utc>,
}

/// A search to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSavedSearch {
    /// The user saving it.
    pub user_id: i64,
    /// Its name; saving again under the same name replaces the query and sort.
    pub name: String,
    /// The query text.
    pub query: String,
    /// The sort order.
    pub sort: String,
}

/// Persistence of saved searches.
#[async_trait]
pub trait SavedSearchStore: Send + Sync {
    /// Saves a search, replacing the user's search of the same name.
    async fn save_search(&self, search: NewSavedSearch, audit: AuditEntry) -> StoreResult<SavedSearch>;
    /// The user's saved searches, by name.
    async fn saved_searches(&self, user_id: i64) -> StoreResult<Vec<SavedSearch>>;
    /// One saved search by id.
    async fn saved_search(&self, id: i64) -> StoreResult<Option<SavedSearch>>;
    /// Deletes a saved search; [`crate::StoreError::NotFound`] when it does not exist.
    async fn delete_saved_search(&self, id: i64, audit: AuditEntry) -> StoreResult<()>;
}
