//! The labelled evaluation: recall per copy type on documented and illustrative conflicts
//! (`tests/data/labelled.jsonl`, screened through [`screen`]) and false alerts per 1,000 pairs of
//! unrelated real brand names (`tests/data/background.txt`, every pair, same goods on both sides).
//!
//! The targets are asserted: recall ≥ 95% overall and ≥ 85% in every copy type, ≤ 1 false
//! alert per 1,000 unrelated pairs. Both sets are small (157 copies, 368 brands): a rule earns its
//! place by being general and explained in a reason, never by naming a case from these files.

use std::collections::BTreeMap;

use zhichan_similarity::{Goods, MarkProfile, assess, screen};

const LABELLED: &str = include_str!("../data/labelled.jsonl");
const BACKGROUND: &str = include_str!("../data/background.txt");

/// The targets.
const OVERALL_RECALL: f64 = 0.95;
const TYPE_RECALL: f64 = 0.85;
const FALSE_ALERTS_PER_1000: f64 = 1.0;
const MIN_UNRELATED_PAIRS: usize = 20_000;

fn labelled() -> Vec<serde_json::Value> {
    LABELLED.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

fn text(value: &serde_json::Value) -> &str {
    value.as_str().unwrap_or_default()
}

#[test]
fn recall_per_copy_type() {
    let rows = labelled();
    let mut output = Vec::new();
    let summary = screen(LABELLED.as_bytes(), &mut output).expect("screening writes to memory");
    assert_eq!(summary.errors, 0);
    let results: Vec<serde_json::Value> =
        String::from_utf8_lossy(&output).lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert_eq!(results.len(), rows.len());

    let mut per_type: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    let mut non_conflicts_alerted = Vec::new();
    for (row, result) in rows.iter().zip(&results) {
        assert_eq!(row["id"], result["id"]);
        let alert = result["alert"].as_bool() == Some(true);
        let pair = format!(
            "{} {:?} ~ {} → {} {}",
            text(&row["id"]),
            row["watched"]["marks"],
            text(&row["filing"]["mark"]),
            result["score"],
            result["reasons"]
        );
        if row["conflict"].as_bool() != Some(true) {
            if alert {
                non_conflicts_alerted.push(pair);
            }
            continue;
        }
        let entry = per_type.entry(text(&row["type"])).or_default();
        entry.0 += 1;
        if alert {
            entry.1 += 1;
        } else {
            missed.push(pair);
        }
    }
    let (total, found) = per_type.values().fold((0, 0), |(t, f), (n, a)| (t + n, f + a));
    eprintln!("recall per copy type:");
    for (kind, (n, a)) in &per_type {
        eprintln!("  {kind:<20} {a:>3}/{n:<3} {:.1}%", 100.0 * *a as f64 / *n as f64);
    }
    eprintln!("  {:<20} {found:>3}/{total:<3} {:.1}%", "overall", 100.0 * found as f64 / total as f64);
    eprintln!("missed: {missed:#?}");
    eprintln!("non-conflicts alerted (reported, not asserted): {non_conflicts_alerted:#?}");
    assert!(found as f64 / total as f64 >= OVERALL_RECALL);
    for (kind, (n, a)) in &per_type {
        assert!(*a as f64 / *n as f64 >= TYPE_RECALL, "recall of {kind} below target");
    }
}

#[test]
fn blocking_keys_find_the_copies() {
    let rows = labelled();
    let conflicts: Vec<&serde_json::Value> = rows.iter().filter(|r| r["conflict"].as_bool() == Some(true)).collect();
    let mut lost = Vec::new();
    for row in &conflicts {
        let filing = MarkProfile::new(text(&row["filing"]["mark"])).keys();
        let found = row["watched"]["marks"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|m| MarkProfile::new(text(m)).keys().iter().any(|k| filing.contains(k)));
        if !found {
            lost.push(text(&row["id"]));
        }
    }
    eprintln!(
        "blocking keys share a key for {}/{} copies; lost: {lost:?}",
        conflicts.len() - lost.len(),
        conflicts.len()
    );
    // A floor for what is reached today (97.5%): partial transliterations whose first sounds
    // differ (约翰迪尔 ~ JOHN DEERE) still escape the keys.
    assert!(lost.len() * 100 <= conflicts.len() * 3, "blocking loses over 3% of copies");
}

#[test]
fn false_alerts_on_unrelated_pairs() {
    let profiles: Vec<MarkProfile> =
        BACKGROUND.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(MarkProfile::new).collect();
    let goods = Goods::classes([9]);
    let mut pairs = 0;
    let mut alerts = Vec::new();
    for (i, watched) in profiles.iter().enumerate() {
        for filing in &profiles[i + 1..] {
            pairs += 1;
            let assessment = assess(watched, &goods, filing, &goods, None);
            if assessment.alert {
                let reasons: Vec<String> = assessment.reasons.iter().map(ToString::to_string).collect();
                alerts.push(format!(
                    "{} ~ {} {:.2} {reasons:?}",
                    watched.original(),
                    filing.original(),
                    assessment.score
                ));
            }
        }
    }
    let rate = 1000.0 * alerts.len() as f64 / pairs as f64;
    eprintln!("unrelated pairs: {pairs}, alerts: {}, per 1,000: {rate:.2}", alerts.len());
    eprintln!("{alerts:#?}");
    assert!(pairs >= MIN_UNRELATED_PAIRS);
    assert!(rate <= FALSE_ALERTS_PER_1000);
}
