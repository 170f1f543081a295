//! Importing IP records from the offices' bulk files (and reference tables from their published
//! files): read with `zhichan-ingest` on a blocking
//! thread, store in transactional batches, report every rejected record with its file, position,
//! record id and field. A bad record is skipped without losing the rest; a batch is stored whole
//! or not at all; `strict` stops at the first problem, keeping what was stored before it.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde_json::json;
use tokio::sync::mpsc;
use zhichan_domain::import::{BatchOutcome, ImportId, ImportOutcome, ImportTotals, Rejection};
use zhichan_domain::records::Record;
use zhichan_domain::reference::ReferenceTable;
use zhichan_ingest::{ErrorKind, Position, RecordError};

use crate::audit::entry;
use crate::reference::LoadedTable;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext, authz};

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Stop at the first rejected record or unreadable file.
    pub strict: bool,
    /// Records per transaction.
    pub batch_size: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self { strict: false, batch_size: 1000 }
    }
}

/// Follows an import as it runs (a progress bar, a log).
pub trait ImportObserver: Send + Sync {
    /// `count` more records were read (stored or rejected).
    fn records_read(&self, count: u64);
    /// A file was started.
    fn file_started(&self, path: &Path) {
        let _ = path;
    }
}

/// An observer that watches nothing.
pub struct Quiet;

impl ImportObserver for Quiet {
    fn records_read(&self, _count: u64) {}
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The import run's id.
    pub import_id: ImportId,
    /// Counts.
    pub totals: ImportTotals,
    /// How it ended.
    pub outcome: ImportOutcome,
    /// Every rejected record, in order.
    pub rejections: Vec<Rejection>,
    /// Files found in directories that hold no records (`SOURCE.txt`, licences…), with why.
    pub skipped: Vec<(PathBuf, String)>,
    /// Bytes of the files read (as stored on disk, compressed or not).
    pub bytes: u64,
    /// Reference tables loaded (each replaces the stored edition of its kind).
    pub tables: Vec<LoadedTable>,
    /// What happened to the search index.
    pub index: crate::search::IndexUpdate,
    /// What the trademark watch found in the new filings.
    pub watch: crate::watch::WatchUpdate,
}

/// What the reading thread sends to the storing loop.
enum Item {
    Record(Box<Record>),
    Reference(String, ReferenceTable),
    Rejected(Rejection),
    Skipped(PathBuf, String),
}

impl Core {
    /// Imports every record in `paths` (files, or directories searched recursively).
    /// `actor` is `None` for the command line on the server itself.
    pub async fn import(
        &self,
        actor: Option<&Actor>,
        paths: &[PathBuf],
        options: &ImportOptions,
        observer: &dyn ImportObserver,
    ) -> CoreResult<ImportReport> {
        if let Some(actor) = actor {
            authz::import_records(actor)?;
        }
        let files = expand(paths)?;
        let bytes = files.iter().map(|(path, _)| std::fs::metadata(path).map_or(0, |m| m.len())).sum();
        let sources = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        let import_id = self.store.start_import(&sources, actor.map(Actor::user_id), Utc::now()).await?;

        let (sender, mut receiver) = mpsc::channel::<Vec<Item>>(8);
        let batch_size = options.batch_size.max(1);
        let reader = tokio::task::spawn_blocking(move || read_files(files, batch_size, &sender));

        let mut totals = ImportTotals::default();
        let mut rejections = Vec::new();
        let mut skipped = Vec::new();
        let mut tables = Vec::new();
        let mut batch: Vec<Record> = Vec::with_capacity(batch_size);
        let mut stopped = false;
        'receive: while let Some(items) = receiver.recv().await {
            let mut read = 0;
            for item in items {
                match item {
                    Item::Record(record) => {
                        read += 1;
                        batch.push(*record);
                        if batch.len() >= batch_size {
                            totals.stored += self.store_batch(import_id, &mut batch).await?;
                        }
                    }
                    Item::Rejected(rejection) => {
                        read += 1;
                        self.store
                            .add_rejections(import_id, rejections.len() as u64, std::slice::from_ref(&rejection))
                            .await?;
                        rejections.push(rejection);
                        if options.strict {
                            stopped = true;
                            totals.read += read;
                            observer.records_read(read);
                            break 'receive;
                        }
                    }
                    Item::Reference(source, table) => {
                        tables.push(self.load_reference(actor, import_id, &source, table).await?);
                    }
                    Item::Skipped(path, why) => {
                        observer.file_started(&path);
                        skipped.push((path, why));
                    }
                }
            }
            totals.read += read;
            observer.records_read(read);
        }
        drop(receiver);
        totals.stored += self.store_batch(import_id, &mut batch).await?;
        let read_failure = reader.await.map_err(|e| CoreError::internal(format!("import reader failed: {e}")))?;
        totals.rejected = rejections.len() as u64;

        let outcome = match (stopped || read_failure.is_err(), rejections.is_empty()) {
            (true, _) => ImportOutcome::Stopped,
            (false, true) => ImportOutcome::Complete,
            (false, false) => ImportOutcome::WithRejections,
        };
        let audit = entry(
            actor,
            &RequestContext::cli(),
            "import.run",
            ("import", None),
            None,
            json!({
                "sources": sources, "totals": totals, "outcome": outcome.code(),
            }),
        );
        self.store.finish_import(import_id, totals, outcome, audit).await?;
        let index = self.update_index().await;
        let watch = self.update_watch().await;
        Ok(ImportReport { import_id, totals, outcome, rejections, skipped, bytes, tables, index, watch })
    }

    async fn store_batch(&self, import_id: ImportId, batch: &mut Vec<Record>) -> CoreResult<BatchOutcome> {
        if batch.is_empty() {
            return Ok(BatchOutcome::default());
        }
        let outcome = self.store.store_records(import_id, batch, Utc::now()).await?;
        batch.clear();
        Ok(outcome)
    }
}

/// Lists the files to read: given files as they are (`true`: named by the user), directories
/// recursively in name order (`false`: found).
fn expand(paths: &[PathBuf]) -> CoreResult<Vec<(PathBuf, bool)>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_dir(path, &mut files)?;
        } else {
            files.push((path.clone(), true));
        }
    }
    Ok(files)
}

fn collect_dir(dir: &Path, files: &mut Vec<(PathBuf, bool)>) -> CoreResult<()> {
    let listing = std::fs::read_dir(dir).map_err(|e| {
        CoreError::Invalid(zhichan_domain::InvalidValue::new(
            "path",
            format!("a readable directory ({}: {e})", dir.display()),
        ))
    })?;
    let mut entries: Vec<PathBuf> = listing.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect_dir(&entry, files)?;
        } else {
            files.push((entry, false));
        }
    }
    Ok(())
}

/// Reads every file on the calling (blocking) thread, sending items in chunks. Returns `Err` when
/// the storing side hung up (it stopped early).
fn read_files(files: Vec<(PathBuf, bool)>, chunk: usize, sender: &mpsc::Sender<Vec<Item>>) -> Result<(), ()> {
    let mut pending = Vec::with_capacity(chunk);
    let push = |item: Item, pending: &mut Vec<Item>| -> Result<(), ()> {
        pending.push(item);
        if pending.len() >= chunk {
            sender.blocking_send(std::mem::take(pending)).map_err(|_| ())?;
        }
        Ok(())
    };
    for (path, named) in files {
        match zhichan_ingest::reference::open(&path) {
            Ok(Some(table)) => {
                push(Item::Reference(path.display().to_string(), table), &mut pending)?;
                continue;
            }
            Ok(None) => {}
            Err(error) => {
                push(Item::Rejected(rejection(&error)), &mut pending)?;
                continue;
            }
        }
        match zhichan_ingest::open(&path) {
            Ok(records) => {
                for item in records {
                    let item = match item {
                        Ok(record) => Item::Record(Box::new(record)),
                        // Archive members that hold no records are skipped like such files.
                        Err(error) if !named && is_not_a_record_file(error.kind) => {
                            Item::Skipped(PathBuf::from(&error.source_name), error.detail)
                        }
                        Err(error) => Item::Rejected(rejection(&error)),
                    };
                    push(item, &mut pending)?;
                }
            }
            Err(error) if !named && is_not_a_record_file(error.kind) => {
                push(Item::Skipped(path, error.detail), &mut pending)?;
            }
            Err(error) => push(Item::Rejected(rejection(&error)), &mut pending)?,
        }
    }
    if !pending.is_empty() {
        sender.blocking_send(pending).map_err(|_| ())?;
    }
    Ok(())
}

/// Files found in a directory that hold no records are skipped, not rejected.
fn is_not_a_record_file(kind: ErrorKind) -> bool {
    matches!(kind, ErrorKind::UnknownFormat | ErrorKind::Binary | ErrorKind::Empty | ErrorKind::NotRecords)
}

/// A reader error as stored and reported.
pub fn rejection(error: &RecordError) -> Rejection {
    Rejection {
        source: error.source_name.clone(),
        position: match error.position {
            Position::Input => None,
            other => Some(other.to_string()),
        },
        record_id: error.record_id.clone(),
        field: error.field.clone(),
        reason: reason_code(error.kind).to_owned(),
        message: error.to_string(),
    }
}

fn reason_code(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Io => "io",
        ErrorKind::Empty => "empty",
        ErrorKind::Binary => "binary",
        ErrorKind::UnknownFormat => "unknown_format",
        ErrorKind::Encoding => "encoding",
        ErrorKind::Archive => "archive",
        ErrorKind::Syntax => "malformed",
        ErrorKind::Truncated => "truncated",
        ErrorKind::TooLarge => "too_large",
        ErrorKind::MissingField => "missing_field",
        ErrorKind::InvalidField => "invalid_field",
        ErrorKind::NotRecords => "not_records",
    }
}
