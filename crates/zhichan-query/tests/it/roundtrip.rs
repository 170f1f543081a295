//! Arbitrary input never panics; generated trees survive `Display` → `parse` unchanged.

use proptest::prelude::*;
use zhichan_query::{ALL_FIELDS, Date, Field, FieldKind, Query, RangeBound, RangeValue, parse};

/// Characters that stress the lexer: operators, quotes, brackets, escapes, full-width forms, CJK.
const NASTY: &[&str] = &[
    "a",
    "b",
    "无线",
    "与",
    "或",
    "非",
    "AND",
    "or",
    "Not",
    "NEAR/3",
    "adj/0",
    "NEAR",
    "near/x",
    "&&",
    "||",
    "-",
    "--",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "：",
    "（",
    "）",
    "\"",
    "“",
    "”",
    "「",
    "」",
    "『",
    "』",
    "\\",
    "*",
    "?",
    ">",
    ">=",
    "<",
    "TO",
    "to",
    "ti:",
    "pd:",
    "nice:",
    "group:",
    "ipc:",
    "foo:",
    "2020",
    "2023-02-30",
    "2020-01-01",
    "09",
    "0901",
    " ",
    "  ",
    "\t",
    "\u{3000}",
    "ＨＩ",
    "İ",
    "ǅ",
    "\u{0}",
    "🙂",
];

/// Tokens from `NASTY` and plain words, glued together or separated by a space.
fn nasty_input() -> impl Strategy<Value = String> {
    let part = prop_oneof![1 => prop::sample::select(NASTY).prop_map(str::to_owned), 1 => "[a-z无线]{1,3}"];
    prop::collection::vec((part, any::<bool>()), 0..24)
        .prop_map(|parts| parts.into_iter().map(|(part, spaced)| if spaced { part + " " } else { part }).collect())
}

/// Characters allowed in generated words: letters, CJK and every character that needs escaping.
fn word_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z][a-z0-9]{0,6}",
        2 => "[无线通信方法华为海信]{1,4}",
        1 => "(and|OR|not|与|或|非|NEAR|ADJ|near/5|adj/2|TO|near|-x|>=5|&&a|\\|\\|b)",
        2 => "[a-z0-9()\\[\\]{}:\"“”「」『』\\\\*&|<>=/ -]{1,6}",
    ]
}

fn phrase_word() -> impl Strategy<Value = String> {
    word_text().prop_filter("phrase words hold no whitespace", |w| !w.chars().any(char::is_whitespace))
}

fn code_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-H][0-9]{2}[A-Z]( [0-9]{1,2}/[0-9]{2,4})?",
        "(US|CN|EP)[0-9]{6,8}(B2|A1)?",
        "[0-9]{1,3}(,[0-9]{3}){1,2}",
        "[a-z:()*\\\\-]{1,5}",
    ]
}

fn fields_of(kinds: &'static [FieldKind]) -> impl Strategy<Value = Field> {
    let fields: Vec<Field> = ALL_FIELDS.into_iter().filter(|field| kinds.contains(&field.kind())).collect();
    prop::sample::select(fields)
}

/// The field of a text query: none (default fields) or one of the text fields.
fn text_field() -> impl Strategy<Value = Option<Field>> {
    prop_oneof![Just(None), fields_of(&[FieldKind::Text]).prop_map(Some)]
}

/// A word, phrase or prefix in `field`: what proximity operators accept.
fn text_leaf(field: Option<Field>) -> impl Strategy<Value = Query> {
    prop_oneof![
        word_text().prop_map(move |text| Query::Term { field, text }),
        prop::collection::vec(phrase_word(), 1..4).prop_map(move |words| Query::Phrase { field, words }),
        word_text().prop_map(move |text| Query::Prefix { field, text }),
    ]
}

fn date() -> impl Strategy<Value = Date> + Clone {
    (1u16..=9999, 1u8..=12, 1u8..=31).prop_filter_map("on the calendar", |(y, m, d)| Date::new(y, m, d))
}

fn bound(value: impl Strategy<Value = RangeValue> + Clone) -> impl Strategy<Value = RangeBound> {
    prop_oneof![
        Just(RangeBound::Unbounded),
        value.clone().prop_map(RangeBound::Inclusive),
        value.prop_map(RangeBound::Exclusive),
    ]
}

fn range() -> impl Strategy<Value = Query> {
    let dates = (
        fields_of(&[FieldKind::Date]),
        bound(date().prop_map(RangeValue::Date)),
        bound(date().prop_map(RangeValue::Date)),
    );
    let classes = (
        Just(Field::Nice),
        bound((1u32..=45).prop_map(RangeValue::Integer)),
        bound((1u32..=45).prop_map(RangeValue::Integer)),
    );
    prop_oneof![dates, classes].prop_map(|(field, mut lower, mut upper)| {
        // The parser refuses a lower bound after the upper one; keep generated ranges valid.
        if let (Some(low), Some(high)) = (lower.value(), upper.value())
            && low > high
        {
            std::mem::swap(&mut lower, &mut upper);
        }
        Query::Range { field, lower, upper }
    })
}

fn leaf() -> impl Strategy<Value = Query> {
    prop_oneof![
        3 => text_field().prop_flat_map(text_leaf),
        2 => (fields_of(&[FieldKind::Class, FieldKind::Code, FieldKind::Number]), code_text())
            .prop_map(|(field, text)| Query::Term { field: Some(field), text }),
        1 => (fields_of(&[FieldKind::Class, FieldKind::Code, FieldKind::Number]), code_text())
            .prop_map(|(field, text)| Query::Prefix { field: Some(field), text }),
        1 => (1u32..=45).prop_map(|class| Query::Term { field: Some(Field::Nice), text: class.to_string() }),
        1 => "(0[1-9]|[1-3][0-9]|4[0-5])[0-9]{2}".prop_map(|text| Query::Term { field: Some(Field::Group), text }),
        1 => "[0-9]{1,4}".prop_map(|text| Query::Prefix { field: Some(Field::Group), text }),
        2 => range(),
        2 => near(),
    ]
}

fn near() -> impl Strategy<Value = Query> {
    text_field()
        .prop_flat_map(|field| {
            (prop::collection::vec(text_leaf(field), 2..4), prop::collection::vec((1u32..=1000, any::<bool>()), 3))
        })
        .prop_map(|(operands, links)| {
            let mut operands = operands.into_iter();
            let first = operands.next().unwrap_or(Query::Term { field: None, text: "x".into() });
            operands.zip(links).fold(first, |left, (right, (distance, ordered))| Query::Near {
                left: Box::new(left),
                right: Box::new(right),
                distance,
                ordered,
            })
        })
}

fn query() -> impl Strategy<Value = Query> {
    leaf().prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Query::And),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Query::Or),
            inner.prop_map(|query| Query::Not(Box::new(query))),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(input in any::<String>()) {
        let _ = parse(&input);
    }

    #[test]
    fn query_like_strings_never_panic_and_reparse_canonically(input in nasty_input()) {
        match parse(&input) {
            Ok(query) => {
                let text = query.to_string();
                prop_assert_eq!(parse(&text), Ok(query), "canonical form {:?}", text);
            }
            Err(error) => {
                prop_assert!(error.position <= input.chars().count());
                let _ = error.caret(&input);
            }
        }
    }

    #[test]
    fn generated_trees_round_trip(query in query()) {
        let text = query.to_string();
        prop_assert_eq!(parse(&text), Ok(query), "canonical form {:?}", text);
    }
}
