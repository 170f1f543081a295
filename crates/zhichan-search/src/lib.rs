//! Full-text search over zhichan (知产通) records: a tantivy index with Chinese (jieba) and Latin
//! analysis, queried with the zhichan query language ([`zhichan_query::Query`]).
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use zhichan_domain::OfficeCode;
//! use zhichan_domain::records::Trademark;
//! use zhichan_search::SearchIndex;
//!
//! let dir = std::env::temp_dir().join(format!("zhichan-index-doc-{}", std::process::id()));
//! let index = SearchIndex::open_or_create(&dir)?;
//! let mut mark = Trademark::new(OfficeCode::parse("CN")?, "12345678");
//! mark.mark_text = Some("五粮液".into());
//! index.add(&mark.into())?;
//! index.commit()?;
//! let results = index.search(&zhichan_query::parse("mark:五粮液")?, 10)?;
//! assert_eq!(results.total, 1);
//! # drop(index);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(()) }
//! ```
//!
//! # Analysis
//!
//! Every text field (title, abstract, claims, description, mark, owner, applicant, inventor) is
//! indexed with a Latin chain (simple tokenizer, lower case, ASCII folding, English stemming) and
//! a Chinese chain (jieba). Title, abstract, mark and party names are also indexed as Han bigrams
//! (so `良品` finds 无印良品 although jieba keeps the word whole), and marks as pinyin (every reading,
//! each syllable and the joined run: `wuliangye`, `"wu liang ye"`). Every chain folds full-width
//! ASCII and traditional Chinese first (zhconv), so `ＨＩＳＥＮＳＥ` finds `HISENSE` and `無印良品`
//! finds `无印良品`; see [`analysis`]. Document numbers are indexed in every written form (with and
//! without office prefix, leading zeros and kind code).
//!
//! # Results
//!
//! [`SearchIndex::search_page`] answers a [`SearchRequest`]: BM25 with field boosts (a word scores
//! in its best field, the others add a tenth: dismax), or date order; a [`Cursor`] continues after
//! the last hit of a page, through any number of hits; [`Facets`] count every hit (office, kind,
//! status, year, Nice class, IPC subclass) in the same pass; [`Snippet`]s mark the query's words in
//! the title and abstract. [`SearchIndex::for_each_hit`] walks a whole result set for exports.
//!
//! # Keeping the index current
//!
//! The index does not read the store. Its owner adds records and commits with
//! [`SearchIndex::commit_at`], which records in the commit how far the store's change journal has
//! been followed; [`SearchIndex::journal_position`] reads it back after a restart. One process
//! writes an index directory at a time ([`SearchError::Locked`] for the others, which may open it
//! with [`SearchIndex::open_for_reading`]).
//!
//! # Query translation
//!
//! - A bare word searches title, abstract, applicant (owners included) and mark, plus the bigram
//!   fields when it is all Han characters, the pinyin field when it is all Latin letters, and the
//!   number fields when it has digits. A word the analyser splits into several tokens (a Chinese
//!   compound, `wi-fi`) becomes a phrase of those tokens.
//! - `"…"` on text fields is a phrase; on code fields (`ipc`, `office`, `pn`…) one exact value.
//! - `*` on text fields matches index terms starting with the folded, lower-cased prefix. Index
//!   terms are stemmed on the Latin side, so a prefix longer than a word's stem can miss
//!   (`chargi*` does not find `charging`, indexed as `charg`).
//! - Class symbols are compared without spaces in upper case: `ipc:"H04W 4/02"` = `ipc:H04W4/02`,
//!   and `ipc:H04W*` is a prefix over those symbols.
//! - Numbers are compared on letters and digits only, with or without office prefix, leading zeros
//!   and kind code.
//! - Dates are days; `pd` is the publication date, `fd` the filing date, `rd` the registration
//!   date of a mark or the grant date of a patent.
//! - `NOT x` alone matches every record but those matching `x`.
//! - **Proximity is approximate.** `a NEAR/n b` and `a ADJ/n b` become phrase queries with slop
//!   `n` (`NEAR` tries both orders). Tantivy's slop is the total number of position moves allowed
//!   over the whole phrase, not the gap between two operands, and in the Chinese fields positions
//!   count characters, not words, so `NEAR/n` there means about `n` characters. Chains
//!   (`a NEAR/2 b NEAR/3 c`) and prefixes inside proximity are refused with
//!   [`SearchError::Unsupported`].
//! - `group:` (CNIPA similar groups) is not indexed: [`SearchError::Unsupported`].

pub mod analysis;
mod document;
mod error;
mod facets;
mod index;
mod paging;
mod results;
mod schema;
mod snippet;
mod translate;

pub use error::SearchError;
pub use facets::{FACET_VALUES, FacetCount, Facets};
pub use index::SearchIndex;
pub use paging::{Cursor, Sort};
pub use results::{Hit, MAX_PAGE, SearchPage, SearchRequest, SearchResults};
pub use snippet::{Fragment, SNIPPET_CHARS, Snippet};
pub use translate::check;

#[cfg(test)]
mod tests;
