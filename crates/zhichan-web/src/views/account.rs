//! The signed-in user's account page: profile and personal API tokens.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use zhichan_core::Actor;
use zhichan_domain::{ApiToken, TokenId};

use super::{CsrfForm, PageContext, render};
use crate::AppState;
use crate::auth::{Origin, SignedIn};

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    page: &'a PageContext,
    tokens: Vec<ApiToken>,
    new_secret: Option<String>,
}

async fn account_page(state: &AppState, page: &PageContext, actor: &Actor, new_secret: Option<String>) -> Response {
    match state.core.api_tokens(actor).await {
        Ok(tokens) => render(&AccountPage { page, tokens, new_secret }),
        Err(error) => page.fail(error).into_response(),
    }
}

/// GET /account
pub async fn show(State(state): State<AppState>, page: PageContext, SignedIn(actor): SignedIn) -> Response {
    account_page(&state, &page, &actor, None).await
}

/// The new-token form.
#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
}

/// POST /account/tokens — shows the new secret once, on the page that answers the form.
pub async fn create_token(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Response {
    match state.core.create_api_token(&actor, &form.name, &origin).await {
        Ok(created) => account_page(&state, &page, &actor, Some(created.secret)).await,
        Err(error) => page.fail(error).into_response(),
    }
}

/// POST /account/tokens/{token_id}/revoke
pub async fn revoke_token(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(token_id): Path<TokenId>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Response {
    match state.core.revoke_api_token(&actor, token_id, &origin).await {
        Ok(_) => Redirect::to("/account").into_response(),
        Err(error) => page.fail(error).into_response(),
    }
}
