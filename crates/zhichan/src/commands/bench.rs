//! `zhichan bench …`: the flags of the benchmarks behind docs/BENCHMARKS.md; the measuring is
//! `zhichan-bench`'s. Run them in release mode on an otherwise idle machine.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::Subcommand;
use zhichan_bench::import::ImportBenchOptions;
use zhichan_bench::search::SearchBenchOptions;
use zhichan_bench::watch::WatchBenchOptions;

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
        // An OsString, not a PathBuf: clap refuses an empty path, and "" is how to say none.
        #[arg(long, default_value = "../shared/data")]
        samples: OsString,
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
        BenchCommand::Import { paths, postgres, batch_size } => {
            zhichan_bench::import::run(ImportBenchOptions { paths, postgres, batch_size }).await
        }
        BenchCommand::Search { trademarks, patents, samples, postgres, no_fts5, scales, repetitions, out } => {
            let options = SearchBenchOptions {
                trademarks,
                patents,
                samples: (!samples.is_empty()).then(|| PathBuf::from(samples)),
                postgres: (!postgres.is_empty()).then_some(postgres),
                fts5: !no_fts5,
                scales,
                repetitions,
                out,
                ..SearchBenchOptions::default()
            };
            let report = zhichan_bench::search::run(options).await?;
            eprintln!("bench search: {} corpus size(s) measured", report.runs.len());
            Ok(())
        }
        BenchCommand::Watch { watched, filings, seed, organisations, postgres, out } => {
            zhichan_bench::watch::run(WatchBenchOptions { watched, filings, seed, organisations, postgres, out }).await
        }
    }
}
