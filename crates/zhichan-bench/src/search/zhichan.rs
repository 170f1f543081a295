//! zhichan's own engine: `zhichan_search::SearchIndex` (tantivy: Latin, jieba, Han bigram and
//! pinyin analysis), queried in the zhichan query language.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use zhichan_domain::records::Record;
use zhichan_search::{Facets, SearchIndex, SearchRequest};

use super::corpus::{CorpusSpec, for_each_record};
use super::queries::BenchQuery;
use super::{BuildStats, FacetCounts, Outcome, TOP};

/// A built index, shared by the benchmark's clients (every method takes `&self`).
#[derive(Debug)]
pub struct ZhichanEngine {
    index: SearchIndex,
}

/// Longest wait for the index's background merges to settle after the build.
const SETTLE_LIMIT: Duration = Duration::from_secs(600);

/// Builds a fresh index of the corpus in `dir`: every record added, one commit; then waits for the
/// merges the commit started (timed separately) and reloads so searches see the merged segments.
pub fn build(dir: &Path, spec: &CorpusSpec, samples: &[Record]) -> anyhow::Result<(ZhichanEngine, BuildStats)> {
    let started = Instant::now();
    let index = SearchIndex::open_or_create(dir).context("cannot create the zhichan index")?;
    let mut records = 0u64;
    for_each_record(spec, samples, |record| {
        records += 1;
        index.add(record).context("indexing a record")
    })?;
    index.commit().context("committing the zhichan index")?;
    let seconds = started.elapsed().as_secs_f64();
    let settle = Instant::now();
    wait_for_merges(dir);
    index.reload().context("reloading the zhichan index")?;
    let settle_seconds = settle.elapsed().as_secs_f64();
    let bytes = index.size_on_disk().context("measuring the zhichan index")?;
    let stats = BuildStats {
        records,
        seconds,
        bytes,
        note: format!("+{settle_seconds:.1} s for background merges to settle; {} segments", segments(dir)),
    };
    Ok((ZhichanEngine { index }, stats))
}

/// Waits until `meta.json` (rewritten whenever a merge ends) has not changed for three seconds.
fn wait_for_merges(dir: &Path) {
    let meta = dir.join("meta.json");
    let started = Instant::now();
    let mut last = std::fs::read(&meta).ok();
    let mut stable_since = Instant::now();
    while started.elapsed() < SETTLE_LIMIT {
        std::thread::sleep(Duration::from_millis(250));
        let now = std::fs::read(&meta).ok();
        if now != last {
            last = now;
            stable_since = Instant::now();
        } else if stable_since.elapsed() >= Duration::from_secs(3) {
            return;
        }
    }
}

/// Segments named in `meta.json` (a count of `"segment_id"` keys).
fn segments(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("meta.json")).map(|meta| meta.matches("\"segment_id\"").count()).unwrap_or(0)
}

impl ZhichanEngine {
    /// Runs one query: total plus the top hits, and facet counts when asked for (one pass).
    pub fn run(&self, query: &BenchQuery) -> anyhow::Result<Outcome> {
        let parsed = zhichan_query::parse(&query.zhichan).map_err(|e| anyhow::anyhow!("{}: {e}", query.zhichan))?;
        let mut request = SearchRequest::new(&parsed, TOP);
        request.facets = query.facets;
        let page = self.index.search_page(&request).with_context(|| format!("zhichan: {}", query.zhichan))?;
        Ok(Outcome { total: page.total as u64, hits: page.hits.len(), facets: page.facets.map(facet_counts) })
    }
}

/// The four facets the peers count too (zhichan lists at most `FACET_VALUES` per facet, and also
/// counts Nice classes and IPC subclasses, which the peers do not).
fn facet_counts(facets: Facets) -> FacetCounts {
    let map = |values: Vec<zhichan_search::FacetCount>| values.into_iter().map(|v| (v.value, v.count)).collect();
    FacetCounts {
        office: map(facets.office),
        kind: map(facets.kind),
        status: map(facets.status),
        year: map(facets.year),
    }
}
