//! Store errors: conflicts the caller can explain to a user, and everything else.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness rule was broken; `what` names the unique value (`email`, `uscc`, …).
    #[error("{what} already exists")]
    Conflict {
        /// The value that must be unique.
        what: &'static str,
    },
    /// The record to change does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The database holds a value this version cannot read.
    #[error("stored {field} is unreadable: {value:?}")]
    Corrupt {
        /// Column.
        field: &'static str,
        /// Value found.
        value: String,
    },
    /// The database could not be reached or failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Migrations could not be applied.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A record could not be serialised for storage.
    #[error("cannot encode record: {0}")]
    Encode(serde_json::Error),
    /// The database URL names no supported backend.
    #[error("unsupported database URL {0:?}: expected sqlite:… or postgres://…")]
    UnsupportedUrl(String),
}

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// Maps unique-constraint violations to [`StoreError::Conflict`], naming the column from the
/// constraint or message, so callers can say which value is taken.
pub(crate) fn classify(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &error
        && db.is_unique_violation()
    {
        let text = format!("{} {}", db.constraint().unwrap_or_default(), db.message());
        let what = ["email", "uscc", "token_hash", "market", "role"]
            .into_iter()
            .find(|column| text.contains(column))
            .unwrap_or("record");
        return StoreError::Conflict { what };
    }
    StoreError::Database(error)
}
