//! EPO exchange documents (OPS biblio and family responses), from hand-written fixtures that
//! follow the OPS 3.2 schema (`tests/fixtures/epo`).

use std::path::PathBuf;

use zhichan_domain::records::{Citation, LocalizedText, Party, Patent, PriorityClaim, Record};
use zhichan_ingest::{ErrorKind, Format};

use crate::common::{read_bytes, records};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/epo")).join(name)
}

fn patents(name: &str) -> Vec<Patent> {
    let path = fixture(name);
    let opened = zhichan_ingest::open(&path).expect("opens");
    assert_eq!(opened.format(), Some(Format::EpoExchange));
    records(&path).into_iter().map(|r| r.as_patent().cloned().expect("patent")).collect()
}

fn day(s: &str) -> Option<chrono::NaiveDate> {
    Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date"))
}

fn text(language: &str, text: &str) -> LocalizedText {
    LocalizedText::new(Some(language), text)
}

fn party(name: &str, country: &str) -> Party {
    Party { name: name.into(), country: Some(country.into()), address: None }
}

#[test]
fn biblio_response_maps_every_field() {
    let all = patents("biblio.xml");
    assert_eq!(all.len(), 2);
    let ep = &all[0];
    assert_eq!(ep.key().to_string(), "EP/pat/3123456");
    assert_eq!(ep.kind_code.as_deref(), Some("A1"));
    assert_eq!(ep.family_id.as_deref(), Some("54321098"));
    assert_eq!(ep.application_number.as_deref(), Some("15700123"));
    assert_eq!(ep.dates.publication, day("2017-02-01"));
    assert_eq!(ep.dates.filing, day("2015-01-15"), "from the epodoc id, the docdb one has no date");
    assert_eq!(ep.dates.grant, None);
    assert!(!ep.is_grant());
    assert_eq!(
        ep.titles,
        [
            text("de", "Positionierungsverfahren und -vorrichtung"),
            text("en", "POSITIONING METHOD AND APPARATUS"),
            text("fr", "PROCÉDÉ ET APPAREIL DE POSITIONNEMENT"),
        ]
    );
    assert_eq!(
        ep.abstracts,
        [text(
            "en",
            "A positioning method and apparatus are provided.\n\nThe method includes: receiving, by a terminal, a positioning reference signal; and determining a location of the terminal."
        )]
    );
    assert_eq!(ep.ipc, ["H04W 4/02", "H04W 64/00"]);
    assert_eq!(ep.cpc, ["H04W 4/02", "H04W 64/003"]);
    assert_eq!(ep.applicants, [party("Huawei Technologies Co., Ltd.", "CN")]);
    assert_eq!(ep.inventors, [party("LI, Ming", "CN"), party("ZHANG WEI", "CN")]);
    assert!(ep.assignees.is_empty() && ep.claims.is_empty() && ep.description.is_none());
    assert_eq!(
        ep.priority_claims,
        [
            PriorityClaim { country: Some("CN".into()), number: Some("201410012345".into()), date: day("2014-01-16") },
            PriorityClaim { country: Some("CN".into()), number: Some("2015070777".into()), date: day("2015-01-15") },
        ]
    );
    assert_eq!(
        ep.citations,
        [
            Citation {
                country: Some("US".into()),
                number: Some("2013012345".into()),
                kind: Some("A1".into()),
                name: Some("SMITH JOHN [US]".into()),
                date: day("2013-01-10"),
                category: Some("X".into()),
                text: None,
            },
            Citation {
                country: None,
                number: None,
                kind: None,
                name: None,
                date: None,
                category: Some("A".into()),
                text: Some(
                    "3GPP TS 36.305 V12.2.0, \"Stage 2 functional specification of UE positioning in E-UTRAN\", 2014-12"
                        .into()
                ),
            },
        ]
    );

    let cn = &all[1];
    assert_eq!(cn.key().to_string(), "CN/pat/106000001");
    assert_eq!(cn.kind_code.as_deref(), Some("A"));
    assert_eq!(cn.family_id.as_deref(), Some("54321098"));
    assert_eq!(cn.application_number.as_deref(), Some("201410012345"));
    assert_eq!(cn.dates.filing, day("2014-01-16"));
    assert_eq!(cn.dates.publication, day("2016-10-12"));
    assert_eq!(cn.titles, [text("zh", "一种定位方法及装置"), text("en", "Positioning method and device")]);
    assert_eq!(cn.abstracts, [text("zh", "本发明公开了一种定位方法及装置，终端接收定位参考信号并确定终端的位置。")]);
    assert_eq!(cn.ipc, ["H04W 4/02"], "old OPS column layout");
    assert!(cn.cpc.is_empty() && cn.inventors.is_empty() && cn.citations.is_empty() && cn.priority_claims.is_empty());
    assert_eq!(cn.applicants, [party("华为技术有限公司", "CN")], "original name, residence country");
}

#[test]
fn family_response_reads_members_with_the_family_id() {
    let all = patents("family.xml");
    assert_eq!(all.len(), 2);
    let grant = &all[0];
    assert_eq!(grant.key().to_string(), "EP/pat/3123456");
    assert_eq!(grant.kind_code.as_deref(), Some("B1"));
    assert_eq!(grant.family_id.as_deref(), Some("54321098"), "the exchange document has none; the member has");
    assert_eq!(grant.dates.publication, day("2019-06-05"));
    assert_eq!(grant.dates.grant, day("2019-06-05"));
    assert_eq!(grant.dates.filing, day("2015-01-15"));
    assert_eq!(grant.application_number.as_deref(), Some("15700123"));
    assert_eq!(grant.titles, [text("en", "POSITIONING METHOD AND APPARATUS")]);
    let cn = &all[1];
    assert_eq!(cn.key().to_string(), "CN/pat/106000001");
    assert_eq!(cn.family_id.as_deref(), Some("54321098"));
    assert!(!cn.is_grant());
    assert_eq!(cn.titles, [text("zh", "一种定位方法及装置")]);
}

const LEGAL_ONLY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ops:world-patent-data xmlns="http://www.epo.org/exchange" xmlns:ops="http://ops.epo.org">
  <ops:patent-family legal="true" total-result-count="1">
    <ops:family-member family-id="54321098">
      <publication-reference><document-id document-id-type="docdb"><country>EP</country><doc-number>3123456</doc-number><kind>B1</kind></document-id></publication-reference>
      <ops:legal code="PG25" desc="LAPSED IN A CONTRACTING STATE" infl="+"><ops:L001EP>EP</ops:L001EP><ops:L007EP>20200513</ops:L007EP></ops:legal>
    </ops:family-member>
  </ops:patent-family>
</ops:world-patent-data>
"#;

#[test]
fn legal_only_and_plain_family_members_are_skipped_cleanly() {
    let items = read_bytes(LEGAL_ONLY.as_bytes()).expect("detected");
    assert!(items.is_empty(), "{items:?}");
}

fn document(attrs: &str, docdb: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ops:world-patent-data xmlns="http://www.epo.org/exchange" xmlns:ops="http://ops.epo.org"><exchange-documents>
<exchange-document system="ops.epo.org" {attrs}><bibliographic-data><publication-reference>
<document-id document-id-type="docdb">{docdb}<kind>A1</kind><date>20170201</date></document-id>
<document-id document-id-type="epodoc"><doc-number>EP3123457</doc-number></document-id>
</publication-reference><invention-title lang="en">X</invention-title></bibliographic-data></exchange-document>
<exchange-document system="ops.epo.org" country="EP" doc-number="3123458" kind="A1"><bibliographic-data/></exchange-document>
</exchange-documents></ops:world-patent-data>
"#
    )
}

#[test]
fn missing_doc_number_is_a_missing_field_naming_the_record() {
    let items =
        read_bytes(document(r#"country="EP" kind="A1""#, "<country>EP</country>").as_bytes()).expect("detected");
    assert_eq!(items.len(), 2);
    let err = items[0].as_ref().expect_err("no number");
    assert_eq!(err.kind, ErrorKind::MissingField);
    assert_eq!(err.field.as_deref(), Some("publication-reference/doc-number"));
    assert_eq!(err.record_id.as_deref(), Some("EP3123457"), "{err}");
    // The next document still reads (it has no publication-reference, so its attributes serve).
    let next = items[1].as_ref().map(Record::key).expect("next record");
    assert_eq!(next.to_string(), "EP/pat/3123458");
}

#[test]
fn unknown_country_is_an_invalid_field() {
    let items = read_bytes(
        document(
            r#"country="XX" doc-number="3123457" kind="A1""#,
            "<country>XX</country><doc-number>3123457</doc-number>",
        )
        .as_bytes(),
    )
    .expect("detected");
    let err = items[0].as_ref().expect_err("unknown office");
    assert_eq!(err.kind, ErrorKind::InvalidField);
    assert_eq!(err.field.as_deref(), Some("publication-reference/country"));
    assert_eq!(err.record_id.as_deref(), Some("XX3123457A1"));
    assert!(err.detail.contains("\"XX\""), "{err}");
}
