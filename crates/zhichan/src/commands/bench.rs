//! `zhichan bench …`: measurements behind the figures in docs/BENCHMARKS.md. Benchmarks are
//! commands, not timed tests: run them in release mode on an otherwise idle machine.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Subcommand;
use zhichan_core::import::{ImportOptions, Quiet};
use zhichan_core::{Core, CoreSettings};

/// Benchmarks.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Import throughput (MB/s, records/s) and peak memory, into a fresh database.
    Import {
        /// Files or directories to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// A PostgreSQL server to measure against (a fresh database is created on it);
        /// without it, a fresh SQLite file in a temporary directory.
        #[arg(long)]
        postgres: Option<String>,
        /// Records per transaction.
        #[arg(long, default_value_t = 1000)]
        batch_size: usize,
    },
}

/// Runs the benchmark and prints one result line per measurement.
pub async fn run(command: BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Import { paths, postgres, batch_size } => import(&paths, postgres.as_deref(), batch_size).await,
    }
}

async fn import(paths: &[PathBuf], postgres: Option<&str>, batch_size: usize) -> anyhow::Result<()> {
    let scratch = tempfile_dir()?;
    let (url, backend) = match postgres {
        Some(base) => (zhichan_store::scratch::postgres_database(base).await?, "postgres"),
        None => (format!("sqlite:{}", scratch.join("bench.sqlite3").display()), "sqlite"),
    };
    let store = zhichan_store::open(&url).await.context("cannot open the benchmark database")?;
    let core = Core::new(store, CoreSettings::default());
    let options = ImportOptions { strict: false, batch_size };
    let started = Instant::now();
    let report = core.import(None, paths, &options, &Quiet).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let totals = report.totals;
    println!(
        "bench import backend={backend} files_mb={:.1} records={} rejected={} seconds={:.2} mb_per_s={:.1} records_per_s={:.0} peak_rss_mb={:.0}",
        report.bytes as f64 / 1e6,
        totals.read,
        totals.rejected,
        seconds,
        report.bytes as f64 / 1e6 / seconds,
        totals.read as f64 / seconds,
        peak_rss_mb().unwrap_or(f64::NAN),
    );
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}

fn tempfile_dir() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("zhichan-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The process's peak resident memory (Linux `VmHWM`), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
