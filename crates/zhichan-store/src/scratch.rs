//! Throw-away databases for test suites: a fresh SQLite file or a fresh PostgreSQL database per
//! test, so suites can run in parallel without seeing each other's rows.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection;

use crate::StoreResult;

/// The environment variable naming a PostgreSQL server for tests, e.g.
/// `postgres://postgres@127.0.0.1:5432/test`. Suites skip their PostgreSQL half when it is unset.
pub const TEST_DATABASE_URL_VAR: &str = "ZHICHAN_TEST_DATABASE_URL";

/// Creates an empty, uniquely named database on the server `base_url` points at and returns its URL.
pub async fn postgres_database(base_url: &str) -> StoreResult<String> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let name = format!("zhichan_t{}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed), nanos);
    let mut admin = sqlx::PgConnection::connect(base_url).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut admin).await?;
    admin.close().await?;
    let (address, query) = base_url.split_once('?').map_or((base_url, String::new()), |(a, q)| (a, format!("?{q}")));
    let server = address.rsplit_once('/').map_or(address, |(server, _)| server);
    Ok(format!("{server}/{name}{query}"))
}
