//! Search through the use cases: the index follows imports, rebuilds, and finds the real samples
//! the way a searcher expects (relevance tests).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use zhichan_core::import::{ImportOptions, Quiet};
use zhichan_core::search::{IndexUpdate, SearchQuery, open_index};
use zhichan_core::{Core, CoreSettings};
use zhichan_domain::records::Record;
use zhichan_search::SearchPage;

use crate::data;

/// Use cases over a fresh SQLite store with a writable index in the same directory.
async fn core_with_index() -> (Core, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("core.sqlite3").display());
    let store: Arc<dyn zhichan_store::Store> = zhichan_store::open(&url).await.unwrap();
    let index = open_index(&dir.path().join("index")).unwrap();
    (Core::new(store, CoreSettings::default()).with_search_index(index), dir)
}

async fn import(core: &Core, paths: &[PathBuf]) {
    let report = core.import(None, paths, &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(report.totals.rejected, 0, "{:?}", report.rejections);
    assert!(matches!(report.index, IndexUpdate::Indexed(_)), "{:?}", report.index);
}

async fn search(core: &Core, text: &str, limit: usize) -> SearchPage {
    let query = SearchQuery { text: text.into(), limit: Some(limit), ..SearchQuery::default() };
    core.search(&query).await.unwrap_or_else(|error| panic!("{text}: {error}"))
}

/// Every stored record, through the change journal.
async fn all_records(core: &Core) -> Vec<Record> {
    core.store().changes_since(0, 100_000).await.unwrap().into_iter().map(|change| change.record).collect()
}

fn write_jsonl(dir: &Path, name: &str, records: &[Record]) -> PathBuf {
    let path = dir.join(name);
    let lines: Vec<String> = records.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

/// The words of a title as a user would type them: letters and digits, operators lower-cased.
fn typed(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn every_us_grant_is_found_by_its_title_in_the_top_three() {
    let Some(dir) = data("uspto-ipg-weekly-subsets") else { return };
    let (core, _dir) = core_with_index().await;
    import(&core, &[dir]).await;
    let grants: Vec<_> = all_records(&core)
        .await
        .into_iter()
        .filter_map(|record| record.as_patent().cloned())
        .filter(|patent| patent.office.as_str() == "US" && patent.is_grant())
        .collect();
    assert_eq!(grants.len(), 422, "the samples hold 422 US grants");
    let title = |grant: &zhichan_domain::records::Patent| typed(&grant.titles.first().expect("a title").text);
    let mut misses = Vec::new();
    for grant in &grants {
        // Design patents share titles ("Chair" ×4): no ranking puts k equal titles all in the top
        // three, so a title shared by k grants must find each of them in the top k.
        let same_title = grants.iter().filter(|other| title(other) == title(grant)).count();
        let page = search(&core, &title(grant), same_title.max(3)).await;
        if !page.hits.iter().any(|hit| hit.key.number == grant.publication_number) {
            misses.push(format!("{} {:?} (shared by {same_title})", grant.publication_number, title(grant)));
        }
    }
    assert!(misses.is_empty(), "{} of 422 titles missed their grant: {misses:#?}", misses.len());
}

#[tokio::test]
async fn chinese_abstracts_are_found_by_phrase_traditional_form_and_class() {
    let Some(dir) = data("cn-patent-abstracts-cpc") else { return };
    let (core, _dir) = core_with_index().await;
    import(&core, &[dir]).await;
    let patents: Vec<_> =
        all_records(&core).await.into_iter().filter_map(|record| record.as_patent().cloned()).collect();
    assert!(patents.len() >= 38, "{} Chinese patents", patents.len());
    for patent in &patents {
        let number = &patent.publication_number;
        let found = |page: &SearchPage| page.hits.iter().any(|hit| &hit.key.number == number);
        let abstract_ = &patent.abstracts.first().expect("an abstract").text;
        // Up to twelve characters from the middle of the abstract's longest run of Han characters.
        let run = abstract_
            .split(|c: char| !zhichan_search::analysis::is_han(c))
            .max_by_key(|run| run.chars().count())
            .expect("Chinese text");
        let middle = run.chars().count() / 2;
        let phrase: String = run.chars().skip(middle.saturating_sub(6)).take(12).collect();
        assert!(found(&search(&core, &format!("ab:\"{phrase}\""), 5).await), "{number}: phrase {phrase}");
        let traditional = zhconv::zhconv(&phrase, zhconv::Variant::ZhHant);
        assert!(found(&search(&core, &format!("\"{traditional}\""), 5).await), "{number}: traditional {traditional}");
        let class = patent.cpc.first().or(patent.ipc.first()).expect("a class");
        let field = if patent.cpc.is_empty() { "ipc" } else { "cpc" };
        let page = search(&core, &format!("{field}:\"{class}\""), 1000).await;
        assert!(found(&page), "{number}: {field}:{class}");
    }
}

#[tokio::test]
async fn the_index_follows_imports_and_a_second_process_catches_up() {
    let (core, dir) = core_with_index().await;
    let mut first = zhichan_domain::records::Trademark::new(zhichan_domain::OfficeCode::parse("CN").unwrap(), "1");
    first.mark_text = Some("五粮液".into());
    import(&core, &[write_jsonl(dir.path(), "a.jsonl", &[first.clone().into()])]).await;
    assert_eq!(search(&core, "wuliangye", 10).await.total, 1);

    // A second process on the same store with its own (empty) index catches up from the journal.
    let other = open_index(&dir.path().join("index-2")).unwrap();
    let second = Core::new(core.store().clone(), CoreSettings::default()).with_search_index(other);
    assert_eq!(search(&second, "wuliangye", 10).await.total, 0);
    let caught = second.catch_up_index().await.unwrap();
    assert_eq!(caught.indexed, 1);
    assert_eq!(search(&second, "五粮液", 10).await.total, 1);

    let mut renamed = first.clone();
    renamed.mark_text = Some("HAIYING".into());
    import(&core, &[write_jsonl(dir.path(), "b.jsonl", &[renamed.into()])]).await;
    assert_eq!(second.catch_up_index().await.unwrap().indexed, 1, "only the change");
    assert_eq!(search(&second, "wuliangye", 10).await.total, 0, "the old text is gone");
    assert_eq!(search(&second, "haiying", 10).await.total, 1);
    assert_eq!(second.catch_up_index().await.unwrap().indexed, 0, "nothing new");

    let rebuilt = second.rebuild_index().await.unwrap();
    assert_eq!((rebuilt.indexed, search(&second, "haiying", 10).await.total), (1, 1));
}

#[tokio::test]
async fn a_second_writer_reads_only_and_leaves_indexing_to_the_first() {
    let (core, dir) = core_with_index().await;
    let reader = open_index(&dir.path().join("index")).unwrap();
    assert!(!reader.is_writable());
    let cli = Core::new(core.store().clone(), CoreSettings::default()).with_search_index(reader);
    let mut mark = zhichan_domain::records::Trademark::new(zhichan_domain::OfficeCode::parse("US").unwrap(), "9");
    mark.mark_text = Some("HISENSE".into());
    let path = write_jsonl(dir.path(), "c.jsonl", &[mark.into()]);
    let report = cli.import(None, &[path], &ImportOptions::default(), &Quiet).await.unwrap();
    assert_eq!(report.index, IndexUpdate::LeftToWriter);
    core.catch_up_index().await.unwrap();
    assert_eq!(search(&cli, "ＨＩＳＥＮＳＥ", 10).await.total, 1, "the reader sees what the writer committed");
}

#[tokio::test]
async fn bad_queries_say_where_and_what_was_expected() {
    let (core, _dir) = core_with_index().await;
    let query = SearchQuery { text: "ti:(wireless".into(), ..SearchQuery::default() };
    let error = core.search(&query).await.unwrap_err();
    assert_eq!(error.code().as_str(), "query_syntax");
    assert!(error.to_string().contains("position"), "{error}");
    let bad_cursor = SearchQuery { text: "x".into(), cursor: Some("nonsense".into()), ..SearchQuery::default() };
    assert_eq!(core.search(&bad_cursor).await.unwrap_err().code().as_str(), "search_unsupported");
    let bad_sort = SearchQuery { text: "x".into(), sort: Some("sideways".into()), ..SearchQuery::default() };
    assert_eq!(core.search(&bad_sort).await.unwrap_err().code().as_str(), "search_unsupported");
}
