//! Core errors: user errors carry a stable code the API and UI show; internal errors are logged.
//! [`ErrorCode`] is the one table of those codes, with the HTTP status and the UI message of each.

use std::fmt;

use zhichan_domain::InvalidValue;
use zhichan_store::StoreError;

/// A stable error code: what API clients match on and what picks the UI's message. Its string, HTTP
/// status and catalogue key are chosen here and nowhere else; the strings never change once published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A value given by the user was refused.
    InvalidInput,
    /// The request body is not the JSON the endpoint expects.
    InvalidJson,
    /// A paging cursor that was not taken from `next_cursor`.
    InvalidCursor,
    /// No valid session or token.
    Unauthenticated,
    /// Wrong e-mail address or password.
    InvalidCredentials,
    /// Signed in, but not allowed.
    Forbidden,
    /// A change without the CSRF token that proves it came from our own page.
    CsrfFailed,
    /// No such record, or not the caller's to know about.
    NotFound,
    /// A unique value is already taken.
    AlreadyExists,
    /// A case cannot move as asked: its kind's table does not allow the step, or it just moved.
    IllegalTransition,
    /// The person cannot be appointed to the case: a tie to a party refuses it or needs consent.
    ConflictOfInterest,
    /// Sign-in is throttled after too many failures.
    TooManyAttempts,
    /// An uploaded file is larger than the platform accepts.
    FileTooLarge,
    /// An uploaded file's content is not of a type the platform accepts.
    UnsupportedMediaType,
    /// The database does not answer.
    DatabaseUnavailable,
    /// The search query cannot be read.
    QuerySyntax,
    /// A valid search the index cannot answer, or a bad search cursor or sort order.
    SearchUnsupported,
    /// This process has no search index.
    SearchUnavailable,
    /// Something failed inside the platform.
    Internal,
}

impl ErrorCode {
    /// Every code, in the order `docs/API.md` lists them.
    pub const ALL: [ErrorCode; 19] = [
        ErrorCode::InvalidInput,
        ErrorCode::InvalidJson,
        ErrorCode::InvalidCursor,
        ErrorCode::Unauthenticated,
        ErrorCode::InvalidCredentials,
        ErrorCode::Forbidden,
        ErrorCode::CsrfFailed,
        ErrorCode::NotFound,
        ErrorCode::AlreadyExists,
        ErrorCode::IllegalTransition,
        ErrorCode::ConflictOfInterest,
        ErrorCode::TooManyAttempts,
        ErrorCode::FileTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::DatabaseUnavailable,
        ErrorCode::QuerySyntax,
        ErrorCode::SearchUnsupported,
        ErrorCode::SearchUnavailable,
        ErrorCode::Internal,
    ];

    /// The snake_case string clients see, e.g. `not_found`.
    pub fn as_str(self) -> &'static str {
        self.entry().0
    }

    /// The HTTP status the API and the UI answer with (a number: core knows no HTTP library).
    pub fn status(self) -> u16 {
        self.entry().1
    }

    /// The UI catalogue key of the message shown for this code.
    pub fn message_key(self) -> &'static str {
        self.entry().2
    }

    /// The table: code, HTTP status, catalogue key.
    fn entry(self) -> (&'static str, u16, &'static str) {
        match self {
            ErrorCode::InvalidInput => ("invalid_input", 422, "error.invalid_input"),
            ErrorCode::InvalidJson => ("invalid_json", 422, "error.invalid_json"),
            ErrorCode::InvalidCursor => ("invalid_cursor", 422, "error.invalid_cursor"),
            ErrorCode::Unauthenticated => ("unauthenticated", 401, "error.unauthenticated"),
            ErrorCode::InvalidCredentials => ("invalid_credentials", 401, "error.invalid_credentials"),
            ErrorCode::Forbidden => ("forbidden", 403, "error.forbidden"),
            ErrorCode::CsrfFailed => ("csrf_failed", 403, "error.csrf_failed"),
            ErrorCode::NotFound => ("not_found", 404, "error.not_found"),
            ErrorCode::AlreadyExists => ("already_exists", 409, "error.already_exists"),
            ErrorCode::IllegalTransition => ("illegal_transition", 409, "error.illegal_transition"),
            ErrorCode::ConflictOfInterest => ("conflict_of_interest", 409, "error.conflict_of_interest"),
            ErrorCode::TooManyAttempts => ("too_many_attempts", 429, "error.too_many_attempts"),
            ErrorCode::FileTooLarge => ("file_too_large", 413, "error.file_too_large"),
            ErrorCode::UnsupportedMediaType => ("unsupported_media_type", 415, "error.unsupported_media_type"),
            ErrorCode::DatabaseUnavailable => ("database_unavailable", 503, "error.database_unavailable"),
            ErrorCode::QuerySyntax => ("query_syntax", 400, "error.query_syntax"),
            ErrorCode::SearchUnsupported => ("search_unsupported", 400, "error.search_unsupported"),
            ErrorCode::SearchUnavailable => ("search_unavailable", 503, "error.search_unavailable"),
            ErrorCode::Internal => ("internal", 500, "error.internal"),
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

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
    /// A case cannot move as asked (its kind's table, or it moved meanwhile).
    #[error("{0}")]
    IllegalTransition(String),
    /// The person cannot be appointed: why, naming the ties.
    #[error("conflict of interest: {0}")]
    ConflictOfInterest(String),
    /// Too many failed sign-ins; try again later.
    #[error("too many failed sign-ins, try again in {retry_after_secs} s")]
    TooManyAttempts {
        /// Seconds until the next attempt is accepted.
        retry_after_secs: u64,
    },
    /// An uploaded file is larger than the limit.
    #[error("the file is larger than the {limit} bytes accepted")]
    FileTooLarge {
        /// The largest size accepted, in bytes.
        limit: u64,
    },
    /// An uploaded file's content is not of an accepted type.
    #[error(
        "{found} is not accepted: send PDF, PNG, JPEG, GIF, WebP, TIFF, Word, Excel, PowerPoint (OOXML), ZIP or UTF-8 text"
    )]
    UnsupportedMediaType {
        /// What the content was recognised as (a media type, or "unrecognised binary data").
        found: String,
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
    /// Something failed inside the platform; the cause is kept for the log, never shown to users.
    #[error("internal error: {0}")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl CoreError {
    /// An internal failure caused by `error`: any error value, or a message when there is none.
    pub fn internal(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        CoreError::Internal(error.into())
    }

    /// The stable code clients can rely on.
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Invalid(_) => ErrorCode::InvalidInput,
            CoreError::Unauthenticated => ErrorCode::Unauthenticated,
            CoreError::InvalidCredentials => ErrorCode::InvalidCredentials,
            CoreError::Forbidden => ErrorCode::Forbidden,
            CoreError::NotFound(_) => ErrorCode::NotFound,
            CoreError::Taken(_) => ErrorCode::AlreadyExists,
            CoreError::IllegalTransition(_) => ErrorCode::IllegalTransition,
            CoreError::ConflictOfInterest(_) => ErrorCode::ConflictOfInterest,
            CoreError::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            CoreError::FileTooLarge { .. } => ErrorCode::FileTooLarge,
            CoreError::UnsupportedMediaType { .. } => ErrorCode::UnsupportedMediaType,
            CoreError::Query(_) => ErrorCode::QuerySyntax,
            CoreError::Search(_) => ErrorCode::SearchUnsupported,
            CoreError::SearchUnavailable(_) => ErrorCode::SearchUnavailable,
            CoreError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The input field the error is about, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            CoreError::Invalid(invalid) => Some(invalid.field),
            CoreError::Taken(field) => Some(field),
            CoreError::Query(_) => Some("q"),
            CoreError::FileTooLarge { .. } | CoreError::UnsupportedMediaType { .. } => Some("file"),
            _ => None,
        }
    }
}

impl From<StoreError> for CoreError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict { what } => CoreError::Taken(what),
            StoreError::NotFound(what) => CoreError::NotFound(what),
            other => CoreError::internal(other),
        }
    }
}

impl From<zhichan_domain::case::IllegalTransition> for CoreError {
    fn from(error: zhichan_domain::case::IllegalTransition) -> Self {
        CoreError::IllegalTransition(error.to_string())
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
            other => CoreError::internal(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_deliberate_status() {
        for code in ErrorCode::ALL {
            let expected = match code {
                ErrorCode::DatabaseUnavailable | ErrorCode::SearchUnavailable => 503..=503,
                ErrorCode::Internal => 500..=500,
                _ => 400..=499,
            };
            assert!(expected.contains(&code.status()), "{code} answers {}", code.status());
        }
        let user_errors = [
            CoreError::Invalid(InvalidValue::new("x", "y")),
            CoreError::Unauthenticated,
            CoreError::InvalidCredentials,
            CoreError::Forbidden,
            CoreError::NotFound("x"),
            CoreError::Taken("email"),
            CoreError::TooManyAttempts { retry_after_secs: 1 },
            CoreError::FileTooLarge { limit: 1 },
            CoreError::UnsupportedMediaType { found: "application/x-executable".into() },
            CoreError::Search("bad cursor".into()),
        ];
        for error in user_errors {
            assert!((400..500).contains(&error.code().status()), "{}", error.code());
        }
        assert_eq!(CoreError::internal("disk full").code().status(), 500);
    }

    #[test]
    fn codes_and_message_keys_are_distinct_snake_case() {
        let codes: std::collections::HashSet<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        let keys: std::collections::HashSet<&str> = ErrorCode::ALL.iter().map(|c| c.message_key()).collect();
        assert_eq!((codes.len(), keys.len()), (ErrorCode::ALL.len(), ErrorCode::ALL.len()));
        for code in codes {
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{code}");
        }
    }

    /// Clients read the table in `docs/API.md`: it lists every code, in order, with its status.
    #[test]
    fn the_api_documentation_lists_every_code_with_its_status() {
        let documented: Vec<(String, String)> = include_str!("../../../docs/API.md")
            .lines()
            .filter_map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                match cells.as_slice() {
                    ["", code, status, _, ""] if status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit()) => {
                        Some((code.trim_matches('`').to_owned(), (*status).to_owned()))
                    }
                    _ => None,
                }
            })
            .collect();
        let table: Vec<(String, String)> =
            ErrorCode::ALL.iter().map(|c| (c.as_str().to_owned(), c.status().to_string())).collect();
        assert_eq!(documented, table);
    }

    #[test]
    fn codes_serialize_as_their_string() {
        assert_eq!(serde_json::to_value(ErrorCode::CsrfFailed).unwrap(), "csrf_failed");
    }

    #[test]
    fn internal_errors_keep_their_cause() {
        let cause = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "index directory is read-only");
        let error = CoreError::internal(cause);
        let source = std::error::Error::source(&error).expect("the cause is the source");
        assert!(source.downcast_ref::<std::io::Error>().is_some());
        assert_eq!(error.to_string(), "internal error: index directory is read-only");
    }
}
