//! Core errors: user errors carry a stable code the API and UI show; internal errors are logged.

use zhichan_domain::InvalidValue;
use zhichan_store::StoreError;

/// Why a use case did not happen.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// A value given by the user was refused.
    #[error(transparent)]
    Invalid(#[from] InvalidValue),
    /// The request carries no valid session or token.
    #[error("sign-in required")]
    Unauthenticated,
    /// Wrong e-mail or password (never says which).
    #[error("wrong e-mail address or password")]
    InvalidCredentials,
    /// The actor is known but may not do this.
    #[error("not allowed")]
    Forbidden,
    /// The record does not exist, or the actor may not know it does.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A unique value is already taken.
    #[error("{0} is already taken")]
    Taken(&'static str),
    /// Too many failed sign-ins; try again later.
    #[error("too many failed sign-ins, try again in {retry_after_secs} s")]
    TooManyAttempts {
        /// Seconds until the next attempt is accepted.
        retry_after_secs: u64,
    },
    /// The search query could not be read.
    #[error("query: {0}")]
    Query(#[from] zhichan_query::ParseError),
    /// The search query is valid but asks for something the index cannot answer, or a cursor or
    /// sort order is wrong.
    #[error("search: {0}")]
    Search(String),
    /// Search is not available in this process (no index attached).
    #[error("search is not available: {0}")]
    SearchUnavailable(String),
    /// Something failed inside the platform.
    #[error("internal error: {0}")]
    Internal(String),
}

impl CoreError {
    /// The stable snake_case code clients can rely on.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Invalid(_) => "invalid_input",
            CoreError::Unauthenticated => "unauthenticated",
            CoreError::InvalidCredentials => "invalid_credentials",
            CoreError::Forbidden => "forbidden",
            CoreError::NotFound(_) => "not_found",
            CoreError::Taken(_) => "already_exists",
            CoreError::TooManyAttempts { .. } => "too_many_attempts",
            CoreError::Query(_) => zhichan_query::ParseError::CODE,
            CoreError::Search(_) => "search_unsupported",
            CoreError::SearchUnavailable(_) => "search_unavailable",
            CoreError::Internal(_) => "internal",
        }
    }

    /// The input field the error is about, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            CoreError::Invalid(invalid) => Some(invalid.field),
            CoreError::Taken(field) => Some(field),
            CoreError::Query(_) => Some("q"),
            _ => None,
        }
    }
}

impl From<StoreError> for CoreError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict { what } => CoreError::Taken(what),
            StoreError::NotFound(what) => CoreError::NotFound(what),
            other => CoreError::Internal(other.to_string()),
        }
    }
}

/// Result of a use case.
pub type CoreResult<T> = Result<T, CoreError>;

impl From<zhichan_search::SearchError> for CoreError {
    fn from(error: zhichan_search::SearchError) -> Self {
        use zhichan_search::SearchError;
        match error {
            SearchError::Unsupported(_)
            | SearchError::BadCursor(_)
            | SearchError::BadSort(_)
            | SearchError::PageTooLarge(_) => CoreError::Search(error.to_string()),
            SearchError::Locked(_) | SearchError::ReadOnly => CoreError::SearchUnavailable(error.to_string()),
            other => CoreError::Internal(other.to_string()),
        }
    }
}
