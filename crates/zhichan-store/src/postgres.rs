//! The PostgreSQL adapter, for servers where several `zhichan serve` processes share one database.

use serde::{Deserialize, Serialize};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgPoolOptions, PgQueryResult};
use sqlx::{Decode, Encode, Postgres};

use crate::sql::{RowsAffected, SqlBackend, SqlStore};
use crate::{Backend, StoreResult};

/// A store in a PostgreSQL database.
pub type PostgresStore = SqlStore<Postgres>;

impl PostgresStore {
    /// Connects to the database at `url`. Does not migrate.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let pool = PgPoolOptions::new().max_connections(16).connect(url).await?;
        Ok(Self::new(pool))
    }
}

impl SqlBackend for Postgres {
    const KIND: Backend = Backend::Postgres;
    const MIGRATOR: Migrator = sqlx::migrate!("migrations/postgres");
    const BEGIN_WRITE: &'static str = "BEGIN";

    fn encode_json<T: Serialize>(value: &T, buf: &mut Self::ArgumentBuffer) -> Result<IsNull, BoxDynError> {
        Encode::<Self>::encode_by_ref(&sqlx::types::Json(value), buf)
    }

    fn decode_json<'r, T: Deserialize<'r> + 'r>(value: Self::ValueRef<'r>) -> Result<T, BoxDynError> {
        <sqlx::types::Json<T> as Decode<Self>>::decode(value).map(|json| json.0)
    }
}

impl RowsAffected for PgQueryResult {
    fn rows_affected(&self) -> u64 {
        PgQueryResult::rows_affected(self)
    }
}
