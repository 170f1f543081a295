//! `zhichan config …`: configuration helpers.

use clap::Subcommand;

/// Configuration subcommands.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print a commented zhichan.toml with every default.
    Default,
}

/// Runs the command.
pub fn run(command: ConfigCommand) -> anyhow::Result<()> {
    match command {
        ConfigCommand::Default => print!("{}", crate::settings::EXAMPLE),
    }
    Ok(())
}
