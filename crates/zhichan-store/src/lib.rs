//! The system of record of zhichan: one [`Store`] trait and two adapters, SQLite (the embedded
//! default) and PostgreSQL (servers), each with its own `migrations/<backend>/` folder of
//! identically named files. It keeps the model of `zhichan-domain` (organisations, users,
//! records, the watch, service cases, notifications…): the traits here take and return those types, and the
//! row structs in `sql/` map columns to them.
//!
//! The SQL is written once, in `sql/`: one file per area with its statements and row structs, as
//! ordinary generic functions over a small backend trait that both sqlx databases implement, and
//! `sql/audit.rs` writing the audit trail for every area. [`SqliteStore`] and [`PostgresStore`]
//! are that one implementation on each database; `sqlite.rs` and `postgres.rs` only connect and
//! say what differs.
//!
//! Only this crate names sqlx. It knows nothing of HTTP or of who may do what: authorisation is
//! decided in `zhichan-core` before a method here is called. Every method that changes data takes
//! the audit entry describing the change and writes both in one transaction, so no change can
//! land without its audit record.

mod accounts;
pub mod calendar;
pub mod cases;
pub mod directory;
mod error;
pub mod notifications;
mod postgres;
pub mod records;
pub mod reference;
pub mod searches;
mod sql;
mod sqlite;
pub mod watch;

use std::sync::Arc;

use async_trait::async_trait;

pub use accounts::AccountStore;
pub use calendar::CalendarStore;
pub use cases::CaseStore;
pub use directory::DirectoryStore;
pub use error::{StoreError, StoreResult};
pub use notifications::NotificationStore;
pub use postgres::PostgresStore;
pub use records::RecordStore;
pub use reference::ReferenceStore;
pub use searches::SavedSearchStore;
pub use sqlite::SqliteStore;
pub use watch::WatchStore;

/// Which database an adapter talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// The persistence operations the platform needs, grouped by area. Implemented identically by
/// both adapters and checked by one conformance suite (`tests/it/conformance.rs`).
#[async_trait]
pub trait Store:
    AccountStore
    + CalendarStore
    + CaseStore
    + RecordStore
    + ReferenceStore
    + SavedSearchStore
    + WatchStore
    + NotificationStore
    + DirectoryStore
    + Send
    + Sync
    + 'static
{
    /// Which backend this is.
    fn backend(&self) -> Backend;
    /// Applies pending migrations.
    async fn migrate(&self) -> StoreResult<()>;
    /// Checks that the database answers.
    async fn ping(&self) -> StoreResult<()>;
}

/// Opens the store a URL names — `sqlite:PATH` / `sqlite://PATH` or `postgres://…` — and applies
/// migrations.
pub async fn open(url: &str) -> StoreResult<Arc<dyn Store>> {
    let store: Arc<dyn Store> = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Arc::new(PostgresStore::connect(url).await?)
    } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        Arc::new(SqliteStore::open(std::path::Path::new(path)).await?)
    } else {
        return Err(StoreError::UnsupportedUrl(url.to_owned()));
    };
    store.migrate().await?;
    Ok(store)
}
