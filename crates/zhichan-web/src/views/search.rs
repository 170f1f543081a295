//! The search page: one box, results with snippets and facets, cursor paging, export links,
//! query help, and the signed-in user's saved searches.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use zhichan_core::CoreError;
use zhichan_core::search::SearchQuery;
use zhichan_domain::records::RecordKind;
use zhichan_domain::search::{SavedSearch, SavedSearchId};
use zhichan_search::{FacetCount, Hit, SearchPage};

use super::{CsrfForm, PageContext, render};
use crate::AppState;
use crate::api::search::record_path;
use crate::auth::{Origin, SignedIn};

/// Hits per page in the UI.
const PAGE_SIZE: usize = 20;

/// The search form's fields (also the page's query string).
#[derive(Debug, Default, Deserialize)]
pub struct SearchForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    sort: String,
    cursor: Option<String>,
}

/// A facet value as a link that narrows the query.
struct FacetLink {
    label: String,
    count: u64,
    href: String,
}

/// One facet: its heading and links.
struct FacetGroup {
    title_key: &'static str,
    links: Vec<FacetLink>,
}

/// A query the parser refused: the message and the query with a caret under the fault.
struct QueryProblem {
    message: String,
    caret: Option<String>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchView<'a> {
    page: &'a PageContext,
    q: &'a str,
    sort: &'a str,
    paged: bool,
    results: Option<SearchPage>,
    facets: Vec<FacetGroup>,
    problem: Option<QueryProblem>,
    saved: Vec<SavedSearch>,
}

impl SearchView<'_> {
    fn href(&self, hit: &Hit) -> String {
        record_path(&hit.key)
    }

    fn next_href(&self) -> Option<String> {
        let next = self.results.as_ref()?.next.as_ref()?.to_string();
        Some(search_href(self.q, self.sort, Some(&next)))
    }

    fn first_href(&self) -> String {
        search_href(self.q, self.sort, None)
    }

    fn export_href(&self, format: &str) -> String {
        let query =
            serde_html_form::to_string([("q", self.q), ("sort", self.sort), ("format", format)]).unwrap_or_default();
        format!("/api/v1/search/export?{query}")
    }

    fn saved_href(&self, saved: &SavedSearch) -> String {
        search_href(&saved.query, &saved.sort, None)
    }

    fn kind_label(&self, kind: &RecordKind) -> &str {
        self.page.coded("record", kind.code())
    }
}

/// `/search?q=…&sort=…&cursor=…`.
fn search_href(q: &str, sort: &str, cursor: Option<&str>) -> String {
    let mut pairs = vec![("q", q)];
    if !sort.is_empty() && sort != "relevance" {
        pairs.push(("sort", sort));
    }
    if let Some(cursor) = cursor {
        pairs.push(("cursor", cursor));
    }
    format!("/search?{}", serde_html_form::to_string(pairs).unwrap_or_default())
}

/// The facet groups, each value a link adding its filter to the query.
fn facet_groups(page: &PageContext, q: &str, sort: &str, results: &SearchPage) -> Vec<FacetGroup> {
    let Some(facets) = &results.facets else { return Vec::new() };
    let group = |title_key: &'static str,
                 values: &[FacetCount],
                 filter: &dyn Fn(&str) -> String,
                 label: &dyn Fn(&str) -> String| {
        FacetGroup {
            title_key,
            links: values
                .iter()
                .take(12)
                .map(|facet| FacetLink {
                    label: label(&facet.value),
                    count: facet.count,
                    href: search_href(&format!("{q} {}", filter(&facet.value)), sort, None),
                })
                .collect(),
        }
    };
    let plain = |value: &str| value.to_string();
    let kind_label = |value: &str| match RecordKind::parse(value) {
        Ok(kind) => page.coded("record", kind.code()).to_string(),
        Err(_) => value.to_owned(),
    };
    let status_label = |value: &str| page.status_label(value).to_string();
    let nice_label = |value: &str| {
        value
            .parse::<u8>()
            .ok()
            .and_then(|number| zhichan_domain::NiceClass::new(number).ok())
            .map_or_else(|| value.to_string(), |class| format!("{value} · {}", page.nice_heading(&class)))
    };
    let groups = [
        group("search.facet.office", &facets.office, &|v| format!("office:{v}"), &plain),
        group("search.facet.kind", &facets.kind, &|v| format!("kind:{v}"), &kind_label),
        group("search.facet.status", &facets.status, &|v| format!("status:{v}"), &status_label),
        group("search.facet.year", &facets.year, &|v| format!("pd:{v}"), &plain),
        group("search.facet.nice", &facets.nice, &|v| format!("nice:{v}"), &nice_label),
        group("search.facet.ipc", &facets.ipc, &|v| format!("ipc:{v}*"), &plain),
    ];
    groups.into_iter().filter(|group| !group.links.is_empty()).collect()
}

/// GET /search — the search page; with `q`, its results.
pub async fn page(State(state): State<AppState>, page: PageContext, Query(form): Query<SearchForm>) -> Response {
    let saved = match &page.actor {
        Some(actor) => state.core.saved_searches(actor).await.unwrap_or_default(),
        None => Vec::new(),
    };
    let q = form.q.trim();
    let sort = if form.sort.is_empty() { "relevance" } else { form.sort.as_str() };
    let mut view = SearchView {
        page: &page,
        q,
        sort,
        paged: form.cursor.is_some(),
        results: None,
        facets: Vec::new(),
        problem: None,
        saved,
    };
    if q.is_empty() {
        return render(&view);
    }
    let query = SearchQuery {
        text: q.to_string(),
        sort: Some(sort.to_string()),
        limit: Some(PAGE_SIZE),
        cursor: form.cursor.clone(),
        facets: true,
        snippets: true,
    };
    match state.core.search(&query).await {
        Ok(results) => {
            view.facets = facet_groups(&page, q, sort, &results);
            view.results = Some(results);
        }
        Err(CoreError::Query(error)) => {
            view.problem = Some(QueryProblem { message: error.to_string(), caret: Some(error.caret(q)) });
        }
        Err(error @ CoreError::Search(_)) => {
            view.problem = Some(QueryProblem { message: error.to_string(), caret: None });
        }
        Err(error) => return page.fail(error).into_response(),
    }
    render(&view)
}

/// The save-search form.
#[derive(Deserialize)]
pub struct SaveForm {
    name: String,
    q: String,
    #[serde(default)]
    sort: String,
}

/// POST /search/saved — saves the current query for the signed-in user.
pub async fn save(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    CsrfForm(form): CsrfForm<SaveForm>,
) -> Response {
    let sort = (!form.sort.is_empty()).then_some(form.sort.as_str());
    match state.core.save_search(&actor, &origin, &form.name, &form.q, sort).await {
        Ok(saved) => Redirect::to(&search_href(&saved.query, &saved.sort, None)).into_response(),
        Err(error) => page.fail(error).into_response(),
    }
}

/// POST /search/saved/{saved_id}/delete
pub async fn delete(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    Origin(origin): Origin,
    Path(saved_id): Path<SavedSearchId>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Response {
    match state.core.delete_saved_search(&actor, &origin, saved_id).await {
        Ok(()) => Redirect::to("/search").into_response(),
        Err(error) => page.fail(error).into_response(),
    }
}
