//! The home page: what the platform is, its areas, and the visitor's organisation.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use zhichan_core::records::RecordCounts;
use zhichan_domain::Organisation;
use zhichan_domain::records::RecordListing;

use super::{PageContext, render};
use crate::AppState;
use crate::api::search::record_path;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    page: &'a PageContext,
    organisation: Option<Organisation>,
    counts: RecordCounts,
    recent: Vec<RecordListing>,
}

impl HomePage<'_> {
    fn record_href(&self, listing: &RecordListing) -> String {
        record_path(&listing.key)
    }
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
    let registers = async {
        Ok::<_, zhichan_core::CoreError>((state.core.record_counts().await?, state.core.recent_records(10).await?))
    };
    let (counts, recent) = match registers.await {
        Ok(registers) => registers,
        Err(error) => return page.fail(error).into_response(),
    };
    render(&HomePage { page: &page, organisation, counts, recent })
}
