//! The index: schema, writing records, running queries.

use std::path::Path;
use std::sync::{LazyLock, Mutex};

use chrono::NaiveDate;
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    DateOptions, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};
use zhichan_domain::records::Record;

use crate::analysis::{self, CJK, LATIN, PINYIN, ZH_INDEX};
use crate::document;
use crate::error::SearchError;
use crate::translate::Translator;

/// Memory budget of the index writer.
const WRITER_BUDGET: usize = 50_000_000;
/// Indexing memory of an [in-memory](SearchIndex::in_memory) index: one thread, tantivy's minimum.
const IN_MEMORY_WRITER_BUDGET: usize = 15_000_000;

/// One analysed text field: the Latin and Chinese chains, optionally Han bigrams and pinyin, and
/// the boost its matches get in ranking.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextFields {
    pub(crate) latin: Field,
    pub(crate) zh: Field,
    pub(crate) bigrams: Option<Field>,
    pub(crate) pinyin: Option<Field>,
    pub(crate) boost: f32,
}

/// Handles of every schema field.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub(crate) id: Field,
    pub(crate) uid: Field,
    pub(crate) kind: Field,
    pub(crate) office: Field,
    pub(crate) status: Field,
    pub(crate) title: TextFields,
    pub(crate) abstract_: TextFields,
    pub(crate) claims: TextFields,
    pub(crate) description: TextFields,
    pub(crate) mark: TextFields,
    pub(crate) owner: TextFields,
    pub(crate) applicant: TextFields,
    pub(crate) inventor: TextFields,
    pub(crate) ipc: Field,
    pub(crate) cpc: Field,
    pub(crate) nice: Field,
    pub(crate) pn: Field,
    pub(crate) an: Field,
    pub(crate) rn: Field,
    pub(crate) pd: Field,
    pub(crate) fd: Field,
    pub(crate) rd: Field,
    pub(crate) days: Field,
    pub(crate) facet_kind: Field,
    pub(crate) facet_status: Field,
    pub(crate) facet_ipc: Field,
    pub(crate) year: Field,
    pub(crate) stored_office: Field,
    pub(crate) stored_number: Field,
    pub(crate) stored_title: Field,
    pub(crate) stored_abstract: Field,
    pub(crate) stored_owner: Field,
    pub(crate) stored_date: Field,
}

/// Names of the fast fields facets and sorting read.
pub(crate) struct FastFieldNames {
    pub(crate) office: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) status: &'static str,
    pub(crate) ipc: &'static str,
    pub(crate) year: &'static str,
    pub(crate) nice: &'static str,
    pub(crate) uid: &'static str,
    pub(crate) days: &'static str,
}

/// The fast fields' names, as the schema declares them.
pub(crate) const fn facet_fields() -> FastFieldNames {
    FastFieldNames {
        office: "office",
        kind: "f_kind",
        status: "f_status",
        ipc: "f_ipc",
        year: "year",
        nice: "nice",
        uid: "uid",
        days: "days",
    }
}

fn text_options(analyser: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(analyser).set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// Which extra chains a text field gets.
#[derive(Clone, Copy)]
enum Extra {
    None,
    Bigrams,
    BigramsAndPinyin,
}

fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let mut text = |name: &str, extra: Extra, boost: f32| TextFields {
        latin: builder.add_text_field(name, text_options(LATIN)),
        zh: builder.add_text_field(&format!("{name}_zh"), text_options(ZH_INDEX)),
        bigrams: (!matches!(extra, Extra::None))
            .then(|| builder.add_text_field(&format!("{name}_bi"), text_options(CJK))),
        pinyin: matches!(extra, Extra::BigramsAndPinyin)
            .then(|| builder.add_text_field(&format!("{name}_py"), text_options(PINYIN))),
        boost,
    };
    let title = text("title", Extra::Bigrams, 3.0);
    let abstract_ = text("abstract", Extra::Bigrams, 1.0);
    let claims = text("claims", Extra::None, 0.8);
    let description = text("description", Extra::None, 0.5);
    let mark = text("mark", Extra::BigramsAndPinyin, 3.0);
    let owner = text("owner", Extra::Bigrams, 1.5);
    let applicant = text("applicant", Extra::Bigrams, 1.5);
    let inventor = text("inventor", Extra::Bigrams, 1.0);
    let names = facet_fields();
    let date = || DateOptions::default().set_indexed().set_fast();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        uid: builder.add_u64_field(names.uid, FAST),
        kind: builder.add_text_field("kind", STRING),
        office: builder.add_text_field(names.office, STRING | FAST),
        status: builder.add_text_field("status", STRING),
        title,
        abstract_,
        claims,
        description,
        mark,
        owner,
        applicant,
        inventor,
        ipc: builder.add_text_field("ipc", STRING),
        cpc: builder.add_text_field("cpc", STRING),
        nice: builder.add_u64_field(names.nice, INDEXED | FAST),
        pn: builder.add_text_field("pn", STRING),
        an: builder.add_text_field("an", STRING),
        rn: builder.add_text_field("rn", STRING),
        pd: builder.add_date_field("pd", date()),
        fd: builder.add_date_field("fd", date()),
        rd: builder.add_date_field("rd", date()),
        days: builder.add_i64_field(names.days, FAST),
        facet_kind: builder.add_text_field(names.kind, STRING | FAST | STORED),
        facet_status: builder.add_text_field(names.status, STRING | FAST | STORED),
        facet_ipc: builder.add_text_field(names.ipc, STRING | FAST),
        year: builder.add_u64_field(names.year, FAST),
        stored_office: builder.add_text_field("s_office", STORED),
        stored_number: builder.add_text_field("s_number", STORED),
        stored_title: builder.add_text_field("s_title", STORED),
        stored_abstract: builder.add_text_field("s_abstract", STORED),
        stored_owner: builder.add_text_field("s_owner", STORED),
        stored_date: builder.add_text_field("s_date", STORED),
    };
    (builder.build(), fields)
}

/// Normal form of a code value (office, kind, status): trimmed, lower case.
pub(crate) fn normalise_code(value: &str) -> String {
    analysis::fold(value).trim().to_lowercase()
}

/// Normal form of a classification symbol: upper case without whitespace (`H04W 4/02` → `H04W4/02`).
pub(crate) fn normalise_class(value: &str) -> String {
    analysis::fold(value).chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect()
}

/// Normal form of a document number: letters and digits only, upper case (`10,123,456` → `10123456`).
pub(crate) fn normalise_number(value: &str) -> String {
    analysis::fold(value).chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

/// A calendar day as an index date (midnight UTC).
pub(crate) fn day(date: NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(document::days(date) * 86_400)
}

/// Checks that `query` can be answered — every field, prefix, range and proximity it asks for is
/// one the index supports — by translating it with the index's schema and analysers, without an
/// index. The analysers are built once per process.
pub fn check(query: &zhichan_query::Query) -> Result<(), SearchError> {
    static ANALYSIS: LazyLock<(Schema, Fields, TokenizerManager)> = LazyLock::new(|| {
        let (schema, fields) = build_schema();
        let tokenizers = TokenizerManager::default();
        analysis::register(&tokenizers);
        (schema, fields, tokenizers)
    });
    let (schema, fields, tokenizers) = &*ANALYSIS;
    Translator::new(schema, tokenizers, fields).translate(query).map(drop)
}

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
    schema: Schema,
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

    /// Translates queries with this index's schema and analysers.
    pub(crate) fn translator(&self) -> Translator<'_> {
        Translator::new(&self.schema, self.index.tokenizers(), &self.fields)
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
