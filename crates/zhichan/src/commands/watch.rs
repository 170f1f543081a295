//! `zhichan watch`: trademark-watch tools.

use std::io::{BufWriter, IsTerminal};

use clap::Subcommand;

/// Watch tools.
#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Score pairs of (watched marks, filing) read as JSON Lines on stdin, one result line per pair
    /// on stdout, in order: `{"id","score","alert","risk","matched","reasons"}`. A line that
    /// cannot be read gets `{"id"?,"line","error"}` and the run goes on.
    Screen,
}

/// Runs a watch command.
pub fn run(command: WatchCommand) -> anyhow::Result<()> {
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
    }
}
