//! Errors of the readers: always say where (source, byte or line), which record and field, and
//! what was expected, so an operator can fix the file or report it upstream.

use std::fmt;

/// Where in the (decompressed) input a problem was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Byte offset from the start of the decompressed stream.
    Byte(u64),
    /// 1-based line number (text formats).
    Line(u64),
    /// The whole input (e.g. it is empty).
    Input,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Byte(b) => write!(f, "byte {b}"),
            Position::Line(l) => write!(f, "line {l}"),
            Position::Input => f.write_str("input"),
        }
    }
}

/// What kind of problem it was; stable so callers can count and tests can match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be opened or read.
    Io,
    /// The input has no content.
    Empty,
    /// The input is binary data, not a record format.
    Binary,
    /// The input is text but not a format we read.
    UnknownFormat,
    /// The input is a known document that holds no records (e.g. a USPTO XML4IP claims or
    /// specification file of a file wrapper): an importer walking a directory skips it.
    NotRecords,
    /// The input declares or uses a character encoding other than UTF-8.
    Encoding,
    /// A zip or gzip container is damaged or uses an unsupported method.
    Archive,
    /// The XML is not well-formed.
    Syntax,
    /// The input ends in the middle of a record.
    Truncated,
    /// One record exceeds the size limit, which protects memory from malformed input.
    TooLarge,
    /// A field a record needs is absent.
    MissingField,
    /// A field holds a value of the wrong shape.
    InvalidField,
}

/// A problem reading one record (or the input as a whole).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RecordError {
    /// The input: a file path, `path!entry` inside a zip, or the name given by the caller.
    pub source_name: String,
    /// Where in that input.
    pub position: Position,
    /// The record's number, when it was read before the problem.
    pub record_id: Option<String>,
    /// The source field (element or column name), when one field is at fault.
    pub field: Option<String>,
    /// What kind of problem.
    pub kind: ErrorKind,
    /// What was found and what was expected, in plain words.
    pub detail: String,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source_name, self.position)?;
        if let Some(id) = &self.record_id {
            write!(f, ": record {id}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field {field}")?;
        }
        write!(f, ": {}", self.detail)
    }
}

impl RecordError {
    /// An error about the input as a whole.
    pub(crate) fn input(source_name: &str, kind: ErrorKind, detail: impl Into<String>) -> Self {
        Self {
            source_name: source_name.to_owned(),
            position: Position::Input,
            record_id: None,
            field: None,
            kind,
            detail: detail.into(),
        }
    }

    /// An error at `position` of the input.
    pub(crate) fn at(source_name: &str, position: Position, kind: ErrorKind, detail: impl Into<String>) -> Self {
        Self { position, ..Self::input(source_name, kind, detail) }
    }
}

/// A field-level problem found while turning a parsed record into a domain record; the reader
/// adds source and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub kind: ErrorKind,
    pub field: String,
    pub detail: String,
}

impl FieldError {
    /// `field` is absent.
    pub fn missing(field: &str) -> Self {
        Self {
            kind: ErrorKind::MissingField,
            field: field.to_owned(),
            detail: format!("expected a {field} element with a value"),
        }
    }

    /// `field` holds `value`, which is not `expected`.
    pub fn invalid(field: &str, value: &str, expected: &str) -> Self {
        let shown: String = value.chars().take(60).collect();
        Self {
            kind: ErrorKind::InvalidField,
            field: field.to_owned(),
            detail: format!("found {shown:?}, expected {expected}"),
        }
    }

    /// Completes the error with its location and record id.
    pub fn locate(self, source_name: &str, position: Position, record_id: Option<String>) -> RecordError {
        RecordError {
            source_name: source_name.to_owned(),
            position,
            record_id,
            field: Some(self.field),
            kind: self.kind,
            detail: self.detail,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_source_position_record_field_and_expectation() {
        let err = FieldError::invalid("filing-date", "2024-13-45", "a date as YYYYMMDD").locate(
            "daily.xml",
            Position::Byte(120),
            Some("98763166".into()),
        );
        assert_eq!(
            err.to_string(),
            "daily.xml: byte 120: record 98763166: field filing-date: found \"2024-13-45\", expected a date as YYYYMMDD"
        );
    }
}
