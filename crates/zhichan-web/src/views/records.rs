//! Record pages: a trademark or a patent with every field the platform holds, and its history.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use zhichan_domain::records::{Patent, RecordKind, StatusChange, Trademark};

use super::{PageContext, render};
use crate::AppState;

#[derive(Template)]
#[template(path = "trademark.html")]
struct TrademarkPage<'a> {
    page: &'a PageContext,
    mark: &'a Trademark,
    history: &'a [StatusChange],
}

#[derive(Template)]
#[template(path = "patent.html")]
struct PatentPage<'a> {
    page: &'a PageContext,
    patent: &'a Patent,
    history: &'a [StatusChange],
}

/// The snake_case code serde gives a unit enum variant (`registered`, `three_dimensional`).
fn code(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

impl TrademarkPage<'_> {
    fn stage(&self) -> String {
        code(&self.mark.status.stage)
    }

    fn mark_kind(&self) -> String {
        code(&self.mark.mark_kind)
    }
}

impl PatentPage<'_> {
    fn title(&self) -> &str {
        self.patent.titles.first().map_or(self.patent.publication_number.as_str(), |t| t.text.as_str())
    }

    fn citation(&self, citation: &zhichan_domain::records::Citation) -> String {
        let parts =
            [&citation.country, &citation.number, &citation.kind, &citation.name, &citation.text, &citation.category];
        let mut text: Vec<&str> = parts.iter().filter_map(|p| p.as_deref()).collect();
        let date = citation.date.map(|d| d.to_string());
        text.extend(date.as_deref());
        text.join(" · ")
    }
}

/// GET /trademarks/{office}/{number}
pub async fn trademark(
    State(state): State<AppState>,
    page: PageContext,
    Path((office, number)): Path<(String, String)>,
) -> Response {
    match state.core.record(RecordKind::Trademark, &office, &number).await {
        Ok(stored) => match stored.record.as_trademark() {
            Some(mark) => render(&TrademarkPage { page: &page, mark, history: &stored.history }),
            None => page.fail(zhichan_core::CoreError::NotFound("record")).into_response(),
        },
        Err(error) => page.fail(error).into_response(),
    }
}

/// GET /patents/{office}/{number}
pub async fn patent(
    State(state): State<AppState>,
    page: PageContext,
    Path((office, number)): Path<(String, String)>,
) -> Response {
    match state.core.record(RecordKind::Patent, &office, &number).await {
        Ok(stored) => match stored.record.as_patent() {
            Some(patent) => render(&PatentPage { page: &page, patent, history: &stored.history }),
            None => page.fail(zhichan_core::CoreError::NotFound("record")).into_response(),
        },
        Err(error) => page.fail(error).into_response(),
    }
}
