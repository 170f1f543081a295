//! Mandarin: every pinyin reading of every character (polyphonic characters keep all readings, from
//! the `pinyin` crate's heteronym data), tones kept but optional, and fuzzy initials and finals
//! (z/zh, c/ch, s/sh, n/l, an/ang, en/eng, in/ing) as speakers of southern Mandarin merge them.

use pinyin::ToPinyinMulti;

use crate::latin_phonetic::push;
use crate::lattice::vowel_class;
use crate::orthographic::diagonal_suffices;

/// One Mandarin reading of a character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Syllable {
    /// Toneless pinyin, e.g. `liang`.
    pub plain: &'static str,
    /// Tone 1–4, 5 for the neutral tone, 0 when unknown.
    pub tone: u8,
    /// Plain pinyin with fuzzy initials and finals merged.
    pub fuzzy: Box<str>,
}

/// Every reading of `c`, the most common first; empty for a character without pinyin.
pub(crate) fn readings(c: char) -> Vec<Syllable> {
    let Some(multi) = c.to_pinyin_multi() else {
        return Vec::new();
    };
    let mut out: Vec<Syllable> = Vec::new();
    for reading in multi {
        let numbered = reading.with_tone_num_end();
        let tone = numbered.chars().last().and_then(|d| d.to_digit(10)).map_or(5, |d| d as u8);
        let plain = reading.plain();
        if !out.iter().any(|s| s.plain == plain && s.tone == tone) {
            out.push(Syllable { plain, tone, fuzzy: fuzzy(plain).into() });
        }
    }
    out
}

/// Merges the fuzzy pairs: zh→z, ch→c, sh→s, ang→an, eng→en, ing→in, l→n, ü/v→u. Applied to
/// pinyin and to Latin marks alike, so `WULIANGYE` meets 五粮液 read `wu nian ye`.
pub(crate) fn fuzzy(text: &str) -> String {
    let lower: String = text
        .chars()
        .filter_map(|c| match c.to_ascii_lowercase() {
            'ü' | 'v' => Some('u'),
            'l' => Some('n'),
            c if c.is_ascii_lowercase() => Some(c),
            _ => None,
        })
        .collect();
    lower
        .replace("zh", "z")
        .replace("ch", "c")
        .replace("sh", "s")
        .replace("ang", "an")
        .replace("eng", "en")
        .replace("ing", "in")
}

/// The sound skeleton of one toneless pinyin syllable (see
/// [`crate::latin_phonetic::sound_skeleton`] for the alphabet).
pub(crate) fn skeleton(plain: &str) -> Vec<u8> {
    let (initial, rest) = split_initial(plain);
    let mut out = Vec::with_capacity(4);
    if let Some(symbol) = initial {
        out.push(symbol);
    }
    if rest == "er" {
        // 尔/儿 stand for an R after a vowel, which Latin skeletons drop.
        return out;
    }
    let (vowels, coda) = match rest.strip_suffix("ng").or_else(|| rest.strip_suffix('n')) {
        Some(v) => (v, Some(b'N')),
        None => (rest, None),
    };
    let glide_u = matches!(plain.as_bytes().first(), Some(b'j' | b'q' | b'x' | b'y'));
    let nucleus = ["a", "o", "e", "ü", "v", "u", "i"].into_iter().find(|v| vowels.contains(v));
    if let Some(nucleus) = nucleus {
        let class = match nucleus {
            "ü" | "v" => b'e',
            "u" if glide_u => b'e',
            v => vowel_class(v.as_bytes()[0]),
        };
        push(&mut out, class);
    }
    if let Some(coda) = coda {
        push(&mut out, coda);
    }
    out
}

fn split_initial(plain: &str) -> (Option<u8>, &str) {
    for (prefix, symbol) in [("zh", b'J'), ("ch", b'J'), ("sh", b'S')] {
        if let Some(rest) = plain.strip_prefix(prefix) {
            return (Some(symbol), rest);
        }
    }
    let mut chars = plain.chars();
    let symbol = match chars.next() {
        Some('b' | 'p') => Some(b'P'),
        Some('m') => Some(b'M'),
        Some('f') => Some(b'F'),
        Some('d' | 't') => Some(b'T'),
        Some('n') => Some(b'N'),
        Some('l' | 'r') => Some(b'L'),
        Some('g' | 'k') => Some(b'K'),
        Some('h') => Some(b'H'),
        Some('j' | 'q' | 'z' | 'c') => Some(b'J'),
        Some('x' | 's') => Some(b'S'),
        Some('w') => Some(b'W'),
        Some('y') => None,
        _ => return (None, plain),
    };
    (symbol, chars.as_str())
}

/// Cost of reading character `a` as character `b`: 0 for the same character, 0.1 for a shared
/// reading in the same tone, 0.2 in another tone, 0.3 for a fuzzy match, 1 otherwise.
pub(crate) fn sound_cost(a: &[Syllable], b: &[Syllable]) -> f32 {
    let mut best = 1.0f32;
    for x in a {
        for y in b {
            let cost = if x.plain == y.plain && x.tone == y.tone {
                0.1
            } else if x.plain == y.plain {
                0.2
            } else if x.fuzzy == y.fuzzy {
                0.3
            } else {
                continue;
            };
            best = best.min(cost);
        }
    }
    best
}

/// Sound similarity of two Chinese marks: an alignment whose substitutions cost
/// [`sound_cost`]; `None` unless some differing characters sound alike. Similarities below
/// `at_least` may come back as `None` (see [`diagonal_suffices`]).
pub(crate) fn homophone_similarity(
    a: &[char],
    a_readings: &[Vec<Syllable>],
    b: &[char],
    b_readings: &[Vec<Syllable>],
    at_least: f32,
) -> Option<f32> {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return None;
    }
    if diagonal_suffices(n, m, at_least) {
        let (mut cost, mut sounded) = (0.0f32, false);
        for i in 0..n {
            let sub = if a[i] == b[i] { 0.0 } else { sound_cost(&a_readings[i], &b_readings[i]) };
            cost += sub;
            sounded |= sub > 0.0 && sub < 1.0;
        }
        let score = 1.0 - cost / n as f32;
        return (sounded && score >= at_least).then_some(score);
    }
    let width = m + 1;
    let mut cost = vec![0.0f32; (n + 1) * width];
    let mut sounded = vec![false; (n + 1) * width];
    for i in 0..=n {
        for j in 0..=m {
            let here = i * width + j;
            if i == 0 || j == 0 {
                cost[here] = (i + j) as f32;
                continue;
            }
            let diag = (i - 1) * width + j - 1;
            let sub = if a[i - 1] == b[j - 1] { 0.0 } else { sound_cost(&a_readings[i - 1], &b_readings[j - 1]) };
            let options = [
                (cost[diag] + sub, sounded[diag] || (sub > 0.0 && sub < 1.0)),
                (cost[here - width] + 1.0, sounded[here - width]),
                (cost[here - 1] + 1.0, sounded[here - 1]),
            ];
            let best = options.into_iter().fold((f32::INFINITY, false), |x, y| if y.0 < x.0 { y } else { x });
            (cost[here], sounded[here]) = best;
        }
    }
    let end = n * width + m;
    sounded[end].then(|| 1.0 - cost[end] / n.max(m) as f32)
}

/// The first reading of each character, space-separated (for reasons).
pub(crate) fn display(readings: &[Vec<Syllable>]) -> String {
    readings.iter().map(|r| r.first().map_or("?", |s| s.plain)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_reading_of_polyphonic_characters() {
        let plain: Vec<&str> = readings('行').iter().map(|s| s.plain).collect();
        assert!(plain.contains(&"xing") && plain.contains(&"hang"));
        assert_eq!(readings('粮').first().map(|s| s.tone), Some(2));
    }

    #[test]
    fn fuzzy_merges_southern_pairs() {
        assert_eq!(fuzzy("WULIANGYE"), fuzzy("wu") + &fuzzy("niang") + &fuzzy("ye"));
        assert_eq!(fuzzy("zhang"), fuzzy("zan"));
        assert_eq!(fuzzy("shing"), "sin");
    }

    #[test]
    fn homophones_cost_little() {
        let shi = readings('仕');
        assert!(sound_cost(&shi, &readings('士')) <= 0.1);
        assert!(sound_cost(&readings('师'), &readings('马')) >= 1.0);
        assert!(sound_cost(&readings('师'), &readings('四')) <= 0.3);
    }

    #[test]
    fn homophone_marks() {
        let read = |s: &str| -> (Vec<char>, Vec<Vec<Syllable>>) {
            let chars: Vec<char> = s.chars().collect();
            let readings = chars.iter().map(|c| readings(*c)).collect();
            (chars, readings)
        };
        let (a, ar) = read("爱马仕");
        let (b, br) = read("爱马士");
        let score = homophone_similarity(&a, &ar, &b, &br, 0.0);
        assert!(score.is_some_and(|s| s > 0.95));
        assert_eq!(homophone_similarity(&a, &ar, &a, &ar, 0.0), None);
    }

    #[test]
    fn pinyin_skeletons() {
        assert_eq!(skeleton("qiao"), b"Ja");
        assert_eq!(skeleton("dan"), b"TaN");
        assert_eq!(skeleton("er"), b"");
        assert_eq!(skeleton("si"), b"Se");
        assert_eq!(skeleton("xue"), b"Se");
        assert_eq!(skeleton("luo"), b"Lo");
    }
}
