//! WIPO ST.66 and ST.96 (USPTO TSDR and INPI), checked against the values the upstream project
//! extracted with its own XSLT (`expected/FIELD-TM.txt`).

use std::collections::BTreeMap;
use std::path::Path;

use zhichan_domain::records::{MarkKind, MarkStatus, Trademark};
use zhichan_ingest::Format;

use crate::common::{data, records};

/// The marks in the TSDR samples and the variants each comes in.
const MARKS: [&str; 6] = ["rn2178784", "rn2713476", "rn3886986", "sn77478018", "sn85334015", "sn87881347"];

fn mark(dir: &Path, tm: &str, variant: &str) -> Trademark {
    let path = dir.join("testdata").join(format!("{tm}-{variant}.xml"));
    let all = records(&path);
    assert_eq!(all.len(), 1, "{}", path.display());
    all[0].as_trademark().cloned().expect("a trademark")
}

/// An expected file: flat `Key,"value"` pairs, repeated groups between Begin/EndRepeatedField.
fn expected(dir: &Path, name: &str) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(dir.join("expected").join(name)).expect("expected file");
    let mut groups = vec![BTreeMap::new()];
    for line in text.lines() {
        let Some((key, value)) = line.split_once(',') else {
            continue;
        };
        let value = value.trim().trim_matches('"').to_owned();
        match key {
            "BeginRepeatedField" => groups.push(BTreeMap::new()),
            "EndRepeatedField" => {}
            _ => {
                if let Some(last) = groups.last_mut() {
                    last.insert(key.to_owned(), value);
                }
            }
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

fn single(dir: &Path, name: &str, key: &str) -> String {
    expected(dir, name).into_iter().find_map(|g| g.get(key).cloned()).unwrap_or_else(|| panic!("{name} has no {key}"))
}

fn variants(tm: &str) -> Vec<&'static str> {
    if tm == "rn2178784" || tm == "rn2713476" { vec!["ST66", "ST96", "ST96-old"] } else { vec!["ST66", "ST96"] }
}

#[test]
fn every_sample_detects_and_reads_one_mark() {
    let Some(dir) = data("uspto-tsdr-st66-st96") else {
        return;
    };
    for tm in MARKS {
        for variant in variants(tm) {
            let path = dir.join("testdata").join(format!("{tm}-{variant}.xml"));
            let format = zhichan_ingest::open(&path).ok().and_then(|r| r.format());
            let want = if variant == "ST66" { Format::WipoSt66 } else { Format::WipoSt96 };
            assert_eq!(format, Some(want), "{tm}-{variant}");
            let m = mark(&dir, tm, variant);
            assert_eq!(m.office.as_str(), "US");
            assert!(m.mark_text.is_some() || tm == "sn77478018", "{tm}-{variant} has no words");
            assert!(!m.owners.is_empty() && !m.classes.is_empty() && !m.events.is_empty(), "{tm}-{variant}");
        }
    }
}

#[test]
fn numbers_dates_register_and_renewal_match_expected() {
    let Some(dir) = data("uspto-tsdr-st66-st96") else {
        return;
    };
    for tm in ["rn2178784", "rn2713476"] {
        for variant in variants(tm) {
            let m = mark(&dir, tm, variant);
            let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
            assert_eq!(
                m.application_number,
                single(&dir, &format!("appno-{tm}.txt"), "ApplicationNumber"),
                "{tm}-{variant}"
            );
            assert_eq!(m.registration_number, Some(single(&dir, &format!("regno-{tm}.txt"), "RegistrationNumber")));
            assert_eq!(
                date(m.dates.filing),
                Some(single(&dir, &format!("appdates-{tm}.txt"), "ApplicationDateTruncated"))
            );
            assert_eq!(
                date(m.dates.registration),
                Some(single(&dir, &format!("regdatesonly-{tm}.txt"), "RegistrationDateTruncated"))
            );
            assert_eq!(
                date(m.dates.registration),
                Some(single(&dir, &format!("regdatetimes-{tm}.txt"), "RegistrationDateTruncated"))
            );
            assert_eq!(
                date(m.dates.renewal),
                Some(single(&dir, &format!("renewal-date-{tm}.txt"), "RenewalDateTruncated")),
                "{tm}-{variant}"
            );
            assert_eq!(
                m.register,
                Some(single(&dir, &format!("register-cat-{tm}.txt"), "RegisterCategory")),
                "{tm}-{variant}"
            );
            assert_eq!((m.status.raw.as_deref(), m.status.stage), (Some("800"), MarkStatus::Registered));
        }
    }
}

#[test]
fn international_classes_match_expected() {
    let Some(dir) = data("uspto-tsdr-st66-st96") else {
        return;
    };
    for tm in ["rn2713476", "rn3886986"] {
        let groups = expected(&dir, &format!("international-classes-{tm}.txt"));
        assert!(!groups.is_empty());
        for variant in ["ST66", "ST96"] {
            let m = mark(&dir, tm, variant);
            assert_eq!(m.classes.len(), groups.len(), "{tm}-{variant}");
            for group in &groups {
                let number: u8 = group["InternationalClassNumber"].parse().expect("number");
                let class = m.class(number).unwrap_or_else(|| panic!("{tm}-{variant} lacks class {number}"));
                assert_eq!(class.goods_services[0].text, group["GoodsServicesDescription"], "{tm}-{variant}");
            }
        }
    }
}

#[test]
fn domestic_classes_and_first_use_dates_match_expected() {
    let Some(dir) = data("uspto-tsdr-st66-st96") else {
        return;
    };
    for tm in ["rn2713476", "rn3886986"] {
        for variant in ["ST66", "ST96"] {
            let m = mark(&dir, tm, variant);
            for group in expected(&dir, &format!("domestic-classes-{variant}-{tm}.txt")) {
                let class = m.class(group["PrimaryClassNumber"].parse().expect("number")).expect("class");
                assert!(class.national_classes.contains(&group["NationalClassNumber"]), "{tm}-{variant} {group:?}");
            }
            for group in expected(&dir, &format!("first-used-dates-{variant}-{tm}.txt")) {
                let class = m.class(group["PrimaryClassNumber"].parse().expect("number")).expect("class");
                let compact = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y%m%d").to_string());
                assert_eq!(compact(class.first_use).as_ref(), Some(&group["FirstUseDateNumber"]), "{tm}-{variant}");
                assert_eq!(compact(class.first_use_in_commerce).as_ref(), Some(&group["FirstUseInCommerceDate"]));
            }
        }
    }
}

#[test]
fn madrid_numbers_examiner_priority_and_design_codes() {
    let Some(dir) = data("uspto-tsdr-st66-st96") else {
        return;
    };
    for variant in ["ST66", "ST96"] {
        let m = mark(&dir, "sn85334015", variant);
        let madrid = m.madrid.clone().expect("madrid");
        let name = "international-numbers-sn85334015.txt";
        assert_eq!(
            madrid.international_application_number,
            Some(single(&dir, name, "InternationalApplicationNumber")),
            "{variant}"
        );
        assert_eq!(
            madrid.international_registration_number,
            Some(single(&dir, name, "InternationalRegistrationNumber")),
            "{variant}"
        );
        assert_eq!(m.priority_claims.len(), 1);
        assert_eq!(m.priority_claims[0].country.as_deref(), Some("IT"));
        assert_eq!(m.priority_claims[0].number.as_deref(), Some("RM2011C00315"));

        let staffed = mark(&dir, "sn87881347", variant);
        assert_eq!(staffed.examiner, Some(single(&dir, "staff-sn87881347.txt", "StaffName")), "{variant}");

        let design = mark(&dir, "sn77478018", variant);
        assert_eq!(design.design_codes, ["03.01.08", "03.01.24", "17.03.02", "26.11.21"], "{variant}");
    }
}

#[test]
fn inpi_variant_reads_holder_classes_and_status_words() {
    let Some(dir) = data("inpi-fr-st66") else {
        return;
    };
    let all = records(&dir.join("inpi_notice_FR5189659.xml"));
    assert_eq!(all.len(), 1);
    let m = all[0].as_trademark().expect("trademark");
    assert_eq!(m.key().to_string(), "FR/tm/5189659");
    assert_eq!(m.mark_text.as_deref(), Some("DIOR"));
    assert_eq!(m.mark_kind, MarkKind::Word);
    assert_eq!(m.status.stage, MarkStatus::Registered);
    assert_eq!(m.status.raw.as_deref(), Some("Marque enregistrée"));
    assert_eq!(m.classes.iter().map(|c| c.number.number()).collect::<Vec<_>>(), [20, 24, 30, 40, 41, 42]);
    assert_eq!(m.class(41).map(|c| c.goods_services[0].text.as_str()), Some("Éducation"));
    assert_eq!(m.owners.len(), 1, "holder and applicant are the same company");
    assert_eq!(m.owners[0].name, "CHRISTIAN DIOR COUTURE");
    assert_eq!(m.owners[0].country.as_deref(), Some("FR"));
    assert_eq!(m.representative.as_ref().map(|r| r.name.as_str()), Some("Ericka Winogradsky (NOVAGRAAF FRANCE)"));
    assert_eq!(m.dates.publication.map(|d| d.to_string()).as_deref(), Some("2026-04-17"));
}
