//! The home page: what the platform is, its areas, and the visitor's organisation.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use zhichan_store::Organisation;

use super::{PageContext, render};
use crate::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    page: &'a PageContext,
    organisation: Option<Organisation>,
}

/// GET /
pub async fn home(State(state): State<AppState>, page: PageContext) -> Response {
    let organisation = match &page.actor {
        Some(actor) => match state.core.organisation(actor, actor.organisation_id()).await {
            Ok(organisation) => Some(organisation),
            Err(error) => return page.fail(error).into_response(),
        },
        None => None,
    };
    render(&HomePage { page: &page, organisation })
}
