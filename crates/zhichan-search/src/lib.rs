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
//! indexed twice: with a Latin chain (simple tokenizer, lower case, ASCII folding, English
//! stemming) and with a Chinese chain (jieba). Both fold full-width ASCII and traditional Chinese
//! first, so `ＨＩＳＥＮＳＥ` finds `HISENSE` and `無印良品` finds `无印良品`; see [`analysis`].
//! A query word searches both and matches either.
//!
//! # Query translation
//!
//! - A bare word searches title, abstract, owner and mark. A word the analyser splits into
//!   several tokens (a Chinese compound, `wi-fi`) becomes a phrase of those tokens.
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
mod snippet;
mod translate;

pub use error::SearchError;
pub use facets::{FACET_VALUES, FacetCount, Facets};
pub use index::SearchIndex;
pub use paging::{Cursor, Sort};
pub use results::{Hit, MAX_PAGE, SearchPage, SearchRequest, SearchResults};
pub use snippet::{Fragment, SNIPPET_CHARS, Snippet};

#[cfg(test)]
mod tests;
