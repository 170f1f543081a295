//! USPTO patent XML v4.x: weekly bulk subsets (concatenated documents) and single documents.

use zhichan_domain::records::Record;
use zhichan_ingest::Format;

use crate::common::{data, read_all, records};

/// Files and their record counts, counted independently (`grep -c '<us-patent-grant '` etc.;
/// sequence-listing documents in the same files are not records). `pa040101.two.xml` is the
/// 2001–2004 application format, read in `uspto_patent_2001`.
const WEEKLY: [(&str, usize); 13] = [
    ("ipa061228.one.xml", 1),
    ("ipa130117.one.xml", 2),
    ("ipg050104.small.xml", 25),
    ("ipg060103.small.xml", 25),
    ("ipg070102.small.xml", 25),
    ("ipg080101.small.xml", 25),
    ("ipg090106.small.xml", 25),
    ("ipg100105.small.xml", 25),
    ("ipg100824-hyphenated.xml", 1),
    ("ipg110104.small.xml", 25),
    ("ipg120103.small.xml", 25),
    ("ipg120327.196.xml", 196),
    ("ipg130416.small.xml", 25),
];

#[test]
fn weekly_subsets_read_with_the_right_counts() {
    let Some(dir) = data("uspto-ipg-weekly-subsets") else {
        return;
    };
    let mut grants = 0;
    for (file, count) in WEEKLY {
        let path = dir.join(file);
        let all = records(&path);
        assert_eq!(all.len(), count, "{file}");
        for record in &all {
            let p = record.as_patent().expect("patent");
            assert_eq!(p.office.as_str(), "US");
            assert!(!p.titles.is_empty() && !p.claims.is_empty(), "{file} {}", p.publication_number);
            assert!(p.dates.publication.is_some() && p.dates.filing.is_some());
            assert_eq!(p.is_grant(), file.starts_with("ipg"), "{file}");
            if p.is_grant() {
                grants += 1;
            }
        }
    }
    assert_eq!(grants, 422, "SOURCE.txt: 9 x 25 + 196 + 1 grants");
}

#[test]
fn v40_grant_reads_biblio_parties_citations_and_text() {
    let Some(dir) = data("uspto-ipg-weekly-subsets") else {
        return;
    };
    let all = records(&dir.join("ipg050104.small.xml"));
    let first = all[0].as_patent().expect("patent");
    assert_eq!(first.key().to_string(), "US/pat/06836899");
    assert_eq!(first.kind_code.as_deref(), Some("B1"));
    assert_eq!(first.application_number.as_deref(), Some("10339710"));
    assert_eq!(first.dates.filing.map(|d| d.to_string()).as_deref(), Some("2003-01-09"));
    assert_eq!(first.dates.grant.map(|d| d.to_string()).as_deref(), Some("2005-01-04"));
    assert_eq!(first.titles[0].text, "Device for detachably holding an absorbent napkin across the torso");
    assert_eq!(first.titles[0].language.as_deref(), Some("en"));
    assert_eq!(first.ipc, ["A45F 5/04"]);
    assert_eq!(first.citations[0].number.as_deref(), Some("675108"));
    assert_eq!(first.citations[0].category.as_deref(), Some("cited by examiner"));
    assert!(!first.inventors.is_empty());
    assert!(first.abstracts[0].text.len() > 50);
    assert!(first.description.as_deref().is_some_and(|d| d.len() > 500));
}

#[test]
fn v45_grants_carry_cpc() {
    let Some(dir) = data("uspto-patent-fulltext-samples") else {
        return;
    };
    // Distinct symbols under <classifications-cpc> (main, further, combination sets), counted
    // with a separate XML parser: 19 of 27 entries in US08926509 are distinct.
    for (file, count) in [("US08926509.xml", 19), ("US08927118.xml", 14), ("US08930553.xml", 0)] {
        let all = records(&dir.join("xml2014").join(file));
        let p = all[0].as_patent().expect("patent");
        assert_eq!(p.cpc.len(), count, "{file}");
        assert!(p.cpc.iter().all(|s| s.as_bytes()[4] == b' ' && s.contains('/')), "{:?}", p.cpc);
    }
}

#[test]
fn classification_symbols_are_normalised() {
    let Some(dir) = data("uspto-ipg-weekly-subsets") else {
        return;
    };
    let all = records(&dir.join("ipg130416.small.xml"));
    for p in all.iter().filter_map(Record::as_patent) {
        // Design patents (kind S) are classified in Locarno, not IPC.
        assert!(
            p.kind_code.as_deref().is_some_and(|k| k.starts_with('S')) || !p.ipc.is_empty(),
            "{}",
            p.publication_number
        );
        for symbol in p.ipc.iter().chain(&p.cpc) {
            assert!(symbol.len() >= 8 && symbol.as_bytes()[4] == b' ' && symbol.contains('/'), "{symbol}");
        }
    }
}

#[test]
fn fulltext_samples_of_v4_read_one_document_each() {
    let Some(dir) = data("uspto-patent-fulltext-samples") else {
        return;
    };
    for (folder, grant) in [("xml2004", true), ("xml2006", true), ("xml2014", true), ("xmlApp2004", false)] {
        for entry in std::fs::read_dir(dir.join(folder)).expect("folder") {
            let path = entry.expect("entry").path();
            assert_eq!(zhichan_ingest::open(&path).ok().and_then(|r| r.format()), Some(Format::UsptoPatentXml));
            let all = records(&path);
            assert_eq!(all.len(), 1, "{}", path.display());
            let p = all[0].as_patent().expect("patent");
            assert_eq!(p.is_grant(), grant);
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            assert!(stem.contains(p.publication_number.trim_start_matches('0')), "{stem} vs {}", p.publication_number);
            assert!(!p.applicants.is_empty() || !p.inventors.is_empty(), "{stem}");
        }
    }
}

#[test]
fn the_2001_era_weekly_application_file_is_read_not_refused() {
    let Some(dir) = data("uspto-ipg-weekly-subsets") else {
        return;
    };
    let path = dir.join("pa040101.two.xml");
    assert_eq!(zhichan_ingest::open(&path).ok().and_then(|r| r.format()), Some(Format::UsptoPatentPapXml));
    let all = records(&path);
    assert_eq!(all.len(), 1, "grep -c '<patent-application-publication>' finds one document");
    let p = all[0].as_patent().expect("patent");
    assert!(!p.is_grant() && !p.claims.is_empty() && p.dates.filing.is_some());
}

#[test]
fn xml4ip_zip_members_are_not_records_and_named() {
    let Some(dir) = data("uspto-patent-fulltext-samples") else {
        return;
    };
    let items = read_all(&dir.join("xml4ip/sample_XML4IP.ZIP"));
    assert_eq!(items.len(), 13, "13 file-wrapper documents in the zip");
    for item in items {
        let err = item.expect_err("XML4IP file-wrapper documents hold no records");
        assert_eq!(err.kind, zhichan_ingest::ErrorKind::NotRecords, "{err}");
        assert!(err.source_name.contains(".ZIP!CDC_Download_2016-03-30/"), "{}", err.source_name);
        assert!(err.detail.contains("ClaimsDocument") || err.detail.contains("SpecificationDocument"), "{err}");
        assert!(err.detail.contains("not a record file"), "{err}");
    }
}
