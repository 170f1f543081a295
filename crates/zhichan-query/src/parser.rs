//! The recursive-descent parser. It reads characters directly (no separate lexer) because what a
//! character means depends on where it stands: `[` opens a range only after a date field, `-`
//! negates only at the start of a term, `:` ends a field name.

use crate::ast::{ends_word, is_doubled_operator, is_operator_word, opening_quote, strip_prefix_ignore_ascii_case};
use crate::date::{DATE_FORMS, DateSpec};
use crate::{Field, FieldKind, ParseError, Query, RangeBound, RangeValue};

/// How deeply parentheses, `NOT`s and `NEAR` chains may nest; deeper input is refused rather than
/// risking the stack.
pub const MAX_DEPTH: usize = 64;

/// The largest distance `NEAR/n` and `ADJ/n` accept.
pub const MAX_DISTANCE: u32 = 1000;

/// Parses a query into its [`Query`] tree, or says where and why it cannot.
///
/// Full-width ASCII (`ＨＩＳＥＮＳＥ`, `：`, `（`) and the ideographic space are folded to their
/// ASCII forms first; positions in errors still count characters of `input` as given.
pub fn parse(input: &str) -> Result<Query, ParseError> {
    Parser::new(input).parse_query()
}

/// Maps full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space to ASCII, one
/// character for one so error positions stay valid.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// What stands at the current position, as far as the Boolean layer is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    End,
    Open,
    Close,
    And,
    Or,
    Not,
    /// `-` glued to the term it excludes.
    Minus,
    Near {
        distance: u32,
        ordered: bool,
    },
    /// Anything else: a word, a field, a quote, a bracket.
    Other,
}

/// A bare word as scanned, before deciding whether it is a field name, an operator or a value.
struct Word {
    start: usize,
    end: usize,
    /// The word with escapes resolved.
    text: String,
    /// Whether any `\` escape occurred; escaped words are never operators or field names.
    escaped: bool,
    /// Unescaped `*`s: (position in the query, index in `text`).
    stars: Vec<(usize, usize)>,
    /// Characters in `text`.
    len: usize,
}

impl Word {
    fn is_plain(&self) -> bool {
        !self.escaped && self.stars.is_empty()
    }
}

/// The lower or upper end of a range being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Lower,
    Upper,
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

fn error(position: usize, expected: impl Into<String>, found: impl Into<String>) -> ParseError {
    ParseError { position, expected: expected.into(), found: found.into() }
}

impl Parser {
    fn new(input: &str) -> Parser {
        Parser { chars: input.chars().map(fold).collect(), pos: 0, depth: 0 }
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.chars.get(pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while self.char_at(self.pos).is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// Describes what stands at `pos` for an error's `found`.
    fn found_at(&self, pos: usize) -> String {
        match self.char_at(pos) {
            None => "end of query".to_owned(),
            Some(c) if c.is_whitespace() => "a space".to_owned(),
            Some(c) if ends_word(c) => format!("'{c}'"),
            Some(_) => {
                let word: String = self.chars[pos..].iter().take_while(|c| !ends_word(**c)).take(30).collect();
                format!("'{word}'")
            }
        }
    }

    fn enter(&mut self, pos: usize) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(pos, format!("at most {MAX_DEPTH} levels of nesting"), self.found_at(pos)));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn parse_query(&mut self) -> Result<Query, ParseError> {
        self.skip_whitespace();
        let query = self.parse_or(None)?;
        self.skip_whitespace();
        match self.char_at(self.pos) {
            None => Ok(query),
            // `parse_or` only stops early at a `)`.
            Some(_) => Err(error(self.pos, "end of query (this ')' closes no '(')", self.found_at(self.pos))),
        }
    }

    /// `or_expr = and_expr { OR and_expr }`
    fn parse_or(&mut self, field: Option<Field>) -> Result<Query, ParseError> {
        let mut items = vec![self.parse_and(field, "a search term")?];
        loop {
            self.skip_whitespace();
            let (token, end) = self.peek()?;
            if token != Token::Or {
                break;
            }
            self.pos = end;
            self.skip_whitespace();
            items.push(self.parse_and(field, "a search term after OR")?);
        }
        Ok(if items.len() == 1 { items.remove(0) } else { Query::Or(items) })
    }

    /// `and_expr = unary { [ AND ] unary }`
    fn parse_and(&mut self, field: Option<Field>, expected: &str) -> Result<Query, ParseError> {
        let mut items = vec![self.parse_unary(field, expected)?];
        loop {
            self.skip_whitespace();
            let (token, end) = self.peek()?;
            match token {
                Token::End | Token::Close | Token::Or => break,
                Token::And => {
                    self.pos = end;
                    self.skip_whitespace();
                    items.push(self.parse_unary(field, "a search term after AND")?);
                }
                _ => items.push(self.parse_unary(field, "a search term")?),
            }
        }
        Ok(if items.len() == 1 { items.remove(0) } else { Query::And(items) })
    }

    /// `unary = ( NOT | "-" ) unary | near_expr`
    fn parse_unary(&mut self, field: Option<Field>, expected: &str) -> Result<Query, ParseError> {
        self.skip_whitespace();
        let start = self.pos;
        let (token, end) = self.peek()?;
        if !matches!(token, Token::Not | Token::Minus) {
            return self.parse_near(field, expected);
        }
        self.enter(start)?;
        self.pos = end;
        if token == Token::Not {
            self.skip_whitespace();
        }
        let operand = self.parse_unary(field, "a search term after NOT")?;
        self.leave();
        Ok(Query::Not(Box::new(operand)))
    }

    /// `near_expr = primary { ( NEAR/n | ADJ/n ) primary }`, operands being words, prefixes or
    /// phrases of one text field.
    fn parse_near(&mut self, field: Option<Field>, expected: &str) -> Result<Query, ParseError> {
        let start = self.pos;
        let mut left = self.parse_primary(field, expected)?;
        let mut chain_field = None;
        let mut links = 0;
        loop {
            self.skip_whitespace();
            let operator_pos = self.pos;
            let (token, end) = self.peek()?;
            let Token::Near { distance, ordered } = token else {
                break;
            };
            let operator = if ordered { "ADJ" } else { "NEAR" };
            if chain_field.is_none() {
                chain_field = Some(proximity_field(&left).ok_or_else(|| {
                    error(start, format!("a word, prefix or phrase before {operator}/{distance}"), self.found_at(start))
                })?);
                if let Some(Some(field)) = chain_field
                    && field.kind() != FieldKind::Text
                {
                    return Err(error(
                        start,
                        format!("a text field or no field before {operator}/{distance} ({field}: holds codes)"),
                        self.found_at(start),
                    ));
                }
            }
            links += 1;
            if links > MAX_DEPTH {
                return Err(error(
                    operator_pos,
                    format!("at most {MAX_DEPTH} proximity operators in a row"),
                    self.found_at(operator_pos),
                ));
            }
            self.pos = end;
            self.skip_whitespace();
            let right_start = self.pos;
            let expected_right = format!("a word, prefix or phrase after {operator}/{distance}");
            let right = self.parse_primary(field, &expected_right)?;
            match proximity_field(&right) {
                None => return Err(error(right_start, expected_right, self.found_at(right_start))),
                Some(right_field) if Some(right_field) != chain_field => {
                    let wanted = match chain_field.flatten() {
                        Some(field) => format!("an operand in field {field} like the left one"),
                        None => "an operand without a field like the left one".to_owned(),
                    };
                    return Err(error(right_start, wanted, self.found_at(right_start)));
                }
                Some(_) => {}
            }
            left = Query::Near { left: Box::new(left), right: Box::new(right), distance, ordered };
        }
        Ok(left)
    }

    /// `primary = "(" or_expr ")" | field ":" value | range | comparison | quoted | word`
    fn parse_primary(&mut self, field: Option<Field>, expected: &str) -> Result<Query, ParseError> {
        let start = self.pos;
        let (token, _) = self.peek()?;
        match token {
            Token::Open => return self.parse_group(field),
            Token::End | Token::Close | Token::And | Token::Or | Token::Not | Token::Near { .. } => {
                return Err(error(start, expected, self.found_at(start)));
            }
            Token::Minus => {
                let expected = match field {
                    Some(field) => format!("{expected} (to exclude, put '-' before the field: -{field}:word)"),
                    None => expected.to_owned(),
                };
                return Err(error(start, expected, self.found_at(start)));
            }
            Token::Other => {}
        }
        let Some(c) = self.char_at(start) else {
            return Err(error(start, expected, self.found_at(start)));
        };
        let range_field = field.filter(|field| field.kind().takes_ranges());
        match (c, range_field) {
            ('[' | '{', Some(field)) => self.parse_range(field),
            ('>' | '<', Some(field)) => self.parse_comparison(field),
            ('[' | '{', None) => match field {
                Some(field) => Err(error(
                    start,
                    format!("{expected} (ranges work on pd, fd, rd and nice, not on {field})"),
                    self.found_at(start),
                )),
                None => Err(error(start, "a field before a range, e.g. pd:[2020 TO 2023]", self.found_at(start))),
            },
            (']' | '}' | ':' | '”' | '」' | '』', _) => Err(error(
                start,
                format!("{expected} (write a literal {c} as \\{c} or inside quotes)"),
                self.found_at(start),
            )),
            (c, _) if opening_quote(c).is_some() => self.parse_quoted(field),
            _ => {
                let word = self.scan_word(start)?;
                if self.char_at(word.end) == Some(':') {
                    let names_field = word.is_plain() && Field::from_name(&word.text).is_some();
                    if field.is_some() && !names_field {
                        return Err(error(
                            word.end,
                            format!("{expected} (write a literal : as \\: or inside quotes)"),
                            "':'",
                        ));
                    }
                    self.parse_fielded(field, word)
                } else {
                    self.pos = word.end;
                    value_of_word(field, word)
                }
            }
        }
    }

    /// `"(" or_expr ")"`, the field (if any) applying to every term inside.
    fn parse_group(&mut self, field: Option<Field>) -> Result<Query, ParseError> {
        let open = self.pos;
        self.enter(open)?;
        self.pos += 1;
        self.skip_whitespace();
        let query = self.parse_or(field)?;
        self.skip_whitespace();
        if self.char_at(self.pos) != Some(')') {
            return Err(error(self.pos, format!("')' to close the '(' at position {open}"), self.found_at(self.pos)));
        }
        self.pos += 1;
        self.leave();
        Ok(query)
    }

    /// `field ":" value` where `word` is the field name and the `:` follows it.
    fn parse_fielded(&mut self, outer: Option<Field>, word: Word) -> Result<Query, ParseError> {
        if let Some(outer) = outer {
            return Err(error(
                word.start,
                format!("a value for {outer}: (fields cannot be nested)"),
                format!("'{}:'", word.text),
            ));
        }
        let field = word.is_plain().then(|| Field::from_name(&word.text)).flatten().ok_or_else(|| {
            error(word.start, format!("one of the fields {}", Field::known_names()), format!("'{}'", word.text))
        })?;
        self.pos = word.end + 1;
        self.skip_whitespace();
        self.parse_primary(Some(field), &format!("a value for {}:", word.text))
    }

    /// A quoted text: a phrase on text fields, one exact value on the others.
    fn parse_quoted(&mut self, field: Option<Field>) -> Result<Query, ParseError> {
        let open = self.pos;
        let Some(close) = self.char_at(open).and_then(opening_quote) else {
            return Err(error(open, "a quote", self.found_at(open)));
        };
        let mut text = String::new();
        let mut pos = open + 1;
        loop {
            match self.char_at(pos) {
                None => {
                    return Err(error(pos, format!("{close} to close the quote at position {open}"), "end of query"));
                }
                Some('\\') => match self.char_at(pos + 1) {
                    None => {
                        return Err(error(
                            pos + 1,
                            "a character after '\\' (write \\\\ for a backslash)",
                            "end of query",
                        ));
                    }
                    Some(c) => {
                        text.push(c);
                        pos += 2;
                    }
                },
                Some(c) if c == close => break,
                Some(c) => {
                    text.push(c);
                    pos += 1;
                }
            }
        }
        self.pos = pos + 1;
        let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
        if words.is_empty() {
            return Err(error(open, "words between the quotes", "empty quotes"));
        }
        let value_pos = open + 1;
        match field {
            None => Ok(Query::Phrase { field, words }),
            Some(field) => match field.kind() {
                FieldKind::Text => Ok(Query::Phrase { field: Some(field), words }),
                _ => exact_value(field, words.join(" "), value_pos, &text),
            },
        }
    }

    /// `"[" bound TO bound "]"` with `{`/`}` for exclusive ends.
    fn parse_range(&mut self, field: Field) -> Result<Query, ParseError> {
        let lower_exclusive = self.char_at(self.pos) == Some('{');
        self.pos += 1;
        self.skip_whitespace();
        let (lower_pos, lower_text) = self.scan_bound();
        if lower_text.is_empty() {
            return Err(error(lower_pos, "a lower bound (a value or *)", self.found_at(lower_pos)));
        }
        self.skip_whitespace();
        let (to_pos, to) = self.scan_bound();
        if !to.eq_ignore_ascii_case("to") {
            return Err(error(to_pos, "TO between the two bounds", self.found_at(to_pos)));
        }
        self.skip_whitespace();
        let (upper_pos, upper_text) = self.scan_bound();
        if upper_text.is_empty() {
            return Err(error(upper_pos, "an upper bound (a value or *)", self.found_at(upper_pos)));
        }
        self.skip_whitespace();
        let upper_exclusive = match self.char_at(self.pos) {
            Some(']') => false,
            Some('}') => true,
            _ => return Err(error(self.pos, "] or } to close the range", self.found_at(self.pos))),
        };
        self.pos += 1;
        let lower = bound(field, &lower_text, lower_pos, lower_exclusive, Side::Lower)?;
        let upper = bound(field, &upper_text, upper_pos, upper_exclusive, Side::Upper)?;
        if let (Some(low), Some(high)) = (lower.value(), upper.value())
            && low > high
        {
            return Err(error(
                lower_pos,
                format!("a lower bound that is not after the upper bound ({low} > {high})"),
                format!("'{lower_text}'"),
            ));
        }
        Ok(Query::Range { field, lower, upper })
    }

    /// `>`, `>=`, `<`, `<=` followed by a value: a range open on one side.
    fn parse_comparison(&mut self, field: Field) -> Result<Query, ParseError> {
        let greater = self.char_at(self.pos) == Some('>');
        self.pos += 1;
        let or_equal = self.char_at(self.pos) == Some('=');
        if or_equal {
            self.pos += 1;
        }
        let operator = match (greater, or_equal) {
            (true, true) => ">=",
            (true, false) => ">",
            (false, true) => "<=",
            (false, false) => "<",
        };
        self.skip_whitespace();
        let word = self.scan_word(self.pos)?;
        if word.len == 0 {
            return Err(error(word.start, format!("a value after {operator}"), self.found_at(word.start)));
        }
        self.pos = word.end;
        let value = bound(field, &word.text, word.start, !or_equal, if greater { Side::Lower } else { Side::Upper })?;
        Ok(if greater {
            Query::Range { field, lower: value, upper: RangeBound::Unbounded }
        } else {
            Query::Range { field, lower: RangeBound::Unbounded, upper: value }
        })
    }

    /// A range bound: everything up to whitespace, `]`, `}` or the end.
    fn scan_bound(&mut self) -> (usize, String) {
        let start = self.pos;
        while self.char_at(self.pos).is_some_and(|c| !c.is_whitespace() && c != ']' && c != '}') {
            self.pos += 1;
        }
        (start, self.chars[start..self.pos].iter().collect())
    }

    /// Reads the bare word starting at `start` (without moving), resolving `\` escapes.
    fn scan_word(&self, start: usize) -> Result<Word, ParseError> {
        let mut word = Word { start, end: start, text: String::new(), escaped: false, stars: Vec::new(), len: 0 };
        let mut pos = start;
        while let Some(c) = self.char_at(pos) {
            if c == '\\' {
                let Some(next) = self.char_at(pos + 1) else {
                    return Err(error(pos + 1, "a character after '\\' (write \\\\ for a backslash)", "end of query"));
                };
                word.text.push(next);
                word.len += 1;
                word.escaped = true;
                pos += 2;
                continue;
            }
            if ends_word(c) || is_doubled_operator(c, self.char_at(pos + 1)) {
                break;
            }
            if c == '*' {
                word.stars.push((pos, word.len));
            }
            word.text.push(c);
            word.len += 1;
            pos += 1;
        }
        word.end = pos;
        Ok(word)
    }

    /// Looks at what stands at the current position without consuming it; returns the token and
    /// where it ends. Malformed operators (`NEAR/x`, a lone `-`) are reported here.
    fn peek(&self) -> Result<(Token, usize), ParseError> {
        let pos = self.pos;
        let Some(c) = self.char_at(pos) else {
            return Ok((Token::End, pos));
        };
        let next = self.char_at(pos + 1);
        match c {
            '(' => return Ok((Token::Open, pos + 1)),
            ')' => return Ok((Token::Close, pos + 1)),
            '&' if next == Some('&') => return Ok((Token::And, pos + 2)),
            '|' if next == Some('|') => return Ok((Token::Or, pos + 2)),
            '-' => {
                return match next {
                    Some(n) if !n.is_whitespace() && n != ')' => Ok((Token::Minus, pos + 1)),
                    _ => Err(error(pos + 1, "a search term right after '-'", self.found_at(pos + 1))),
                };
            }
            // Quotes, brackets, `:` and escapes are read by `parse_primary`.
            c if c != '\\' && ends_word(c) => return Ok((Token::Other, pos)),
            _ => {}
        }
        let word = self.scan_word(pos)?;
        if !word.is_plain() || self.char_at(word.end) == Some(':') || !is_operator_word(&word.text) {
            return Ok((Token::Other, pos));
        }
        let text = word.text.as_str();
        let token = if text.eq_ignore_ascii_case("and") || text == "与" {
            Token::And
        } else if text.eq_ignore_ascii_case("or") || text == "或" {
            Token::Or
        } else if text.eq_ignore_ascii_case("not") || text == "非" {
            Token::Not
        } else if text == "NEAR" || text == "ADJ" {
            return Err(error(
                word.end,
                format!(
                    "/ and a distance after {text}, e.g. {text}/5 (to search the word, write \\{text} or \"{text}\")"
                ),
                self.found_at(word.end),
            ));
        } else {
            let (digits, ordered, operator) = match strip_prefix_ignore_ascii_case(text, "near/") {
                Some(digits) => (digits, false, "NEAR"),
                None => (strip_prefix_ignore_ascii_case(text, "adj/").unwrap_or_default(), true, "ADJ"),
            };
            let digits_pos = pos + operator.len() + 1;
            let distance = digits
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| digits.parse::<u32>().ok())
                .flatten()
                .filter(|distance| (1..=MAX_DISTANCE).contains(distance));
            let Some(distance) = distance else {
                let found = if digits.is_empty() { self.found_at(digits_pos) } else { format!("'{digits}'") };
                return Err(error(
                    digits_pos,
                    format!("a distance from 1 to {MAX_DISTANCE} after {operator}/, e.g. {operator}/5"),
                    found,
                ));
            };
            Token::Near { distance, ordered }
        };
        Ok((token, word.end))
    }
}

/// The field of a query usable as a proximity operand (`Some(None)` for the default fields), or
/// `None` when it cannot be one.
fn proximity_field(query: &Query) -> Option<Option<Field>> {
    match query {
        Query::Term { field, .. } | Query::Phrase { field, .. } | Query::Prefix { field, .. } => Some(*field),
        _ => None,
    }
}

/// Turns a bare word into a term, a prefix, or (on date fields) a range, checking wildcards and
/// the field's value rules.
fn value_of_word(field: Option<Field>, word: Word) -> Result<Query, ParseError> {
    let mut prefix_star = None;
    for &(pos, index) in &word.stars {
        if index + 1 == word.len {
            prefix_star = Some(pos);
        } else if index == 0 {
            return Err(error(
                pos,
                "a word before '*' (leading wildcards are not supported; wirel* finds wireless)",
                format!("'{}'", word.text),
            ));
        } else {
            return Err(error(
                pos,
                "'*' only at the end of a word (wirel* finds wireless)",
                format!("'{}'", word.text),
            ));
        }
    }
    let mut text = word.text;
    if let Some(star) = prefix_star {
        text.pop();
        if text.is_empty() {
            return Err(error(star, "a word before '*' (leading wildcards are not supported)", "'*'"));
        }
        let Some(field) = field else {
            return Ok(Query::Prefix { field, text });
        };
        return match field.kind() {
            FieldKind::Text | FieldKind::Class | FieldKind::Code | FieldKind::Number => {
                Ok(Query::Prefix { field: Some(field), text })
            }
            FieldKind::SimilarGroup if is_digits(&text, 1..=4) => Ok(Query::Prefix { field: Some(field), text }),
            FieldKind::SimilarGroup => {
                Err(error(word.start, "a group prefix of 1–4 digits such as 09*", format!("'{text}*'")))
            }
            FieldKind::NiceClass => {
                Err(error(star, "a Nice class 1–45 without '*' (use nice:[9 TO 12] for several)", "'*'"))
            }
            FieldKind::Date => Err(error(star, "a date without '*' (pd:2020 covers the whole year)", "'*'")),
        };
    }
    if text.is_empty() {
        return Err(error(word.start, "a search term", "nothing"));
    }
    match field {
        None => Ok(Query::Term { field, text }),
        Some(field) if field.kind() == FieldKind::Text => Ok(Query::Term { field: Some(field), text }),
        Some(field) => {
            let written = text.clone();
            exact_value(field, text, word.start, &written)
        }
    }
}

/// A value of a non-text field: checked and normalised where the field has rules, kept as written
/// otherwise.
fn exact_value(field: Field, text: String, pos: usize, written: &str) -> Result<Query, ParseError> {
    let found = || format!("'{written}'");
    match field.kind() {
        FieldKind::Text | FieldKind::Class | FieldKind::Code | FieldKind::Number => {
            Ok(Query::Term { field: Some(field), text })
        }
        FieldKind::NiceClass => match nice_class(&text) {
            Some(class) => Ok(Query::Term { field: Some(field), text: class.to_string() }),
            None => Err(error(pos, "a Nice class from 1 to 45", found())),
        },
        FieldKind::SimilarGroup if is_similar_group(&text) => Ok(Query::Term { field: Some(field), text }),
        FieldKind::SimilarGroup => Err(error(pos, "a similar group: four digits such as 0901", found())),
        FieldKind::Date => {
            let spec = DateSpec::parse(&text).map_err(|problem| error(pos, problem, found()))?;
            Ok(Query::Range {
                field,
                lower: RangeBound::Inclusive(RangeValue::Date(spec.first_day())),
                upper: RangeBound::Inclusive(RangeValue::Date(spec.last_day())),
            })
        }
    }
}

/// One end of a range from its written text. On date fields a written period widens to whole
/// days: an inclusive lower bound starts at the period's first day, an exclusive one excludes the
/// whole period (it sits on its last day), and mirrored for upper bounds.
fn bound(field: Field, text: &str, pos: usize, exclusive: bool, side: Side) -> Result<RangeBound, ParseError> {
    if text == "*" {
        return Ok(RangeBound::Unbounded);
    }
    let value = match field.kind() {
        FieldKind::Date => {
            let spec = DateSpec::parse(text).map_err(|problem| {
                let expected = if problem == DATE_FORMS { format!("{problem}, or *") } else { problem };
                error(pos, expected, format!("'{text}'"))
            })?;
            let first = (side == Side::Lower) != exclusive;
            RangeValue::Date(if first { spec.first_day() } else { spec.last_day() })
        }
        FieldKind::NiceClass => match nice_class(text) {
            Some(class) => RangeValue::Integer(class),
            None => return Err(error(pos, "a Nice class from 1 to 45, or *", format!("'{text}'"))),
        },
        _ => return Err(error(pos, format!("a field that takes ranges, not {field}"), format!("'{text}'"))),
    };
    Ok(if exclusive { RangeBound::Exclusive(value) } else { RangeBound::Inclusive(value) })
}

fn is_digits(text: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// A Nice class number 1–45 written with or without leading zeros.
fn nice_class(text: &str) -> Option<u32> {
    is_digits(text, 1..=3).then(|| text.parse().ok()).flatten().filter(|class| (1..=45).contains(class))
}

/// A CNIPA similar group: four digits whose first two are a Nice class.
fn is_similar_group(text: &str) -> bool {
    is_digits(text, 4..=4) && text.get(..2).and_then(nice_class).is_some()
}
