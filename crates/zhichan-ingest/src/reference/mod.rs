//! Readers of the published reference tables: CNIPA similar groups (parsed JSON and the joined
//! bilingual item list), the WIPO IPC scheme and its technology-field concordance, the Nice item
//! list (NCL 10 JSON) and the WIPO ST.3 code list.
//!
//! A file is recognised by its content — the JSON keys or the header row in its first
//! [`PREFIX_LEN`] bytes — never by its name. Anything else is `Ok(None)`, so a caller can offer
//! every file of a folder. Files are read as a stream; the table itself is held whole.
//!
//! | content | table |
//! |---|---|
//! | JSON array of `{class, groups: [{code, name_zh, parts: [{part, items}], notes}]}` | [`ReferenceTable::SimilarGroups`] |
//! | TSV header `class group part code name_zh cn_specific name_en_ncl10` | [`ReferenceTable::SimilarGroups`] (items only: no titles, no notes) |
//! | no header; `symbol<TAB>title` lines, first symbol an IPC symbol | [`ReferenceTable::Ipc`] |
//! | CSV header with `Field_number`, `Sector_en`, `Field_en`, `IPC_code` | [`ReferenceTable::TechnologyFields`] |
//! | JSON object `{edition, classes, goods, services}` | [`ReferenceTable::NiceItems`] |
//! | CSV header `code,name` | [`ReferenceTable::OfficeCodes`] |

mod delimited;
mod ipc;
mod json;

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use zhichan_domain::reference::{GroupItem, ReferenceTable};

use crate::error::{ErrorKind, Position, RecordError};
use crate::source::io_error;

/// How many bytes recognition looks at: enough for the NCL class headings before its item lists.
pub(crate) const PREFIX_LEN: usize = 64 * 1024;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The published files this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableFile {
    SimilarGroupsJson,
    SimilarItemsTsv,
    IpcScheme,
    TechnologyConcordance,
    NiceItemsJson,
    St3Csv,
}

/// A plain-text input with its BOM removed: the recognised prefix, then the rest of the file.
pub(crate) type TextStream = BufReader<std::io::Chain<Cursor<Vec<u8>>, File>>;

/// Opens `path` and reads it as a reference table if its content is one; `Ok(None)` when it is
/// some other file (a record file, a README, binary data). Errors name the file, the line and
/// the field, and say what was expected.
pub fn open(path: impl AsRef<Path>) -> Result<Option<ReferenceTable>, RecordError> {
    let path = path.as_ref();
    let source = path.display().to_string();
    let mut file = File::open(path).map_err(|e| io_error(&source, &e))?;
    let mut prefix = Vec::with_capacity(PREFIX_LEN);
    (&mut file).take(PREFIX_LEN as u64).read_to_end(&mut prefix).map_err(|e| io_error(&source, &e))?;
    if prefix.starts_with(UTF8_BOM) {
        prefix.drain(..UTF8_BOM.len());
    }
    let Some(kind) = recognise(&prefix) else {
        return Ok(None);
    };
    let stream: TextStream = BufReader::with_capacity(64 * 1024, Cursor::new(prefix).chain(file));
    let table = match kind {
        TableFile::SimilarGroupsJson => json::similar_groups(stream, &source)?,
        TableFile::NiceItemsJson => json::nice_items(stream, &source)?,
        TableFile::SimilarItemsTsv => delimited::similar_items(stream, &source)?,
        TableFile::TechnologyConcordance => delimited::technology_fields(stream, &source)?,
        TableFile::St3Csv => delimited::office_codes(stream, &source)?,
        TableFile::IpcScheme => ipc::scheme(stream, &source)?,
    };
    Ok(Some(table))
}

/// Recognises a table from the first bytes (BOM already removed).
fn recognise(prefix: &[u8]) -> Option<TableFile> {
    // The prefix may end inside a multi-byte character; look at the valid part.
    let text = match std::str::from_utf8(prefix) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&prefix[..e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') || trimmed.starts_with('{') {
        let keys = json_keys(trimmed);
        let has = |names: &[&str]| names.iter().all(|n| keys.contains(n));
        return if trimmed.starts_with('[') && has(&["class", "groups", "name_zh", "parts", "items"]) {
            Some(TableFile::SimilarGroupsJson)
        } else if trimmed.starts_with('{')
            && has(&["edition", "classes"])
            && (keys.contains("goods") || keys.contains("services"))
        {
            Some(TableFile::NiceItemsJson)
        } else {
            None
        };
    }
    let first_line = text.lines().next()?.trim_end_matches('\r');
    let header: Vec<String> = if first_line.contains('\t') {
        first_line.split('\t').map(normalise_header).collect()
    } else {
        first_line.split(',').map(normalise_header).collect()
    };
    let has = |names: &[&str]| names.iter().all(|n| header.iter().any(|h| h == n));
    if first_line.contains('\t') {
        if has(delimited::SIMILAR_ITEM_COLUMNS) {
            return Some(TableFile::SimilarItemsTsv);
        }
        return ipc::looks_like_scheme(first_line).then_some(TableFile::IpcScheme);
    }
    if has(delimited::CONCORDANCE_COLUMNS) {
        Some(TableFile::TechnologyConcordance)
    } else if header == ["code", "name"] {
        Some(TableFile::St3Csv)
    } else {
        None
    }
}

/// A header cell as compared: trimmed, unquoted, lower case.
pub(crate) fn normalise_header(cell: &str) -> String {
    cell.trim().trim_matches('"').trim().to_lowercase()
}

/// The object keys (strings followed by `:`) in a JSON prefix.
fn json_keys(text: &str) -> HashSet<&str> {
    let mut keys = HashSet::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'"' {
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        if end >= bytes.len() {
            break;
        }
        let after = text[end + 1..].trim_start();
        if after.starts_with(':') {
            keys.insert(&text[start..end]);
        }
        i = end + 1;
    }
    keys
}

/// Reference tables print codes in full-width forms (`０９０１`, `Ｃ０９０００１`) and with
/// ideographic spaces; the domain rules take ASCII.
pub(crate) fn ascii_code(value: &str) -> String {
    value
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// The number of a similar group's part as printed: `一`, `(二)`, `（十二）`, `二十`; `None` for
/// an empty value.
pub(crate) fn parse_part(value: &str) -> Result<Option<u8>, String> {
    let expected =
        || format!("found {value:?}, expected a part numeral in Chinese (一 to 九十九, optionally in brackets)");
    let inner = value.trim().trim_start_matches(['(', '（']).trim_end_matches([')', '）']).trim();
    if inner.is_empty() {
        return Ok(None);
    }
    let digit = |c: char| "一二三四五六七八九".chars().position(|d| d == c).map(|p| p + 1);
    let chars: Vec<char> = inner.chars().collect();
    let number = match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => digit(*d).map(|d| 10 + d),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', d] => digit(*t).zip(digit(*d)).map(|(t, d)| t * 10 + d),
        _ => None,
    };
    number.and_then(|n| u8::try_from(n).ok()).map(Some).ok_or_else(expected)
}

/// Checks a source's "CNIPA-specific" flag against the item's number (C-numbered items are).
pub(crate) fn check_cn_flag(item: &GroupItem, cn_specific: Option<bool>) -> Result<(), &'static str> {
    match cn_specific {
        Some(flag) if item.number.is_some() && flag != item.is_cnipa_specific() => {
            Err("cn_specific to be true exactly for C-numbered (CNIPA-specific) items")
        }
        _ => Ok(()),
    }
}

/// An error in one field of the line a reader is at.
pub(crate) fn field_error(
    source: &str,
    line: u64,
    record_id: Option<&str>,
    field: &str,
    kind: ErrorKind,
    detail: impl Into<String>,
) -> RecordError {
    RecordError {
        field: Some(field.to_owned()),
        record_id: record_id.map(str::to_owned),
        ..RecordError::at(source, Position::Line(line), kind, detail)
    }
}

/// "found …, expected …" for a refused value.
pub(crate) fn found_expected(value: &str, expected: &str) -> String {
    let shown: String = value.chars().take(60).collect();
    format!("found {shown:?}, expected {expected}")
}

/// Reads a line (without its end) or `None` at the end; a line that is not UTF-8 is an error.
pub(crate) fn read_line(
    stream: &mut impl BufRead,
    buffer: &mut String,
    source: &str,
    line: u64,
) -> Result<Option<()>, RecordError> {
    buffer.clear();
    match stream.read_line(buffer) {
        Ok(0) => Ok(None),
        Ok(_) => {
            let end = buffer.trim_end_matches(['\n', '\r']).len();
            buffer.truncate(end);
            Ok(Some(()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => Err(RecordError::at(
            source,
            Position::Line(line),
            ErrorKind::Encoding,
            "the line is not UTF-8; expected UTF-8 text",
        )),
        Err(e) => Err(io_error(source, &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_tables_by_content() {
        let cases: [(&[u8], Option<TableFile>); 9] = [
            (
                b"[{\"class\": 1, \"heading_zh\": \"x\", \"groups\": [{\"code\": \"0101\", \"name_zh\": \"y\", \"parts\": [{\"part\": null, \"items\": [",
                Some(TableFile::SimilarGroupsJson),
            ),
            (
                b"{ \"edition\": \"10\", \"classes\": [], \"goods\": [",
                Some(TableFile::NiceItemsJson),
            ),
            (
                b"class\tgroup\tpart\tcode\tname_zh\tcn_specific\tname_en_ncl10\r\n1\t0101",
                Some(TableFile::SimilarItemsTsv),
            ),
            (b"A\tHUMAN NECESSITIES\n", Some(TableFile::IpcScheme)),
            (
                b"Field_number,Sector_en,Sector_fr,Sector_es,Field_en,Field_fr,Field_es,IPC_code,Updated_on,Remark\r\n",
                Some(TableFile::TechnologyConcordance),
            ),
            (b"code,name\r\nAD,Andorra\r\n", Some(TableFile::St3Csv)),
            (b"[{\"number\": 1, \"heading\": \"x\", \"note\": \"y\"}]", None),
            (b"<?xml version=\"1.0\"?><case-file/>", None),
            (b"Source repo : github.com/x\tfoo\n", None),
        ];
        for (input, expected) in cases {
            assert_eq!(recognise(input), expected, "{}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn json_keys_skip_values_and_escapes() {
        let keys = json_keys(r#"{"a": "b:\"c\"", "d" : [ {"e":1} ], "f"#);
        let mut keys: Vec<_> = keys.into_iter().collect();
        keys.sort_unstable();
        assert_eq!(keys, ["a", "d", "e"]);
    }

    #[test]
    fn codes_lose_full_width_forms() {
        assert_eq!(ascii_code("\u{3000}０９０１ "), "0901");
        assert_eq!(ascii_code("Ｃ０９０００１"), "C090001");
    }

    #[test]
    fn part_numerals() {
        let cases = [
            ("", None),
            ("一", Some(1)),
            ("(二)", Some(2)),
            ("（十）", Some(10)),
            ("十二", Some(12)),
            ("二十", Some(20)),
            ("九十九", Some(99)),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_part(input), Ok(expected), "{input}");
        }
        for bad in ["1", "零", "一百", "十十"] {
            assert!(parse_part(bad).is_err(), "{bad}");
        }
    }
}
