//! USPTO trademark case-file XML.

use chrono::NaiveDate;
use zhichan_domain::records::{MarkKind, MarkStatus};
use zhichan_ingest::Format;

use crate::common::{data, records};

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn daily_record_reads_every_field_group() {
    let Some(dir) = data("uspto-trademark-casefile-xml") else {
        return;
    };
    let path = dir.join("daily-na-98763166.xml");
    assert_eq!(zhichan_ingest::open(&path).ok().and_then(|r| r.format()), Some(Format::UsptoTrademarkCaseFile));
    let all = records(&path);
    assert_eq!(all.len(), 1);
    let mark = all[0].as_trademark().expect("a trademark");
    assert_eq!(mark.key().to_string(), "US/tm/98763166");
    assert_eq!(mark.registration_number, None, "0000000 means not registered");
    assert_eq!(mark.mark_text.as_deref(), Some("SUVENEER"));
    assert_eq!(mark.dates.filing, day(2024, 9, 24));
    assert_eq!((mark.status.raw.as_deref(), mark.status.stage), (Some("630"), MarkStatus::Filed));
    assert_eq!(mark.classes.len(), 1);
    let class = &mark.classes[0];
    assert_eq!(class.number.number(), 16);
    assert_eq!(class.goods_services[0].text, "Stickers; Stick markers; Sticker albums; Sticker books");
    assert_eq!(class.national_classes, ["002", "005", "022", "023", "029", "037", "038", "050"]);
    assert_eq!(class.first_use, day(2024, 6, 12));
    assert_eq!(mark.owners.len(), 1);
    assert_eq!(mark.owners[0].name, "Nguyen Quang Huy");
    assert_eq!(mark.owners[0].country.as_deref(), Some("VN"));
    assert_eq!(mark.owners[0].address.as_ref().and_then(|a| a.city.as_deref()), Some("Hanoi"));
    assert_eq!(mark.representative.as_ref().map(|p| p.name.as_str()), Some("Britten Kekaimalie Bailey Westsmith"));
    assert_eq!(mark.events.len(), 1);
    assert_eq!((mark.events[0].code.as_str(), mark.events[0].date), ("NWAP", day(2024, 9, 25)));
}

#[test]
fn annual_record_has_registration_and_design_codes() {
    let Some(dir) = data("uspto-trademark-casefile-xml") else {
        return;
    };
    let all = records(&dir.join("annual-2025-full-tx-60146682.xml"));
    assert_eq!(all.len(), 1);
    let mark = all[0].as_trademark().expect("a trademark");
    assert_eq!(mark.application_number, "60146682");
    assert_eq!(mark.registration_number.as_deref(), Some("0146682"));
    assert_eq!(mark.dates.registration, day(1921, 9, 20));
    assert_eq!(mark.mark_kind, MarkKind::Combined);
    assert_eq!(mark.design_codes, ["23.03.08"]);
    assert_eq!(mark.class(9).map(|c| c.goods_services[0].text.as_str()), Some("pistols"));
    assert_eq!(mark.owners[0].name, "AUTO ORDNANCE CORPORATION");
}
