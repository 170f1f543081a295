//! Patents as JSON Lines: one JSON object per line with the patent column set of
//! [`super::columns`] (`publication_number`, `title`, `abstract_zh`, `cpc`…).

use std::io::BufRead;

use serde_json::Value;
use zhichan_domain::records::Record;

use super::columns;
use crate::error::FieldError;
use crate::lines::{LineRecords, json_value};

/// Records of a patent JSON Lines input.
pub(crate) fn reader<R: BufRead>(input: R, source: &str) -> LineRecords<R> {
    LineRecords::new(input, source, parse_line)
}

fn parse_line(text: &str) -> Result<Record, (FieldError, Option<String>)> {
    let value = json_value(text).map_err(|e| (e, None))?;
    let Value::Object(object) = value else {
        return Err((FieldError::invalid("(line)", text.trim(), "a JSON object"), None));
    };
    let id = columns::string(&object, "publication_number");
    columns::build(&object).map_err(|e| (e, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, Position};

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
