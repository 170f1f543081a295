//! Line-oriented inputs: [`TextLines`] reads numbered UTF-8 lines with a length limit, and
//! [`LineRecords`] turns each non-blank line into one record (the JSON Lines formats).

use std::io::{BufRead, Read};

use zhichan_domain::records::Record;

use crate::error::{ErrorKind, FieldError, Position, RecordError};

/// Longest line accepted: far above any real record line, low enough that a file without line
/// breaks cannot exhaust memory.
const MAX_LINE_BYTES: u64 = 256 * 1024 * 1024;

/// One line of a text input.
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: u64,
    /// The text without its line ending (`\n` or `\r\n`).
    pub text: &'a str,
    /// Whether the line ended with a line break (the last line of a cut file does not).
    pub complete: bool,
}

/// Reads a text input line by line. A line that is not UTF-8 or too long is an error of that
/// line; reading goes on with the next. An I/O error ends the input.
pub(crate) struct TextLines<R> {
    input: R,
    number: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> TextLines<R> {
    pub fn new(input: R) -> Self {
        Self { input, number: 0, buf: Vec::new(), done: false }
    }

    /// The next line, `None` at the end of the input.
    pub fn next_line(&mut self, source: &str) -> Option<Result<Line<'_>, RecordError>> {
        if self.done {
            return None;
        }
        self.buf.clear();
        self.number += 1;
        let position = Position::Line(self.number);
        let read = (&mut self.input).take(MAX_LINE_BYTES).read_until(b'\n', &mut self.buf);
        match read {
            Ok(0) => {
                self.done = true;
                return None;
            }
            Ok(_) => {}
            Err(e) => {
                self.done = true;
                return Some(Err(RecordError::at(source, position, ErrorKind::Io, format!("reading failed: {e}"))));
            }
        }
        let complete = self.buf.last() == Some(&b'\n');
        if !complete && self.buf.len() as u64 >= MAX_LINE_BYTES {
            if let Err(e) = self.skip_rest_of_line() {
                self.done = true;
                return Some(Err(RecordError::at(source, position, ErrorKind::Io, format!("reading failed: {e}"))));
            }
            let detail = format!("the line is longer than {MAX_LINE_BYTES} bytes; expected one record per line");
            return Some(Err(RecordError::at(source, position, ErrorKind::TooLarge, detail)));
        }
        let mut bytes = self.buf.as_slice();
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if self.number == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Some(Ok(Line { number: self.number, text, complete })),
            Err(e) => Some(Err(RecordError::at(
                source,
                position,
                ErrorKind::Encoding,
                format!("byte {} of the line is not UTF-8; expected UTF-8 text", e.valid_up_to() + 1),
            ))),
        }
    }

    fn skip_rest_of_line(&mut self) -> std::io::Result<()> {
        loop {
            let available = self.input.fill_buf()?;
            if available.is_empty() {
                return Ok(());
            }
            match available.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.input.consume(i + 1);
                    return Ok(());
                }
                None => {
                    let n = available.len();
                    self.input.consume(n);
                }
            }
        }
    }
}

/// Parses one line into a record; on failure gives the field error and the record's id when
/// it could be read.
pub(crate) type ParseLine = fn(&str) -> Result<Record, (FieldError, Option<String>)>;

/// One record per non-blank line.
pub(crate) struct LineRecords<R> {
    lines: TextLines<R>,
    source: String,
    parse: ParseLine,
}

impl<R: BufRead> LineRecords<R> {
    pub fn new(input: R, source: &str, parse: ParseLine) -> Self {
        Self { lines: TextLines::new(input), source: source.to_owned(), parse }
    }
}

impl<R: BufRead> Iterator for LineRecords<R> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let line = match self.lines.next_line(&self.source)? {
                Ok(line) => line,
                Err(error) => return Some(Err(error)),
            };
            if line.text.trim().is_empty() {
                continue;
            }
            let position = Position::Line(line.number);
            return Some((self.parse)(line.text).map_err(|(e, id)| e.locate(&self.source, position, id)));
        }
    }
}

/// Parses a line as one JSON value; a cut line is [`ErrorKind::Truncated`], anything else
/// unparsable [`ErrorKind::Syntax`].
pub(crate) fn json_value(text: &str) -> Result<serde_json::Value, FieldError> {
    serde_json::from_str(text).map_err(|e| FieldError {
        kind: if e.is_eof() { ErrorKind::Truncated } else { ErrorKind::Syntax },
        field: "(line)".into(),
        detail: format!("{e}; expected one JSON object per line"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<Result<(u64, String, bool), ErrorKind>> {
        let mut reader = TextLines::new(input);
        let mut out = Vec::new();
        while let Some(line) = reader.next_line("t") {
            out.push(line.map(|l| (l.number, l.text.to_owned(), l.complete)).map_err(|e| e.kind));
        }
        out
    }

    #[test]
    fn numbers_lines_strips_endings_and_bom() {
        assert_eq!(
            lines(b"\xEF\xBB\xBFa\r\nb\n\nc"),
            vec![
                Ok((1, "a".into(), true)),
                Ok((2, "b".into(), true)),
                Ok((3, String::new(), true)),
                Ok((4, "c".into(), false)),
            ]
        );
    }

    #[test]
    fn a_line_that_is_not_utf8_is_an_error_and_reading_goes_on() {
        assert_eq!(
            lines(b"ok\ncaf\xE9\nnext\n"),
            vec![Ok((1, "ok".into(), true)), Err(ErrorKind::Encoding), Ok((3, "next".into(), true)),]
        );
    }
}
