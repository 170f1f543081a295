//! The PostgreSQL adapter, for servers where several `zhichan serve` processes share one database.

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgPool, PgPoolOptions};

use crate::sql::{Adapter, sql_store};
use crate::{Backend, StoreResult};

static MIGRATOR: Migrator = sqlx::migrate!("migrations/postgres");

/// A store in a PostgreSQL database.
#[derive(Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to the database at `url`. Does not migrate.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let pool = PgPoolOptions::new().max_connections(16).connect(url).await?;
        Ok(Self { pool })
    }
}

impl Adapter for PostgresStore {
    type Db = sqlx::Postgres;
    const BEGIN_WRITE: &'static str = "BEGIN";
}

sql_store!(PostgresStore, Backend::Postgres, MIGRATOR);
