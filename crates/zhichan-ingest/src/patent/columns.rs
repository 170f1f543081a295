//! The patent column set shared by the table-shaped patent formats (JSON Lines, CSV): one
//! object of named values per patent, for offices and vendors whose data we get as tables
//! rather than XML (e.g. CNIPA abstracts re-packaged by researchers).
//!
//! Unknown keys are ignored, so richer exports load too:
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

use serde_json::{Map, Value};
use zhichan_domain::OfficeCode;
use zhichan_domain::records::{LocalizedText, Party, Patent, Record};

use crate::error::FieldError;
use crate::fields::opt_date;

/// The trimmed, non-empty text (or number) under `key`.
pub(crate) fn string(object: &Map<String, Value>, key: &str) -> Option<String> {
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
pub(crate) fn split_publication_number(raw: &str) -> Option<(String, String, Option<String>)> {
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
pub(crate) fn normalise_symbol(raw: &str) -> String {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() > 4 && compact.is_char_boundary(4) {
        format!("{} {}", &compact[..4], &compact[4..])
    } else {
        compact
    }
}

/// A patent from an object with the column set above.
pub(crate) fn build(object: &Map<String, Value>) -> Result<Record, FieldError> {
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
}
