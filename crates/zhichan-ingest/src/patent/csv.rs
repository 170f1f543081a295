//! Patents as CSV: a header row naming columns of the patent column set of
//! [`super::columns`] (the same names as the JSON Lines keys), then one patent per row.
//!
//! ```text
//! publication_number,title,abstract_zh,applicants,ipc,cpc,filing_date,publication_date
//! CN117151122A,一种基于自然语言处理的银行客服会话问答处理方法,本发明涉及…,某银行股份有限公司,G06F16/35,G06F16/3329|G06F40/35,2023-08-01,2023-12-01
//! ```
//!
//! `publication_number` is required (with the office prefix, or bare with an `office`
//! column); list columns (`claims`, `applicants`, `assignees`, `inventors`, `ipc`, `cpc`) hold
//! several values separated by `|`, and `ipc`/`cpc` also accept `;` and `,`.

use std::io::Read;

use serde_json::{Map, Value};
use zhichan_domain::records::Record;

use super::columns;
use crate::csv_rows::{CsvRecords, Row};
use crate::error::FieldError;

/// Records of a patent CSV input.
pub(crate) fn reader<R: Read>(input: R, source: &str) -> CsvRecords<R> {
    CsvRecords::new(input, source, build, "publication_number")
}

/// Columns holding lists, and the separators of each.
const LISTS: [(&str, &[char]); 6] = [
    ("claims", &['|']),
    ("applicants", &['|']),
    ("assignees", &['|']),
    ("inventors", &['|']),
    ("ipc", &['|', ';', ',']),
    ("cpc", &['|', ';', ',']),
];

fn build(row: &Row<'_>) -> Result<Record, FieldError> {
    let mut object = Map::new();
    for (column, cell) in row.cells() {
        let value = match LISTS.iter().find(|(name, _)| *name == column) {
            Some((_, separators)) => Value::Array(
                cell.split(*separators)
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(|v| Value::String(v.to_owned()))
                    .collect(),
            ),
            None => Value::String(cell.to_owned()),
        };
        object.insert(column.to_owned(), value);
    }
    columns::build(&object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn rows_map_to_the_column_set() {
        let input = "publication_number,title_zh,applicants,claims,cpc,filing_date\n\
                     CN117151122A,一种方法,甲公司|乙大学,\"1. 一种方法, 包括…|2. 根据权利要求1\",G06F16/35;G06F40/247,2023-08-01\n\
                     US06836899B1,,,,,2003-02-30\n";
        let items: Vec<_> = reader(input.as_bytes(), "t.csv").collect();
        assert_eq!(items.len(), 2);
        let Ok(Record::Patent(p)) = &items[0] else { panic!("{:?}", items[0]) };
        assert_eq!(p.key().to_string(), "CN/pat/117151122");
        assert_eq!(p.titles[0].language.as_deref(), Some("zh"));
        assert_eq!(p.applicants.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["甲公司", "乙大学"]);
        assert_eq!(p.claims.len(), 2);
        assert_eq!(p.cpc, ["G06F 16/35", "G06F 40/247"]);
        let err = items[1].as_ref().expect_err("bad date");
        assert_eq!((err.kind, err.field.as_deref()), (ErrorKind::InvalidField, Some("filing_date")));
        assert_eq!(err.record_id.as_deref(), Some("US06836899B1"));
    }
}
