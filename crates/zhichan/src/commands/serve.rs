//! `zhichan serve`: run the web server.

use anyhow::Context;
use clap::Args;
use figment::Figment;
use std::path::{Path, PathBuf};

use zhichan_core::Core;
use zhichan_core::import::{ImportOptions, Quiet};

use super::{Flags, open_core};

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free port).
    #[arg(long)]
    bind: Option<std::net::SocketAddr>,
    /// Seed the demo world (fictitious enterprises, staff and experts, IP records) and print its logins.
    #[arg(long)]
    demo: bool,
    /// Real sample files the demo imports into an empty register (skipped when absent).
    #[arg(long, default_value = "../shared/data")]
    demo_data: PathBuf,
}

/// Runs the server until Ctrl-C.
pub async fn run(flags: &Flags, args: ServeArgs) -> anyhow::Result<()> {
    let mut overrides = Figment::new();
    if let Some(bind) = args.bind {
        overrides = overrides.merge(("server.bind", bind.to_string()));
    }
    let settings = flags.settings(overrides)?;
    let core = open_core(&settings).await?;
    if args.demo {
        print_demo_logins(&core).await?;
        import_demo_records(&core, &args.demo_data, &settings.data_dir).await?;
        seed_demo_watch(&core, &settings.data_dir).await?;
    }
    if !core.has_admin().await? {
        println!("hint: no administrator yet — create one with:");
        println!("  zhichan admin create-user --email you@example.com --name \"Your Name\"");
    }
    tokio::spawn(sweep_sessions(core.clone()));
    tokio::spawn(follow_journal(core.clone(), settings.search.follow_seconds));
    tokio::spawn(follow_watch(core.clone(), settings.search.follow_seconds));

    let state = zhichan_web::AppState::new(core, settings.server.secure_cookies).map_err(anyhow::Error::msg)?;
    let listener = tokio::net::TcpListener::bind(settings.server.bind)
        .await
        .with_context(|| format!("cannot listen on {}", settings.server.bind))?;
    let address = listener.local_addr()?;
    println!("zhichan is listening on http://{address}/  (data: {})", settings.data_dir.display());
    zhichan_web::serve(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .context("server failed")
}

async fn print_demo_logins(core: &Core) -> anyhow::Result<()> {
    let logins = core.seed_demo().await.map_err(|e| anyhow::anyhow!("cannot seed the demo: {e}"))?;
    println!("demo logins (password for all: {}):", zhichan_core::demo::DEMO_PASSWORD);
    for login in logins {
        let roles: Vec<&str> = login.roles.iter().map(|r| r.code()).collect();
        println!("  {:<28} {:<36} {}", login.email, roles.join(","), login.organisation);
    }
    Ok(())
}

/// Fills an empty register for the demo: the real sample files when they are at hand, else
/// generated records (fictitious, like the rest of the demo world).
async fn import_demo_records(core: &Core, samples: &Path, data_dir: &Path) -> anyhow::Result<()> {
    let counts = core.record_counts().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    if counts.trademarks + counts.patents > 0 {
        return Ok(());
    }
    let source = if samples.is_dir() {
        samples.to_path_buf()
    } else {
        let generated = data_dir.join("demo-records");
        let config = zhichan_generate::GenerateConfig { trademarks: 2_000, patents: 200, seed: 2026 };
        zhichan_generate::write_jsonl(&config, &zhichan_generate::OutputOptions::new(&generated))?;
        generated
    };
    let report = core
        .import(None, std::slice::from_ref(&source), &ImportOptions::default(), &Quiet)
        .await
        .map_err(|e| anyhow::anyhow!("cannot import the demo records: {e}"))?;
    println!("demo: imported {} records from {}", report.totals.stored.inserted, source.display());
    Ok(())
}

/// Sets up the demo enterprises' watch once and imports the fictitious filings it catches.
async fn seed_demo_watch(core: &Core, data_dir: &Path) -> anyhow::Result<()> {
    let seeded = core
        .seed_demo_watch(&data_dir.join("demo-filings"))
        .await
        .map_err(|e| anyhow::anyhow!("cannot set up the demo watch: {e}"))?;
    if let Some(report) = seeded
        && let zhichan_core::watch::WatchUpdate::Screened(run) = report.watch
    {
        println!(
            "demo: the watch screened {} new filings and raised {} alerts (see /alerts)",
            run.screened, run.alerts
        );
    }
    Ok(())
}

/// Keeps this process's search index current: indexes what the store holds that it does not (at
/// start, after a crash, or written by another process), then checks the journal every few
/// seconds. A process that only reads the index reloads it to see the writer's commits.
async fn follow_journal(core: Core, seconds: u32) {
    let Ok(index) = core.search_index().cloned() else { return };
    let mut every = tokio::time::interval(std::time::Duration::from_secs(u64::from(seconds.max(1))));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if !index.is_writable() {
            if let Err(error) = index.reload() {
                tracing::warn!(%error, "search index reload failed");
            }
            continue;
        }
        match core.catch_up_index().await {
            Ok(done) if done.indexed > 0 => tracing::info!(indexed = done.indexed, "search index caught up"),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "search index catch-up failed"),
        }
    }
}

/// Runs the watch on whatever any process stored since it last ran (an import that could not run
/// it, records written by another server) and sends the notifications due, every few seconds.
/// Every server may do this: the watch position in the store makes sure each change is screened
/// once. (Two servers may send the same due notification twice in a race; receivers tell repeats
/// by the `X-Zhichan-Delivery` id.)
async fn follow_watch(core: Core, seconds: u32) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(u64::from(seconds.max(1))));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        match core.run_watch().await {
            Ok(run) if run.screened > 0 => {
                tracing::info!(screened = run.screened, alerts = run.alerts, "watch ran on new records")
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "watch run failed"),
        }
        match core.queue_deadline_reminders(zhichan_core::district_today()).await {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "deadline reminders queued"),
            Err(error) => tracing::warn!(%error, "deadline reminders not queued"),
        }
        match core.deliver_notifications().await {
            Ok(done) if done.sent + done.retrying + done.given_up > 0 => tracing::info!(
                sent = done.sent,
                retrying = done.retrying,
                given_up = done.given_up,
                "notifications delivered"
            ),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "notifications not delivered"),
        }
    }
}

/// Forgets expired sessions once an hour.
async fn sweep_sessions(core: Core) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        if let Err(error) = core.store().delete_expired_sessions(chrono::Utc::now()).await {
            tracing::warn!(%error, "session sweep failed");
        }
    }
}
