//! Shape: look-alike Chinese characters (形近字, CNIPA rule 6). Two characters look alike when
//! shared components cover most of their strokes ([`crate::components`]: 雕/周, 粤/奥, 白/日), or
//! when they are a classic confusable pair from our own list. Characters outside the component
//! data fall back to Unihan's codes: close Cangjie codes (which spell components in writing order),
//! agreeing four-corner codes (the stroke shapes at the corners) and a shared radical.

use crate::components;
use crate::orthographic::{diagonal_suffices, edit_similarity};
use crate::unihan;

/// Classic confusable pairs taught in Chinese schools (our own list, from common 形近字 tables);
/// they differ by one stroke or dot, which the codes above do not always show.
const CONFUSABLE: &[(char, char)] = &[
    ('己', '已'),
    ('已', '巳'),
    ('己', '巳'),
    ('未', '末'),
    ('天', '夭'),
    ('土', '士'),
    ('日', '曰'),
    ('人', '入'),
    ('大', '太'),
    ('大', '犬'),
    ('太', '犬'),
    ('王', '玉'),
    ('王', '主'),
    ('戊', '戌'),
    ('戌', '戍'),
    ('免', '兔'),
    ('鸟', '乌'),
    ('贝', '见'),
    ('析', '折'),
    ('候', '侯'),
    ('拨', '拔'),
    ('汩', '汨'),
    ('官', '宫'),
    ('午', '牛'),
    ('买', '卖'),
    ('真', '直'),
    ('白', '自'),
    ('今', '令'),
    ('洒', '酒'),
    ('往', '住'),
    ('特', '持'),
    ('刀', '力'),
    ('千', '干'),
    ('干', '于'),
    ('木', '本'),
    ('本', '术'),
    ('田', '由'),
    ('由', '甲'),
    ('甲', '申'),
    ('历', '厉'),
    ('即', '既'),
    ('茶', '荼'),
];

/// Below this, two characters are simply different: shared components must cover two-thirds of
/// the strokes (雕/周, 哈/恰); a shared radical alone does not (福/神, 海/洋).
pub(crate) const LOOK_ALIKE: f32 = 0.65;

/// How alike two characters look, in [0, 1].
pub(crate) fn char_similarity(a: char, b: char) -> f32 {
    if a == b {
        return 1.0;
    }
    if CONFUSABLE.contains(&(a, b)) || CONFUSABLE.contains(&(b, a)) {
        return 0.85;
    }
    if let Some(shared) = components::similarity(a, b) {
        return shared;
    }
    let (Some(x), Some(y)) = (unihan::lookup(a), unihan::lookup(b)) else {
        return 0.0;
    };
    let cangjie = cangjie_similarity(x.cangjie, y.cangjie);
    let corners = if x.four_corner.len() >= 4 && y.four_corner.len() >= 4 {
        let same = x.four_corner.bytes().zip(y.four_corner.bytes()).take(4).filter(|(p, q)| p == q).count();
        same as f32 / 4.0
    } else {
        cangjie
    };
    let radical = if x.radical != 0 && x.radical == y.radical { 1.0 } else { 0.0 };
    0.5 * cangjie + 0.35 * corners + 0.15 * radical
}

/// Cangjie codes spell components in writing order: close codes mean shared components, and a
/// code inside the other (日 A in 白 HA, 鱼 NWM in 鲁 NWMA) means one character adds strokes.
fn cangjie_similarity(a: &str, b: &str) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let edit = edit_similarity(a, b);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut rest = long.chars();
    let inside = short.chars().all(|c| rest.any(|d| d == c));
    if inside { edit.max(1.0 - (long.len() - short.len()) as f32 / (long.len() + 1) as f32) } else { edit }
}

/// What a look-alike substitution costs: look-alike characters are the copy's point, so they
/// cost less than their raw dissimilarity.
const LOOK_ALIKE_DISCOUNT: f32 = 0.7;

fn substitution(a: char, b: char) -> (f32, f32) {
    let sim = char_similarity(a, b);
    let cost = if sim >= LOOK_ALIKE { (1.0 - sim) * LOOK_ALIKE_DISCOUNT } else { 1.0 };
    (sim, cost)
}

/// Shape similarity of two character sequences: an alignment whose substitutions cost what the
/// characters do not share, with the look-alike pairs found. Similarities below `at_least` may
/// come back as 0 without pairs (see [`diagonal_suffices`]).
pub(crate) fn similarity(a: &[char], b: &[char], at_least: f32) -> (f32, Vec<(char, char)>) {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return (0.0, Vec::new());
    }
    if diagonal_suffices(n, m, at_least) {
        let mut cost = 0.0;
        let mut pairs = Vec::new();
        for (&x, &y) in a.iter().zip(b) {
            let (sim, sub) = substitution(x, y);
            cost += sub;
            if x != y && sim >= LOOK_ALIKE {
                pairs.push((x, y));
            }
        }
        let score = (1.0 - cost / n as f32).max(0.0);
        return if score >= at_least { (score, pairs) } else { (0.0, Vec::new()) };
    }
    // Every pair once: the alignment and its traceback both read them.
    let subs: Vec<(f32, f32)> = (0..n * m).map(|k| substitution(a[k / m], b[k % m])).collect();
    let width = m + 1;
    let mut cost = vec![0.0f32; (n + 1) * width];
    for i in 0..=n {
        for j in 0..=m {
            cost[i * width + j] = match (i, j) {
                (0, _) => j as f32,
                (_, 0) => i as f32,
                _ => {
                    let (_, sub) = subs[(i - 1) * m + j - 1];
                    (cost[(i - 1) * width + j - 1] + sub)
                        .min(cost[(i - 1) * width + j] + 1.0)
                        .min(cost[i * width + j - 1] + 1.0)
                }
            };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let here = cost[i * width + j];
        let (sim, sub) = subs[(i - 1) * m + j - 1];
        if (cost[(i - 1) * width + j - 1] + sub - here).abs() < 1e-6 {
            if a[i - 1] != b[j - 1] && sim >= LOOK_ALIKE {
                pairs.push((a[i - 1], b[j - 1]));
            }
            i -= 1;
            j -= 1;
        } else if (cost[(i - 1) * width + j] + 1.0 - here).abs() < 1e-6 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    pairs.reverse();
    let score = 1.0 - cost[n * width + m] / n.max(m) as f32;
    (score.max(0.0), pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alike_characters_score_high() {
        assert!(char_similarity('哈', '恰') >= LOOK_ALIKE);
        assert!(char_similarity('师', '帅') >= LOOK_ALIKE);
        assert!(char_similarity('海', '天') < LOOK_ALIKE);
        assert!(char_similarity('雕', '周') >= LOOK_ALIKE);
        assert!(char_similarity('粤', '奥') >= LOOK_ALIKE);
        assert!(char_similarity('福', '神') < LOOK_ALIKE);
        assert!(char_similarity('海', '洋') < LOOK_ALIKE);
        assert_eq!(char_similarity('己', '已'), 0.85);
    }

    #[test]
    fn marks_with_look_alike_characters() {
        let a: Vec<char> = "娃哈哈".chars().collect();
        let b: Vec<char> = "娃恰恰".chars().collect();
        let (score, pairs) = similarity(&a, &b, 0.0);
        assert!(score > 0.6, "{score}");
        assert_eq!(pairs, [('哈', '恰'), ('哈', '恰')]);
    }
}
