//! Every dimension that applies to a pair of profiles: spelling, sound and meaning of Latin words;
//! spelling, sound and shape of Chinese characters; and the ways a Chinese mark meets a Latin one.

use crate::cantonese;
use crate::cross_script;
use crate::latin_phonetic::sound_similarity;
use crate::lattice::{Lattice, Skeleton, Unit, is_vowel};
use crate::mandarin;
use crate::meaning::{self, Meaning};
use crate::orthographic::{Position, containment, han_similarity, latin_similarity};
use crate::profile::MarkProfile;
use crate::reason::{Dimension, DimensionScore, Reason};
use crate::shape;

/// Scores below this are not worth a reason.
const FLOOR: f32 = 0.3;

/// Sound matches across scripts must be near exact: chance alignments of short readings reach
/// 0.8, real transliterations 0.9 and more. The ramp maps `floor` → 0 and 1 → 1.
fn sound_score(similarity: f32, floor: f32) -> f32 {
    ((similarity - floor) / (1.0 - floor)).clamp(0.0, 1.0)
}

/// The ramp's floor for readings (pinyin, Cantonese, and meaningful characters heard as sound).
const STRICT_FLOOR: f32 = 0.4;
/// The ramp's floor for a Chinese mark heard as a foreign word.
const TRANSLITERATION_FLOOR: f32 = 0.3;
/// How far the floor drops for a mark written wholly in transliteration characters.
const TRANSLITERATION_LENIENCY: f32 = 0.35;
/// The most a transliteration scores.
const TRANSLITERATION_CAP: f32 = 0.97;
/// Meaningful characters heard as a foreign word keep this share of the score (a mark wholly of
/// transliteration characters keeps all of it).
const MEANINGFUL_SHARE: f32 = 0.7;
/// A transliteration may render only the start of a word (奔富 ~ PENFOLDS): the rest costs this
/// share, for marks mostly of transliteration characters.
const TRANSLITERATION_TAIL: f32 = 0.5;

/// Containment scores before practice rules weigh what was added.
const CONTAINED_AT_EDGE: f32 = 0.8;
const CONTAINED_INSIDE: f32 = 0.7;

/// The scores of every applicable dimension, unordered.
pub(crate) fn dimensions(watched: &MarkProfile, filing: &MarkProfile) -> Vec<DimensionScore> {
    let mut out = Vec::new();
    if !watched.latin.is_empty() && !filing.latin.is_empty() {
        latin_pair(watched, filing, &mut out);
    }
    if !watched.han().is_empty() && !filing.han().is_empty() {
        han_pair(watched, filing, &mut out);
    }
    if !watched.han().is_empty() && !filing.latin.is_empty() {
        cross_pair(watched, filing, &mut out);
    }
    if !filing.han().is_empty() && !watched.latin.is_empty() {
        cross_pair(filing, watched, &mut out);
    }
    out
}

/// Adds a dimension that scored at least [`FLOOR`]; its reason is only built then (most pairs
/// screened are strangers, and building reasons is most of the cost of comparing them).
fn push(out: &mut Vec<DimensionScore>, dimension: Dimension, score: f32, reason: impl FnOnce() -> Reason) {
    if score >= FLOOR {
        out.push(DimensionScore { dimension, score: score.clamp(0.0, 1.0), reason: reason() });
    }
}

fn words(profile: &MarkProfile) -> String {
    profile.normalised.words.join(" ")
}

fn latin_pair(w: &MarkProfile, f: &MarkProfile, out: &mut Vec<DimensionScore>) {
    let spelling = if w.latin == f.latin { 0.97 } else { latin_similarity(&w.latin, &f.latin) };
    if w.latin == f.latin {
        push(out, Dimension::Orthographic, spelling, || Reason::SplitOrJoined { joined: w.latin.clone() });
    } else {
        push(out, Dimension::Orthographic, spelling, || Reason::Spelling { watched: words(w), filing: words(f) });
    }
    let earlier: Vec<char> = w.latin.chars().collect();
    let later: Vec<char> = f.latin.chars().collect();
    if let Some(found) = containment(&earlier, &later, 4, |c| c.iter().collect()) {
        contained(out, w.latin.clone(), found.added, found.position);
    }
    if let Some((score, watched_code, filing_code)) = sound_similarity(&w.metaphone, &f.metaphone) {
        // Rule 7: sounding alike counts where the marks also look alike overall.
        let look = 0.55 + 0.45 * spelling;
        push(out, Dimension::LatinPhonetic, score * look, || Reason::SoundsAlike { watched_code, filing_code });
    }
    meaning_dimension(&w.word_meaning, &f.word_meaning, out);
}

fn contained(out: &mut Vec<DimensionScore>, earlier: String, added: String, position: Position) {
    let score = match position {
        Position::Edge => CONTAINED_AT_EDGE,
        Position::Inside => CONTAINED_INSIDE,
    };
    push(out, Dimension::Orthographic, score, || Reason::Contains { earlier, added });
}

fn han_pair(w: &MarkProfile, f: &MarkProfile, out: &mut Vec<DimensionScore>) {
    let reason = || Reason::Spelling { watched: w.han_text(), filing: f.han_text() };
    push(out, Dimension::Orthographic, han_similarity(w.han(), f.han()), reason);
    if let Some(found) = containment(w.han(), f.han(), 2, |c| c.iter().collect()) {
        contained(out, w.han_text(), found.added, found.position);
    }
    if let Some(score) = mandarin::homophone_similarity(w.han(), &w.pinyin, f.han(), &f.pinyin) {
        let reason =
            || Reason::PinyinHomophone { watched: mandarin::display(&w.pinyin), filing: mandarin::display(&f.pinyin) };
        push(out, Dimension::Mandarin, 0.95 * score, reason);
    }
    let (score, pairs) = shape::similarity(w.han(), f.han());
    if !pairs.is_empty() {
        push(out, Dimension::Shape, score, || Reason::LookAlike { pairs });
    }
}

/// How far a sound skeleton can be trusted: one or two consonants match by chance.
fn confidence(skeleton: &[u8]) -> f32 {
    match skeleton.iter().filter(|&&s| !is_vowel(s)).count() {
        0 | 1 => 0.8,
        2 => 0.9,
        _ => 1.0,
    }
}

fn cross_pair(h: &MarkProfile, l: &MarkProfile, out: &mut Vec<DimensionScore>) {
    let han = || h.han_text();
    let latin = || words(l);
    let extended = cross_script::with_translations(&h.mandarin_lattice, h.han(), &h.spans, &l.normalised.words);
    let (lattice, translated, share) = match &extended {
        Some((lattice, translated)) => (lattice, translated.clone(), h.transliteration_share.max(0.5)),
        None => (&h.mandarin_lattice, Vec::new(), h.transliteration_share),
    };
    let tail = if share >= 0.5 { TRANSLITERATION_TAIL } else { 1.0 };
    let pinyin = h.pinyin_lattice.similarity(&l.latin_fuzzy, &Unit, 1.0);
    let reason = || Reason::PinyinSpelling { han: han(), pinyin: mandarin::display(&h.pinyin), latin: latin() };
    push(out, Dimension::Mandarin, 0.95 * sound_score(pinyin, STRICT_FLOOR), reason);

    let trust = confidence(&l.latin_skeletons[0]);
    let cantonese = best_reading(&h.cantonese_lattice, &l.latin_skeletons, 1.0);
    // Hong Kong transliterations (屈臣氏 ~ WATSONS) are heard in Cantonese.
    let cantonese_sound =
        if tail == 1.0 { cantonese } else { best_reading(&h.cantonese_lattice, &l.latin_skeletons, tail) };
    let first = |r: &Vec<&'static str>| r.first().copied().unwrap_or("?");
    let reason = || Reason::CantoneseSpelling {
        han: han(),
        jyutping: h.jyutping.iter().map(first).collect::<Vec<_>>().join(" "),
        hong_kong: h.jyutping.iter().map(|r| cantonese::hong_kong(first(r))).collect::<Vec<_>>().join(" "),
        latin: latin(),
    };
    push(out, Dimension::Cantonese, 0.95 * trust * sound_score(cantonese, STRICT_FLOOR), reason);

    let sound = best_reading(lattice, &l.latin_skeletons, tail).max(cantonese_sound);
    let floor = TRANSLITERATION_FLOOR - TRANSLITERATION_LENIENCY * share;
    let reason =
        || Reason::Transliteration { han: han(), reading: mandarin::display(&h.pinyin), latin: latin(), translated };
    let weight = MEANINGFUL_SHARE + (1.0 - MEANINGFUL_SHARE) * share;
    let score = TRANSLITERATION_CAP * trust * weight * sound_score(sound, floor);
    push(out, Dimension::CrossScript, score, reason);
    meaning_dimension(&h.han_meaning, &l.word_meaning, out);
}

/// The best match of a lattice against any reading of the Latin mark.
fn best_reading(lattice: &Lattice, skeletons: &[Vec<u8>], tail: f32) -> f32 {
    skeletons.iter().map(|s| lattice.similarity(s, &Skeleton, tail)).fold(0.0, f32::max)
}

fn meaning_dimension(a: &Meaning, b: &Meaning, out: &mut Vec<DimensionScore>) {
    let (score, shared) = meaning::similarity(a, b);
    if !shared.is_empty() {
        let concepts = shared.iter().map(|c| meaning::name(*c).to_string()).collect();
        push(out, Dimension::Meaning, score, || Reason::SameMeaning { concepts });
    }
}
