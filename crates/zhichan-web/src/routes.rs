//! Every route of the application, in one table. The router is built from it — enforcing each
//! route's [`Access`] — and the cross-organisation test walks it, so a new route is protected by
//! both the moment it is added here.

use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodRouter, delete, get, post, put};

use crate::views::{self, PageContext};
use crate::{AppState, api, auth, upload};

/// Who may call a route, as far as the router knows; the router enforces it before the handler
/// runs. Finer rules (roles, organisations) live in `core`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone; must not reveal any organisation's data.
    Public,
    /// A signed-in user; `core` decides what they may see and do.
    SignedIn,
}

/// One route: method, path (with `{param}` placeholders), access, and its handler.
pub struct Route {
    /// HTTP method.
    pub method: Method,
    /// Path pattern.
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
    /// Whether it takes uploads: a body as large as the largest document rather than 2 MiB.
    pub uploads: bool,
    handler: fn() -> MethodRouter<AppState>,
}

impl Route {
    /// The handler, ready to mount.
    pub fn handler(&self) -> MethodRouter<AppState> {
        (self.handler)()
    }

    /// The same route taking uploads (see [`upload`](crate::upload)).
    pub fn taking_uploads(mut self) -> Self {
        self.uploads = true;
        self
    }

    /// The handler behind its body limit and access rule: on a signed-in route an anonymous API
    /// call is answered 401 and an anonymous visitor sent to sign in, before the handler runs.
    pub(crate) fn guarded(&self, state: &AppState) -> MethodRouter<AppState> {
        let handler = upload::limit_body(self.handler(), self.uploads, &state.core);
        match self.access {
            Access::Public => handler,
            Access::SignedIn if self.path.starts_with("/api/") => {
                handler.route_layer(from_fn_with_state(state.clone(), auth::api_needs_sign_in))
            }
            Access::SignedIn => handler.route_layer(from_fn_with_state(state.clone(), auth::page_needs_sign_in)),
        }
    }
}

const fn route(method: Method, path: &'static str, access: Access, handler: fn() -> MethodRouter<AppState>) -> Route {
    Route { method, path, access, uploads: false, handler }
}

macro_rules! area {
    ($title:literal, $description:literal) => {
        || get(|page: PageContext| async move { views::areas::under_construction(&page, $title, $description) })
    };
}

/// All routes.
pub fn all() -> Vec<Route> {
    use Access::{Public, SignedIn};
    vec![
        // Probes and documents.
        route(Method::GET, "/healthz", Public, || get(api::health::healthz)),
        route(Method::GET, "/readyz", Public, || get(api::health::readyz)),
        route(Method::GET, "/api/v1/openapi.json", Public, || get(api::openapi)),
        route(Method::GET, "/static/app.css", Public, || get(views::assets::stylesheet)),
        // UI: session and language.
        route(Method::GET, "/", Public, || get(views::home::home)),
        route(Method::GET, "/login", Public, || get(views::session::login_form)),
        route(Method::POST, "/login", Public, || post(views::session::login)),
        route(Method::POST, "/logout", Public, || post(views::session::logout)),
        route(Method::POST, "/language", Public, || post(views::session::switch_language)),
        // UI: areas still being built.
        route(Method::GET, "/search", Public, || get(views::search::page)),
        route(Method::POST, "/search/saved", SignedIn, || post(views::search::save)),
        route(Method::POST, "/search/saved/{saved_id}/delete", SignedIn, || post(views::search::delete)),
        route(Method::GET, "/finance", Public, area!("nav.finance", "area.finance.desc")),
        route(Method::GET, "/training", Public, area!("nav.training", "area.training.desc")),
        route(Method::GET, "/dashboard", Public, area!("nav.dashboard", "area.dashboard.desc")),
        // UI: service cases.
        route(Method::GET, "/cases", SignedIn, || get(views::cases::list)),
        route(Method::GET, "/cases/new", SignedIn, || get(views::cases::new_form)),
        route(Method::POST, "/cases", SignedIn, || post(views::cases::create)),
        route(Method::GET, "/cases/{case_id}", SignedIn, || get(views::case::detail)),
        route(Method::POST, "/cases/{case_id}/transitions", SignedIn, || post(views::case::transition)),
        route(Method::POST, "/cases/{case_id}/assignee", SignedIn, || post(views::case::appoint)),
        route(Method::POST, "/cases/{case_id}/entries", SignedIn, || post(views::case::add_entry)),
        route(Method::POST, "/cases/{case_id}/evidence", SignedIn, || post(views::case::upload_document))
            .taking_uploads(),
        route(Method::GET, "/cases/{case_id}/evidence/{sha256}", SignedIn, || get(views::case::download_document)),
        // UI: the watch and its alerts.
        route(Method::GET, "/watch", SignedIn, || get(views::watch::page)),
        route(Method::POST, "/watch/marks", SignedIn, || post(views::watch::create_mark)),
        route(Method::POST, "/watch/marks/{mark_id}", SignedIn, || post(views::watch::update_mark)),
        route(Method::POST, "/watch/marks/{mark_id}/delete", SignedIn, || post(views::watch::delete_mark)),
        route(Method::POST, "/watch/parties", SignedIn, || post(views::watch::create_party)),
        route(Method::POST, "/watch/parties/{party_id}", SignedIn, || post(views::watch::update_party)),
        route(Method::POST, "/watch/parties/{party_id}/delete", SignedIn, || post(views::watch::delete_party)),
        route(Method::POST, "/watch/patents", SignedIn, || post(views::watch::create_patent_watch)),
        route(Method::POST, "/watch/patents/{patent_watch_id}", SignedIn, || post(views::watch::update_patent_watch)),
        route(Method::POST, "/watch/patents/{patent_watch_id}/delete", SignedIn, || {
            post(views::watch::delete_patent_watch)
        }),
        route(Method::POST, "/watch/webhooks", SignedIn, || post(views::watch::create_webhook)),
        route(Method::POST, "/watch/webhooks/{webhook_id}/delete", SignedIn, || post(views::watch::delete_webhook)),
        route(Method::GET, "/watch/deadlines", SignedIn, || get(views::deadlines::calendar)),
        route(Method::GET, "/alerts", SignedIn, || get(views::alerts::inbox)),
        route(Method::GET, "/alerts/{alert_id}", SignedIn, || get(views::alerts::detail)),
        route(Method::POST, "/alerts/{alert_id}/status", SignedIn, || post(views::alerts::transition)),
        route(Method::POST, "/alerts/{alert_id}/notes", SignedIn, || post(views::alerts::note)),
        route(Method::POST, "/alerts/{alert_id}/assignee", SignedIn, || post(views::alerts::assign)),
        route(Method::POST, "/alerts/{alert_id}/escalate", SignedIn, || post(views::alerts::escalate)),
        // UI: the expert and provider directory.
        route(Method::GET, "/directory", SignedIn, || get(views::directory::index)),
        route(Method::GET, "/directory/match", SignedIn, || get(views::directory::matching)),
        route(Method::GET, "/directory/experts/{user_id}", SignedIn, || get(views::directory::expert)),
        route(Method::POST, "/directory/experts/{user_id}", SignedIn, || post(views::directory::save_expert)),
        route(Method::POST, "/directory/experts/{user_id}/affiliations", SignedIn, || {
            post(views::directory::add_affiliation)
        }),
        route(Method::POST, "/directory/experts/{user_id}/affiliations/{affiliation_id}/delete", SignedIn, || {
            post(views::directory::remove_affiliation)
        }),
        route(Method::GET, "/directory/providers/{organisation_id}", SignedIn, || get(views::directory::provider)),
        route(Method::POST, "/directory/providers/{organisation_id}", SignedIn, || {
            post(views::directory::save_provider)
        }),
        // UI: IP records.
        route(Method::GET, "/trademarks/{office}/{number}", Public, || get(views::records::trademark)),
        route(Method::GET, "/patents/{office}/{number}", Public, || get(views::records::patent)),
        // UI: organisations, account, audit.
        route(Method::GET, "/organisations", SignedIn, || get(views::organisations::list)),
        route(Method::GET, "/organisations/new", SignedIn, || get(views::organisations::new_form)),
        route(Method::POST, "/organisations", SignedIn, || post(views::organisations::create)),
        route(Method::GET, "/organisations/{org_id}", SignedIn, || get(views::organisations::detail)),
        route(Method::POST, "/organisations/{org_id}", SignedIn, || post(views::organisations::update)),
        route(Method::POST, "/organisations/{org_id}/members", SignedIn, || post(views::organisations::add_member)),
        route(Method::GET, "/account", SignedIn, || get(views::account::show)),
        route(Method::POST, "/account/tokens", SignedIn, || post(views::account::create_token)),
        route(Method::POST, "/account/tokens/{token_id}/revoke", SignedIn, || post(views::account::revoke_token)),
        route(Method::GET, "/audit", SignedIn, || get(views::audit::browse)),
        // API.
        route(Method::GET, "/api/v1/me", SignedIn, || get(api::me::me)),
        route(Method::GET, "/api/v1/organisations", SignedIn, || get(api::organisations::list)),
        route(Method::POST, "/api/v1/organisations", SignedIn, || post(api::organisations::create)),
        route(Method::GET, "/api/v1/organisations/{org_id}", SignedIn, || get(api::organisations::get)),
        route(Method::PUT, "/api/v1/organisations/{org_id}", SignedIn, || put(api::organisations::replace)),
        route(Method::GET, "/api/v1/organisations/{org_id}/users", SignedIn, || get(api::organisations::members)),
        route(Method::POST, "/api/v1/organisations/{org_id}/users", SignedIn, || post(api::organisations::add_member)),
        route(Method::GET, "/api/v1/tokens", SignedIn, || get(api::tokens::list)),
        route(Method::POST, "/api/v1/tokens", SignedIn, || post(api::tokens::create)),
        route(Method::DELETE, "/api/v1/tokens/{token_id}", SignedIn, || delete(api::tokens::revoke)),
        route(Method::GET, "/api/v1/audit", SignedIn, || get(api::audit::list)),
        route(Method::GET, "/api/v1/reference/streets", Public, || get(api::reference::streets)),
        route(Method::GET, "/api/v1/reference/similar-groups", Public, || get(api::reference::similar_groups)),
        route(Method::GET, "/api/v1/reference/ipc", Public, || get(api::reference::ipc)),
        route(Method::GET, "/api/v1/calendars/{region}/{year}", SignedIn, || get(api::calendars::calendar_year)),
        route(Method::GET, "/api/v1/trademarks/{office}/{number}", Public, || get(api::records::trademark)),
        route(Method::GET, "/api/v1/patents/{office}/{number}", Public, || get(api::records::patent)),
        route(Method::GET, "/api/v1/search", Public, || get(api::search::search)),
        route(Method::GET, "/api/v1/search/export", Public, || get(api::search::export)),
        route(Method::GET, "/api/v1/saved-searches", SignedIn, || get(api::search::saved)),
        route(Method::POST, "/api/v1/saved-searches", SignedIn, || post(api::search::save)),
        route(Method::DELETE, "/api/v1/saved-searches/{saved_id}", SignedIn, || delete(api::search::delete)),
        route(Method::GET, "/api/v1/watch/marks", SignedIn, || get(api::watch::marks)),
        route(Method::POST, "/api/v1/watch/marks", SignedIn, || post(api::watch::create_mark)),
        route(Method::GET, "/api/v1/watch/marks/{mark_id}", SignedIn, || get(api::watch::mark)),
        route(Method::PUT, "/api/v1/watch/marks/{mark_id}", SignedIn, || put(api::watch::replace_mark)),
        route(Method::DELETE, "/api/v1/watch/marks/{mark_id}", SignedIn, || delete(api::watch::delete_mark)),
        route(Method::GET, "/api/v1/watch/parties", SignedIn, || get(api::watch::parties)),
        route(Method::POST, "/api/v1/watch/parties", SignedIn, || post(api::watch::create_party)),
        route(Method::GET, "/api/v1/watch/parties/{party_id}", SignedIn, || get(api::watch::party)),
        route(Method::PUT, "/api/v1/watch/parties/{party_id}", SignedIn, || put(api::watch::replace_party)),
        route(Method::DELETE, "/api/v1/watch/parties/{party_id}", SignedIn, || delete(api::watch::delete_party)),
        route(Method::GET, "/api/v1/watch/patents", SignedIn, || get(api::watch::patent_watches)),
        route(Method::POST, "/api/v1/watch/patents", SignedIn, || post(api::watch::create_patent_watch)),
        route(Method::GET, "/api/v1/watch/patents/{patent_watch_id}", SignedIn, || get(api::watch::patent_watch)),
        route(Method::PUT, "/api/v1/watch/patents/{patent_watch_id}", SignedIn, || {
            put(api::watch::replace_patent_watch)
        }),
        route(Method::DELETE, "/api/v1/watch/patents/{patent_watch_id}", SignedIn, || {
            delete(api::watch::delete_patent_watch)
        }),
        route(Method::GET, "/api/v1/watch/deadlines", SignedIn, || get(api::alerts::deadlines)),
        route(Method::GET, "/api/v1/watch/webhooks", SignedIn, || get(api::notifications::webhooks)),
        route(Method::POST, "/api/v1/watch/webhooks", SignedIn, || post(api::notifications::create_webhook)),
        route(Method::DELETE, "/api/v1/watch/webhooks/{webhook_id}", SignedIn, || {
            delete(api::notifications::delete_webhook)
        }),
        route(Method::GET, "/api/v1/alerts", SignedIn, || get(api::alerts::list)),
        route(Method::GET, "/api/v1/alerts/{alert_id}", SignedIn, || get(api::alerts::get)),
        route(Method::POST, "/api/v1/alerts/{alert_id}/status", SignedIn, || post(api::alerts::transition)),
        route(Method::POST, "/api/v1/alerts/{alert_id}/notes", SignedIn, || post(api::alerts::note)),
        route(Method::PUT, "/api/v1/alerts/{alert_id}/assignee", SignedIn, || put(api::alerts::assign)),
        route(Method::GET, "/api/v1/alerts/{alert_id}/deliveries", SignedIn, || {
            get(api::notifications::alert_deliveries)
        }),
        route(Method::POST, "/api/v1/alerts/{alert_id}/escalation", SignedIn, || post(api::cases::escalate)),
        // API: service cases, the station network, work queues.
        route(Method::GET, "/api/v1/cases", SignedIn, || get(api::cases::list)),
        route(Method::POST, "/api/v1/cases", SignedIn, || post(api::cases::open)),
        route(Method::GET, "/api/v1/cases/{case_id}", SignedIn, || get(api::cases::get)),
        route(Method::POST, "/api/v1/cases/{case_id}/transitions", SignedIn, || post(api::cases::transition)),
        route(Method::PUT, "/api/v1/cases/{case_id}/assignee", SignedIn, || put(api::cases::assign)),
        route(Method::POST, "/api/v1/cases/{case_id}/entries", SignedIn, || post(api::cases::add_entry)),
        route(Method::GET, "/api/v1/cases/{case_id}/integrity", SignedIn, || get(api::cases::integrity)),
        route(Method::POST, "/api/v1/cases/{case_id}/evidence", SignedIn, || post(api::cases::upload_evidence))
            .taking_uploads(),
        route(Method::GET, "/api/v1/cases/{case_id}/evidence/{sha256}", SignedIn, || {
            get(api::cases::download_evidence)
        }),
        route(Method::GET, "/api/v1/stations", SignedIn, || get(api::cases::stations)),
        route(Method::GET, "/api/v1/work", SignedIn, || get(api::cases::work)),
        route(Method::GET, "/api/v1/directory/experts", SignedIn, || get(api::directory::experts)),
        route(Method::GET, "/api/v1/directory/experts/{user_id}", SignedIn, || get(api::directory::expert)),
        route(Method::PUT, "/api/v1/directory/experts/{user_id}", SignedIn, || put(api::directory::replace_expert)),
        route(Method::GET, "/api/v1/directory/experts/{user_id}/affiliations", SignedIn, || {
            get(api::directory::affiliations)
        }),
        route(Method::POST, "/api/v1/directory/experts/{user_id}/affiliations", SignedIn, || {
            post(api::directory::create_affiliation)
        }),
        route(Method::DELETE, "/api/v1/directory/experts/{user_id}/affiliations/{affiliation_id}", SignedIn, || {
            delete(api::directory::delete_affiliation)
        }),
        route(Method::GET, "/api/v1/directory/providers", SignedIn, || get(api::directory::providers)),
        route(Method::GET, "/api/v1/directory/providers/{organisation_id}", SignedIn, || get(api::directory::provider)),
        route(Method::PUT, "/api/v1/directory/providers/{organisation_id}", SignedIn, || {
            put(api::directory::replace_provider)
        }),
        route(Method::POST, "/api/v1/directory/match", SignedIn, || post(api::directory::match_candidates)),
    ]
}
