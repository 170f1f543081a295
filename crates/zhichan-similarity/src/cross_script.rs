//! Cross-script: a Chinese mark against a Latin mark through sound, beyond pinyin-equals-pinyin.
//! The Chinese mark's readings become a lattice of sound skeletons — every pinyin reading, plus
//! the Latin sounds that common transliteration characters stand for (斯 → S, 尔 → R or nothing,
//! 丹 → DAN/DON), plus, for one pair, the English word where the Latin mark holds the translation
//! of a dictionary word (新 → NEW) — and the Latin mark's skeleton is aligned against its cheapest
//! path: 乔丹 ~ JORDAN, 特斯拉 ~ TESLA, 新百伦 ~ NEW BALANCE.
//!
//! A mark written in transliteration characters (诺基亚) is meant to be heard as a foreign word,
//! while a mark of meaningful characters (三全) sounds like a Latin word only by chance; the share
//! of transliteration characters therefore sets how lenient the match is. The syllable-to-sound map
//! and the character list are our own, from the common usage of these characters in transliterating
//! foreign names.

use crate::latin_phonetic::sound_skeleton;
use crate::lattice::Lattice;
use crate::mandarin::{self, Syllable};
use crate::meaning::{self, Span};

/// Latin sounds of characters common in transliterations of foreign names, beyond their pinyin.
const TRANSLITERATION: &[(char, &[&str])] = &[
    ('阿', &["A", "AR"]),
    ('埃', &["E", "AI"]),
    ('艾', &["E", "AI"]),
    ('爱', &["E", "AI", "I"]),
    ('奥', &["O", "AU"]),
    ('欧', &["EU", "O", "EURO"]),
    ('伊', &["I", "E"]),
    ('亚', &["IA", "A"]),
    ('尔', &["R", "L", ""]),
    ('儿', &["R", ""]),
    ('斯', &["S"]),
    ('丝', &["S"]),
    ('思', &["S"]),
    ('士', &["S"]),
    ('兹', &["Z", "TS"]),
    ('茨', &["TZ", "Z"]),
    ('克', &["K", "C"]),
    ('特', &["T"]),
    ('德', &["D"]),
    ('格', &["G"]),
    ('夫', &["F", "V"]),
    ('甫', &["F", "PH"]),
    ('普', &["P"]),
    ('布', &["B"]),
    ('姆', &["M"]),
    ('恩', &["N", "EN"]),
    ('卜', &["B", "P"]),
    ('乔', &["JO", "GEO"]),
    ('约', &["JO", "YO"]),
    ('詹', &["JAM", "JEAN"]),
    ('杰', &["JE", "GE"]),
    ('吉', &["GI", "JI", "G"]),
    ('基', &["KI", "GI", "KEY"]),
    ('奇', &["CHI", "KI"]),
    ('契', &["CHI"]),
    ('丹', &["DAN", "DON"]),
    ('顿', &["TON", "DON"]),
    ('登', &["DEN", "DON"]),
    ('敦', &["DON", "TON"]),
    ('伦', &["LAN", "LON", "LEN", "REN"]),
    ('兰', &["LAN", "LAND", "RAN"]),
    ('朗', &["LAN", "RAN", "RON"]),
    ('隆', &["LON", "RON"]),
    ('拉', &["LA", "RA"]),
    ('莱', &["LAI", "RAY", "LE"]),
    ('雷', &["RAY", "RE", "LE"]),
    ('瑞', &["RE", "RI"]),
    ('里', &["LI", "RI"]),
    ('利', &["LI", "RI", "LY"]),
    ('丽', &["LI", "RI"]),
    ('莉', &["LI"]),
    ('罗', &["RO", "LO"]),
    ('洛', &["LO", "RO"]),
    ('路', &["LOU", "RU"]),
    ('露', &["LU", "RU"]),
    ('鲁', &["RU", "LU"]),
    ('马', &["MA"]),
    ('玛', &["MA"]),
    ('麦', &["MAC", "MC", "MAI"]),
    ('米', &["MI"]),
    ('迈', &["MI", "MY"]),
    ('蒙', &["MON", "MONT"]),
    ('诺', &["NO"]),
    ('娜', &["NA"]),
    ('纳', &["NA"]),
    ('尼', &["NI", "NE"]),
    ('妮', &["NI"]),
    ('内', &["NE"]),
    ('耐', &["NI", "NAI"]),
    ('卡', &["CA", "KA"]),
    ('可', &["CO", "KE"]),
    ('科', &["CO", "KO"]),
    ('柯', &["CO", "KO"]),
    ('考', &["CO"]),
    ('库', &["CU", "KU", "Q"]),
    ('凯', &["CAI", "KAI", "KE"]),
    ('宝', &["BO", "PO"]),
    ('保', &["BO", "PO", "PAUL"]),
    ('博', &["BO"]),
    ('波', &["BO", "PO"]),
    ('比', &["BI", "BE", "PI"]),
    ('彼', &["PE", "BI"]),
    ('贝', &["BE", "BA"]),
    ('百', &["BA", "BAL"]),
    ('巴', &["BA", "BU"]),
    ('芭', &["BA"]),
    ('菲', &["PHI", "FI"]),
    ('费', &["FE", "FI"]),
    ('福', &["FO", "FU"]),
    ('佛', &["VO", "FO"]),
    ('维', &["VI", "WE"]),
    ('威', &["WE", "WI", "VI"]),
    ('韦', &["WE", "VE"]),
    ('沃', &["VO", "WO"]),
    ('瓦', &["VA", "WA"]),
    ('温', &["WIN", "VEN"]),
    ('文', &["VEN", "WIN"]),
    ('华', &["HUA", "WA"]),
    ('汉', &["HAN"]),
    ('亨', &["HEN"]),
    ('希', &["HI", "SHI"]),
    ('西', &["SI", "CI", "XI"]),
    ('森', &["SEN", "SON"]),
    ('逊', &["SON"]),
    ('孙', &["SON"]),
    ('萨', &["SA", "ZA"]),
    ('塞', &["SE", "SA"]),
    ('赛', &["SA", "SE"]),
    ('泽', &["SE", "ZE"]),
    ('扎', &["ZA"]),
    ('迪', &["DI"]),
    ('蒂', &["TI", "DI"]),
    ('达', &["DA", "TA"]),
    ('多', &["DO"]),
    ('杜', &["DU", "DOO"]),
    ('芬', &["FEN", "PHEN"]),
    ('汀', &["TIN"]),
    ('肯', &["KEN"]),
    ('因', &["IN"]),
    ('英', &["IN", "EN"]),
    ('谷', &["GOO", "GU"]),
    ('歌', &["GO"]),
    ('高', &["GO", "GAU"]),
];

/// Further characters common in transliterations whose pinyin already gives their sound.
const TRANSLITERATION_CHARACTERS: &str = "埃艾奥巴芭拜班邦堡鲍贝本彼毕宾波伯博布查戴丹道德登迪蒂丁杜顿\
    厄恩尔法范菲费芬弗伏福夫盖甘戈哥格根古瓜圭哈赫亨霍基吉加贾杰卡凯坎考柯科可克肯库夸奎拉莱兰朗劳勒\
    雷蕾里丽利莉琳隆卢鲁路露伦罗洛玛迈麦曼梅蒙米密摩莫姆穆纳娜奈内尼妮纽努诺欧帕潘佩彭皮普奇齐乔切钦\
    丘萨塞桑瑟森莎什史斯索塔泰坦汤唐陶特提汀托瓦威韦维温沃乌伍西希锡席谢辛休雅亚扬耶伊因尤约詹扎泽兹\
    佐蔻驰睐浦臣氏仕奢奔富门子翰当劳迦伽珀琪琦璐瑞赛桑姗珊黛柏勃泊蓓葆宝捷杰爵康琼荣蒂缇婷薇\
    茜莲帕佩培沛裴蓬霹匹澳鸥芙馥弗孚斐菲霏翡蕾赖徕睿锐";

fn transliteration(c: char) -> &'static [&'static str] {
    TRANSLITERATION.iter().find(|(k, _)| *k == c).map_or(&[], |(_, v)| v)
}

/// The share of a mark's characters that are common transliteration characters, in [0, 1].
pub(crate) fn transliteration_share(han: &[char]) -> f32 {
    if han.is_empty() {
        return 0.0;
    }
    let typical =
        han.iter().filter(|c| !transliteration(**c).is_empty() || TRANSLITERATION_CHARACTERS.contains(**c)).count();
    typical as f32 / han.len() as f32
}

/// The Mandarin sound lattice of a Chinese mark: pinyin skeletons of every reading and the
/// transliteration sounds. A nasal coda before a nasal initial is also read without the coda, as
/// the two are heard as one sound (香奈儿 xiang-nai-er ~ SHA-NEL).
pub(crate) fn mandarin_lattice(han: &[char], pinyin: &[Vec<Syllable>]) -> Lattice {
    let sounds: Vec<Vec<Vec<u8>>> = han
        .iter()
        .zip(pinyin)
        .map(|(c, readings)| {
            let mut spellings: Vec<Vec<u8>> = readings.iter().map(|s| mandarin::skeleton(s.plain)).collect();
            spellings.extend(transliteration(*c).iter().map(|sound| sound_skeleton(sound)));
            if spellings.is_empty() {
                spellings.push(Vec::new());
            }
            spellings
        })
        .collect();
    let mut lattice = Lattice::new(han.len());
    for (i, spellings) in sounds.iter().enumerate() {
        let nasal_next =
            sounds.get(i + 1).is_some_and(|next| next.iter().any(|s| matches!(s.first(), Some(b'N' | b'M'))));
        for spelling in spellings {
            lattice.add(i, i + 1, spelling.clone());
            if let (true, Some((b'N', rest))) = (nasal_next, spelling.split_last()) {
                lattice.add(i, i + 1, rest.to_vec());
            }
        }
    }
    lattice.seal();
    lattice
}

/// Dictionary words of a Chinese mark translated by one of the Latin mark's `words`: the lattice
/// with those translations added, and the words as `新 = NEW`; `None` when there are none.
pub(crate) fn with_translations(
    lattice: &Lattice,
    han: &[char],
    spans: &[Span],
    words: &[String],
) -> Option<(Lattice, Vec<String>)> {
    let found: Vec<(&Span, &str)> = spans
        .iter()
        .filter_map(|span| {
            // A whole word, or the head of a compound (星 = STAR in STARBUCKS).
            let form = meaning::english_forms(span.concept).iter().find(|f| {
                words.iter().any(|w| w == *f || (f.len() >= 3 && w.len() > f.len() + 2 && w.starts_with(*f)))
            })?;
            Some((span, *form))
        })
        .collect();
    if found.is_empty() {
        return None;
    }
    let mut extended = lattice.clone();
    let mut translated = Vec::new();
    for (span, form) in found {
        extended.add(span.from, span.to, sound_skeleton(form));
        let chinese: String = han[span.from..span.to].iter().collect();
        translated.push(format!("{chinese} = {form}"));
    }
    extended.seal();
    Some((extended, translated))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lattice::Skeleton;

    fn score(han: &str, latin: &str) -> f32 {
        let chars: Vec<char> = han.chars().collect();
        let pinyin: Vec<Vec<Syllable>> = chars.iter().map(|c| mandarin::readings(*c)).collect();
        let words: Vec<String> = latin.split(' ').map(str::to_string).collect();
        let lattice = mandarin_lattice(&chars, &pinyin);
        let lattice = with_translations(&lattice, &chars, &meaning::spans(&chars), &words).map_or(lattice, |(l, _)| l);
        let target: Vec<u8> = latin.split(' ').flat_map(sound_skeleton).collect();
        lattice.similarity(&target, &Skeleton, 1.0, 0.0)
    }

    #[test]
    fn transliterations_sound_alike() {
        assert!(score("乔丹", "JORDAN") > 0.85);
        assert!(score("特斯拉", "TESLA") > 0.85);
        assert!(score("新百伦", "NEW BALANCE") > 0.75);
        assert!(score("海信", "JORDAN") < 0.7);
    }

    #[test]
    fn transliteration_characters_are_recognised() {
        let share = |s: &str| transliteration_share(&s.chars().collect::<Vec<_>>());
        assert_eq!(share("诺基亚"), 1.0);
        assert_eq!(share("三全"), 0.0);
    }
}
