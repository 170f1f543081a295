//! Trademarks as CSV: a header row, then one mark per row. The columns, matched by name in any
//! order (unknown columns are ignored, so richer exports load too):
//!
//! | column | required | content |
//! |---|---|---|
//! | `office` | yes | WIPO ST.3 code: `CN`, `US`, `EM`, `WO` |
//! | `application_number` | yes | the office's application (serial) number |
//! | `registration_number` | | |
//! | `mark` | | the words of the mark as filed; empty for a purely figurative mark |
//! | `mark_kind` | | `word`, `figurative`, `combined`, `three_dimensional`, `sound`, `colour`, `other` |
//! | `transliteration`, `translation` | | |
//! | `classes` | | Nice classes separated by `\|`, `;` or `,`: `9;42` |
//! | `goods_services` | | `class: goods` entries separated by `\|`: `9: computer software \| 42: software as a service` |
//! | `owners` | | owner names separated by `\|`, current owner first |
//! | `owner_country` | | ST.3 country of the owners |
//! | `representative` | | agent or attorney |
//! | `design_codes` | | Vienna codes separated by `\|` or `;`: `03.01.08` |
//! | `filing_date`, `publication_date`, `registration_date`, `renewal_date`, `expiry_date` | | `YYYY-MM-DD` or `YYYYMMDD` |
//! | `status` | | the office's status words or USPTO code, kept and normalised (`Registered`, `800`) |
//! | `status_date`, `register` | | |
//!
//! ```text
//! office,application_number,mark,mark_kind,classes,goods_services,owners,filing_date,status
//! CN,72345678,华为,word,9;42,9: 手机 | 42: 软件设计,华为技术有限公司,2023-05-04,已注册
//! ```

use std::io::Read;

use serde_json::Value;
use zhichan_domain::records::{ClassEntry, LocalizedText, MarkKind, Party, Record, Trademark};

use crate::csv_rows::{CsvRecords, Row};
use crate::error::FieldError;
use crate::fields::{class_number, opt_date};

/// Records of a trademark CSV input.
pub(crate) fn reader<R: Read>(input: R, source: &str) -> CsvRecords<R> {
    CsvRecords::new(input, source, build, "application_number")
}

fn list<'a>(cell: Option<&'a str>, separators: &'a [char]) -> impl Iterator<Item = &'a str> {
    cell.unwrap_or_default().split(separators).map(str::trim).filter(|v| !v.is_empty())
}

fn date(row: &Row<'_>, column: &str) -> Result<Option<chrono::NaiveDate>, FieldError> {
    opt_date(column, row.get(column).map(str::to_owned))
}

fn build(row: &Row<'_>) -> Result<Record, FieldError> {
    let office = super::office("office", row.get("office").map(str::to_owned))?;
    let number = row.get("application_number").ok_or_else(|| FieldError::missing("application_number"))?;
    let mut mark = Trademark::new(office, number);
    let text = |column: &str| row.get(column).map(str::to_owned);
    mark.registration_number = text("registration_number");
    mark.mark_text = text("mark");
    mark.transliteration = text("transliteration");
    mark.translation = text("translation");
    mark.register = text("register");
    if let Some(raw) = row.get("mark_kind") {
        mark.mark_kind = serde_json::from_value::<MarkKind>(Value::String(raw.to_owned())).map_err(|_| {
            FieldError::invalid(
                "mark_kind",
                raw,
                "one of word, figurative, combined, three_dimensional, sound, colour, other",
            )
        })?;
    }
    mark.classes = classes(row)?;
    mark.design_codes = list(row.get("design_codes"), &['|', ';']).map(str::to_owned).collect();
    let country = text("owner_country");
    for name in list(row.get("owners"), &['|']) {
        let party = Party { name: name.to_owned(), country: country.clone(), address: None };
        super::push_owner(&mut mark.owners, party);
    }
    mark.representative = text("representative").map(|name| Party { name, ..Party::default() });
    mark.dates.filing = date(row, "filing_date")?;
    mark.dates.publication = date(row, "publication_date")?;
    mark.dates.registration = date(row, "registration_date")?;
    mark.dates.renewal = date(row, "renewal_date")?;
    mark.dates.expiry = date(row, "expiry_date")?;
    if let Some(raw) = row.get("status") {
        mark.status.stage = super::status(office, raw);
        mark.status.raw = Some(raw.to_owned());
    }
    mark.status.date = date(row, "status_date")?;
    Ok(mark.into())
}

/// The classes named in `classes`, then any more that `goods_services` names, each with its
/// goods.
fn classes(row: &Row<'_>) -> Result<Vec<ClassEntry>, FieldError> {
    let mut classes: Vec<ClassEntry> = Vec::new();
    let mut entry = |raw: &str, field: &str| -> Result<Option<usize>, FieldError> {
        let Some(number) = class_number(field, raw)? else { return Ok(None) };
        Ok(Some(match classes.iter().position(|c| c.number == number) {
            Some(i) => i,
            None => {
                classes.push(ClassEntry::new(number));
                classes.len() - 1
            }
        }))
    };
    for raw in list(row.get("classes"), &['|', ';', ',']) {
        entry(raw, "classes")?;
    }
    let mut goods = Vec::new();
    for item in list(row.get("goods_services"), &['|']) {
        let Some((class, text)) = item.split_once(':') else {
            return Err(FieldError::invalid("goods_services", item, "`class: goods` entries separated by |"));
        };
        if let Some(i) = entry(class, "goods_services")? {
            goods.push((i, text.trim().to_owned()));
        }
    }
    for (i, text) in goods {
        if !text.is_empty() {
            classes[i].goods_services.push(LocalizedText::new(None, text));
        }
    }
    Ok(classes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use zhichan_domain::records::MarkStatus;

    const HEADER: &str = "office,application_number,mark,mark_kind,classes,goods_services,owners,filing_date,status\n";

    fn read(rows: &str) -> Vec<Result<Record, crate::error::RecordError>> {
        reader(format!("{HEADER}{rows}").as_bytes(), "t.csv").collect::<Vec<_>>()
    }

    #[test]
    fn a_row_maps_to_a_mark() {
        let items = read("CN,72345678,华为,word,9;42,9: 手机 | 35: 广告,华为技术有限公司|Huawei,2023-05-04,已注册\n");
        let Ok(Record::Trademark(t)) = &items[0] else { panic!("{:?}", items[0]) };
        assert_eq!(t.key().to_string(), "CN/tm/72345678");
        assert_eq!(t.mark_text.as_deref(), Some("华为"));
        assert_eq!(t.mark_kind, MarkKind::Word);
        let numbers: Vec<u8> = t.classes.iter().map(|c| c.number.number()).collect();
        assert_eq!(numbers, [9, 42, 35]);
        assert_eq!(t.class(9).map(|c| c.goods_services[0].text.as_str()), Some("手机"));
        assert_eq!(t.owners.len(), 2);
        assert_eq!(t.dates.filing.map(|d| d.to_string()).as_deref(), Some("2023-05-04"));
        assert_eq!(t.status.raw.as_deref(), Some("已注册"));
    }

    #[test]
    fn wrong_shapes_name_their_column() {
        for (row, field) in [
            (",1,X,word,9,,,,\n", "office"),
            ("cn,1,X,word,9,,,,\n", "office"),
            ("US,,X,word,9,,,,\n", "application_number"),
            ("US,1,X,logo,9,,,,\n", "mark_kind"),
            ("US,1,X,word,46,,,,\n", "classes"),
            ("US,1,X,word,9,software,,,\n", "goods_services"),
            ("US,1,X,word,9,,,2023-02-30,\n", "filing_date"),
        ] {
            let items = read(row);
            let err = items[0].as_ref().expect_err(row);
            assert_eq!(err.field.as_deref(), Some(field), "{err}");
            assert!(matches!(err.kind, ErrorKind::InvalidField | ErrorKind::MissingField), "{err}");
        }
        assert!(matches!(
            read("US,1,X,word,9,,,2023-01-01,800\n")[0].as_ref().map(|r| r.as_trademark().map(|t| t.status.stage)),
            Ok(Some(MarkStatus::Registered))
        ));
    }
}
