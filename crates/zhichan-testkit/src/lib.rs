//! Test support shared by zhichan's test suites and benchmarks: throw-away PostgreSQL databases,
//! one per test, so suites run in parallel without seeing each other's rows, and direct edits of
//! a database behind the platform's back ([`tamper`]).
//!
//! A dev-dependency of the crates whose tests need a database, and a dependency of
//! `zhichan-bench`; never of product code, since it creates databases (`CREATE DATABASE`) on
//! whatever server it is given. It names sqlx only to issue that statement, and must not depend
//! on any zhichan crate: the store's own tests use it.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection;

/// The environment variable naming a PostgreSQL server for tests, e.g.
/// `postgres://postgres@127.0.0.1:5432/test`. Suites skip their PostgreSQL half when it is unset.
pub const TEST_DATABASE_URL_VAR: &str = "ZHICHAN_TEST_DATABASE_URL";

/// Creates an empty, uniquely named database on the server `base_url` points at and returns its URL.
pub async fn postgres_database(base_url: &str) -> Result<String, sqlx::Error> {
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

/// A fresh database on the server [`TEST_DATABASE_URL_VAR`] names, for a test's PostgreSQL half;
/// `None`, with a note on standard error, when the variable is unset so the test can skip.
///
/// # Panics
/// When the variable is set but the database cannot be created: a configured server that does
/// not answer must fail the suite, not skip it.
pub async fn postgres_test_database() -> Option<String> {
    let Ok(base) = std::env::var(TEST_DATABASE_URL_VAR) else {
        eprintln!("skipped: set {TEST_DATABASE_URL_VAR} to run this test on PostgreSQL");
        return None;
    };
    let url = postgres_database(&base).await.unwrap_or_else(|error| panic!("cannot create a test database: {error}"));
    Some(url)
}

/// Runs `statement` on the database `url` names (`sqlite:…` or `postgres://…`) behind the
/// platform's back: how tests play someone who edits the database directly.
///
/// # Panics
/// When the database cannot be reached or refuses the statement.
pub async fn tamper(url: &str, statement: &str) {
    let statement = sqlx::AssertSqlSafe(statement.to_owned());
    if let Some(path) = url.strip_prefix("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite:{path}")).await.expect("connect to SQLite");
        sqlx::query(statement).execute(&mut conn).await.expect("edit");
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.expect("connect to PostgreSQL");
        sqlx::query(statement).execute(&mut conn).await.expect("edit");
    }
}
