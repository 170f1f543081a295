//! Who is calling: a bearer API token or the session cookie, resolved through `core`.
//!
//! The route table's `Access::SignedIn` is enforced before any handler runs
//! ([`api_needs_sign_in`], [`page_needs_sign_in`]): anonymous API calls get the 401 JSON error,
//! anonymous visitors the sign-in page. Handlers then take the caller as a value that cannot be
//! absent: [`ApiActor`] (which also checks the CSRF header) or [`SignedIn`]. Only pages open to
//! everyone look at the [`Viewer`] and decide.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::header::{AUTHORIZATION, USER_AGENT};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use zhichan_core::{Actor, ErrorCode, RequestContext};

use crate::csrf::{self, CsrfToken};
use crate::{ApiError, AppState};

/// The cookie holding the session secret.
pub const SESSION_COOKIE: &str = "zc_session";

/// How a request proved who it is.
#[derive(Debug, Clone)]
pub enum Credential {
    /// `Authorization: Bearer zc_…`.
    Token,
    /// The session cookie, with its secret (needed to sign out).
    Session(String),
}

/// The signed-in actor of a request, if any.
#[derive(Debug, Clone)]
pub struct Viewer(pub Option<(Actor, Credential)>);

impl Viewer {
    /// The actor, if signed in.
    pub fn actor(&self) -> Option<&Actor> {
        self.0.as_ref().map(|(actor, _)| actor)
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(cached) = parts.extensions.get::<Viewer>() {
            return Ok(cached.clone());
        }
        let bearer = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let viewer = if let Some(secret) = bearer {
            // A presented token that does not work is an error, not an anonymous request.
            let actor = state
                .core
                .token_actor(secret)
                .await?
                .ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated, "the API token is unknown or revoked"))?;
            Viewer(Some((actor, Credential::Token)))
        } else {
            let jar = CookieJar::from_headers(&parts.headers);
            match jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) {
                Some(secret) => {
                    let actor = state.core.session_actor(&secret).await?;
                    Viewer(actor.map(|a| (a, Credential::Session(secret))))
                }
                None => Viewer(None),
            }
        };
        parts.extensions.insert(viewer.clone());
        Ok(viewer)
    }
}

/// A signed-in API caller. Cookie-authenticated calls that change data must also carry the CSRF
/// token in `X-CSRF-Token`; token-authenticated calls need not (no browser sends them by itself).
#[derive(Debug, Clone)]
pub struct ApiActor(pub Actor);

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Viewer(viewer) = Viewer::from_request_parts(parts, state).await?;
        let (actor, credential) = viewer.ok_or_else(unauthenticated)?;
        if matches!(credential, Credential::Session(_)) && !parts.method.is_safe() {
            let submitted = parts.headers.get(csrf::CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
            let token = parts.extensions.get::<CsrfToken>();
            if !token.is_some_and(|t| csrf::matches(t, submitted)) {
                return Err(ApiError::new(ErrorCode::CsrfFailed, "send the zc_csrf cookie's value in X-CSRF-Token"));
            }
        }
        Ok(ApiActor(actor))
    }
}

/// A signed-in visitor of a page. The route table guarantees one on its signed-in routes; should
/// a page elsewhere take it, an anonymous visitor is sent to sign in all the same.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Actor);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let viewer = Viewer::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        match viewer.0 {
            Some((actor, _)) => Ok(SignedIn(actor)),
            None => Err(sign_in_redirect(parts.uri.path())),
        }
    }
}

/// The answer to an anonymous call of a signed-in API route.
fn unauthenticated() -> ApiError {
    ApiError::new(ErrorCode::Unauthenticated, "sign in or send an API token")
}

/// Sends a visitor to sign in, and back to `path` afterwards.
pub(crate) fn sign_in_redirect(path: &str) -> Response {
    Redirect::to(&format!("/login?next={path}")).into_response()
}

/// Guards an API route the table declares signed-in: an anonymous call is answered 401 before
/// any handler or extractor sees it.
pub(crate) async fn api_needs_sign_in(viewer: Viewer, request: Request, next: Next) -> Response {
    match viewer.actor() {
        Some(_) => next.run(request).await,
        None => unauthenticated().into_response(),
    }
}

/// Guards a page the table declares signed-in: an anonymous visitor is sent to sign in before
/// any handler or extractor sees the request.
pub(crate) async fn page_needs_sign_in(viewer: Viewer, request: Request, next: Next) -> Response {
    match viewer.actor() {
        Some(_) => next.run(request).await,
        None => sign_in_redirect(request.uri().path()),
    }
}

/// Where the request came from, for the audit trail and throttling.
#[derive(Debug, Clone)]
pub struct Origin(pub RequestContext);

impl<S: Send + Sync> FromRequestParts<S> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let ip = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
        let user_agent =
            parts.headers.get(USER_AGENT).and_then(|v| v.to_str().ok()).map(|v| v.chars().take(300).collect());
        Ok(Origin(RequestContext { ip, user_agent }))
    }
}
