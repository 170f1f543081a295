//! Why an alert was raised: the similarity reasons of a mark alert, the CNIPA practice rules
//! they cite, how the goods relate, and the alert-level reasons around them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{PatentWatchId, Unreadable};
use crate::deadline::Deadline;

/// A rule of CNIPA's examination guidelines for word marks (商标审查审理指南) applied to a pair.
///
/// The guidelines, in our words and numbering: on the same or similar goods, marks are similar where
/// 1. the Chinese characters are the same, differing only in font, design, pinyin or order;
/// 2. the letters, words or numbers are the same, differing only in font or design;
/// 3. two foreign words are swapped with no clear change of meaning;
/// 4. of three or more Chinese characters one differs and the whole has no or the same meaning —
///    unless the first character clearly differs in sound or shape, or the meaning differs;
/// 5. of four or more letters one differs, with no or the same meaning — unless the first letter
///    clearly differs or the meaning differs;
/// 6. the characters look alike;
/// 7. they sound the same or alike and also look alike overall;
/// 8. they mean the same or alike, a Chinese mark and a foreign mark that translate each other included;
/// 9. one repeats a character or word of the other;
/// 10. a foreign mark differs only by number, an added article, word form or part of speech;
/// 11. one is the other's earlier mark plus the generic name or model of the goods;
/// 12. one is the other's earlier mark plus words naming where goods are made, sold or used;
/// 13. one is the other's earlier mark plus a describing adjective or adverb, or other weak words;
/// 14. the distinctive part of a composite mark is similar;
/// 15. one wholly contains the other's earlier mark where that mark is well known or strongly distinctive.
///
/// A Chinese mark and its own pinyin are generally not similar unless the mark is well known; for a
/// watch the pinyin is the commonest squatting copy, so it alerts and cites [`PracticeRule::OwnPinyin`]
/// as a caution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Every rule.
    pub const ALL: [PracticeRule; 16] = [
        Self::OrderOnly,
        Self::OneCharacterDiffers,
        Self::FirstCharacterDiffers,
        Self::OneLetterDiffers,
        Self::FirstLetterDiffers,
        Self::LookAlike,
        Self::SoundAndLook,
        Self::SoundOnly,
        Self::Translation,
        Self::Repetition,
        Self::WordForm,
        Self::AddedGenericWord,
        Self::AddedPlaceWord,
        Self::AddedWeakWord,
        Self::ContainsEarlierMark,
        Self::OwnPinyin,
    ];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Self::OrderOnly => "order_only",
            Self::OneCharacterDiffers => "one_character_differs",
            Self::FirstCharacterDiffers => "first_character_differs",
            Self::OneLetterDiffers => "one_letter_differs",
            Self::FirstLetterDiffers => "first_letter_differs",
            Self::LookAlike => "look_alike",
            Self::SoundAndLook => "sound_and_look",
            Self::SoundOnly => "sound_only",
            Self::Translation => "translation",
            Self::Repetition => "repetition",
            Self::WordForm => "word_form",
            Self::AddedGenericWord => "added_generic_word",
            Self::AddedPlaceWord => "added_place_word",
            Self::AddedWeakWord => "added_weak_word",
            Self::ContainsEarlierMark => "contains_earlier_mark",
            Self::OwnPinyin => "own_pinyin",
        }
    }

    /// The rule's number in the list above (0 for the pinyin note after it).
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

    /// What the rule says, in English.
    pub fn text(self) -> &'static str {
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

impl Effect {
    /// Every effect.
    pub const ALL: [Effect; 4] = [Self::Raised, Self::Lowered, Self::Supports, Self::Caution];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Raised => "raised",
            Self::Lowered => "lowered",
            Self::Supports => "supports",
            Self::Caution => "caution",
        }
    }
}

/// Why a watched mark and a filed mark scored as they did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "details", rename_all = "snake_case")]
pub enum MarkReason {
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

impl MarkReason {
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

impl fmt::Display for MarkReason {
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
                let effect = effect.code();
                match rule.number() {
                    0 => write!(f, "CNIPA practice ({effect}): {}", rule.text()),
                    n => write!(f, "CNIPA practice, rule {n} ({effect}): {}", rule.text()),
                }
            }
        }
    }
}

/// How the goods of two marks relate, closest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GoodsRelation {
    /// A shared similar group.
    SameGroup {
        /// The group code.
        group: String,
    },
    /// Groups the caller's cross-group notes relate.
    RelatedGroups {
        /// The watched mark's group.
        watched: String,
        /// The filed mark's group.
        filing: String,
    },
    /// A shared class without group information on both sides.
    SameClass {
        /// The class.
        class: u8,
    },
    /// A shared class, but different similar groups within it.
    SameClassOtherGroups {
        /// The class.
        class: u8,
    },
    /// Classes the caller relates.
    RelatedClasses {
        /// The watched mark's class.
        watched: u8,
        /// The filed mark's class.
        filing: u8,
    },
    /// No shared or related goods.
    Unrelated,
    /// One side gave no goods: the mark is judged alone.
    NotGiven,
}

impl GoodsRelation {
    /// The stable snake_case code of the relation's kind.
    pub fn code(&self) -> &'static str {
        match self {
            Self::SameGroup { .. } => "same_group",
            Self::RelatedGroups { .. } => "related_groups",
            Self::SameClass { .. } => "same_class",
            Self::SameClassOtherGroups { .. } => "same_class_other_groups",
            Self::RelatedClasses { .. } => "related_classes",
            Self::Unrelated => "unrelated",
            Self::NotGiven => "not_given",
        }
    }
}

impl fmt::Display for GoodsRelation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SameGroup { group } => write!(f, "same similar group {group}"),
            Self::RelatedGroups { watched, filing } => {
                write!(f, "similar groups {watched} and {filing} are cross-referenced")
            }
            Self::SameClass { class } => write!(f, "same class {class}"),
            Self::SameClassOtherGroups { class } => {
                write!(f, "same class {class} but different similar groups")
            }
            Self::RelatedClasses { watched, filing } => {
                write!(f, "classes {watched} and {filing} hold related goods")
            }
            Self::Unrelated => write!(f, "no shared or related goods"),
            Self::NotGiven => write!(f, "not given; the mark is judged alone"),
        }
    }
}

/// One reason of an alert: a similarity reason of a mark alert, the office's opposition deadline,
/// or the patent watch a new patent matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "details", rename_all = "snake_case")]
pub enum AlertReason {
    /// The last day to oppose the filing, with the office's rule.
    OppositionDeadline(Deadline),
    /// A new patent matched a patent watch's query.
    PatentQuery {
        /// The patent watch.
        patent_watch_id: PatentWatchId,
        /// What the organisation calls it.
        label: String,
        /// Its query.
        query: String,
    },
    /// Why the marks are similar.
    #[serde(untagged)]
    Mark(MarkReason),
    /// An entry this version cannot read, with its stored text.
    #[serde(untagged)]
    Unreadable(Unreadable),
}

impl AlertReason {
    /// A stable snake_case code for translation and filtering.
    pub fn code(&self) -> &str {
        match self {
            Self::OppositionDeadline(_) => "opposition_deadline",
            Self::PatentQuery { .. } => "patent_query",
            Self::Mark(reason) => reason.code(),
            Self::Unreadable(entry) => &entry.code,
        }
    }
}

impl fmt::Display for AlertReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OppositionDeadline(deadline) => deadline.fmt(f),
            Self::PatentQuery { label, query, .. } => write!(f, "matches the patent watch “{label}”: {query}"),
            Self::Mark(reason) => reason.fmt(f),
            Self::Unreadable(entry) => f.write_str(&entry.text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_serialised_names() {
        for rule in PracticeRule::ALL {
            assert_eq!(serde_json::to_value(rule).ok(), Some(serde_json::json!(rule.code())));
        }
        for effect in Effect::ALL {
            assert_eq!(serde_json::to_value(effect).ok(), Some(serde_json::json!(effect.code())));
        }
        let relation = GoodsRelation::RelatedClasses { watched: 9, filing: 28 };
        assert_eq!(
            serde_json::to_value(&relation).ok().map(|v| v["kind"].clone()),
            Some(serde_json::json!(relation.code()))
        );
    }

    #[test]
    fn reasons_have_codes_and_english() {
        let reason = MarkReason::Practice { rule: PracticeRule::OneCharacterDiffers, effect: Effect::Raised };
        assert_eq!(reason.code(), "practice");
        assert_eq!(reason.to_string(), "CNIPA practice, rule 4 (raised): one of three or more characters differs");
    }

    #[test]
    fn entries_of_earlier_versions_read_back() {
        let stored = r#"[
            {"code":"spelling","text":"similar spelling: A ~ B","details":{"code":"spelling","watched":"A","filing":"B"}},
            {"code":"goods","text":"goods: same class 9","details":{"code":"goods","relation":{"kind":"same_class","class":9}}},
            {"code":"patent_query","text":"matches","details":{"patent_watch_id":3,"label":"L","query":"q"}},
            {"code":"opposition_deadline","text":"US opposition closes 2026-01-01",
             "details":{"office":"US","anchor":"publication","anchor_date":"2025-12-02","due":"2026-01-01",
                        "extendable_to":"2026-05-31","source":"15 U.S.C. 1063",
                        "rule":{"shape":"extensible","period":{"days":30},"max":{"days":180},"from":"publication",
                                "extension":"requests for extension of time"}}},
            {"code":"outside_markets","text":"filed outside the export markets","details":{}}
        ]"#;
        let reasons: Vec<AlertReason> = serde_json::from_str(stored).expect("earlier entries read");
        assert_eq!(reasons[0], AlertReason::Mark(MarkReason::Spelling { watched: "A".into(), filing: "B".into() }));
        assert_eq!(
            reasons[1],
            AlertReason::Mark(MarkReason::Goods { relation: GoodsRelation::SameClass { class: 9 } })
        );
        assert!(matches!(&reasons[2], AlertReason::PatentQuery { patent_watch_id, .. } if patent_watch_id.get() == 3));
        let AlertReason::OppositionDeadline(deadline) = &reasons[3] else { panic!("{:?}", reasons[3]) };
        assert_eq!(deadline.due.to_string(), "2026-01-01");
        assert_eq!(
            reasons[4],
            AlertReason::Unreadable(Unreadable {
                code: "outside_markets".into(),
                text: "filed outside the export markets".into()
            })
        );
        assert_eq!(reasons[4].to_string(), "filed outside the export markets");
    }

    #[test]
    fn entries_are_written_as_code_and_details() {
        let reason = AlertReason::Mark(MarkReason::Contains { earlier: "HISENSE".into(), added: "HOME".into() });
        let json = serde_json::to_string(&reason).expect("serialises");
        assert_eq!(json, r#"{"code":"contains","details":{"earlier":"HISENSE","added":"HOME"}}"#);
        assert_eq!(serde_json::from_str::<AlertReason>(&json).expect("reads back"), reason);
    }
}
