//! Why two marks scored as they did: structured reasons with a stable code and an English text, so
//! the UI can translate them (简体, 繁體) from the code and fields.

use std::fmt;

use serde::Serialize;

use crate::goods::GoodsRelation;

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
    pub reason: Reason,
}

/// A rule of CNIPA's examination guidelines for word marks (DESIGN.md §5) applied to a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PracticeRule {
    /// Rule 1/3: the same characters or words in another order.
    OrderOnly,
    /// Rule 4: of three or more characters, one differs.
    OneCharacterDiffers,
    /// Rule 4 exception: the differing character is the first and clearly differs.
    FirstCharacterDiffers,
    /// Rule 5: of four or more letters, one differs.
    OneLetterDiffers,
    /// Rule 5 exception: the differing letter is the first.
    FirstLetterDiffers,
    /// Rule 6: the characters look alike.
    LookAlike,
    /// Rule 7: sound alike, and also look alike overall.
    SoundAndLook,
    /// Rule 7 caution: sound alike but do not look alike.
    SoundOnly,
    /// Rule 8: the marks translate each other.
    Translation,
    /// Rule 9: one repeats a character or word of the other.
    Repetition,
    /// Rule 10: a foreign word differs only in number or an added article.
    WordForm,
    /// Rule 11: the earlier mark plus the generic name or model of goods.
    AddedGenericWord,
    /// Rule 12: the earlier mark plus a place word.
    AddedPlaceWord,
    /// Rule 13: the earlier mark plus a describing or weak word.
    AddedWeakWord,
    /// Rule 15: wholly contains the earlier mark.
    ContainsEarlierMark,
    /// A Chinese mark and its own pinyin are generally not similar unless the mark is well known;
    /// the watch still alerts, since pinyin is the commonest squatting copy.
    OwnPinyin,
}

impl PracticeRule {
    /// The rule's number in DESIGN.md §5 (0 for the pinyin note after the list).
    pub fn number(self) -> u8 {
        match self {
            Self::OrderOnly => 1,
            Self::OneCharacterDiffers | Self::FirstCharacterDiffers => 4,
            Self::OneLetterDiffers | Self::FirstLetterDiffers => 5,
            Self::LookAlike => 6,
            Self::SoundAndLook | Self::SoundOnly => 7,
            Self::Translation => 8,
            Self::Repetition => 9,
            Self::WordForm => 10,
            Self::AddedGenericWord => 11,
            Self::AddedPlaceWord => 12,
            Self::AddedWeakWord => 13,
            Self::ContainsEarlierMark => 15,
            Self::OwnPinyin => 0,
        }
    }

    fn text(self) -> &'static str {
        match self {
            Self::OrderOnly => "the same characters or words in another order",
            Self::OneCharacterDiffers => "one of three or more characters differs",
            Self::FirstCharacterDiffers => "the differing character is the first and clearly differs",
            Self::OneLetterDiffers => "one of four or more letters differs",
            Self::FirstLetterDiffers => "the differing letter is the first",
            Self::LookAlike => "the characters look alike",
            Self::SoundAndLook => "they sound alike and also look alike",
            Self::SoundOnly => "they sound alike but do not look alike; examiners also weigh the overall look",
            Self::Translation => "the marks translate each other",
            Self::Repetition => "one repeats a character or word of the other",
            Self::WordForm => "a foreign word differs only in number or an added article",
            Self::AddedGenericWord => "the earlier mark plus the generic name of goods",
            Self::AddedPlaceWord => "the earlier mark plus a place word",
            Self::AddedWeakWord => "the earlier mark plus a describing or weak word",
            Self::ContainsEarlierMark => "wholly contains the earlier mark",
            Self::OwnPinyin => {
                "a Chinese mark and its own pinyin are generally not similar unless the mark is \
                 well known; alerted because pinyin is the commonest squatting copy"
            }
        }
    }
}

/// What a practice rule did to the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// The rule raised the score.
    Raised,
    /// The rule lowered the score.
    Lowered,
    /// The score stands on this rule, unchanged.
    Supports,
    /// The rule is cited as a caution; the score is unchanged.
    Caution,
}

/// Why a pair scored as it did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// The marks are the same after normalisation.
    Identical {
        /// The normalised mark.
        mark: String,
    },
    /// The same after folding traditional to simplified characters.
    TraditionalSimplified {
        /// The simplified form.
        simplified: String,
    },
    /// Words or characters were set aside as legal forms or generic words.
    SetAside {
        /// What was set aside.
        words: Vec<String>,
    },
    /// The same letters, split or joined differently (FACE BOOK ~ FACEBOOK).
    SplitOrJoined {
        /// The joined form.
        joined: String,
    },
    /// Similar spelling.
    Spelling {
        /// The watched mark, normalised.
        watched: String,
        /// The filed mark, normalised.
        filing: String,
    },
    /// The filed mark contains the watched mark with something added.
    Contains {
        /// The earlier (watched) mark.
        earlier: String,
        /// What was added.
        added: String,
    },
    /// The Latin words sound alike.
    SoundsAlike {
        /// Double Metaphone code of the watched mark.
        watched_code: String,
        /// Double Metaphone code of the filed mark.
        filing_code: String,
    },
    /// Chinese marks with the same or close Mandarin readings.
    PinyinHomophone {
        /// Reading of the watched mark.
        watched: String,
        /// Reading of the filed mark.
        filing: String,
    },
    /// A Latin mark spells the pinyin of a Chinese mark.
    PinyinSpelling {
        /// The Chinese mark.
        han: String,
        /// Its pinyin.
        pinyin: String,
        /// The Latin mark.
        latin: String,
    },
    /// A Latin mark spells the Cantonese reading of a Chinese mark.
    CantoneseSpelling {
        /// The Chinese mark.
        han: String,
        /// Jyutping.
        jyutping: String,
        /// Hong Kong government romanisation.
        hong_kong: String,
        /// The Latin mark.
        latin: String,
    },
    /// Look-alike characters.
    LookAlike {
        /// Pairs of differing characters, watched then filed.
        pairs: Vec<(char, char)>,
    },
    /// A Chinese mark sounds like a Latin mark (transliteration), possibly partly translated.
    Transliteration {
        /// The Chinese mark.
        han: String,
        /// Its reading.
        reading: String,
        /// The Latin mark.
        latin: String,
        /// Words translated rather than transliterated, as `中 = EN`.
        translated: Vec<String>,
    },
    /// The marks share meaning.
    SameMeaning {
        /// The shared concepts.
        concepts: Vec<String>,
    },
    /// How the goods relate.
    Goods {
        /// The relation.
        relation: GoodsRelation,
    },
    /// A CNIPA examination rule applied.
    Practice {
        /// The rule.
        rule: PracticeRule,
        /// What it did.
        effect: Effect,
    },
}

impl Reason {
    /// A stable snake_case code for translation and filtering.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Identical { .. } => "identical",
            Self::TraditionalSimplified { .. } => "traditional_simplified",
            Self::SetAside { .. } => "set_aside",
            Self::SplitOrJoined { .. } => "split_or_joined",
            Self::Spelling { .. } => "spelling",
            Self::Contains { .. } => "contains",
            Self::SoundsAlike { .. } => "sounds_alike",
            Self::PinyinHomophone { .. } => "pinyin_homophone",
            Self::PinyinSpelling { .. } => "pinyin_spelling",
            Self::CantoneseSpelling { .. } => "cantonese_spelling",
            Self::LookAlike { .. } => "look_alike",
            Self::Transliteration { .. } => "transliteration",
            Self::SameMeaning { .. } => "same_meaning",
            Self::Goods { .. } => "goods",
            Self::Practice { .. } => "practice",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Identical { mark } => write!(f, "identical after normalisation: {mark}"),
            Self::TraditionalSimplified { simplified } => {
                write!(f, "the same in simplified characters: {simplified}")
            }
            Self::SetAside { words } => {
                write!(f, "set aside as legal-form or generic words: {}", words.join(", "))
            }
            Self::SplitOrJoined { joined } => {
                write!(f, "the same letters split or joined differently: {joined}")
            }
            Self::Spelling { watched, filing } => write!(f, "similar spelling: {watched} ~ {filing}"),
            Self::Contains { earlier, added } => {
                write!(f, "contains the watched mark {earlier} with {added} added")
            }
            Self::SoundsAlike { watched_code, filing_code } => {
                write!(f, "sounds alike (Double Metaphone {watched_code} ~ {filing_code})")
            }
            Self::PinyinHomophone { watched, filing } => {
                write!(f, "sounds alike in Mandarin: {watched} ~ {filing}")
            }
            Self::PinyinSpelling { han, pinyin, latin } => {
                write!(f, "{latin} spells the pinyin of {han} ({pinyin})")
            }
            Self::CantoneseSpelling { han, jyutping, hong_kong, latin } => write!(
                f,
                "{latin} spells the Cantonese reading of {han} ({jyutping}; Hong Kong romanisation {hong_kong})"
            ),
            Self::LookAlike { pairs } => {
                let pairs: Vec<String> = pairs.iter().map(|(a, b)| format!("{a}/{b}")).collect();
                write!(f, "look-alike characters: {}", pairs.join(", "))
            }
            Self::Transliteration { han, reading, latin, translated } => {
                write!(f, "{han} ({reading}) sounds like {latin}")?;
                if !translated.is_empty() {
                    write!(f, ", partly translated ({})", translated.join(", "))?;
                }
                Ok(())
            }
            Self::SameMeaning { concepts } => {
                write!(f, "the same meaning: {}", concepts.join(", "))
            }
            Self::Goods { relation } => write!(f, "goods: {relation}"),
            Self::Practice { rule, effect } => {
                let effect = match effect {
                    Effect::Raised => "raised",
                    Effect::Lowered => "lowered",
                    Effect::Supports => "supports",
                    Effect::Caution => "caution",
                };
                match rule.number() {
                    0 => write!(f, "CNIPA practice ({effect}): {}", rule.text()),
                    n => write!(f, "CNIPA practice, rule {n} ({effect}): {}", rule.text()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_have_codes_and_english() {
        let reason = Reason::Practice { rule: PracticeRule::OneCharacterDiffers, effect: Effect::Raised };
        assert_eq!(reason.code(), "practice");
        assert_eq!(reason.to_string(), "CNIPA practice, rule 4 (raised): one of three or more characters differs");
        let json = serde_json::to_value(&reason).ok();
        assert_eq!(json.as_ref().and_then(|j| j["rule"].as_str()), Some("one_character_differs"));
    }
}
