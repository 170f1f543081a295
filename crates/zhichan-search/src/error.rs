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
    /// Filesystem error.
    #[error("search index io: {0}")]
    Io(#[from] std::io::Error),
}
