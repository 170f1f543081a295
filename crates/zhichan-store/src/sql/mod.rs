//! The SQL both adapters share. SQLite and PostgreSQL accept the same statements here (`$n`
//! parameters, `RETURNING`, `ON CONFLICT`) and sqlx decodes the same row structs from both, so
//! every area trait is implemented once, by ordinary generic functions on [`SqlStore`], for any
//! [`SqlBackend`]. Each area's file holds its statements, its row structs and their conversion
//! into the model; `audit.rs` writes the audit trail for all of them. What differs (connection
//! set-up, migrations, how a writing transaction begins, JSON encoding) lives in `sqlite.rs` and
//! `postgres.rs`.

mod accounts;
mod audit;
mod backend;
mod calendar;
mod cases;
mod directory;
mod notifications;
mod records;
mod reference;
mod searches;
mod watch;

use async_trait::async_trait;
use sqlx::{AssertSqlSafe, Database, Pool};

use backend::Json;
pub(crate) use backend::{RowsAffected, SqlBackend};

use crate::{Backend, Store, StoreResult};

/// Rows per multi-row statement: at up to 18 parameters a row this stays well under SQLite's
/// 32,766 and PostgreSQL's 65,535 parameters per statement.
const ROWS_PER_STATEMENT: usize = 500;

/// A store in an SQL database, for any [`SqlBackend`]. Callers name it
/// [`SqliteStore`](crate::SqliteStore) or [`PostgresStore`](crate::PostgresStore).
pub struct SqlStore<DB: Database> {
    pool: Pool<DB>,
}

impl<DB: Database> SqlStore<DB> {
    /// A store over `pool`, as connected by the backend's adapter.
    pub(crate) fn new(pool: Pool<DB>) -> Self {
        Self { pool }
    }
}

impl<DB: Database> Clone for SqlStore<DB> {
    fn clone(&self) -> Self {
        Self { pool: self.pool.clone() }
    }
}

#[async_trait]
impl<DB: SqlBackend> Store for SqlStore<DB> {
    fn backend(&self) -> Backend {
        DB::KIND
    }

    async fn migrate(&self) -> StoreResult<()> {
        DB::MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

/// A statement put together from constant pieces (a column list and the text around it), as
/// safe as one literal.
fn statement(pieces: &[&'static str]) -> AssertSqlSafe<String> {
    AssertSqlSafe(pieces.concat())
}
