//! Case documents over HTTP: the file of a `multipart/form-data` body streamed into the
//! [`FileStore`] (never held whole in memory) with the form's small text fields beside it, a
//! stored file streamed back as an attachment, and the body size limit of each route.
//!
//! A handler that takes an upload checks who may add the document first, then calls
//! [`receive`] with the `Multipart` extractor (last among its arguments), and records the
//! returned [`EvidenceFile`]; its route is declared with
//! [`taking_uploads`](crate::routes::Route::taking_uploads). A browser form sends its hidden
//! `csrf` field *before* the file input (fields arrive in the form's order), so the token is
//! checked before a byte of the file is stored.

use axum::body::Body;
use axum::extract::multipart::{Field, MultipartError};
use axum::extract::{DefaultBodyLimit, Multipart};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use futures_util::StreamExt;
use tokio_util::io::ReaderStream;
use zhichan_core::files::FileStore;
use zhichan_core::{Core, CoreError, ErrorCode};
use zhichan_domain::InvalidValue;
use zhichan_domain::case::EvidenceFile;

use crate::AppState;
use crate::csrf::{self, CsrfToken};
use crate::error::ApiError;
use crate::views::{PageContext, error_response};

/// The form field that carries the file.
pub const FILE_FIELD: &str = "file";

/// The body limit of every route that takes no upload.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The most text fields an upload may carry beside its file.
const MAX_FIELDS: usize = 16;

/// The longest text field, in bytes.
const MAX_FIELD_BYTES: usize = 16 * 1024;

/// Room on top of the largest document for the form's text fields and the multipart framing.
const UPLOAD_SLACK: usize = 1024 * 1024;

/// How an upload proves it was sent from our own page.
#[derive(Debug, Clone, Copy)]
pub enum CsrfCheck<'a> {
    /// Already proven: an API call through `ApiActor` (the `X-CSRF-Token` header of a session,
    /// or a bearer token no browser sends by itself).
    Done,
    /// A browser form: its `csrf` field, before the file, must equal this token (the page's
    /// `PageContext::csrf`).
    Field(&'a str),
}

/// What an upload carried: the stored file and the form's text fields.
#[derive(Debug)]
pub struct Upload {
    /// The stored file.
    pub file: EvidenceFile,
    fields: Vec<(String, String)>,
}

impl Upload {
    /// The text field `name`, when the form sent it.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(field, _)| field == name).map(|(_, value)| value.as_str())
    }
}

/// Why an upload was not received.
#[derive(Debug)]
pub enum UploadError {
    /// The form's `csrf` field was missing, came after the file, or did not match.
    Csrf,
    /// The file or the form was refused (`file_too_large`, `unsupported_media_type`,
    /// `invalid_input`), or storing it failed.
    Core(CoreError),
}

impl From<CoreError> for UploadError {
    fn from(error: CoreError) -> Self {
        UploadError::Core(error)
    }
}

impl From<InvalidValue> for UploadError {
    fn from(invalid: InvalidValue) -> Self {
        UploadError::Core(invalid.into())
    }
}

impl From<UploadError> for ApiError {
    fn from(error: UploadError) -> Self {
        match error {
            UploadError::Csrf => ApiError::new(ErrorCode::CsrfFailed, "send the csrf field before the file"),
            UploadError::Core(error) => error.into(),
        }
    }
}

impl UploadError {
    /// The error page a form's upload is answered with.
    pub fn page_response(self, page: &PageContext) -> Response {
        match self {
            UploadError::Csrf => error_response(page, ErrorCode::CsrfFailed, None),
            UploadError::Core(error) => page.fail(error).into_response(),
        }
    }
}

/// Reads `multipart` in order: text fields (at most 16, each at most 16 KiB) are kept, the file
/// field [`FILE_FIELD`] is streamed into `files` — refused unless `csrf` was proven before it.
/// Exactly one file is expected.
pub async fn receive(files: &FileStore, mut multipart: Multipart, csrf: CsrfCheck<'_>) -> Result<Upload, UploadError> {
    let mut proven = matches!(csrf, CsrfCheck::Done);
    let mut fields = Vec::new();
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(|error| unreadable(files, &error))? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == FILE_FIELD {
            if !proven {
                return Err(UploadError::Csrf);
            }
            if file.is_some() {
                return Err(InvalidValue::new("file", "one file per upload").into());
            }
            file = Some(receive_file(files, field).await?);
            continue;
        }
        if fields.len() == MAX_FIELDS {
            return Err(InvalidValue::new("form", format!("at most {MAX_FIELDS} fields beside the file")).into());
        }
        let value = read_text(files, field).await?;
        if let CsrfCheck::Field(token) = csrf
            && name == "csrf"
        {
            proven = csrf::matches(&CsrfToken(token.to_owned()), &value);
        }
        fields.push((name, value));
    }
    if !proven {
        return Err(UploadError::Csrf);
    }
    let file = file.ok_or_else(|| InvalidValue::new("file", format!("a file in the form field `{FILE_FIELD}`")))?;
    Ok(Upload { file, fields })
}

/// Streams the file field into the store. A field without a file name is what a browser sends
/// when no file was chosen. A body cut off by the route's size limit is refused as too large,
/// like a file over the store's own limit.
async fn receive_file(files: &FileStore, field: Field<'_>) -> Result<EvidenceFile, UploadError> {
    let file_name = field.file_name().unwrap_or_default().to_owned();
    if file_name.is_empty() {
        return Err(InvalidValue::new("file", "a chosen file, sent with its name").into());
    }
    let mut cut_off = false;
    let chunks = field.map(|chunk| {
        chunk.map_err(|error| {
            cut_off |= error.status() == StatusCode::PAYLOAD_TOO_LARGE;
            error.body_text()
        })
    });
    let received = files.receive(&file_name, chunks).await;
    match received {
        Err(_) if cut_off => Err(CoreError::FileTooLarge { limit: files.max_bytes() }.into()),
        received => Ok(received?),
    }
}

/// A text field, refused beyond [`MAX_FIELD_BYTES`] or when not UTF-8.
async fn read_text(files: &FileStore, mut field: Field<'_>) -> Result<String, UploadError> {
    let mut value = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|error| unreadable(files, &error))? {
        if value.len() + chunk.len() > MAX_FIELD_BYTES {
            return Err(InvalidValue::new("form", format!("text fields of at most {MAX_FIELD_BYTES} bytes")).into());
        }
        value.extend_from_slice(&chunk);
    }
    String::from_utf8(value).map_err(|_| InvalidValue::new("form", "text fields in UTF-8").into())
}

/// A body that could not be read as a form: too large for the route, or malformed.
fn unreadable(files: &FileStore, error: &MultipartError) -> UploadError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return CoreError::FileTooLarge { limit: files.max_bytes() }.into();
    }
    InvalidValue::new("file", format!("a multipart/form-data body ({})", error.body_text())).into()
}

/// A stored file as the answer to a download: streamed, with its type and size, offered under
/// its name as an attachment, never sniffed or rendered by the browser, never cached.
pub fn download(file: tokio::fs::File, meta: &EvidenceFile) -> Response {
    let content_type = HeaderValue::from_str(&meta.media_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_LENGTH, HeaderValue::from(meta.size)),
        (header::CONTENT_DISPOSITION, attachment(&meta.file_name)),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ];
    (headers, Body::from_stream(ReaderStream::new(file))).into_response()
}

/// `Content-Disposition: attachment` naming `file_name`: an ASCII `filename` for old clients
/// and the exact name as `filename*=UTF-8''…` (RFC 6266, RFC 5987).
fn attachment(file_name: &str) -> HeaderValue {
    let fallback: String = file_name
        .chars()
        .map(|c| if c == ' ' || c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '%') { c } else { '_' })
        .collect();
    let value = format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{}", rfc5987(file_name));
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// `text` percent-encoded, keeping only RFC 5987's `attr-char`s.
fn rfc5987(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// `handler` with its body limit: the largest document accepted plus [`UPLOAD_SLACK`] on a route
/// taking uploads, [`BODY_LIMIT`] on any other. A declared length beyond it is answered 413 at
/// once and a longer body is cut off there, whichever extractor reads it; axum's own default
/// limit of its extractors (2 MB, which would stop every upload) is lifted for this one.
pub(crate) fn limit_body(handler: MethodRouter<AppState>, uploads: bool, core: &Core) -> MethodRouter<AppState> {
    with_limit(handler, body_limit(uploads, core.files().ok()))
}

/// The body limit of a route (taking `uploads` or not) when documents go to `files`.
fn body_limit(uploads: bool, files: Option<&FileStore>) -> usize {
    match files {
        Some(files) if uploads => usize::try_from(files.max_bytes()).unwrap_or(usize::MAX).saturating_add(UPLOAD_SLACK),
        _ => BODY_LIMIT,
    }
}

fn with_limit<S: Clone + Send + Sync + 'static>(handler: MethodRouter<S>, limit: usize) -> MethodRouter<S> {
    handler.layer((tower_http::limit::RequestBodyLimitLayer::new(limit), DefaultBodyLimit::disable()))
}

#[cfg(test)]
mod tests;
