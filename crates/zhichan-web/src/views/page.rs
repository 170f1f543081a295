//! What every page template gets: language, text, the signed-in user, the CSRF token, the path
//! and the navigation with its count of new alerts.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use zhichan_core::watch::AlertQuery;
use zhichan_core::watch::DeadlineRule;
use zhichan_core::{Actor, authz};
use zhichan_domain::watch::{AlertReason, AlertStatus, Signal};
use zhichan_domain::{Locale, OrgKind, Organisation, Role, Street};

use super::explain;
use crate::AppState;
use crate::auth::Viewer;
use crate::csrf::CsrfToken;
use crate::error::log_failure;
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
    /// Whether the navigation offers the alert inbox: to viewers who have a watch to see.
    pub shows_alerts: bool,
    /// How many new alerts await the viewer; `None` when the inbox is not offered or the count
    /// failed (and was logged).
    new_alerts: Option<u64>,
}

impl PageContext {
    /// The text for `key` in the page's language.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.catalogues.text(self.locale, key)
    }

    /// The text for `key` in the page's language, if the catalogue has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.catalogues.get(self.locale, key)
    }

    /// An alert's reasons in the page's language (see [`explain`]).
    pub(crate) fn explained_reasons(&self, reasons: &[AlertReason]) -> Vec<explain::Explained> {
        explain::reasons(reasons, &self.catalogues, self.locale)
    }

    /// The rule behind a calendar deadline in the page's language (see [`explain`]); empty when
    /// the deadline has none.
    pub(crate) fn explained_rule(&self, rule: Option<&DeadlineRule>) -> String {
        rule.map(|rule| explain::deadline_rule(rule, &self.catalogues, self.locale)).unwrap_or_default()
    }

    /// An alert's squatting signals in the page's language (see [`explain`]).
    pub(crate) fn explained_signals(&self, signals: &[Signal]) -> Vec<explain::Explained> {
        explain::signals(signals, &self.catalogues, self.locale)
    }

    /// Every language, for the switcher.
    pub fn locales(&self) -> [Locale; 3] {
        Locale::ALL
    }

    /// The main navigation, less what the viewer cannot use: the watch is offered to visitors
    /// (who may sign in to it) and to those who have a watch to see, not to experts, mediators
    /// or investigators.
    pub fn areas(&self) -> Vec<&'static NavItem> {
        AREAS.iter().filter(|area| area.href != "/watch" || self.actor.is_none() || self.shows_alerts).collect()
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
        organisation.profile.export_markets.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ")
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

    /// A time in the viewer's zone (the district's, Asia/Shanghai: UTC+8 all year), to the minute.
    pub fn time(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        at.with_timezone(&zhichan_core::DISTRICT_ZONE).format("%Y-%m-%d %H:%M").to_string()
    }

    /// Today in the viewer's zone (the district's, as the work queues count it).
    pub fn today(&self) -> chrono::NaiveDate {
        zhichan_core::district_today()
    }

    /// The day a time falls on in the viewer's zone.
    pub fn local_date(&self, at: &chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
        zhichan_core::district_date(*at)
    }

    /// The catalogue's template `key` with each `{name}` filled from `values`; the key itself
    /// when the catalogue cannot say it (tests keep that from happening).
    pub(crate) fn fill(&self, key: &str, values: &[(&str, String)]) -> String {
        explain::fill(&self.catalogues, self.locale, key, values).unwrap_or_else(|| key.to_owned())
    }

    /// The label of `code` in a group of coded values (`alert.risk`, `alert.reason`…): the
    /// catalogue's `group.code`, or the code itself when the catalogue does not name it.
    pub fn coded<'a>(&'a self, group: &str, code: &'a str) -> &'a str {
        self.catalogues.get(self.locale, &format!("{group}.{code}")).unwrap_or(code)
    }

    /// Days from today (in the viewer's zone) until `date`; negative once it has passed.
    pub fn days_until(&self, date: &chrono::NaiveDate) -> i64 {
        (*date - self.today()).num_days()
    }

    /// The count of new alerts as the navigation shows it: `99+` beyond 99.
    pub fn new_alerts_badge(&self) -> Option<String> {
        badge(self.new_alerts?)
    }

    /// The context of a page shown to a visitor, for templates rendered without a request.
    #[cfg(test)]
    pub(super) fn anonymous(locale: Locale, catalogues: Arc<Catalogues>, path: &str) -> Self {
        let path = path.to_owned();
        Self { locale, catalogues, actor: None, csrf: String::new(), path, shows_alerts: false, new_alerts: None }
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

/// How many new alerts `actor` may see. A failure leaves the badge out but is logged with its
/// causes: the page the user asked for is still worth showing, and the operator must learn why
/// the count is missing.
async fn count_new_alerts(state: &AppState, actor: &Actor) -> Option<u64> {
    let query = AlertQuery { status: Some(AlertStatus::New.code().to_owned()), ..AlertQuery::default() };
    match state.core.count_alerts(actor, &query).await {
        Ok(count) => Some(count),
        Err(error) => {
            log_failure("cannot count the new alerts for the navigation", &error);
            None
        }
    }
}

impl FromRequestParts<AppState> for PageContext {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        // A handler may extract the context more than once (itself, `SignedIn`, `CsrfForm`):
        // build it, and count the alerts, once per request.
        if let Some(cached) = parts.extensions.get::<PageContext>() {
            return Ok(cached.clone());
        }
        let requested = RequestedLocale::from_request_parts(parts, state).await.unwrap_or_else(|never| match never {});
        let viewer = Viewer::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        let actor = viewer.actor().cloned();
        let locale = requested.resolve(actor.as_ref().and_then(|a| a.user().locale));
        let csrf = parts.extensions.get::<CsrfToken>().map(|t| t.0.clone()).unwrap_or_default();
        let watcher = actor.as_ref().filter(|actor| authz::sees_a_watch(actor));
        let new_alerts = match watcher {
            Some(actor) => count_new_alerts(state, actor).await,
            None => None,
        };
        let shows_alerts = watcher.is_some();
        let path = parts.uri.path().to_owned();
        let catalogues = state.catalogues.clone();
        let context = Self { locale, catalogues, actor, csrf, path, shows_alerts, new_alerts };
        parts.extensions.insert(context.clone());
        Ok(context)
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
}
