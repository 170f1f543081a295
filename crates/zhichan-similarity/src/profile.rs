//! A mark analysed once — normalised forms, readings, phonetic keys, lattices, meanings — so that
//! a watch run compares profiles cheaply, and the blocking keys a watch engine indexes.

use std::collections::BTreeSet;

use crate::cantonese;
use crate::cross_script;
use crate::latin_phonetic::{MetaphoneCodes, romance_skeleton, sound_skeleton};
use crate::lattice::{Lattice, is_vowel};
use crate::mandarin::{self, Syllable};
use crate::meaning::{self, Meaning, Span};
use crate::normalise::{Normalised, normalise};

/// How many reading paths of a Chinese mark give blocking keys.
const KEY_PATHS: usize = 16;

/// Everything the scorer needs about one mark, computed once.
#[derive(Debug, Clone)]
pub struct MarkProfile {
    original: String,
    pub(crate) normalised: Normalised,
    /// Distinctive words joined without spaces.
    pub(crate) latin: String,
    pub(crate) metaphone: MetaphoneCodes,
    /// Sound skeletons of the words read as English, then as French or Italian where that differs.
    pub(crate) latin_skeletons: Vec<Vec<u8>>,
    pub(crate) latin_fuzzy: Vec<u8>,
    pub(crate) word_meaning: Meaning,
    pub(crate) pinyin: Vec<Vec<Syllable>>,
    pub(crate) jyutping: Vec<Vec<&'static str>>,
    pub(crate) spans: Vec<Span>,
    pub(crate) han_meaning: Meaning,
    /// Fuzzy pinyin spellings, compared with unit costs.
    pub(crate) pinyin_lattice: Lattice,
    /// Sound skeletons of pinyin and transliteration sounds.
    pub(crate) mandarin_lattice: Lattice,
    /// Share of transliteration characters (see [`cross_script::transliteration_share`]).
    pub(crate) transliteration_share: f32,
    /// Sound skeletons of Jyutping.
    pub(crate) cantonese_lattice: Lattice,
}

impl MarkProfile {
    /// Analyses a mark as filed or watched (any script, any width, traditional or simplified).
    pub fn new(mark: &str) -> Self {
        let normalised = normalise(mark);
        let latin: String = normalised.words.concat();
        let han = &normalised.han;
        let pinyin: Vec<Vec<Syllable>> = han.iter().map(|c| mandarin::readings(*c)).collect();
        let jyutping: Vec<Vec<&'static str>> = han.iter().map(|c| cantonese::readings(*c)).collect();
        let spans = meaning::spans(han);
        let mut pinyin_lattice = Lattice::new(han.len());
        let mut cantonese_lattice = Lattice::new(han.len());
        for i in 0..han.len() {
            for syllable in &pinyin[i] {
                pinyin_lattice.add(i, i + 1, syllable.fuzzy.as_bytes().to_vec());
            }
            for reading in &jyutping[i] {
                cantonese_lattice.add(i, i + 1, cantonese::skeleton(reading));
            }
            if jyutping[i].is_empty() {
                cantonese_lattice.add(i, i + 1, Vec::new());
            }
            if pinyin[i].is_empty() {
                pinyin_lattice.add(i, i + 1, Vec::new());
            }
        }
        pinyin_lattice.seal();
        cantonese_lattice.seal();
        Self {
            original: mark.to_string(),
            metaphone: MetaphoneCodes::of(&latin),
            latin_skeletons: latin_skeletons(&normalised.words),
            latin_fuzzy: mandarin::fuzzy(&latin).into_bytes(),
            word_meaning: meaning::of_words(&normalised.words),
            mandarin_lattice: cross_script::mandarin_lattice(han, &pinyin),
            transliteration_share: cross_script::transliteration_share(han),
            han_meaning: meaning::of_han(han, &spans),
            pinyin_lattice,
            cantonese_lattice,
            pinyin,
            jyutping,
            spans,
            latin,
            normalised,
        }
    }

    /// The mark as given.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The normalised mark.
    pub fn normalised(&self) -> &Normalised {
        &self.normalised
    }

    /// Legal-form and generic words that were set aside.
    pub fn set_aside(&self) -> &[String] {
        &self.normalised.set_aside
    }

    /// Whether nothing distinctive is left to compare.
    pub fn is_empty(&self) -> bool {
        self.latin.is_empty() && self.normalised.han.is_empty()
    }

    pub(crate) fn han(&self) -> &[char] {
        &self.normalised.han
    }

    pub(crate) fn han_text(&self) -> String {
        self.normalised.han.iter().collect()
    }

    /// Blocking keys for candidate generation: a watch engine indexes the keys of every watched
    /// mark and scores a filing only against marks sharing a key. Keys are prefixed by kind:
    /// `t:` letter trigrams, `dm:` Double Metaphone codes (4 sounds), `sk:` and `sk2:` the first
    /// three and two consonants of a sound skeleton (Latin letters, or any Mandarin or Cantonese
    /// reading path of a Chinese mark, so that scripts meet), `py:` fuzzy pinyin spelled out (a
    /// Latin mark's letters, a Chinese mark's reading paths), `h:` each Chinese character, `m:`
    /// concepts.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = BTreeSet::new();
        let letters: Vec<char> = self.latin.chars().collect();
        if letters.len() < 3 && !letters.is_empty() {
            keys.insert(format!("t:{}", self.latin));
        }
        for gram in letters.windows(3) {
            keys.insert(format!("t:{}", gram.iter().collect::<String>()));
        }
        for code in [&self.metaphone.primary, &self.metaphone.alternate] {
            if !code.is_empty() {
                keys.insert(format!("dm:{}", code.chars().take(4).collect::<String>()));
            }
        }
        for skeleton in &self.latin_skeletons {
            keys.extend(skeleton_keys([skeleton.as_slice()]));
        }
        for lattice in [&self.mandarin_lattice, &self.cantonese_lattice] {
            for path in lattice.paths(KEY_PATHS) {
                keys.extend(skeleton_keys(path));
            }
        }
        if !self.latin_fuzzy.is_empty() {
            keys.insert(format!("py:{}", String::from_utf8_lossy(&self.latin_fuzzy)));
        }
        for path in self.pinyin_lattice.paths(KEY_PATHS) {
            let spelled = path.concat();
            if !spelled.is_empty() {
                keys.insert(format!("py:{}", String::from_utf8_lossy(&spelled)));
            }
        }
        for c in self.han() {
            keys.insert(format!("h:{c}"));
        }
        for concept in self.han_meaning.strong.iter().chain(&self.word_meaning.strong) {
            keys.insert(format!("m:{}", meaning::name(*concept)));
        }
        keys.into_iter().collect()
    }
}

fn latin_skeletons(words: &[String]) -> Vec<Vec<u8>> {
    let english: Vec<u8> = words.iter().flat_map(|w| sound_skeleton(w)).collect();
    let romance: Vec<Option<Vec<u8>>> = words.iter().map(|w| romance_skeleton(w)).collect();
    if romance.iter().all(Option::is_none) {
        return vec![english];
    }
    let romance = words.iter().zip(romance).flat_map(|(w, r)| r.unwrap_or_else(|| sound_skeleton(w))).collect();
    vec![english, romance]
}

fn skeleton_keys<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Vec<String> {
    let consonants: String =
        parts.into_iter().flatten().filter(|&&s| !is_vowel(s)).take(3).map(|&s| char::from(s)).collect();
    if consonants.is_empty() {
        return Vec::new();
    }
    let two: String = consonants.chars().take(2).collect();
    vec![format!("sk:{consonants}"), format!("sk2:{two}")]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares_key(a: &str, b: &str) -> bool {
        let a = MarkProfile::new(a).keys();
        MarkProfile::new(b).keys().iter().any(|k| a.contains(k))
    }

    #[test]
    fn keys_meet_across_scripts() {
        assert!(shares_key("五粮液", "WULIANGYE"));
        assert!(shares_key("王老吉", "WONG LO KAT"));
        assert!(shares_key("乔丹", "JORDAN"));
        assert!(shares_key("苹果", "APPLE"));
        assert!(shares_key("Hisense", "HISENCE"));
    }

    #[test]
    fn unrelated_latin_marks_share_no_key() {
        assert!(!shares_key("PAPAYA", "HISENSE"), "no empty key common to every Latin mark");
        assert!(MarkProfile::new("GREE").keys().iter().all(|k| !k.ends_with(':')));
    }

    #[test]
    fn profiles_keep_what_was_set_aside() {
        let profile = MarkProfile::new("奔富酒园有限公司");
        assert_eq!(profile.set_aside(), ["有限公司"]);
        assert_eq!(profile.han_text(), "奔富酒园");
        assert!(!profile.is_empty());
    }
}
