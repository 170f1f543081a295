//! The platform's own interchange format: JSON Lines of [`Record`] exactly as
//! `serde_json::to_string(&record)` writes it, one record per line. The generator writes it
//! and exports use it, so anything the platform holds can be moved between instances.
//!
//! Each line is an object tagged by `kind`:
//!
//! ```text
//! {"kind":"trademark","office":"CN","application_number":"72345678","mark_text":"华为",…}
//! {"kind":"patent","office":"US","publication_number":"06836899","kind_code":"B1",…}
//! ```
//!
//! The other keys are the fields of [`zhichan_domain::records::Trademark`] and
//! [`zhichan_domain::records::Patent`], every one present (`null` or `[]` when unknown); dates
//! are `YYYY-MM-DD`, offices ST.3 codes, classes numbers from 1 to 45. Unknown keys are
//! ignored. Detection reads the first line: a file whose first line is longer than the
//! detection window must put `kind` first, as serde does.
//!
//! Errors name the field by its path in the record (`classes[0].number`, `dates.filing`).

use std::io::BufRead;

use serde::de::DeserializeOwned;
use serde_json::Value;
use zhichan_domain::records::{Patent, Record, Trademark};

use crate::error::{ErrorKind, FieldError};
use crate::lines::{LineRecords, json_value};

/// Records of an interchange JSON Lines input.
pub(crate) fn reader<R: BufRead>(input: R, source: &str) -> LineRecords<R> {
    LineRecords::new(input, source, parse_line)
}

fn parse_line(text: &str) -> Result<Record, (FieldError, Option<String>)> {
    let value = json_value(text).map_err(|e| (e, None))?;
    let Value::Object(object) = &value else {
        return Err((FieldError::invalid("(line)", text.trim(), "a JSON object"), None));
    };
    let id = ["application_number", "publication_number"]
        .iter()
        .find_map(|key| object.get(*key).and_then(Value::as_str))
        .map(str::to_owned);
    let kind = match object.get("kind") {
        Some(Value::String(kind)) => kind.clone(),
        Some(other) => {
            return Err((FieldError::invalid("kind", &other.to_string(), "\"trademark\" or \"patent\""), id));
        }
        None => return Err((FieldError::missing("kind"), id)),
    };
    let record = match kind.as_str() {
        "trademark" => deserialize::<Trademark>(value).map(Record::from),
        "patent" => deserialize::<Patent>(value).map(Record::from),
        other => Err(FieldError::invalid("kind", other, "\"trademark\" or \"patent\"")),
    };
    record.map_err(|e| (e, id))
}

/// Deserialises with the path of the failing field: `classes[0].number`.
fn deserialize<T: DeserializeOwned>(value: Value) -> Result<T, FieldError> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let message = error.into_inner().to_string();
        // serde reports a missing field on the object holding it: name the field itself.
        let missing = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()).map(str::to_owned);
        match missing {
            Some(name) => FieldError {
                kind: ErrorKind::MissingField,
                field: if path == "." { name.clone() } else { format!("{path}.{name}") },
                detail: format!("expected the field {name} (null or [] when unknown)"),
            },
            None => FieldError { kind: ErrorKind::InvalidField, field: path, detail: message },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhichan_domain::OfficeCode;
    use zhichan_domain::nice::NiceClass;
    use zhichan_domain::records::ClassEntry;

    fn mark() -> Record {
        let mut mark = Trademark::new(OfficeCode::parse("CN").expect("valid"), "72345678");
        mark.mark_text = Some("华为".into());
        mark.classes.push(ClassEntry::new(NiceClass::new(9).expect("valid")));
        mark.into()
    }

    #[test]
    fn serialised_records_read_back_equal() {
        let patent: Record = Patent::new(OfficeCode::parse("US").expect("valid"), "06836899").into();
        let input = format!(
            "{}\n\n{}\n",
            serde_json::to_string(&mark()).expect("json"),
            serde_json::to_string(&patent).expect("json")
        );
        let items: Vec<_> = reader(input.as_bytes(), "t").collect();
        assert_eq!(items, vec![Ok(mark()), Ok(patent)]);
    }

    #[test]
    fn errors_name_the_field_path() {
        let json = serde_json::to_value(mark()).expect("json");
        let cases = [
            ("/classes/0/number", serde_json::json!(46), ErrorKind::InvalidField, "classes[0].number"),
            ("/office", serde_json::json!("china"), ErrorKind::InvalidField, "office"),
            ("/dates/filing", serde_json::json!("2023-02-30"), ErrorKind::InvalidField, "dates.filing"),
            ("/kind", serde_json::json!("design"), ErrorKind::InvalidField, "kind"),
        ];
        for (pointer, bad, kind, field) in cases {
            let mut json = json.clone();
            if let Some(slot) = json.pointer_mut(pointer) {
                *slot = bad;
            }
            let err = parse_line(&json.to_string()).map(|_| ()).expect_err(pointer).0;
            assert_eq!((err.kind, err.field.as_str()), (kind, field), "{}", err.detail);
        }
        let mut json = json.clone();
        if let Some(object) = json.as_object_mut() {
            object.remove("events");
        }
        let (err, id) = parse_line(&json.to_string()).map(|_| ()).expect_err("missing");
        assert_eq!(
            (err.kind, err.field.as_str(), id.as_deref()),
            (ErrorKind::MissingField, "events", Some("72345678"))
        );
    }
}
