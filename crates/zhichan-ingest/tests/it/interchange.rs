//! The interchange JSON Lines of serialised records: every real record read from the samples
//! survives a write and a read unchanged, and bad lines say which field is wrong.

use zhichan_domain::records::Record;
use zhichan_ingest::{ErrorKind, Format, Position};

use crate::common::{data, read_bytes, records};

/// One sample per reader family whose records are written and read back.
const SAMPLES: [(&str, &str); 7] = [
    ("uspto-ipg-weekly-subsets", "ipg130416.small.xml"),
    ("uspto-patent-fulltext-samples", "sgml/US06337117.xml"),
    ("uspto-patent-fulltext-samples", "greenbook/US04347903.greenbook"),
    ("cn-patent-abstracts-cpc", "upstream_sample_train.csv"),
    ("inpi-fr-st66", "inpi_notice_FR5189659.xml"),
    ("uspto-trademark-casefile-xml", "daily-na-98763166.xml"),
    ("uspto-tsdr-st66-st96", "testdata/rn2178784-ST96.xml"),
];

fn sample_records() -> Option<Vec<Record>> {
    let mut all = Vec::new();
    for (folder, file) in SAMPLES {
        let dir = data(folder)?;
        let path = dir.join(file);
        all.extend(records(&path));
    }
    Some(all)
}

#[test]
fn real_records_round_trip_through_the_interchange_format() {
    let Some(originals) = sample_records() else { return };
    assert!(originals.iter().any(|r| r.as_trademark().is_some()) && originals.iter().any(|r| r.as_patent().is_some()));
    let mut jsonl = String::new();
    for record in &originals {
        jsonl.push_str(&serde_json::to_string(record).expect("serialisable"));
        jsonl.push('\n');
    }
    let read = zhichan_ingest::read(std::io::Cursor::new(jsonl.into_bytes()), "export.jsonl").expect("detected");
    assert_eq!(read.format(), Some(Format::RecordJsonLines));
    let back: Vec<Record> = read.map(|r| r.expect("valid line")).collect();
    assert_eq!(back.len(), originals.len());
    assert!(back == originals, "a record changed on the way through JSON Lines");
}

#[test]
fn bad_lines_name_line_field_and_record() {
    let good = r#"{"kind":"patent","office":"US","publication_number":"06836899","kind_code":null,"application_number":null,"family_id":null,"titles":[],"abstracts":[],"claims":[],"description":null,"applicants":[],"assignees":[],"inventors":[],"ipc":[],"cpc":[],"dates":{"filing":null,"publication":null,"grant":null},"priority_claims":[],"citations":[]}"#;
    let input = [
        good.to_owned(),
        good.replace(r#""filing":null"#, r#""filing":"2003-02-30""#),
        good.replace(r#""office":"US""#, r#""office":"USA""#),
        good.replace(r#""claims":[],"#, ""),
        good.replace(r#""kind":"patent""#, r#""kind":"design""#),
        good.replace(r#""titles":[]"#, r#""titles":[{"language":"en"}]"#),
        good[..good.len() / 2].to_owned(),
    ]
    .join("\n");
    let items = read_bytes(input.as_bytes()).expect("detected");
    assert_eq!(items.len(), 7);
    assert_eq!(items[0].as_ref().map(|r| r.key().to_string()).ok().as_deref(), Some("US/pat/06836899"));
    let errors: Vec<_> = items[1..]
        .iter()
        .map(|i| i.as_ref().map(|_| ()).expect_err("bad"))
        .map(|e| (e.position, e.kind, e.field.clone().unwrap_or_default()))
        .collect();
    let expected = [
        (Position::Line(2), ErrorKind::InvalidField, "dates.filing"),
        (Position::Line(3), ErrorKind::InvalidField, "office"),
        (Position::Line(4), ErrorKind::MissingField, "claims"),
        (Position::Line(5), ErrorKind::InvalidField, "kind"),
        (Position::Line(6), ErrorKind::MissingField, "titles[0].text"),
        (Position::Line(7), ErrorKind::Truncated, "(line)"),
    ];
    for (found, (position, kind, field)) in errors.iter().zip(expected) {
        assert_eq!(found, &(position, kind, field.to_owned()));
    }
    assert_eq!(items[2].as_ref().map(|_| ()).expect_err("bad office").record_id.as_deref(), Some("06836899"));
}
