//! `zhichan bench import`: import throughput (MB/s, records/s) and peak memory, into a fresh
//! database.

use std::path::PathBuf;
use std::time::Instant;

use zhichan_core::import::{ImportOptions, Quiet};

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct ImportBenchOptions {
    /// Files or directories to import.
    pub paths: Vec<PathBuf>,
    /// A PostgreSQL server to measure against (a fresh database is created on it); a fresh SQLite
    /// file in a temporary directory when `None`.
    pub postgres: Option<String>,
    /// Records per transaction.
    pub batch_size: usize,
}

/// Imports the files and prints one `bench import …` line of figures.
pub async fn run(options: ImportBenchOptions) -> anyhow::Result<()> {
    let scratch = crate::scratch_dir()?;
    let core = crate::fresh_core(options.postgres.as_deref(), &scratch).await?;
    let backend = if options.postgres.is_some() { "postgres" } else { "sqlite" };
    let import_options = ImportOptions { strict: false, batch_size: options.batch_size };
    let started = Instant::now();
    let report =
        core.import(None, &options.paths, &import_options, &Quiet).await.map_err(|e| anyhow::anyhow!("{e}"))?;
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

/// The process's peak resident memory (Linux `VmHWM`), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
