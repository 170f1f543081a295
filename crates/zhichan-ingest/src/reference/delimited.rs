//! The delimited tables with a header row: the bilingual similar-group item list (TSV), WIPO's
//! IPC–technology concordance (CSV) and the ST.3 code list (CSV). Columns are found by their
//! header names, so column order and extra columns do not matter; quoting is RFC 4180.

use std::collections::HashMap;

use zhichan_domain::nice::NiceClass;
use zhichan_domain::reference::{GroupItem, ReferenceTable, SimilarGroup, St3Code, TechnologyField};

use super::{TextStream, ascii_code, check_cn_flag, field_error, found_expected, normalise_header, parse_part};
use crate::error::{ErrorKind, Position, RecordError};

/// The columns of `items_zh_en_joined.tsv` (lower case).
pub(super) const SIMILAR_ITEM_COLUMNS: &[&str] =
    &["class", "group", "part", "code", "name_zh", "cn_specific", "name_en_ncl10"];

/// The concordance columns this reader uses (lower case); the French and Spanish names and the
/// update remarks are ignored.
pub(super) const CONCORDANCE_COLUMNS: &[&str] = &["field_number", "sector_en", "field_en", "ipc_code"];

const ST3_COLUMNS: &[&str] = &["code", "name"];

/// One data row, with its line for errors.
struct Row<'a> {
    record: &'a csv::StringRecord,
    /// Column index of each name in `names`.
    index: &'a [usize],
    names: &'static [&'static str],
    line: u64,
    source: &'a str,
}

impl Row<'_> {
    /// The trimmed value of column `name` (which must be one of the table's names).
    fn get(&self, name: &str) -> Result<&str, RecordError> {
        let column = self.names.iter().position(|n| *n == name).map(|p| self.index[p]);
        match column.and_then(|c| self.record.get(c)) {
            Some(value) => Ok(value.trim()),
            None => Err(self.error(
                name,
                ErrorKind::MissingField,
                format!(
                    "the row has {} columns; expected a {name} value in column {}",
                    self.record.len(),
                    column.map_or(0, |c| c + 1)
                ),
            )),
        }
    }

    /// The value of column `name`, which must not be empty.
    fn required(&self, name: &str) -> Result<&str, RecordError> {
        let value = self.get(name)?;
        if value.is_empty() {
            Err(self.error(name, ErrorKind::MissingField, format!("expected a {name} value")))
        } else {
            Ok(value)
        }
    }

    fn invalid(&self, name: &str, value: &str, expected: &str) -> RecordError {
        self.error(name, ErrorKind::InvalidField, found_expected(value, expected))
    }

    fn error(&self, name: &str, kind: ErrorKind, detail: String) -> RecordError {
        field_error(self.source, self.line, None, name, kind, detail)
    }
}

/// Calls `each` for every data row after the header, in order.
fn for_each_row(
    stream: TextStream,
    delimiter: u8,
    names: &'static [&'static str],
    source: &str,
    mut each: impl FnMut(&Row<'_>) -> Result<(), RecordError>,
) -> Result<(), RecordError> {
    let mut reader =
        // Lines end at `\n` only: with the default CRLF handling the csv crate reports the line
        // before the record in CRLF files. The `\r` left at the end is trimmed like other blanks.
        csv::ReaderBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(stream);
    let header: Vec<String> =
        reader.headers().map_err(|e| csv_error(source, &e))?.iter().map(normalise_header).collect();
    let index = names
        .iter()
        .map(|name| {
            header.iter().position(|h| h == name).ok_or_else(|| {
                field_error(
                    source,
                    1,
                    None,
                    name,
                    ErrorKind::MissingField,
                    format!("expected a {name} column in the header row"),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => return Err(csv_error(source, &e)),
        }
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let row = Row {
            record: &record,
            index: &index,
            names,
            line: record.position().map_or(0, csv::Position::line),
            source,
        };
        each(&row)?;
    }
}

fn csv_error(source: &str, error: &csv::Error) -> RecordError {
    let position = error.position().map_or(Position::Input, |p| Position::Line(p.line()));
    let (kind, detail) = match error.kind() {
        csv::ErrorKind::Io(e) => (ErrorKind::Io, format!("cannot read: {e}")),
        csv::ErrorKind::Utf8 { .. } => (ErrorKind::Encoding, "a field is not UTF-8; expected UTF-8 text".to_owned()),
        _ => (ErrorKind::Syntax, error.to_string()),
    };
    RecordError::at(source, position, kind, detail)
}

/// Reads the bilingual item list into groups (in order of first appearance). The list has no
/// group titles or notes: those come from the similar-groups JSON; see
/// [`zhichan_domain::reference::fill_english_names`].
pub(super) fn similar_items(stream: TextStream, source: &str) -> Result<ReferenceTable, RecordError> {
    let mut groups: Vec<SimilarGroup> = Vec::new();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for_each_row(stream, b'\t', SIMILAR_ITEM_COLUMNS, source, |row| {
        let class_value = row.required("class")?;
        let class =
            NiceClass::parse(&ascii_code(class_value)).map_err(|e| row.invalid("class", class_value, &e.expected))?;
        let code = ascii_code(row.required("group")?);
        SimilarGroup::check_code(class, &code).map_err(|e| row.invalid("group", &code, &e.expected))?;
        let part_value = row.get("part")?;
        let part = parse_part(part_value).map_err(|detail| row.error("part", ErrorKind::InvalidField, detail))?;
        let number = ascii_code(row.get("code")?);
        let number = if number.is_empty() {
            None
        } else {
            GroupItem::parse_number(&number).map_err(|e| row.invalid("code", &number, &e.expected))?;
            Some(number)
        };
        let flag_value = row.get("cn_specific")?;
        let flag = match flag_value {
            "" => None,
            "1" | "true" | "True" => Some(true),
            "0" | "false" | "False" => Some(false),
            other => return Err(row.invalid("cn_specific", other, "1 or 0")),
        };
        let name_en = row.get("name_en_ncl10")?;
        let item = GroupItem {
            number,
            part,
            name_zh: row.required("name_zh")?.to_owned(),
            name_en: (!name_en.is_empty()).then(|| name_en.to_owned()),
        };
        check_cn_flag(&item, flag).map_err(|expected| row.invalid("cn_specific", flag_value, expected))?;
        let at = *by_code.entry(code.clone()).or_insert_with(|| {
            groups.push(SimilarGroup { class, code, title_zh: String::new(), notes: Vec::new(), items: Vec::new() });
            groups.len() - 1
        });
        groups[at].items.push(item);
        Ok(())
    })?;
    Ok(ReferenceTable::SimilarGroups(groups))
}

/// Reads the IPC–technology concordance, one row per IPC pattern.
pub(super) fn technology_fields(stream: TextStream, source: &str) -> Result<ReferenceTable, RecordError> {
    let mut fields = Vec::new();
    for_each_row(stream, b',', CONCORDANCE_COLUMNS, source, |row| {
        let number = row.required("field_number")?;
        let field_number = TechnologyField::parse_field_number(number)
            .map_err(|e| row.invalid("field_number", number, &e.expected))?;
        let pattern = row.required("ipc_code")?;
        let ipc_prefix =
            TechnologyField::parse_prefix(pattern).map_err(|e| row.invalid("ipc_code", pattern, &e.expected))?;
        fields.push(TechnologyField {
            ipc_prefix,
            field_number,
            field_en: row.required("field_en")?.to_owned(),
            sector_en: row.required("sector_en")?.to_owned(),
        });
        Ok(())
    })?;
    Ok(ReferenceTable::TechnologyFields(fields))
}

/// Reads the ST.3 code list.
pub(super) fn office_codes(stream: TextStream, source: &str) -> Result<ReferenceTable, RecordError> {
    let mut codes = Vec::new();
    for_each_row(stream, b',', ST3_COLUMNS, source, |row| {
        let code = row.required("code")?;
        let entry = St3Code::new(&ascii_code(code), row.required("name")?)
            .map_err(|e| row.invalid("code", code, &e.expected))?;
        codes.push(entry);
        Ok(())
    })?;
    Ok(ReferenceTable::OfficeCodes(codes))
}
