//! Highlighted snippets: the part of a hit's text where the query's words occur.
//!
//! Tantivy's own snippet generator highlights the terms of one field; every text here is indexed
//! by several analysers (Latin, jieba, bigrams) in separate fields, so the highlighter collects
//! the query's positive words once, runs the same analysers over the hit's text and marks every
//! token they match, in the original (unfolded) text.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};
use zhichan_query::{FieldKind, Query};

use crate::analysis::{self, CJK, LATIN, ZH_INDEX, ZH_QUERY};

/// About how many characters a snippet shows.
pub const SNIPPET_CHARS: usize = 160;

/// One piece of a snippet's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fragment {
    /// The text, as in the record.
    pub text: String,
    /// Whether it matched the query.
    pub highlighted: bool,
}

/// A stretch of a hit's text with the query's words marked; `…` fragments mark cut text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Snippet {
    /// The pieces in order.
    pub fragments: Vec<Fragment>,
}

impl Snippet {
    /// Whether any fragment is highlighted.
    pub fn has_highlight(&self) -> bool {
        self.fragments.iter().any(|fragment| fragment.highlighted)
    }

    /// The text without marks.
    pub fn plain(&self) -> String {
        self.fragments.iter().map(|fragment| fragment.text.as_str()).collect()
    }
}

/// The query's positive words, analysed, ready to mark texts.
pub(crate) struct Highlighter {
    words: HashSet<String>,
    prefixes: Vec<String>,
    analysers: Vec<TextAnalyzer>,
}

impl Highlighter {
    pub(crate) fn new(query: &Query, tokenizers: &TokenizerManager) -> Self {
        let analysers: Vec<TextAnalyzer> =
            [LATIN, ZH_INDEX, CJK].iter().filter_map(|name| tokenizers.get(name)).collect();
        let mut query_analysers: Vec<TextAnalyzer> =
            [LATIN, ZH_QUERY, CJK].iter().filter_map(|name| tokenizers.get(name)).collect();
        let mut highlighter = Highlighter { words: HashSet::new(), prefixes: Vec::new(), analysers };
        highlighter.collect(query, &mut query_analysers);
        highlighter
    }

    fn collect(&mut self, query: &Query, analysers: &mut [TextAnalyzer]) {
        let is_text = |field: &Option<zhichan_query::Field>| field.is_none_or(|field| field.kind() == FieldKind::Text);
        match query {
            Query::Term { field, text } if is_text(field) => self.add_words(text, analysers),
            Query::Phrase { field, words } if is_text(field) => self.add_words(&words.join(" "), analysers),
            Query::Prefix { field, text } if is_text(field) => {
                self.prefixes.push(analysis::fold(text).to_lowercase());
            }
            Query::And(queries) | Query::Or(queries) => {
                for query in queries {
                    self.collect(query, analysers);
                }
            }
            Query::Near { left, right, .. } => {
                self.collect(left, analysers);
                self.collect(right, analysers);
            }
            _ => {}
        }
    }

    fn add_words(&mut self, text: &str, analysers: &mut [TextAnalyzer]) {
        for analyser in analysers {
            self.words.extend(analysis::tokens(analyser, text).into_iter().map(|(_, word)| word));
        }
    }

    /// Whether the query has any word to mark.
    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty() && self.prefixes.is_empty()
    }

    /// Byte ranges of `text` that match, sorted and merged.
    fn ranges(&mut self, text: &str) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        for analyser in &mut self.analysers {
            for token in analysis::tokens_with_offsets(analyser, text) {
                let matches = self.words.contains(&token.text)
                    || self.prefixes.iter().any(|prefix| token.text.starts_with(prefix.as_str()));
                if matches && token.offset_from < token.offset_to {
                    ranges.push(token.offset_from..token.offset_to);
                }
            }
        }
        ranges.sort_by_key(|range| (range.start, range.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }

    /// The snippet of `text`: about [`SNIPPET_CHARS`] characters around the first match (or the
    /// start when nothing matches).
    pub(crate) fn snippet(&mut self, text: &str) -> Snippet {
        let ranges = if self.is_empty() { Vec::new() } else { self.ranges(text) };
        let first = ranges.first().map_or(0, |range| range.start);
        let start = back_up(text, first, SNIPPET_CHARS / 4);
        let end = text[start..].char_indices().nth(SNIPPET_CHARS).map_or(text.len(), |(index, _)| start + index);
        let mut fragments = Vec::new();
        let mut push = |text: &str, highlighted: bool| {
            if !text.is_empty() {
                fragments.push(Fragment { text: text.to_string(), highlighted });
            }
        };
        if start > 0 {
            push("…", false);
        }
        let mut at = start;
        for range in ranges.iter().filter(|range| range.start >= start && range.end <= end) {
            push(&text[at..range.start], false);
            push(&text[range.clone()], true);
            at = range.end;
        }
        push(&text[at..end], false);
        if end < text.len() {
            push("…", false);
        }
        Snippet { fragments }
    }
}

/// The byte index about `chars` characters before `index`, moved forward to a word start when one
/// is near.
fn back_up(text: &str, index: usize, chars: usize) -> usize {
    let before = &text[..index];
    let Some((start, _)) = before.char_indices().rev().nth(chars) else { return 0 };
    before[start..].find(char::is_whitespace).map_or(start, |space| start + space + 1).min(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlighter(query: &str) -> Highlighter {
        let manager = TokenizerManager::default();
        analysis::register(&manager);
        Highlighter::new(&zhichan_query::parse(query).expect("parses"), &manager)
    }

    fn marked(snippet: &Snippet) -> String {
        snippet.fragments.iter().map(|f| if f.highlighted { format!("[{}]", f.text) } else { f.text.clone() }).collect()
    }

    #[test]
    fn marks_stemmed_words_prefixes_and_chinese() {
        let mut h = highlighter("charging OR backp* OR ti:无线");
        assert_eq!(marked(&h.snippet("Wireless Charges for backpacks")), "Wireless [Charges] for [backpacks]");
        assert_eq!(marked(&h.snippet("一种無線通信方法")), "一种[無線]通信方法", "traditional text, simplified query");
    }

    #[test]
    fn negated_and_code_terms_are_not_marked() {
        let mut h = highlighter("mobile NOT charging office:US");
        assert_eq!(marked(&h.snippet("mobile charging")), "[mobile] charging");
    }

    #[test]
    fn long_texts_are_cut_around_the_first_match() {
        let mut h = highlighter("needle");
        let text = format!("{} needle {}", "hay ".repeat(100), "straw ".repeat(100));
        let snippet = h.snippet(&text);
        assert_eq!(snippet.fragments.first().map(|f| f.text.as_str()), Some("…"));
        assert_eq!(snippet.fragments.last().map(|f| f.text.as_str()), Some("…"));
        assert!(snippet.has_highlight());
        assert!(snippet.plain().chars().count() <= SNIPPET_CHARS + 2);
    }
}
