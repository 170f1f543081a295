//! Sort orders and cursors: paging through any number of hits without offsets.
//!
//! Every hit has a sort key `(primary, tie)`: the primary value is the relevance score or the
//! date, the tie-breaker a stable 64-bit hash of the record's identity, so the order is total
//! and a cursor (the key of the last hit shown) says exactly where the next page starts. Pages
//! stay consistent while the index is unchanged; after new records arrive, a cursor still moves
//! strictly forward (never repeats a hit already shown under the same key).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::SearchError;

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (BM25 with field boosts).
    #[default]
    Relevance,
    /// Most recent publication (or filing) date first; undated records last.
    Newest,
    /// Oldest date first; undated records last.
    Oldest,
}

impl Sort {
    /// The name used in URLs and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    fn letter(self) -> char {
        match self {
            Sort::Relevance => 'r',
            Sort::Newest => 'n',
            Sort::Oldest => 'o',
        }
    }

    /// The primary sort value of a hit: higher sorts first.
    pub(crate) fn primary(self, score: f32, days: Option<i64>) -> f64 {
        match (self, days) {
            (Sort::Relevance, _) => f64::from(score),
            (Sort::Newest, Some(days)) => days as f64,
            (Sort::Oldest, Some(days)) => -(days as f64),
            (_, None) => f64::MIN,
        }
    }
}

impl FromStr for Sort {
    type Err = SearchError;

    fn from_str(text: &str) -> Result<Self, SearchError> {
        match text {
            "relevance" | "" => Ok(Sort::Relevance),
            "newest" => Ok(Sort::Newest),
            "oldest" => Ok(Sort::Oldest),
            other => Err(SearchError::BadSort(other.to_string())),
        }
    }
}

/// Where a hit stands in a sort order: higher keys come first.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(crate) struct SortKey {
    pub(crate) primary: f64,
    /// `u64::MAX - uid`, so equal primaries list smaller identity hashes first.
    pub(crate) tie: u64,
}

impl SortKey {
    /// The key given to documents a cursor excludes: below every real key.
    pub(crate) const EXCLUDED: SortKey = SortKey { primary: f64::NEG_INFINITY, tie: 0 };

    pub(crate) fn new(primary: f64, uid: u64) -> Self {
        SortKey { primary, tie: u64::MAX - uid }
    }
}

/// An opaque position in a result list: the sort order and the key of the last hit seen.
///
/// Written as text (`r.3ff0000000000000.1f`) for URLs; a cursor made for one sort order is
/// refused for another.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cursor {
    sort: Sort,
    key: SortKey,
}

impl Cursor {
    pub(crate) fn new(sort: Sort, key: SortKey) -> Self {
        Cursor { sort, key }
    }

    /// The sort order the cursor belongs to.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Whether a hit with `key` comes after this cursor.
    pub(crate) fn admits(&self, key: SortKey) -> bool {
        key < self.key
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:x}.{:x}", self.sort.letter(), self.key.primary.to_bits(), self.key.tie)
    }
}

impl FromStr for Cursor {
    type Err = SearchError;

    fn from_str(text: &str) -> Result<Self, SearchError> {
        let bad = || SearchError::BadCursor(text.chars().take(80).collect());
        let mut parts = text.split('.');
        let (Some(sort), Some(primary), Some(tie), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let sort = match sort {
            "r" => Sort::Relevance,
            "n" => Sort::Newest,
            "o" => Sort::Oldest,
            _ => return Err(bad()),
        };
        let primary = f64::from_bits(u64::from_str_radix(primary, 16).map_err(|_| bad())?);
        let tie = u64::from_str_radix(tie, 16).map_err(|_| bad())?;
        if primary.is_nan() {
            return Err(bad());
        }
        Ok(Cursor { sort, key: SortKey { primary, tie } })
    }
}

/// FNV-1a, 64 bits: the stable identity hash behind the tie-breaker (the standard library's
/// hasher may change between releases, and cursors outlive processes).
pub(crate) fn identity_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let cursor = Cursor::new(Sort::Newest, SortKey::new(19_000.0, 42));
        let text = cursor.to_string();
        assert_eq!(text.parse::<Cursor>().expect("parses"), cursor);
        for bad in ["", "x.1.2", "r.zz.1", "r.1", "r.1.2.3", "r.7ff8000000000000.1"] {
            assert!(matches!(bad.parse::<Cursor>(), Err(SearchError::BadCursor(_))), "{bad}");
        }
    }

    #[test]
    fn keys_order_by_primary_then_smaller_identity_first() {
        assert!(SortKey::new(2.0, 9) > SortKey::new(1.0, 1));
        assert!(SortKey::new(1.0, 1) > SortKey::new(1.0, 2));
        assert!(SortKey::EXCLUDED < SortKey::new(f64::MIN, u64::MAX));
        assert_eq!(Sort::Oldest.primary(0.0, Some(10)), -10.0);
        assert_eq!(Sort::Newest.primary(0.0, None), f64::MIN);
    }

    #[test]
    fn identity_hash_is_stable() {
        assert_eq!(identity_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(identity_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
