//! The comparisons that score a pair of marks. Their reasons are the domain's
//! [`MarkReason`]: a stable code, typed details and an English text.

use serde::Serialize;

use zhichan_domain::watch::MarkReason;

/// The comparison that produced a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Spelling of the same script: edit distance, n-grams, prefix, containment.
    Orthographic,
    /// Sound of Latin words (Double Metaphone).
    LatinPhonetic,
    /// Mandarin readings (pinyin).
    Mandarin,
    /// Cantonese readings (Jyutping, Hong Kong romanisation).
    Cantonese,
    /// Look-alike Chinese characters.
    Shape,
    /// A Chinese mark against a Latin mark through sound (transliteration).
    CrossScript,
    /// Same meaning through the bilingual dictionary.
    Meaning,
}

/// One dimension's score with its reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore {
    /// Which comparison.
    pub dimension: Dimension,
    /// Similarity in [0, 1].
    pub score: f32,
    /// Why.
    pub reason: MarkReason,
}
