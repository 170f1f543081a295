//! USPTO trademark case-file XML: the daily (`TRTDXFAP`) and annual (`TRTYRAP`) bulk files,
//! DTD "trademark-applications-daily" v2.0, or bare `<case-file>` records cut out of them.
//!
//! Fields used: serial and registration numbers, the header (dates, status, mark words, drawing
//! code, flags), statements (goods/services `GS`, translation `TR`, transliteration `TL`),
//! classifications, owners, attorney, events, design searches, foreign priority and
//! international registration.

use std::io::BufRead;

use zhichan_domain::records::{
    Address, ClassEntry, LocalizedText, MadridInfo, MarkEvent, MarkKind, MarkStatus, Party, PriorityClaim, Record,
    Trademark,
};
use zhichan_domain::{NiceClass, OfficeCode};

use crate::error::FieldError;
use crate::fields::{dotted_design_code, nice_class, opt_date};
use crate::xml::{EachElement, Node, XmlRecords};

/// Records of a case-file input.
pub(crate) fn reader<R: BufRead>(input: R, source: &str) -> XmlRecords<R, EachElement> {
    XmlRecords::new(input, source, EachElement { names: &["case-file"], build, id })
}

fn id(node: &Node) -> Option<String> {
    node.value_at("serial-number")
}

fn build(case: &Node) -> Result<Record, FieldError> {
    let serial = case.value_at("serial-number").ok_or_else(|| FieldError::missing("serial-number"))?;
    if !serial.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::invalid("serial-number", &serial, "an 8-digit serial number"));
    }
    let us = OfficeCode::parse("US").map_err(|_| FieldError::missing("office"))?;
    let mut mark = Trademark::new(us, serial);
    mark.registration_number = case.value_at("registration-number").filter(|n| n.bytes().any(|b| b != b'0'));

    let header = case.child("case-file-header");
    let field = |name: &str| header.and_then(|h| h.value_at(name));
    let flag = |name: &str| field(name).as_deref() == Some("T");
    mark.dates.filing = opt_date("filing-date", field("filing-date"))?;
    mark.dates.registration = opt_date("registration-date", field("registration-date"))?;
    mark.dates.publication = opt_date("published-for-opposition-date", field("published-for-opposition-date"))?;
    mark.dates.renewal = opt_date("renewal-date", field("renewal-date"))?;
    mark.mark_text = field("mark-identification");
    mark.mark_kind = if flag("drawing-3d-current-in") {
        MarkKind::ThreeDimensional
    } else {
        super::kind_from_uspto_drawing_code(&field("mark-drawing-code").unwrap_or_default())
    };
    let status_code = field("status-code");
    mark.status.stage = if flag("opposition-pending-in") {
        MarkStatus::Opposed
    } else {
        status_code.as_deref().map(super::uspto_status).unwrap_or_default()
    };
    mark.status.raw = status_code;
    mark.status.date = opt_date("status-date", field("status-date"))?;
    mark.representative = field("attorney-name").map(|name| Party { name, ..Party::default() });
    mark.register =
        if flag("supplemental-register-in") { Some("Supplemental".into()) } else { header.map(|_| "Principal".into()) };

    read_statements(case, &mut mark)?;
    read_classes(case, &mut mark)?;
    mark.owners = owners(case);
    for event in case.all("case-file-event-statements/case-file-event-statement") {
        let Some(code) = event.value_at("code") else {
            continue;
        };
        mark.events.push(MarkEvent {
            date: opt_date("case-file-event-statement/date", event.value_at("date"))?,
            code,
            description: event.value_at("description-text"),
        });
    }
    mark.design_codes = case
        .all("design-searches/design-search/code")
        .into_iter()
        .filter_map(Node::value)
        .map(|c| dotted_design_code(&c))
        .collect();
    for foreign in case.all("foreign-applications/foreign-application") {
        mark.priority_claims.push(PriorityClaim {
            country: foreign.value_at("country"),
            number: foreign.value_at("application-number"),
            date: opt_date("foreign-application/filing-date", foreign.value_at("filing-date"))?,
        });
    }
    if let Some(ir) = case.at("international-registration") {
        mark.madrid = Some(MadridInfo {
            international_registration_number: ir.value_at("international-registration-number"),
            ..MadridInfo::default()
        });
    }
    Ok(mark.into())
}

/// Statements carry the words the header does not: `GS` + class + sequence is the goods and
/// services text of one class (`GS0161` = class 016), `TR`/`TL` translation/transliteration.
fn read_statements(case: &Node, mark: &mut Trademark) -> Result<(), FieldError> {
    for statement in case.all("case-file-statements/case-file-statement") {
        let (Some(code), Some(text)) = (statement.value_at("type-code"), statement.value_at("text")) else {
            continue;
        };
        if let Some(rest) = code.strip_prefix("GS") {
            let Some(number) = rest.get(..3).and_then(nice_class) else {
                continue;
            };
            class_entry(mark, number).goods_services.push(LocalizedText::new(Some("en"), text));
        } else if code.starts_with("TR") {
            mark.translation = Some(text);
        } else if code.starts_with("TL") {
            mark.transliteration = Some(text);
        }
    }
    Ok(())
}

fn read_classes(case: &Node, mark: &mut Trademark) -> Result<(), FieldError> {
    for classification in case.all("classifications/classification") {
        let Some(number) = classification.value_at("international-code").as_deref().and_then(nice_class) else {
            continue;
        };
        let first_use = opt_date("first-use-anywhere-date", classification.value_at("first-use-anywhere-date"))?;
        let in_commerce =
            opt_date("first-use-in-commerce-date", classification.value_at("first-use-in-commerce-date"))?;
        let entry = class_entry(mark, number);
        entry.national_classes.extend(classification.children("us-code").filter_map(Node::value));
        entry.first_use = entry.first_use.or(first_use);
        entry.first_use_in_commerce = entry.first_use_in_commerce.or(in_commerce);
    }
    mark.classes.sort_by_key(|c| c.number);
    Ok(())
}

fn class_entry(mark: &mut Trademark, number: NiceClass) -> &mut ClassEntry {
    let index = match mark.classes.iter().position(|c| c.number == number) {
        Some(i) => i,
        None => {
            mark.classes.push(ClassEntry::new(number));
            mark.classes.len() - 1
        }
    };
    &mut mark.classes[index]
}

/// Owners, latest first: USPTO party types grow with the case (10 original applicant, 20 owner
/// at publication, 30 original registrant, higher for later owners).
fn owners(case: &Node) -> Vec<Party> {
    let mut owners: Vec<(u32, Party)> = case
        .all("case-file-owners/case-file-owner")
        .into_iter()
        .filter_map(|owner| {
            let name = owner.value_at("party-name")?;
            let party_type = owner.value_at("party-type").and_then(|t| t.parse().ok()).unwrap_or(0);
            let address = Address {
                lines: ["address-1", "address-2"].iter().filter_map(|f| owner.value_at(f)).collect(),
                city: owner.value_at("city"),
                region: owner.value_at("state"),
                postcode: owner.value_at("postcode"),
                country: owner.value_at("country"),
            };
            let country = owner.value_at("nationality/country").or_else(|| address.country.clone());
            Some((party_type, Party { name, country, address: Some(address).filter(|a| !a.is_empty()) }))
        })
        .collect();
    owners.sort_by_key(|(party_type, _)| std::cmp::Reverse(*party_type));
    owners.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn read(xml: &str) -> Vec<Result<Record, crate::RecordError>> {
        reader(xml.as_bytes(), "t.xml").collect()
    }

    #[test]
    fn reads_a_minimal_case_file() {
        let records = read(
            "<case-file><serial-number>12345678</serial-number><registration-number>0000000</registration-number>\
             <case-file-header><filing-date>20240101</filing-date><status-code>630</status-code>\
             <mark-identification>ACME</mark-identification><mark-drawing-code>4000</mark-drawing-code></case-file-header>\
             <case-file-statements><case-file-statement><type-code>GS0251</type-code><text>Shirts</text></case-file-statement>\
             </case-file-statements></case-file>",
        );
        assert_eq!(records.len(), 1);
        let Ok(Record::Trademark(mark)) = &records[0] else { panic!("{:?}", records[0]) };
        assert_eq!(mark.application_number, "12345678");
        assert_eq!(mark.registration_number, None);
        assert_eq!(mark.mark_text.as_deref(), Some("ACME"));
        assert_eq!(mark.mark_kind, MarkKind::Word);
        assert_eq!(mark.status.stage, MarkStatus::Filed);
        assert_eq!(mark.class(25).map(|c| c.goods_services[0].text.as_str()), Some("Shirts"));
    }

    #[test]
    fn a_bad_record_is_an_error_and_the_next_is_read() {
        let records = read(
            "<case-file><serial-number>11111111</serial-number><case-file-header><filing-date>2024-99-99</filing-date>\
             </case-file-header></case-file><case-file><serial-number>22222222</serial-number></case-file>",
        );
        assert_eq!(records.len(), 2);
        let err = records[0].as_ref().expect_err("bad date");
        assert_eq!(err.kind, ErrorKind::InvalidField);
        assert_eq!(err.record_id.as_deref(), Some("11111111"));
        assert_eq!(err.field.as_deref(), Some("filing-date"));
        assert!(matches!(err.position, crate::Position::Byte(0)));
        assert_eq!(records[1].as_ref().map(|r| r.key().number), Ok("22222222".to_owned()));
    }

    #[test]
    fn missing_serial_number_is_named() {
        let records = read("<case-file><registration-number>1</registration-number></case-file>");
        let err = records[0].as_ref().expect_err("missing");
        assert_eq!((err.kind, err.field.as_deref()), (ErrorKind::MissingField, Some("serial-number")));
    }
}
