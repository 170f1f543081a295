//! CSV: the upstream CN patent abstracts layout (real files) and the documented trademark and
//! patent column sets.

use zhichan_domain::records::{MarkKind, Record};
use zhichan_ingest::{ErrorKind, Format, Position};

use crate::common::{data, read_bytes, records};

/// Non-blank data rows, counted with Python's `csv` module (the files pad with ~4,000 `,,,` rows).
const CN_FILES: [(&str, usize); 2] = [("upstream_sample_train.csv", 19), ("upstream_sample_test.csv", 19)];

#[test]
fn cn_abstracts_csv_reads_every_row_with_title_abstract_and_cpc() {
    let Some(dir) = data("cn-patent-abstracts-cpc") else { return };
    for (file, count) in CN_FILES {
        let path = dir.join(file);
        assert_eq!(zhichan_ingest::open(&path).ok().and_then(|r| r.format()), Some(Format::CnPatentCsv));
        let all = records(&path);
        assert_eq!(all.len(), count, "{file}");
        for record in &all {
            let p = record.as_patent().expect("patent");
            assert_eq!(p.office.as_str(), "CN");
            assert_eq!(p.titles.len(), 1, "{}", p.publication_number);
            assert_eq!(p.abstracts[0].language.as_deref(), Some("zh"), "{}", p.publication_number);
            assert!(!p.cpc.is_empty() && p.cpc.iter().all(|s| s.starts_with("G06F ")), "{:?}", p.cpc);
        }
    }
    let train = records(&dir.join("upstream_sample_train.csv"));
    let first = train[0].as_patent().expect("patent");
    assert_eq!(first.key().to_string(), "CN/pat/117151122");
    assert_eq!(first.kind_code.as_deref(), Some("A"));
    assert_eq!(first.titles[0].text, "一种基于自然语言处理的银行客服会话问答处理方法及系统");
    assert!(first.abstracts[0].text.starts_with("本发明涉及人工智能技术领域"));
    assert_eq!(first.cpc, ["G06F 16/3329", "G06F 16/35", "G06F 40/247", "G06F 40/253", "G06F 40/284", "G06F 40/35"]);
    // The second layout: `title [SEP] keywords [SEP] abstract`.
    let test = records(&dir.join("upstream_sample_test.csv"));
    let sep = test[0].as_patent().expect("patent");
    assert_eq!(sep.key().to_string(), "CN/pat/118866379");
    assert_eq!(sep.titles[0].text, "一种用于心理障碍测评的数据处理及管理方法及系统");
    assert!(sep.abstracts[0].text.starts_with("本发明提出了"));
    assert_eq!(sep.cpc, ["G06F 18/2433", "G06F 40/216"]);
}

#[test]
fn cn_csv_and_the_jsonl_repackaging_agree() {
    let Some(dir) = data("cn-patent-abstracts-cpc") else { return };
    let jsonl = records(&dir.join("cn_patents_g06f.jsonl"));
    let csv = records(&dir.join("upstream_sample_train.csv"));
    for record in &csv {
        let from_csv = record.as_patent().expect("patent");
        let Some(from_jsonl) = jsonl.iter().filter_map(Record::as_patent).find(|p| p.key() == from_csv.key()) else {
            continue;
        };
        assert_eq!(from_csv.cpc, from_jsonl.cpc, "{}", from_csv.publication_number);
        assert_eq!(from_csv.titles[0].text, from_jsonl.titles[0].text);
        assert_eq!(from_csv.abstracts[0].text, from_jsonl.abstracts[0].text);
    }
}

#[test]
fn cn_csv_bad_rows_are_errors_and_a_cut_file_is_truncated() {
    let input = "publication_number,text,labels,n_labels\n\
                 CN1A,\"Title: 甲\nAbstract: 乙\",\"[\"\"G06F16/35\"\"]\",1\n\
                 CN2A,x,\"[\"\"G06F16/35\"\"\",1\n\
                 CN3A,x,[],two\n\
                 ,x,[],0\n\
                 CN4A,\"Title: 丙\nAbst";
    let items = read_bytes(input.as_bytes()).expect("detected");
    assert_eq!(items.len(), 5);
    assert!(items[0].is_ok());
    let errors: Vec<_> = items[1..]
        .iter()
        .map(|i| i.as_ref().map(|_| ()).expect_err("bad"))
        .map(|e| (e.kind, e.field.clone(), e.position))
        .collect();
    assert_eq!(errors[0], (ErrorKind::InvalidField, Some("labels".into()), Position::Line(4)));
    assert_eq!(errors[1], (ErrorKind::InvalidField, Some("n_labels".into()), Position::Line(5)));
    assert_eq!(errors[2], (ErrorKind::MissingField, Some("publication_number".into()), Position::Line(6)));
    assert_eq!((errors[3].0, errors[3].2), (ErrorKind::Truncated, Position::Line(7)));
}

#[test]
fn trademark_csv_reads_the_documented_columns() {
    let input = "office,application_number,registration_number,mark,mark_kind,classes,goods_services,owners,owner_country,\
                 representative,design_codes,filing_date,registration_date,expiry_date,status,status_date\n\
                 CN,72345678,72345678,华为,word,9;42,9: 手机；平板电脑 | 42: 软件设计,华为技术有限公司,CN,,,2023-05-04,2024-01-07,2034-01-06,Registered,2024-01-07\n\
                 US,98763166,,,figurative,16,\"16: paper, cardboard\",ACME Inc.|ACME Ltd.,US,Jane Roe,03.01.08;26.01.01,20240925,,,630,\n";
    let items = read_bytes(input.as_bytes()).expect("detected");
    assert_eq!(items.len(), 2);
    let cn = items[0].as_ref().expect("valid").as_trademark().expect("trademark");
    assert_eq!(cn.key().to_string(), "CN/tm/72345678");
    assert_eq!(cn.registration_number.as_deref(), Some("72345678"));
    assert_eq!(cn.classes.iter().map(|c| c.number.number()).collect::<Vec<_>>(), [9, 42]);
    assert_eq!(cn.class(9).map(|c| c.goods_services[0].text.as_str()), Some("手机；平板电脑"));
    assert_eq!(cn.owners[0].country.as_deref(), Some("CN"));
    assert_eq!(cn.dates.expiry.map(|d| d.to_string()).as_deref(), Some("2034-01-06"));
    assert_eq!(cn.status.stage, zhichan_domain::records::MarkStatus::Registered);
    let us = items[1].as_ref().expect("valid").as_trademark().expect("trademark");
    assert_eq!(us.mark_text, None);
    assert_eq!(us.mark_kind, MarkKind::Figurative);
    assert_eq!(us.class(16).map(|c| c.goods_services[0].text.as_str()), Some("paper, cardboard"));
    assert_eq!(us.owners.len(), 2);
    assert_eq!(us.representative.as_ref().map(|r| r.name.as_str()), Some("Jane Roe"));
    assert_eq!(us.design_codes, ["03.01.08", "26.01.01"]);
    assert_eq!(us.status.stage, zhichan_domain::records::MarkStatus::Filed);
}

#[test]
fn trademark_csv_wrong_shapes_and_truncation() {
    let input = "office,application_number,mark,classes,filing_date\n\
                 EM,018000001,ACME,46,2024-01-01\n\
                 EM,018000002,ACME,9,01/02/2024\n\
                 EM,018000003,ACME,9,2024-01-01,extra\n\
                 EM,018000004,ACME,9,2024-01-01\n\
                 EM,0180000";
    let items = read_bytes(input.as_bytes()).expect("detected");
    assert_eq!(items.len(), 5);
    let err = items[0].as_ref().expect_err("class 46");
    assert_eq!(
        (err.kind, err.field.as_deref(), err.record_id.as_deref()),
        (ErrorKind::InvalidField, Some("classes"), Some("018000001"))
    );
    assert!(err.detail.contains("expected a Nice class number from 1 to 45"), "{err}");
    let err = items[1].as_ref().expect_err("date");
    assert_eq!((err.kind, err.field.as_deref()), (ErrorKind::InvalidField, Some("filing_date")));
    let err = items[2].as_ref().expect_err("extra cell");
    assert_eq!((err.kind, err.position), (ErrorKind::Syntax, Position::Line(4)));
    assert_eq!(items[3].as_ref().map(|r| r.key().number.clone()).ok().as_deref(), Some("018000004"));
    assert_eq!(items[4].as_ref().map_err(|e| e.kind).expect_err("cut"), ErrorKind::Truncated);
}

#[test]
fn patent_csv_uses_the_patent_column_set() {
    let input = "publication_number,office,kind_code,title_en,abstract_en,applicants,inventors,ipc,cpc,filing_date,publication_date,grant_date\n\
                 US06836899B1,,,Device for holding a napkin,A device.,,Jane Roe|John Doe,A45F5/04,,2003-01-09,2005-01-04,2005-01-04\n\
                 EP1234567,,B1,,,ACME GmbH,,G06F 16/35;H04L 9/00,,,,2005-13-01\n\
                 1234567,,,,,,,,,,,\n";
    let items = read_bytes(input.as_bytes()).expect("detected");
    assert_eq!(items.len(), 3);
    let us = items[0].as_ref().expect("valid").as_patent().expect("patent");
    assert_eq!(us.key().to_string(), "US/pat/06836899");
    assert_eq!(us.kind_code.as_deref(), Some("B1"));
    assert_eq!(us.titles[0].language.as_deref(), Some("en"));
    assert_eq!(us.inventors.len(), 2);
    assert_eq!(us.ipc, ["A45F 5/04"]);
    assert!(us.is_grant());
    let err = items[1].as_ref().expect_err("bad date");
    assert_eq!(
        (err.kind, err.field.as_deref(), err.record_id.as_deref()),
        (ErrorKind::InvalidField, Some("grant_date"), Some("EP1234567"))
    );
    let err = items[2].as_ref().expect_err("no office prefix");
    assert_eq!((err.kind, err.field.as_deref()), (ErrorKind::InvalidField, Some("publication_number")));
}

#[test]
fn an_unknown_csv_header_is_refused_with_what_was_expected() {
    let err = read_bytes(b"name,class\nACME,9\n").expect_err("unknown header");
    assert_eq!(err.kind, ErrorKind::UnknownFormat);
    assert!(err.detail.contains("office,application_number"), "{err}");
}
