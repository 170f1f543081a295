//! Saved searches: a signed-in user's named queries.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::UserId;
use crate::id::id_type;

id_type!(
    /// The id of a saved search.
    SavedSearchId
);

/// A query a user saved under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedSearch {
    /// Store-assigned id.
    pub id: SavedSearchId,
    /// The user it belongs to.
    pub user_id: UserId,
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
    pub user_id: UserId,
    /// Its name; saving again under the same name replaces the query and sort.
    pub name: String,
    /// The query text.
    pub query: String,
    /// The sort order.
    pub sort: String,
}
