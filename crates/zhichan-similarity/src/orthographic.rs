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

/// Spelling similarity of two Latin marks (joined letters), in [0, 1].
pub(crate) fn latin_similarity(a: &str, b: &str) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let longest = a.chars().count().max(b.chars().count()) as f32;
    let edit = 1.0 - strsim::osa_distance(a, b) as f32 / longest;
    let prefix = strsim::jaro_winkler(a, b) as f32;
    let grams = strsim::sorensen_dice(a, b) as f32;
    0.5 * edit + 0.25 * prefix + 0.25 * grams
}

/// Spelling similarity of two runs of Chinese characters (edit distance per character).
pub(crate) fn han_similarity(a: &[char], b: &[char]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let longest = a.len().max(b.len()) as f32;
    1.0 - strsim::generic_damerau_levenshtein(a, b) as f32 / longest
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

    #[test]
    fn spelling_scores() {
        assert_eq!(latin_similarity("FACEBOOK", "FACEBOOK"), 1.0);
        assert!(latin_similarity("HISENSE", "HISENCE") > 0.8);
        assert!(latin_similarity("SAMSUNG", "SAMSONITE") < 0.7);
        let a: Vec<char> = "康师傅".chars().collect();
        let b: Vec<char> = "康帅傅".chars().collect();
        assert!((han_similarity(&a, &b) - 2.0 / 3.0).abs() < 1e-6);
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
