//! The Unihan extract in `data/unihan.tsv`: Cantonese readings, shape codes and simplified forms of
//! the CJK Unified Ideographs block, parsed once on first use.

use std::sync::OnceLock;

const DATA: &str = include_str!("../data/unihan.tsv");
const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;

/// What Unihan says about one character.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct CharData {
    /// Jyutping readings with tone digits, space-separated (`kCantonese`).
    pub jyutping: &'static str,
    /// Four-corner code without the trailing `.n` (`kFourCornerCode`).
    pub four_corner: &'static str,
    /// Cangjie input code (`kCangjie`).
    pub cangjie: &'static str,
    /// Kangxi radical number (`kRSUnicode`), 0 when unknown.
    pub radical: u16,
    /// Simplified form where it differs (`kSimplifiedVariant`).
    pub simplified: Option<char>,
}

fn table() -> &'static [CharData] {
    static TABLE: OnceLock<Vec<CharData>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![CharData::default(); (LAST - FIRST + 1) as usize];
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let Some(c) = fields.next().and_then(|f| f.chars().next()) else {
                continue;
            };
            let Some(slot) = index(c).and_then(|i| table.get_mut(i)) else {
                continue;
            };
            let mut next = || fields.next().unwrap_or("");
            *slot = CharData {
                jyutping: next(),
                four_corner: next().split('.').next().unwrap_or(""),
                cangjie: next(),
                radical: next().parse().unwrap_or(0),
                simplified: next().chars().next(),
            };
        }
        table
    })
}

fn index(c: char) -> Option<usize> {
    let code = u32::from(c);
    (FIRST..=LAST).contains(&code).then(|| (code - FIRST) as usize)
}

/// Unihan data for `c`, if it is in the CJK Unified Ideographs block.
pub(crate) fn lookup(c: char) -> Option<&'static CharData> {
    index(c).and_then(|i| table().get(i))
}

/// Whether `c` is a Han character this crate reads.
pub(crate) fn is_han(c: char) -> bool {
    index(c).is_some() || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cantonese_shape_and_simplified() {
        let wong = lookup('王').map(|d| (d.jyutping, d.four_corner, d.cangjie, d.radical));
        assert_eq!(wong, Some(("wong4", "1010", "MG", 96)));
        assert_eq!(lookup('發').and_then(|d| d.simplified), Some('发'));
        assert!(lookup('a').is_none());
    }
}
