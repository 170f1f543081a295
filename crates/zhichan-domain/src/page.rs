//! Keyset paging, as every list of the platform pages.

/// Entries after (or, for newest-first lists, before) the id in `after`.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// The last id of the previous page.
    pub after: Option<i64>,
    /// How many entries at most.
    pub limit: u32,
}

impl Page {
    /// The first page of `limit` entries.
    pub fn first(limit: u32) -> Self {
        Self { after: None, limit }
    }
}
