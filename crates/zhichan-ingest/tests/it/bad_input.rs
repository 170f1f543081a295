//! Inputs that are not valid record files: each gives a clear error, never a panic, and good
//! records around a bad one still come through.

use std::io::Write;

use zhichan_ingest::{ErrorKind, Position};

use crate::common::read_bytes;

fn refusal(bytes: &[u8]) -> ErrorKind {
    match read_bytes(bytes) {
        Ok(items) => panic!("accepted: {items:?}"),
        Err(e) => e.kind,
    }
}

const CASE: &str = "<case-file><serial-number>12345678</serial-number><case-file-header><mark-identification>ACME</mark-identification></case-file-header></case-file>\n";

#[test]
fn empty_binary_wrong_root_and_utf16_are_refused() {
    assert_eq!(refusal(b""), ErrorKind::Empty);
    assert_eq!(refusal(b"   \n"), ErrorKind::Empty);
    assert_eq!(refusal(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]), ErrorKind::Binary);
    assert_eq!(refusal(b"<?xml version=\"1.0\"?><html><body/></html>"), ErrorKind::UnknownFormat);
    assert_eq!(refusal(b"\xFF\xFE<\x00?\x00x\x00m\x00l\x00"), ErrorKind::Encoding);
}

#[test]
fn declared_non_utf8_encoding_is_an_error() {
    let items = read_bytes(
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<case-file><serial-number>1</serial-number></case-file>",
    )
    .expect("detected");
    assert_eq!(items.len(), 1);
    let err = items[0].as_ref().expect_err("encoding");
    assert_eq!(err.kind, ErrorKind::Encoding);
    assert!(err.detail.contains("ISO-8859-1"), "{err}");
}

#[test]
fn invalid_utf8_inside_a_record_is_an_encoding_error() {
    let items = read_bytes(b"<case-file><serial-number>1</serial-number><x>caf\xE9</x></case-file>").expect("detected");
    let err = items.last().and_then(|i| i.as_ref().err()).expect("error");
    assert_eq!(err.kind, ErrorKind::Encoding, "{err}");
}

#[test]
fn truncated_xml_reports_the_open_element_and_offset() {
    let mut input = CASE.repeat(2);
    input.push_str("<case-file><serial-number>99999999</serial-number><case-file-header><mark-ident");
    let items = read_bytes(input.as_bytes()).expect("detected");
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok() && items[1].is_ok());
    let err = items[2].as_ref().expect_err("truncated");
    assert!(matches!(err.kind, ErrorKind::Truncated | ErrorKind::Syntax), "{err}");
    let Position::Byte(offset) = err.position else { panic!("no offset: {err}") };
    assert!(offset >= 2 * CASE.len() as u64, "{err}");
}

#[test]
fn a_broken_document_in_a_bulk_file_does_not_stop_the_next() {
    let grant = |number: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE us-patent-grant SYSTEM \"us-patent-grant-v42-2006-08-23.dtd\" [ ]>\n\
             <us-patent-grant lang=\"EN\"><us-bibliographic-data-grant><publication-reference><document-id>\
             <country>US</country><doc-number>{number}</doc-number><kind>B2</kind><date>20120103</date></document-id>\
             </publication-reference><invention-title>T</invention-title></us-bibliographic-data-grant></us-patent-grant>\n"
        )
    };
    let broken = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<us-patent-grant><us-bibliographic-data-grant></oops></us-patent-grant>\n";
    let input = format!("{}{broken}{}", grant("01111111"), grant("02222222"));
    let items = read_bytes(input.as_bytes()).expect("detected");
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().map(|r| r.key().number), Ok("01111111".into()));
    let err = items[1].as_ref().expect_err("syntax");
    assert_eq!(err.kind, ErrorKind::Syntax, "{err}");
    assert!(matches!(err.position, Position::Byte(b) if b > grant("x").len() as u64), "{err}");
    assert_eq!(items[2].as_ref().map(|r| r.key().number), Ok("02222222".into()));
}

#[test]
fn a_record_missing_its_number_names_the_field() {
    let input = "<?xml version=\"1.0\"?>\n<us-patent-grant><us-bibliographic-data-grant><publication-reference><document-id>\
                 <country>US</country></document-id></publication-reference></us-bibliographic-data-grant></us-patent-grant>";
    let items = read_bytes(input.as_bytes()).expect("detected");
    let err = items[0].as_ref().expect_err("missing");
    assert_eq!(err.kind, ErrorKind::MissingField);
    assert_eq!(err.field.as_deref(), Some("publication-reference/doc-number"));
    assert_eq!(err.source_name, "test-input");
}

#[test]
fn gzip_input_is_read_transparently_and_truncated_gzip_is_an_error() {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(CASE.repeat(3).as_bytes()).expect("compress");
    let gz = encoder.finish().expect("finish");
    let items = read_bytes(&gz).expect("detected");
    assert_eq!(items.iter().filter(|i| i.is_ok()).count(), 3);

    let cut = &gz[..gz.len() / 2];
    let outcome = read_bytes(cut);
    let failed = match outcome {
        Err(e) => matches!(e.kind, ErrorKind::Archive | ErrorKind::Io | ErrorKind::Truncated),
        Ok(items) => items.iter().any(|i| i.is_err()),
    };
    assert!(failed, "a cut gzip must not read as complete");
}

#[test]
fn zip_streams_need_a_path() {
    assert_eq!(refusal(b"PK\x03\x04rest"), ErrorKind::Archive);
}

#[test]
fn missing_file_is_an_io_error() {
    let err = zhichan_ingest::open("/nonexistent/zhichan/none.xml").expect_err("missing");
    assert_eq!(err.kind, ErrorKind::Io);
    assert!(err.to_string().contains("/nonexistent/zhichan/none.xml"));
}

#[test]
fn out_of_range_nice_class_is_a_field_error_and_the_next_mark_is_read() {
    let mark = |number: &str, class: &str| {
        format!(
            "<TradeMark><RegistrationOfficeCode>EM</RegistrationOfficeCode><ApplicationNumber>{number}</ApplicationNumber>\
             <GoodsServicesDetails><GoodsServices><ClassDescriptionDetails><ClassDescription>\
             <ClassNumber>{class}</ClassNumber><GoodsServicesDescription languageCode=\"en\">Software</GoodsServicesDescription>\
             </ClassDescription></ClassDescriptionDetails></GoodsServices></GoodsServicesDetails></TradeMark>"
        )
    };
    let input = format!(
        "<?xml version=\"1.0\"?><Transaction xmlns=\"http://www.wipo.int/standards/XMLSchema/trademarks\">\
         <TradeMarkTransactionBody><TransactionContentDetails><TransactionData><TradeMarkDetails>{}{}\
         </TradeMarkDetails></TransactionData></TransactionContentDetails></TradeMarkTransactionBody></Transaction>",
        mark("018000001", "46"),
        mark("018000002", "09"),
    );
    let items = read_bytes(input.as_bytes()).expect("detected");
    assert_eq!(items.len(), 2, "{items:?}");
    let err = items[0].as_ref().expect_err("class 46");
    assert_eq!(err.kind, ErrorKind::InvalidField, "{err}");
    assert_eq!(err.field.as_deref(), Some("ClassNumber"), "{err}");
    assert_eq!(err.record_id.as_deref(), Some("018000001"), "{err}");
    assert!(err.detail.contains("found \"46\", expected a Nice class number from 1 to 45"), "{err}");
    let good = items[1].as_ref().expect("class 09");
    let mark = good.as_trademark().expect("a trademark");
    assert_eq!(mark.key().to_string(), "EM/tm/018000002");
    assert_eq!(mark.class(9).map(|c| c.number.number()), Some(9));
}
