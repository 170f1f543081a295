//! USPTO APS ("Green Book") fixed-field text of 1976–2001 grants.

use zhichan_ingest::{ErrorKind, Format, Position};

use crate::common::{data, read_bytes, records};

/// Files, records (`grep -c '^PATN'`), claims (`grep -c '^NUM'`, equal to each record's `NCL`)
/// and US references (`grep -c '^UREF'`).
const FILES: [(&str, usize, usize, usize); 3] =
    [("US03932709.greenbook", 1, 17, 9), ("US03937375.greenbook", 1, 3, 5), ("US04347903.greenbook", 1, 3, 3)];

#[test]
fn every_sample_reads_with_the_right_counts() {
    let Some(dir) = data("uspto-patent-fulltext-samples") else { return };
    for (file, count, claims, references) in FILES {
        let path = dir.join("greenbook").join(file);
        assert_eq!(zhichan_ingest::open(&path).ok().and_then(|r| r.format()), Some(Format::UsptoGreenbook));
        let all = records(&path);
        assert_eq!(all.len(), count, "{file}");
        let p = all[0].as_patent().expect("patent");
        assert!(file.contains(&p.publication_number), "{file} vs {}", p.publication_number);
        assert_eq!(p.claims.len(), claims, "{file}");
        assert_eq!(p.citations.len(), references, "{file}");
        assert!(p.is_grant() && p.dates.filing.is_some() && !p.titles.is_empty(), "{file}");
        assert!(!p.abstracts.is_empty() && p.description.as_deref().is_some_and(|d| d.len() > 500), "{file}");
    }
}

#[test]
fn fields_of_a_1976_grant() {
    let Some(dir) = data("uspto-patent-fulltext-samples") else { return };
    let all = records(&dir.join("greenbook/US03937375.greenbook"));
    let p = all[0].as_patent().expect("patent");
    assert_eq!(p.key().to_string(), "US/pat/03937375");
    assert_eq!(p.kind_code.as_deref(), Some("A"));
    assert_eq!(p.application_number.as_deref(), Some("518454"));
    assert_eq!(p.dates.filing.map(|d| d.to_string()).as_deref(), Some("1974-10-29"));
    assert_eq!(p.dates.grant.map(|d| d.to_string()).as_deref(), Some("1976-02-10"));
    assert_eq!(p.titles[0].text, "Bumper support for a boat loader");
    assert_eq!(p.inventors[0].name, "Everette E. Daniels");
    let address = p.inventors[0].address.as_ref().expect("address");
    assert_eq!((address.city.as_deref(), address.region.as_deref()), (Some("Des Moines"), Some("IA")));
    assert_eq!(p.ipc, ["B60R 9/00"]);
    assert_eq!(p.citations[0].number.as_deref(), Some("2542907"));
    assert_eq!(p.citations[0].name.as_deref(), Some("Dayton et al."));
    assert!(
        p.abstracts[0].text.starts_with("A unit mountable on a rear bumper of a vehicle, and which does not interfere")
    );
    assert!(p.claims[2].starts_with("3. The combination as set forth in claim 2"), "{}", p.claims[2]);
}

#[test]
fn foreign_inventors_assignee_priority_and_several_ipc() {
    let Some(dir) = data("uspto-patent-fulltext-samples") else { return };
    let all = records(&dir.join("greenbook/US04347903.greenbook"));
    let p = all[0].as_patent().expect("patent");
    assert_eq!(p.inventors.len(), 8);
    assert_eq!(p.inventors[0].name, "Shozo Yano");
    assert_eq!(p.inventors[0].country.as_deref(), Some("JP"));
    assert_eq!(p.assignees[0].name, "Shimadzu Corporation");
    assert_eq!(p.ipc, ["G01G 19/04", "G01G 23/10", "G06F 7/28"]);
    let priority = &p.priority_claims[0];
    assert_eq!(
        (priority.country.as_deref(), priority.number.as_deref(), priority.date.map(|d| d.to_string())),
        (Some("JP"), Some("53/84696"), Some("1978-07-10".to_owned()))
    );
}

#[test]
fn bad_greenbook_input_is_reported_by_line() {
    let good = "PATN\nWKU  039373754\nAPN  5184541\nAPD  19741029\nTTL  Bumper support\nISD  19760210\n";
    // A wrong number shape, an impossible date and a line that is no field, each in its own record.
    let input = format!(
        "{good}PATN\nWKU  0393737\nPATN\nWKU  039373762\nAPD  19741329\nPATN\nWKU  039373770\nttl  lower case\n{good}"
    );
    let items = read_bytes(input.as_bytes()).expect("detected");
    assert_eq!(items.len(), 5);
    assert!(items[0].is_ok() && items[4].is_ok());
    let errors: Vec<_> = items[1..4]
        .iter()
        .map(|i| i.as_ref().map(|_| ()).expect_err("bad"))
        .map(|e| (e.kind, e.field.clone(), e.position))
        .collect();
    assert_eq!(errors[0], (ErrorKind::InvalidField, Some("PATN/WKU".into()), Position::Line(8)));
    assert_eq!(errors[1], (ErrorKind::InvalidField, Some("PATN/APD".into()), Position::Line(11)));
    assert_eq!(errors[2], (ErrorKind::Syntax, Some("line 14".into()), Position::Line(14)));

    let cut = &good[..40];
    let items = read_bytes(cut.as_bytes()).expect("detected");
    let err = items[0].as_ref().expect_err("cut");
    assert_eq!(err.kind, ErrorKind::Truncated, "{err}");
}
