//! How characters are built from components (`data/components.tsv`, from the CJK Decomposition
//! Data), and how much of two characters' strokes their shared components cover: 雕 is 周 beside
//! 隹, so 雕 and 周 share the eight strokes of 周; 白 is 日 with a stroke on top.

use std::collections::HashMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../data/components.tsv");

/// How many steps down either character the comparison goes: deeper levels are single strokes,
/// which any two characters share (福/神 would look alike through them).
const MAX_DEPTH: u8 = 4;

/// One character or component: how its parts are laid out, its strokes, its parts.
#[derive(Debug)]
struct Node {
    /// Layout family: `a` across, `d` down, `s` surround, `w` within, `l` locked, `r` repeated,
    /// `c` atomic.
    layout: u8,
    strokes: f32,
    parts: Box<[u32]>,
}

struct Table {
    nodes: Vec<Node>,
    by_char: HashMap<char, u32>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let rows: Vec<Vec<&str>> =
            DATA.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').collect()).collect();
        let ids: HashMap<&str, u32> = rows.iter().enumerate().map(|(i, r)| (r[0], i as u32)).collect();
        let nodes = rows
            .iter()
            .map(|r| Node {
                layout: r.get(1).and_then(|l| l.bytes().next()).unwrap_or(b'c'),
                strokes: r.get(2).and_then(|s| s.parse().ok()).unwrap_or(1.0),
                parts: r.get(3).into_iter().flat_map(|p| p.split(',')).filter_map(|p| ids.get(p).copied()).collect(),
            })
            .collect();
        let by_char = ids
            .iter()
            .filter_map(|(key, id)| {
                let mut chars = key.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some((c, *id)),
                    _ => None,
                }
            })
            .collect();
        Table { nodes, by_char }
    })
}

/// Strokes of `a` and `b` covered by shared components: a component of one that is the other
/// or one of its components, or, where both have the same layout and number of parts, the sum
/// over their parts in place (粤 and 奥 both put 米 under a cover). Steps down `a` come before
/// steps down `b` (`down_a` turns them off), so that each pair of components is met once.
fn shared(table: &Table, a: u32, b: u32, depth: u8, down_a: bool) -> f32 {
    let (x, y) = (&table.nodes[a as usize], &table.nodes[b as usize]);
    if a == b {
        return x.strokes;
    }
    if depth >= MAX_DEPTH {
        return 0.0;
    }
    let mut best = 0.0f32;
    if x.layout == y.layout && x.parts.len() == y.parts.len() {
        best = x.parts.iter().zip(y.parts.iter()).map(|(p, q)| shared(table, *p, *q, depth + 1, true)).sum();
    }
    if down_a {
        for p in x.parts.iter() {
            best = best.max(shared(table, *p, b, depth + 1, true));
        }
    }
    for q in y.parts.iter() {
        best = best.max(shared(table, a, *q, depth + 1, false));
    }
    best.min(x.strokes).min(y.strokes)
}

/// The share of both characters' strokes that shared components cover (a Dice coefficient over
/// strokes), in [0, 1]; `None` when either character is not in the data. Remembered per thread:
/// screening meets the same few thousand characters again and again, and the walk down the
/// component trees is the costliest step of comparing two Chinese marks.
pub(crate) fn similarity(a: char, b: char) -> Option<f32> {
    thread_local! {
        static KNOWN: std::cell::RefCell<std::collections::HashMap<(char, char), Option<f32>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    if let Some(known) = KNOWN.with(|known| known.borrow().get(&(a, b)).copied()) {
        return known;
    }
    let computed = compute(a, b);
    KNOWN.with(|known| {
        let mut known = known.borrow_mut();
        if known.len() >= MAX_REMEMBERED {
            known.clear();
        }
        known.insert((a, b), computed);
    });
    computed
}

/// Character pairs remembered per thread before the memory is cleared (~40 MB at most).
const MAX_REMEMBERED: usize = 1 << 20;

fn compute(a: char, b: char) -> Option<f32> {
    let table = table();
    let (x, y) = (*table.by_char.get(&a)?, *table.by_char.get(&b)?);
    let total = table.nodes[x as usize].strokes + table.nodes[y as usize].strokes;
    Some(2.0 * shared(table, x, y, 0, true) / total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_components_cover_strokes() {
        let sim = |a, b| similarity(a, b).unwrap_or(0.0);
        assert!((sim('雕', '周') - 2.0 * 8.0 / 24.0).abs() < 1e-6);
        assert!(sim('白', '日') > 0.85);
        assert!(sim('粤', '奥') > 0.6);
        assert!(sim('华', '为') < 0.2);
        assert_eq!(sim('海', '海'), 1.0);
        assert_eq!(similarity('a', '海'), None);
    }
}
