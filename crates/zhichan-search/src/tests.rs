//! End-to-end tests: hand-built records in a temporary index, queried with the query language.

use chrono::NaiveDate;
use zhichan_domain::records::{ClassEntry, LocalizedText, MarkStatus, Party, Patent, Record, Trademark};
use zhichan_domain::{NiceClass, OfficeCode};

use crate::{Cursor, SearchError, SearchIndex, SearchPage, SearchRequest, SearchResults, Sort};

fn office(code: &str) -> OfficeCode {
    OfficeCode::parse(code).expect("valid office")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn party(name: &str) -> Party {
    Party { name: name.into(), ..Party::default() }
}

fn mark(code: &str, number: &str, text: &str, owner: &str, classes: &[u8], filed: NaiveDate) -> Record {
    let mut mark = Trademark::new(office(code), number);
    mark.mark_text = Some(text.into());
    mark.owners.push(party(owner));
    for class in classes {
        mark.classes.push(ClassEntry::new(NiceClass::new(*class).expect("valid class")));
    }
    mark.dates.filing = Some(filed);
    mark.status.stage = MarkStatus::Registered;
    mark.into()
}

fn records() -> Vec<Record> {
    let mut us = Patent::new(office("US"), "10123456");
    us.kind_code = Some("B2".into());
    us.titles.push(LocalizedText::new(Some("en"), "Wireless charging of mobile devices"));
    us.abstracts.push(LocalizedText::new(
        Some("en"),
        "A method for locating a mobile terminal in a cellular network using wireless signals.",
    ));
    us.claims.push("1. A method comprising receiving a location request.".into());
    us.assignees.push(party("Acme Wireless Inc."));
    us.inventors.push(party("Jane Smith"));
    us.ipc = vec!["H04W 4/02".into(), "H02J 50/10".into()];
    us.dates.filing = Some(date(2016, 3, 1));
    us.dates.publication = Some(date(2018, 11, 13));
    us.dates.grant = Some(date(2018, 11, 13));

    let mut cn = Patent::new(office("CN"), "117151122");
    cn.kind_code = Some("A".into());
    cn.titles.push(LocalizedText::new(Some("zh"), "一种无线通信方法及装置"));
    cn.abstracts.push(LocalizedText::new(Some("zh"), "本发明公开了一种基于人工智能的图像识别方法。"));
    cn.applicants.push(party("华为技术有限公司"));
    cn.ipc = vec!["G06N 3/08".into()];
    cn.dates.publication = Some(date(2023, 12, 1));

    let mut old = Patent::new(office("US"), "06836899");
    old.titles.push(LocalizedText::new(Some("en"), "Backpack with detachable straps"));
    old.ipc = vec!["A45F 3/04".into()];
    old.dates.publication = Some(date(2005, 1, 4));

    vec![
        us.into(),
        cn.into(),
        old.into(),
        mark("CN", "1001", "五粮液", "宜宾五粮液股份有限公司", &[33], date(1990, 5, 1)),
        mark("CN", "1002", "無印良品", "株式会社良品計画", &[16, 35], date(2001, 4, 17)),
        mark("CN", "1003", "无印良品", "北京棉田纺织品有限公司", &[24], date(2000, 4, 6)),
        mark("US", "2001", "HISENSE", "Hisense Co., Ltd.", &[9], date(2010, 6, 1)),
        mark("EM", "3001", "ＨＩＳＥＮＳＥ", "Hisense International", &[11], date(2012, 2, 2)),
        mark("US", "2002", "APPLE", "Apple Inc.", &[9, 42], date(1995, 1, 1)),
        mark("FR", "4001", "Café de Flore", "Société du Café", &[43], date(2003, 3, 3)),
    ]
}

fn index() -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = SearchIndex::open_or_create(dir.path().join("index")).expect("index opens");
    for record in records() {
        index.add(&record).expect("indexed");
    }
    index.commit().expect("committed");
    (dir, index)
}

fn search(index: &SearchIndex, query: &str) -> SearchResults {
    let parsed = zhichan_query::parse(query).expect("query parses");
    index.search(&parsed, 20).unwrap_or_else(|error| panic!("{query}: {error}"))
}

/// The sorted `office/number` of every hit.
fn numbers(index: &SearchIndex, query: &str) -> Vec<String> {
    let results = search(index, query);
    assert_eq!(results.total, results.hits.len(), "{query}: more hits than the limit");
    let mut numbers: Vec<String> =
        results.hits.iter().map(|hit| format!("{}/{}", hit.key.office, hit.key.number)).collect();
    numbers.sort();
    numbers
}

#[test]
fn bare_words_search_default_fields_with_stemming() {
    let (_dir, index) = index();
    assert_eq!(numbers(&index, "wireless"), ["US/10123456"]);
    assert_eq!(numbers(&index, "charge"), ["US/10123456"], "stemmed: charge ~ charging");
    assert_eq!(numbers(&index, "ACME"), ["US/10123456"], "owner is a default field");
    assert_eq!(numbers(&index, "cafe"), ["FR/4001"], "ASCII folding");
    assert!(numbers(&index, "nothinglikethis").is_empty());
}

#[test]
fn hit_carries_what_a_result_line_needs() {
    let (_dir, index) = index();
    let results = search(&index, "charging");
    let hit = &results.hits[0];
    assert_eq!((hit.key.office.as_str(), hit.key.kind.code(), hit.key.number.as_str()), ("US", "patent", "10123456"));
    assert_eq!(hit.title, "Wireless charging of mobile devices");
    assert!(hit.score > 0.0);
}

#[test]
fn chinese_words_are_segmented() {
    let (_dir, index) = index();
    assert_eq!(numbers(&index, "五粮液"), ["CN/1001"]);
    assert_eq!(numbers(&index, "无线"), ["CN/117151122"]);
    assert_eq!(numbers(&index, "图像识别"), ["CN/117151122"]);
    assert_eq!(numbers(&index, "applicant:华为"), ["CN/117151122"]);
}

#[test]
fn traditional_and_simplified_match_each_other() {
    let (_dir, index) = index();
    assert_eq!(numbers(&index, "无印良品"), ["CN/1002", "CN/1003"]);
    assert_eq!(numbers(&index, "無印良品"), ["CN/1002", "CN/1003"]);
    // 株式会社良品計画 is indexed as 株式会社 / 会社 / 良品 / 计画.
    assert_eq!(numbers(&index, "owner:良品計画"), ["CN/1002"]);
}

#[test]
fn bigrams_find_parts_of_words_jieba_keeps_whole() {
    let (_dir, index) = index();
    // jieba keeps 无印良品 as one word; the bigram fields still find its parts.
    assert_eq!(numbers(&index, "mark:良品"), ["CN/1002", "CN/1003"]);
    assert_eq!(numbers(&index, "粮液"), ["CN/1001"]);
    assert_eq!(numbers(&index, "mark:液"), ["CN/1001"], "one character");
    assert_eq!(numbers(&index, "mark:\"印良\""), ["CN/1002", "CN/1003"]);
    assert!(numbers(&index, "mark:良印").is_empty(), "order matters");
}

#[test]
fn pinyin_finds_chinese_marks() {
    let (_dir, index) = index();
    assert_eq!(numbers(&index, "wuliangye"), ["CN/1001"]);
    assert_eq!(numbers(&index, "mark:WULIANGYE"), ["CN/1001"]);
    assert_eq!(numbers(&index, "\"wu liang ye\""), ["CN/1001"]);
    assert_eq!(numbers(&index, "wuyinliangpin"), ["CN/1002", "CN/1003"], "traditional marks too");
    assert!(numbers(&index, "ti:wuliangye").is_empty(), "only marks carry pinyin");
}

#[test]
fn numbers_in_every_written_form() {
    let (_dir, index) = index();
    for form in ["US10123456B2", "10123456", "us10123456", "pn:10,123,456"] {
        assert_eq!(numbers(&index, form), ["US/10123456"], "{form}");
    }
    assert_eq!(numbers(&index, "CN117151122A"), ["CN/117151122"]);
    assert_eq!(numbers(&index, "6836899"), ["US/06836899"], "leading zero dropped");
}

#[test]
fn full_width_matches_half_width() {
    let (_dir, index) = index();
    assert_eq!(numbers(&index, "hisense"), ["EM/3001", "US/2001"]);
    assert_eq!(numbers(&index, "mark:HISENSE"), ["EM/3001", "US/2001"]);
    // The parser folds the query; the index folds the record's ＨＩＳＥＮＳＥ.
    assert_eq!(numbers(&index, "ＨＩＳＥＮＳＥ"), ["EM/3001", "US/2001"]);
}

#[test]
fn fielded_terms_stay_in_their_field() {
    let (_dir, index) = index();
    assert_eq!(numbers(&index, "ti:wireless"), ["US/10123456"]);
    assert_eq!(numbers(&index, "ab:cellular"), ["US/10123456"]);
    assert!(numbers(&index, "ti:cellular").is_empty());
    assert_eq!(numbers(&index, "cl:location"), ["US/10123456"]);
    assert_eq!(numbers(&index, "inventor:smith"), ["US/10123456"]);
    assert_eq!(numbers(&index, "office:us kind:patent"), ["US/06836899", "US/10123456"]);
    assert_eq!(numbers(&index, "kind:B2"), ["US/10123456"]);
    assert_eq!(numbers(&index, "status:registered office:CN"), ["CN/1001", "CN/1002", "CN/1003"]);
    assert_eq!(numbers(&index, "nice:9"), ["US/2001", "US/2002"]);
    assert_eq!(numbers(&index, "nice:[30 TO 35]"), ["CN/1001", "CN/1002"]);
    assert_eq!(numbers(&index, "pn:US10,123,456B2"), ["US/10123456"]);
    assert_eq!(numbers(&index, "pn:6836899"), ["US/06836899"]);
}

#[test]
fn phrases_need_adjacent_words() {
    let (_dir, index) = index();
    assert_eq!(numbers(&index, "\"mobile devices\""), ["US/10123456"]);
    assert!(numbers(&index, "\"devices mobile\"").is_empty());
    assert_eq!(numbers(&index, "ti:\"无线 通信\""), ["CN/117151122"]);
    assert!(numbers(&index, "ti:\"通信 无线\"").is_empty());
}

#[test]
fn boolean_operators_combine() {
    let (_dir, index) = index();
    assert_eq!(numbers(&index, "wireless AND ipc:H04W*"), ["US/10123456"]);
    assert_eq!(numbers(&index, "五粮液 OR hisense"), ["CN/1001", "EM/3001", "US/2001"]);
    assert_eq!(numbers(&index, "hisense NOT office:EM"), ["US/2001"]);
    let everything_but = numbers(&index, "NOT hisense");
    assert_eq!(everything_but.len(), records().len() - 2);
    assert!(!everything_but.contains(&"US/2001".to_string()));
    assert_eq!(numbers(&index, "NOT kind:trademark NOT ipc:H04W*"), ["CN/117151122", "US/06836899"]);
}

#[test]
fn prefixes_on_words_and_class_symbols() {
    let (_dir, index) = index();
    assert_eq!(numbers(&index, "ipc:H04W*"), ["US/10123456"]);
    assert_eq!(numbers(&index, "ipc:H04*"), ["US/10123456"]);
    assert_eq!(numbers(&index, "ipc:\"H04W 4/02\""), ["US/10123456"]);
    assert_eq!(numbers(&index, "ipc:A45F*"), ["US/06836899"]);
    assert_eq!(numbers(&index, "backp*"), ["US/06836899"]);
    assert_eq!(numbers(&index, "ti:hise*"), ["EM/3001", "US/2001"]);
}

#[test]
fn date_ranges() {
    let (_dir, index) = index();
    assert_eq!(numbers(&index, "pd:2018"), ["US/10123456"]);
    assert_eq!(numbers(&index, "pd:[2005-01-04 TO 2018-11-13]"), ["US/06836899", "US/10123456"]);
    assert_eq!(numbers(&index, "pd:{2005-01-04 TO 2018-11-13]"), ["US/10123456"]);
    assert_eq!(numbers(&index, "fd:<2000"), ["CN/1001", "US/2002"]);
    assert_eq!(numbers(&index, "rd:>=2018-11-13"), ["US/10123456"]);
    assert_eq!(numbers(&index, "pd:[* TO *]"), ["CN/117151122", "US/06836899", "US/10123456"]);
}

#[test]
fn proximity_is_a_sloppy_phrase() {
    let (_dir, index) = index();
    assert_eq!(numbers(&index, "wireless ADJ/2 mobile"), ["US/10123456"]);
    assert_eq!(numbers(&index, "mobile NEAR/3 wireless"), ["US/10123456"]);
    assert!(numbers(&index, "mobile ADJ/3 wireless").is_empty(), "ADJ keeps the order");
    assert!(numbers(&index, "wireless ADJ/1 devices").is_empty(), "too far apart");
}

#[test]
fn unsupported_constructs_are_errors_not_panics() {
    let (_dir, index) = index();
    for query in ["group:0901", "a NEAR/2 b NEAR/3 c", "wirel* NEAR/2 mobile"] {
        let parsed = zhichan_query::parse(query).expect("query parses");
        assert!(matches!(index.search(&parsed, 10), Err(SearchError::Unsupported(_))), "{query}");
        assert!(matches!(crate::check(&parsed), Err(SearchError::Unsupported(_))), "checked without an index: {query}");
    }
    for query in ["applicant:huawei AND ipc:H04W*", "无线 NEAR/3 通信", "pd:[2020-01-01 TO *] mobile"] {
        let parsed = zhichan_query::parse(query).expect("query parses");
        assert!(crate::check(&parsed).is_ok(), "{query}");
    }
}

#[test]
fn re_indexing_replaces_and_survives_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("index");
    {
        let index = SearchIndex::open_or_create(&path).expect("index opens");
        index.add(&mark("US", "9", "OLDNAME", "Someone", &[9], date(2020, 1, 1))).expect("indexed");
        index.commit().expect("committed");
        index.add(&mark("US", "9", "NEWNAME", "Someone", &[9], date(2020, 1, 1))).expect("indexed");
        index.commit().expect("committed");
        assert!(numbers(&index, "oldname").is_empty());
    }
    let index = SearchIndex::open_or_create(&path).expect("index reopens");
    assert_eq!(numbers(&index, "newname"), ["US/9"]);
    assert_eq!(search(&index, "someone").total, 1);
    assert_eq!(search(&index, "NOT nothing").total, 1);
}

#[test]
fn limit_caps_hits_but_not_total() {
    let (_dir, index) = index();
    let parsed = zhichan_query::parse("NOT nothing").expect("query parses");
    let results = index.search(&parsed, 3).expect("searched");
    assert_eq!(results.total, records().len());
    assert_eq!(results.hits.len(), 3);
    assert!(index.search(&parsed, 0).expect("searched").hits.is_empty());
}

fn page(index: &SearchIndex, query: &str, sort: Sort, limit: usize, after: Option<Cursor>) -> SearchPage {
    let parsed = zhichan_query::parse(query).expect("query parses");
    let request = SearchRequest { query: &parsed, sort, limit, after, facets: true, snippets: true };
    index.search_page(&request).unwrap_or_else(|error| panic!("{query}: {error}"))
}

#[test]
fn cursor_pages_through_every_hit_once() {
    let (_dir, index) = index();
    for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = page(&index, "NOT nothing", sort, 3, after);
            assert_eq!(page.total, records().len());
            seen.extend(page.hits.iter().map(|hit| format!("{}/{}", hit.key.office, hit.key.number)));
            match page.next {
                Some(next) => after = Some(next.to_string().parse().expect("cursor parses")),
                None => break,
            }
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (records().len(), records().len()), "{sort:?}: {seen:?}");
    }
}

#[test]
fn date_sorts_put_newest_or_oldest_first_and_undated_last() {
    let (_dir, index) = index();
    let newest = page(&index, "NOT nothing", Sort::Newest, 20, None);
    let dates: Vec<_> = newest.hits.iter().filter_map(|hit| hit.date).collect();
    assert!(dates.windows(2).all(|pair| pair[0] >= pair[1]), "{dates:?}");
    assert_eq!(newest.hits[0].key.number, "117151122");
    let oldest = page(&index, "NOT nothing", Sort::Oldest, 20, None);
    assert_eq!(oldest.hits[0].key.number, "1001");
    let cursor = newest.next;
    assert!(cursor.is_none());
    let wrong = page(&index, "NOT nothing", Sort::Newest, 1, None).next.expect("more pages");
    let parsed = zhichan_query::parse("NOT nothing").expect("parses");
    let request = SearchRequest { after: Some(wrong), ..SearchRequest::new(&parsed, 1) };
    assert!(matches!(index.search_page(&request), Err(SearchError::BadCursor(_))), "cursor of another order");
}

#[test]
fn facets_count_every_hit_not_just_the_page() {
    let (_dir, index) = index();
    let page = page(&index, "NOT nothing", Sort::Relevance, 1, None);
    let facets = page.facets.expect("facets asked for");
    let count = |values: &[crate::FacetCount], value: &str| {
        values.iter().find(|facet| facet.value == value).map_or(0, |facet| facet.count)
    };
    assert_eq!(count(&facets.office, "CN"), 4);
    assert_eq!(count(&facets.office, "US"), 4);
    assert_eq!(count(&facets.kind, "trademark"), 7);
    assert_eq!(count(&facets.kind, "patent"), 3);
    assert_eq!(count(&facets.status, "registered"), 7);
    assert_eq!(count(&facets.status, "granted") + count(&facets.status, "published"), 3);
    assert_eq!(count(&facets.year, "2018"), 1);
    assert_eq!(count(&facets.nice, "9"), 2);
    assert_eq!(count(&facets.ipc, "H04W"), 1);
    assert_eq!(facets.office[0].count, 4, "most frequent first");
}

#[test]
fn hits_carry_snippets_owner_status_and_date() {
    let (_dir, index) = index();
    let page = page(&index, "cellular", Sort::Relevance, 5, None);
    let hit = &page.hits[0];
    let snippet = hit.snippet.as_ref().expect("snippet asked for");
    assert!(snippet.has_highlight(), "{snippet:?}");
    assert!(snippet.fragments.iter().any(|f| f.highlighted && f.text == "cellular"), "{snippet:?}");
    assert_eq!(hit.owner, "Acme Wireless Inc.");
    assert_eq!(hit.status, "granted");
    assert_eq!(hit.date, Some(date(2018, 11, 13)));
}

#[test]
fn journal_position_survives_commits_and_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("index");
    {
        let index = SearchIndex::open_or_create(&path).expect("index opens");
        assert_eq!(index.journal_position().expect("position"), 0);
        index.add(&records()[0]).expect("indexed");
        index.commit_at(41).expect("committed");
        index.commit().expect("committed again");
        assert_eq!(index.journal_position().expect("position"), 41);
        assert!(matches!(SearchIndex::open_or_create(&path), Err(SearchError::Locked(_))), "one writer");
        let reader = SearchIndex::open_for_reading(&path).expect("readers share");
        assert_eq!(reader.len(), 1);
        assert!(matches!(reader.add(&records()[1]), Err(SearchError::ReadOnly)));
        index.clear().expect("cleared");
        index.commit_at(42).expect("committed");
        reader.reload().expect("reloads");
        assert!(reader.is_empty());
    }
    let index = SearchIndex::open_or_create(&path).expect("index reopens");
    assert_eq!(index.journal_position().expect("position"), 42);
}
