//! Searching the registers, keeping the index current, and users' saved searches.
//!
//! The store is the system of record; the index is derived from it. Every record write takes a
//! number in the store's change journal, and an index remembers in its own commits the last
//! number it holds. [`Core::catch_up_index`] reads the journal from there, so every process —
//! the one that imported, another `serve` on the same PostgreSQL, a CLI run — brings its own
//! index up to date the same way, and [`Core::rebuild_index`] is the same walk from zero.
//! Registers are public information: anyone may search; saved searches belong to their user.

use std::path::Path;
use std::sync::Arc;

use serde_json::json;
use zhichan_domain::search::{NewSavedSearch, SavedSearch, SavedSearchId};
use zhichan_search::{Cursor, Hit, SearchIndex, SearchPage, SearchRequest, Sort};

use crate::audit::entry;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext};

/// Journal entries read from the store per round trip.
const JOURNAL_PAGE: u32 = 1_000;
/// Records indexed between two commits while catching up.
const COMMIT_EVERY: usize = 50_000;
/// The longest query text accepted, in bytes.
pub const MAX_QUERY_LEN: usize = 2_000;
/// The longest saved-search name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Saved searches one user may keep.
pub const MAX_SAVED_SEARCHES: usize = 100;

/// A search as asked for by a user or client.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// The query text, in the query language.
    pub text: String,
    /// Sort order: `relevance` (default), `newest`, `oldest`.
    pub sort: Option<String>,
    /// Hits per page (default 20, at most [`zhichan_search::MAX_PAGE`]).
    pub limit: Option<usize>,
    /// The cursor of the page to show (from a previous page).
    pub cursor: Option<String>,
    /// Count facets.
    pub facets: bool,
    /// Build snippets.
    pub snippets: bool,
}

/// What catching up did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CatchUp {
    /// Records (re)indexed.
    pub indexed: u64,
    /// The journal position the index now holds.
    pub position: u64,
}

/// What happened to the search index after an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexUpdate {
    /// No index is attached to this process.
    NotAttached,
    /// This process indexed the changes.
    Indexed(CatchUp),
    /// Another process writes the index; it follows the journal and picks the changes up.
    LeftToWriter,
    /// Indexing failed; the records are stored and `zhichan index rebuild` will index them.
    Failed(String),
}

/// Opens the search index in `path` for this process: for writing when no other process holds
/// it, else for reading. An index built with an older schema is removed and recreated empty
/// (it is derived data; the next catch-up fills it).
pub fn open_index(path: &Path) -> CoreResult<Arc<SearchIndex>> {
    use zhichan_search::SearchError;
    let index = match SearchIndex::open_or_create(path) {
        Err(SearchError::SchemaChanged(_)) => {
            tracing::warn!(path = %path.display(), "search index has an older schema; rebuilding it");
            std::fs::remove_dir_all(path).map_err(CoreError::internal)?;
            SearchIndex::open_or_create(path)
        }
        Err(SearchError::Locked(_)) => {
            tracing::info!(path = %path.display(), "search index is written by another process; reading only");
            SearchIndex::open_for_reading(path)
        }
        other => other,
    };
    Ok(Arc::new(index?))
}

impl Core {
    /// Attaches the search index this process searches (and, when writable, keeps current).
    pub fn with_search_index(mut self, index: Arc<SearchIndex>) -> Self {
        self.search = Some(index);
        self
    }

    /// The attached index.
    pub fn search_index(&self) -> CoreResult<&Arc<SearchIndex>> {
        self.search.as_ref().ok_or_else(|| CoreError::SearchUnavailable("no search index is attached".into()))
    }

    /// Runs a search. Anyone may search: the registers are public.
    pub async fn search(&self, query: &SearchQuery) -> CoreResult<SearchPage> {
        let index = self.search_index()?.clone();
        let parsed = parse(&query.text)?;
        let sort: Sort = query.sort.as_deref().unwrap_or_default().parse()?;
        let after = query.cursor.as_deref().filter(|c| !c.is_empty()).map(str::parse::<Cursor>).transpose()?;
        let limit = query.limit.unwrap_or(20);
        let (facets, snippets) = (query.facets, query.snippets);
        blocking(move || {
            index.reload()?;
            let request = SearchRequest { query: &parsed, sort, limit, after, facets, snippets };
            Ok(index.search_page(&request)?)
        })
        .await
    }

    /// Every hit of a query in its sort order, delivered in chunks to `each` on a blocking
    /// thread (for streamed exports). Returns how many hits were delivered.
    pub async fn export_hits(
        &self,
        text: &str,
        sort: Option<&str>,
        each: impl FnMut(Vec<Hit>) -> Result<(), ExportStopped> + Send + 'static,
    ) -> CoreResult<usize> {
        let index = self.search_index()?.clone();
        let parsed = parse(text)?;
        let sort: Sort = sort.unwrap_or_default().parse()?;
        let mut each = each;
        let each = move |hits| each(hits).map_err(ExportError::from);
        blocking(move || match index.for_each_hit(&parsed, sort, 500, each) {
            Ok(count) => Ok(count),
            Err(ExportError::Stopped) => Ok(0),
            Err(ExportError::Search(error)) => Err(error.into()),
        })
        .await
    }

    /// Brings the attached index up to the store's change journal. Does nothing (returns the
    /// current position) when this process only reads the index.
    pub async fn catch_up_index(&self) -> CoreResult<CatchUp> {
        let index = self.search_index()?.clone();
        let _one_at_a_time = self.index_follow.lock().await;
        let mut position = index.journal_position()?;
        let mut indexed = 0u64;
        let mut since_commit = 0usize;
        loop {
            let changes = self.store.changes_since(position as i64, JOURNAL_PAGE).await?;
            let Some(last) = changes.last().map(|change| change.seq as u64) else { break };
            let writer = index.clone();
            let added = blocking(move || {
                for change in &changes {
                    writer.add(&change.record)?;
                }
                Ok(changes.len())
            })
            .await;
            let added = match added {
                Err(CoreError::SearchUnavailable(_)) => return Ok(CatchUp { indexed: 0, position }),
                other => other?,
            };
            indexed += added as u64;
            since_commit += added;
            position = last;
            if since_commit >= COMMIT_EVERY {
                commit(&index, position).await?;
                since_commit = 0;
            }
        }
        if since_commit > 0 {
            commit(&index, position).await?;
        }
        Ok(CatchUp { indexed, position })
    }

    /// Brings the index up to date after records were written, saying what happened rather than
    /// failing: the records are stored either way.
    pub async fn update_index(&self) -> IndexUpdate {
        match &self.search {
            None => IndexUpdate::NotAttached,
            Some(index) if !index.is_writable() => IndexUpdate::LeftToWriter,
            Some(_) => match self.catch_up_index().await {
                Ok(done) => IndexUpdate::Indexed(done),
                Err(error) => {
                    tracing::warn!(%error, "search index not updated after import");
                    IndexUpdate::Failed(error.to_string())
                }
            },
        }
    }

    /// Empties the attached index and indexes every record again from the store.
    pub async fn rebuild_index(&self) -> CoreResult<CatchUp> {
        let index = self.search_index()?.clone();
        {
            let _one_at_a_time = self.index_follow.lock().await;
            blocking(move || {
                index.clear()?;
                Ok(index.commit_at(0)?)
            })
            .await?;
        }
        self.catch_up_index().await
    }

    /// Saves a search under a name for the signed-in user (same name: replaced).
    pub async fn save_search(
        &self,
        actor: &Actor,
        context: &RequestContext,
        name: &str,
        text: &str,
        sort: Option<&str>,
    ) -> CoreResult<SavedSearch> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            return Err(zhichan_domain::InvalidValue::new("name", "a name of 1–100 characters").into());
        }
        parse(text)?;
        let sort: Sort = sort.unwrap_or_default().parse()?;
        let existing = self.store.saved_searches(actor.user_id()).await?;
        if existing.len() >= MAX_SAVED_SEARCHES && !existing.iter().any(|saved| saved.name == name) {
            return Err(zhichan_domain::InvalidValue::new("name", "at most 100 saved searches per user").into());
        }
        let audit = entry(
            Some(actor),
            context,
            "search.save",
            ("saved_search", None),
            Some(actor.organisation_id()),
            json!({ "name": name, "query": text }),
        );
        let search = NewSavedSearch {
            user_id: actor.user_id(),
            name: name.to_string(),
            query: text.trim().to_string(),
            sort: sort.as_str().to_string(),
        };
        Ok(self.store.save_search(search, audit).await?)
    }

    /// The signed-in user's saved searches, by name.
    pub async fn saved_searches(&self, actor: &Actor) -> CoreResult<Vec<SavedSearch>> {
        Ok(self.store.saved_searches(actor.user_id()).await?)
    }

    /// Deletes one of the signed-in user's saved searches; another user's is "not found".
    pub async fn delete_saved_search(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: SavedSearchId,
    ) -> CoreResult<()> {
        let saved = self.store.saved_search(id).await?.ok_or(CoreError::NotFound("saved_search"))?;
        crate::authz::own_saved_search(actor, &saved)?;
        let audit = entry(
            Some(actor),
            context,
            "search.delete",
            ("saved_search", Some(id.to_string())),
            Some(actor.organisation_id()),
            json!({ "name": saved.name }),
        );
        Ok(self.store.delete_saved_search(id, audit).await?)
    }
}

/// Why an export stopped early: the receiver went away (a client disconnected).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportStopped;

enum ExportError {
    Stopped,
    Search(zhichan_search::SearchError),
}

impl From<ExportStopped> for ExportError {
    fn from(_: ExportStopped) -> Self {
        ExportError::Stopped
    }
}

impl From<zhichan_search::SearchError> for ExportError {
    fn from(error: zhichan_search::SearchError) -> Self {
        ExportError::Search(error)
    }
}

pub(crate) fn parse(text: &str) -> CoreResult<zhichan_query::Query> {
    if text.len() > MAX_QUERY_LEN {
        return Err(zhichan_domain::InvalidValue::new("q", "a query of at most 2,000 bytes").into());
    }
    Ok(zhichan_query::parse(text)?)
}

async fn commit(index: &Arc<SearchIndex>, position: u64) -> CoreResult<()> {
    let index = index.clone();
    blocking(move || Ok(index.commit_at(position)?)).await
}

/// Runs index work (CPU-bound, synchronous) off the async executor.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> CoreResult<T> + Send + 'static) -> CoreResult<T> {
    tokio::task::spawn_blocking(work).await.map_err(CoreError::internal)?
}
