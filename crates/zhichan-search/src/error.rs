//! Errors of the search crate.

/// What can go wrong opening, writing or querying the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query uses a construct the index cannot answer (yet).
    #[error("unsupported in search: {0}")]
    Unsupported(String),
    /// Tantivy failed.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The index directory could not be opened.
    #[error("search index directory: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    /// Another process holds the index's writer lock.
    #[error("the search index in {0} is being written by another process")]
    Locked(String),
    /// The index was opened for reading only.
    #[error("the search index was opened for reading only")]
    ReadOnly,
    /// A thread panicked while writing to the index.
    #[error("the search index writer was poisoned by a panic")]
    Poisoned,
    /// The directory holds an index built by another version of zhichan.
    #[error("the search index in {0} was built with another schema: run `zhichan index rebuild`")]
    SchemaChanged(String),
    /// The commit payload could not be read or written.
    #[error("search index commit payload: {0}")]
    Payload(String),
    /// A cursor that this index did not make, or made for another sort order.
    #[error("not a valid cursor: {0}")]
    BadCursor(String),
    /// A stored document holds an identity this version cannot read.
    #[error("the search index holds an unreadable record identity {0:?}: run `zhichan index rebuild`")]
    Unreadable(String),
    /// An unknown sort order.
    #[error("unknown sort order {0:?}: expected relevance, newest or oldest")]
    BadSort(String),
    /// A page larger than [`crate::MAX_PAGE`].
    #[error("{0} hits per page is more than the most allowed ({max})", max = crate::MAX_PAGE)]
    PageTooLarge(usize),
    /// Filesystem error.
    #[error("search index io: {0}")]
    Io(#[from] std::io::Error),
}
