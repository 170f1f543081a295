//! The HTTP face of zhichan: the JSON API under `/api/v1` and the server-rendered trilingual UI,
//! both thin layers over `zhichan-core`. Every route is declared once in [`routes`], which is
//! also what the cross-organisation test walks. Assets are compiled in; nothing comes from a CDN.

pub mod api;
mod auth;
mod csrf;
mod error;
pub mod i18n;
pub mod routes;
pub mod upload;
mod views;

use std::sync::Arc;

use axum::Router;
use zhichan_core::Core;

pub use error::ApiError;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The use cases.
    pub core: Core,
    /// UI text.
    pub catalogues: Arc<i18n::Catalogues>,
    /// Whether cookies carry the `Secure` attribute (set behind HTTPS).
    pub secure_cookies: bool,
}

impl AppState {
    /// State over `core` with the built-in catalogues.
    pub fn new(core: Core, secure_cookies: bool) -> Result<Self, String> {
        Ok(Self { core, catalogues: Arc::new(i18n::Catalogues::builtin()?), secure_cookies })
    }
}

/// The whole application: every route in [`routes::all`] behind its body size limit and access
/// rule, CSRF cookies and request tracing.
pub fn app(state: AppState) -> Router {
    let mut router = Router::new();
    for route in routes::all() {
        router = router.route(route.path, route.guarded(&state));
    }
    router
        .fallback(views::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::issue_cookie))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves the application on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service).with_graceful_shutdown(shutdown).await
}
