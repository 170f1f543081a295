//! The server-rendered UI: one module per area, each with its handlers beside its template
//! structs. Pages work without JavaScript; all text comes from the catalogues.

pub mod account;
pub mod alerts;
pub mod areas;
pub mod assets;
pub mod audit;
pub mod deadlines;
mod explain;
pub mod home;
pub mod organisations;
pub mod records;
mod scope;
pub mod search;
pub mod session;
pub mod watch;

use std::sync::Arc;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::de::DeserializeOwned;
use zhichan_core::{Actor, CoreError, ErrorCode};
use zhichan_domain::watch::{AlertReason, Signal};
use zhichan_domain::{Locale, OrgKind, Role, Street};
use zhichan_store::Organisation;

use crate::AppState;
use crate::auth::Viewer;
use crate::csrf::{self, CsrfToken};
use crate::error::{http_status, log_internal};
use crate::i18n::{Catalogues, RequestedLocale};

/// An entry of the main navigation.
pub struct NavItem {
    /// Catalogue key of its label.
    pub key: &'static str,
    /// Link target.
    pub href: &'static str,
}

/// The platform's areas, in navigation order. Areas under construction say so on their page.
pub const AREAS: [NavItem; 7] = [
    NavItem { key: "nav.search", href: "/search" },
    NavItem { key: "nav.watch", href: "/watch" },
    NavItem { key: "nav.cases", href: "/cases" },
    NavItem { key: "nav.directory", href: "/directory" },
    NavItem { key: "nav.finance", href: "/finance" },
    NavItem { key: "nav.training", href: "/training" },
    NavItem { key: "nav.dashboard", href: "/dashboard" },
];

/// What every page template needs: language, text, the signed-in user, the CSRF token, the path.
#[derive(Clone)]
pub struct PageContext {
    /// The language the page is rendered in.
    pub locale: Locale,
    catalogues: Arc<Catalogues>,
    /// The signed-in user, if any.
    pub actor: Option<Actor>,
    /// The CSRF token every form must echo.
    pub csrf: String,
    /// The request path (for `next=` links and the current navigation entry).
    pub path: String,
    /// How many new alerts await the viewer; `None` for visitors who have no alerts to see.
    pub new_alerts: Option<u64>,
}

impl PageContext {
    /// The text for `key` in the page's language.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.catalogues.text(self.locale, key)
    }

    /// An alert's reasons in the page's language (see [`explain`]).
    pub(crate) fn explained_reasons(&self, reasons: &[AlertReason]) -> Vec<explain::Explained> {
        explain::reasons(reasons, &self.catalogues, self.locale)
    }

    /// An alert's squatting signals in the page's language (see [`explain`]).
    pub(crate) fn explained_signals(&self, signals: &[Signal]) -> Vec<explain::Explained> {
        explain::signals(signals, &self.catalogues, self.locale)
    }

    /// Every language, for the switcher.
    pub fn locales(&self) -> [Locale; 3] {
        Locale::ALL
    }

    /// The main navigation.
    pub fn areas(&self) -> &'static [NavItem] {
        &AREAS
    }

    /// Whether `href` is the current page or a parent of it.
    pub fn is_current(&self, href: &str) -> bool {
        self.path == href || self.path.starts_with(&format!("{href}/"))
    }

    /// Whether the viewer holds `role`.
    pub fn has(&self, role: &Role) -> bool {
        self.actor.as_ref().is_some_and(|a| a.has(*role))
    }

    /// Whether the viewer may read the audit trail.
    pub fn may_audit(&self) -> bool {
        self.has(&Role::Admin) || self.has(&Role::EnterpriseAdmin)
    }

    /// The catalogue label of a role.
    pub fn role_label(&self, role: &Role) -> &str {
        self.catalogues.text(self.locale, role_key(*role))
    }

    /// The label of an organisation kind.
    pub fn kind_label(&self, kind: &OrgKind) -> &str {
        let key = match kind {
            OrgKind::Enterprise => "org.kind.enterprise",
            OrgKind::ServiceProvider => "org.kind.service_provider",
            OrgKind::Centre => "org.kind.centre",
        };
        self.catalogues.text(self.locale, key)
    }

    /// A street's name in the page's language (empty when unknown).
    pub fn street_label(&self, street: &Option<Street>) -> &'static str {
        street.map_or("", |s| s.name(self.locale))
    }

    /// A street's stable code (empty when unknown), for form values.
    pub fn street_code(&self, street: &Option<Street>) -> &'static str {
        street.map_or("", |s| s.code())
    }

    /// An organisation's export markets as `US, DE, EM`.
    pub fn markets(&self, organisation: &Organisation) -> String {
        organisation.export_markets.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// The label of a normalised record status code (`registered`, `granted`…); the code itself
    /// for a status the catalogue does not name.
    pub fn status_label<'a>(&'a self, code: &'a str) -> &'a str {
        self.catalogues.get(self.locale, &format!("status.{code}")).unwrap_or(code)
    }

    /// The short heading of a Nice class in the page's language.
    pub fn nice_heading(&self, class: &zhichan_domain::NiceClass) -> &'static str {
        class.heading(self.locale)
    }

    /// Nice class numbers as `9, 11`.
    pub fn class_numbers(&self, classes: &[zhichan_domain::NiceClass]) -> String {
        classes.iter().map(|c| c.number().to_string()).collect::<Vec<_>>().join(", ")
    }

    /// A time in the page's conventions (UTC, to the minute).
    pub fn time(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        at.format("%Y-%m-%d %H:%M UTC").to_string()
    }

    /// The label of `code` in a group of coded values (`alert.risk`, `alert.reason`…): the
    /// catalogue's `group.code`, or the code itself when the catalogue does not name it.
    pub fn coded<'a>(&'a self, group: &str, code: &'a str) -> &'a str {
        self.catalogues.get(self.locale, &format!("{group}.{code}")).unwrap_or(code)
    }

    /// Days from today (UTC) until `date`; negative once it has passed.
    pub fn days_until(&self, date: &chrono::NaiveDate) -> i64 {
        (*date - chrono::Utc::now().date_naive()).num_days()
    }

    /// The count of new alerts as the navigation shows it: `99+` beyond 99.
    pub fn new_alerts_badge(&self) -> Option<String> {
        badge(self.new_alerts?)
    }

    /// Turns a core error into the page to show for it.
    pub fn fail(&self, error: CoreError) -> PageError {
        PageError { page: self.clone(), error }
    }
}

/// A count as a badge shows it: nothing for none, `99+` beyond 99.
fn badge(count: u64) -> Option<String> {
    match count {
        0 => None,
        n if n > 99 => Some("99+".to_owned()),
        n => Some(n.to_string()),
    }
}

fn role_key(role: Role) -> &'static str {
    match role {
        Role::EnterpriseMember => "role.enterprise_member",
        Role::EnterpriseAdmin => "role.enterprise_admin",
        Role::Staff => "role.staff",
        Role::Expert => "role.expert",
        Role::Mediator => "role.mediator",
        Role::TechnicalInvestigator => "role.technical_investigator",
        Role::Admin => "role.admin",
    }
}

impl FromRequestParts<AppState> for PageContext {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        // A form handler extracts the context twice (itself and through `CsrfForm`): build it once.
        if let Some(cached) = parts.extensions.get::<PageContext>() {
            return Ok(cached.clone());
        }
        let requested = RequestedLocale::from_request_parts(parts, state).await.unwrap_or_else(|never| match never {});
        let viewer = Viewer::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        let actor = viewer.actor().cloned();
        let locale = requested.resolve(actor.as_ref().and_then(|a| a.user().locale));
        let csrf = parts.extensions.get::<CsrfToken>().map(|t| t.0.clone()).unwrap_or_default();
        let new_alerts = match &actor {
            Some(actor) => alerts::new_alert_count(state, actor).await,
            None => None,
        };
        let path = parts.uri.path().to_owned();
        let context = Self { locale, catalogues: state.catalogues.clone(), actor, csrf, path, new_alerts };
        parts.extensions.insert(context.clone());
        Ok(context)
    }
}

/// A page handler's failure, rendered as a localised error page (or a redirect to sign in).
pub struct PageError {
    page: PageContext,
    error: CoreError,
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
            return Redirect::to(&format!("/login?next={}", self.page.path)).into_response();
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

fn error_response(page: &PageContext, code: ErrorCode, detail: Option<String>) -> Response {
    let status = http_status(code);
    let body = ErrorPage { page, status: status.as_u16(), code, detail };
    (status, render(&body)).into_response()
}

/// Renders a template, or a plain 500 page if the template fails. Pages are never stored by
/// browsers or proxies: they carry the user's data, CSRF tokens and, once, secrets (new API
/// tokens, webhook secrets).
pub fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => ([(axum::http::header::CACHE_CONTROL, "no-store")], Html(html)).into_response(),
        Err(error) => internal_error(&error.to_string()),
    }
}

/// The last-resort answer when not even the error page can be built.
pub fn internal_error(detail: &str) -> Response {
    tracing::error!(%detail, "internal error");
    (StatusCode::INTERNAL_SERVER_ERROR, "internal error / 服务器内部错误").into_response()
}

/// The page for any unknown path.
pub async fn not_found(page: PageContext) -> Response {
    error_response(&page, ErrorCode::NotFound, None)
}

/// Input a form sent that the use case refused: shown on the form's page (status 422) rather
/// than on an error page, so the user can correct it.
pub struct Problem {
    /// What was wrong, as the use case put it.
    pub message: String,
}

impl Problem {
    /// The problem when `error` is about the user's input; any other error is handed back.
    pub fn of(error: CoreError) -> Result<Self, CoreError> {
        let message = match &error {
            CoreError::Invalid(invalid) => format!("{}: {}", invalid.field, invalid.expected),
            CoreError::Query(_) | CoreError::Search(_) | CoreError::Taken(_) => error.to_string(),
            _ => return Err(error),
        };
        Ok(Self { message })
    }
}

/// Renders a page that carries a [`Problem`] with status 422.
pub fn unprocessable(template: &impl Template) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, render(template)).into_response()
}

/// A form body whose `csrf` field matched the visitor's token, then parsed as `T`.
pub struct CsrfForm<T>(pub T);

#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let page = PageContext::from_request_parts(&mut parts, state).await?;
        let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let submitted = serde_html_form::from_bytes::<CsrfField>(&bytes).map(|f| f.csrf).unwrap_or_default();
        let token = parts.extensions.get::<CsrfToken>();
        if !token.is_some_and(|t| csrf::matches(t, &submitted)) {
            return Err(error_response(&page, ErrorCode::CsrfFailed, Some(page.t("error.csrf_failed").to_owned())));
        }
        serde_html_form::from_bytes::<T>(&bytes)
            .map(CsrfForm)
            .map_err(|e| error_response(&page, ErrorCode::InvalidInput, Some(e.to_string())))
    }
}

/// Query parameters read as a GET form sends them: an empty field (an "all" choice) is absent.
pub struct FormQuery<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for FormQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let parsed = serde_html_form::from_str::<T>(parts.uri.query().unwrap_or_default()).map_err(|e| e.to_string());
        match parsed {
            Ok(query) => Ok(FormQuery(query)),
            Err(error) => {
                let page = PageContext::from_request_parts(parts, state).await?;
                Err(error_response(&page, ErrorCode::InvalidInput, Some(error)))
            }
        }
    }
}

/// Only same-site paths are followed after sign-in or a language switch.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path.to_owned(),
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_stop_counting_at_99() {
        let shown: Vec<Option<String>> = [0, 7, 99, 100, 12_345].into_iter().map(badge).collect();
        assert_eq!(shown, [None, Some("7".into()), Some("99".into()), Some("99+".into()), Some("99+".into())]);
    }

    #[test]
    fn the_error_page_explains_every_code_in_the_readers_language() {
        let catalogues = Arc::new(Catalogues::builtin().unwrap());
        for locale in Locale::ALL {
            let page = PageContext {
                locale,
                catalogues: catalogues.clone(),
                actor: None,
                csrf: String::new(),
                path: "/".to_owned(),
                new_alerts: None,
            };
            for code in ErrorCode::ALL {
                let html = ErrorPage { page: &page, status: code.status(), code, detail: None }.render().unwrap();
                let notice = format!(r#"data-code="{code}">{}</p>"#, page.t(code.message_key()));
                assert!(html.contains(&notice), "{} {code}: {html}", locale.tag());
            }
        }
    }
}
