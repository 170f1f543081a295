//! CSV inputs with a header row: each data row is handed, with the header, to a format's row
//! builder. Column names are matched trimmed and in lower case; blank rows (every cell empty,
//! as in padded spreadsheet exports) are skipped. Cells may be quoted and span lines (RFC 4180).

use std::io::Read;

use zhichan_domain::records::Record;

use crate::error::{ErrorKind, FieldError, Position, RecordError};

/// One data row, read by column name.
pub(crate) struct Row<'a> {
    header: &'a [String],
    cells: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The trimmed cell of `column`, `None` when the column is absent or the cell empty.
    pub fn get(&self, column: &str) -> Option<&str> {
        let i = self.header.iter().position(|h| h == column)?;
        self.cells.get(i).map(str::trim).filter(|v| !v.is_empty())
    }

    /// Every non-empty cell with its column name, in column order.
    pub fn cells(&self) -> impl Iterator<Item = (&str, &str)> {
        self.header.iter().map(String::as_str).zip(self.cells.iter().map(str::trim)).filter(|(_, v)| !v.is_empty())
    }
}

/// Turns one row into a record.
pub(crate) type BuildRow = fn(&Row<'_>) -> Result<Record, FieldError>;

/// Normalises a header cell: trimmed, lower case, without a byte order mark.
pub(crate) fn column_name(raw: &str) -> String {
    raw.trim_start_matches('\u{feff}').trim().to_lowercase()
}

/// The records of a CSV input.
pub(crate) struct CsvRecords<R: Read> {
    reader: csv::Reader<R>,
    header: Option<Vec<String>>,
    source: String,
    build: BuildRow,
    /// Column whose cell names the record in error messages.
    id_column: &'static str,
    cells: csv::StringRecord,
    /// A read made early to see whether a short row was the last one (then the input was cut).
    ahead: Option<(Result<bool, csv::Error>, csv::StringRecord)>,
    done: bool,
}

impl<R: Read> CsvRecords<R> {
    pub fn new(input: R, source: &str, build: BuildRow, id_column: &'static str) -> Self {
        let reader = csv::ReaderBuilder::new().has_headers(false).flexible(false).from_reader(input);
        Self {
            reader,
            header: None,
            source: source.to_owned(),
            build,
            id_column,
            cells: csv::StringRecord::new(),
            ahead: None,
            done: false,
        }
    }

    /// The next row into `cells`, taking a row read ahead first.
    fn read(&mut self) -> Result<bool, csv::Error> {
        match self.ahead.take() {
            Some((result, cells)) => {
                self.cells = cells;
                result
            }
            None => self.reader.read_record(&mut self.cells),
        }
    }

    /// Whether the input ends right after the current row; reads ahead to know.
    fn at_end(&mut self) -> bool {
        let mut next = csv::StringRecord::new();
        let result = self.reader.read_record(&mut next);
        let end = matches!(result, Ok(false));
        self.ahead = Some((result, next));
        end
    }

    fn error(&mut self, error: &csv::Error) -> RecordError {
        let line = error.position().map_or(Position::Input, |p| Position::Line(p.line()));
        let (kind, detail) = match error.kind() {
            csv::ErrorKind::Utf8 { .. } => (ErrorKind::Encoding, format!("{error}; expected UTF-8 text")),
            csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                let truncated = len < expected_len && self.at_end();
                let kind = if truncated { ErrorKind::Truncated } else { ErrorKind::Syntax };
                (kind, format!("the row has {len} cells; expected {expected_len} as in the header"))
            }
            csv::ErrorKind::Io(e) => (ErrorKind::Io, format!("reading failed: {e}")),
            _ => (ErrorKind::Syntax, format!("malformed CSV: {error}")),
        };
        RecordError::at(&self.source, line, kind, detail)
    }
}

impl<R: Read> Iterator for CsvRecords<R> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.read() {
                Ok(false) => self.done = true,
                Ok(true) => {
                    let Some(header) = &self.header else {
                        self.header = Some(self.cells.iter().map(column_name).collect());
                        continue;
                    };
                    if self.cells.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    let row = Row { header, cells: &self.cells };
                    let line = self.cells.position().map_or(Position::Input, |p| Position::Line(p.line()));
                    let id = row.get(self.id_column).map(str::to_owned);
                    return Some((self.build)(&row).map_err(|e| e.locate(&self.source, line, id)));
                }
                Err(error) => {
                    if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                        self.done = true;
                    }
                    return Some(Err(self.error(&error)));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhichan_domain::OfficeCode;
    use zhichan_domain::records::Patent;

    fn build(row: &Row<'_>) -> Result<Record, FieldError> {
        let number = row.get("number").ok_or_else(|| FieldError::missing("number"))?;
        let office = OfficeCode::parse("CN").map_err(|_| FieldError::missing("office"))?;
        Ok(Patent::new(office, number).into())
    }

    fn read(input: &str) -> Vec<Result<String, (ErrorKind, Position)>> {
        CsvRecords::new(input.as_bytes(), "t.csv", build, "number")
            .map(|r| r.map(|r| r.key().number).map_err(|e| (e.kind, e.position)))
            .collect()
    }

    #[test]
    fn rows_by_header_name_skipping_blank_rows() {
        assert_eq!(read("\u{feff} Number ,x\n1,a\n,\n\"2\",\"multi\nline\"\n"), vec![Ok("1".into()), Ok("2".into())]);
    }

    #[test]
    fn short_rows_and_missing_cells_are_errors_with_their_line() {
        assert_eq!(
            read("number,x\n1,a\n2\n,b\n3,c\n4"),
            vec![
                Ok("1".into()),
                Err((ErrorKind::Syntax, Position::Line(3))),
                Err((ErrorKind::MissingField, Position::Line(4))),
                Ok("3".into()),
                Err((ErrorKind::Truncated, Position::Line(6))),
            ]
        );
    }
}
