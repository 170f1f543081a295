//! The embedded SQLite adapter: one file, WAL journal, a busy timeout so concurrent writers wait
//! instead of failing, and foreign keys enforced.

use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteQueryResult, SqliteSynchronous};
use sqlx::{Decode, Encode, Sqlite};

use crate::sql::{RowsAffected, SqlBackend, SqlStore};
use crate::{Backend, StoreResult};

/// A store in an SQLite database file.
pub type SqliteStore = SqlStore<Sqlite>;

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path`. Does not migrate.
    pub async fn open(path: &Path) -> StoreResult<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        Ok(Self::new(pool))
    }
}

impl SqlBackend for Sqlite {
    const KIND: Backend = Backend::Sqlite;
    const MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";

    fn encode_json<T: Serialize>(value: &T, buf: &mut Self::ArgumentBuffer) -> Result<IsNull, BoxDynError> {
        Encode::<Self>::encode_by_ref(&sqlx::types::Json(value), buf)
    }

    fn decode_json<'r, T: Deserialize<'r> + 'r>(value: Self::ValueRef<'r>) -> Result<T, BoxDynError> {
        <sqlx::types::Json<T> as Decode<Self>>::decode(value).map(|json| json.0)
    }
}

impl RowsAffected for SqliteQueryResult {
    fn rows_affected(&self) -> u64 {
        SqliteQueryResult::rows_affected(self)
    }
}
