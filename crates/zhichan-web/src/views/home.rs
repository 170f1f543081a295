//! The home page: what the platform is and its areas; for a signed-in user first their work —
//! the open cases they answer for, one calendar of the deadlines that are overdue or coming, and
//! (for those with a watch) the new alerts waiting.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use zhichan_core::CoreError;
use zhichan_core::case::{CaseQuery, WorkQueue};
use zhichan_core::records::RecordCounts;
use zhichan_domain::Organisation;
use zhichan_domain::case::CaseDeadline;
use zhichan_domain::records::RecordListing;

use super::case_text::deadline_name;
use super::{PageContext, render};
use crate::AppState;
use crate::api::search::record_path;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    page: &'a PageContext,
    organisation: Option<Organisation>,
    queue: Option<WorkQueue>,
    /// How many open cases the viewer answers for (the queue lists the newest).
    open_cases: u64,
    counts: RecordCounts,
    recent: Vec<RecordListing>,
}

impl HomePage<'_> {
    fn record_href(&self, listing: &RecordListing) -> String {
        record_path(&listing.key)
    }

    fn deadline_name(&self, deadline: &CaseDeadline) -> String {
        deadline_name(self.page, deadline)
    }
}

/// GET /
pub async fn home(State(state): State<AppState>, page: PageContext) -> Response {
    let loaded = async {
        let (organisation, queue, open_cases) = match &page.actor {
            Some(actor) => {
                let open = CaseQuery { open: Some(true), ..CaseQuery::default() };
                (
                    Some(state.core.organisation(actor, actor.organisation_id()).await?),
                    Some(state.core.work_queue(actor).await?),
                    state.core.count_cases(actor, &open).await?,
                )
            }
            None => (None, None, 0),
        };
        let counts = state.core.record_counts().await?;
        let recent = state.core.recent_records(10).await?;
        Ok::<_, CoreError>((organisation, queue, open_cases, counts, recent))
    };
    let (organisation, queue, open_cases, counts, recent) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return page.fail(error).into_response(),
    };
    render(&HomePage { page: &page, organisation, queue, open_cases, counts, recent })
}
