//! The benchmarks behind the figures in docs/BENCHMARKS.md: import throughput ([`import`]),
//! search latency and throughput beside SQLite FTS5 and PostgreSQL full-text search ([`search`]),
//! and the watch at scale against brute force ([`watch`]). The binary's `zhichan bench …`
//! subcommands parse their flags and call [`import::run`], [`search::run`] and [`watch::run`].
//!
//! Benchmarks are commands, not timed tests: run them in release mode on an otherwise idle machine.
//!
//! This crate sits beside the binary, above everything else: it uses the product crates (core,
//! store, search, similarity, ingest, generate) and `zhichan-testkit` for fresh databases, and
//! only the binary may depend on it — product code must not. It is the one crate besides the
//! store that names sqlx, for the search benchmark's SQLite FTS5 and PostgreSQL peers.

pub mod import;
pub mod search;
pub mod watch;

use std::path::{Path, PathBuf};

use anyhow::Context;
use zhichan_core::{Core, CoreSettings};

/// A directory for this process's benchmark files, under the system temporary directory.
fn scratch_dir() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("zhichan-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The use cases over an empty database: a new one on the PostgreSQL server `postgres` when
/// given, else a SQLite file in `dir`.
async fn fresh_core(postgres: Option<&str>, dir: &Path) -> anyhow::Result<Core> {
    let url = match postgres {
        Some(base) => zhichan_testkit::postgres_database(base).await?,
        None => format!("sqlite:{}", dir.join("bench.sqlite3").display()),
    };
    let store = zhichan_store::open(&url).await.context("cannot open the benchmark database")?;
    Ok(Core::new(store, CoreSettings::default()))
}
