//! Meaning: marks read as concepts through a small bilingual dictionary of common brand words
//! (`data/lexicon.tsv`, our own curated list), so that 苹果 meets APPLE and 大白兔 meets WHITE
//! RABBIT (CNIPA rule 8). Weak words (大, NEW, SUPER, the brand suffix 牌 …) are kept apart
//! (rule 13), so that 壳牌 means SHELL.

use std::collections::HashMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../data/lexicon.tsv");

/// Index of a concept in the dictionary.
pub(crate) type Concept = u16;

struct Lexicon {
    names: Vec<&'static str>,
    english: Vec<Vec<&'static str>>,
    weak: Vec<bool>,
    by_chinese: HashMap<&'static str, Concept>,
    by_english: HashMap<&'static str, Concept>,
    longest_chinese: usize,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lexicon = Lexicon {
            names: Vec::new(),
            english: Vec::new(),
            weak: Vec::new(),
            by_chinese: HashMap::new(),
            by_english: HashMap::new(),
            longest_chinese: 1,
        };
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [name, weak, chinese, english] = fields[..] else {
                continue;
            };
            let id = lexicon.names.len() as Concept;
            lexicon.names.push(name);
            lexicon.weak.push(weak == "1");
            lexicon.english.push(english.split(',').collect());
            for form in chinese.split(',') {
                lexicon.by_chinese.insert(form, id);
                lexicon.longest_chinese = lexicon.longest_chinese.max(form.chars().count());
            }
            for form in english.split(',') {
                lexicon.by_english.insert(form, id);
            }
        }
        lexicon
    })
}

/// A mark as concepts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meaning {
    /// Distinctive concepts, in order.
    pub strong: Vec<Concept>,
    /// Weak or describing concepts.
    pub weak: Vec<Concept>,
    /// Words or runs of characters the dictionary does not know.
    pub unknown: usize,
}

impl Meaning {
    fn add(&mut self, concept: Option<Concept>, unknown_run: &mut bool) {
        match concept {
            Some(c) if lexicon().weak[usize::from(c)] => self.weak.push(c),
            Some(c) => self.strong.push(c),
            None if *unknown_run => return,
            None => self.unknown += 1,
        }
        *unknown_run = concept.is_none();
    }
}

/// A dictionary word found in a run of Chinese characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub from: usize,
    pub to: usize,
    pub concept: Concept,
}

/// Concepts of English words, with plural and possessive endings tried off (rule 10); two words
/// that form one dictionary entry (GREAT WALL) count once.
pub(crate) fn of_words(words: &[String]) -> Meaning {
    let mut meaning = Meaning::default();
    let mut i = 0;
    while i < words.len() {
        let pair = words.get(i + 1).and_then(|next| english(&format!("{}{next}", words[i])));
        // Every unknown word is its own unit.
        match pair {
            Some(concept) => {
                meaning.add(Some(concept), &mut false);
                i += 2;
            }
            None => {
                meaning.add(english(&words[i]), &mut false);
                i += 1;
            }
        }
    }
    meaning
}

fn english(word: &str) -> Option<Concept> {
    let by_english = &lexicon().by_english;
    by_english
        .get(word)
        .or_else(|| word.strip_suffix('S').and_then(|w| by_english.get(w)))
        .or_else(|| word.strip_suffix("ES").and_then(|w| by_english.get(w)))
        .copied()
}

/// Dictionary words in `han`, longest match first from the left.
pub(crate) fn spans(han: &[char]) -> Vec<Span> {
    let lexicon = lexicon();
    let mut out = Vec::new();
    let mut i = 0;
    let mut buffer = String::new();
    while i < han.len() {
        let longest = lexicon.longest_chinese.min(han.len() - i);
        let found = (1..=longest).rev().find_map(|len| {
            buffer.clear();
            buffer.extend(&han[i..i + len]);
            lexicon.by_chinese.get(buffer.as_str()).map(|&c| (len, c))
        });
        match found {
            Some((len, concept)) => {
                out.push(Span { from: i, to: i + len, concept });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// Concepts of a run of Chinese characters; characters between dictionary words count as one
/// unknown unit per run.
pub(crate) fn of_han(han: &[char], spans: &[Span]) -> Meaning {
    let mut meaning = Meaning::default();
    let mut unknown_run = false;
    let mut i = 0;
    for span in spans {
        if span.from > i {
            meaning.add(None, &mut unknown_run);
        }
        meaning.add(Some(span.concept), &mut unknown_run);
        i = span.to;
    }
    if i < han.len() {
        meaning.add(None, &mut unknown_run);
    }
    meaning
}

/// English forms of a concept.
pub(crate) fn english_forms(concept: Concept) -> &'static [&'static str] {
    lexicon().english.get(usize::from(concept)).map_or(&[], Vec::as_slice)
}

/// The concept's name, for reasons and keys.
pub(crate) fn name(concept: Concept) -> &'static str {
    lexicon().names.get(usize::from(concept)).copied().unwrap_or("?")
}

/// Similarity of meaning: shared distinctive concepts over the larger mark's units, at most 0.92
/// (a translation is strong but not identity); the shared concepts are returned for the reason.
pub(crate) fn similarity(a: &Meaning, b: &Meaning) -> (f32, Vec<Concept>) {
    if a.strong.is_empty() || b.strong.is_empty() {
        return (0.0, Vec::new());
    }
    let mut rest = b.strong.clone();
    let mut shared = Vec::new();
    for c in &a.strong {
        if let Some(pos) = rest.iter().position(|x| x == c) {
            rest.swap_remove(pos);
            shared.push(*c);
        }
    }
    let units = (a.strong.len() + a.unknown).max(b.strong.len() + b.unknown);
    (0.92 * shared.len() as f32 / units as f32, shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn han(text: &str) -> Meaning {
        let chars: Vec<char> = text.chars().collect();
        of_han(&chars, &spans(&chars))
    }

    fn words(text: &str) -> Meaning {
        let words: Vec<String> = text.split(' ').map(str::to_string).collect();
        of_words(&words)
    }

    #[test]
    fn translations_share_concepts() {
        assert!(similarity(&han("苹果"), &words("APPLE")).0 > 0.9);
        assert!(similarity(&han("大白兔"), &words("WHITE RABBIT")).0 > 0.9);
        assert!(similarity(&han("七匹狼"), &words("SEVEN WOLVES")).0 < 0.9);
        assert!(similarity(&han("海信"), &words("SEA")).0 < 0.5);
    }
}
