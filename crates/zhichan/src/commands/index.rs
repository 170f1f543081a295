//! `zhichan index`: look after the search index.

use std::time::Instant;

use clap::Subcommand;
use figment::Figment;

use super::{Flags, open_core};

/// Index maintenance.
#[derive(Debug, Subcommand)]
pub enum IndexCommand {
    /// Empty the index and index every stored record again (stop `serve` first: one process
    /// writes an index at a time).
    Rebuild,
    /// Index what the store holds that the index does not yet (what a running server does by
    /// itself every few seconds).
    CatchUp,
    /// Show the index's size and how far it has followed the store's change journal.
    Status,
}

/// Runs an index command.
pub async fn run(flags: &Flags, command: IndexCommand) -> anyhow::Result<()> {
    let settings = flags.settings(Figment::new())?;
    let core = open_core(&settings).await?;
    let index = core.search_index().map_err(|error| anyhow::anyhow!("{error}"))?.clone();
    let writable = || {
        anyhow::ensure!(
            index.is_writable(),
            "another process (a running `zhichan serve`?) writes the index in {}; stop it first",
            settings.index_dir().display()
        );
        Ok(())
    };
    let started = Instant::now();
    match command {
        IndexCommand::Rebuild => {
            writable()?;
            let done = core.rebuild_index().await.map_err(|error| anyhow::anyhow!("{error}"))?;
            report("rebuilt", done.indexed, started);
        }
        IndexCommand::CatchUp => {
            writable()?;
            let done = core.catch_up_index().await.map_err(|error| anyhow::anyhow!("{error}"))?;
            report("caught up", done.indexed, started);
        }
        IndexCommand::Status => {}
    }
    let head = core.store().journal_head().await?;
    let position = index.journal_position()?;
    println!("index {}", settings.index_dir().display());
    println!("  records {}  size {:.1} MB", index.len(), index.size_on_disk()? as f64 / 1e6);
    println!(
        "  journal position {position} of {head}{}",
        if position as i64 >= head { " (current)" } else { " (behind: `zhichan index catch-up`)" }
    );
    Ok(())
}

fn report(what: &str, indexed: u64, started: Instant) {
    let seconds = started.elapsed().as_secs_f64().max(1e-6);
    println!("{what}: {indexed} records indexed in {seconds:.1} s ({:.0} records/s)", indexed as f64 / seconds);
}
