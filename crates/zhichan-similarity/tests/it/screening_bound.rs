//! [`assess_alert`] decides most pairs from a bound instead of the full comparison; it must give
//! exactly [`assess`]'s answer on every pair that alerts and never drop one. Checked on every
//! ordered pair of the labelled marks (copies of each other and strangers) and a slice of the
//! unrelated brands, each pair with one of close, related-class, unrelated or no goods.

use zhichan_similarity::{Goods, GoodsRelations, MarkProfile, assess, assess_alert};

const LABELLED: &str = include_str!("../data/labelled.jsonl");
const BACKGROUND: &str = include_str!("../data/background.txt");

/// Relates classes 9 and 28, as the CNIPA notes do for game devices.
struct Games;

impl GoodsRelations for Games {
    fn groups_related(&self, _: &str, _: &str) -> bool {
        false
    }
    fn classes_related(&self, watched: u8, filing: u8) -> bool {
        (watched, filing) == (9, 28) || (watched, filing) == (28, 9)
    }
}

fn marks() -> Vec<MarkProfile> {
    let background =
        BACKGROUND.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).step_by(4).map(str::to_string);
    let labelled = LABELLED.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()).flat_map(|row| {
        let mut marks: Vec<String> = row["watched"]["marks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m.as_str())
            .map(String::from)
            .collect();
        marks.extend(row["filing"]["mark"].as_str().map(String::from));
        marks
    });
    let mut marks: Vec<String> = background.chain(labelled).collect();
    marks.sort();
    marks.dedup();
    marks.iter().map(|m| MarkProfile::new(m)).collect()
}

#[test]
fn the_screening_bound_keeps_every_alert_exactly() {
    let marks = marks();
    let watched_goods = Goods::classes([9]);
    let filing_goods = [Goods::classes([9]), Goods::classes([28]), Goods::classes([30]), Goods::default()];
    let (mut pairs, mut alerts) = (0, 0);
    for (i, watched) in marks.iter().enumerate() {
        for (j, filing) in marks.iter().enumerate() {
            let goods = &filing_goods[(i + j) % filing_goods.len()];
            let full = assess(watched, &watched_goods, filing, goods, Some(&Games));
            let screened = assess_alert(watched, &watched_goods, filing, goods, Some(&Games));
            let pair = || format!("{} ~ {} with {goods:?}", watched.original(), filing.original());
            assert_eq!(screened.as_ref(), full.alert.then_some(&full), "{}", pair());
            pairs += 1;
            alerts += usize::from(full.alert);
        }
    }
    eprintln!("{pairs} pairs, {alerts} alerting, all kept exactly");
    assert!(alerts > 500, "the check must see many alerting pairs");
}
