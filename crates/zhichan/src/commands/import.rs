//! `zhichan import FILE|DIR…`: load the offices' bulk files, with a progress bar and a summary.
//! Exits non-zero when any record was rejected.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;
use figment::Figment;
use indicatif::{ProgressBar, ProgressStyle};
use zhichan_core::import::{ImportObserver, ImportOptions, ImportReport};
use zhichan_core::search::IndexUpdate;
use zhichan_core::watch::WatchUpdate;

use super::{Flags, open_core};

/// Options of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or directories to import.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Stop at the first rejected record (what was stored before it stays).
    #[arg(long)]
    strict: bool,
    /// Records per transaction.
    #[arg(long, default_value_t = 1000)]
    batch_size: usize,
}

/// A spinner showing records read and the rate.
struct Progress(ProgressBar);

impl ImportObserver for Progress {
    fn records_read(&self, count: u64) {
        self.0.inc(count);
    }

    fn file_started(&self, path: &Path) {
        self.0.set_message(path.display().to_string());
    }
}

/// Runs the command.
pub async fn run(flags: &Flags, args: ImportArgs) -> anyhow::Result<()> {
    let settings = flags.settings(Figment::new())?;
    let core = open_core(&settings).await?;
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} {pos} records  {per_sec}  {elapsed}  {msg}")?);
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    let options = ImportOptions { strict: args.strict, batch_size: args.batch_size };
    let started = Instant::now();
    let report =
        core.import(None, &args.paths, &options, &Progress(bar.clone())).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    print_summary(&report, started.elapsed());
    if report.totals.rejected > 0 {
        anyhow::bail!("{} record(s) rejected", report.totals.rejected);
    }
    Ok(())
}

fn print_summary(report: &ImportReport, elapsed: std::time::Duration) {
    let seconds = elapsed.as_secs_f64().max(1e-6);
    let totals = &report.totals;
    println!("import #{} {}", report.import_id, report.outcome.code());
    println!(
        "  read {}  inserted {}  updated {}  unchanged {}  rejected {}",
        totals.read, totals.stored.inserted, totals.stored.updated, totals.stored.unchanged, totals.rejected
    );
    println!(
        "  {:.1} s  {:.0} records/s  {:.1} MB/s",
        seconds,
        totals.read as f64 / seconds,
        report.bytes as f64 / 1e6 / seconds
    );
    for table in &report.tables {
        println!("  loaded {} from {}: {} entries", table.kind, table.source, table.entries);
    }
    match &report.index {
        IndexUpdate::Indexed(done) => println!("  search index: {} records indexed", done.indexed),
        IndexUpdate::LeftToWriter => println!("  search index: the running server indexes these records"),
        IndexUpdate::Failed(error) => println!("  search index not updated ({error}); run `zhichan index rebuild`"),
        IndexUpdate::NotAttached => {}
    }
    match &report.watch {
        WatchUpdate::Screened(run) if run.screened > 0 => println!(
            "  watch: {} new filings screened, {} alerts raised ({:.1} s)",
            run.screened,
            run.alerts,
            run.elapsed.as_secs_f64()
        ),
        WatchUpdate::Screened(_) => {}
        WatchUpdate::Failed(error) => println!("  watch not run ({error}); run `zhichan watch run`"),
    }
    let mut reasons: std::collections::BTreeMap<&str, u64> = Default::default();
    for rejection in &report.rejections {
        *reasons.entry(rejection.reason.as_str()).or_default() += 1;
    }
    for (reason, count) in reasons {
        println!("  rejected {count} × {reason}");
    }
    for rejection in report.rejections.iter().take(20) {
        println!("    {}", rejection.message);
    }
    if report.rejections.len() > 20 {
        println!("    … {} more (see the import's rejections)", report.rejections.len() - 20);
    }
    for (path, why) in &report.skipped {
        println!("  skipped {} ({why})", path.display());
    }
}
