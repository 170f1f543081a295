//! Signing in and out, and switching the UI language.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;
use zhichan_core::CoreError;
use zhichan_domain::Locale;

use super::{CsrfForm, PageContext, local_path, render};
use crate::AppState;
use crate::auth::{Credential, Origin, SESSION_COOKIE, Viewer};
use crate::i18n::LANGUAGE_COOKIE;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    page: &'a PageContext,
    next: String,
    email: String,
    failure: Option<&'a str>,
}

/// `?next=` after signing in.
#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// GET /login
pub async fn login_form(page: PageContext, Query(query): Query<NextQuery>) -> Response {
    let next = local_path(query.next.as_deref());
    if page.actor.is_some() {
        return Redirect::to(&next).into_response();
    }
    render(&LoginPage { page: &page, next, email: String::new(), failure: None })
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

/// POST /login
pub async fn login(
    State(state): State<AppState>,
    page: PageContext,
    Origin(origin): Origin,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Response {
    let next = local_path(form.next.as_deref());
    match state.core.sign_in(&form.email, &form.password, &origin).await {
        Ok(opened) => {
            let max_age = (opened.expires_at - chrono::Utc::now()).num_seconds().max(0);
            let cookie = Cookie::build((SESSION_COOKIE, opened.secret))
                .path("/")
                .http_only(true)
                .secure(state.secure_cookies)
                .same_site(SameSite::Lax)
                .max_age(cookie_duration(max_age))
                .build();
            (jar.add(cookie), Redirect::to(&next)).into_response()
        }
        Err(error @ (CoreError::InvalidCredentials | CoreError::TooManyAttempts { .. })) => {
            let key = if matches!(error, CoreError::InvalidCredentials) { "login.failed" } else { "login.throttled" };
            let status = crate::error::http_status(error.code());
            let body = LoginPage { page: &page, next, email: form.email, failure: Some(page.t(key)) };
            (status, render(&body)).into_response()
        }
        Err(error) => page.fail(error).into_response(),
    }
}

/// POST /logout
pub async fn logout(
    State(state): State<AppState>,
    viewer: Viewer,
    Origin(origin): Origin,
    jar: CookieJar,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Response {
    if let Some((actor, Credential::Session(secret))) = viewer.0
        && let Err(error) = state.core.sign_out(&actor, &secret, &origin).await
    {
        return crate::ApiError::from(error).into_response();
    }
    (jar.remove(Cookie::build(SESSION_COOKIE).path("/")), Redirect::to("/")).into_response()
}

/// The language switcher form.
#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    next: Option<String>,
}

/// POST /language — remembers the choice in a cookie and, when signed in, on the account.
pub async fn switch_language(
    State(state): State<AppState>,
    page: PageContext,
    Origin(origin): Origin,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> Response {
    let Some(locale) = Locale::from_tag(&form.lang) else {
        let invalid = zhichan_domain::InvalidValue::new("lang", "zh-Hans, zh-Hant or en");
        return page.fail(invalid.into()).into_response();
    };
    if let Some(actor) = &page.actor
        && let Err(error) = state.core.set_locale(actor, locale, &origin).await
    {
        return page.fail(error).into_response();
    }
    let cookie = Cookie::build((LANGUAGE_COOKIE, locale.tag()))
        .path("/")
        .http_only(true)
        .secure(state.secure_cookies)
        .same_site(SameSite::Lax)
        .max_age(cookie_duration(365 * 24 * 3600))
        .build();
    (jar.add(cookie), Redirect::to(&local_path(form.next.as_deref()))).into_response()
}

fn cookie_duration(seconds: i64) -> time::Duration {
    time::Duration::seconds(seconds)
}
