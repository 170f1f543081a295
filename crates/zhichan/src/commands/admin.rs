//! `zhichan admin …`: bootstrap and maintenance tasks run on the server itself.

use std::io::BufRead;
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use figment::Figment;
use zhichan_core::RequestContext;
use zhichan_domain::calendar::CalendarYear;

use super::{Flags, open_core};

/// Administration subcommands.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a platform administrator in the district centre (created if missing).
    CreateUser {
        /// Login e-mail address.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// Read the password from the first line of standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Verify a case's hash-chained history: exit 0 when intact, else name the first altered entry.
    VerifyCase {
        /// The case id (the number in its reference, e.g. 12 for MED-000012).
        id: i64,
    },
    /// Load a region's working-day calendar for one year (a JSON file, see docs/CALENDARS.md),
    /// replacing the year compiled in or loaded before.
    LoadCalendar {
        /// The calendar file, e.g. mainland-2027.json as scripts/calendar/build.py writes it.
        file: PathBuf,
    },
}

/// Runs the command.
pub async fn run(flags: &Flags, command: AdminCommand) -> anyhow::Result<()> {
    let settings = flags.settings(Figment::new())?;
    let core = open_core(&settings).await?;
    match command {
        AdminCommand::CreateUser { email, name, password_stdin } => {
            let (password, generated) = if password_stdin {
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line).context("cannot read the password from standard input")?;
                (line.trim_end_matches(['\r', '\n']).to_owned(), false)
            } else {
                (zhichan_core::accounts::random_token()?[..24].to_owned(), true)
            };
            let user = core.create_administrator(&email, &name, &password).await.map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("created administrator {} (id {})", user.email, user.id);
            if generated {
                println!("password: {password}");
                println!("(shown once; sign in and keep it safe)");
            }
        }
        AdminCommand::VerifyCase { id } => {
            let integrity = core.verify_case(None, id.into()).await.map_err(|e| anyhow::anyhow!("case {id}: {e}"))?;
            if let Some(seq) = integrity.first_altered {
                let problem = integrity.problem.unwrap_or_default();
                anyhow::bail!("case {id}: history entry {seq} is not as written ({problem})");
            }
            if let Some(recorded) = integrity.recorded_state {
                anyhow::bail!("case {id}: its state was changed outside the platform (the history ends in {recorded})");
            }
            println!("case {id}: history intact ({} entries verified)", integrity.entries);
        }
        AdminCommand::LoadCalendar { file } => {
            let shown = file.display();
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {shown}"))?;
            let year = CalendarYear::parse(&text).map_err(|refused| anyhow::anyhow!("{shown}: {refused}"))?;
            let year = core
                .load_calendar_year(None, &RequestContext::cli(), year)
                .await
                .map_err(|refused| anyhow::anyhow!("{shown}: {refused}"))?;
            println!(
                "loaded the {} calendar for {}: holidays {}, adjusted working days {} ({})",
                year.region,
                year.year,
                year.holidays.len(),
                year.adjusted_working_days.len(),
                year.source
            );
        }
    }
    Ok(())
}
