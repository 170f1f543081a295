//! Patents as JSON Lines: one JSON object per line, for offices and vendors whose data we get as
//! tables rather than XML (e.g. CNIPA abstracts re-packaged by researchers).
//!
//! Column set (unknown keys are ignored, so richer exports load too):
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `publication_number` | string, required | `CN117151122A`: office prefix, number, kind code |
//! | `office`, `kind_code` | string | override what the publication number implies |
//! | `application_number`, `family_id` | string | |
//! | `title`, `abstract`, `description` | string | language not stated |
//! | `title_<lang>`, `abstract_<lang>` | string | the text in language `<lang>` (`abstract_zh`) |
//! | `claims` | array of strings | |
//! | `applicants`, `assignees`, `inventors` | array of strings | names |
//! | `ipc`, `cpc` | array of strings, or one string split on `;` `,` | `G06F16/35` or `G06F 16/35` |
//! | `filing_date`, `publication_date`, `grant_date` | `YYYY-MM-DD` or `YYYYMMDD` | |

use std::io::BufRead;

use serde_json::{Map, Value};
use zhichan_domain::OfficeCode;
use zhichan_domain::records::{LocalizedText, Party, Patent, Record};

use crate::error::{ErrorKind, FieldError, Position, RecordError};
use crate::fields::opt_date;

/// Records of a JSON Lines input.
pub(crate) fn reader<R: BufRead>(input: R, source: &str) -> JsonLines<R> {
    JsonLines { input, source: source.to_owned(), line: 0, buf: Vec::new(), done: false }
}

/// Iterator over the lines of a JSON Lines input.
pub(crate) struct JsonLines<R> {
    input: R,
    source: String,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line += 1;
            let position = Position::Line(self.line);
            match self.input.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    let Ok(text) = std::str::from_utf8(&self.buf) else {
                        return Some(Err(RecordError::at(
                            &self.source,
                            position,
                            ErrorKind::Encoding,
                            "the line is not UTF-8; expected UTF-8 JSON",
                        )));
                    };
                    if text.trim().is_empty() {
                        continue;
                    }
                    return Some(parse_line(text).map_err(|(e, id)| e.locate(&self.source, position, id)));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(RecordError::at(
                        &self.source,
                        position,
                        ErrorKind::Io,
                        format!("reading failed: {e}"),
                    )));
                }
            }
        }
        None
    }
}

fn parse_line(text: &str) -> Result<Record, (FieldError, Option<String>)> {
    let value: Value = serde_json::from_str(text.trim_end()).map_err(|e| {
        let kind = if e.is_eof() { ErrorKind::Truncated } else { ErrorKind::Syntax };
        (FieldError { kind, field: "(line)".into(), detail: format!("{e}; expected one JSON object per line") }, None)
    })?;
    let Value::Object(object) = value else {
        return Err((FieldError::invalid("(line)", text.trim(), "a JSON object"), None));
    };
    let id = string(&object, "publication_number");
    build(&object).map_err(|e| (e, id))
}

fn string(object: &Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn strings(object: &Map<String, Value>, key: &str) -> Result<Vec<String>, FieldError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => {
            Ok(s.split([';', ',']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
        }
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(|s| s.trim().to_owned())
                    .ok_or_else(|| FieldError::invalid(key, &v.to_string(), "an array of strings"))
            })
            .collect(),
        Some(other) => Err(FieldError::invalid(key, &other.to_string(), "an array of strings")),
    }
}

/// `CN117151122A` → (`CN`, `117151122`, `A`); `US06836899B1` → (`US`, `06836899`, `B1`).
fn split_publication_number(raw: &str) -> Option<(String, String, Option<String>)> {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    let office: String = compact.chars().take(2).collect();
    if office.len() != 2 || !office.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let rest = &compact[2..];
    let digits_end = rest.rfind(|c: char| c.is_ascii_digit()).map(|i| i + 1)?;
    let (number, mut kind) = rest.split_at(digits_end);
    let mut number = number.to_owned();
    // A kind code ends in at most one digit (B1, A2); the digit belongs to it when letters precede.
    if kind.is_empty() && number.len() >= 2 {
        let bytes = number.as_bytes();
        if bytes[bytes.len() - 2].is_ascii_alphabetic() {
            let split = number.len() - 2;
            let tail = number.split_off(split);
            return Some((office, number, Some(tail)));
        }
    }
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    kind = kind.trim();
    Some((office, number, Some(kind.to_owned()).filter(|k| !k.is_empty())))
}

/// `G06F16/3329` → `G06F 16/3329`.
fn normalise_symbol(raw: &str) -> String {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() > 4 && compact.is_char_boundary(4) {
        format!("{} {}", &compact[..4], &compact[4..])
    } else {
        compact
    }
}

fn build(object: &Map<String, Value>) -> Result<Record, FieldError> {
    let raw = string(object, "publication_number").ok_or_else(|| FieldError::missing("publication_number"))?;
    let (office, number, kind) = split_publication_number(&raw).ok_or_else(|| {
        FieldError::invalid("publication_number", &raw, "an office prefix, digits and a kind code, e.g. CN117151122A")
    })?;
    let office = string(object, "office").unwrap_or(office);
    let office = OfficeCode::parse(&office)
        .map_err(|_| FieldError::invalid("office", &office, "a two-letter WIPO ST.3 code"))?;
    let mut patent = Patent::new(office, number);
    patent.kind_code = string(object, "kind_code").or(kind);
    patent.application_number = string(object, "application_number");
    patent.family_id = string(object, "family_id");
    for (key, value) in object {
        let Value::String(text) = value else { continue };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(lang) = key.strip_prefix("title_") {
            patent.titles.push(LocalizedText::new(Some(lang), text));
        } else if let Some(lang) = key.strip_prefix("abstract_") {
            patent.abstracts.push(LocalizedText::new(Some(lang), text));
        }
    }
    if let Some(title) = string(object, "title") {
        patent.titles.insert(0, LocalizedText::new(None, title));
    }
    if let Some(text) = string(object, "abstract") {
        patent.abstracts.insert(0, LocalizedText::new(None, text));
    }
    patent.description = string(object, "description");
    patent.claims = strings(object, "claims")?;
    let names = |key: &str| -> Result<Vec<Party>, FieldError> {
        Ok(strings(object, key)?.into_iter().map(|name| Party { name, ..Party::default() }).collect())
    };
    patent.applicants = names("applicants")?;
    patent.assignees = names("assignees")?;
    patent.inventors = names("inventors")?;
    patent.ipc = strings(object, "ipc")?.iter().map(|s| normalise_symbol(s)).collect();
    patent.cpc = strings(object, "cpc")?.iter().map(|s| normalise_symbol(s)).collect();
    patent.dates.filing = opt_date("filing_date", string(object, "filing_date"))?;
    patent.dates.publication = opt_date("publication_date", string(object, "publication_date"))?;
    patent.dates.grant = opt_date("grant_date", string(object, "grant_date"))?;
    Ok(patent.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_numbers_split_into_office_number_kind() {
        let s = |raw: &str| split_publication_number(raw);
        assert_eq!(s("CN117151122A"), Some(("CN".into(), "117151122".into(), Some("A".into()))));
        assert_eq!(s("US06836899B1"), Some(("US".into(), "06836899".into(), Some("B1".into()))));
        assert_eq!(s("EP1234567"), Some(("EP".into(), "1234567".into(), None)));
        assert_eq!(s("cn1A"), None);
        assert_eq!(s("CNABC"), None);
    }

    #[test]
    fn lines_become_records_and_bad_lines_errors() {
        let input = "{\"publication_number\":\"CN117151122A\",\"title\":\"一种方法\",\"abstract_zh\":\"本发明\",\"cpc\":[\"G06F16/35\"]}\n\n[1]\n{\"publication_number\":\"CN1\n{\"title\":\"x\"}\n";
        let items: Vec<_> = reader(input.as_bytes(), "t.jsonl").collect();
        assert_eq!(items.len(), 4);
        let Ok(Record::Patent(p)) = &items[0] else { panic!("{:?}", items[0]) };
        assert_eq!(
            (p.office.as_str(), p.publication_number.as_str(), p.kind_code.as_deref()),
            ("CN", "117151122", Some("A"))
        );
        assert_eq!(p.cpc, vec!["G06F 16/35".to_owned()]);
        assert_eq!(p.abstracts[0].language.as_deref(), Some("zh"));
        let lines: Vec<_> =
            items[1..].iter().map(|i| i.as_ref().map_err(|e| (e.position, e.kind)).expect_err("error")).collect();
        assert_eq!(lines[0], (Position::Line(3), ErrorKind::InvalidField));
        assert_eq!(lines[1], (Position::Line(4), ErrorKind::Truncated));
        assert_eq!(lines[2], (Position::Line(5), ErrorKind::MissingField));
    }
}
