//! Integration tests of the use cases over a real SQLite store.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions unwrap too

mod accounts;
mod calendar;
mod case_notify;
mod cases;
mod directory;
mod files;
mod import;
mod notify;
mod search;
mod watch;

use std::path::PathBuf;
use std::sync::Arc;

use zhichan_core::{Core, CoreSettings};

/// Use cases over a fresh SQLite database, keeping documents (of at most 1 MiB) beside it, both
/// kept alive by the returned directory.
pub async fn core_with(settings: CoreSettings) -> (Core, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite:{}", dir.path().join("core.sqlite3").display());
    let store: Arc<dyn zhichan_store::Store> = zhichan_store::open(&url).await.expect("open store");
    let files = zhichan_core::files::FileStore::new(dir.path().join("files"), 1024 * 1024);
    (Core::new(store, settings).with_files(files), dir)
}

/// A folder or file of `../shared/data`; `None` (with a note) when the samples are absent.
pub fn data(path: &str) -> Option<PathBuf> {
    let full = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).join(path);
    if full.exists() {
        Some(full)
    } else {
        eprintln!("skipped: {} is absent", full.display());
        None
    }
}
