//! Sound of Latin-script marks: Double Metaphone codes (via `rphonetic`) for Latin-against-Latin,
//! and a coarser sound skeleton shared with the readings of Chinese marks for cross-script work.

use rphonetic::DoubleMetaphone;

use crate::lattice::vowel_class;
use crate::orthographic::edit_similarity;

/// Double Metaphone codes of a mark, primary and alternate, without length limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MetaphoneCodes {
    pub primary: String,
    pub alternate: String,
}

impl MetaphoneCodes {
    /// Codes of the joined letters of a mark.
    pub fn of(joined: &str) -> Self {
        let letters: String = joined.chars().filter(char::is_ascii_alphabetic).collect();
        if letters.is_empty() {
            return Self::default();
        }
        let result = DoubleMetaphone::new(None).double_metaphone(&letters);
        Self { primary: result.primary(), alternate: result.alternate() }
    }

    fn codes(&self) -> impl Iterator<Item = &str> {
        [self.primary.as_str(), self.alternate.as_str()].into_iter().filter(|c| !c.is_empty())
    }

    /// The closest pair of codes and their similarity in [0, 1].
    pub fn best_match<'a>(&'a self, other: &'a Self) -> Option<(&'a str, &'a str, f32)> {
        let mut best: Option<(&str, &str, f32)> = None;
        for a in self.codes() {
            for b in other.codes() {
                let sim = edit_similarity(a, b);
                if best.is_none_or(|(_, _, s)| sim > s) {
                    best = Some((a, b, sim));
                }
            }
        }
        best
    }
}

/// The most [`sound_similarity`] scores.
pub(crate) const MAX_SOUND_SCORE: f32 = 0.92;

/// Similarity by sound of two Latin marks: equal codes score 0.92 (sound, not spelling, agrees);
/// short codes (under four sounds) collide by chance and count for less.
pub(crate) fn sound_similarity<'a>(a: &'a MetaphoneCodes, b: &'a MetaphoneCodes) -> Option<(f32, &'a str, &'a str)> {
    let (ca, cb, sim) = a.best_match(b)?;
    let shortest = ca.len().min(cb.len());
    let confidence = match shortest {
        0..=1 => 0.5,
        2 => 0.7,
        3 => 0.85,
        _ => MAX_SOUND_SCORE,
    };
    Some((sim * sim * confidence, ca, cb))
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'A' | b'E' | b'I' | b'O' | b'U' | b'Y')
}

/// The sound skeleton of a Latin word read as English: each vowel run becomes the class of its
/// first vowel (`a` open, `e` front, `o` back), consonants fold into classes as a Chinese
/// transliteration hears them — B/P → P, D/T/TH → T, C/K/Q/hard G → K, J/soft G/Z/CH → J, TS at
/// the start of a word → J (elsewhere T and S meet across syllables: WAT-SONS), S/SH/soft C → S,
/// F/V/PH → F, L/R → L (R after a vowel and before a consonant is dropped), M, N (NG → N), H only
/// before a vowel, W before a vowel.
pub(crate) fn sound_skeleton(word: &str) -> Vec<u8> {
    skeleton(word, false)
}

/// The sound skeleton of a Latin word read as French or Italian, the readings behind many Chinese
/// renderings of fashion and luxury brands: H is silent at the start (HERMES ~ 爱马仕), CH is
/// S (CHANEL ~ 香奈儿), and C or CC before E, I or Y is the Italian CH (GUCCI ~ 古驰). `None`
/// where this reading is the English one.
pub(crate) fn romance_skeleton(word: &str) -> Option<Vec<u8>> {
    let romance = skeleton(word, true);
    (romance != skeleton(word, false)).then_some(romance)
}

fn skeleton(word: &str, romance: bool) -> Vec<u8> {
    let b: Vec<u8> = word.bytes().filter(u8::is_ascii_alphabetic).map(|c| c.to_ascii_uppercase()).collect();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = at(i + 1);
        let soft = matches!(next, b'E' | b'I' | b'Y');
        let mut skip = 0;
        let symbol = match c {
            _ if is_vowel(c) && i > 0 && is_vowel(at(i - 1)) => None,
            _ if is_vowel(c) => Some(vowel_class(c)),
            b'W' if is_vowel(next) => Some(b'W'),
            b'W' if i > 0 && is_vowel(at(i - 1)) => None,
            b'W' => Some(b'o'),
            b'H' if romance && i == 0 => None,
            b'H' => (is_vowel(next) && (i == 0 || is_vowel(at(i - 1)))).then_some(b'H'),
            b'P' if next == b'H' => {
                skip = 1;
                Some(b'F')
            }
            b'B' | b'P' => Some(b'P'),
            b'T' if next == b'H' => {
                skip = 1;
                Some(b'T')
            }
            b'T' if next == b'Z' || (next == b'S' && i == 0) => {
                skip = 1;
                Some(b'J')
            }
            b'D' | b'T' => Some(b'T'),
            b'C' if next == b'H' => {
                skip = 1;
                Some(if romance { b'S' } else { b'J' })
            }
            b'C' if romance && next == b'C' && matches!(at(i + 2), b'E' | b'I' | b'Y') => None,
            b'C' if romance && soft => Some(b'J'),
            b'C' if next == b'K' => {
                skip = 1;
                Some(b'K')
            }
            b'C' if soft => Some(b'S'),
            b'G' if i > 0 && at(i - 1) == b'N' && !is_vowel(next) => None,
            b'G' if next == b'H' => {
                skip = 1;
                (i == 0).then_some(b'K')
            }
            b'G' if soft => Some(b'J'),
            b'C' | b'K' | b'Q' | b'G' => Some(b'K'),
            b'J' | b'Z' => Some(b'J'),
            b'S' if next == b'H' => {
                skip = 1;
                Some(b'S')
            }
            b'S' => Some(b'S'),
            b'X' if i == 0 => Some(b'S'),
            b'X' => {
                push(&mut out, b'K');
                Some(b'S')
            }
            b'F' | b'V' => Some(b'F'),
            b'R' if i > 0 && is_vowel(at(i - 1)) && !is_vowel(next) => None,
            b'L' | b'R' => Some(b'L'),
            b'M' => Some(b'M'),
            b'N' => Some(b'N'),
            _ => None,
        };
        if let Some(symbol) = symbol {
            push(&mut out, symbol);
        }
        i += 1 + skip;
    }
    out
}

/// Appends a symbol, collapsing doubled letters and vowel runs.
pub(crate) fn push(out: &mut Vec<u8>, symbol: u8) {
    if out.last() != Some(&symbol) {
        out.push(symbol);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skeleton(word: &str) -> String {
        String::from_utf8(sound_skeleton(word)).unwrap_or_default()
    }

    #[test]
    fn skeletons_fold_as_transliteration_hears() {
        assert_eq!(skeleton("JORDAN"), "JoTaN");
        assert_eq!(skeleton("TESLA"), "TeSLa");
        assert_eq!(skeleton("HAIER"), "Ha");
        assert_eq!(skeleton("PHILIPS"), "FeLePS");
        assert_eq!(skeleton("KING"), "KeN");
        assert_eq!(skeleton("WATSONS"), "WaTSoNS");
        assert_eq!(skeleton("TSE"), "Je");
    }

    #[test]
    fn romance_readings() {
        let romance = |w: &str| romance_skeleton(w).map(|s| String::from_utf8(s).unwrap_or_default());
        assert_eq!(romance("GUCCI").as_deref(), Some("KoJe"));
        assert_eq!(romance("CHANEL").as_deref(), Some("SaNeL"));
        assert_eq!(romance("HERMES").as_deref(), Some("eMeS"));
        assert_eq!(romance("JORDAN"), None);
    }

    #[test]
    fn metaphone_hears_spelling_variants() {
        let a = MetaphoneCodes::of("HISENSE");
        let b = MetaphoneCodes::of("HYSENCE");
        assert_eq!(sound_similarity(&a, &b).map(|s| s.0 > 0.9), Some(true));
    }
}
