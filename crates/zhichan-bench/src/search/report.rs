//! Percentiles and the markdown tables of the search benchmark.

use std::fmt::Write;

use super::corpus::human_count;
use super::queries::{QueryClass, query_set};
use super::{EngineKind, EngineRun, ScaleRun, SearchBenchOptions, query_key};

/// Latency percentiles of a set of samples (same unit as the samples).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Percentiles {
    /// Samples.
    pub count: usize,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
    /// Largest sample.
    pub max: f64,
}

impl Percentiles {
    /// The nearest-rank percentiles of `samples` (sorted in place); all zero when empty.
    pub fn of(samples: &mut [f64]) -> Percentiles {
        samples.sort_by(f64::total_cmp);
        Percentiles {
            count: samples.len(),
            p50: nearest_rank(samples, 50.0),
            p95: nearest_rank(samples, 95.0),
            p99: nearest_rank(samples, 99.0),
            max: samples.last().copied().unwrap_or(0.0),
        }
    }
}

/// The smallest sample with at least `p` % of the samples at or below it (nearest-rank method);
/// `sorted` must be sorted ascending.
pub fn nearest_rank(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(value: f64) -> String {
    if value >= 100.0 {
        format!("{value:.0}")
    } else if value >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn median(mut values: Vec<u64>) -> u64 {
    values.sort_unstable();
    values.get(values.len().saturating_sub(1) / 2).copied().unwrap_or(0)
}

/// The whole report: the main run in detail, then the growth series.
pub fn markdown(options: &SearchBenchOptions, runs: &[ScaleRun]) -> String {
    let mut out = String::new();
    if let Some(main) = runs.first() {
        main_run(&mut out, options, main);
    }
    if runs.len() > 1 {
        growth(&mut out, runs);
    }
    out
}

fn main_run(out: &mut String, options: &SearchBenchOptions, run: &ScaleRun) {
    let _ = writeln!(
        out,
        "### search — {} records ({} generated trademarks + {} generated patents, seed {}, + {} real sample records)\n",
        thousands(run.records()),
        thousands(run.trademarks),
        thousands(run.patents),
        options.seed,
        thousands(run.samples),
    );
    let _ = writeln!(
        out,
        "Generating the corpus alone takes {:.1} s; it is included in every build time below \
         (records are generated while the engine indexes them).\n",
        run.generate_seconds
    );
    let _ = writeln!(out, "| engine | build (s) | records/s | size on disk | note |\n|---|---|---|---|---|");
    for engine in &run.engines {
        let b = &engine.build;
        let _ = writeln!(
            out,
            "| {} | {:.1} | {} | {} | {} |",
            engine.engine,
            b.seconds,
            thousands((b.records as f64 / b.seconds.max(1e-9)) as u64),
            mb(b.bytes),
            b.note
        );
    }
    for skipped in &run.skipped {
        let _ = writeln!(out, "| {skipped} | — | — | — | not run |");
    }
    let _ = writeln!(
        out,
        "\nLatency: one warm client, ms; every query run {}× after {}× warm-up. Throughput: {} \
         concurrent clients (own thread and connection each), each going {}× over the class, queries/s. \
         One query = total count + top {} hits (+ facet counts by office, kind, status and year in the \
         faceted class). **Bold**: fastest p95 of the class.\n",
        options.repetitions,
        options.warmup.max(1),
        options.clients,
        options.throughput_rounds.max(1),
        super::TOP,
    );
    let _ = writeln!(
        out,
        "| class | queries | engine | p50 | p95 | p99 | q/s ({} clients) | median total |\n|---|---|---|---|---|---|---|---|",
        options.clients
    );
    let queries = query_set();
    for class in QueryClass::ALL {
        let best = run
            .engines
            .iter()
            .filter_map(|e| e.classes.iter().find(|c| c.class == class).map(|c| c.latency.p95))
            .fold(f64::INFINITY, f64::min);
        for engine in &run.engines {
            let Some(c) = engine.classes.iter().find(|c| c.class == class) else { continue };
            let p95 = if c.latency.p95 <= best { format!("**{}**", ms(c.latency.p95)) } else { ms(c.latency.p95) };
            let totals: Vec<u64> = queries
                .iter()
                .filter(|q| q.class == class)
                .filter_map(|q| engine.totals.get(&query_key(q)).copied())
                .collect();
            let _ = writeln!(
                out,
                "| {class} | {} | {} | {} | {p95} | {} | {:.0} | {} |",
                c.queries,
                engine.engine,
                ms(c.latency.p50),
                ms(c.latency.p99),
                c.throughput,
                thousands(median(totals)),
            );
        }
    }
    targets(out, run);
    sanity(out, run);
}

fn targets(out: &mut String, run: &ScaleRun) {
    let Some(zhichan) = run.engines.iter().find(|e| e.engine == EngineKind::Zhichan) else { return };
    let _ = writeln!(out, "\nTargets at {} records:\n", thousands(run.records()));
    let under: Vec<String> = zhichan
        .classes
        .iter()
        .map(|c| format!("{} {} ms{}", c.class, ms(c.latency.p95), if c.latency.p95 < 20.0 { "" } else { " ✗" }))
        .collect();
    let met = zhichan.classes.iter().all(|c| c.latency.p95 < 20.0);
    let _ = writeln!(
        out,
        "- p95 < 20 ms on every class: **{}** ({}).",
        if met { "met" } else { "not met" },
        under.join(", ")
    );
    let peers: Vec<&EngineRun> = run.engines.iter().filter(|e| e.engine != EngineKind::Zhichan).collect();
    if peers.is_empty() {
        return;
    }
    let mut lost = Vec::new();
    for c in &zhichan.classes {
        for peer in &peers {
            if let Some(p) = peer.classes.iter().find(|p| p.class == c.class)
                && p.latency.p95 <= c.latency.p95
            {
                lost.push(format!(
                    "{} ({} p95 {} ms vs {} ms)",
                    c.class,
                    peer.engine,
                    ms(p.latency.p95),
                    ms(c.latency.p95)
                ));
            }
        }
    }
    if lost.is_empty() {
        let _ = writeln!(out, "- Faster (p95) than every peer on every class: **met**.");
    } else {
        let _ = writeln!(out, "- Faster (p95) than every peer on every class: **not met** — {}.", lost.join("; "));
    }
}

fn sanity(out: &mut String, run: &ScaleRun) {
    let _ = writeln!(
        out,
        "\nSanity: total matches per engine for the first three queries of each class (the analysers differ, \
         so totals differ by design — see the notes).\n"
    );
    let mut header = String::from("| class | query (zhichan) |");
    let mut rule = String::from("|---|---|");
    for engine in &run.engines {
        let _ = write!(header, " {} |", engine.engine);
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    let queries = query_set();
    for class in QueryClass::ALL {
        for query in queries.iter().filter(|q| q.class == class).take(3) {
            let mut line = format!("| {class} | `{}` |", query.zhichan.replace('|', "\\|"));
            for engine in &run.engines {
                match engine.totals.get(&query_key(query)) {
                    Some(total) => {
                        let _ = write!(line, " {} |", thousands(*total));
                    }
                    None => line.push_str(" failed |"),
                }
            }
            let _ = writeln!(out, "{line}");
        }
    }
    let facets: Vec<String> = run
        .engines
        .iter()
        .filter_map(|e| {
            let (query, counts) = e.facet_sample.as_ref()?;
            let mut offices: Vec<(&String, &u64)> = counts.office.iter().collect();
            offices.sort_by(|a, b| b.1.cmp(a.1));
            let top: Vec<String> = offices.iter().take(3).map(|(o, n)| format!("{o} {}", thousands(**n))).collect();
            let kinds: Vec<String> = counts.kind.iter().map(|(k, n)| format!("{k} {}", thousands(*n))).collect();
            Some(format!("{} on `{query}`: {}; top offices {}", e.engine, kinds.join(", "), top.join(", ")))
        })
        .collect();
    if !facets.is_empty() {
        let _ = writeln!(out, "\nFacet sample — {}.", facets.join(" — "));
    }
    let _ = writeln!(out, "\nNotes:\n");
    for engine in &run.engines {
        if engine.engine != EngineKind::Zhichan {
            let _ = writeln!(
                out,
                "- {}: a `SELECT 1` round trip through sqlx takes {} ms (p50); it is included in every figure \
                 (zhichan is called in process).",
                engine.engine,
                ms(engine.noop_ms)
            );
        }
        if !engine.failures.is_empty() {
            let list: Vec<String> = engine.failures.iter().map(|(q, e)| format!("`{q}` ({e})")).collect();
            let _ = writeln!(
                out,
                "- {} refused {} queries, left out of its figures: {}.",
                engine.engine,
                list.len(),
                list.join(", ")
            );
        }
    }
    for line in NOTES {
        let _ = writeln!(out, "- {line}");
    }
}

/// What differs between the engines, for the reader of the tables.
const NOTES: &[&str] = &[
    "Same semantics everywhere: the default fields are title, abstract, applicant and mark; every query returns the total number of matches and the 10 best by the engine's own ranking (tantivy BM25, FTS5 `bm25()`, PostgreSQL `ts_rank_cd`).",
    "Latin text: zhichan stems with tantivy's English (Snowball) stemmer, FTS5 with `porter`, PostgreSQL with the `english` Snowball configuration, which also drops stop words; totals of Latin queries should agree closely.",
    "Chinese: the peers index overlapping character bigrams (pre-segmented in Rust) and search a Chinese word as the phrase of its bigrams; zhichan indexes jieba words and Han bigrams and matches either, so totals should be close. zhichan also folds traditional to simplified characters; the peers do not (the generated corpus is simplified only).",
    "Prefixes apply to stemmed index terms in all three engines (`wirel*` finds `wireless`; a prefix longer than a stem can miss).",
    "zhichan indexes more than the peers (claims, description, applicants, inventors, numbers, classes, dates: every field of the query language), so its index is larger and its build slower than a four-field index would be.",
    "Faceted class: zhichan counts facets in the same pass as the search (`SearchRequest::facets`), and also counts Nice classes and IPC subclasses, keeping the 30 most frequent values of each facet; FTS5 groups the matching rows' `meta` by (office, kind, status, year) in one query; PostgreSQL uses `GROUPING SETS` in one query.",
    "Default fields are zhichan's (title, abstract, applicant, mark). zhichan also searches pinyin fields with a Latin word and Han bigram fields with a Chinese word, at lower boosts; a Latin word that is a pinyin syllable string can therefore match Chinese marks in zhichan only.",
];

fn growth(out: &mut String, runs: &[ScaleRun]) {
    let mut runs: Vec<&ScaleRun> = runs.iter().collect();
    runs.sort_by_key(|r| r.records());
    let _ = writeln!(out, "\n### search — latency growth with corpus size (p95 ms of one warm client per class)\n");
    let mut header = String::from("| records | engine | build (s) | size |");
    let mut rule = String::from("|---|---|---|---|");
    for class in QueryClass::ALL {
        let _ = write!(header, " {class} |");
        rule.push_str("---|");
    }
    header.push_str(" worst p99 |");
    rule.push_str("---|");
    let _ = writeln!(out, "{header}\n{rule}");
    for run in &runs {
        for engine in &run.engines {
            let mut line = format!(
                "| {} ({} generated) | {} | {:.1} | {} |",
                thousands(run.records()),
                human_count(run.trademarks + run.patents),
                engine.engine,
                engine.build.seconds,
                mb(engine.build.bytes)
            );
            for class in QueryClass::ALL {
                match engine.classes.iter().find(|c| c.class == class) {
                    Some(c) => {
                        let _ = write!(line, " {} |", ms(c.latency.p95));
                    }
                    None => line.push_str(" — |"),
                }
            }
            let worst = engine.classes.iter().map(|c| c.latency.p99).fold(0.0, f64::max);
            let _ = write!(line, " {} |", ms(worst));
            let _ = writeln!(out, "{line}");
        }
        for skipped in &run.skipped {
            let _ = writeln!(out, "| {} | {skipped}: not run | | | | | | | | | | |", thousands(run.records()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut samples: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        let p = Percentiles::of(&mut samples);
        assert_eq!((p.p50, p.p95, p.p99, p.max, p.count), (50.0, 95.0, 99.0, 100.0, 100));
        let mut few = vec![3.0, 1.0, 2.0];
        let p = Percentiles::of(&mut few);
        assert_eq!((p.p50, p.p95, p.p99), (2.0, 3.0, 3.0));
        assert_eq!(Percentiles::of(&mut []), Percentiles::default());
        assert_eq!(nearest_rank(&[7.0], 0.0), 7.0);
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(1_100_443), "1,100,443");
        assert_eq!(thousands(999), "999");
        assert_eq!(median(vec![5, 1, 9, 3]), 3);
        assert_eq!(ms(0.1234), "0.12");
        assert_eq!(ms(12.34), "12.3");
    }
}
