//! The JSON tables: CNIPA similar groups as parsed from the 区分表 text, and the NCL 10 item
//! list. Values are checked while they are deserialised, so an error carries its line and its
//! JSON path (`[8].groups[0].parts[0].items[3].code`).

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use zhichan_domain::nice::NiceClass;
use zhichan_domain::reference::{GroupItem, NiceItem, ReferenceTable, SimilarGroup};

use super::{TextStream, ascii_code, check_cn_flag, found_expected, parse_part};
use crate::error::{ErrorKind, Position, RecordError};

/// `[{class, heading_zh, notes_zh, groups: [{code, name_zh, parts: [{part, items: [{name, code,
/// cn_specific}]}], notes}]}]`
#[derive(Deserialize)]
struct RawClass {
    class: NiceClass,
    groups: Vec<RawGroup>,
}

#[derive(Deserialize)]
struct RawGroup {
    #[serde(deserialize_with = "group_code")]
    code: String,
    name_zh: String,
    parts: Vec<RawPart>,
    #[serde(default)]
    notes: Vec<String>,
}

#[derive(Deserialize)]
struct RawPart {
    #[serde(default, deserialize_with = "part_number")]
    part: Option<u8>,
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
struct RawItem {
    name: String,
    #[serde(default, deserialize_with = "item_number")]
    code: Option<String>,
    #[serde(default)]
    cn_specific: Option<bool>,
}

/// `{edition, version, classes, goods: [{number, description}], services: [...]}`
#[derive(Deserialize)]
struct RawNiceList {
    #[serde(default)]
    goods: Vec<RawNiceItem>,
    #[serde(default)]
    services: Vec<RawNiceItem>,
}

#[derive(Deserialize)]
struct RawNiceItem {
    #[serde(deserialize_with = "basic_number")]
    number: (NiceClass, String),
    description: String,
}

fn group_code<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let code = ascii_code(&String::deserialize(d)?);
    SimilarGroup::parse_code(&code).map_err(|e| D::Error::custom(found_expected(&code, &e.expected)))?;
    Ok(code)
}

fn part_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(part) => parse_part(&part).map_err(D::Error::custom),
    }
}

fn item_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let Some(raw) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    let number = ascii_code(&raw);
    if number.is_empty() {
        return Ok(None);
    }
    GroupItem::parse_number(&number).map_err(|e| D::Error::custom(found_expected(&number, &e.expected)))?;
    Ok(Some(number))
}

fn basic_number<'de, D: Deserializer<'de>>(d: D) -> Result<(NiceClass, String), D::Error> {
    let number = ascii_code(&String::deserialize(d)?);
    let class =
        NiceItem::parse_basic_number(&number).map_err(|e| D::Error::custom(found_expected(&number, &e.expected)))?;
    Ok((class, number))
}

/// Reads the similar-groups JSON. A group whose code is not of its class, or an item whose
/// `cn_specific` flag disagrees with its number, is an error naming the group.
pub(super) fn similar_groups(stream: TextStream, source: &str) -> Result<ReferenceTable, RecordError> {
    let classes: Vec<RawClass> = deserialize(stream, source)?;
    let mut groups = Vec::new();
    for (class_index, raw_class) in classes.into_iter().enumerate() {
        for (group_index, raw) in raw_class.groups.into_iter().enumerate() {
            let path = format!("[{class_index}].groups[{group_index}]");
            SimilarGroup::check_code(raw_class.class, &raw.code)
                .map_err(|e| group_error(source, &raw.code, &format!("{path}.code"), &e.expected))?;
            let mut items = Vec::new();
            for (part_index, part) in raw.parts.into_iter().enumerate() {
                for (item_index, item) in part.items.into_iter().enumerate() {
                    let item_flag = item.cn_specific;
                    let item = GroupItem { number: item.code, part: part.part, name_zh: item.name, name_en: None };
                    check_cn_flag(&item, item_flag).map_err(|expected| {
                        let field = format!("{path}.parts[{part_index}].items[{item_index}].cn_specific");
                        group_error(source, &raw.code, &field, expected)
                    })?;
                    items.push(item);
                }
            }
            groups.push(SimilarGroup {
                class: raw_class.class,
                code: raw.code,
                title_zh: raw.name_zh,
                notes: raw.notes,
                items,
            });
        }
    }
    Ok(ReferenceTable::SimilarGroups(groups))
}

/// Reads the NCL item list: goods, then services, in file order.
pub(super) fn nice_items(stream: TextStream, source: &str) -> Result<ReferenceTable, RecordError> {
    let list: RawNiceList = deserialize(stream, source)?;
    let items = list
        .goods
        .into_iter()
        .chain(list.services)
        .map(|item| NiceItem { class: item.number.0, basic_number: Some(item.number.1), text_en: item.description })
        .collect();
    Ok(ReferenceTable::NiceItems(items))
}

fn group_error(source: &str, code: &str, field: &str, expected: &str) -> RecordError {
    RecordError {
        record_id: Some(code.to_owned()),
        field: Some(field.to_owned()),
        ..RecordError::input(source, ErrorKind::InvalidField, format!("expected {expected}"))
    }
}

/// Deserialises the whole stream, mapping errors to their line, JSON path and kind.
fn deserialize<T: DeserializeOwned>(stream: TextStream, source: &str) -> Result<T, RecordError> {
    let mut json = serde_json::Deserializer::from_reader(stream);
    let value = serde_path_to_error::deserialize(&mut json).map_err(|e| json_error(source, &e))?;
    json.end().map_err(|e| json_error_at(source, &e, None))?;
    Ok(value)
}

fn json_error(source: &str, error: &serde_path_to_error::Error<serde_json::Error>) -> RecordError {
    let path = error.path().to_string();
    let field = (path != "." && !path.is_empty()).then_some(path);
    json_error_at(source, error.inner(), field)
}

fn json_error_at(source: &str, error: &serde_json::Error, field: Option<String>) -> RecordError {
    use serde_json::error::Category;
    let message = error.to_string();
    let location = format!(" at line {} column {}", error.line(), error.column());
    let message = message.strip_suffix(&location).unwrap_or(&message);
    let kind = match error.classify() {
        Category::Io => ErrorKind::Io,
        Category::Syntax => ErrorKind::Syntax,
        Category::Eof => ErrorKind::Truncated,
        Category::Data if message.starts_with("missing field") => ErrorKind::MissingField,
        Category::Data => ErrorKind::InvalidField,
    };
    let detail = match kind {
        ErrorKind::Truncated => format!("the JSON ends early ({message}); expected the rest of the table"),
        _ => format!("column {}: {message}", error.column()),
    };
    let position = if error.line() == 0 { Position::Input } else { Position::Line(error.line() as u64) };
    RecordError { field, ..RecordError::at(source, position, kind, detail) }
}
