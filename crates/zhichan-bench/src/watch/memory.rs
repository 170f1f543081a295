//! The in-memory half of the watch benchmark (docs/BENCHMARKS.md: 10,000 watched marks against
//! 100,000 new filings in under 30 s): generated marks screened through the watch's own candidate
//! index ([`zhichan_core::watch::screen`]), and candidate recall checked against brute force
//! (every pair) on a sample of the filings.
//!
//! Watched marks and filings come from the same [`zhichan_generate::Generator`] seed, so the
//! generator's popular words and near-duplicates (one letter changed, plurals, `+KIT`, pinyin of a
//! Chinese brand) meet across them as they do in the registers. Watched marks are the texts of
//! records drawn from a separate range of indexes, each with its transliteration as a second form
//! where the record has one, in the record's classes ([`generated_watch`]); filings are the
//! generator's trademarks `0..filings`, exactly what `zhichan generate` writes with that seed.
//!
//! The peer is brute force: every filing of the sample assessed against every watched mark, timed,
//! and extrapolated to all filings.

use std::time::Instant;

use zhichan_core::watch::WatchedMarkInput;
use zhichan_core::watch::screen::{ScreenedMark, Screener, goods_of, parallel_map};
use zhichan_domain::records::Trademark;
use zhichan_similarity::MarkProfile;

/// Where the watched marks' record indexes start, far from the filings' `0..filings`.
const WATCHED_INDEX_BASE: u64 = 1 << 40;
/// Filings whose every pair is assessed to measure candidate recall.
pub const RECALL_SAMPLE: usize = 300;

/// What a benchmark run measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BenchFigures {
    /// Watched marks screened against.
    pub watched: usize,
    /// Filings screened.
    pub filings: usize,
    /// Distinct keys in the candidate index.
    pub keys: usize,
    /// Seconds to generate the records (not part of a watch run).
    pub generate_seconds: f64,
    /// Seconds to profile the watched marks and build the candidate index.
    pub index_seconds: f64,
    /// Seconds to profile and screen every filing (candidates and scoring).
    pub screen_seconds: f64,
    /// Candidate pairs scored.
    pub candidates: u64,
    /// Pairs that raised an alert.
    pub alerts: u64,
    /// Filings in the brute-force sample.
    pub sample: usize,
    /// Alerting pairs brute force found in the sample.
    pub sample_alerts: u64,
    /// Of those, how many the candidate index also found.
    pub sample_found: u64,
    /// `sample_found / sample_alerts` (1 when the sample raised nothing).
    pub recall: f64,
    /// Seconds brute force took on the sample.
    pub brute_seconds: f64,
}

impl BenchFigures {
    /// What brute force would take on every filing, extrapolated from the sample.
    pub fn brute_estimate_seconds(&self) -> f64 {
        self.brute_seconds * self.filings as f64 / self.sample.max(1) as f64
    }
}

/// `watched` watched marks generated from `seed`: each a record's mark text, plus its
/// transliteration where it has one, in the record's classes. Records without a text worth
/// watching are passed over, so exactly `watched` marks come back.
pub fn generated_watch(watched: usize, seed: u64) -> Result<Vec<WatchedMarkInput>, zhichan_generate::GenerateError> {
    let generator = zhichan_generate::Generator::new(seed)?;
    let inputs = (WATCHED_INDEX_BASE..)
        .map(|index| generator.trademark(index))
        .map(|record| WatchedMarkInput {
            label: record.mark_text.clone().unwrap_or_default(),
            forms: record.mark_text.iter().chain(record.transliteration.as_ref()).cloned().collect(),
            classes: record.classes.iter().map(|c| c.number.number()).collect(),
            offices: Vec::new(),
        })
        .filter(|input| input.parse().is_ok())
        .take(watched)
        .collect();
    Ok(inputs)
}

/// Screens `filings` generated filings against `watched` generated watched marks from `seed`,
/// on every available core, and checks candidate recall on [`RECALL_SAMPLE`] filings spread
/// over the set.
pub fn screen_generated(
    watched: usize,
    filings: usize,
    seed: u64,
) -> Result<BenchFigures, zhichan_generate::GenerateError> {
    let started = Instant::now();
    let generator = zhichan_generate::Generator::new(seed)?;
    let watched_marks = generated_watch(watched, seed)?;
    let filing_records: Vec<Trademark> = (0..filings as u64).map(|i| generator.trademark(i)).collect();
    let generate_seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let marks = parallel_map(&watched_marks, |input| ScreenedMark::new(&input.forms, input.classes.iter().copied()));
    let screener = Screener::new(marks);
    let index_seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let screened = parallel_map(&filing_records, |record| {
        let profile = MarkProfile::new(record.mark_text.as_deref().unwrap_or_default());
        let goods = goods_of(record);
        let screening = screener.screen(&profile, &goods);
        (screening.candidates as u64, screening.matches.iter().map(|m| m.mark).collect::<Vec<_>>())
    });
    let screen_seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let step = (filings / RECALL_SAMPLE).max(1);
    let sample: Vec<usize> = (0..filings).step_by(step).take(RECALL_SAMPLE).collect();
    let brute = parallel_map(&sample, |&i| {
        let record = &filing_records[i];
        let profile = MarkProfile::new(record.mark_text.as_deref().unwrap_or_default());
        let goods = goods_of(record);
        let alerting: Vec<usize> = (0..screener.marks().len())
            .filter(|&mark| screener.best(mark, &profile, &goods).is_some_and(|a| a.alert))
            .collect();
        let found = alerting.iter().filter(|mark| screened[i].1.contains(mark)).count();
        (alerting.len() as u64, found as u64)
    });
    let brute_seconds = started.elapsed().as_secs_f64();
    let sample_alerts = brute.iter().map(|(alerts, _)| alerts).sum();
    let sample_found = brute.iter().map(|(_, found)| found).sum();
    Ok(BenchFigures {
        watched,
        filings,
        keys: screener.keys(),
        generate_seconds,
        index_seconds,
        screen_seconds,
        candidates: screened.iter().map(|(candidates, _)| candidates).sum(),
        alerts: screened.iter().map(|(_, matches)| matches.len() as u64).sum(),
        sample: sample.len(),
        sample_alerts,
        sample_found,
        recall: if sample_alerts == 0 { 1.0 } else { sample_found as f64 / sample_alerts as f64 },
        brute_seconds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_run_finds_what_brute_force_finds() {
        let figures = screen_generated(300, 1_000, 7).expect("generate");
        assert_eq!((figures.watched, figures.filings, figures.sample), (300, 1_000, RECALL_SAMPLE));
        assert_eq!(generated_watch(300, 7).expect("generate").len(), 300);
        assert!(figures.candidates > 0 && figures.keys > 0);
        assert!(figures.recall >= 0.99, "{figures:?}");
    }
}
