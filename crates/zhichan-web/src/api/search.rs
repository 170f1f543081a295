//! Searching the registers: one page with facets and snippets, a whole result set streamed as
//! CSV or JSON Lines, and the caller's saved searches.

use std::collections::BTreeMap;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use utoipa::{IntoParams, ToSchema};
use zhichan_core::search::{ExportStopped, SearchQuery};
use zhichan_core::{CoreError, ErrorCode};
use zhichan_domain::records::{RecordKey, RecordKind};
use zhichan_domain::search::{SavedSearch, SavedSearchId};
use zhichan_search::{FacetCount, Hit, SearchPage};

use super::{ApiJson, ApiPath, ApiQuery};
use crate::auth::{ApiActor, Origin};
use crate::{ApiError, AppState};

/// Query parameters of a search.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The query, in the query language (docs/SEARCH.md), e.g. `ti:wireless AND pd:[2020 TO 2023]`.
    pub q: String,
    /// `relevance` (default), `newest` or `oldest`.
    pub sort: Option<String>,
    /// Hits per page, 1–100 (default 20).
    pub limit: Option<usize>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Count facets over all hits (default true).
    pub facets: Option<bool>,
    /// Highlighted snippets (default true).
    pub snippets: Option<bool>,
}

/// The most hits one API page holds.
const API_PAGE_MAX: usize = 100;

impl SearchParams {
    /// The use-case query; `limit` outside 1–100 is refused.
    pub fn query(&self) -> Result<SearchQuery, ApiError> {
        let limit = self.limit.unwrap_or(20);
        if !(1..=API_PAGE_MAX).contains(&limit) {
            return Err(ApiError::new(ErrorCode::InvalidInput, "limit must be between 1 and 100").with_field("limit"));
        }
        Ok(SearchQuery {
            text: self.q.clone(),
            sort: self.sort.clone(),
            limit: Some(limit),
            cursor: self.cursor.clone(),
            facets: self.facets.unwrap_or(true),
            snippets: self.snippets.unwrap_or(true),
        })
    }
}

/// A page of search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResultsView {
    /// How many records match in all.
    pub total: usize,
    /// This page's hits, in order.
    pub hits: Vec<HitView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// Facet counts over all hits, most frequent first: `office`, `kind`, `status`, `year`,
    /// `nice`, `ipc` (absent when not asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<BTreeMap<String, Vec<FacetCountView>>>,
}

/// One hit.
#[derive(Debug, Serialize, ToSchema)]
pub struct HitView {
    /// Office (WIPO ST.3).
    pub office: String,
    /// `trademark` or `patent`.
    pub kind: String,
    /// Application number (marks) or publication number (patents).
    pub number: String,
    /// Mark text or title.
    pub title: String,
    /// First owner, assignee or applicant.
    pub owner: String,
    /// A mark's stage or a patent's `granted` / `published`.
    pub status: String,
    /// Publication date (filing date when unpublished).
    pub date: Option<NaiveDate>,
    /// Relevance (BM25 with field boosts); 0 when sorted by date.
    pub score: f32,
    /// The record's page.
    pub url: String,
    /// Title and abstract in pieces; `highlighted` pieces matched the query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<Vec<FragmentView>>,
}

/// A piece of a snippet.
#[derive(Debug, Serialize, ToSchema)]
pub struct FragmentView {
    /// The text.
    pub text: String,
    /// Whether it matched the query.
    pub highlighted: bool,
}

/// A facet value and its count.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetCountView {
    /// The value, usable in a query (`office:US`, `nice:9`, `ipc:H04W*`).
    pub value: String,
    /// Hits with it.
    pub count: u64,
}

/// The page of a record, e.g. `/trademarks/US/78002299`.
pub fn record_path(key: &RecordKey) -> String {
    let area = match key.kind {
        RecordKind::Trademark => "trademarks",
        RecordKind::Patent => "patents",
    };
    format!("/{area}/{}/{}", key.office, key.number)
}

impl From<Hit> for HitView {
    fn from(hit: Hit) -> Self {
        let url = record_path(&hit.key);
        let snippet = hit.snippet.map(|snippet| {
            snippet
                .fragments
                .into_iter()
                .map(|fragment| FragmentView { text: fragment.text, highlighted: fragment.highlighted })
                .collect()
        });
        HitView {
            office: hit.key.office.as_str().to_owned(),
            kind: hit.key.kind.code().to_owned(),
            number: hit.key.number,
            title: hit.title,
            owner: hit.owner,
            status: hit.status,
            date: hit.date,
            score: hit.score,
            url,
            snippet,
        }
    }
}

impl From<SearchPage> for SearchResultsView {
    fn from(page: SearchPage) -> Self {
        let facets = page.facets.map(|facets| {
            let view = |values: Vec<FacetCount>| {
                values.into_iter().map(|facet| FacetCountView { value: facet.value, count: facet.count }).collect()
            };
            BTreeMap::from([
                ("office".to_string(), view(facets.office)),
                ("kind".to_string(), view(facets.kind)),
                ("status".to_string(), view(facets.status)),
                ("year".to_string(), view(facets.year)),
                ("nice".to_string(), view(facets.nice)),
                ("ipc".to_string(), view(facets.ipc)),
            ])
        });
        SearchResultsView {
            total: page.total,
            hits: page.hits.into_iter().map(HitView::from).collect(),
            next_cursor: page.next.map(|cursor| cursor.to_string()),
            facets,
        }
    }
}

/// Searches trademarks and patents. Public: the registers are public information.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", security(()), params(SearchParams), responses(
    (status = 200, body = SearchResultsView),
    (status = 400, description = "`query_syntax` (with the position) or `search_unsupported`", body = crate::error::ErrorBody),
    (status = 422, body = crate::error::ErrorBody),
))]
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<ApiJson<SearchResultsView>, ApiError> {
    Ok(ApiJson(state.core.search(&params.query()?).await?.into()))
}

/// Query parameters of an export.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// The query.
    pub q: String,
    /// `relevance` (default), `newest` or `oldest`.
    pub sort: Option<String>,
    /// `csv` (default; UTF-8 with a byte-order mark, so spreadsheet programs read Chinese) or `jsonl`.
    pub format: Option<String>,
}

/// The columns of an export.
const EXPORT_COLUMNS: [&str; 8] = ["office", "kind", "number", "title", "owner", "status", "date", "url"];

#[derive(Clone, Copy)]
enum ExportFormat {
    Csv,
    JsonLines,
}

impl ExportFormat {
    fn encode(self, hits: &[Hit]) -> Bytes {
        match self {
            ExportFormat::Csv => {
                let mut writer = csv::Writer::from_writer(Vec::new());
                for hit in hits {
                    let date = hit.date.map(|date| date.to_string()).unwrap_or_default();
                    let url = record_path(&hit.key);
                    let key = &hit.key;
                    let row = [
                        key.office.as_str(),
                        key.kind.code(),
                        &key.number,
                        &hit.title,
                        &hit.owner,
                        &hit.status,
                        &date,
                        &url,
                    ];
                    // Writing to a Vec cannot fail.
                    let _ = writer.write_record(row);
                }
                Bytes::from(writer.into_inner().unwrap_or_default())
            }
            ExportFormat::JsonLines => {
                let mut out = Vec::new();
                for hit in hits {
                    let line = serde_json::json!({
                        "office": hit.key.office, "kind": hit.key.kind, "number": hit.key.number, "title": hit.title,
                        "owner": hit.owner, "status": hit.status, "date": hit.date, "url": record_path(&hit.key),
                    });
                    out.extend_from_slice(line.to_string().as_bytes());
                    out.push(b'\n');
                }
                Bytes::from(out)
            }
        }
    }

    fn header(self) -> Bytes {
        match self {
            ExportFormat::Csv => Bytes::from(format!("\u{feff}{}\r\n", EXPORT_COLUMNS.join(","))),
            ExportFormat::JsonLines => Bytes::new(),
        }
    }
}

/// Every hit of a query, streamed as CSV or JSON Lines (not capped at a page).
#[utoipa::path(get, path = "/api/v1/search/export", tag = "search", security(()), params(ExportParams), responses(
    (status = 200, description = "text/csv or application/x-ndjson, streamed", content_type = "text/csv"),
    (status = 400, body = crate::error::ErrorBody),
))]
pub async fn export(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ExportParams>,
) -> Result<Response, ApiError> {
    let (format, content_type, extension) = match params.format.as_deref().unwrap_or("csv") {
        "csv" => (ExportFormat::Csv, "text/csv; charset=utf-8", "csv"),
        "jsonl" => (ExportFormat::JsonLines, "application/x-ndjson", "jsonl"),
        _ => return Err(ApiError::new(ErrorCode::InvalidInput, "format must be csv or jsonl").with_field("format")),
    };
    let (sender, mut receiver) = mpsc::channel::<Result<Bytes, CoreError>>(4);
    let core = state.core.clone();
    let failed = sender.clone();
    tokio::spawn(async move {
        let each = move |hits: Vec<Hit>| sender.blocking_send(Ok(format.encode(&hits))).map_err(|_| ExportStopped);
        if let Err(error) = core.export_hits(&params.q, params.sort.as_deref(), each).await {
            let _ = failed.send(Err(error)).await;
        }
    });
    // A bad query fails before the first row: answer it as an error, not as a broken download.
    let first = match receiver.recv().await {
        Some(Err(error)) => return Err(error.into()),
        first => first,
    };
    let head = futures_util::stream::iter([Ok::<Bytes, CoreError>(format.header())].into_iter().chain(first));
    let rest = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|item| (item, receiver))
    });
    let body = Body::from_stream(futures_util::StreamExt::chain(head, rest));
    let disposition = format!("attachment; filename=\"zhichan-search.{extension}\"");
    Ok(([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response())
}

/// A saved search.
#[derive(Debug, Serialize, ToSchema)]
pub struct SavedSearchView {
    /// Id.
    #[schema(value_type = i64)]
    pub id: SavedSearchId,
    /// Name, unique per user.
    pub name: String,
    /// The query.
    pub query: String,
    /// Sort order.
    pub sort: String,
    /// First saved.
    pub created_at: DateTime<Utc>,
}

impl From<SavedSearch> for SavedSearchView {
    fn from(saved: SavedSearch) -> Self {
        SavedSearchView {
            id: saved.id,
            name: saved.name,
            query: saved.query,
            sort: saved.sort,
            created_at: saved.created_at,
        }
    }
}

/// A search to save.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSavedSearchBody {
    /// Name; saving again under a name replaces that search.
    pub name: String,
    /// The query.
    pub query: String,
    /// `relevance` (default), `newest` or `oldest`.
    pub sort: Option<String>,
}

/// The caller's saved searches, by name.
#[utoipa::path(get, path = "/api/v1/saved-searches", tag = "search", responses((status = 200, body = Vec<SavedSearchView>)))]
pub async fn saved(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<ApiJson<Vec<SavedSearchView>>, ApiError> {
    Ok(ApiJson(state.core.saved_searches(&actor).await?.into_iter().map(SavedSearchView::from).collect()))
}

/// Saves a search for the caller.
#[utoipa::path(post, path = "/api/v1/saved-searches", tag = "search", request_body = NewSavedSearchBody, responses(
    (status = 201, body = SavedSearchView), (status = 400, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
))]
pub async fn save(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiJson(body): ApiJson<NewSavedSearchBody>,
) -> Result<(StatusCode, ApiJson<SavedSearchView>), ApiError> {
    let saved = state.core.save_search(&actor, &origin, &body.name, &body.query, body.sort.as_deref()).await?;
    Ok((StatusCode::CREATED, ApiJson(saved.into())))
}

/// Deletes one of the caller's saved searches.
#[utoipa::path(delete, path = "/api/v1/saved-searches/{saved_id}", tag = "search", params(("saved_id" = i64, Path)), responses(
    (status = 204), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn delete(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(saved_id): ApiPath<SavedSearchId>,
) -> Result<StatusCode, ApiError> {
    state.core.delete_saved_search(&actor, &origin, saved_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
