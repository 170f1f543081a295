//! Saved searches: a signed-in user's named queries.

use async_trait::async_trait;
use zhichan_domain::search::{NewSavedSearch, SavedSearch, SavedSearchId};
use zhichan_domain::{AuditEntry, UserId};

use crate::StoreResult;

/// Persistence of saved searches.
#[async_trait]
pub trait SavedSearchStore: Send + Sync {
    /// Saves a search, replacing the user's search of the same name.
    async fn save_search(&self, search: NewSavedSearch, audit: AuditEntry) -> StoreResult<SavedSearch>;
    /// The user's saved searches, by name.
    async fn saved_searches(&self, user_id: UserId) -> StoreResult<Vec<SavedSearch>>;
    /// One saved search by id.
    async fn saved_search(&self, id: SavedSearchId) -> StoreResult<Option<SavedSearch>>;
    /// Deletes a saved search; [`crate::StoreError::NotFound`] when it does not exist.
    async fn delete_saved_search(&self, id: SavedSearchId, audit: AuditEntry) -> StoreResult<()>;
}
