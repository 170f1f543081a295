//! The one error a query can produce: what was expected where, and what was found instead.

use serde::Serialize;

/// Why a query could not be read. Always the user's mistake, never an internal failure.
///
/// `position` counts characters (not bytes) from the start of the query, so it points at the same
/// place in the text the user typed, full-width characters included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("at position {position}: expected {expected}, found {found}")]
pub struct ParseError {
    /// Character offset of the problem in the query (the query's length for "end of query").
    pub position: usize,
    /// What would have been accepted here, in plain words.
    pub expected: String,
    /// What is actually there: the offending text in quotes, or `end of query`.
    pub found: String,
}

impl ParseError {
    /// Renders the query on one line with a `^` under the error position, for a terminal or a
    /// `<pre>` block. Wide (CJK, full-width) characters count two columns; line breaks and tabs
    /// are shown as spaces so the caret stays aligned.
    pub fn caret(&self, query: &str) -> String {
        let line: String = query.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let indent: usize = query.chars().take(self.position).map(display_width).sum();
        format!("{line}\n{}^", " ".repeat(indent))
    }
}

/// Terminal columns a character takes: two for East Asian wide and full-width characters.
fn display_width(c: char) -> usize {
    let wide = matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x2FFFD
        | 0x30000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_at(position: usize) -> ParseError {
        ParseError { position, expected: "x".into(), found: "y".into() }
    }

    #[test]
    fn caret_points_under_the_position() {
        assert_eq!(error_at(3).caret("ti:"), "ti:\n   ^");
        assert_eq!(error_at(0).caret("*abc"), "*abc\n^");
    }

    #[test]
    fn caret_counts_wide_characters_twice() {
        assert_eq!(error_at(3).caret("无线 )"), "无线 )\n     ^");
        assert_eq!(error_at(2).caret("ＴＩ:"), "ＴＩ:\n    ^");
    }

    #[test]
    fn caret_keeps_one_line() {
        assert_eq!(error_at(2).caret("a\tb"), "a b\n  ^");
    }

    #[test]
    fn message_names_position_expected_and_found() {
        assert_eq!(error_at(3).to_string(), "at position 3: expected x, found y");
    }
}
