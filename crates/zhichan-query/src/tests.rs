//! One test group per construct of the language, then the errors and where they point.

use crate::{Date, Field, ParseError, Query, RangeBound, RangeValue, parse};

fn ok(input: &str) -> Query {
    match parse(input) {
        Ok(query) => query,
        Err(error) => panic!("{input:?} failed: {error}\n{}", error.caret(input)),
    }
}

fn err(input: &str) -> ParseError {
    match parse(input) {
        Ok(query) => panic!("{input:?} parsed as {query:?}"),
        Err(error) => error,
    }
}

/// Parses, checks the canonical form, and checks that the canonical form parses to the same tree.
fn canonical(input: &str, expected: &str) -> Query {
    let query = ok(input);
    assert_eq!(query.to_string(), expected, "canonical form of {input:?}");
    assert_eq!(ok(expected), query, "round trip of {input:?}");
    query
}

fn term(field: Option<Field>, text: &str) -> Query {
    Query::Term { field, text: text.into() }
}

fn word(text: &str) -> Query {
    term(None, text)
}

fn phrase(field: Option<Field>, words: &[&str]) -> Query {
    Query::Phrase { field, words: words.iter().map(|w| w.to_string()).collect() }
}

fn prefix(field: Option<Field>, text: &str) -> Query {
    Query::Prefix { field, text: text.into() }
}

fn not(query: Query) -> Query {
    Query::Not(Box::new(query))
}

fn day(y: u16, m: u8, d: u8) -> RangeBound {
    RangeBound::Inclusive(RangeValue::Date(Date::new(y, m, d).expect("valid test date")))
}

fn day_excl(y: u16, m: u8, d: u8) -> RangeBound {
    RangeBound::Exclusive(RangeValue::Date(Date::new(y, m, d).expect("valid test date")))
}

fn range(field: Field, lower: RangeBound, upper: RangeBound) -> Query {
    Query::Range { field, lower, upper }
}

mod terms {
    use super::*;

    #[test]
    fn bare_words_search_the_default_fields() {
        assert_eq!(canonical("wireless", "wireless"), word("wireless"));
        assert_eq!(
            canonical("wireless charging", "wireless AND charging"),
            Query::And(vec![word("wireless"), word("charging")])
        );
    }

    #[test]
    fn chinese_words_need_no_spaces_inside() {
        assert_eq!(canonical("无线通信 方法", "无线通信 AND 方法"), Query::And(vec![word("无线通信"), word("方法")]));
    }

    #[test]
    fn words_keep_inner_punctuation() {
        assert_eq!(ok("wi-fi"), word("wi-fi"));
        assert_eq!(ok("AT&T"), word("AT&T"));
        assert_eq!(ok("10,123,456"), word("10,123,456"));
        assert_eq!(ok("什么？"), word("什么?"));
        assert_eq!(ok("McDonald’s"), word("McDonald’s"));
    }

    #[test]
    fn escapes_make_special_characters_literal() {
        assert_eq!(canonical(r"a\:b", r"a\:b"), word("a:b"));
        assert_eq!(canonical(r"\*abc", r"\*abc"), word("*abc"));
        assert_eq!(canonical(r"\-x", r"\-x"), word("-x"));
        assert_eq!(canonical(r"\and", r"\and"), word("and"));
        assert_eq!(canonical(r"a\ b", r"a\ b"), word("a b"));
        assert_eq!(canonical(r"c\(d\)", r"c\(d\)"), word("c(d)"));
    }
}

mod fields {
    use super::*;

    #[test]
    fn field_value() {
        assert_eq!(canonical("ti:wireless", "ti:wireless"), term(Some(Field::Title), "wireless"));
        assert_eq!(canonical("mark:HISENSE", "mark:HISENSE"), term(Some(Field::Mark), "HISENSE"));
    }

    #[test]
    fn aliases_and_case_are_accepted() {
        assert_eq!(canonical("title:x", "ti:x"), term(Some(Field::Title), "x"));
        assert_eq!(canonical("TI:x", "ti:x"), term(Some(Field::Title), "x"));
        assert_eq!(canonical("申请人：华为", "applicant:华为"), term(Some(Field::Applicant), "华为"));
        assert_eq!(canonical("Inventor:Zhang", "inventor:Zhang"), term(Some(Field::Inventor), "Zhang"));
    }

    #[test]
    fn space_after_colon_is_allowed() {
        assert_eq!(ok("ti: wireless"), term(Some(Field::Title), "wireless"));
    }

    #[test]
    fn field_group_applies_to_each_term() {
        let query = canonical("ti:(wireless OR 无线) charging", "(ti:wireless OR ti:无线) AND charging");
        assert_eq!(
            query,
            Query::And(vec![
                Query::Or(vec![term(Some(Field::Title), "wireless"), term(Some(Field::Title), "无线")]),
                word("charging"),
            ])
        );
        assert_eq!(
            ok("ti:(a -b)"),
            Query::And(vec![term(Some(Field::Title), "a"), not(term(Some(Field::Title), "b"))])
        );
    }

    #[test]
    fn unknown_field_lists_the_known_ones() {
        let error = err("foo:bar");
        assert_eq!(error.position, 0);
        assert_eq!(error.found, "'foo'");
        assert!(error.expected.contains("ti, ab, cl, desc, mark"), "{}", error.expected);
        assert!(error.expected.contains("pd, fd, rd"), "{}", error.expected);
    }

    #[test]
    fn nested_field_is_refused() {
        let error = err("ti:(a ab:b)");
        assert_eq!(error.position, 6);
        assert_eq!(error.found, "'ab:'");
    }

    #[test]
    fn number_fields_keep_every_written_form() {
        for number in ["US10123456B2", "10,123,456", "CN202310123456.7", "ZL202310123456.7", "WO2021/123456"] {
            assert_eq!(ok(&format!("pn:{number}")), term(Some(Field::PublicationNumber), number));
        }
        assert_eq!(
            canonical("an:\"2023 1012 3456.7\"", "an:\"2023 1012 3456.7\""),
            term(Some(Field::ApplicationNumber), "2023 1012 3456.7")
        );
        assert_eq!(ok("rn:12345678"), term(Some(Field::RegistrationNumber), "12345678"));
    }

    #[test]
    fn code_fields() {
        assert_eq!(
            canonical("office:(CN OR US)", "office:CN OR office:US"),
            Query::Or(vec![term(Some(Field::Office), "CN"), term(Some(Field::Office), "US")])
        );
        assert_eq!(ok("kind:B2"), term(Some(Field::Kind), "B2"));
        assert_eq!(ok("status:\"under examination\""), term(Some(Field::Status), "under examination"));
    }
}

mod classes {
    use super::*;

    #[test]
    fn ipc_prefix_and_exact_code() {
        assert_eq!(canonical("ipc:H04W*", "ipc:H04W*"), prefix(Some(Field::Ipc), "H04W"));
        assert_eq!(canonical("ipc:\"H04W 4/02\"", "ipc:\"H04W 4/02\""), term(Some(Field::Ipc), "H04W 4/02"));
        assert_eq!(canonical("ipc:「H04W   4/02」", "ipc:\"H04W 4/02\""), term(Some(Field::Ipc), "H04W 4/02"));
        assert_eq!(ok("cpc:H04W4/02"), term(Some(Field::Cpc), "H04W4/02"));
    }

    #[test]
    fn nice_classes() {
        assert_eq!(canonical("nice:9", "nice:9"), term(Some(Field::Nice), "9"));
        assert_eq!(canonical("nice:09", "nice:9"), term(Some(Field::Nice), "9"));
        assert_eq!(
            canonical("class:(9 OR 35)", "nice:9 OR nice:35"),
            Query::Or(vec![term(Some(Field::Nice), "9"), term(Some(Field::Nice), "35")])
        );
        let integer = |n| RangeBound::Inclusive(RangeValue::Integer(n));
        assert_eq!(canonical("nice:[9 TO 12]", "nice:[9 TO 12]"), range(Field::Nice, integer(9), integer(12)));
        assert_eq!(canonical("nice:>=30", "nice:[30 TO *]"), range(Field::Nice, integer(30), RangeBound::Unbounded));
    }

    #[test]
    fn nice_class_out_of_range() {
        let error = err("nice:46");
        assert_eq!((error.position, error.found.as_str()), (5, "'46'"));
        assert_eq!(err("nice:9*").position, 6);
        assert_eq!(err("nice:[9 TO 50]").position, 11);
    }

    #[test]
    fn similar_groups() {
        assert_eq!(canonical("group:0901", "group:0901"), term(Some(Field::Group), "0901"));
        assert_eq!(canonical("类似群:09*", "group:09*"), prefix(Some(Field::Group), "09"));
        assert_eq!(err("group:901").position, 6);
        assert_eq!(err("group:4601").position, 6);
        assert_eq!(err("group:ab*").position, 6);
    }
}

mod booleans {
    use super::*;

    #[test]
    fn operators_in_any_case_and_symbols() {
        let both = Query::And(vec![word("a"), word("b")]);
        let either = Query::Or(vec![word("a"), word("b")]);
        for input in ["a AND b", "a and b", "a And b", "a && b", "a&& b", "a 与 b", "a b"] {
            assert_eq!(ok(input), both, "{input}");
        }
        for input in ["a OR b", "a or b", "a || b", "a 或 b"] {
            assert_eq!(ok(input), either, "{input}");
        }
    }

    #[test]
    fn not_in_all_spellings() {
        let expected = Query::And(vec![word("a"), not(word("b"))]);
        for input in ["a NOT b", "a AND NOT b", "a not b", "a -b", "a 非 b", "a AND -b"] {
            assert_eq!(ok(input), expected, "{input}");
        }
        assert_eq!(
            canonical("-ti:(a b)", "NOT (ti:a AND ti:b)"),
            not(Query::And(vec![term(Some(Field::Title), "a"), term(Some(Field::Title), "b")]))
        );
        assert_eq!(canonical("--a", "NOT NOT a"), not(not(word("a"))));
        assert_eq!(ok("-\"a b\""), not(phrase(None, &["a", "b"])));
    }

    #[test]
    fn chinese_operators_only_stand_alone() {
        assert_eq!(ok("无线与通信"), word("无线与通信"));
        assert_eq!(ok("或者"), word("或者"));
        assert_eq!(ok("非法 竞争"), Query::And(vec![word("非法"), word("竞争")]));
        assert_eq!(ok("\"非\""), phrase(None, &["非"]));
    }

    #[test]
    fn precedence_not_and_or() {
        assert_eq!(
            canonical("a b OR c", "a AND b OR c"),
            Query::Or(vec![Query::And(vec![word("a"), word("b")]), word("c")])
        );
        assert_eq!(
            canonical("a OR b c", "a OR b AND c"),
            Query::Or(vec![word("a"), Query::And(vec![word("b"), word("c")])])
        );
        assert_eq!(canonical("NOT a b", "NOT a AND b"), Query::And(vec![not(word("a")), word("b")]));
        assert_eq!(
            canonical("(a OR b) c", "(a OR b) AND c"),
            Query::And(vec![Query::Or(vec![word("a"), word("b")]), word("c")])
        );
        assert_eq!(canonical("a OR b OR c", "a OR b OR c"), Query::Or(vec![word("a"), word("b"), word("c")]));
    }

    #[test]
    fn parentheses_keep_the_written_structure() {
        assert_eq!(canonical("((a))", "a"), word("a"));
        assert_eq!(
            canonical("(a AND b) AND c", "(a AND b) AND c"),
            Query::And(vec![Query::And(vec![word("a"), word("b")]), word("c")])
        );
        assert_eq!(canonical("NOT (a OR b)", "NOT (a OR b)"), not(Query::Or(vec![word("a"), word("b")])));
    }

    #[test]
    fn operator_words_glued_to_parentheses() {
        assert_eq!(ok("NOT(a)"), not(word("a")));
        assert_eq!(ok("(a)OR(b)"), Query::Or(vec![word("a"), word("b")]));
    }

    #[test]
    fn lower_case_near_is_a_word() {
        assert_eq!(ok("near field"), Query::And(vec![word("near"), word("field")]));
    }
}

mod phrases {
    use super::*;

    #[test]
    fn all_quote_styles() {
        let expected = phrase(None, &["wireless", "charging"]);
        for input in [
            "\"wireless charging\"",
            "“wireless charging”",
            "「wireless charging」",
            "『wireless  charging』",
            "＂wireless charging＂",
        ] {
            assert_eq!(ok(input), expected, "{input}");
        }
        assert_eq!(canonical("“无线 通信”", "\"无线 通信\""), phrase(None, &["无线", "通信"]));
    }

    #[test]
    fn fielded_phrase() {
        assert_eq!(
            canonical("ti:\"wireless charging\"", "ti:\"wireless charging\""),
            phrase(Some(Field::Title), &["wireless", "charging"])
        );
    }

    #[test]
    fn quotes_inside_quotes() {
        assert_eq!(canonical(r#""say \"hi\"""#, r#""say \"hi\"""#), phrase(None, &["say", "\"hi\""]));
        assert_eq!(canonical("“he said \"no\"”", r#""he said \"no\"""#), phrase(None, &["he", "said", "\"no\""]));
    }

    #[test]
    fn operators_and_wildcards_are_literal_inside_quotes() {
        assert_eq!(ok("\"a AND b*\""), phrase(None, &["a", "AND", "b*"]));
    }
}

mod proximity {
    use super::*;

    fn near(left: Query, right: Query, distance: u32, ordered: bool) -> Query {
        Query::Near { left: Box::new(left), right: Box::new(right), distance, ordered }
    }

    #[test]
    fn near_and_adj() {
        assert_eq!(
            canonical("wireless NEAR/3 charging", "wireless NEAR/3 charging"),
            near(word("wireless"), word("charging"), 3, false)
        );
        assert_eq!(
            canonical("wireless adj/2 charging", "wireless ADJ/2 charging"),
            near(word("wireless"), word("charging"), 2, true)
        );
    }

    #[test]
    fn on_phrases_prefixes_and_fields() {
        assert_eq!(
            canonical("\"wireless charging\" NEAR/5 coil*", "\"wireless charging\" NEAR/5 coil*"),
            near(phrase(None, &["wireless", "charging"]), prefix(None, "coil"), 5, false)
        );
        let ti = Some(Field::Title);
        assert_eq!(canonical("ti:a ADJ/1 ti:b", "ti:a ADJ/1 ti:b"), near(term(ti, "a"), term(ti, "b"), 1, true));
        assert_eq!(ok("ti:(a NEAR/2 b)"), near(term(ti, "a"), term(ti, "b"), 2, false));
    }

    #[test]
    fn binds_tighter_than_not_and_and() {
        assert_eq!(
            canonical("NOT a NEAR/3 b c", "NOT a NEAR/3 b AND c"),
            Query::And(vec![not(near(word("a"), word("b"), 3, false)), word("c")])
        );
    }

    #[test]
    fn chains_are_left_associative() {
        assert_eq!(
            canonical("a NEAR/2 b ADJ/3 c", "a NEAR/2 b ADJ/3 c"),
            near(near(word("a"), word("b"), 2, false), word("c"), 3, true)
        );
    }

    #[test]
    fn operands_must_be_simple_and_share_a_field() {
        let error = err("(a OR b) NEAR/3 c");
        assert_eq!((error.position, error.found.as_str()), (0, "'('"));
        let error = err("a NEAR/3 (b c)");
        assert_eq!(error.position, 9);
        let error = err("ti:a NEAR/3 ab:b");
        assert_eq!((error.position, error.found.as_str()), (12, "'ab'"));
        assert_eq!(err("ipc:a NEAR/3 ipc:b").position, 0);
        assert_eq!(err("a NEAR/3 NOT b").position, 9);
    }

    #[test]
    fn distance_is_checked() {
        let error = err("a NEAR/x b");
        assert_eq!((error.position, error.found.as_str()), (7, "'x'"));
        assert!(error.expected.contains("distance"), "{}", error.expected);
        assert_eq!(err("a NEAR/ b").position, 7);
        assert_eq!(err("a NEAR/0 b").position, 7);
        assert_eq!(err("a ADJ/1001 b").position, 6);
        assert_eq!(err("a NEAR/99999999999999999999 b").position, 7);
        let error = err("a NEAR b");
        assert_eq!(error.position, 6);
        assert!(error.expected.contains("NEAR/5"), "{}", error.expected);
    }
}

mod wildcards {
    use super::*;

    #[test]
    fn trailing_wildcard_is_a_prefix() {
        assert_eq!(canonical("wirel*", "wirel*"), prefix(None, "wirel"));
        assert_eq!(canonical("ti:无线*", "ti:无线*"), prefix(Some(Field::Title), "无线"));
        assert_eq!(canonical("pn:US10*", "pn:US10*"), prefix(Some(Field::PublicationNumber), "US10"));
    }

    #[test]
    fn leading_wildcard_is_refused_clearly() {
        let error = err("*abc");
        assert_eq!((error.position, error.found.as_str()), (0, "'*abc'"));
        assert!(error.expected.contains("leading wildcards are not supported"), "{}", error.expected);
        assert_eq!(err("ti:*abc").position, 3);
        assert_eq!(err("a *").position, 2);
    }

    #[test]
    fn inner_wildcard_is_refused() {
        assert_eq!(err("wi*less").position, 2);
        assert_eq!(err("wi**").position, 2);
    }
}

mod dates {
    use super::*;

    #[test]
    fn full_range() {
        assert_eq!(
            canonical("pd:[2020-01-01 TO 2023-12-31]", "pd:[2020-01-01 TO 2023-12-31]"),
            range(Field::PublicationDate, day(2020, 1, 1), day(2023, 12, 31))
        );
        assert_eq!(ok("pd:[2020-01-01 to 2023-12-31]"), ok("pd:[2020-01-01 TO 2023-12-31]"));
    }

    #[test]
    fn exclusive_and_open_bounds() {
        assert_eq!(
            canonical("fd:{2020-01-01 TO *]", "fd:{2020-01-01 TO *]"),
            range(Field::FilingDate, day_excl(2020, 1, 1), RangeBound::Unbounded)
        );
        assert_eq!(
            canonical("rd:{* TO 2020-06-30}", "rd:[* TO 2020-06-30}"),
            range(Field::RegistrationDate, RangeBound::Unbounded, day_excl(2020, 6, 30))
        );
        assert_eq!(
            canonical("pd:[* TO *]", "pd:[* TO *]"),
            range(Field::PublicationDate, RangeBound::Unbounded, RangeBound::Unbounded)
        );
    }

    #[test]
    fn periods_widen_to_whole_days() {
        assert_eq!(
            canonical("pd:2020", "pd:[2020-01-01 TO 2020-12-31]"),
            range(Field::PublicationDate, day(2020, 1, 1), day(2020, 12, 31))
        );
        assert_eq!(ok("pd:2024-02"), range(Field::PublicationDate, day(2024, 2, 1), day(2024, 2, 29)));
        assert_eq!(ok("pd:2020-05-17"), range(Field::PublicationDate, day(2020, 5, 17), day(2020, 5, 17)));
        assert_eq!(ok("公开日:2020年5月17日"), ok("pd:20200517"));
        assert_eq!(ok("pd:[2020 TO 2021]"), range(Field::PublicationDate, day(2020, 1, 1), day(2021, 12, 31)));
        assert_eq!(
            ok("pd:{2020 TO 2023}"),
            range(Field::PublicationDate, day_excl(2020, 12, 31), day_excl(2023, 1, 1))
        );
    }

    #[test]
    fn comparisons() {
        let pd = Field::PublicationDate;
        assert_eq!(
            canonical("pd:>=2020-01-01", "pd:[2020-01-01 TO *]"),
            range(pd, day(2020, 1, 1), RangeBound::Unbounded)
        );
        assert_eq!(ok("pd:>2020"), range(pd, day_excl(2020, 12, 31), RangeBound::Unbounded));
        assert_eq!(ok("pd:<2020"), range(pd, RangeBound::Unbounded, day_excl(2020, 1, 1)));
        assert_eq!(ok("pd:<= 2020-06"), range(pd, RangeBound::Unbounded, day(2020, 6, 30)));
    }

    #[test]
    fn date_groups() {
        assert_eq!(
            ok("pd:(2020 OR [2022 TO *])"),
            Query::Or(vec![
                range(Field::PublicationDate, day(2020, 1, 1), day(2020, 12, 31)),
                range(Field::PublicationDate, day(2022, 1, 1), RangeBound::Unbounded),
            ])
        );
    }

    #[test]
    fn bad_dates_point_at_the_value() {
        let error = err("pd:2023-02-30");
        assert_eq!((error.position, error.found.as_str()), (3, "'2023-02-30'"));
        assert!(error.expected.contains("28 days"), "{}", error.expected);
        let error = err("pd:[2020-01-01 TO 2023-13-01]");
        assert_eq!(error.position, 18);
        assert!(error.expected.contains("month"), "{}", error.expected);
        assert_eq!(err("pd:yesterday").position, 3);
        assert_eq!(err("pd:2020*").position, 7);
        assert_eq!(err("pd:[2023 TO 2020]").position, 4);
        assert_eq!(err("pd:[2020 2021]").position, 9);
        assert_eq!(err("pd:[2020 TO 2021").position, 16);
        assert_eq!(err("pd:[2020 TO]").position, 11);
        assert_eq!(err("pd:>=").position, 5);
    }

    #[test]
    fn ranges_need_a_field_that_takes_them() {
        let error = err("[2020 TO 2021]");
        assert_eq!(error.position, 0);
        assert!(error.expected.contains("pd:["), "{}", error.expected);
        assert_eq!(err("ti:[a TO b]").position, 3);
    }
}

mod folding {
    use super::*;

    #[test]
    fn full_width_input_is_folded() {
        assert_eq!(canonical("ＨＩＳＥＮＳＥ", "HISENSE"), word("HISENSE"));
        assert_eq!(ok("ｍａｒｋ：ＨＩＳＥＮＳＥ"), term(Some(Field::Mark), "HISENSE"));
        assert_eq!(ok("nice：（９ ＯＲ ３５）"), ok("nice:(9 OR 35)"));
        assert_eq!(ok("a\u{3000}b"), Query::And(vec![word("a"), word("b")]));
    }

    #[test]
    fn positions_count_characters_as_typed() {
        let error = err("无线：x");
        assert_eq!(error.position, 0);
        let error = err("标题：无线 ）");
        assert_eq!(error.position, 6);
        assert_eq!(error.caret("标题：无线 ）"), "标题：无线 ）\n           ^");
    }
}

mod errors {
    use super::*;

    #[test]
    fn field_without_value() {
        let error = err("ti:");
        assert_eq!(
            (error.position, error.expected.as_str(), error.found.as_str()),
            (3, "a value for ti:", "end of query")
        );
        assert_eq!(error.caret("ti:"), "ti:\n   ^");
        assert_eq!(err("ti:   ").position, 6);
        assert_eq!(err("(ti:)").position, 4);
    }

    #[test]
    fn unbalanced_parentheses() {
        let error = err("(a OR b");
        assert_eq!((error.position, error.found.as_str()), (7, "end of query"));
        assert!(error.expected.contains("position 0"), "{}", error.expected);
        let error = err("a OR b)");
        assert_eq!((error.position, error.found.as_str()), (6, "')'"));
        assert_eq!(err("()").position, 1);
        assert_eq!(err(")").position, 0);
        assert_eq!(err("((a)").position, 4);
    }

    #[test]
    fn dangling_operators() {
        assert_eq!(err("a AND").position, 5);
        assert_eq!(err("a OR").position, 4);
        assert_eq!(err("NOT").position, 3);
        assert_eq!(err("AND a").position, 0);
        assert_eq!(err("a OR OR b").position, 5);
        assert_eq!(err("a - b").position, 3);
        assert_eq!(err("a -").position, 3);
    }

    #[test]
    fn empty_queries() {
        assert_eq!(err("").position, 0);
        assert_eq!(err("   ").position, 3);
        assert_eq!(err("\"\"").found, "empty quotes");
    }

    #[test]
    fn unterminated_quote_and_escape() {
        let error = err("\"wireless charging");
        assert_eq!(error.position, 18);
        assert!(error.expected.contains("position 0"), "{}", error.expected);
        assert_eq!(err("「无线").position, 3);
        assert_eq!(err("abc\\").position, 4);
    }

    #[test]
    fn stray_symbols() {
        assert_eq!(err("a:b:c").position, 0);
        assert_eq!(err("ti:a:b").position, 4);
        assert_eq!(err("ti:pd:2020").position, 3);
        assert_eq!(ok("AT&&T"), Query::And(vec![word("AT"), word("T")]));
        assert_eq!(canonical(r"AT\&&T", r"AT\&&T"), word("AT&&T"));
        assert_eq!(canonical(r"x\|\||y", r"x\|\||y"), word("x|||y"));
        assert_eq!(err("a ]").position, 2);
        assert_eq!(err("a ”").position, 2);
        assert_eq!(err("ti:-a").position, 3);
        assert_eq!(err("ti:NOT a").position, 3);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
        assert!(err(&deep).expected.contains("levels of nesting"));
        let ok_depth = format!("{}a{}", "(".repeat(60), ")".repeat(60));
        assert_eq!(ok(&ok_depth), word("a"));
        assert!(err(&"NOT ".repeat(100)).expected.contains("levels of nesting"));
        assert!(err(&"-".repeat(100_000)).expected.contains("levels of nesting"));
        let chain = vec!["a"; 100].join(" NEAR/1 ");
        assert!(err(&chain).expected.contains("proximity operators"));
    }

    #[test]
    fn error_serialises_for_the_api() {
        let json = serde_json::to_value(err("ti:")).expect("serialise");
        assert_eq!(json, serde_json::json!({"position": 3, "expected": "a value for ti:", "found": "end of query"}));
    }
}

#[test]
fn ast_serialises() {
    let json = serde_json::to_value(ok("ti:a pd:2020")).expect("serialise");
    assert_eq!(
        json,
        serde_json::json!({"and": [
            {"term": {"field": "title", "text": "a"}},
            {"range": {"field": "publication_date",
                       "lower": {"inclusive": {"date": "2020-01-01"}},
                       "upper": {"inclusive": {"date": "2020-12-31"}}}}
        ]})
    );
    let back: Query = serde_json::from_value(json).expect("deserialise");
    assert_eq!(back, ok("ti:a pd:2020"));
}
