//! Mark words: invented Latin-script words built from syllables, Chinese brand words from a list of
//! characters common in brand names, and the near-duplicates the watch engine must find.
//!
//! Popular words live in two lexicons addressed by rank (rank 0 most popular), each word rebuilt
//! from its own seeded stream when drawn, so nothing is stored. Marks draw lexicon ranks Zipf-like,
//! which makes some texts recur across owners, classes and offices the way `STAR` or `金龙` do.

use crate::dice::{Dice, Stream};

/// Syllable onsets, weighted towards the consonants invented brand names favour.
const ONSETS: &[(&str, u32)] = &[
    ("b", 5),
    ("c", 4),
    ("d", 5),
    ("f", 3),
    ("g", 3),
    ("h", 2),
    ("k", 5),
    ("l", 6),
    ("m", 6),
    ("n", 5),
    ("p", 4),
    ("r", 6),
    ("s", 6),
    ("t", 6),
    ("v", 4),
    ("z", 3),
    ("x", 2),
    ("br", 2),
    ("cr", 1),
    ("dr", 1),
    ("fl", 1),
    ("gr", 1),
    ("pr", 2),
    ("st", 2),
    ("tr", 2),
    ("qu", 1),
    ("", 4),
];

/// Syllable nuclei.
const VOWELS: &[(&str, u32)] =
    &[("a", 10), ("e", 8), ("i", 7), ("o", 8), ("u", 3), ("y", 1), ("ai", 1), ("ea", 1), ("io", 1), ("ou", 1)];

/// Syllable codas; most syllables are open.
const CODAS: &[(&str, u32)] =
    &[("", 24), ("n", 5), ("r", 4), ("s", 3), ("x", 2), ("l", 3), ("m", 2), ("t", 2), ("ck", 1), ("nd", 1)];

/// Common English words of two-word marks and of the "mark plus weak word" copies (CNIPA rule 13).
const GENERIC_WORDS: &[&str] = &[
    "TECH", "PRO", "HOME", "LIFE", "GO", "ONE", "PLUS", "LAB", "KIDS", "BABY", "SMART", "MAX", "STAR", "CLOUD",
    "FRESH", "PURE", "GREEN", "BLUE", "GOLD", "KING", "CITY", "WORLD", "NATURE", "FOODS", "CARE", "STYLE", "FIT",
    "BEAUTY", "AIR", "SPORT", "WAY", "HUB", "BOX", "NOVA", "PRIME", "ZONE", "KIT", "MINI", "ULTRA", "NEO",
];

/// A Chinese character and its pinyin (no tones).
pub(crate) type Hanzi = (&'static str, &'static str);

/// Characters common in Chinese brand names, with their pinyin.
pub(crate) const BRAND_CHARACTERS: &[Hanzi] = &[
    ("华", "hua"),
    ("美", "mei"),
    ("中", "zhong"),
    ("天", "tian"),
    ("金", "jin"),
    ("龙", "long"),
    ("凤", "feng"),
    ("宝", "bao"),
    ("福", "fu"),
    ("盛", "sheng"),
    ("鑫", "xin"),
    ("达", "da"),
    ("安", "an"),
    ("康", "kang"),
    ("泰", "tai"),
    ("永", "yong"),
    ("恒", "heng"),
    ("信", "xin"),
    ("诚", "cheng"),
    ("佳", "jia"),
    ("优", "you"),
    ("品", "pin"),
    ("尚", "shang"),
    ("雅", "ya"),
    ("悦", "yue"),
    ("欣", "xin"),
    ("乐", "le"),
    ("喜", "xi"),
    ("源", "yuan"),
    ("润", "run"),
    ("丰", "feng"),
    ("瑞", "rui"),
    ("祥", "xiang"),
    ("星", "xing"),
    ("辰", "chen"),
    ("月", "yue"),
    ("阳", "yang"),
    ("光", "guang"),
    ("明", "ming"),
    ("东", "dong"),
    ("方", "fang"),
    ("南", "nan"),
    ("北", "bei"),
    ("海", "hai"),
    ("山", "shan"),
    ("川", "chuan"),
    ("云", "yun"),
    ("风", "feng"),
    ("雪", "xue"),
    ("青", "qing"),
    ("绿", "lv"),
    ("红", "hong"),
    ("蓝", "lan"),
    ("白", "bai"),
    ("紫", "zi"),
    ("新", "xin"),
    ("创", "chuang"),
    ("智", "zhi"),
    ("慧", "hui"),
    ("科", "ke"),
    ("博", "bo"),
    ("腾", "teng"),
    ("飞", "fei"),
    ("跃", "yue"),
    ("迅", "xun"),
    ("捷", "jie"),
    ("力", "li"),
    ("强", "qiang"),
    ("众", "zhong"),
    ("联", "lian"),
    ("合", "he"),
    ("和", "he"),
    ("嘉", "jia"),
    ("亿", "yi"),
    ("万", "wan"),
    ("千", "qian"),
    ("百", "bai"),
    ("一", "yi"),
    ("元", "yuan"),
    ("通", "tong"),
    ("汇", "hui"),
    ("聚", "ju"),
    ("鼎", "ding"),
    ("立", "li"),
    ("远", "yuan"),
    ("宏", "hong"),
    ("伟", "wei"),
    ("友", "you"),
    ("家", "jia"),
    ("本", "ben"),
    ("真", "zhen"),
    ("味", "wei"),
    ("香", "xiang"),
    ("甜", "tian"),
    ("鲜", "xian"),
    ("果", "guo"),
    ("花", "hua"),
    ("茶", "cha"),
    ("米", "mi"),
    ("酷", "ku"),
    ("派", "pai"),
    ("小", "xiao"),
    ("大", "da"),
    ("好", "hao"),
    ("爱", "ai"),
    ("心", "xin"),
    ("臻", "zhen"),
    ("锦", "jin"),
    ("御", "yu"),
    ("皇", "huang"),
    ("威", "wei"),
    ("狮", "shi"),
    ("虎", "hu"),
    ("鹰", "ying"),
    ("熊", "xiong"),
    ("猫", "mao"),
    ("鹿", "lu"),
    ("鹤", "he"),
    ("松", "song"),
    ("竹", "zhu"),
    ("梅", "mei"),
    ("兰", "lan"),
    ("莲", "lian"),
    ("玉", "yu"),
    ("珍", "zhen"),
    ("珠", "zhu"),
    ("晶", "jing"),
    ("彩", "cai"),
    ("诺", "nuo"),
    ("思", "si"),
    ("维", "wei"),
    ("德", "de"),
    ("仁", "ren"),
    ("益", "yi"),
    ("匠", "jiang"),
    ("坊", "fang"),
    ("堂", "tang"),
    ("居", "ju"),
    ("记", "ji"),
];

/// Characters appended to an earlier mark by copyists (workshop, hall, house, shop, home): CNIPA rules
/// 11–13.
const CHINESE_SUFFIXES: &[Hanzi] = &[("坊", "fang"), ("堂", "tang"), ("居", "ju"), ("记", "ji"), ("家", "jia")];

/// Size of the popular-word lexicons as a power of two: 2¹⁷ Latin and 2¹⁵ Chinese words.
const LATIN_LEXICON_BITS: u32 = 17;
const CHINESE_LEXICON_BITS: u32 = 15;

/// A Chinese word: the characters and their pinyin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChineseWord {
    /// The characters in order.
    pub(crate) characters: Vec<Hanzi>,
}

impl ChineseWord {
    /// A fresh word of 2–4 characters (mostly 2 or 3).
    pub(crate) fn invent(dice: &mut Dice) -> Self {
        let len = *dice.weighted(&[(2usize, 50), (3, 35), (4, 15)]);
        let characters = (0..len).map(|_| *dice.pick(BRAND_CHARACTERS)).collect();
        Self { characters }
    }

    /// The popular word at `rank` of the Chinese lexicon.
    pub(crate) fn popular(seed: u64, rank: u64) -> Self {
        Self::invent(&mut Dice::new(seed, Stream::ChineseWord, rank))
    }

    /// The characters as text.
    pub(crate) fn text(&self) -> String {
        self.characters.iter().map(|c| c.0).collect()
    }

    /// Pinyin, syllables joined and upper-cased, as copies and foreign filings write it (`JINLONG`).
    pub(crate) fn pinyin(&self) -> String {
        self.characters.iter().map(|c| c.1.to_ascii_uppercase()).collect()
    }

    /// Pinyin in title case, syllables joined (`Jinlong`), for company names.
    pub(crate) fn pinyin_title(&self) -> String {
        let mut out = self.pinyin().to_ascii_lowercase();
        if let Some(first) = out.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        out
    }

    /// A near-duplicate a squatter or a later applicant might file: one character changed (not the
    /// first, which CNIPA treats as distinguishing), a suffix character, or two characters swapped.
    pub(crate) fn variant(&self, dice: &mut Dice) -> Self {
        let mut characters = self.characters.clone();
        match dice.below(3) {
            0 if characters.len() >= 3 => {
                let at = 1 + dice.index(characters.len() - 1);
                characters[at] = *dice.pick(BRAND_CHARACTERS);
            }
            1 if characters.len() >= 2 => characters.swap(0, 1),
            _ => characters.push(*dice.pick(CHINESE_SUFFIXES)),
        }
        Self { characters }
    }
}

/// An invented Latin-script word of 4–10 letters, upper case, built from whole syllables so that it
/// stays pronounceable (no cut-off consonant clusters).
pub(crate) fn invent_latin(dice: &mut Dice) -> String {
    const LONGEST: usize = 10;
    let target = *dice.weighted(&[(4usize, 10), (5, 20), (6, 24), (7, 20), (8, 13), (9, 8), (10, 5)]);
    let mut word = String::with_capacity(16);
    while word.len() < target {
        let mark = word.len();
        for part in [ONSETS, VOWELS, CODAS] {
            let letters: &&str = dice.weighted(part);
            word.push_str(letters);
        }
        // A syllable is at most six letters, so a word shorter than four always has room for one.
        if word.len() > LONGEST {
            word.truncate(mark);
            if word.len() >= 4 {
                break;
            }
        }
    }
    word.make_ascii_uppercase();
    word
}

/// The popular Latin word at `rank` of the lexicon.
pub(crate) fn popular_latin(seed: u64, rank: u64) -> String {
    invent_latin(&mut Dice::new(seed, Stream::LatinWord, rank))
}

/// A popular Latin word drawn by popularity.
pub(crate) fn draw_popular_latin(seed: u64, dice: &mut Dice) -> String {
    popular_latin(seed, dice.zipf_rank(LATIN_LEXICON_BITS))
}

/// A popular Chinese word drawn by popularity.
pub(crate) fn draw_popular_chinese(seed: u64, dice: &mut Dice) -> ChineseWord {
    ChineseWord::popular(seed, dice.zipf_rank(CHINESE_LEXICON_BITS))
}

/// A near-duplicate of a Latin mark, following the CNIPA similarity rules it would fall under:
/// one letter changed after the first (rule 5), plural (10), a generic or weak word added (11, 13),
/// or the letters doubled up (9).
pub(crate) fn latin_variant(word: &str, dice: &mut Dice) -> String {
    let mut letters: Vec<u8> = word.bytes().collect();
    match dice.below(6) {
        0 if letters.len() >= 4 => {
            // Shift the letter by 1–25 places so it always changes.
            let at = 1 + dice.index(letters.len() - 1);
            let shift = 1 + dice.below(25) as u8;
            letters[at] = b'A' + (letters[at].saturating_sub(b'A') % 26 + shift) % 26;
        }
        1 if letters.len() >= 5 => {
            letters.remove(1 + dice.index(letters.len() - 1));
        }
        2 => letters.push(b'S'),
        3 => return format!("{word} {}", dice.pick(GENERIC_WORDS)),
        4 => return format!("{word}{}", dice.pick(GENERIC_WORDS)),
        _ => {
            let at = 1 + dice.index(letters.len().max(2) - 1);
            letters.insert(at.min(letters.len()), b'A' + dice.below(26) as u8);
        }
    }
    String::from_utf8(letters).unwrap_or_else(|_| word.to_owned())
}

/// A Latin-script mark: mostly one invented or popular word, sometimes two words, sometimes with a
/// model-style number.
pub(crate) fn latin_mark(seed: u64, dice: &mut Dice) -> String {
    let base = match dice.below(100) {
        0..18 => draw_popular_latin(seed, dice),
        18..28 => {
            let popular = draw_popular_latin(seed, dice);
            latin_variant(&popular, dice)
        }
        _ => invent_latin(dice),
    };
    match dice.below(100) {
        0..12 => format!("{base} {}", dice.pick(GENERIC_WORDS)),
        12..16 => format!("{} {base}", dice.pick(GENERIC_WORDS)),
        16..19 => format!("{base} {}", invent_latin(dice)),
        19..23 => format!("{base} {}", dice.pick(&["1", "2", "3", "5", "7", "8", "9", "10", "66", "88", "100", "360"])),
        23..25 => format!("{}{} {base}", (b'A' + dice.below(26) as u8) as char, dice.between(1, 9)),
        25..40 => title_case(&base),
        _ => base,
    }
}

/// `WORD WORD` → `Word Word`, as many filings write marks.
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        out.push(if start { c } else { c.to_ascii_lowercase() });
        start = c == ' ';
    }
    out
}

/// A Chinese mark: popular, a near-duplicate of a popular one, or fresh.
pub(crate) fn chinese_mark(seed: u64, dice: &mut Dice) -> ChineseWord {
    match dice.below(100) {
        0..22 => draw_popular_chinese(seed, dice),
        22..34 => draw_popular_chinese(seed, dice).variant(dice),
        _ => ChineseWord::invent(dice),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_have_brand_lengths() {
        let mut dice = Dice::new(9, Stream::Trademark, 0);
        for _ in 0..2_000 {
            let word = invent_latin(&mut dice);
            assert!((4..=10).contains(&word.len()), "{word}");
            assert!(word.bytes().all(|b| b.is_ascii_uppercase()), "{word}");
        }
    }

    #[test]
    fn chinese_words_have_two_to_four_characters_and_pinyin() {
        let mut dice = Dice::new(9, Stream::Trademark, 1);
        for _ in 0..2_000 {
            let word = ChineseWord::invent(&mut dice);
            assert!((2..=4).contains(&word.text().chars().count()));
            assert!(word.pinyin().bytes().all(|b| b.is_ascii_uppercase()));
        }
    }

    #[test]
    fn popular_words_are_stable_per_rank() {
        assert_eq!(popular_latin(5, 3), popular_latin(5, 3));
        assert_ne!(popular_latin(5, 3), popular_latin(5, 4));
        assert_eq!(ChineseWord::popular(5, 3), ChineseWord::popular(5, 3));
    }

    #[test]
    fn variants_stay_close() {
        let mut dice = Dice::new(2, Stream::Trademark, 2);
        for _ in 0..500 {
            let variant = latin_variant("SOLANDO", &mut dice);
            assert_ne!(variant, "SOLANDO");
            assert!(variant.starts_with('S'), "{variant}");
        }
    }
}
