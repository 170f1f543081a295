//! CNIPA's examination guidelines for word marks (numbered in [`PracticeRule`]) as explained adjustments: each
//! rule that applies raises or lowers the score, supports it, or is cited as a caution — never a
//! silent rule. The watched mark is the earlier mark; the filing is the later one.

use crate::mandarin;
use crate::orthographic::str_distance;
use crate::profile::MarkProfile;
use zhichan_domain::watch::{Effect, MarkReason, PracticeRule};

use crate::reason::{Dimension, DimensionScore};
use crate::shape;

/// Generic names of goods (rule 11), in Latin and Chinese.
const GENERIC: &[&str] = &[
    "APPLIANCES",
    "AUDIO",
    "AUTO",
    "BAGS",
    "BAKERY",
    "BAR",
    "BEAUTY",
    "BEER",
    "BIKE",
    "BIKES",
    "CAFE",
    "CAR",
    "CARS",
    "CLUB",
    "COFFEE",
    "COSMETICS",
    "CYCLE",
    "DAIRY",
    "DESIGN",
    "DIGITAL",
    "DRINKS",
    "ELECTRIC",
    "ELECTRONIC",
    "ELECTRONICS",
    "ENERGY",
    "FASHION",
    "FOOD",
    "FOODS",
    "GARDEN",
    "HEALTH",
    "HOME",
    "HOTEL",
    "KIT",
    "LAB",
    "LABS",
    "LIFE",
    "LIGHTING",
    "MART",
    "MEDIA",
    "MEDICAL",
    "MOBILE",
    "MOTOR",
    "MOTORS",
    "NET",
    "ONLINE",
    "PARTS",
    "PC",
    "PEN",
    "PENS",
    "PHARMA",
    "PHARMACY",
    "PHONE",
    "PHONES",
    "SERVICE",
    "SERVICES",
    "SHOES",
    "SHOP",
    "SOLAR",
    "SPORT",
    "SPORTS",
    "STORE",
    "STYLE",
    "SYSTEMS",
    "TEA",
    "TECH",
    "TOOLS",
    "TOYS",
    "TV",
    "WATCH",
    "WATCHES",
    "WATER",
    "WEAR",
    "WINE",
    "WINES",
    "酒",
    "酒业",
    "酒园",
    "酒庄",
    "酒厂",
    "葡萄酒",
    "啤酒",
    "食品",
    "饮料",
    "饮品",
    "乳业",
    "茶",
    "茶业",
    "服饰",
    "服装",
    "鞋",
    "鞋业",
    "电器",
    "电子",
    "科技",
    "数码",
    "汽车",
    "家居",
    "家电",
    "药",
    "药业",
    "制药",
    "医药",
    "超市",
    "商城",
    "网",
    "专卖",
    "餐饮",
    "酒店",
    "厨具",
    "文具",
    "笔",
    "化妆品",
    "日化",
    "五金",
    "工具",
    "手机",
    "灯饰",
    "照明",
    "家具",
    "陶瓷",
    "纺织",
    "机械",
    "粮油",
    "调味品",
    "珠宝",
    "钟表",
    "眼镜",
    "玩具",
    "体育",
    "户外",
    "运动",
];

/// Words naming where goods are made, sold or used (rule 12).
const PLACES: &[&str] = &[
    "AMERICA",
    "AMERICAN",
    "ASIA",
    "BEIJING",
    "CHINA",
    "CITY",
    "EURO",
    "EUROPE",
    "GERMAN",
    "GERMANY",
    "GLOBAL",
    "GUANGZHOU",
    "HK",
    "HONGKONG",
    "JAPAN",
    "LONDON",
    "MACAU",
    "PARIS",
    "SHANGHAI",
    "SHENZHEN",
    "TOKYO",
    "UK",
    "USA",
    "WORLD",
    "中国",
    "中华",
    "香港",
    "澳门",
    "台湾",
    "深圳",
    "上海",
    "北京",
    "广州",
    "广东",
    "国际",
    "亚洲",
    "欧洲",
    "美国",
    "日本",
    "德国",
    "法国",
    "英国",
    "全球",
    "环球",
    "世界",
];

/// Describing or weak words (rule 13).
const WEAK: &[&str] = &[
    "BEST", "BIG", "CLASSIC", "FIRST", "GOLD", "GOLDEN", "GOOD", "GREAT", "KING", "LITTLE", "MAX", "MINI", "NEW",
    "ORIGINAL", "PLUS", "PREMIUM", "PRIME", "PRO", "REAL", "ROYAL", "STAR", "SUPER", "THE", "TOP", "TRUE", "ULTRA",
    "新", "老", "大", "小", "好", "真", "正宗", "超", "优", "美", "金", "佳", "牌", "第一", "至尊", "精品", "特级",
];

/// Score the rules raise a pair to.
const RAISED_ORDER: f32 = 0.9;
const RAISED_FORM: f32 = 0.9;
const RAISED_ADDED: f32 = 0.9;
const RAISED_REPEAT: f32 = 0.85;
const RAISED_ONE_DIFFERS: f32 = 0.82;
/// The highest score a rule raises to.
pub(crate) const HIGHEST_RAISE: f32 = 0.9;
const _: () = assert!(
    RAISED_ORDER <= HIGHEST_RAISE
        && RAISED_FORM <= HIGHEST_RAISE
        && RAISED_ADDED <= HIGHEST_RAISE
        && RAISED_REPEAT <= HIGHEST_RAISE
        && RAISED_ONE_DIFFERS <= HIGHEST_RAISE
);
/// Cap where an exception says the marks are not similar.
const LOWERED: f32 = 0.68;

/// Applies the rules to a combined mark score; returns the adjusted score and the notes.
pub(crate) fn adjust(
    w: &MarkProfile,
    f: &MarkProfile,
    score: f32,
    dimensions: &[DimensionScore],
    best: Option<&DimensionScore>,
) -> (f32, Vec<MarkReason>) {
    let mut notes = Notes { score, reasons: Vec::new() };
    order_and_form(w, f, &mut notes);
    one_character(w.han(), f.han(), &w.pinyin, &f.pinyin, &mut notes);
    one_letter(w, f, &mut notes);
    for dimension in dimensions {
        if let MarkReason::Contains { added, .. } = &dimension.reason {
            added_words(added, &mut notes);
        }
    }
    if let Some(best) = best {
        best_dimension(best, looks_alike(dimensions), &mut notes);
    }
    (notes.score, notes.reasons)
}

struct Notes {
    score: f32,
    reasons: Vec<MarkReason>,
}

impl Notes {
    fn raise(&mut self, rule: PracticeRule, to: f32) {
        if self.score < to {
            self.score = to;
            self.note(rule, Effect::Raised);
        } else {
            self.note(rule, Effect::Supports);
        }
    }

    fn lower(&mut self, rule: PracticeRule, to: f32) {
        if self.score > to {
            self.score = to;
            self.note(rule, Effect::Lowered);
        }
    }

    fn note(&mut self, rule: PracticeRule, effect: Effect) {
        self.reasons.push(MarkReason::Practice { rule, effect });
    }
}

fn order_and_form(w: &MarkProfile, f: &MarkProfile, notes: &mut Notes) {
    let (wh, fh) = (w.han(), f.han());
    if wh.len() >= 2 && wh != fh && same_items(wh, fh) {
        notes.raise(PracticeRule::OrderOnly, RAISED_ORDER);
    }
    let (ww, fw) = (&w.normalised.words, &f.normalised.words);
    if ww.len() >= 2 && ww != fw && same_items(ww, fw) {
        notes.raise(PracticeRule::OrderOnly, RAISED_ORDER);
    }
    if (!wh.is_empty() && wh != fh && runs(wh).eq(runs(fh))) || (!ww.is_empty() && ww != fw && runs(ww).eq(runs(fw))) {
        notes.raise(PracticeRule::Repetition, RAISED_REPEAT);
    }
    if !ww.is_empty() && w.latin != f.latin && base_forms(ww).eq(base_forms(fw)) {
        notes.raise(PracticeRule::WordForm, RAISED_FORM);
    }
}

/// Whether both hold the same items in some order.
fn same_items<T: Ord>(a: &[T], b: &[T]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a, mut b): (Vec<&T>, Vec<&T>) = (a.iter().collect(), b.iter().collect());
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// The items with repeats in a row collapsed (哈哈 → 哈).
fn runs<T: PartialEq>(items: &[T]) -> impl Iterator<Item = &T> {
    items.iter().enumerate().filter(|&(i, item)| i == 0 || items[i - 1] != *item).map(|(_, item)| item)
}

/// Words without plural endings and articles (rule 10).
fn base_forms(words: &[String]) -> impl Iterator<Item = &str> {
    words.iter().filter(|w| !matches!(w.as_str(), "THE" | "A" | "AN")).map(|w| {
        match w.strip_suffix("ES").or_else(|| w.strip_suffix('S')) {
            Some(stem) if stem.len() >= 3 => stem,
            _ => w.as_str(),
        }
    })
}

fn one_character(
    a: &[char],
    b: &[char],
    ar: &[Vec<mandarin::Syllable>],
    br: &[Vec<mandarin::Syllable>],
    notes: &mut Notes,
) {
    if a.len() < 3 || a.len() != b.len() {
        return;
    }
    let mut differing = (0..a.len()).filter(|&i| a[i] != b[i]);
    let (Some(i), None) = (differing.next(), differing.next()) else {
        return;
    };
    let looks = shape::char_similarity(a[i], b[i]) >= shape::LOOK_ALIKE;
    let sounds = mandarin::sound_cost(&ar[i], &br[i]) < 1.0;
    if i == 0 && !looks && !sounds {
        notes.lower(PracticeRule::FirstCharacterDiffers, LOWERED);
    } else {
        notes.raise(PracticeRule::OneCharacterDiffers, RAISED_ONE_DIFFERS);
    }
}

fn one_letter(w: &MarkProfile, f: &MarkProfile, notes: &mut Notes) {
    let (a, b) = (&w.latin, &f.latin);
    let close = || a.chars().count().abs_diff(b.chars().count()) <= 1 && str_distance(a, b).0 == 1;
    if a.len() < 4 || b.len() < 4 || !close() {
        return;
    }
    let same_sound = w.metaphone.primary == f.metaphone.primary;
    if a.as_bytes().first() != b.as_bytes().first() && !same_sound {
        notes.lower(PracticeRule::FirstLetterDiffers, LOWERED);
    } else {
        notes.raise(PracticeRule::OneLetterDiffers, RAISED_ONE_DIFFERS);
    }
}

/// Rules 11–13 and 15: what the later mark adds to the earlier one.
fn added_words(added: &str, notes: &mut Notes) {
    let added: String = added.chars().filter(|c| !c.is_whitespace()).collect();
    if made_of(&added, GENERIC) {
        notes.raise(PracticeRule::AddedGenericWord, RAISED_ADDED);
    } else if made_of(&added, PLACES) {
        notes.raise(PracticeRule::AddedPlaceWord, RAISED_ADDED);
    } else if made_of(&added, WEAK) {
        notes.raise(PracticeRule::AddedWeakWord, RAISED_ADDED);
    } else {
        notes.note(PracticeRule::ContainsEarlierMark, Effect::Caution);
    }
}

fn best_dimension(best: &DimensionScore, looks_alike: bool, notes: &mut Notes) {
    match &best.reason {
        MarkReason::LookAlike { .. } => notes.note(PracticeRule::LookAlike, Effect::Supports),
        MarkReason::PinyinHomophone { .. } | MarkReason::SoundsAlike { .. } if looks_alike => {
            notes.note(PracticeRule::SoundAndLook, Effect::Supports);
        }
        MarkReason::PinyinHomophone { .. } | MarkReason::SoundsAlike { .. } => {
            notes.note(PracticeRule::SoundOnly, Effect::Caution);
        }
        MarkReason::SameMeaning { .. } => notes.note(PracticeRule::Translation, Effect::Supports),
        MarkReason::PinyinSpelling { .. } => notes.note(PracticeRule::OwnPinyin, Effect::Caution),
        _ => {}
    }
}

/// Whether `text` is a sequence of words from `list` (joined without spaces, as HONDAKIT is).
fn made_of(text: &str, list: &[&str]) -> bool {
    if text.is_empty() {
        return false;
    }
    let mut reachable = vec![false; text.len() + 1];
    reachable[0] = true;
    for start in 0..text.len() {
        if !reachable[start] || !text.is_char_boundary(start) {
            continue;
        }
        for word in list {
            if text[start..].starts_with(word) {
                reachable[start + word.len()] = true;
            }
        }
    }
    reachable[text.len()]
}

/// Whether the spelling or the characters' shapes are also alike (the "look" of rule 7).
fn looks_alike(dimensions: &[DimensionScore]) -> bool {
    dimensions.iter().any(|d| matches!(d.dimension, Dimension::Shape | Dimension::Orthographic) && d.score >= 0.6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_words_are_classified() {
        assert!(made_of("KIT", GENERIC));
        assert!(made_of("SPORTSWEAR", GENERIC));
        assert!(made_of("酒园", GENERIC));
        assert!(made_of("中国", PLACES));
        assert!(!made_of("ZOOM", GENERIC));
    }
}
