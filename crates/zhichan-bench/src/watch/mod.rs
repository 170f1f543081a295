//! `zhichan bench watch`: the watch at the design's scale (10,000 watched marks, 100,000 new
//! filings), twice: screening in memory with the candidate index against brute force on a sample
//! (candidate recall and the time brute force would take), and a whole watch run through the
//! store — watched marks in the database, the filings imported, the run reading the change journal
//! and writing its alerts.

mod memory;

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use zhichan_core::import::{ImportOptions, Quiet};
use zhichan_core::organisations::ProfileInput;
use zhichan_core::watch::WatchUpdate;
use zhichan_core::{Actor, RequestContext};
use zhichan_domain::OrgKind;

pub use memory::{BenchFigures, RECALL_SAMPLE, generated_watch, screen_generated};

/// What to measure.
#[derive(Debug, Clone)]
pub struct WatchBenchOptions {
    /// Watched marks.
    pub watched: usize,
    /// New filings.
    pub filings: usize,
    /// Generator seed.
    pub seed: u64,
    /// Enterprises the watched marks are spread over.
    pub organisations: usize,
    /// PostgreSQL server for the store run (a fresh database on it); SQLite when `None`.
    pub postgres: Option<String>,
    /// Also write the markdown report here.
    pub out: Option<PathBuf>,
}

/// What a whole watch run through the store did.
struct StoreRun {
    backend: &'static str,
    setup_seconds: f64,
    import_seconds: f64,
    screened: u64,
    candidates: u64,
    alerts: u64,
    watch_seconds: f64,
}

/// Runs both measurements and prints the markdown report.
pub async fn run(options: WatchBenchOptions) -> anyhow::Result<()> {
    let WatchBenchOptions { watched, filings, seed, .. } = options;
    eprintln!("bench watch: screening {filings} filings against {watched} watched marks in memory…");
    let memory = tokio::task::spawn_blocking(move || screen_generated(watched, filings, seed)).await??;
    eprintln!("bench watch: the same through the store…");
    let store = store_run(&options).await?;
    let report = report(&options, &memory, &store);
    println!("{report}");
    if let Some(out) = &options.out {
        std::fs::write(out, &report).with_context(|| format!("cannot write {}", out.display()))?;
    }
    Ok(())
}

async fn store_run(options: &WatchBenchOptions) -> anyhow::Result<StoreRun> {
    let scratch = crate::scratch_dir()?;
    let core = crate::fresh_core(options.postgres.as_deref(), &scratch).await?;
    let backend = if options.postgres.is_some() { "PostgreSQL" } else { "SQLite" };
    let error = |e: zhichan_core::CoreError| anyhow::anyhow!("{e}");

    let started = std::time::Instant::now();
    let admin =
        Actor::new(core.create_administrator("bench@zhichan.test", "bench", "bench-password-1").await.map_err(error)?);
    let context = RequestContext::cli();
    let mut organisations = Vec::new();
    for n in 0..options.organisations.max(1) {
        let profile = ProfileInput {
            name_zh: format!("基准测试企业{n:04}有限公司"),
            export_markets: vec!["US".into(), "EM".into()],
            ..ProfileInput::default()
        };
        organisations
            .push(core.create_organisation(&admin, OrgKind::Enterprise, &profile, &context).await.map_err(error)?.id);
    }
    let marks = generated_watch(options.watched, options.seed)?;
    for (n, input) in marks.iter().enumerate() {
        let organisation = organisations[n % organisations.len()];
        core.create_watched_mark(&admin, &context, organisation, input).await.map_err(error)?;
    }
    let config =
        zhichan_generate::GenerateConfig { trademarks: options.filings as u64, patents: 0, seed: options.seed };
    let files = scratch.join("filings");
    zhichan_generate::write_jsonl(&config, &zhichan_generate::OutputOptions::new(&files))?;
    let setup_seconds = started.elapsed().as_secs_f64();

    let started = std::time::Instant::now();
    let report = core.import(None, &[files], &ImportOptions::default(), &Quiet).await.map_err(error)?;
    let total = started.elapsed().as_secs_f64();
    let run = match report.watch {
        WatchUpdate::Screened(run) => run,
        WatchUpdate::Failed(message) => anyhow::bail!("the watch failed: {message}"),
    };
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(StoreRun {
        backend,
        setup_seconds,
        import_seconds: total - run.elapsed.as_secs_f64(),
        screened: run.screened,
        candidates: run.candidates,
        alerts: run.alerts,
        watch_seconds: run.elapsed.as_secs_f64(),
    })
}

fn report(options: &WatchBenchOptions, memory: &BenchFigures, store: &StoreRun) -> String {
    let mut out = String::new();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let _ = writeln!(
        out,
        "### {} — {} watched marks × {} new generated filings (seed {}, {} cores)\n",
        chrono::Utc::now().date_naive(),
        memory.watched,
        memory.filings,
        options.seed,
        cores
    );
    let _ = writeln!(out, "| measurement | figure |\n|---|---|");
    let rows = [
        ("candidate index: distinct keys", format!("{}", memory.keys)),
        ("candidate index: build (s)", format!("{:.2}", memory.index_seconds)),
        ("screening in memory (s)", format!("{:.2}", memory.screen_seconds)),
        (
            "candidate pairs scored",
            format!("{} ({:.1} per filing)", memory.candidates, per(memory.candidates, memory.filings)),
        ),
        ("alerting pairs", format!("{}", memory.alerts)),
        (
            "brute force, every pair (s)",
            format!(
                "{:.2} on {} filings → {:.0} estimated for all",
                memory.brute_seconds,
                memory.sample,
                memory.brute_estimate_seconds()
            ),
        ),
        (
            "candidate recall vs brute force",
            format!(
                "{:.2}% ({} of {} alerting pairs, {} filings)",
                memory.recall * 100.0,
                memory.sample_found,
                memory.sample_alerts,
                RECALL_SAMPLE
            ),
        ),
        (
            "whole watch run through the store (s)",
            format!(
                "{:.2} ({}: journal read, screening, {} alerts written)",
                store.watch_seconds, store.backend, store.alerts
            ),
        ),
        ("  filings screened / candidate pairs", format!("{} / {}", store.screened, store.candidates)),
        ("  import of the filings, watch excluded (s)", format!("{:.2}", store.import_seconds)),
        ("  setup: watched marks stored, filings generated (s)", format!("{:.2}", store.setup_seconds)),
    ];
    for (what, figure) in rows {
        let _ = writeln!(out, "| {what} | {figure} |");
    }
    let target = if store.watch_seconds < 30.0 && memory.recall >= 0.99 { "met" } else { "NOT met" };
    let _ = writeln!(out, "\nTarget (run < 30 s, candidate recall ≥ 99%): **{target}**.");
    out
}

fn per(count: u64, of: usize) -> f64 {
    count as f64 / of.max(1) as f64
}
