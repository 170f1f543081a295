//! `zhichan bench …`: measurements behind the figures in docs/BENCHMARKS.md. Benchmarks are
//! commands, not timed tests: run them in release mode on an otherwise idle machine.

pub mod search;
pub mod watch;

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
    /// Search latency (p50/p95/p99 per query class), throughput with concurrent clients, index
    /// size and build time: zhichan, SQLite FTS5 and PostgreSQL full-text search side by side.
    Search {
        /// Generated trademarks of the main run.
        #[arg(long, default_value_t = 1_000_000)]
        trademarks: u64,
        /// Generated patents of the main run.
        #[arg(long, default_value_t = 100_000)]
        patents: u64,
        /// Real samples added to every corpus ("" for none).
        #[arg(long, default_value = "../shared/data")]
        samples: PathBuf,
        /// PostgreSQL server to compare with ("" to leave PostgreSQL out).
        #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
        postgres: String,
        /// Leave SQLite FTS5 out.
        #[arg(long)]
        no_fts5: bool,
        /// Growth series: generated trademarks per size, comma-separated (patents: a tenth).
        #[arg(long, value_delimiter = ',')]
        scales: Vec<u64>,
        /// Measured runs of every query.
        #[arg(long, default_value_t = 5)]
        repetitions: usize,
        /// Also write the markdown report to this file.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The watch at scale: candidate index against brute force in memory (recall, time), and a
    /// whole watch run through the store after importing the filings.
    Watch {
        /// Watched marks.
        #[arg(long, default_value_t = 10_000)]
        watched: usize,
        /// New generated filings.
        #[arg(long, default_value_t = 100_000)]
        filings: usize,
        /// Generator seed.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Enterprises the watched marks are spread over.
        #[arg(long, default_value_t = 100)]
        organisations: usize,
        /// PostgreSQL server for the store run (a fresh database on it); SQLite without it.
        #[arg(long)]
        postgres: Option<String>,
        /// Also write the markdown report to this file.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Runs the benchmark and prints one result line per measurement.
pub async fn run(command: BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Import { paths, postgres, batch_size } => import(&paths, postgres.as_deref(), batch_size).await,
        BenchCommand::Search { trademarks, patents, samples, postgres, no_fts5, scales, repetitions, out } => {
            let options = search::SearchBenchOptions {
                trademarks,
                patents,
                samples: (!samples.as_os_str().is_empty()).then_some(samples),
                postgres: (!postgres.is_empty()).then_some(postgres),
                fts5: !no_fts5,
                scales,
                repetitions,
                out,
                ..search::SearchBenchOptions::default()
            };
            let report = search::run(options).await?;
            eprintln!("bench search: {} corpus size(s) measured", report.runs.len());
            Ok(())
        }
        BenchCommand::Watch { watched, filings, seed, organisations, postgres, out } => {
            watch::run(watch::WatchBenchOptions { watched, filings, seed, organisations, postgres, out }).await
        }
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

pub(crate) fn tempfile_dir() -> anyhow::Result<PathBuf> {
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
