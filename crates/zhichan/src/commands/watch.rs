//! `zhichan watch`: trademark- and patent-watch tools.

use std::io::{BufWriter, IsTerminal};

use clap::Subcommand;
use figment::Figment;

use super::{Flags, open_core};

/// Watch tools.
#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Score pairs of (watched marks, filing) read as JSON Lines on stdin, one result line per pair
    /// on stdout, in order: `{"id","score","alert","risk","matched","reasons"}`. A line that
    /// cannot be read gets `{"id"?,"line","error"}` and the run goes on.
    Screen,
    /// Screen every record stored since the watch last ran against every watched mark and patent
    /// watch, and raise alerts (imports and `serve` do this by themselves).
    Run,
}

/// Runs a watch command.
pub async fn run(flags: &Flags, command: WatchCommand) -> anyhow::Result<()> {
    match command {
        WatchCommand::Screen => {
            let stdin = std::io::stdin();
            let stdout = BufWriter::new(std::io::stdout().lock());
            let summary = zhichan_similarity::screen(stdin.lock(), stdout)?;
            if std::io::stderr().is_terminal() {
                eprintln!("{} pairs, {} alerts, {} lines not read", summary.pairs, summary.alerts, summary.errors);
            }
            Ok(())
        }
        WatchCommand::Run => {
            let core = open_core(&flags.settings(Figment::new())?).await?;
            let run = core.run_watch().await.map_err(|error| anyhow::anyhow!("{error}"))?;
            println!(
                "watch: {} records screened, {} candidate pairs, {} alerts raised in {:.1} s; journal position {}",
                run.screened,
                run.candidates,
                run.alerts,
                run.elapsed.as_secs_f64(),
                run.position
            );
            Ok(())
        }
    }
}
