//! Cross-site request forgery protection by double submission: every visitor gets a random
//! `zc_csrf` cookie (HttpOnly, SameSite=Lax); every form echoes it in a hidden `csrf` field and
//! cookie-authenticated API calls in an `X-CSRF-Token` header. A forged request from another site
//! cannot read the cookie, so it cannot supply the matching value.

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::SET_COOKIE;
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use subtle::ConstantTimeEq;

use crate::AppState;

/// The cookie holding the token.
pub const CSRF_COOKIE: &str = "zc_csrf";
/// The header API clients using the session cookie send the token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The visitor's token, available to handlers (and forms) as a request extension.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// Makes sure every request has a token: reuses the cookie's, or mints one and sets the cookie.
pub async fn issue_cookie(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(request.headers());
    let existing = jar.get(CSRF_COOKIE).map(|c| c.value().to_owned()).filter(|v| v.len() == 64);
    let (token, fresh) = match existing {
        Some(token) => (token, false),
        None => match zhichan_core::accounts::random_token() {
            Ok(token) => (token, true),
            Err(error) => return crate::error::internal_error(&error.to_string()),
        },
    };
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if fresh {
        let cookie = Cookie::build((CSRF_COOKIE, token))
            .path("/")
            .http_only(true)
            .secure(state.secure_cookies)
            .same_site(SameSite::Lax)
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

/// Whether `submitted` matches the request's token, compared in constant time.
pub fn matches(token: &CsrfToken, submitted: &str) -> bool {
    !submitted.is_empty() && token.0.as_bytes().ct_eq(submitted.as_bytes()).into()
}
