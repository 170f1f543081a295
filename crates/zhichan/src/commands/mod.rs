//! One module per subcommand, and what they share: loading settings and opening the store.

pub mod admin;
pub mod bench;
pub mod config;
pub mod generate;
pub mod import;
pub mod index;
pub mod migrate;
pub mod search;
pub mod serve;
pub mod watch;

use std::path::PathBuf;

use anyhow::Context;
use figment::Figment;
use zhichan_core::Core;

use crate::settings::Settings;

/// Flags every subcommand accepts.
#[derive(Debug)]
pub struct Flags {
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--data-dir`.
    pub data_dir: Option<PathBuf>,
}

impl Flags {
    /// The settings, with these flags (and `extra`) layered on top.
    pub fn settings(&self, extra: Figment) -> anyhow::Result<Settings> {
        let mut overrides = extra;
        if let Some(dir) = &self.data_dir {
            overrides = overrides.merge(("data_dir", dir));
        }
        Settings::load(self.config.as_deref(), overrides)
    }
}

/// Creates the data directory, opens (and migrates) the configured store, attaches the search
/// index (for writing when no other process writes it, else for reading) and the store of case
/// documents, and builds the use cases.
pub async fn open_core(settings: &Settings) -> anyhow::Result<Core> {
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("cannot create data directory {}", settings.data_dir.display()))?;
    let url = settings.database_url();
    let store = zhichan_store::open(&url)
        .await
        .with_context(|| format!("cannot open database {}", zhichan_core::redact_url(&url)))?;
    let index_dir = settings.index_dir();
    let index = zhichan_core::search::open_index(&index_dir)
        .map_err(|error| anyhow::anyhow!("cannot open the search index in {}: {error}", index_dir.display()))?;
    let files = settings.file_store();
    std::fs::create_dir_all(files.root())
        .with_context(|| format!("cannot create the documents directory {}", files.root().display()))?;
    Ok(Core::new(store, settings.core()).with_search_index(index).with_files(files))
}
