//! Every record is well-formed: round-trips through JSON, unique keys, ordered dates, statuses that
//! match the dates, codes from the embedded tables.

use std::collections::HashSet;

use chrono::NaiveDate;
use zhichan_domain::records::{MarkStatus, Record};
use zhichan_generate::{GenerateConfig, ipc_symbols, similar_group_codes};

use crate::{jsonl, records};

const CONFIG: GenerateConfig = GenerateConfig { trademarks: 6_000, patents: 3_000, seed: 11 };

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("valid date")
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let config = GenerateConfig { trademarks: 1_500, patents: 700, seed: 42 };
    let first = jsonl(&config);
    assert_eq!(first, jsonl(&config));
    assert_ne!(first, jsonl(&GenerateConfig { seed: 43, ..config }));
}

#[test]
fn a_smaller_run_is_a_prefix_of_a_larger_one() {
    let small = records(&GenerateConfig { trademarks: 300, patents: 0, seed: 5 });
    let large = records(&GenerateConfig { trademarks: 900, patents: 10, seed: 5 });
    assert_eq!(small[..], large[..300]);
}

#[test]
fn every_line_is_to_string_of_a_record_that_round_trips() {
    let bytes = jsonl(&CONFIG);
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let expected = records(&CONFIG);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), expected.len());
    for (line, record) in lines.iter().zip(&expected) {
        assert_eq!(*line, serde_json::to_string(record).expect("serialisable"));
        let back: Record = serde_json::from_str(line).expect("deserialisable");
        assert_eq!(&back, record);
    }
}

#[test]
fn keys_are_unique() {
    let all = records(&CONFIG);
    let keys: HashSet<_> = all.iter().map(Record::key).collect();
    assert_eq!(keys.len(), all.len());
}

#[test]
fn group_codes_and_ipc_symbols_come_from_the_tables() {
    let ipc: HashSet<&str> = ipc_symbols().collect();
    assert!(ipc.len() >= 300);
    let mut cn_classes = 0;
    for record in records(&CONFIG) {
        match record {
            Record::Trademark(mark) => {
                for class in &mark.classes {
                    let number = class.number.number();
                    for code in &class.national_classes {
                        assert!(similar_group_codes(number).contains(&code.as_str()), "{code} in class {number}");
                    }
                    if mark.office.as_str() == "CN" {
                        assert!(!class.national_classes.is_empty());
                        cn_classes += 1;
                    }
                }
            }
            Record::Patent(patent) => {
                assert!(!patent.ipc.is_empty());
                for symbol in &patent.ipc {
                    assert!(ipc.contains(symbol.as_str()), "{symbol}");
                }
            }
        }
    }
    assert!(cn_classes > 1_000, "{cn_classes}");
}

#[test]
fn dates_are_ordered_and_statuses_match_them() {
    for record in records(&CONFIG) {
        match record {
            Record::Trademark(mark) => {
                let d = &mark.dates;
                let filed = d.filing.expect("filing date");
                assert!(filed >= NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid") && filed <= as_of());
                let ordered: Vec<NaiveDate> =
                    [d.filing, d.publication, d.registration, d.renewal].into_iter().flatten().collect();
                assert!(ordered.is_sorted(), "{}: {d:?}", mark.application_number);
                if let (Some(registered), Some(expiry)) = (d.registration, d.expiry) {
                    assert!(registered < expiry && d.renewal.is_none_or(|r| r <= expiry));
                }
                for event in &mark.events {
                    assert!(event.date.is_some_and(|e| e >= filed && e <= as_of()), "{:?}", mark.events);
                }
                let status_date = mark.status.date.expect("status date");
                assert!(status_date >= filed && status_date <= as_of());
                match mark.status.stage {
                    MarkStatus::Filed => assert!(d.publication.is_none() && d.registration.is_none()),
                    MarkStatus::Published | MarkStatus::Opposed => {
                        assert!(d.publication.is_some() && d.registration.is_none())
                    }
                    MarkStatus::Registered | MarkStatus::Expired | MarkStatus::Cancelled => {
                        assert!(d.registration.is_some() && mark.registration_number.is_some())
                    }
                    MarkStatus::Refused | MarkStatus::Withdrawn => assert!(d.registration.is_none()),
                    MarkStatus::Unknown => panic!("unknown status"),
                }
                if mark.status.stage == MarkStatus::Expired {
                    assert!(d.expiry.is_some_and(|e| e < status_date));
                }
            }
            Record::Patent(patent) => {
                let d = &patent.dates;
                let (filed, published) = (d.filing.expect("filing"), d.publication.expect("publication"));
                assert!(filed < published && published <= as_of());
                if let Some(grant) = d.grant {
                    assert_eq!(grant, published);
                    assert!(patent.kind_code.as_deref().is_some_and(|k| k.starts_with('B') || k == "U"));
                }
                assert!(!patent.titles.is_empty() && !patent.abstracts.is_empty() && !patent.inventors.is_empty());
            }
        }
    }
}
