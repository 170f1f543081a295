//! `zhichan` — the one binary of 知产通: `serve`, `import`, `search`, `index`, `migrate`, `admin`,
//! `watch`, `config`, `generate`, `bench`.
//! Picks the store from the configuration and hands it to the web layer; holds no logic of its own.

mod commands;
mod settings;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// mimalloc: the importer and the search index allocate many small strings; measured ~20% faster
/// imports than the system allocator (docs/BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// 知产通 zhichan — IP public-service platform.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Configuration file (default: ./zhichan.toml when it exists).
    #[arg(long, global = true, env = "ZHICHAN_CONFIG")]
    config: Option<PathBuf>,
    /// Data directory for the embedded database (overrides the configuration).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server (UI and API).
    Serve(commands::serve::ServeArgs),
    /// Import IP records from the offices' bulk files (plain, gzip or zip; directories recursively).
    Import(commands::import::ImportArgs),
    /// Search the registers (query language: docs/SEARCH.md).
    Search(commands::search::SearchArgs),
    /// Search index maintenance.
    #[command(subcommand)]
    Index(commands::index::IndexCommand),
    /// Watch tools (`watch screen`: score JSON Lines pairs from stdin; `watch run`: screen new records now).
    #[command(subcommand)]
    Watch(commands::watch::WatchCommand),
    /// Apply database migrations and exit.
    Migrate,
    /// Administration tasks.
    #[command(subcommand)]
    Admin(commands::admin::AdminCommand),
    /// Benchmarks behind docs/BENCHMARKS.md.
    #[command(subcommand)]
    Bench(commands::bench::BenchCommand),
    /// Configuration helpers.
    #[command(subcommand)]
    Config(commands::config::ConfigCommand),
    /// Write realistic generated records for benchmarks and tests.
    Generate(commands::generate::GenerateArgs),
}

fn main() -> std::process::ExitCode {
    match run(Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "zhichan=info,warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let flags = commands::Flags { config: cli.config, data_dir: cli.data_dir };
    runtime.block_on(async move {
        match cli.command {
            Command::Serve(args) => commands::serve::run(&flags, args).await,
            Command::Import(args) => commands::import::run(&flags, args).await,
            Command::Search(args) => commands::search::run(&flags, args).await,
            Command::Index(command) => commands::index::run(&flags, command).await,
            Command::Watch(command) => commands::watch::run(&flags, command).await,
            Command::Migrate => commands::migrate::run(&flags).await,
            Command::Admin(command) => commands::admin::run(&flags, command).await,
            Command::Config(command) => commands::config::run(command),
            Command::Generate(args) => commands::generate::run(args),
            Command::Bench(command) => commands::bench::run(command).await,
        }
    })
}
