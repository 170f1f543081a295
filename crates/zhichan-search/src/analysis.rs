//! Text analysis: character folding and the tokenizer chains registered on the index.
//!
//! Two chains exist for every text field:
//! - **Latin** (`zc_latin`): simple tokenizer, lower case, ASCII folding, English stemming;
//! - **Chinese** (`zc_zh` at index time, `zc_zh_query` at query time): jieba segmentation, lower case.
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

/// Folds full-width ASCII (U+FF01–U+FF5E) to ASCII, U+3000 to a space, and traditional Chinese
/// characters to simplified ones.
pub fn fold(text: &str) -> String {
    let narrow: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    character_converter::traditional_to_simplified(&narrow).into_owned()
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
        PreTokenizedStream::from(PreTokenizedString { text: folded, tokens })
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

/// Registers the analysers under [`LATIN`], [`ZH_INDEX`] and [`ZH_QUERY`].
pub(crate) fn register(manager: &TokenizerManager) {
    manager.register(LATIN, latin());
    manager.register(ZH_INDEX, chinese(true));
    manager.register(ZH_QUERY, chinese(false));
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
