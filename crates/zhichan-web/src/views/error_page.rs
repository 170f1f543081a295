//! The localised error page: what a page handler's failure, a refused form and an unknown path
//! are answered with.

use askama::Template;
use axum::response::{IntoResponse, Response};
use zhichan_core::{CoreError, ErrorCode};

use super::page::PageContext;
use super::render::render;
use crate::auth::sign_in_redirect;
use crate::error::{http_status, log_internal};

/// A page handler's failure, rendered as a localised error page (or a redirect to sign in).
pub struct PageError {
    page: PageContext,
    error: CoreError,
}

impl PageContext {
    /// Turns a core error into the page to show for it.
    pub fn fail(&self, error: CoreError) -> PageError {
        PageError { page: self.clone(), error }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: &'a PageContext,
    status: u16,
    code: ErrorCode,
    detail: Option<String>,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if matches!(self.error, CoreError::Unauthenticated) {
            return sign_in_redirect(&self.page.path);
        }
        if let CoreError::Internal(cause) = &self.error {
            log_internal(cause.as_ref());
        }
        let detail = match &self.error {
            CoreError::Invalid(invalid) => Some(format!("{}: {}", invalid.field, invalid.expected)),
            CoreError::Taken(field) => Some((*field).to_owned()),
            _ => None,
        };
        error_response(&self.page, self.error.code(), detail)
    }
}

/// The error page for `code`, with its HTTP status.
pub(crate) fn error_response(page: &PageContext, code: ErrorCode, detail: Option<String>) -> Response {
    let status = http_status(code);
    let body = ErrorPage { page, status: status.as_u16(), code, detail };
    (status, render(&body)).into_response()
}

/// The page for any unknown path.
pub async fn not_found(page: PageContext) -> Response {
    error_response(&page, ErrorCode::NotFound, None)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use zhichan_domain::Locale;

    use super::*;
    use crate::i18n::Catalogues;

    #[test]
    fn the_error_page_explains_every_code_in_the_readers_language() {
        let catalogues = Arc::new(Catalogues::builtin().unwrap());
        for locale in Locale::ALL {
            let page = PageContext::anonymous(locale, catalogues.clone(), "/");
            for code in ErrorCode::ALL {
                let html = ErrorPage { page: &page, status: code.status(), code, detail: None }.render().unwrap();
                let notice = format!(r#"data-code="{code}">{}</p>"#, page.t(code.message_key()));
                assert!(html.contains(&notice), "{} {code}: {html}", locale.tag());
            }
        }
    }
}
