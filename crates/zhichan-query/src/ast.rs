//! The typed query tree and its canonical text form.

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use crate::{Date, Field, FieldKind};

/// A parsed query.
///
/// `field: None` means the default fields. The parser keeps these shapes, which is what
/// `parse(&q.to_string()) == Ok(q)` relies on:
/// - `And` and `Or` hold at least two queries;
/// - `Term` and `Prefix` texts are non-empty, `Phrase` words are non-empty and hold no whitespace;
/// - texts are already folded (no full-width ASCII);
/// - date fields only appear in `Range`; `nice` terms are `1`–`45`, `group` terms four digits;
/// - `Near` operands are `Term`, `Phrase` or `Prefix` of one text field (or the default fields);
///   only the left operand may itself be a `Near` (a chain such as `a NEAR/2 b ADJ/3 c`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Query {
    /// One word (or one exact code on class, code and number fields).
    Term {
        /// The field, or `None` for the default fields.
        field: Option<Field>,
        /// The word as written, after full-width folding and unescaping.
        text: String,
    },
    /// Words that must appear in this order, next to each other (`"wireless charging"`).
    Phrase {
        /// The field, or `None` for the default fields.
        field: Option<Field>,
        /// The words, split on whitespace.
        words: Vec<String>,
    },
    /// Every word or code starting with `text` (`wirel*`, `ipc:H04W*`).
    Prefix {
        /// The field, or `None` for the default fields.
        field: Option<Field>,
        /// The prefix, without the `*`.
        text: String,
    },
    /// Values between two bounds (`pd:[2020-01-01 TO 2023-12-31]`, `pd:2020`, `nice:>=30`).
    Range {
        /// A date field or `nice`.
        field: Field,
        /// The lower bound.
        lower: RangeBound,
        /// The upper bound.
        upper: RangeBound,
    },
    /// All of these must match.
    And(Vec<Query>),
    /// At least one of these must match.
    Or(Vec<Query>),
    /// This must not match.
    Not(Box<Query>),
    /// Two operands within `distance` words of each other (`NEAR/n` any order, `ADJ/n` left before right).
    Near {
        /// The left operand.
        left: Box<Query>,
        /// The right operand.
        right: Box<Query>,
        /// The most words apart the operands may be, 1–1000.
        distance: u32,
        /// `true` for `ADJ/n` (left must come first), `false` for `NEAR/n`.
        ordered: bool,
    },
}

/// One end of a [`Query::Range`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeBound {
    /// No limit (`*`).
    Unbounded,
    /// The value itself is inside the range (`[`, `]`, `>=`, `<=`).
    Inclusive(RangeValue),
    /// The value itself is outside the range (`{`, `}`, `>`, `<`).
    Exclusive(RangeValue),
}

/// A value a range bound can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeValue {
    /// A calendar day (date fields).
    Date(Date),
    /// A whole number (Nice classes).
    Integer(u32),
}

impl RangeBound {
    /// The bound's value, `None` when unbounded.
    pub fn value(&self) -> Option<&RangeValue> {
        match self {
            RangeBound::Unbounded => None,
            RangeBound::Inclusive(value) | RangeBound::Exclusive(value) => Some(value),
        }
    }
}

impl fmt::Display for RangeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RangeValue::Date(date) => fmt::Display::fmt(date, f),
            RangeValue::Integer(number) => fmt::Display::fmt(number, f),
        }
    }
}

/// Binding strength used to decide where `Display` needs parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Precedence {
    Or,
    And,
    Not,
    Atom,
}

impl Query {
    fn precedence(&self) -> Precedence {
        match self {
            Query::Or(_) => Precedence::Or,
            Query::And(_) => Precedence::And,
            Query::Not(_) => Precedence::Not,
            _ => Precedence::Atom,
        }
    }

    /// Writes `self`, in parentheses when it binds more loosely than `context` requires.
    fn write_within(&self, f: &mut fmt::Formatter<'_>, context: Precedence) -> fmt::Result {
        if self.precedence() < context {
            f.write_char('(')?;
            fmt::Display::fmt(self, f)?;
            f.write_char(')')
        } else {
            fmt::Display::fmt(self, f)
        }
    }
}

/// The canonical form: fields by canonical name, explicit `AND`/`OR`/`NOT`, straight quotes,
/// full-day range bounds, parentheses only where precedence needs them.
impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Query::Term { field, text } => {
                write_field(f, *field)?;
                // Quotes on code-like fields keep one exact value with single spaces, so they are
                // only the canonical form when the text already looks like that.
                let exact_code = field.is_some_and(|field| field.kind() != FieldKind::Text);
                let single_spaced = text.split_whitespace().collect::<Vec<_>>().join(" ") == *text;
                if exact_code && single_spaced && text.contains(' ') {
                    write_quoted(f, [text.as_str()])
                } else {
                    write_bare(f, text)
                }
            }
            Query::Phrase { field, words } => {
                write_field(f, *field)?;
                write_quoted(f, words.iter().map(String::as_str))
            }
            Query::Prefix { field, text } => {
                write_field(f, *field)?;
                write_bare(f, text)?;
                f.write_char('*')
            }
            Query::Range { field, lower, upper } => {
                write_field(f, Some(*field))?;
                match lower {
                    RangeBound::Unbounded => f.write_str("[*")?,
                    RangeBound::Inclusive(value) => write!(f, "[{value}")?,
                    RangeBound::Exclusive(value) => write!(f, "{{{value}")?,
                }
                f.write_str(" TO ")?;
                match upper {
                    RangeBound::Unbounded => f.write_str("*]"),
                    RangeBound::Inclusive(value) => write!(f, "{value}]"),
                    RangeBound::Exclusive(value) => write!(f, "{value}}}"),
                }
            }
            Query::And(queries) | Query::Or(queries) => {
                let (separator, context) = match self {
                    Query::And(_) => (" AND ", Precedence::Not),
                    _ => (" OR ", Precedence::And),
                };
                for (index, query) in queries.iter().enumerate() {
                    if index > 0 {
                        f.write_str(separator)?;
                    }
                    query.write_within(f, context)?;
                }
                Ok(())
            }
            Query::Not(query) => {
                f.write_str("NOT ")?;
                query.write_within(f, Precedence::Not)
            }
            Query::Near { left, right, distance, ordered } => {
                left.write_within(f, Precedence::Atom)?;
                let operator = if *ordered { "ADJ" } else { "NEAR" };
                write!(f, " {operator}/{distance} ")?;
                right.write_within(f, Precedence::Atom)
            }
        }
    }
}

fn write_field(f: &mut fmt::Formatter<'_>, field: Option<Field>) -> fmt::Result {
    match field {
        Some(field) => write!(f, "{}:", field.name()),
        None => Ok(()),
    }
}

/// Characters that end a bare word, so they are escaped inside one.
pub(crate) fn ends_word(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | ':' | '\\' | '”' | '」' | '』')
        || opening_quote(c).is_some()
}

/// For an opening quote, the quote that closes it.
pub(crate) fn opening_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        _ => None,
    }
}

/// Whether an unescaped word would be read as an operator (or refused as a malformed one) rather
/// than as a word: `AND`, `OR`, `NOT` in any letter case, `与`, `或`, `非`, `NEAR`, `ADJ`, `near/…`, `adj/…`.
pub(crate) fn is_operator_word(word: &str) -> bool {
    ["and", "or", "not"].iter().any(|keyword| word.eq_ignore_ascii_case(keyword))
        || matches!(word, "与" | "或" | "非" | "NEAR" | "ADJ")
        || strip_prefix_ignore_ascii_case(word, "near/").is_some()
        || strip_prefix_ignore_ascii_case(word, "adj/").is_some()
}

/// `text` without `prefix`, comparing ASCII letters case-insensitively.
pub(crate) fn strip_prefix_ignore_ascii_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// Writes a word so that the parser reads it back as exactly `text`: special characters are
/// escaped with `\`, and so is the first character where the word would otherwise start an
/// operator (`AND`, `-x`, `&&`, `>=`…).
fn write_bare(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let starts_operator = is_operator_word(text) || text.starts_with(['-', '>', '<']);
    let mut chars = text.chars().peekable();
    let mut index = 0;
    while let Some(c) = chars.next() {
        let doubled = is_doubled_operator(c, chars.peek().copied());
        if ends_word(c) || doubled || c == '*' || (index == 0 && starts_operator) {
            f.write_char('\\')?;
        }
        f.write_char(c)?;
        index += 1;
    }
    Ok(())
}

/// Whether `c` followed by `next` is `&&` or `||`, which end a word even without spaces.
pub(crate) fn is_doubled_operator(c: char, next: Option<char>) -> bool {
    matches!(c, '&' | '|') && next == Some(c)
}

/// Writes words between straight quotes, escaping `"` and `\`.
fn write_quoted<'a>(f: &mut fmt::Formatter<'_>, words: impl IntoIterator<Item = &'a str>) -> fmt::Result {
    f.write_char('"')?;
    for (index, word) in words.into_iter().enumerate() {
        if index > 0 {
            f.write_char(' ')?;
        }
        for c in word.chars() {
            if matches!(c, '"' | '\\') {
                f.write_char('\\')?;
            }
            f.write_char(c)?;
        }
    }
    f.write_char('"')
}
