//! The index: schema, writing records, running queries.

use std::path::Path;
use std::sync::Mutex;

use tantivy::directory::MmapDirectory;
use tantivy::schema::Schema;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};
use zhichan_domain::records::Record;

use crate::analysis;
use crate::document;
use crate::error::SearchError;
use crate::schema::{Fields, build_schema};

/// Memory budget of the index writer.
const WRITER_BUDGET: usize = 50_000_000;
/// Indexing memory of an [in-memory](SearchIndex::in_memory) index: one thread, tantivy's minimum.
const IN_MEMORY_WRITER_BUDGET: usize = 15_000_000;

/// What the index remembers in its commits: how far it has followed the store's change journal.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct CommitPayload {
    journal: u64,
}

/// A tantivy index of records in one directory.
///
/// Opened for writing ([`open_or_create`](Self::open_or_create), one writer per directory across
/// processes) or for reading only ([`open_for_reading`](Self::open_for_reading), any number).
/// All methods take `&self`, so one index can be shared between threads.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) schema: Schema,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    writer: Option<Mutex<IndexWriter<TantivyDocument>>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("index", &self.index).field("writable", &self.writer.is_some()).finish()
    }
}

impl SearchIndex {
    /// Opens the index in `path` for writing, creating the directory and an empty index when
    /// missing. Fails with [`SearchError::Locked`] while another process writes to it.
    pub fn open_or_create(path: impl AsRef<Path>) -> Result<SearchIndex, SearchError> {
        let index = Self::open_index(path.as_ref())?;
        let writer = index.writer(WRITER_BUDGET).map_err(|error| match error {
            TantivyError::LockFailure(..) => SearchError::Locked(path.as_ref().display().to_string()),
            other => other.into(),
        })?;
        Self::with(index, Some(writer))
    }

    /// Opens the index in `path` for searching only, creating an empty one when missing; sees
    /// what writers commit after [`reload`](Self::reload).
    pub fn open_for_reading(path: impl AsRef<Path>) -> Result<SearchIndex, SearchError> {
        Self::with(Self::open_index(path.as_ref())?, None)
    }

    /// A new empty index held in memory, writable by this process alone: for matching a small
    /// batch of records against queries (the patent watch), never for the registers.
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, _) = build_schema();
        let index = Index::create_in_ram(schema);
        analysis::register(index.tokenizers());
        let writer = index.writer_with_num_threads(1, IN_MEMORY_WRITER_BUDGET)?;
        Self::with(index, Some(writer))
    }

    fn open_index(path: &Path) -> Result<Index, SearchError> {
        std::fs::create_dir_all(path)?;
        let (schema, _) = build_schema();
        let index = Index::open_or_create(MmapDirectory::open(path)?, schema.clone())?;
        if index.schema() != schema {
            return Err(SearchError::SchemaChanged(path.display().to_string()));
        }
        analysis::register(index.tokenizers());
        Ok(index)
    }

    fn with(index: Index, writer: Option<IndexWriter<TantivyDocument>>) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = build_schema();
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { index, schema, fields, reader, writer: writer.map(Mutex::new) })
    }

    fn writer(&self) -> Result<std::sync::MutexGuard<'_, IndexWriter<TantivyDocument>>, SearchError> {
        let writer = self.writer.as_ref().ok_or(SearchError::ReadOnly)?;
        writer.lock().map_err(|_| SearchError::Poisoned)
    }

    /// Queues `record` for indexing, replacing any record with the same key. Visible to
    /// searches after [`commit`](Self::commit).
    pub fn add(&self, record: &Record) -> Result<(), SearchError> {
        let id = record.key().to_string();
        let doc = document::document(&self.fields, record, &id);
        let writer = self.writer()?;
        writer.delete_term(Term::from_field_text(self.fields.id, &id));
        writer.add_document(doc)?;
        Ok(())
    }

    /// Queues the removal of every record (for a rebuild); takes effect at the next commit.
    pub fn clear(&self) -> Result<(), SearchError> {
        self.writer()?.delete_all_documents()?;
        Ok(())
    }

    /// Makes everything added so far durable and searchable, keeping the journal position.
    pub fn commit(&self) -> Result<(), SearchError> {
        let position = self.journal_position()?;
        self.commit_at(position)
    }

    /// Commits and records that the index now holds every change up to `journal_position`.
    pub fn commit_at(&self, journal_position: u64) -> Result<(), SearchError> {
        let payload = serde_json::to_string(&CommitPayload { journal: journal_position })
            .map_err(|error| SearchError::Payload(error.to_string()))?;
        {
            let mut writer = self.writer()?;
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// The change-journal position of the last commit (0 for a new index).
    pub fn journal_position(&self) -> Result<u64, SearchError> {
        let Some(payload) = self.index.load_metas()?.payload else { return Ok(0) };
        let payload: CommitPayload =
            serde_json::from_str(&payload).map_err(|error| SearchError::Payload(error.to_string()))?;
        Ok(payload.journal)
    }

    /// Picks up what writers have committed since this index was opened or last reloaded.
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload()?;
        Ok(())
    }

    /// Whether this process writes the index (else it only reads what another writes).
    pub fn is_writable(&self) -> bool {
        self.writer.is_some()
    }

    /// How many records the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no record.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index's size on disk, in bytes.
    pub fn size_on_disk(&self) -> Result<u64, SearchError> {
        let searcher = self.reader.searcher();
        let space = searcher.space_usage()?;
        Ok(space.total().get_bytes())
    }
}
