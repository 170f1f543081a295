//! The professional query language of zhichan (知产通) search, as a pure parser: text in, a typed
//! [`Query`] tree or a positioned [`ParseError`] out.
//!
//! This crate knows nothing of indexes, analyzers or HTTP. It must not depend on tantivy, the
//! store or the web layer; it depends on `serde` and `thiserror` only. The search crate turns a
//! [`Query`] into index queries (analysing words, normalising numbers and class symbols); the web
//! layer shows [`ParseError::caret`] to the user. User-facing documentation with more examples is
//! in `docs/SEARCH.md`.
//!
//! # Examples
//!
//! ```
//! use zhichan_query::{parse, Field, Query};
//!
//! let query = parse("ti:(wireless OR 无线) AND NOT applicant:acme").unwrap();
//! assert_eq!(query.to_string(), "(ti:wireless OR ti:无线) AND NOT applicant:acme");
//!
//! let query = parse("“无线 通信” NEAR/5 方法 pd:2020").unwrap();
//! assert_eq!(query.to_string(), "\"无线 通信\" NEAR/5 方法 AND pd:[2020-01-01 TO 2020-12-31]");
//!
//! let query = parse("ＨＩＳＥＮＳＥ nice：（9 OR 35）").unwrap();
//! assert_eq!(query.to_string(), "HISENSE AND (nice:9 OR nice:35)");
//!
//! let query = parse("ipc:H04W*").unwrap();
//! assert_eq!(query, Query::Prefix { field: Some(Field::Ipc), text: "H04W".into() });
//!
//! let error = parse("pd:[2023-02-30 TO *]").unwrap_err();
//! assert_eq!(error.position, 4);
//! assert_eq!(error.caret("pd:[2023-02-30 TO *]"), "pd:[2023-02-30 TO *]\n    ^");
//! ```
//!
//! # Grammar
//!
//! Before parsing, full-width ASCII (U+FF01–U+FF5E: `ＡＢＣ`, `１２３`, `：`, `（）`, `＂`) and the
//! ideographic space U+3000 are folded to ASCII, one character for one, so error positions count
//! characters of the text as typed. `ws` is any run of whitespace, possibly empty.
//!
//! ```ebnf
//! query      = ws , or_expr , ws ;
//! or_expr    = and_expr , { ws , or_op , ws , and_expr } ;
//! and_expr   = unary , { ws , [ and_op , ws ] , unary } ;      (* no operator means AND *)
//! unary      = not_op , ws , unary | "-" , unary | near_expr ;  (* "-" is glued to its operand *)
//! near_expr  = primary , { ws , prox_op , ws , primary } ;      (* operands: word, prefix, phrase *)
//! primary    = group | fielded | value ;
//! group      = "(" , ws , or_expr , ws , ")" ;
//! fielded    = field_name , ":" , ws , ( group | range | comparison | value ) ;
//! value      = quoted | prefix | word ;
//! word       = word_char , { word_char } ;
//! prefix     = word , "*" ;                                     (* only a trailing wildcard *)
//! word_char  = ? any character but whitespace ( ) [ ] { } : \ * and the quote characters ?
//!            | "\" , ? any character ? ;                        (* escape *)
//! quoted     = '"' , text , '"' | "“" , text , "”" | "「" , text , "」" | "『" , text , "』" ;
//! text       = { ? any character but the closing quote ? | "\" , ? any character ? } ;
//! range      = ( "[" | "{" ) , ws , bound , ws , "TO" , ws , bound , ws , ( "]" | "}" ) ;
//! bound      = "*" | date | class ;                             (* [ ] inclusive, { } exclusive *)
//! comparison = ( ">=" | ">" | "<=" | "<" ) , ws , ( date | class ) ;
//! date       = yyyy , [ sep , m , [ sep , d ] ] | yyyymmdd | yyyy , "年" , [ m , "月" , [ d , "日" ] ] ;
//! sep        = "-" | "/" | "." ;                                (* one kind per date *)
//! class      = digit , [ digit ] ;                              (* a Nice class 1–45 *)
//! or_op      = "OR" | "||" | "或" ;
//! and_op     = "AND" | "&&" | "与" ;
//! not_op     = "NOT" | "非" ;
//! prox_op    = ( "NEAR" | "ADJ" ) , "/" , digit , { digit } ;  (* distance 1–1000 *)
//! field_name = ? a name or alias from the field table, any letter case ? ;
//! ```
//!
//! Operator words are recognised only as whole words (delimited by whitespace, parentheses,
//! quotes or the ends of the query), in any ASCII letter case; `与`, `或`, `非` likewise only when
//! they stand alone, so `参与`, `或者`, `非法` and `无线与通信` stay ordinary words. To search for an
//! operator word itself, quote it (`"and"`, `"非"`) or escape it (`\and`). `NEAR`/`ADJ` without
//! `/n` in capitals is an error (the distance was forgotten); lower-case `near` is a word.
//!
//! Precedence, tightest first: `NEAR/n`, `ADJ/n` (left-associative chains), then `NOT` / `-`,
//! then `AND` (explicit or implicit), then `OR`. So `a b OR c` is `(a AND b) OR c`,
//! `NOT a b` is `(NOT a) AND b`, and `a NOT b` is `a AND (NOT b)`.
//!
//! # Meaning by field kind
//!
//! | kind ([`FieldKind`]) | fields | bare word | `"…"` | `*` | ranges |
//! |---|---|---|---|---|---|
//! | text | ti ab cl desc mark owner applicant inventor, and no field | term | phrase | prefix | no |
//! | class | ipc cpc | code as written | one exact code (`"H04W 4/02"`) | code prefix | no |
//! | code | office kind status | value as written | one exact value | prefix | no |
//! | number | pn an rn | number as written | one exact value | prefix | no |
//! | Nice class | nice | 1–45 (leading zeros dropped) | same | error | `[9 TO 12]`, `>=30` |
//! | similar group | group | four digits (`0901`) | same | 1–4 digit prefix | no |
//! | date | pd fd rd | whole period as a range | same | error | `[… TO …]`, `>=2020` |
//!
//! A date written as a year or month covers the whole period: `pd:2020` is
//! `pd:[2020-01-01 TO 2020-12-31]`; `pd:>2020` starts after 2020-12-31; `pd:{2020 TO 2022}` excludes
//! both years. `field:(…)` applies the field to every term inside; a second field inside is an
//! error. Proximity operands must share one text field (or all have none).
//!
//! # Canonical form
//!
//! [`Query`]'s `Display` writes canonical names (`title:` → `ti:`), explicit `AND`/`OR`/`NOT`,
//! straight quotes, full-day range bounds and only the parentheses precedence needs; special
//! characters in words are escaped with `\`. For every query the parser returns,
//! `parse(&query.to_string()) == Ok(query)`.

mod ast;
mod date;
mod error;
mod field;
mod parser;

pub use ast::{Query, RangeBound, RangeValue};
pub use date::Date;
pub use error::ParseError;
pub use field::{ALL_FIELDS, Field, FieldKind};
pub use parser::{MAX_DEPTH, MAX_DISTANCE, parse};

impl std::str::FromStr for Query {
    type Err = ParseError;

    /// Same as [`parse`].
    fn from_str(input: &str) -> Result<Query, ParseError> {
        parse(input)
    }
}

#[cfg(test)]
mod tests;
