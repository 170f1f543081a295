//! The query set: one list per class, each query written three times — in the zhichan query
//! language, as an FTS5 `MATCH` expression and as a PostgreSQL `tsquery` — from words that occur
//! in the generated corpus (patent topic, part and technique words, the generic mark words, applicant
//! name words and cities; `zhichan-generate`'s `patents.rs`, `words.rs`, `parties.rs`,
//! `tables/ipc.rs`) and in the real US samples.
//!
//! The three forms are built by one small function per class, so that every class reads as its
//! word list plus one line of translation rules:
//!
//! | class | zhichan | FTS5 `MATCH` | PostgreSQL `to_tsquery(cfg, …)` |
//! |---|---|---|---|
//! | single word | `wireless` | `"wireless"` | `english`: `wireless` |
//! | multi-word | `smart home` | `"smart" AND "home"` | `english`: `smart & home` |
//! | phrase | `"heat sink"` | `"heat sink"` | `english`: `heat <-> sink` |
//! | fielded | `applicant:cosmetics office:US` | `applicant : "cosmetics"` + `office = 'US'` | `english`: `cosmetics:C` + `office = 'US'` |
//! | Chinese | `无线通信` | `"无线 线通 通信"` (bigrams) | `simple`: `无线 <-> 线通 <-> 通信` |
//! | prefix | `wirel*` | `"wirel" *` | `english`: `wirel:*` |
//! | faceted | a query from above + counts by office, kind, status, filing year | same + `GROUP BY` | same + `GROUPING SETS` |
//!
//! PostgreSQL weights stand for fields: `A` title, `B` mark, `C` applicant, `D` abstract. The default
//! fields are zhichan's: title, abstract, applicant and mark.

use std::fmt;

use super::corpus::query_bigrams;

/// A class of queries, reported separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QueryClass {
    /// One Latin word over the default fields.
    SingleWord,
    /// Two or three Latin words, all required.
    MultiWord,
    /// A quoted phrase.
    Phrase,
    /// A word restricted to one field, some with an office filter.
    Fielded,
    /// A Chinese word (2–5 characters).
    Chinese,
    /// A trailing-wildcard prefix.
    Prefix,
    /// A query plus facet counts by office, kind, status and filing year.
    Faceted,
}

impl QueryClass {
    /// Every class, in report order.
    pub const ALL: [QueryClass; 7] = [
        QueryClass::SingleWord,
        QueryClass::MultiWord,
        QueryClass::Phrase,
        QueryClass::Fielded,
        QueryClass::Chinese,
        QueryClass::Prefix,
        QueryClass::Faceted,
    ];
}

impl fmt::Display for QueryClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QueryClass::SingleWord => "single word",
            QueryClass::MultiWord => "multi-word",
            QueryClass::Phrase => "phrase",
            QueryClass::Fielded => "fielded",
            QueryClass::Chinese => "Chinese",
            QueryClass::Prefix => "prefix",
            QueryClass::Faceted => "faceted",
        })
    }
}

/// One query in the three engines' languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchQuery {
    /// The class it is reported under.
    pub class: QueryClass,
    /// zhichan query language.
    pub zhichan: String,
    /// FTS5 `MATCH` expression.
    pub fts5: String,
    /// Text search configuration for `to_tsquery`: `english` or `simple`.
    pub pg_config: &'static str,
    /// `to_tsquery` input.
    pub pg_tsquery: String,
    /// Office the SQL peers filter on (zhichan has it inside [`Self::zhichan`]).
    pub office: Option<&'static str>,
    /// Whether facet counts are asked for too.
    pub facets: bool,
}

/// A text field of the default set, as each engine names it.
#[derive(Debug, Clone, Copy)]
enum TextField {
    Title,
    Abstract,
    Applicant,
    Mark,
}

impl TextField {
    fn zhichan(self) -> &'static str {
        match self {
            TextField::Title => "ti",
            TextField::Abstract => "ab",
            TextField::Applicant => "applicant",
            TextField::Mark => "mark",
        }
    }

    fn fts5(self) -> &'static str {
        match self {
            TextField::Title => "title",
            TextField::Abstract => "abstract",
            TextField::Applicant => "applicant",
            TextField::Mark => "mark",
        }
    }

    fn pg_weight(self) -> char {
        match self {
            TextField::Title => 'A',
            TextField::Mark => 'B',
            TextField::Applicant => 'C',
            TextField::Abstract => 'D',
        }
    }
}

const SINGLE_WORDS: &[&str] = &[
    "wireless",
    "semiconductor",
    "battery",
    "sensor",
    "radar",
    "blockchain",
    "pharmaceutical",
    "vehicle",
    "diagnosis",
    "valve",
    "video",
    "cosmetics",
    "apparel",
    "electronics",
    "biotechnology",
    "garment",
    "catering",
    "furnishing",
    "motors",
    "pharma",
    "star",
    "cloud",
    "smart",
    "gold",
    "nature",
    "fresh",
    "beauty",
    "kids",
    "shenzhen",
    "yiwu",
    "trading",
    "optical",
];

const MULTI_WORDS: &[&[&str]] = &[
    &["wireless", "communication"],
    &["smart", "home"],
    &["data", "processing", "method"],
    &["sensor", "housing"],
    &["shenzhen", "technology"],
    &["gold", "star"],
    &["pharmaceutical", "composition"],
    &["battery", "vehicle"],
    &["medical", "diagnosis"],
    &["deep", "learning"],
    &["network", "technology"],
    &["cosmetics", "guangzhou"],
    &["fresh", "foods"],
    &["neural", "network", "control"],
    &["heat", "sink"],
    &["power", "module", "display"],
    &["valve", "body"],
    &["semiconductor", "chip"],
    &["radar", "positioning"],
    &["video", "coding"],
    &["portable", "device"],
    &["blockchain", "system"],
    &["cloud", "tech"],
    &["kids", "style"],
    &["energy", "saving", "apparatus"],
];

const PHRASES: &[&[&str]] = &[
    &["wireless", "communication"],
    &["data", "processing"],
    &["control", "method"],
    &["deep", "learning"],
    &["edge", "computing"],
    &["neural", "network"],
    &["sensor", "assembly"],
    &["heat", "sink"],
    &["power", "module"],
    &["display", "panel"],
    &["drive", "mechanism"],
    &["service", "life"],
    &["energy", "consumption"],
    &["computer", "vision"],
    &["digital", "twin"],
    &["semiconductor", "chip"],
    &["medical", "instrument"],
    &["new", "energy"],
    &["culture", "media"],
    &["home", "furnishing"],
    &["catering", "management"],
    &["electronic", "technology"],
    &["intelligent", "technology"],
    &["video", "coding"],
    &["smart", "home"],
];

const FIELDED: &[(TextField, &str, Option<&str>)] = &[
    (TextField::Applicant, "shenzhen", None),
    (TextField::Applicant, "cosmetics", None),
    (TextField::Applicant, "electronics", None),
    (TextField::Applicant, "biotechnology", None),
    (TextField::Applicant, "pharma", None),
    (TextField::Applicant, "yiwu", None),
    (TextField::Applicant, "motors", Some("US")),
    (TextField::Applicant, "cosmetics", Some("US")),
    (TextField::Applicant, "trading", Some("EM")),
    (TextField::Title, "wireless", None),
    (TextField::Title, "battery", None),
    (TextField::Title, "radar", None),
    (TextField::Title, "blockchain", Some("CN")),
    (TextField::Title, "semiconductor", Some("US")),
    (TextField::Title, "vehicle", Some("JP")),
    (TextField::Abstract, "sensor", None),
    (TextField::Abstract, "valve", None),
    (TextField::Abstract, "heat", Some("EP")),
    (TextField::Mark, "star", None),
    (TextField::Mark, "cloud", None),
    (TextField::Mark, "gold", Some("CN")),
    (TextField::Mark, "smart", Some("US")),
    (TextField::Mark, "beauty", Some("EM")),
    (TextField::Mark, "kids", Some("JP")),
    (TextField::Mark, "nature", Some("KR")),
];

const CHINESE: &[&str] = &[
    "科技",
    "深圳",
    "食品",
    "服饰",
    "化妆品",
    "电子科技",
    "生物科技",
    "新能源",
    "医疗器械",
    "贸易",
    "实业",
    "无线通信",
    "数据处理",
    "传感器",
    "控制模块",
    "半导体芯片",
    "药物组合物",
    "深度学习",
    "区块链",
    "物联网",
    "神经网络",
    "节能",
    "智能",
    "散热器",
    "显示面板",
    "网络通信",
    "医学诊断",
    "杭州",
    "家居",
    "餐饮管理",
];

const PREFIXES: &[&str] = &[
    "wirel", "semicon", "batt", "pharm", "cosmet", "biotech", "shenz", "guang", "blockch", "vehic", "diagn", "opti",
    "neur", "transm", "radi", "therap", "comput", "star", "clou", "smar", "gol", "natu", "fres", "beaut", "furnish",
    "cater",
];

/// The queries that also ask for facets: a mix of the other classes, broad and narrow.
const FACETED: &[&str] = &[
    "wireless",
    "smart",
    "cosmetics",
    "battery",
    "star",
    "shenzhen",
    "pharmaceutical",
    "gold",
    "trading",
    "electronics",
    "\"data processing\"",
    "\"heat sink\"",
    "\"smart home\"",
    "deep learning",
    "smart home",
    "科技",
    "食品",
    "无线通信",
    "化妆品",
    "wirel*",
];

fn single(class: QueryClass, word: &str) -> BenchQuery {
    BenchQuery {
        class,
        zhichan: word.to_owned(),
        fts5: format!("\"{word}\""),
        pg_config: "english",
        pg_tsquery: word.to_owned(),
        office: None,
        facets: false,
    }
}

fn all_of(class: QueryClass, words: &[&str]) -> BenchQuery {
    BenchQuery {
        class,
        zhichan: words.join(" "),
        fts5: words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" AND "),
        pg_config: "english",
        pg_tsquery: words.join(" & "),
        office: None,
        facets: false,
    }
}

fn phrase(class: QueryClass, words: &[&str]) -> BenchQuery {
    BenchQuery {
        class,
        zhichan: format!("\"{}\"", words.join(" ")),
        fts5: format!("\"{}\"", words.join(" ")),
        pg_config: "english",
        pg_tsquery: words.join(" <-> "),
        office: None,
        facets: false,
    }
}

fn fielded(field: TextField, word: &str, office: Option<&'static str>) -> BenchQuery {
    let zhichan = match office {
        Some(office) => format!("{}:{word} office:{office}", field.zhichan()),
        None => format!("{}:{word}", field.zhichan()),
    };
    BenchQuery {
        class: QueryClass::Fielded,
        zhichan,
        fts5: format!("{} : \"{word}\"", field.fts5()),
        pg_config: "english",
        pg_tsquery: format!("{word}:{}", field.pg_weight()),
        office,
        facets: false,
    }
}

fn chinese(class: QueryClass, word: &str) -> BenchQuery {
    let grams = query_bigrams(word);
    BenchQuery {
        class,
        zhichan: word.to_owned(),
        fts5: format!("\"{}\"", grams.join(" ")),
        pg_config: "simple",
        pg_tsquery: grams.join(" <-> "),
        office: None,
        facets: false,
    }
}

fn prefix(class: QueryClass, stem: &str) -> BenchQuery {
    BenchQuery {
        class,
        zhichan: format!("{stem}*"),
        fts5: format!("\"{stem}\" *"),
        pg_config: "english",
        pg_tsquery: format!("{stem}:*"),
        office: None,
        facets: false,
    }
}

/// A faceted query from its zhichan text (one of the shapes above).
fn faceted(text: &str) -> BenchQuery {
    let class = QueryClass::Faceted;
    let mut query = if let Some(stem) = text.strip_suffix('*') {
        prefix(class, stem)
    } else if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        phrase(class, &inner.split(' ').collect::<Vec<_>>())
    } else if text.chars().any(super::corpus::is_han) {
        chinese(class, text)
    } else {
        all_of(class, &text.split(' ').collect::<Vec<_>>())
    };
    query.facets = true;
    query
}

/// The whole query set, class by class.
pub fn query_set() -> Vec<BenchQuery> {
    let mut queries = Vec::new();
    queries.extend(SINGLE_WORDS.iter().map(|w| single(QueryClass::SingleWord, w)));
    queries.extend(MULTI_WORDS.iter().map(|w| all_of(QueryClass::MultiWord, w)));
    queries.extend(PHRASES.iter().map(|w| phrase(QueryClass::Phrase, w)));
    queries.extend(FIELDED.iter().map(|&(field, word, office)| fielded(field, word, office)));
    queries.extend(CHINESE.iter().map(|w| chinese(QueryClass::Chinese, w)));
    queries.extend(PREFIXES.iter().map(|w| prefix(QueryClass::Prefix, w)));
    queries.extend(FACETED.iter().map(|t| faceted(t)));
    queries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_twenty_to_forty_queries_that_zhichan_parses() {
        let queries = query_set();
        for class in QueryClass::ALL {
            let count = queries.iter().filter(|q| q.class == class).count();
            assert!((20..=40).contains(&count), "{class}: {count}");
        }
        for query in &queries {
            assert!(zhichan_query::parse(&query.zhichan).is_ok(), "{}", query.zhichan);
        }
    }

    #[test]
    fn translations_follow_the_table() {
        let queries = query_set();
        let find = |text: &str| queries.iter().find(|q| q.zhichan == text).cloned();
        let q = find("applicant:cosmetics office:US").expect("in the set");
        assert_eq!(
            (q.fts5.as_str(), q.pg_tsquery.as_str(), q.office),
            ("applicant : \"cosmetics\"", "cosmetics:C", Some("US"))
        );
        let q = find("无线通信").expect("in the set");
        assert_eq!((q.fts5.as_str(), q.pg_tsquery.as_str()), ("\"无线 线通 通信\"", "无线 <-> 线通 <-> 通信"));
        let q =
            queries.iter().find(|q| q.class == QueryClass::Faceted && q.zhichan == "\"heat sink\"").expect("faceted");
        assert_eq!((q.fts5.as_str(), q.pg_tsquery.as_str()), ("\"heat sink\"", "heat <-> sink"));
    }
}
