//! Orthographic similarity within one script: Damerau (optimal string alignment) edit distance,
//! letter-bigram Dice, Jaro–Winkler's prefix weight, split and joined words, and containment of
//! the earlier mark (HONDAKIT contains HONDA, 奔富酒园 contains 奔富).

/// Where the earlier mark sits inside the later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Position {
    /// At the start or the end.
    Edge,
    /// Inside, with additions on both sides.
    Inside,
}

/// The later mark holds the earlier one; `added` is what is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Containment {
    pub position: Position,
    pub added: String,
}

/// Spelling similarity of two Latin marks (joined letters), in [0, 1], given their
/// [`edit_similarity`] `edit`, which makes half of it: the rest (prefix weight and bigrams) adds
/// at most one half, so `0.5 * edit + 0.5` bounds it.
pub(crate) fn latin_similarity(a: &str, b: &str, edit: f32) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let prefix = strsim::jaro_winkler(a, b) as f32;
    let grams = strsim::sorensen_dice(a, b) as f32;
    0.5 * edit + 0.25 * prefix + 0.25 * grams
}

/// One minus the OSA distance over the longer length, in [0, 1]; 0 when either is empty.
pub(crate) fn edit_similarity(a: &str, b: &str) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (distance, longest) = str_distance(a, b);
    1.0 - distance as f32 / longest as f32
}

/// The OSA distance of two strings in characters, and the longer one's length.
pub(crate) fn str_distance(a: &str, b: &str) -> (usize, usize) {
    if a.is_ascii() && b.is_ascii() {
        (osa_distance(a.as_bytes(), b.as_bytes()), a.len().max(b.len()))
    } else {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        (osa_distance(&a, &b), a.len().max(b.len()))
    }
}

/// Optimal string alignment distance (Damerau–Levenshtein without editing a substring twice):
/// insertions, deletions, substitutions and adjacent transpositions cost one. Ours rather than
/// `strsim::osa_distance`, which decodes both strings into fresh vectors on every call; screening
/// compares millions of short ASCII marks, and this one works on bytes in three reused rows.
pub(crate) fn osa_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    OSA_ROWS.with(|rows| {
        let (before, previous, current) = &mut *rows.borrow_mut();
        let width = b.len() + 1;
        for row in [&mut *before, &mut *previous, &mut *current] {
            row.clear();
            row.resize(width, 0);
        }
        previous.iter_mut().enumerate().for_each(|(j, cell)| *cell = j);
        for i in 1..=a.len() {
            current[0] = i;
            for j in 1..width {
                let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
                let mut best = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(before[j - 2] + 1);
                }
                current[j] = best;
            }
            std::mem::swap(before, previous);
            std::mem::swap(previous, current);
        }
        previous[b.len()]
    })
}

thread_local! {
    /// The rows of [`osa_distance`]: the one before the previous, the previous, the current.
    static OSA_ROWS: std::cell::RefCell<(Vec<usize>, Vec<usize>, Vec<usize>)> = Default::default();
}

/// Spelling similarity of two runs of Chinese characters (edit distance per character).
pub(crate) fn han_similarity(a: &[char], b: &[char]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let longest = a.len().max(b.len()) as f32;
    1.0 - strsim::generic_damerau_levenshtein(a, b) as f32 / longest
}

/// Whether an alignment of two equally long runs of characters, with indels costing 1, need only be
/// computed along the diagonal to know every similarity of at least `at_least`: leaving the
/// diagonal takes an insertion and a deletion, which costs 2, more than such a similarity allows.
/// (1.5 rather than 2 keeps rounding clear of the edge.)
pub(crate) fn diagonal_suffices(n: usize, m: usize, at_least: f32) -> bool {
    n == m && (1.0 - at_least) * (n as f32) < 1.5
}

/// Whether `later` contains all of `earlier` with something added; `min_len` guards against
/// short marks that occur inside unrelated words by chance.
pub(crate) fn containment<T: PartialEq + Copy>(
    earlier: &[T],
    later: &[T],
    min_len: usize,
    show: impl Fn(&[T]) -> String,
) -> Option<Containment> {
    if earlier.len() < min_len || later.len() <= earlier.len() {
        return None;
    }
    let start = later.windows(earlier.len()).position(|w| w == earlier)?;
    let end = start + earlier.len();
    let position = if start == 0 || end == later.len() { Position::Edge } else { Position::Inside };
    let mut added = show(&later[..start]);
    let tail = show(&later[end..]);
    if !added.is_empty() && !tail.is_empty() {
        added.push(' ');
    }
    added.push_str(&tail);
    Some(Containment { position, added })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(chars: &[char]) -> String {
        chars.iter().collect()
    }

    fn latin_similarity(a: &str, b: &str) -> f32 {
        super::latin_similarity(a, b, edit_similarity(a, b))
    }

    #[test]
    fn spelling_scores() {
        assert_eq!(latin_similarity("FACEBOOK", "FACEBOOK"), 1.0);
        assert!(latin_similarity("HISENSE", "HISENCE") > 0.8);
        assert!(latin_similarity("SAMSUNG", "SAMSONITE") < 0.7);
        assert!((edit_similarity("HISENSE", "HISENCE") - 6.0 / 7.0).abs() < 1e-6);
        let a: Vec<char> = "康师傅".chars().collect();
        let b: Vec<char> = "康帅傅".chars().collect();
        assert!((han_similarity(&a, &b) - 2.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn osa_distance_agrees_with_strsim() {
        let words = [
            "", "A", "AB", "BA", "ABC", "CA", "HISENSE", "HISENCE", "SIEMENS", "FACEBOOK", "FACBEOOK", "ÉCLAIR", "海信",
        ];
        for a in words {
            for b in words {
                let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                assert_eq!(osa_distance(&x, &y), strsim::osa_distance(a, b), "{a} / {b}");
                if a.is_ascii() && b.is_ascii() {
                    assert_eq!(osa_distance(a.as_bytes(), b.as_bytes()), strsim::osa_distance(a, b), "{a} / {b}");
                }
            }
        }
    }

    #[test]
    fn finds_the_earlier_mark_inside() {
        let honda: Vec<char> = "HONDA".chars().collect();
        let kit: Vec<char> = "HONDAKIT".chars().collect();
        let found = containment(&honda, &kit, 4, text);
        assert_eq!(found, Some(Containment { position: Position::Edge, added: "KIT".into() }));
        let pen: Vec<char> = "奔富".chars().collect();
        let wine: Vec<char> = "奔富酒园".chars().collect();
        assert!(containment(&pen, &wine, 2, text).is_some());
        let sun: Vec<char> = "SUN".chars().collect();
        assert!(containment(&sun, &kit, 4, text).is_none());
    }
}
