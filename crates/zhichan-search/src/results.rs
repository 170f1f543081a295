//! Running a query: one page of hits in a sort order, the total, facets and snippets; or every
//! hit, for export.

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, DocId, Score, SegmentReader, TantivyDocument};
use zhichan_domain::office::OfficeCode;
use zhichan_domain::records::{RecordKey, RecordKind};
use zhichan_query::Query;

use crate::SearchError;
use crate::facets::{FacetCollector, Facets};
use crate::index::SearchIndex;
use crate::paging::{Cursor, Sort, SortKey};
use crate::schema::facet_fields;
use crate::snippet::{Highlighter, Snippet};
use crate::translate::Translator;

/// The most hits one page may hold.
pub const MAX_PAGE: usize = 1000;

/// What to search for and what to bring back.
#[derive(Debug, Clone)]
pub struct SearchRequest<'q> {
    /// The parsed query.
    pub query: &'q Query,
    /// The order of hits.
    pub sort: Sort,
    /// Hits per page, at most [`MAX_PAGE`].
    pub limit: usize,
    /// Continue after this cursor (from the previous page's [`SearchPage::next`]).
    pub after: Option<Cursor>,
    /// Count facets over all hits.
    pub facets: bool,
    /// Build a highlighted snippet for each hit.
    pub snippets: bool,
}

impl<'q> SearchRequest<'q> {
    /// The first page of `limit` hits by relevance, without facets or snippets.
    pub fn new(query: &'q Query, limit: usize) -> Self {
        SearchRequest { query, sort: Sort::Relevance, limit, after: None, facets: false, snippets: false }
    }
}

/// One result of a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The record: office, kind and number (application number for marks, publication number
    /// for patents).
    #[serde(flatten)]
    pub key: RecordKey,
    /// Title or mark text; empty when the record has none.
    pub title: String,
    /// The first owner, assignee or applicant; empty when none is known.
    pub owner: String,
    /// A mark's stage (`registered`…) or a patent's `granted` / `published`.
    pub status: String,
    /// Publication date (filing date when unpublished).
    pub date: Option<NaiveDate>,
    /// Relevance score (BM25 with field boosts), higher is better.
    pub score: f32,
    /// The title and abstract with the query's words marked, when asked for.
    pub snippet: Option<Snippet>,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SearchPage {
    /// How many records match in total.
    pub total: usize,
    /// This page's hits, in order.
    pub hits: Vec<Hit>,
    /// The cursor of the next page; `None` on the last page.
    #[serde(serialize_with = "crate::results::cursor_text")]
    pub next: Option<Cursor>,
    /// Facet counts over all hits, when asked for.
    pub facets: Option<Facets>,
}

fn cursor_text<S: serde::Serializer>(cursor: &Option<Cursor>, serializer: S) -> Result<S::Ok, S::Error> {
    match cursor {
        Some(cursor) => serializer.serialize_str(&cursor.to_string()),
        None => serializer.serialize_none(),
    }
}

/// The total and the best hits of a search (the short form of [`SearchPage`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    /// How many records match in total.
    pub total: usize,
    /// The best hits, at most the limit asked for, best first.
    pub hits: Vec<Hit>,
}

impl SearchIndex {
    /// Runs `query`, returning the number of matches and the best `limit` hits by relevance.
    pub fn search(&self, query: &Query, limit: usize) -> Result<SearchResults, SearchError> {
        let page = self.search_page(&SearchRequest::new(query, limit.min(MAX_PAGE)))?;
        Ok(SearchResults { total: page.total, hits: page.hits })
    }

    /// Runs a request: one page of hits after the cursor, the total, and facets and snippets when
    /// asked for.
    pub fn search_page(&self, request: &SearchRequest<'_>) -> Result<SearchPage, SearchError> {
        if request.limit > MAX_PAGE {
            return Err(SearchError::PageTooLarge(request.limit));
        }
        if let Some(cursor) = request.after.filter(|cursor| cursor.sort() != request.sort) {
            return Err(SearchError::BadCursor(cursor.to_string()));
        }
        let translated =
            Translator::new(&self.schema, self.index.tokenizers(), &self.fields).translate(request.query)?;
        let searcher = self.reader.searcher();
        // One more than the page, to know whether another page follows.
        let top = sorted(request.sort, request.after, request.limit + 1);
        let facets = request.facets.then_some(FacetCollector);
        let (mut keyed, total, facets) = searcher.search(translated.as_ref(), &(top, Count, facets))?;
        keyed.retain(|(key, _)| *key != SortKey::EXCLUDED);
        let more = keyed.len() > request.limit;
        keyed.truncate(request.limit);
        let mut highlighter = request.snippets.then(|| Highlighter::new(request.query, self.index.tokenizers()));
        let mut hits = Vec::with_capacity(keyed.len());
        for (key, address) in &keyed {
            let doc: TantivyDocument = searcher.doc(*address)?;
            let score = if request.sort == Sort::Relevance { key.primary as f32 } else { 0.0 };
            hits.push(self.hit(&doc, score, highlighter.as_mut())?);
        }
        let next = if more { keyed.last().map(|(key, _)| Cursor::new(request.sort, *key)) } else { None };
        Ok(SearchPage { total, hits, next, facets })
    }

    /// Every hit of `query` in `sort` order, handed to `each` in chunks of at most `chunk` hits
    /// (without snippets). Stops at the first error `each` returns.
    pub fn for_each_hit<E: From<SearchError>>(
        &self,
        query: &Query,
        sort: Sort,
        chunk: usize,
        mut each: impl FnMut(Vec<Hit>) -> Result<(), E>,
    ) -> Result<usize, E> {
        let translated = Translator::new(&self.schema, self.index.tokenizers(), &self.fields).translate(query)?;
        let searcher = self.reader.searcher();
        let total = searcher.search(translated.as_ref(), &Count).map_err(SearchError::from)?;
        let all = sorted(sort, None, total.max(1));
        let keyed = searcher.search(translated.as_ref(), &all).map_err(SearchError::from)?;
        for addresses in keyed.chunks(chunk.max(1)) {
            let mut hits = Vec::with_capacity(addresses.len());
            for (key, address) in addresses {
                let doc: TantivyDocument = searcher.doc(*address).map_err(SearchError::from)?;
                let score = if sort == Sort::Relevance { key.primary as f32 } else { 0.0 };
                hits.push(self.hit(&doc, score, None)?);
            }
            each(hits)?;
        }
        Ok(keyed.len())
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        score: f32,
        highlighter: Option<&mut Highlighter>,
    ) -> Result<Hit, SearchError> {
        let f = &self.fields;
        let text = |field: Field| doc.get_first(field).and_then(|value| value.as_str()).unwrap_or_default().to_string();
        let title = text(f.stored_title);
        let snippet = highlighter.map(|highlighter| {
            // Patents: title and abstract; marks: the mark and its owner.
            let abstract_ = text(f.stored_abstract);
            let rest = if abstract_.is_empty() { text(f.stored_owner) } else { abstract_ };
            let body = if rest.is_empty() { title.clone() } else { format!("{title} — {rest}") };
            highlighter.snippet(&body)
        });
        let (office, kind) = (text(f.stored_office), text(f.facet_kind));
        let unreadable = || SearchError::Unreadable(format!("{office}/{kind}"));
        let key = RecordKey {
            office: OfficeCode::parse(&office).map_err(|_| unreadable())?,
            kind: RecordKind::parse(&kind).map_err(|_| unreadable())?,
            number: text(f.stored_number),
        };
        Ok(Hit {
            key,
            owner: text(f.stored_owner),
            status: text(f.facet_status),
            date: NaiveDate::parse_from_str(&text(f.stored_date), "%Y-%m-%d").ok(),
            title,
            score,
            snippet,
        })
    }
}

/// A top-`limit` collector in `sort` order that skips hits up to `after`.
fn sorted(
    sort: Sort,
    after: Option<Cursor>,
    limit: usize,
) -> impl tantivy::collector::Collector<Fruit = Vec<(SortKey, DocAddress)>> {
    let names = facet_fields();
    TopDocs::with_limit(limit.max(1)).tweak_score(move |segment: &SegmentReader| {
        let fast = segment.fast_fields();
        let uid = fast.u64(names.uid).ok();
        let days = fast.i64(names.days).ok();
        move |doc: DocId, score: Score| {
            let uid = uid.as_ref().and_then(|column| column.first(doc)).unwrap_or(0);
            let days = days.as_ref().and_then(|column| column.first(doc));
            let key = SortKey::new(sort.primary(score, days), uid);
            match after {
                Some(cursor) if !cursor.admits(key) => SortKey::EXCLUDED,
                _ => key,
            }
        }
    })
}
