//! `zhichan migrate`: apply pending migrations and exit.

use figment::Figment;

use super::{Flags, open_core};

/// Runs the command.
pub async fn run(flags: &Flags) -> anyhow::Result<()> {
    let settings = flags.settings(Figment::new())?;
    let core = open_core(&settings).await?;
    println!("migrations applied ({:?} database)", core.store().backend());
    Ok(())
}
