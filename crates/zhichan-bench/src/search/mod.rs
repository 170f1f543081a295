//! `zhichan bench search`: zhichan's search index side by side with SQLite FTS5 and PostgreSQL
//! full-text search, on the same corpus and the same query set, in one run.
//!
//! - Corpus ([`corpus`]): generated trademarks and patents (`zhichan-generate`, deterministic from
//!   the seed) followed by the real office samples read with `zhichan-ingest`.
//! - Queries ([`queries`]): seven classes (single word, multi-word, phrase, fielded, Chinese,
//!   prefix, faceted), each query written in the zhichan query language and by hand for FTS5 and
//!   PostgreSQL.
//! - Engines: [`zhichan`] (tantivy via `zhichan_search::SearchIndex`), [`fts5`], [`postgres`]; each
//!   answers every query with the total number of matches and the top [`TOP`] hits, plus facet
//!   counts by office, kind, status and year for the faceted class.
//! - Measured: build time and size on disk; per class the p50/p95/p99 latency of one warm client
//!   (every query run `warmup` times first, then `repetitions` times) and the throughput of
//!   `clients` concurrent clients. Then the same for each size of the growth series.
//!
//! A benchmark is a command, not a timed test: run it in release mode on an idle machine.
//! [`run`] is the entry point; [`report`] renders the markdown for docs/BENCHMARKS.md.

pub mod corpus;
pub mod fts5;
pub mod postgres;
pub mod queries;
pub mod report;
pub mod zhichan;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Barrier};
use std::time::Instant;

use anyhow::Context;
use zhichan_domain::records::Record;

use corpus::{CorpusSpec, for_each_record, human_count};
use queries::{BenchQuery, QueryClass, query_set};
use report::Percentiles;

/// Hits fetched per query, by every engine.
pub const TOP: usize = 10;

/// What to run.
#[derive(Debug, Clone)]
pub struct SearchBenchOptions {
    /// Generated trademarks of the main run.
    pub trademarks: u64,
    /// Generated patents of the main run.
    pub patents: u64,
    /// Generator seed.
    pub seed: u64,
    /// Directory of real samples added to every corpus (read recursively); `None` for none.
    pub samples: Option<PathBuf>,
    /// PostgreSQL server to compare with, e.g. `postgres://postgres@127.0.0.1:5432/postgres`;
    /// `None` leaves PostgreSQL out.
    pub postgres: Option<String>,
    /// Database created (dropped first) on that server.
    pub pg_database: String,
    /// Whether to include SQLite FTS5.
    pub fts5: bool,
    /// Directory for the indexes; a fresh directory under the system temporary directory when `None`.
    pub work_dir: Option<PathBuf>,
    /// Keep the indexes and the PostgreSQL database afterwards.
    pub keep: bool,
    /// Unmeasured runs of every query before measuring.
    pub warmup: usize,
    /// Measured runs of every query (single client).
    pub repetitions: usize,
    /// Concurrent clients of the throughput measurement.
    pub clients: usize,
    /// Passes over a class's queries by each client in the throughput measurement.
    pub throughput_rounds: usize,
    /// Growth series: generated trademarks per size (patents are a tenth of it), e.g.
    /// `[100_000, 1_000_000, 10_000_000]`; a size equal to the main run reuses its results.
    pub scales: Vec<u64>,
    /// The peers are built only up to this many generated records (zhichan at every size).
    pub peers_up_to: u64,
    /// Also write the markdown to this file.
    pub out: Option<PathBuf>,
}

impl Default for SearchBenchOptions {
    fn default() -> Self {
        SearchBenchOptions {
            trademarks: 1_000_000,
            patents: 100_000,
            seed: 1,
            samples: Some(PathBuf::from("../shared/data")),
            postgres: Some("postgres://postgres@127.0.0.1:5432/postgres".to_owned()),
            pg_database: "zhichan_bench_search".to_owned(),
            fts5: true,
            work_dir: None,
            keep: false,
            warmup: 2,
            repetitions: 5,
            clients: 2,
            throughput_rounds: 2,
            scales: Vec::new(),
            peers_up_to: 1_100_000,
            out: None,
        }
    }
}

/// Everything measured.
#[derive(Debug, Clone)]
pub struct SearchBenchReport {
    /// The main run first, then the other sizes of the growth series, smallest first.
    pub runs: Vec<ScaleRun>,
}

/// The measurements at one corpus size.
#[derive(Debug, Clone)]
pub struct ScaleRun {
    /// Generated counts and seed.
    pub trademarks: u64,
    /// Generated patents.
    pub patents: u64,
    /// Real sample records added.
    pub samples: u64,
    /// Seconds to generate the corpus alone (included in every engine's build time).
    pub generate_seconds: f64,
    /// One entry per engine measured at this size.
    pub engines: Vec<EngineRun>,
    /// Engines left out at this size, and why.
    pub skipped: Vec<String>,
}

impl ScaleRun {
    /// Generated plus sample records.
    pub fn records(&self) -> u64 {
        self.trademarks + self.patents + self.samples
    }
}

/// Which engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    /// zhichan-search (tantivy).
    Zhichan,
    /// SQLite FTS5.
    Fts5,
    /// PostgreSQL full-text search.
    Postgres,
}

impl std::fmt::Display for EngineKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EngineKind::Zhichan => "zhichan",
            EngineKind::Fts5 => "SQLite FTS5",
            EngineKind::Postgres => "PostgreSQL 15 FTS",
        })
    }
}

/// One engine at one size.
#[derive(Debug, Clone)]
pub struct EngineRun {
    /// The engine.
    pub engine: EngineKind,
    /// How the build went.
    pub build: BuildStats,
    /// Per class, in [`QueryClass::ALL`] order.
    pub classes: Vec<ClassRun>,
    /// Median client round trip of a no-op statement, in ms (`SELECT 1`; zero for zhichan,
    /// which is called in process).
    pub noop_ms: f64,
    /// Total matches per query (zhichan text → total), for the sanity comparison.
    pub totals: BTreeMap<String, u64>,
    /// Facet counts of the first faceted query.
    pub facet_sample: Option<(String, FacetCounts)>,
    /// Queries that failed on this engine (zhichan text and error), left out of its figures.
    pub failures: Vec<(String, String)>,
}

/// Build figures of one engine.
#[derive(Debug, Clone, Default)]
pub struct BuildStats {
    /// Records indexed.
    pub records: u64,
    /// Wall seconds, corpus generation included.
    pub seconds: f64,
    /// Size on disk.
    pub bytes: u64,
    /// What the size covers, anything timed separately.
    pub note: String,
}

/// One class on one engine.
#[derive(Debug, Clone)]
pub struct ClassRun {
    /// The class.
    pub class: QueryClass,
    /// Queries measured.
    pub queries: usize,
    /// Single-client latency, ms.
    pub latency: Percentiles,
    /// Queries per second with [`SearchBenchOptions::clients`] clients.
    pub throughput: f64,
}

/// What one query returned, for the sanity comparison.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// Matches in total.
    pub total: u64,
    /// Hits returned (at most [`TOP`]).
    pub hits: usize,
    /// Facet counts, when asked for.
    pub facets: Option<FacetCounts>,
}

/// Counts by facet value (year: publication, else grant or registration, else filing, as zhichan's
/// `year` facet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// By office code.
    pub office: BTreeMap<String, u64>,
    /// By record kind.
    pub kind: BTreeMap<String, u64>,
    /// By status.
    pub status: BTreeMap<String, u64>,
    /// By year.
    pub year: BTreeMap<String, u64>,
}

impl FacetCounts {
    /// Adds the count of one (office, kind, status, year) combination to each dimension.
    pub fn add_combination(&mut self, office: String, kind: String, status: String, year: Option<String>, count: u64) {
        *self.office.entry(office).or_default() += count;
        *self.kind.entry(kind).or_default() += count;
        *self.status.entry(status).or_default() += count;
        if let Some(year) = year {
            *self.year.entry(year).or_default() += count;
        }
    }
}

/// A built engine, shareable between client threads.
#[derive(Debug, Clone)]
enum Engine {
    Zhichan(Arc<zhichan::ZhichanEngine>),
    Fts5(fts5::Fts5Engine),
    Postgres(Arc<postgres::PgEngine>),
}

/// One client of an engine.
#[derive(Debug)]
enum Client {
    Zhichan(Arc<zhichan::ZhichanEngine>),
    Fts5(fts5::Fts5Client),
    Postgres(postgres::PgClient),
}

impl Engine {
    async fn client(&self) -> anyhow::Result<Client> {
        Ok(match self {
            Engine::Zhichan(engine) => Client::Zhichan(Arc::clone(engine)),
            Engine::Fts5(engine) => Client::Fts5(engine.client().await?),
            Engine::Postgres(engine) => Client::Postgres(engine.client().await?),
        })
    }
}

impl Client {
    async fn run(&mut self, query: &BenchQuery) -> anyhow::Result<Outcome> {
        match self {
            Client::Zhichan(engine) => engine.run(query),
            Client::Fts5(client) => client.run(query).await,
            Client::Postgres(client) => client.run(query).await,
        }
    }

    async fn noop(&mut self) -> anyhow::Result<()> {
        match self {
            Client::Zhichan(_) => Ok(()),
            Client::Fts5(client) => client.noop().await,
            Client::Postgres(client) => client.noop().await,
        }
    }
}

/// Runs the benchmark: the main size with every engine, then the growth series; prints the
/// markdown to standard output and writes it to [`SearchBenchOptions::out`] when given.
pub async fn run(options: SearchBenchOptions) -> anyhow::Result<SearchBenchReport> {
    anyhow::ensure!(options.repetitions > 0 && options.clients > 0, "repetitions and clients must be at least 1");
    let samples = match &options.samples {
        Some(dir) => corpus::read_samples(dir)?,
        None => Vec::new(),
    };
    tracing::info!(records = samples.len(), "real samples read");
    let samples = Arc::new(samples);
    let work = match &options.work_dir {
        Some(dir) => dir.clone(),
        None => std::env::temp_dir().join(format!("zhichan-bench-search-{}", std::process::id())),
    };
    std::fs::create_dir_all(&work).with_context(|| format!("cannot create {}", work.display()))?;

    let main = CorpusSpec { trademarks: options.trademarks, patents: options.patents, seed: options.seed };
    let mut specs = vec![main.clone()];
    let mut scales = options.scales.clone();
    scales.sort_unstable();
    scales.dedup();
    for trademarks in scales {
        let spec = CorpusSpec { trademarks, patents: trademarks / 10, seed: options.seed };
        if spec.trademarks != main.trademarks || spec.patents != main.patents {
            specs.push(spec);
        }
    }
    if let Some(url) = &options.postgres {
        use sqlx::Connection;
        let conn = sqlx::PgConnection::connect(url).await.context("cannot connect to the PostgreSQL server")?;
        conn.close().await?;
    }
    let mut runs = Vec::new();
    for spec in &specs {
        let run = run_scale(&options, spec, &samples, &work).await?;
        runs.push(run);
        // Partial results survive a failure at a later (larger) size.
        if let Some(out) = &options.out {
            std::fs::write(out, report::markdown(&options, &runs))
                .with_context(|| format!("cannot write {}", out.display()))?;
        }
    }
    if !options.keep {
        let _ = std::fs::remove_dir_all(&work);
    }
    let markdown = report::markdown(&options, &runs);
    println!("{markdown}");
    Ok(SearchBenchReport { runs })
}

async fn run_scale(
    options: &SearchBenchOptions,
    spec: &CorpusSpec,
    samples: &Arc<Vec<Record>>,
    work: &std::path::Path,
) -> anyhow::Result<ScaleRun> {
    let label = spec.label();
    tracing::info!(size = %label, "generating the corpus once, alone (timed)");
    let generate_seconds = {
        let (spec, samples) = (spec.clone(), Arc::clone(samples));
        tokio::task::spawn_blocking(move || -> anyhow::Result<f64> {
            let started = Instant::now();
            for_each_record(&spec, &samples, |_| Ok(()))?;
            Ok(started.elapsed().as_secs_f64())
        })
        .await??
    };
    let queries = query_set();
    let mut run = ScaleRun {
        trademarks: spec.trademarks,
        patents: spec.patents,
        samples: samples.len() as u64,
        generate_seconds,
        engines: Vec::new(),
        skipped: Vec::new(),
    };
    let peers = spec.generated() <= options.peers_up_to;

    tracing::info!(size = %label, "building zhichan");
    let dir = work.join(format!("zhichan-{label}"));
    let _ = std::fs::remove_dir_all(&dir);
    let (engine, build) = {
        let (dir, spec, samples) = (dir.clone(), spec.clone(), Arc::clone(samples));
        tokio::task::spawn_blocking(move || zhichan::build(&dir, &spec, &samples)).await??
    };
    tracing::info!(seconds = build.seconds, "zhichan built; measuring");
    let engine = Engine::Zhichan(Arc::new(engine));
    run.engines.push(measure(options, EngineKind::Zhichan, &engine, build, &queries).await?);
    drop(engine);
    if !options.keep {
        let _ = std::fs::remove_dir_all(&dir);
    }

    if options.fts5 && peers {
        tracing::info!(size = %label, "building SQLite FTS5");
        let path = work.join(format!("fts5-{label}.sqlite3"));
        let (engine, build) = fts5::build(&path, spec, Arc::clone(samples)).await?;
        tracing::info!(seconds = build.seconds, "FTS5 built; measuring");
        run.engines.push(measure(options, EngineKind::Fts5, &Engine::Fts5(engine), build, &queries).await?);
        if !options.keep {
            let _ = std::fs::remove_file(&path);
        }
    } else if options.fts5 {
        run.skipped.push(format!("SQLite FTS5 (above {} generated records)", human_count(options.peers_up_to)));
    }

    match &options.postgres {
        Some(url) if peers => {
            tracing::info!(size = %label, "building PostgreSQL");
            let (engine, build) = postgres::build(url, &options.pg_database, spec, Arc::clone(samples)).await?;
            tracing::info!(seconds = build.seconds, "PostgreSQL built; measuring");
            run.engines.push(
                measure(options, EngineKind::Postgres, &Engine::Postgres(Arc::new(engine)), build, &queries).await?,
            );
            if !options.keep {
                drop_pg_database(url, &options.pg_database).await?;
            }
        }
        Some(_) => {
            run.skipped.push(format!("PostgreSQL (above {} generated records)", human_count(options.peers_up_to)))
        }
        None => {}
    }
    Ok(run)
}

async fn drop_pg_database(url: &str, database: &str) -> anyhow::Result<()> {
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(url).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {database}"))).execute(&mut admin).await?;
    admin.close().await?;
    Ok(())
}

/// Measures one built engine on every class.
async fn measure(
    options: &SearchBenchOptions,
    kind: EngineKind,
    engine: &Engine,
    build: BuildStats,
    queries: &[BenchQuery],
) -> anyhow::Result<EngineRun> {
    let mut client = engine.client().await?;
    let mut noop = Vec::with_capacity(200);
    for _ in 0..200 {
        let started = Instant::now();
        client.noop().await?;
        noop.push(started.elapsed().as_secs_f64() * 1e3);
    }
    let noop_ms = Percentiles::of(&mut noop).p50;

    // Warm-up, which also finds the queries this engine refuses.
    let mut totals = BTreeMap::new();
    let mut failures = Vec::new();
    let mut facet_sample = None;
    let mut usable = Vec::new();
    for query in queries {
        let mut ok = true;
        for _ in 0..options.warmup.max(1) {
            match client.run(query).await {
                Ok(outcome) => {
                    totals.insert(query_key(query), outcome.total);
                    if facet_sample.is_none()
                        && let Some(facets) = outcome.facets
                    {
                        facet_sample = Some((query.zhichan.clone(), facets));
                    }
                }
                Err(error) => {
                    tracing::warn!(engine = %kind, query = %query.zhichan, "query failed: {error:#}");
                    failures.push((query.zhichan.clone(), format!("{error:#}")));
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            usable.push(query.clone());
        }
    }

    let mut classes = Vec::new();
    for class in QueryClass::ALL {
        let set: Vec<BenchQuery> = usable.iter().filter(|q| q.class == class).cloned().collect();
        if set.is_empty() {
            continue;
        }
        let mut samples = Vec::with_capacity(set.len() * options.repetitions);
        for _ in 0..options.repetitions {
            for query in &set {
                let started = Instant::now();
                client.run(query).await?;
                samples.push(started.elapsed().as_secs_f64() * 1e3);
            }
        }
        let latency = Percentiles::of(&mut samples);
        let throughput = throughput(engine, &set, options.clients, options.throughput_rounds).await?;
        tracing::info!(engine = %kind, class = %class, p50 = latency.p50, p95 = latency.p95, qps = throughput, "measured");
        classes.push(ClassRun { class, queries: set.len(), latency, throughput });
    }
    Ok(EngineRun { engine: kind, build, classes, noop_ms, totals, facet_sample, failures })
}

/// The key of a query in [`EngineRun::totals`]: class and zhichan text (a text may recur across
/// classes, e.g. as a faceted query).
pub fn query_key(query: &BenchQuery) -> String {
    format!("{}\t{}", query.class, query.zhichan)
}

/// Queries per second of `clients` clients, each on its own thread, runtime and connection,
/// each running every query of `set` `rounds` times (starting at different offsets).
async fn throughput(engine: &Engine, set: &[BenchQuery], clients: usize, rounds: usize) -> anyhow::Result<f64> {
    let engine = engine.clone();
    let set = set.to_vec();
    tokio::task::spawn_blocking(move || -> anyhow::Result<f64> {
        let barrier = Arc::new(Barrier::new(clients));
        let set = Arc::new(set);
        let handles: Vec<_> = (0..clients)
            .map(|n| {
                let (engine, set, barrier) = (engine.clone(), Arc::clone(&set), Arc::clone(&barrier));
                std::thread::spawn(move || -> anyhow::Result<(Instant, Instant, usize)> {
                    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
                    runtime.block_on(async move {
                        let client = engine.client().await;
                        barrier.wait();
                        let mut client = client?;
                        let started = Instant::now();
                        let mut done = 0;
                        for _ in 0..rounds.max(1) {
                            for i in 0..set.len() {
                                client.run(&set[(i + n * set.len() / clients) % set.len()]).await?;
                                done += 1;
                            }
                        }
                        Ok((started, Instant::now(), done))
                    })
                })
            })
            .collect();
        let mut first: Option<Instant> = None;
        let mut last: Option<Instant> = None;
        let mut done = 0;
        for handle in handles {
            let (started, ended, count) =
                handle.join().map_err(|_| anyhow::anyhow!("a throughput client panicked"))??;
            first = Some(first.map_or(started, |f| f.min(started)));
            last = Some(last.map_or(ended, |l| l.max(ended)));
            done += count;
        }
        let seconds = match (first, last) {
            (Some(first), Some(last)) => last.duration_since(first).as_secs_f64(),
            _ => 0.0,
        };
        Ok(if seconds > 0.0 { done as f64 / seconds } else { 0.0 })
    })
    .await?
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole benchmark at a tiny scale, end to end (PostgreSQL too when
    /// `ZHICHAN_TEST_DATABASE_URL` names a server). Slow-ish and writes a markdown file:
    /// `cargo test -p zhichan-bench smoke_run -- --ignored --nocapture`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "a benchmark smoke run: minutes, needs ../shared/data, uses PostgreSQL when configured"]
    async fn smoke_run() -> anyhow::Result<()> {
        let samples = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
        let work = std::env::temp_dir().join(format!("zhichan-bench-search-smoke-{}", std::process::id()));
        let options = SearchBenchOptions {
            trademarks: 2_000,
            patents: 200,
            samples: samples.is_dir().then_some(samples),
            postgres: std::env::var("ZHICHAN_TEST_DATABASE_URL").ok(),
            pg_database: "zhichan_bench_search_smoke".to_owned(),
            work_dir: Some(work.clone()),
            warmup: 1,
            repetitions: 3,
            throughput_rounds: 1,
            scales: vec![1_000, 2_000],
            out: Some(work.with_extension("md")),
            ..SearchBenchOptions::default()
        };
        let report = run(options).await?;
        let main = &report.runs[0];
        assert!(main.engines.iter().all(|e| e.classes.len() == QueryClass::ALL.len() && e.failures.is_empty()));
        let zhichan = &main.engines[0];
        assert!(zhichan.totals.values().any(|total| *total > 0), "zhichan finds something");
        assert_eq!(report.runs.len(), 2, "the 2,000 size reuses the main run");
        Ok(())
    }
}
