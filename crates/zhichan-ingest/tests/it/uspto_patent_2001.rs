//! USPTO patent XML of 2001–2004: `<PATDOC>` grants (ST.32) and `<patent-application-publication>`.

use zhichan_domain::records::{Patent, Record};
use zhichan_ingest::{ErrorKind, Format};

use crate::common::{data, read_bytes, records};

/// Files and their documents, counted independently (`grep -c '<PATDOC'`,
/// `grep -c '<patent-application-publication>'`; claims by `grep -o '<CLM '` / `'<claim id'`).
const FILES: [(&str, &str, Format, usize, usize); 7] = [
    ("uspto-patent-fulltext-samples", "sgml/US06336130.xml", Format::UsptoPatentSt32Xml, 1, 22),
    ("uspto-patent-fulltext-samples", "sgml/US06337117.xml", Format::UsptoPatentSt32Xml, 1, 39),
    ("uspto-patent-fulltext-samples", "sgml/USD435854S1.xml", Format::UsptoPatentSt32Xml, 1, 1),
    ("uspto-patent-fulltext-samples", "pap/US20010000044A1.xml", Format::UsptoPatentPapXml, 1, 21),
    ("uspto-patent-fulltext-samples", "pap/US20010000943A1.xml", Format::UsptoPatentPapXml, 1, 13),
    ("uspto-patent-fulltext-samples", "pap/US20010009014A1.xml", Format::UsptoPatentPapXml, 1, 55),
    ("uspto-ipg-weekly-subsets", "pa040101.two.xml", Format::UsptoPatentPapXml, 1, 1),
];

fn patent(folder: &str, file: &str) -> Option<Patent> {
    let dir = data(folder)?;
    let all = records(&dir.join(file));
    assert_eq!(all.len(), 1, "{file}");
    all.into_iter().next().and_then(|r| match r {
        Record::Patent(p) => Some(*p),
        Record::Trademark(_) => None,
    })
}

fn texts(p: &Patent) -> Vec<&str> {
    let mut all: Vec<&str> = p.titles.iter().chain(&p.abstracts).map(|t| t.text.as_str()).collect();
    all.extend(p.claims.iter().map(String::as_str));
    all.extend(p.description.as_deref());
    all
}

#[test]
fn every_file_detects_and_reads_with_the_right_counts() {
    for (folder, file, format, count, claims) in FILES {
        let Some(dir) = data(folder) else { return };
        let path = dir.join(file);
        assert_eq!(zhichan_ingest::open(&path).ok().and_then(|r| r.format()), Some(format), "{file}");
        let all = records(&path);
        assert_eq!(all.len(), count, "{file}");
        let p = all[0].as_patent().expect("patent");
        assert_eq!(p.office.as_str(), "US");
        assert_eq!(p.claims.len(), claims, "{file}");
        assert_eq!(p.is_grant(), format == Format::UsptoPatentSt32Xml, "{file}");
        assert!(!p.titles.is_empty() && !p.inventors.is_empty(), "{file}");
        assert!(p.dates.publication.is_some() && p.dates.filing.is_some(), "{file}");
        assert!(p.description.as_deref().is_some_and(|d| d.len() > 100), "{file}");
        // ISO SGML entities (&lgr; &deg; &rsqb; …) are resolved, none kept as written.
        for text in texts(p) {
            let kept = text.split('&').skip(1).any(|rest| {
                rest.split(';').next().is_some_and(|name| !name.is_empty() && name.chars().all(char::is_alphanumeric))
            });
            assert!(!kept, "{file}: unresolved entity in {:?}", &text[..text.len().min(80)]);
        }
    }
}

#[test]
fn st32_grant_reads_biblio_parties_citations_and_text() {
    let Some(p) = patent("uspto-patent-fulltext-samples", "sgml/US06336130.xml") else { return };
    assert_eq!(p.key().to_string(), "US/pat/06336130");
    assert_eq!(p.kind_code.as_deref(), Some("B1"));
    assert_eq!(p.application_number.as_deref(), Some("09413215"));
    assert_eq!(p.dates.filing.map(|d| d.to_string()).as_deref(), Some("1999-10-05"));
    assert_eq!(p.dates.grant.map(|d| d.to_string()).as_deref(), Some("2002-01-01"));
    assert_eq!(p.titles[0].text, "Arrangement for improving availability of services in a communication system");
    assert_eq!(p.ipc, ["G06F 15/16", "G06F 13/00"]);
    assert_eq!(p.priority_claims.len(), 1);
    assert_eq!(p.priority_claims[0].country.as_deref(), Some("NO"));
    assert_eq!(p.priority_claims[0].number.as_deref(), Some("971605"));
    assert_eq!(p.inventors[0].name, "Thanh Van Do");
    assert_eq!(p.inventors[0].country.as_deref(), Some("NO"));
    assert_eq!(p.assignees[0].name, "Telefonaktiebolaget LM Ericsson (publ)");
    assert_eq!(p.assignees[0].address.as_ref().and_then(|a| a.city.as_deref()), Some("Stockholm"));
    assert_eq!(p.citations.len(), 9, "6 B561 + 3 B562");
    let first = &p.citations[0];
    assert_eq!(
        (first.number.as_deref(), first.name.as_deref(), first.category.as_deref()),
        (Some("5825759"), Some("Liu"), Some("cited by examiner"))
    );
    let last = p.citations[8].text.as_deref().unwrap_or_default();
    assert!(last.contains("T. Handegåard, “The TINA Consortium”"), "{last}");
    assert!(p.claims[0].starts_with("1. An arrangement in a network"), "{}", p.claims[0]);
    assert!(p.abstracts[0].text.starts_with("A communications systems"));
}

#[test]
fn st32_entities_become_characters() {
    let Some(p) = patent("uspto-patent-fulltext-samples", "sgml/US06337117.xml") else { return };
    let description = p.description.unwrap_or_default();
    assert!(description.contains('λ') && description.contains('°'), "ISO entities resolved");
    assert_eq!(p.priority_claims.len(), 4);
    // `B32B  302`: the fixed-width columns survive, not collapsed to `B32B 302`.
    assert_eq!(p.ipc, ["B32B 3/02"]);
}

#[test]
fn st32_design_has_no_ipc_from_its_locarno_class() {
    let Some(p) = patent("uspto-patent-fulltext-samples", "sgml/USD435854S1.xml") else { return };
    assert_eq!(p.key().to_string(), "US/pat/D0435854");
    assert_eq!(p.kind_code.as_deref(), Some("S"));
    assert!(p.ipc.is_empty(), "{:?}", p.ipc);
    assert_eq!((p.inventors.len(), p.assignees.len(), p.citations.len()), (8, 3, 10));
    assert_eq!(p.claims, ["The ornamental design for a disc cartridge, as shown and described."]);
}

#[test]
fn pap_reads_biblio_inventors_and_priority() {
    let Some(p) = patent("uspto-patent-fulltext-samples", "pap/US20010000044A1.xml") else { return };
    assert_eq!(p.key().to_string(), "US/pat/20010000044");
    assert_eq!(p.kind_code.as_deref(), Some("A1"));
    assert_eq!(p.dates.publication.map(|d| d.to_string()).as_deref(), Some("2001-03-15"));
    assert_eq!(p.application_number.as_deref(), Some("09342866"));
    assert_eq!(p.dates.filing.map(|d| d.to_string()).as_deref(), Some("1999-06-29"));
    assert_eq!(
        p.titles[0].text,
        "Systems and Methods For Transacting Business Over A Global Communications Network Such As The Internet"
    );
    assert_eq!(p.ipc, ["G06F 17/60"]);
    assert_eq!(p.inventors[0].name, "Mr. Wayne W Lin");
    assert_eq!(p.inventors[0].address.as_ref().and_then(|a| a.city.as_deref()), Some("Irvine"));
    assert!(p.assignees.is_empty());

    let Some(p) = patent("uspto-patent-fulltext-samples", "pap/US20010000943A1.xml") else { return };
    assert_eq!(p.assignees[0].name, "IDEMITSU KOSAN CO., LTD.");
    assert_eq!(p.ipc, ["H01J 1/62"]);
    let priority = &p.priority_claims[0];
    assert_eq!(
        (priority.country.as_deref(), priority.number.as_deref(), priority.date.map(|d| d.to_string())),
        (Some("JP"), Some("11-097727"), Some("1999-04-05".to_owned()))
    );
    assert_eq!(p.inventors.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["Kenichi Fukuoka", "Mitsura Eida"]);
}

#[test]
fn pap_weekly_file_reads_its_document() {
    let Some(p) = patent("uspto-ipg-weekly-subsets", "pa040101.two.xml") else { return };
    assert_eq!(p.key().to_string(), "US/pat/20040000002");
    assert_eq!(p.assignees[0].name, "Hill-Rom Services, Inc.");
    assert!(p.abstracts[0].text.starts_with("A garment adapted for wear"));
}

const PAP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE patent-application-publication SYSTEM \"pap-v16-2002-01-01.dtd\" >\n\
    <patent-application-publication><subdoc-bibliographic-information><document-id><doc-number>NUMBER</doc-number>\
    <kind-code>A1</kind-code><document-date>DATE</document-date></document-id><technical-information>\
    <title-of-invention>Garment &lsqb;x&rsqb; at 5&deg;</title-of-invention></technical-information>\
    </subdoc-bibliographic-information></patent-application-publication>\n";

fn pap(number: &str, date: &str) -> String {
    PAP.replace("NUMBER", number).replace("DATE", date)
}

#[test]
fn concatenated_pap_documents_each_become_a_record_and_bad_ones_errors() {
    let input = format!("{}{}{}", pap("20040000001", "20040101"), pap("20040000002", "20041301"), pap("", "20040101"));
    let items = read_bytes(input.as_bytes()).expect("detected");
    assert_eq!(items.len(), 3);
    let first = items[0].as_ref().expect("valid");
    assert_eq!(first.as_patent().map(|p| p.titles[0].text.as_str()), Some("Garment [x] at 5°"));
    let err = items[1].as_ref().expect_err("bad date");
    assert_eq!((err.kind, err.field.as_deref()), (ErrorKind::InvalidField, Some("document-id/document-date")));
    assert_eq!(err.record_id.as_deref(), Some("20040000002"));
    let err = items[2].as_ref().expect_err("no number");
    assert_eq!((err.kind, err.field.as_deref()), (ErrorKind::MissingField, Some("document-id/doc-number")));
}

#[test]
fn truncated_patdoc_is_an_error_not_a_record() {
    let input = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE PATDOC SYSTEM \"ST32-US-Grant-025xml.dtd\" [\n\
                 <!ENTITY US1-D00000.TIF SYSTEM \"US1-D00000.TIF\" NDATA TIF>\n]>\n<PATDOC DTD=\"2.5\"><SDOBI><B100>\
                 <B110><DNUM><PDAT>06336130</PDAT></DNUM></B110><B140><DATE><PDAT>2002";
    let items = read_bytes(input.as_bytes()).expect("detected");
    assert_eq!(items.len(), 1);
    let err = items[0].as_ref().expect_err("truncated");
    assert!(matches!(err.kind, ErrorKind::Truncated | ErrorKind::Syntax), "{err}");
}

#[test]
fn patdoc_with_a_malformed_date_or_office_names_the_element() {
    let doc = |b140: &str, b190: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n<PATDOC><SDOBI><B100><B110><DNUM><PDAT>06336130</PDAT></DNUM></B110>\
             <B140><DATE><PDAT>{b140}</PDAT></DATE></B140><B190><PDAT>{b190}</PDAT></B190></B100></SDOBI></PATDOC>\n"
        )
    };
    for (input, field) in [(doc("2002-13-01", "US"), "B140"), (doc("20020101", "USA"), "B190")] {
        let items = read_bytes(input.as_bytes()).expect("detected");
        let err = items[0].as_ref().expect_err(field);
        assert_eq!((err.kind, err.field.as_deref()), (ErrorKind::InvalidField, Some(field)), "{err}");
        assert_eq!(err.record_id.as_deref(), Some("06336130"));
    }
    let items = read_bytes(b"<?xml version=\"1.0\"?>\n<PATDOC><SDOBI></SDOBI></PATDOC>").expect("detected");
    assert_eq!(items[0].as_ref().map_err(|e| e.kind).expect_err("missing"), ErrorKind::MissingField);
}
