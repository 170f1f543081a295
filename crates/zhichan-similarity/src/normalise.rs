//! Normalisation: one canonical form per mark, so that what differs only in font, width, case,
//! accents, punctuation, spacing or traditional/simplified writing compares equal (CNIPA rules 1–2).
//!
//! Legal-form and generic business words (有限公司, 股份, LTD, CO, GMBH, INC …) are set aside and
//! remembered, never silently dropped: a reason can say what was ignored.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::unihan;

/// Latin words that name a legal form or a generic business activity, not a brand.
const LATIN_SET_ASIDE: &[&str] = &[
    "AB",
    "AG",
    "BV",
    "BHD",
    "CO",
    "COMPANY",
    "CORP",
    "CORPORATION",
    "GMBH",
    "GROUP",
    "HOLDING",
    "HOLDINGS",
    "INC",
    "INCORPORATED",
    "INTERNATIONAL",
    "INTL",
    "KG",
    "KK",
    "LIMITED",
    "LLC",
    "LLP",
    "LTD",
    "NV",
    "OY",
    "PLC",
    "PTE",
    "PTY",
    "SA",
    "SARL",
    "SAS",
    "SDN",
    "SPA",
    "SRL",
    "TRADING",
];

/// Chinese legal-form and generic business words, stripped from the end of a run of characters;
/// longest first so that 股份有限公司 goes before 有限公司.
const HAN_SET_ASIDE: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团公司",
    "控股",
    "股份",
    "集团",
    "公司",
    "实业",
    "商贸",
    "贸易",
    "企业",
    "商行",
];

/// A mark after normalisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalised {
    /// Every word and run of characters, normalised, separated by single spaces.
    pub text: String,
    /// Distinctive non-Han words (Latin letters and digits, upper-case, accents removed).
    pub words: Vec<String>,
    /// Distinctive Han characters, simplified, in order.
    pub han: Vec<char>,
    /// Legal-form and generic words that were set aside.
    pub set_aside: Vec<String>,
    /// Whether a traditional character was simplified.
    pub folded_traditional: bool,
}

enum Piece {
    Word(String),
    Han(String),
}

/// Normalises a mark: NFKC, accents removed, upper case, traditional → simplified, punctuation and
/// spacing folded, legal-form and generic words set aside.
pub fn normalise(mark: &str) -> Normalised {
    let mut folded_traditional = false;
    let mut pieces: Vec<Piece> = Vec::new();
    for c in mark.nfkc().flat_map(char::to_uppercase) {
        if unihan::is_han(c) {
            let simple = unihan::lookup(c).and_then(|d| d.simplified).unwrap_or(c);
            folded_traditional |= simple != c;
            match pieces.last_mut() {
                Some(Piece::Han(run)) => run.push(simple),
                _ => pieces.push(Piece::Han(simple.to_string())),
            }
        } else if c.is_alphanumeric() {
            let mut base = String::new();
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    base.push(d);
                }
            });
            match pieces.last_mut() {
                Some(Piece::Word(word)) => word.push_str(&base),
                _ => pieces.push(Piece::Word(base)),
            }
        } else if matches!(c, '\'' | '’' | '´' | '`') {
            // Apostrophes join (MCDONALD'S → MCDONALDS).
        } else {
            let at_separator = match pieces.last() {
                None => true,
                Some(Piece::Word(w)) => w.is_empty(),
                Some(Piece::Han(_)) => false,
            };
            if !at_separator {
                pieces.push(Piece::Word(String::new()));
            }
        }
    }
    pieces.retain(|p| !matches!(p, Piece::Word(w) if w.is_empty()));
    let text = pieces
        .iter()
        .map(|p| match p {
            Piece::Word(w) | Piece::Han(w) => w.as_str(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let (words, han, set_aside) = set_aside(pieces);
    Normalised { text, words, han, set_aside, folded_traditional }
}

fn set_aside(pieces: Vec<Piece>) -> (Vec<String>, Vec<char>, Vec<String>) {
    let distinctive_words =
        pieces.iter().filter(|p| matches!(p, Piece::Word(w) if !LATIN_SET_ASIDE.contains(&w.as_str()))).count();
    let has_han = pieces.iter().any(|p| matches!(p, Piece::Han(_)));
    let mut words = Vec::new();
    let mut han = Vec::new();
    let mut aside = Vec::new();
    for (i, piece) in pieces.into_iter().enumerate() {
        match piece {
            Piece::Word(w) => {
                let generic = LATIN_SET_ASIDE.contains(&w.as_str()) || (i == 0 && w == "THE" && distinctive_words > 1);
                if generic && (distinctive_words > 0 || has_han) {
                    aside.push(w);
                } else {
                    words.push(w);
                }
            }
            Piece::Han(mut run) => {
                let mut stripped = Vec::new();
                while let Some(suffix) = HAN_SET_ASIDE.iter().find(|s| run.ends_with(*s) && run.len() > s.len()) {
                    run.truncate(run.len() - suffix.len());
                    stripped.push((*suffix).to_string());
                }
                han.extend(run.chars());
                aside.extend(stripped.into_iter().rev());
            }
        }
    }
    (words, han, aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_accents_and_traditional() {
        let n = normalise("Ｈｉｓｅｎｓｅ");
        assert_eq!(n.words, ["HISENSE"]);
        let n = normalise("Häagen-Dazs");
        assert_eq!(n.words, ["HAAGEN", "DAZS"]);
        let n = normalise("康師傅");
        assert_eq!(n.han, ['康', '师', '傅']);
        assert!(n.folded_traditional);
        assert_eq!(normalise("McDonald's").words, ["MCDONALDS"]);
    }

    #[test]
    fn sets_aside_legal_forms_but_remembers_them() {
        let n = normalise("海信集团有限公司");
        assert_eq!(n.han, ['海', '信']);
        assert_eq!(n.set_aside, ["集团有限公司"]);
        let n = normalise("Penfolds Wines Co., Ltd.");
        assert_eq!(n.words, ["PENFOLDS", "WINES"]);
        assert_eq!(n.set_aside, ["CO", "LTD"]);
        // A mark that is only a generic word keeps it.
        assert_eq!(normalise("GROUP").words, ["GROUP"]);
        assert_eq!(normalise("公司").han, ['公', '司']);
    }
}
