//! Chinese patent abstracts as published for CPC classification research
//! (`publication_number,text,labels,n_labels`, e.g. the `sample_train.csv` of
//! liaoleyuan/chinese-patent-cpc-multilabel-classification). The office is CN.
//!
//! | column | content | record field |
//! |---|---|---|
//! | `publication_number` | `CN117151122A` | office, number, kind code |
//! | `text` | `Title: …` / `Keywords: …` / `Abstract: …` lines, or `title [SEP] keywords [SEP] abstract` | title and abstract (`zh` when written in Chinese); the English keywords have no place in the model |
//! | `labels` | JSON array of CPC symbols, `["G06F16/3329", "G06F16/35"]` | `cpc` |
//! | `n_labels` | the number of labels, checked | |

use std::io::Read;

use serde_json::{Map, Value};
use zhichan_domain::records::Record;

use super::columns;
use crate::csv_rows::{CsvRecords, Row};
use crate::error::FieldError;

/// Records of a CN patent abstracts CSV input.
pub(crate) fn reader<R: Read>(input: R, source: &str) -> CsvRecords<R> {
    CsvRecords::new(input, source, build, "publication_number")
}

/// The title and abstract held in `text`.
#[derive(Debug, Default, PartialEq, Eq)]
struct Text<'a> {
    title: Option<&'a str>,
    abstract_text: Option<&'a str>,
}

/// Reads both layouts of `text`; anything else is all abstract.
fn split_text(text: &str) -> Text<'_> {
    if text.contains("[SEP]") {
        let parts: Vec<&str> = text.split("[SEP]").collect();
        return match parts.as_slice() {
            [title, .., abstract_text] => Text { title: non_empty(title), abstract_text: non_empty(abstract_text) },
            _ => Text { title: None, abstract_text: non_empty(text) },
        };
    }
    if !text.trim_start().starts_with("Title:") {
        return Text { title: None, abstract_text: non_empty(text) };
    }
    let mut found = Text::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(title) = trimmed.strip_prefix("Title:") {
            found.title = non_empty(title);
        } else if trimmed.starts_with("Abstract:") {
            // The abstract runs to the end of the cell, whatever lines it has.
            let start = offset + (line.len() - trimmed.len()) + "Abstract:".len();
            found.abstract_text = non_empty(&text[start..]);
            break;
        }
        offset += line.len();
    }
    found
}

fn non_empty(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// CJK ideographs mark Chinese text; the sample's titles and abstracts are all Chinese.
fn language(text: &str) -> Option<&'static str> {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)).then_some("zh")
}

fn build(row: &Row<'_>) -> Result<Record, FieldError> {
    let mut object = Map::new();
    let number = row.get("publication_number").ok_or_else(|| FieldError::missing("publication_number"))?;
    object.insert("publication_number".into(), Value::String(number.to_owned()));
    let text = split_text(row.get("text").unwrap_or_default());
    for (key, value) in [("title", text.title), ("abstract", text.abstract_text)] {
        if let Some(value) = value {
            let key = match language(value) {
                Some(lang) => format!("{key}_{lang}"),
                None => key.to_owned(),
            };
            object.insert(key, Value::String(value.to_owned()));
        }
    }
    let labels = match row.get("labels") {
        Some(raw) => serde_json::from_str::<Vec<String>>(raw)
            .map_err(|_| FieldError::invalid("labels", raw, "a JSON array of CPC symbols"))?,
        None => Vec::new(),
    };
    if let Some(raw) = row.get("n_labels") {
        let count: usize = raw.parse().map_err(|_| FieldError::invalid("n_labels", raw, "a whole number"))?;
        if count != labels.len() {
            let expected = format!("{}, the number of labels", labels.len());
            return Err(FieldError::invalid("n_labels", raw, &expected));
        }
    }
    object.insert("cpc".into(), Value::Array(labels.into_iter().map(Value::String).collect()));
    columns::build(&object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn both_text_layouts() {
        let titled = "Title: 一种方法\nKeywords: data; word\nAbstract: 本发明涉及\n第二行。";
        assert_eq!(split_text(titled), Text { title: Some("一种方法"), abstract_text: Some("本发明涉及\n第二行。") });
        let sep = "一种系统 [SEP] heart rate [SEP] 本发明提出了";
        assert_eq!(split_text(sep), Text { title: Some("一种系统"), abstract_text: Some("本发明提出了") });
        assert_eq!(split_text("just text"), Text { title: None, abstract_text: Some("just text") });
        assert_eq!(split_text(""), Text::default());
    }

    #[test]
    fn rows_and_bad_labels() {
        let input = "publication_number,text,labels,n_labels\n\
                     CN117151122A,\"Title: 一种方法\nAbstract: 本发明\",\"[\"\"G06F16/3329\"\", \"\"G06F40/35\"\"]\",2\n\
                     CN1A,x,G06F16/35,1\n\
                     CN2A,x,[],3\n";
        let items: Vec<_> = reader(input.as_bytes(), "t.csv").collect();
        assert_eq!(items.len(), 3);
        let Ok(Record::Patent(p)) = &items[0] else { panic!("{:?}", items[0]) };
        assert_eq!((p.office.as_str(), p.kind_code.as_deref()), ("CN", Some("A")));
        assert_eq!(p.titles[0].text, "一种方法");
        assert_eq!(p.abstracts[0].language.as_deref(), Some("zh"));
        assert_eq!(p.cpc, ["G06F 16/3329", "G06F 40/35"]);
        for (item, field) in items[1..].iter().zip(["labels", "n_labels"]) {
            let err = item.as_ref().expect_err("bad");
            assert_eq!((err.kind, err.field.as_deref()), (ErrorKind::InvalidField, Some(field)), "{err}");
        }
    }
}
