//! The SQL both adapters share. SQLite and PostgreSQL accept the same statements here (`$n`
//! parameters, `RETURNING`, `ON CONFLICT`), and sqlx decodes the same row structs from both, so
//! the trait implementation is written once and instantiated per backend by [`sql_store!`].
//! Only connection set-up and migrations differ, and live in `sqlite.rs` and `postgres.rs`.

mod accounts;
pub(crate) mod notifications;
pub(crate) mod records;
mod reference;
pub(crate) mod searches;
pub(crate) mod watch;

pub(crate) use accounts::sql_account_store;

/// Rows per multi-row statement: at up to 18 parameters a row this stays well under SQLite's
/// 32,766 and PostgreSQL's 65,535 parameters per statement.
pub(crate) const ROWS_PER_STATEMENT: usize = 500;
pub(crate) use notifications::sql_notification_store;
pub(crate) use records::{Prepared, sql_record_store};
pub(crate) use reference::sql_reference_store;
pub(crate) use searches::sql_saved_search_store;
pub(crate) use watch::sql_watch_store;

macro_rules! organisation_columns {
    () => {
        "id, kind, name_zh, name_en, uscc, street, industry, created_at, updated_at"
    };
}
macro_rules! user_columns {
    () => {
        "id, organisation_id, email, display_name, locale, disabled, created_at"
    };
}
macro_rules! api_token_columns {
    () => {
        "id, user_id, name, token_prefix, created_at, last_used_at, revoked_at"
    };
}

/// Implements [`crate::Store`] (and every area trait) for an adapter struct with a `pool`
/// field, given its [`crate::Backend`] and its embedded migrator.
macro_rules! sql_store {
    ($store:ty, $backend:expr, $migrator:expr) => {
        #[async_trait::async_trait]
        impl $crate::Store for $store {
            fn backend(&self) -> $crate::Backend {
                $backend
            }

            async fn migrate(&self) -> $crate::StoreResult<()> {
                $migrator.run(&self.pool).await?;
                Ok(())
            }

            async fn ping(&self) -> $crate::StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }
        }

        $crate::sql::sql_account_store!($store);
        $crate::sql::sql_record_store!($store);
        $crate::sql::sql_reference_store!($store);
        $crate::sql::sql_saved_search_store!($store);
        $crate::sql::sql_watch_store!($store);
        $crate::sql::sql_notification_store!($store);
    };
}

/// Names the sqlx database type of an adapter, so the shared helpers can take its connection.
pub(crate) trait Adapter {
    /// The sqlx database.
    type Db: sqlx::Database;
    /// Starts a transaction that reads before it writes. SQLite must take the write lock at the
    /// start (`BEGIN IMMEDIATE`): a deferred transaction that read first cannot wait for the lock
    /// when it writes and fails at once with "database is locked".
    const BEGIN_WRITE: &'static str;
}

pub(crate) use {api_token_columns, organisation_columns, sql_store, user_columns};
