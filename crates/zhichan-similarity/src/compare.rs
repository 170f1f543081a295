//! Every dimension that applies to a pair of profiles: spelling, sound and meaning of Latin words;
//! spelling, sound and shape of Chinese characters; and the ways a Chinese mark meets a Latin one.

use crate::cantonese;
use crate::cross_script;
use crate::latin_phonetic::{MAX_SOUND_SCORE, sound_similarity};
use crate::lattice::{Lattice, Skeleton, Unit, is_vowel};
use crate::mandarin;
use crate::meaning::{self, Meaning};
use crate::orthographic::{Containment, Position, containment, edit_similarity, han_similarity, latin_similarity};
use crate::profile::MarkProfile;
use zhichan_domain::watch::MarkReason;

use crate::reason::{Dimension, DimensionScore};
use crate::shape;

/// Scores below this are not worth a reason.
pub(crate) const FLOOR: f32 = 0.3;

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

/// The scores of every applicable dimension that scores at least [`FLOOR`], unordered.
///
/// Dimensions that would score below `at_least` may be left out without being computed in full
/// (the costly sound alignments stop early): screening asks only whether a pair can reach the
/// alert threshold. Every dimension given is exact, and with `at_least` at most [`FLOOR`] none is
/// left out. Containment is always given: practice rules read it.
pub(crate) fn dimensions(watched: &MarkProfile, filing: &MarkProfile, at_least: f32) -> Vec<DimensionScore> {
    let mut out = Vec::new();
    if !watched.latin.is_empty() && !filing.latin.is_empty() {
        latin_pair(watched, filing, at_least, &mut out);
    }
    if !watched.han().is_empty() && !filing.han().is_empty() {
        han_pair(watched, filing, at_least, &mut out);
    }
    if !watched.han().is_empty() && !filing.latin.is_empty() {
        cross_pair(watched, filing, at_least, &mut out);
    }
    if !filing.han().is_empty() && !watched.latin.is_empty() {
        cross_pair(filing, watched, at_least, &mut out);
    }
    out
}

/// Adds a dimension that scored at least [`FLOOR`]; its reason is only built then (most pairs
/// screened are strangers, and building reasons is most of the cost of comparing them).
fn push(out: &mut Vec<DimensionScore>, dimension: Dimension, score: f32, reason: impl FnOnce() -> MarkReason) {
    if score >= FLOOR {
        out.push(DimensionScore { dimension, score: score.clamp(0.0, 1.0), reason: reason() });
    }
}

fn words(profile: &MarkProfile) -> String {
    profile.normalised.words.join(" ")
}

fn latin_pair(w: &MarkProfile, f: &MarkProfile, at_least: f32, out: &mut Vec<DimensionScore>) {
    // Rule 7: sounding alike counts where the marks also look alike overall.
    let look = |spelling: f32| 0.55 + 0.45 * spelling;
    // Half the spelling score is the edit similarity, so it bounds both spelling and sound; the
    // lengths bound the edit similarity before it is computed.
    let reachable = |edit: f32| {
        let most = 0.5 * edit + 0.5;
        most >= at_least || MAX_SOUND_SCORE * look(most) >= at_least
    };
    let (a, b) = (w.latin.chars().count(), f.latin.chars().count());
    let spelling = if w.latin == f.latin {
        Some(0.97)
    } else if !reachable(1.0 - a.abs_diff(b) as f32 / a.max(b) as f32) {
        None
    } else {
        let edit = edit_similarity(&w.latin, &f.latin);
        reachable(edit).then(|| latin_similarity(&w.latin, &f.latin, edit))
    };
    let sound = spelling.and_then(|_| sound_similarity(&w.metaphone, &f.metaphone));
    let heard = |spelling: f32| sound.as_ref().map_or(0.0, |(score, ..)| score * look(spelling));
    if let Some(spelling) = spelling {
        if w.latin == f.latin {
            push(out, Dimension::Orthographic, spelling, || MarkReason::SplitOrJoined { joined: w.latin.clone() });
        } else {
            push(out, Dimension::Orthographic, spelling, || MarkReason::Spelling {
                watched: words(w),
                filing: words(f),
            });
        }
    }
    if let Some(found) = latin_containment(&w.latin, &f.latin) {
        contained(out, w.latin.clone(), found.added, found.position);
    }
    if let (Some(spelling), Some((_, watched_code, filing_code))) = (spelling, &sound) {
        let reason =
            || MarkReason::SoundsAlike { watched_code: watched_code.to_string(), filing_code: filing_code.to_string() };
        push(out, Dimension::LatinPhonetic, heard(spelling), reason);
    }
    meaning_dimension(&w.word_meaning, &f.word_meaning, out);
}

/// [`containment`] of one Latin mark in another, by bytes where both are ASCII.
fn latin_containment(earlier: &str, later: &str) -> Option<Containment> {
    if earlier.is_ascii() && later.is_ascii() {
        containment(earlier.as_bytes(), later.as_bytes(), 4, |c| String::from_utf8_lossy(c).into_owned())
    } else {
        let (earlier, later): (Vec<char>, Vec<char>) = (earlier.chars().collect(), later.chars().collect());
        containment(&earlier, &later, 4, |c| c.iter().collect())
    }
}

fn contained(out: &mut Vec<DimensionScore>, earlier: String, added: String, position: Position) {
    let score = match position {
        Position::Edge => CONTAINED_AT_EDGE,
        Position::Inside => CONTAINED_INSIDE,
    };
    push(out, Dimension::Orthographic, score, || MarkReason::Contains { earlier, added });
}

fn han_pair(w: &MarkProfile, f: &MarkProfile, at_least: f32, out: &mut Vec<DimensionScore>) {
    let (a, b) = (w.han(), f.han());
    // Spelling, sound and shape all align the characters: each character one mark has more than
    // the other costs a whole unit, and different marks cost at least one edit, or a tenth for a
    // homophone (a look-alike can cost less). Identical characters have no sound or shape pairs.
    let same = a == b;
    let indels = a.len().abs_diff(b.len()) as f32;
    let longest = a.len().max(b.len()) as f32;
    let reachable = |least_cost: f32, scale: f32| scale * (1.0 - least_cost / longest) >= at_least;
    if reachable(if same { 0.0 } else { indels.max(1.0) }, 1.0) {
        let reason = || MarkReason::Spelling { watched: w.han_text(), filing: f.han_text() };
        push(out, Dimension::Orthographic, han_similarity(a, b), reason);
    }
    if let Some(found) = containment(a, b, 2, |c| c.iter().collect()) {
        contained(out, w.han_text(), found.added, found.position);
    }
    if !same
        && reachable(indels.max(0.1), 0.95)
        && let Some(score) = mandarin::homophone_similarity(a, &w.pinyin, b, &f.pinyin, at_least / 0.95)
    {
        let reason = || MarkReason::PinyinHomophone {
            watched: mandarin::display(&w.pinyin),
            filing: mandarin::display(&f.pinyin),
        };
        push(out, Dimension::Mandarin, 0.95 * score, reason);
    }
    if !same && reachable(indels, 1.0) {
        let (score, pairs) = shape::similarity(a, b, at_least);
        if !pairs.is_empty() {
            push(out, Dimension::Shape, score, || MarkReason::LookAlike { pairs });
        }
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

/// The similarity a sound alignment must reach for `scale * sound_score(similarity, floor)` to be
/// at least `at_least` (a hair lower, so that rounding never drops a score at the bar).
fn sound_needed(at_least: f32, scale: f32, floor: f32) -> f32 {
    floor + (1.0 - floor) * at_least / scale - 1e-4
}

fn cross_pair(h: &MarkProfile, l: &MarkProfile, at_least: f32, out: &mut Vec<DimensionScore>) {
    let han = || h.han_text();
    let latin = || words(l);
    let extended = cross_script::with_translations(&h.mandarin_lattice, h.han(), &h.spans, &l.normalised.words);
    let (lattice, translated, share) = match &extended {
        Some((lattice, translated)) => (lattice, translated.clone(), h.transliteration_share.max(0.5)),
        None => (&h.mandarin_lattice, Vec::new(), h.transliteration_share),
    };
    let tail = if share >= 0.5 { TRANSLITERATION_TAIL } else { 1.0 };
    let pinyin = h.pinyin_lattice.similarity(&l.latin_fuzzy, &Unit, 1.0, sound_needed(at_least, 0.95, STRICT_FLOOR));
    let reason = || MarkReason::PinyinSpelling { han: han(), pinyin: mandarin::display(&h.pinyin), latin: latin() };
    push(out, Dimension::Mandarin, 0.95 * sound_score(pinyin, STRICT_FLOOR), reason);

    let trust = confidence(&l.latin_skeletons[0]);
    let floor = TRANSLITERATION_FLOOR - TRANSLITERATION_LENIENCY * share;
    let weight = MEANINGFUL_SHARE + (1.0 - MEANINGFUL_SHARE) * share;
    let cantonese_needed = sound_needed(at_least, 0.95 * trust, STRICT_FLOOR);
    let sound_needed = sound_needed(at_least, TRANSLITERATION_CAP * trust * weight, floor);
    let canto = |tail, needed| best_reading(&h.cantonese_lattice, &l.latin_skeletons, tail, needed);
    // Hong Kong transliterations (屈臣氏 ~ WATSONS) are heard in Cantonese.
    let (cantonese, cantonese_sound) = if tail == 1.0 {
        let both = canto(1.0, cantonese_needed.min(sound_needed));
        (both, both)
    } else {
        (canto(1.0, cantonese_needed), canto(tail, sound_needed))
    };
    let first = |r: &Vec<&'static str>| r.first().copied().unwrap_or("?");
    let reason = || MarkReason::CantoneseSpelling {
        han: han(),
        jyutping: h.jyutping.iter().map(first).collect::<Vec<_>>().join(" "),
        hong_kong: h.jyutping.iter().map(|r| cantonese::hong_kong(first(r))).collect::<Vec<_>>().join(" "),
        latin: latin(),
    };
    push(out, Dimension::Cantonese, 0.95 * trust * sound_score(cantonese, STRICT_FLOOR), reason);

    let sound = best_reading(lattice, &l.latin_skeletons, tail, sound_needed).max(cantonese_sound);
    let reason = || MarkReason::Transliteration {
        han: han(),
        reading: mandarin::display(&h.pinyin),
        latin: latin(),
        translated,
    };
    let score = TRANSLITERATION_CAP * trust * weight * sound_score(sound, floor);
    push(out, Dimension::CrossScript, score, reason);
    meaning_dimension(&h.han_meaning, &l.word_meaning, out);
}

/// The best match of a lattice against any reading of the Latin mark, where it is at least
/// `at_least` (0 below it).
fn best_reading(lattice: &Lattice, skeletons: &[Vec<u8>], tail: f32, at_least: f32) -> f32 {
    skeletons.iter().map(|s| lattice.similarity(s, &Skeleton, tail, at_least)).fold(0.0, f32::max)
}

fn meaning_dimension(a: &Meaning, b: &Meaning, out: &mut Vec<DimensionScore>) {
    let (score, shared) = meaning::similarity(a, b);
    if !shared.is_empty() {
        let concepts = shared.iter().map(|c| meaning::name(*c).to_string()).collect();
        push(out, Dimension::Meaning, score, || MarkReason::SameMeaning { concepts });
    }
}
