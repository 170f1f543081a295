//! The index: schema, writing records, running queries.

use std::path::Path;

use chrono::NaiveDate;
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    DateOptions, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use zhichan_domain::records::{Party, Patent, Record, RecordKind, Trademark};

use crate::analysis::{self, LATIN, ZH_INDEX};
use crate::error::SearchError;
use crate::translate;

/// Memory budget of the index writer.
const WRITER_BUDGET: usize = 50_000_000;

/// One analysed text field: the Latin chain and the Chinese chain side by side.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextPair {
    pub(crate) latin: Field,
    pub(crate) zh: Field,
}

/// Handles of every schema field.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub(crate) id: Field,
    pub(crate) kind: Field,
    pub(crate) office: Field,
    pub(crate) status: Field,
    pub(crate) title: TextPair,
    pub(crate) abstract_: TextPair,
    pub(crate) claims: TextPair,
    pub(crate) description: TextPair,
    pub(crate) mark: TextPair,
    pub(crate) owner: TextPair,
    pub(crate) applicant: TextPair,
    pub(crate) inventor: TextPair,
    pub(crate) ipc: Field,
    pub(crate) cpc: Field,
    pub(crate) nice: Field,
    pub(crate) pn: Field,
    pub(crate) an: Field,
    pub(crate) rn: Field,
    pub(crate) pd: Field,
    pub(crate) fd: Field,
    pub(crate) rd: Field,
    pub(crate) stored_office: Field,
    pub(crate) stored_kind: Field,
    pub(crate) stored_number: Field,
    pub(crate) stored_title: Field,
}

fn text_options(analyser: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(analyser).set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let mut pair = |name: &str| TextPair {
        latin: builder.add_text_field(name, text_options(LATIN)),
        zh: builder.add_text_field(&format!("{name}_zh"), text_options(ZH_INDEX)),
    };
    let title = pair("title");
    let abstract_ = pair("abstract");
    let claims = pair("claims");
    let description = pair("description");
    let mark = pair("mark");
    let owner = pair("owner");
    let applicant = pair("applicant");
    let inventor = pair("inventor");
    let date = || DateOptions::default().set_indexed().set_fast();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        kind: builder.add_text_field("kind", STRING | FAST),
        office: builder.add_text_field("office", STRING | FAST),
        status: builder.add_text_field("status", STRING | FAST),
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
        nice: builder.add_u64_field("nice", INDEXED | FAST),
        pn: builder.add_text_field("pn", STRING),
        an: builder.add_text_field("an", STRING),
        rn: builder.add_text_field("rn", STRING),
        pd: builder.add_date_field("pd", date()),
        fd: builder.add_date_field("fd", date()),
        rd: builder.add_date_field("rd", date()),
        stored_office: builder.add_text_field("s_office", STORED),
        stored_kind: builder.add_text_field("s_kind", STORED),
        stored_number: builder.add_text_field("s_number", STORED),
        stored_title: builder.add_text_field("s_title", STORED),
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
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    DateTime::from_timestamp_secs(date.signed_duration_since(epoch).num_days() * 86_400)
}

/// One result of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Office code, e.g. `CN`.
    pub office: String,
    /// `trademark` or `patent`.
    pub kind: String,
    /// The record's number (application number for marks, publication number for patents).
    pub number: String,
    /// Title or mark text; empty when the record has none.
    pub title: String,
    /// Relevance score (BM25), higher is better.
    pub score: f32,
}

/// The results of a search.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    /// How many records match in total.
    pub total: usize,
    /// The best hits, at most the limit asked for, best first.
    pub hits: Vec<Hit>,
}

/// A tantivy index of records in one directory.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: IndexWriter<TantivyDocument>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("index", &self.index).finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `path`, creating the directory and an empty index when missing.
    ///
    /// Holds the index's writer lock until dropped: one `SearchIndex` per directory at a time.
    pub fn open_or_create(path: impl AsRef<Path>) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(path.as_ref())?;
        let (schema, fields) = build_schema();
        let directory = MmapDirectory::open(path.as_ref())?;
        let index = Index::open_or_create(directory, schema)?;
        analysis::register(index.tokenizers());
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let writer = index.writer(WRITER_BUDGET)?;
        Ok(SearchIndex { index, fields, reader, writer })
    }

    /// Queues `record` for indexing, replacing any record with the same key. Visible to
    /// [`search`](Self::search) after [`commit`](Self::commit).
    pub fn add(&self, record: &Record) -> Result<(), SearchError> {
        let key = record.key();
        let id = key.to_string();
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &id);
        doc.add_text(f.office, normalise_code(key.office.as_str()));
        doc.add_text(f.stored_office, key.office.as_str());
        doc.add_text(f.stored_number, &key.number);
        let kind = match key.kind {
            RecordKind::Trademark => "trademark",
            RecordKind::Patent => "patent",
        };
        doc.add_text(f.kind, kind);
        doc.add_text(f.stored_kind, kind);
        match record {
            Record::Trademark(mark) => self.fill_trademark(&mut doc, mark),
            Record::Patent(patent) => self.fill_patent(&mut doc, patent),
        }
        self.writer.delete_term(Term::from_field_text(f.id, &id));
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Makes everything added so far durable and searchable.
    pub fn commit(&mut self) -> Result<(), SearchError> {
        self.writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Runs `query`, returning the number of matches and the best `limit` hits.
    pub fn search(&self, query: &zhichan_query::Query, limit: usize) -> Result<SearchResults, SearchError> {
        let translated = translate::Translator::new(&self.index, &self.fields).translate(query)?;
        let searcher = self.reader.searcher();
        let collector = (TopDocs::with_limit(limit.max(1)).order_by_score(), Count);
        let (top, total) = searcher.search(translated.as_ref(), &collector)?;
        let text = |doc: &TantivyDocument, field: Field| {
            doc.get_first(field).and_then(|value| value.as_str()).unwrap_or_default().to_string()
        };
        let mut hits = Vec::with_capacity(top.len().min(limit));
        for (score, address) in top.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.push(Hit {
                office: text(&doc, self.fields.stored_office),
                kind: text(&doc, self.fields.stored_kind),
                number: text(&doc, self.fields.stored_number),
                title: text(&doc, self.fields.stored_title),
                score,
            });
        }
        Ok(SearchResults { total, hits })
    }

    fn add_text(doc: &mut TantivyDocument, pair: TextPair, text: &str) {
        if !text.trim().is_empty() {
            doc.add_text(pair.latin, text);
            doc.add_text(pair.zh, text);
        }
    }

    fn add_parties(doc: &mut TantivyDocument, pair: TextPair, parties: &[Party]) {
        for party in parties {
            Self::add_text(doc, pair, &party.name);
        }
    }

    fn add_number(doc: &mut TantivyDocument, field: Field, office: &str, number: &str, kind: Option<&str>) {
        let number = normalise_number(number);
        if number.is_empty() {
            return;
        }
        let mut variants = vec![number.clone(), format!("{office}{number}")];
        let trimmed = number.trim_start_matches('0');
        if trimmed != number && !trimmed.is_empty() {
            variants.push(trimmed.to_string());
            variants.push(format!("{office}{trimmed}"));
        }
        if let Some(kind) = kind.map(normalise_number).filter(|kind| !kind.is_empty()) {
            for base in variants.clone() {
                variants.push(format!("{base}{kind}"));
            }
        }
        variants.sort();
        variants.dedup();
        for variant in variants {
            doc.add_text(field, variant);
        }
    }

    fn fill_trademark(&self, doc: &mut TantivyDocument, mark: &Trademark) {
        let f = &self.fields;
        let office = mark.office.as_str();
        if let Some(text) = &mark.mark_text {
            Self::add_text(doc, f.title, text);
            Self::add_text(doc, f.mark, text);
            doc.add_text(f.stored_title, text);
        }
        for text in [&mark.transliteration, &mark.translation].into_iter().flatten() {
            Self::add_text(doc, f.mark, text);
        }
        Self::add_parties(doc, f.owner, &mark.owners);
        Self::add_parties(doc, f.applicant, &mark.owners);
        for class in &mark.classes {
            doc.add_u64(f.nice, u64::from(class.number.number()));
        }
        let stage = format!("{:?}", mark.status.stage).to_lowercase();
        doc.add_text(f.status, stage);
        if let Some(raw) = &mark.status.raw {
            doc.add_text(f.status, normalise_code(raw));
        }
        Self::add_number(doc, f.an, office, &mark.application_number, None);
        if let Some(number) = &mark.registration_number {
            Self::add_number(doc, f.rn, office, number, None);
        }
        let dates = &mark.dates;
        for (field, date) in [(f.fd, dates.filing), (f.pd, dates.publication), (f.rd, dates.registration)] {
            if let Some(date) = date {
                doc.add_date(field, day(date));
            }
        }
    }

    fn fill_patent(&self, doc: &mut TantivyDocument, patent: &Patent) {
        let f = &self.fields;
        let office = patent.office.as_str();
        for title in &patent.titles {
            Self::add_text(doc, f.title, &title.text);
        }
        if let Some(title) = patent.titles.first() {
            doc.add_text(f.stored_title, &title.text);
        }
        for text in &patent.abstracts {
            Self::add_text(doc, f.abstract_, &text.text);
        }
        for claim in &patent.claims {
            Self::add_text(doc, f.claims, claim);
        }
        if let Some(description) = &patent.description {
            Self::add_text(doc, f.description, description);
        }
        Self::add_parties(doc, f.owner, &patent.assignees);
        Self::add_parties(doc, f.applicant, &patent.applicants);
        Self::add_parties(doc, f.applicant, &patent.assignees);
        Self::add_parties(doc, f.inventor, &patent.inventors);
        for symbol in &patent.ipc {
            doc.add_text(f.ipc, normalise_class(symbol));
        }
        for symbol in &patent.cpc {
            doc.add_text(f.cpc, normalise_class(symbol));
        }
        if let Some(kind) = &patent.kind_code {
            doc.add_text(f.kind, normalise_code(kind));
        }
        doc.add_text(f.status, if patent.is_grant() { "granted" } else { "published" });
        Self::add_number(doc, f.pn, office, &patent.publication_number, patent.kind_code.as_deref());
        if let Some(number) = &patent.application_number {
            Self::add_number(doc, f.an, office, number, None);
        }
        let dates = &patent.dates;
        for (field, date) in [(f.fd, dates.filing), (f.pd, dates.publication), (f.rd, dates.grant)] {
            if let Some(date) = date {
                doc.add_date(field, day(date));
            }
        }
    }
}
