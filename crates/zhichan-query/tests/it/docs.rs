//! Every example in `docs/SEARCH.md` and the crate docs parses as documented.

use zhichan_query::parse;

/// Queries shown in `docs/SEARCH.md` as valid.
const VALID: &[&str] = &[
    "wireless charging",
    "无线充电 线圈",
    "ti:wireless",
    "申请人:华为",
    "phone OR 手机",
    "phone 或 手机",
    "phone || 手机",
    "coil AND 线圈",
    "coil 与 线圈",
    "coil && 线圈",
    "NOT toy",
    "-toy",
    "非 玩具",
    "\"wireless charging\"",
    "“无线 充电”",
    "「无线 充电」",
    "『无线 充电』",
    "battery NEAR/5 coil",
    "wireless ADJ/2 charging",
    "wirel*",
    "ipc:H04W*",
    "pd:2020",
    "fd:2021-06",
    "公开日:2020年5月",
    "pd:[2020-01-01 TO 2023-12-31]",
    "pd:>=2022",
    "nice:9",
    "nice:(9 OR 35)",
    "group:0901",
    "无线通信 方法",
    "ＨＩＳＥＮＳＥ",
    "ｍａｒｋ：海信",
    "nice：（９ ＯＲ ３５）",
    "wi-fi",
    "AT&T",
    "10,123,456",
    r"a\:b",
    r"\*star",
    r"\-5%",
    "ti: wireless",
    "ipc:\"H04W 4/02\"",
    "cpc:Y02E10/50",
    "cpc:H01M*",
    "nice:[9 TO 12]",
    "nice:>=35",
    "group:09*",
    "office:CN",
    "kind:B2",
    "status:\"under examination\"",
    "pn:US10123456B2",
    "pn:10,123,456",
    "an:CN202310123456.7",
    "an:\"2023 1012 3456.7\"",
    "ti:(wireless OR 无线) charging",
    "solar panel OR inverter",
    "solar (panel OR inverter)",
    "NOT toy car",
    "car -toy",
    "参与 或者 非法 无线与通信",
    "\"and\" \"非\" \\and",
    "near field communication",
    "\"wireless charging\" NEAR/5 coil*",
    "电池 NEAR/3 散热",
    "ti:wireless ADJ/1 ti:charging",
    "a NEAR/5 b OR a NEAR/5 c",
    "a NEAR/2 b ADJ/3 c",
    "无线*",
    "pn:US10*",
    "pd:2020-05-17",
    "pd:2020/05/17",
    "pd:2020.05.17",
    "pd:20200517",
    "pd:2020年5月17日",
    "pd:2020年",
    "pd:2024-02",
    "pd:{2020 TO 2023}",
    "fd:[2019 TO *]",
    "pd:>2021",
    "rd:<2020",
    "rd:<=2019-12-31",
    "申请日:[2020年1月 TO 2020年6月]",
    "fd:[2020 TO 2021}",
    "mark:HISENSE office:(US OR EM) -owner:海信",
    "商标:海信 nice:(9 OR 11) pd:>=2023",
    "ti:(无线 充电) ipc:H02J*",
    "ab:(\"wireless charging\" NEAR/10 coil OR \"wireless charging\" NEAR/10 线圈)",
    "applicant:(huawei OR 华为) cl:(天线 ADJ/3 阵列) fd:[2018 TO 2022]",
    "group:0901 mark:\"BLUE STAR\"",
    "an:\"CN 2023 1012 3456.7\"",
];

/// Queries shown as errors.
const INVALID: &[&str] =
    &["ti:", "(a OR b", "a NEAR/x b", "*abc", "wi*less", "foo:bar", "pd:2023-02-30", "a NEAR/5 (b OR c)"];

#[test]
fn documented_queries_parse_and_round_trip() {
    for query in VALID {
        let parsed = parse(query).unwrap_or_else(|error| panic!("{query}: {error}\n{}", error.caret(query)));
        assert_eq!(parse(&parsed.to_string()), Ok(parsed), "{query}");
    }
}

#[test]
fn documented_errors_are_errors() {
    for query in INVALID {
        assert!(parse(query).is_err(), "{query}");
    }
}

#[test]
fn documented_outputs() {
    let error = parse("pd:[2023-02-30 TO *]").expect_err("not on the calendar");
    assert_eq!(error.caret("pd:[2023-02-30 TO *]"), "pd:[2023-02-30 TO *]\n    ^");
    assert_eq!(error.expected, "a day that exists (2023-02 has 28 days)");
    assert_eq!(error.found, "'2023-02-30'");
    let canonical = parse("标题：（无线 或 wireless） 公开日:2020").map(|query| query.to_string());
    assert_eq!(canonical.as_deref(), Ok("(ti:无线 OR ti:wireless) AND pd:[2020-01-01 TO 2020-12-31]"));
    assert_eq!(parse("solar panel OR inverter").map(|q| q.to_string()).as_deref(), Ok("solar AND panel OR inverter"));
    let shown = |query: &str| parse(query).map(|query| query.to_string());
    assert_eq!(shown("NOT toy car").as_deref(), Ok("NOT toy AND car"));
    assert_eq!(shown("car -toy").as_deref(), Ok("car AND NOT toy"));
}
