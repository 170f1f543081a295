//! Patents as JSON Lines.

use crate::common::{data, records};

#[test]
fn cn_abstracts_read_with_language_and_cpc() {
    let Some(dir) = data("cn-patent-abstracts-cpc") else {
        return;
    };
    let path = dir.join("cn_patents_g06f.jsonl");
    let lines = std::fs::read_to_string(&path).expect("read").lines().filter(|l| !l.trim().is_empty()).count();
    let all = records(&path);
    assert_eq!(all.len(), lines);
    assert_eq!(all.len(), 38, "SOURCE.txt: 38 publications");
    let first = all[0].as_patent().expect("patent");
    assert_eq!(first.key().to_string(), "CN/pat/117151122");
    assert_eq!(first.kind_code.as_deref(), Some("A"));
    assert!(first.titles[0].text.starts_with("一种基于自然语言处理"));
    assert_eq!(first.abstracts[0].language.as_deref(), Some("zh"));
    assert_eq!(first.cpc[0], "G06F 16/3329");
}
