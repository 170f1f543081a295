//! Patent watch: an organisation's queries in the search language (competitors as applicants,
//! IPC/CPC classes, keywords) run on every new patent record an import brings; each new hit is an
//! alert.
//!
//! New patents are matched in a small in-memory index of one journal page at a time, with the
//! same analysis and query translation as the registers' index, so a watch query means exactly
//! what the same query means in search — and matching does not depend on whether this process
//! writes the registers' index.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::json;
use zhichan_domain::records::{Patent, Record};
use zhichan_domain::watch::{AlertReason, NewAlert, PatentWatch, PatentWatchFields, PatentWatchId, RiskLevel};
use zhichan_domain::{AuditEntry, InvalidValue, OrgId};
use zhichan_search::{SearchIndex, Sort};

use crate::audit::entry;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext, authz};

/// The longest label, in characters.
const MAX_LABEL_CHARS: usize = 200;
/// Hits handed over per chunk while collecting a query's matches.
const HIT_CHUNK: usize = 500;

/// A patent watch as a user typed it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatentWatchInput {
    /// What the organisation calls it.
    pub label: String,
    /// The query, e.g. `applicant:huawei AND ipc:H04W*`.
    pub query: String,
}

impl PatentWatchInput {
    /// Validates the label, and the query as search would read it: a query with a syntax error or
    /// an unsupported field is refused with the search's own error.
    pub fn parse(&self) -> CoreResult<PatentWatchFields> {
        let label = self.label.trim();
        if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
            return Err(InvalidValue::new("label", "1 to 200 characters").into());
        }
        let query = self.query.trim();
        if query.is_empty() {
            return Err(InvalidValue::new("q", "a query in the search language").into());
        }
        zhichan_search::check(&crate::search::parse(query)?)?;
        Ok(PatentWatchFields { label: label.to_owned(), query: query.to_owned() })
    }
}

/// Matches batches of new patents against parsed watch queries.
pub(crate) struct PatentMatcher {
    index: SearchIndex,
}

impl PatentMatcher {
    pub(crate) fn new() -> CoreResult<Self> {
        Ok(Self { index: SearchIndex::in_memory()? })
    }

    /// For each query (in order), the positions in `patents` it matches, ascending.
    pub(crate) fn matches(&self, patents: &[Patent], queries: &[zhichan_query::Query]) -> CoreResult<Vec<Vec<usize>>> {
        self.index.clear()?;
        for patent in patents {
            self.index.add(&Record::Patent(Box::new(patent.clone())))?;
        }
        self.index.commit()?;
        let positions: HashMap<(&str, &str), usize> =
            patents.iter().enumerate().map(|(i, p)| ((p.office.as_str(), p.publication_number.as_str()), i)).collect();
        queries
            .iter()
            .map(|query| {
                let mut found = Vec::new();
                self.index.for_each_hit(query, Sort::Relevance, HIT_CHUNK, |hits| {
                    found.extend(
                        hits.iter()
                            .filter_map(|hit| positions.get(&(hit.key.office.as_str(), hit.key.number.as_str()))),
                    );
                    Ok::<_, CoreError>(())
                })?;
                found.sort_unstable();
                found.dedup();
                Ok(found)
            })
            .collect()
    }
}

/// The alert a patent watch raises for a new patent.
pub(crate) fn patent_alert(watch: &PatentWatch, patent: &Patent) -> (NewAlert, AuditEntry) {
    let parties = if patent.applicants.is_empty() { &patent.assignees } else { &patent.applicants };
    let applicant = parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("; ");
    let reasons = vec![AlertReason::PatentQuery {
        patent_watch_id: watch.id,
        label: watch.label.clone(),
        query: watch.query.clone(),
    }];
    let alert = NewAlert {
        organisation_id: watch.organisation_id,
        watched_mark_id: None,
        patent_watch_id: Some(watch.id),
        filing: patent.key(),
        title: patent.titles.first().map(|t| t.text.clone()),
        applicant: Some(applicant).filter(|names| !names.is_empty()),
        score: 1.0,
        risk: RiskLevel::Medium,
        reasons,
        opposition_deadline: None,
        signals: Vec::new(),
        recipients: Vec::new(),
    };
    let audit = entry(
        None,
        &RequestContext::default(),
        "alert.raise",
        ("alert", None),
        Some(watch.organisation_id),
        json!({ "patent_watch_id": watch.id, "office": alert.filing.office, "number": alert.filing.number }),
    );
    (alert, audit)
}

impl Core {
    /// The patent watches of `organisation_id` (staff and administrators: of every organisation
    /// when `None`; everyone else always gets their own), in id order.
    pub async fn patent_watches(&self, actor: &Actor, organisation_id: Option<OrgId>) -> CoreResult<Vec<PatentWatch>> {
        let scope = authz::watch_scope(actor, organisation_id, "patent_watch")?;
        Ok(self.store.patent_watches(scope).await?)
    }

    /// One patent watch the actor may see.
    pub async fn patent_watch(&self, actor: &Actor, id: PatentWatchId) -> CoreResult<PatentWatch> {
        let watch = self.store.patent_watch(id).await?.ok_or(CoreError::NotFound("patent_watch"))?;
        authz::watch(actor, watch.organisation_id, "patent_watch")?;
        Ok(watch)
    }

    /// Adds a patent watch to `organisation_id`'s watch.
    pub async fn create_patent_watch(
        &self,
        actor: &Actor,
        context: &RequestContext,
        organisation_id: OrgId,
        input: &PatentWatchInput,
    ) -> CoreResult<PatentWatch> {
        authz::watch(actor, organisation_id, "organisation")?;
        self.store.organisation(organisation_id).await?.ok_or(CoreError::NotFound("organisation"))?;
        let fields = parse_off_executor(input.clone()).await?;
        let audit = entry(
            Some(actor),
            context,
            "patent_watch.create",
            ("patent_watch", None),
            Some(organisation_id),
            json!({ "label": fields.label, "query": fields.query }),
        );
        Ok(self.store.create_patent_watch(organisation_id, Some(actor.user_id()), &fields, audit).await?)
    }

    /// Replaces a patent watch's label and query.
    pub async fn update_patent_watch(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: PatentWatchId,
        input: &PatentWatchInput,
    ) -> CoreResult<PatentWatch> {
        let current = self.patent_watch(actor, id).await?;
        let fields = parse_off_executor(input.clone()).await?;
        let audit = entry(
            Some(actor),
            context,
            "patent_watch.update",
            ("patent_watch", Some(id.to_string())),
            Some(current.organisation_id),
            json!({
                "before": { "label": current.label, "query": current.query },
                "after": { "label": fields.label, "query": fields.query },
            }),
        );
        Ok(self.store.update_patent_watch(id, &fields, audit).await?)
    }

    /// Stops a patent watch; its alerts go with it.
    pub async fn delete_patent_watch(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: PatentWatchId,
    ) -> CoreResult<()> {
        let current = self.patent_watch(actor, id).await?;
        let audit = entry(
            Some(actor),
            context,
            "patent_watch.delete",
            ("patent_watch", Some(id.to_string())),
            Some(current.organisation_id),
            json!({ "label": current.label, "query": current.query }),
        );
        Ok(self.store.delete_patent_watch(id, audit).await?)
    }
}

/// Validates a patent watch off the async executor: the first check in a process builds the
/// search analysers (the jieba dictionary among them).
async fn parse_off_executor(input: PatentWatchInput) -> CoreResult<PatentWatchFields> {
    tokio::task::spawn_blocking(move || input.parse()).await.map_err(CoreError::internal)?
}
