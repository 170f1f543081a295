//! Text analysis: character folding and the tokenizer chains registered on the index.
//!
//! Chains, each registered under its own name:
//! - **Latin** (`zc_latin`): simple tokenizer, lower case, ASCII folding, English stemming;
//! - **Chinese** (`zc_zh` at index time, `zc_zh_query` at query time): jieba segmentation, lower case;
//! - **Chinese bigrams** (`zc_cjk`): every pair of adjacent Han characters (a lone character as
//!   itself), so a part of a word matches where jieba kept the word whole (`良品` in `无印良品`);
//! - **pinyin** (`zc_pinyin` at index time): every reading of each Han character (`五粮液` →
//!   `wu`, `liang`, `ye`) and the joined readings of each run of Han characters (`wuliangye`), every
//!   reading of polyphonic characters included (up to [`MAX_JOINED_READINGS`] joined forms);
//!   `zc_pinyin_query` reads what a user types (lower case, tone marks folded: `wǔ` = `wu`).
//!
//! Both first fold the text with [`fold`]: full-width ASCII to ASCII (`ＨＩＳＥＮＳＥ` → `HISENSE`),
//! the ideographic space to a space, and traditional Chinese to simplified (`無印良品` → `无印良品`,
//! character by character). The index chain uses jieba's search mode (words plus the dictionary
//! words inside them, so `五粮` finds `五粮液` when jieba knows both); the query chain uses the
//! default mode so a query word becomes one clean segmentation.
//!
//! Positions in the Chinese chain count the letters and digits before a token (not tokens), so
//! overlapping search-mode tokens keep consistent offsets and a phrase typed with spaces
//! (`"无线 通信"`) lines up with the same text written without them. Token byte offsets refer to
//! the folded text, not the original (they are not used for highlighting yet).

use pinyin::ToPinyinMulti;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, PreTokenizedStream, PreTokenizedString, RemoveLongFilter,
    SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager,
};
use tantivy_jieba::JiebaTokenizer;

/// Name of the Latin analyser.
pub(crate) const LATIN: &str = "zc_latin";
/// Name of the Chinese analyser used when indexing.
pub(crate) const ZH_INDEX: &str = "zc_zh";
/// Name of the Chinese analyser used for query text.
pub(crate) const ZH_QUERY: &str = "zc_zh_query";
/// Name of the Chinese bigram analyser (index and query).
pub(crate) const CJK: &str = "zc_cjk";
/// Name of the pinyin analyser used when indexing.
pub(crate) const PINYIN: &str = "zc_pinyin";
/// Name of the analyser that reads pinyin typed by a user.
pub(crate) const PINYIN_QUERY: &str = "zc_pinyin_query";

/// The most joined pinyin forms indexed for one run of Han characters; a run with more reading
/// combinations keeps the combination of first readings only.
pub const MAX_JOINED_READINGS: usize = 16;

/// Whether `c` is a Han (CJK unified or compatibility) ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2EBEF}' | '\u{3007}')
}

/// Folds full-width ASCII (U+FF01–U+FF5E) to ASCII, U+3000 to a space, and traditional Chinese
/// to simplified (zhconv: OpenCC and MediaWiki tables, converting by phrase). The converter keeps
/// 馀 for 餘 in some words (剩餘 → 剩馀) where mainland text writes 余; search folds 馀 to 余 so
/// either form finds the other.
pub fn fold(text: &str) -> String {
    let narrow: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    let simplified = zhconv::zhconv(&narrow, zhconv::Variant::ZhHans);
    simplified.chars().map(|c| if c == '馀' { '余' } else { c }).collect()
}

/// How the folding tokenizer numbers token positions.
#[derive(Debug, Clone, Copy)]
enum Positions {
    /// 0, 1, 2… over the tokens kept.
    Ordinal,
    /// The number of letters and digits before the token's start.
    AlphanumericCount,
}

/// Folds the text with [`fold`], runs `inner`, drops tokens without a letter or digit and
/// renumbers positions.
#[derive(Clone)]
struct Folding<T> {
    inner: T,
    positions: Positions,
}

impl<T: Tokenizer> Tokenizer for Folding<T> {
    type TokenStream<'a> = PreTokenizedStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PreTokenizedStream {
        let folded = fold(text);
        let mut tokens: Vec<Token> = Vec::new();
        {
            let mut stream = self.inner.token_stream(&folded);
            while stream.advance() {
                let token = stream.token();
                if token.text.chars().any(char::is_alphanumeric) {
                    tokens.push(token.clone());
                }
            }
        }
        match self.positions {
            Positions::Ordinal => {
                for (index, token) in tokens.iter_mut().enumerate() {
                    token.position = index;
                    token.position_length = 1;
                }
            }
            Positions::AlphanumericCount => {
                // alnum_before[i] = letters and digits in folded[..i], for every char boundary i.
                let mut alnum_before = vec![0usize; folded.len() + 1];
                let mut count = 0;
                for (index, c) in folded.char_indices() {
                    alnum_before[index] = count;
                    if c.is_alphanumeric() {
                        count += 1;
                    }
                }
                alnum_before[folded.len()] = count;
                for token in &mut tokens {
                    let start = alnum_before.get(token.offset_from).copied().unwrap_or(count);
                    let end = alnum_before.get(token.offset_to).copied().unwrap_or(count);
                    token.position = start;
                    token.position_length = end.saturating_sub(start).max(1);
                }
                tokens.sort_by_key(|token| (token.position, token.offset_from));
            }
        }
        remap_offsets(text, &folded, &mut tokens);
        PreTokenizedStream::from(PreTokenizedString { text: text.to_string(), tokens })
    }
}

/// Moves token byte offsets from `folded` to `original` when folding kept the character count;
/// otherwise empties them.
fn remap_offsets(original: &str, folded: &str, tokens: &mut [Token]) {
    if original.len() == folded.len() && original == folded {
        return;
    }
    let original_starts: Vec<usize> = original.char_indices().map(|(index, _)| index).collect();
    let folded_starts: Vec<usize> = folded.char_indices().map(|(index, _)| index).collect();
    if original_starts.len() != folded_starts.len() {
        for token in tokens {
            token.offset_from = 0;
            token.offset_to = 0;
        }
        return;
    }
    let to_original = |offset: usize| match folded_starts.binary_search(&offset) {
        Ok(index) => original_starts[index],
        Err(_) => original.len(),
    };
    for token in tokens {
        token.offset_from = to_original(token.offset_from);
        token.offset_to = to_original(token.offset_to);
    }
}

/// The runs of Han characters in `text`: (byte offset, characters).
fn han_runs(text: &str) -> Vec<(usize, Vec<(usize, char)>)> {
    let mut runs: Vec<(usize, Vec<(usize, char)>)> = Vec::new();
    let mut current: Vec<(usize, char)> = Vec::new();
    for (index, c) in text.char_indices() {
        if is_han(c) {
            current.push((index, c));
        } else if !current.is_empty() {
            runs.push((current[0].0, std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        runs.push((current[0].0, current));
    }
    runs
}

fn token(text: String, from: usize, to: usize) -> Token {
    Token { offset_from: from, offset_to: to, position: 0, text, position_length: 1 }
}

fn end_of(index: usize, c: char) -> usize {
    index + c.len_utf8()
}

/// Emits adjacent pairs of Han characters, or a lone Han character as itself.
#[derive(Clone, Default)]
struct HanBigrams;

impl Tokenizer for HanBigrams {
    type TokenStream<'a> = PreTokenizedStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PreTokenizedStream {
        let mut tokens = Vec::new();
        for (_, run) in han_runs(text) {
            if let [(index, c)] = run.as_slice() {
                tokens.push(token(c.to_string(), *index, end_of(*index, *c)));
            }
            for pair in run.windows(2) {
                let ((from, first), (second_at, second)) = (pair[0], pair[1]);
                tokens.push(token(format!("{first}{second}"), from, end_of(second_at, second)));
            }
        }
        PreTokenizedStream::from(PreTokenizedString { text: text.to_string(), tokens })
    }
}

/// The toneless readings of `c` (`ü` written both `v` and `u`), first the commonest.
fn readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for reading in c.to_pinyin_multi().into_iter().flatten() {
        let plain = reading.plain();
        let mut forms = vec![plain.replace('ü', "v")];
        if plain.contains('ü') {
            forms.push(plain.replace('ü', "u"));
        }
        for form in forms {
            if !out.contains(&form) {
                out.push(form);
            }
        }
    }
    out
}

/// Every joined reading of a run, or only the first readings joined when there are more than
/// [`MAX_JOINED_READINGS`] combinations.
fn joined_readings(per_char: &[Vec<String>]) -> Vec<String> {
    let combinations = per_char.iter().try_fold(1usize, |product, readings| {
        product.checked_mul(readings.len().max(1)).filter(|&product| product <= MAX_JOINED_READINGS)
    });
    if combinations.is_none() {
        return vec![per_char.iter().filter_map(|readings| readings.first().map(String::as_str)).collect()];
    }
    let mut joined = vec![String::new()];
    for readings in per_char.iter().filter(|readings| !readings.is_empty()) {
        joined =
            joined.iter().flat_map(|prefix| readings.iter().map(move |reading| format!("{prefix}{reading}"))).collect();
    }
    joined
}

/// Emits the readings of each Han character and the joined readings of each run.
#[derive(Clone, Default)]
struct PinyinReadings;

impl Tokenizer for PinyinReadings {
    type TokenStream<'a> = PreTokenizedStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PreTokenizedStream {
        let mut tokens = Vec::new();
        for (start, run) in han_runs(text) {
            let per_char: Vec<Vec<String>> = run.iter().map(|(_, c)| readings(*c)).collect();
            let end = run.last().map(|(index, c)| end_of(*index, *c)).unwrap_or(start);
            if run.len() > 1 {
                for joined in joined_readings(&per_char) {
                    tokens.push(token(joined, start, end));
                }
            }
            for ((index, c), readings) in run.iter().zip(per_char) {
                for reading in readings {
                    tokens.push(token(reading, *index, end_of(*index, *c)));
                }
            }
        }
        PreTokenizedStream::from(PreTokenizedString { text: text.to_string(), tokens })
    }
}

/// The Latin chain.
fn latin() -> TextAnalyzer {
    TextAnalyzer::builder(Folding { inner: SimpleTokenizer::default(), positions: Positions::Ordinal })
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// A Chinese chain, in jieba's search mode (`search`) or default mode.
fn chinese(search: bool) -> TextAnalyzer {
    let inner = JiebaTokenizer::with_search_mode(search);
    TextAnalyzer::builder(Folding { inner, positions: Positions::AlphanumericCount })
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .build()
}

/// A chain over Han characters only (bigrams or pinyin readings), positioned like the Chinese chain.
fn han<T: Tokenizer>(inner: T) -> TextAnalyzer {
    TextAnalyzer::builder(Folding { inner, positions: Positions::AlphanumericCount })
        .filter(RemoveLongFilter::limit(60))
        .build()
}

/// What a user types as pinyin: words, lower case, tone marks folded.
fn pinyin_query() -> TextAnalyzer {
    TextAnalyzer::builder(Folding { inner: SimpleTokenizer::default(), positions: Positions::Ordinal })
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers every analyser under its name ([`LATIN`], [`ZH_INDEX`], [`ZH_QUERY`], [`CJK`],
/// [`PINYIN`], [`PINYIN_QUERY`]).
pub(crate) fn register(manager: &TokenizerManager) {
    manager.register(LATIN, latin());
    manager.register(ZH_INDEX, chinese(true));
    manager.register(ZH_QUERY, chinese(false));
    manager.register(CJK, han(HanBigrams));
    manager.register(PINYIN, han(PinyinReadings));
    manager.register(PINYIN_QUERY, pinyin_query());
}

/// The tokens `analyzer` makes of `text`, with their byte offsets in `text`.
pub(crate) fn tokens_with_offsets(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}

/// The tokens `analyzer` makes of `text`, as `(position, text)`.
pub(crate) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push((token.position, token.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        tokens(&mut analyzer, text).into_iter().map(|(_, text)| text).collect()
    }

    #[test]
    fn folds_width_and_script() {
        assert_eq!(fold("ＨＩＳＥＮＳＥ\u{3000}無印良品"), "HISENSE 无印良品");
        assert_eq!(fold("剩餘存儲 鏽蝕 剩馀"), "剩余存储 锈蚀 剩余");
    }

    #[test]
    fn latin_chain_lowercases_folds_and_stems() {
        assert_eq!(texts(latin(), "ＨＩＳＥＮＳＥ Café charging"), ["hisens", "cafe", "charg"]);
    }

    #[test]
    fn chinese_chain_segments_simplified_text() {
        let query = texts(chinese(false), "無印良品");
        assert_eq!(query, texts(chinese(false), "无印良品"));
        assert!(!query.is_empty());
        let indexed = texts(chinese(true), "一种无线通信方法");
        assert!(indexed.contains(&"无线".to_string()), "{indexed:?}");
        assert!(indexed.contains(&"通信".to_string()), "{indexed:?}");
    }

    #[test]
    fn bigrams_cover_every_pair_and_lone_characters() {
        assert_eq!(texts(han(HanBigrams), "無印良品 A 液"), ["无印", "印良", "良品", "液"]);
        let mut chain = han(HanBigrams);
        let positions: Vec<usize> =
            tokens(&mut chain, "无印，良品").into_iter().map(|(position, _)| position).collect();
        assert_eq!(positions, [0, 2], "punctuation does not count, pairs never cross it");
    }

    #[test]
    fn pinyin_has_syllables_joined_runs_and_every_reading() {
        let tokens = texts(han(PinyinReadings), "五粮液");
        assert!(tokens.contains(&"wuliangye".to_string()), "{tokens:?}");
        for syllable in ["wu", "liang", "ye"] {
            assert!(tokens.contains(&syllable.to_string()), "{tokens:?}");
        }
        let polyphonic = texts(han(PinyinReadings), "银行");
        assert!(polyphonic.contains(&"yinhang".to_string()), "{polyphonic:?}");
        assert!(polyphonic.contains(&"yinxing".to_string()), "{polyphonic:?}");
        let green = texts(han(PinyinReadings), "绿");
        assert!(green.contains(&"lv".to_string()) && green.contains(&"lu".to_string()), "{green:?}");
        assert_eq!(texts(pinyin_query(), "Wǔ LIANG ye"), ["wu", "liang", "ye"]);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let original = "無印良品 ＨＩＳＥＮＳＥ";
        let mut chain = chinese(false);
        for token in tokens_with_offsets(&mut chain, original) {
            assert!(original.is_char_boundary(token.offset_from) && original.is_char_boundary(token.offset_to));
            assert!(!original[token.offset_from..token.offset_to].is_empty(), "{token:?}");
        }
        let mut latin = latin();
        let hisense = tokens_with_offsets(&mut latin, original).pop().expect("a token");
        assert_eq!(&original[hisense.offset_from..hisense.offset_to], "ＨＩＳＥＮＳＥ");
    }

    #[test]
    fn chinese_positions_ignore_spaces_and_punctuation() {
        let mut spaced = chinese(false);
        let mut joined = chinese(true);
        let spaced = tokens(&mut spaced, "无线 通信");
        let joined = tokens(&mut joined, "无线通信，方法");
        for token in &spaced {
            assert!(joined.contains(token), "{token:?} not in {joined:?}");
        }
    }
}
