//! From the zhichan-query AST to tantivy queries.

use std::ops::Bound;
use std::sync::LazyLock;

use chrono::NaiveDate;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, ExistsQuery, Occur, PhraseQuery,
    Query as TQuery, RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Schema};
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};
use zhichan_query::{Field as QField, FieldKind, Query, RangeBound, RangeValue};

use crate::analysis::{self, CJK, LATIN, PINYIN_QUERY, ZH_QUERY, is_han};
use crate::error::SearchError;
use crate::schema::{Fields, TextFields, build_schema, day, normalise_class, normalise_code, normalise_number};

type Boxed = Box<dyn TQuery>;

/// Checks that `query` can be answered — every field, prefix, range and proximity it asks for is
/// one the index supports — by translating it with the index's schema and analysers, without an
/// index. The analysers are built once per process.
pub fn check(query: &Query) -> Result<(), SearchError> {
    static ANALYSIS: LazyLock<(Schema, Fields, TokenizerManager)> = LazyLock::new(|| {
        let (schema, fields) = build_schema();
        let tokenizers = TokenizerManager::default();
        analysis::register(&tokenizers);
        (schema, fields, tokenizers)
    });
    let (schema, fields, tokenizers) = &*ANALYSIS;
    Translator::new(schema, tokenizers, fields).translate(query).map(drop)
}

/// Turns one AST into one tantivy query, with the index's analysers.
pub(crate) struct Translator<'a> {
    schema: &'a Schema,
    tokenizers: &'a TokenizerManager,
    fields: &'a Fields,
}

/// Which analyser a field of a [`TextFields`] uses at query time.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Latin,
    Chinese,
    Bigrams,
    Pinyin,
}

/// Whether `text` is Han characters only (spaces and punctuation aside): only then do the bigram
/// fields answer it, or a mixed word would match on its Han part alone.
fn all_han(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphanumeric()).peekable();
    letters.peek().is_some() && letters.all(is_han)
}

/// Whether `text` could be pinyin: Latin letters (tone marks allowed) and spaces.
fn could_be_pinyin(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && text.chars().all(|c| c.is_whitespace() || (c.is_alphabetic() && !is_han(c)))
}

/// How much the fields other than the best-matching one add to a word's score.
const FIELD_TIE_BREAKER: f32 = 0.1;

/// Minimum letters and digits for a bare word to be tried as a document number too.
const MIN_NUMBER_LENGTH: usize = 5;

impl<'a> Translator<'a> {
    pub(crate) fn new(schema: &'a Schema, tokenizers: &'a TokenizerManager, fields: &'a Fields) -> Self {
        Translator { schema, tokenizers, fields }
    }

    pub(crate) fn translate(&self, query: &Query) -> Result<Boxed, SearchError> {
        match query {
            Query::Term { field, text } => self.term(*field, text),
            Query::Phrase { field, words } => self.phrase(*field, words),
            Query::Prefix { field, text } => self.prefix(*field, text),
            Query::Range { field, lower, upper } => self.range(*field, lower, upper),
            Query::And(queries) => {
                let mut clauses = Vec::with_capacity(queries.len());
                let mut positive = false;
                for query in queries {
                    match query {
                        Query::Not(inner) => clauses.push((Occur::MustNot, self.translate(inner)?)),
                        _ => {
                            positive = true;
                            clauses.push((Occur::Must, self.translate(query)?));
                        }
                    }
                }
                if !positive {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
            Query::Or(queries) => {
                let mut clauses = Vec::with_capacity(queries.len());
                for query in queries {
                    clauses.push((Occur::Should, self.translate(query)?));
                }
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
            Query::Not(inner) => Ok(Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Boxed),
                (Occur::MustNot, self.translate(inner)?),
            ]))),
            Query::Near { left, right, distance, ordered } => self.near(left, right, *distance, *ordered),
        }
    }

    fn analyser(&self, side: Side) -> Result<TextAnalyzer, SearchError> {
        let name = match side {
            Side::Latin => LATIN,
            Side::Chinese => ZH_QUERY,
            Side::Bigrams => CJK,
            Side::Pinyin => PINYIN_QUERY,
        };
        self.tokenizers.get(name).ok_or_else(|| SearchError::Unsupported(format!("analyser {name} missing")))
    }

    /// The text fields a text query on `field` searches.
    fn text_fields(&self, field: Option<QField>) -> Vec<TextFields> {
        let f = self.fields;
        match field {
            None => vec![f.title, f.abstract_, f.applicant, f.mark],
            Some(QField::Title) => vec![f.title],
            Some(QField::Abstract) => vec![f.abstract_],
            Some(QField::Claims) => vec![f.claims],
            Some(QField::Description) => vec![f.description],
            Some(QField::Mark) => vec![f.mark],
            Some(QField::Owner) => vec![f.owner],
            Some(QField::Applicant) => vec![f.applicant],
            Some(QField::Inventor) => vec![f.inventor],
            Some(_) => Vec::new(),
        }
    }

    /// Every (field, analyser, boost) a text query on `field` searches.
    fn text_targets(&self, field: Option<QField>) -> Vec<(Field, Side, f32)> {
        let mut targets = Vec::new();
        for fields in self.text_fields(field) {
            targets.push((fields.latin, Side::Latin, fields.boost));
            targets.push((fields.zh, Side::Chinese, fields.boost));
            if let Some(bigrams) = fields.bigrams {
                targets.push((bigrams, Side::Bigrams, fields.boost * 0.8));
            }
            if let Some(pinyin) = fields.pinyin {
                targets.push((pinyin, Side::Pinyin, fields.boost * 0.7));
            }
        }
        targets
    }

    /// A query matching `text` analysed on each target: one token is a term, several a phrase.
    /// On the default fields a word with digits is also tried as a document number.
    fn analysed(&self, field: Option<QField>, text: &str, slop: u32) -> Result<Boxed, SearchError> {
        let mut clauses = Vec::new();
        let han = all_han(text);
        let pinyin = could_be_pinyin(text);
        for (target, side, boost) in self.text_targets(field) {
            let applies = match side {
                Side::Latin | Side::Chinese => true,
                Side::Bigrams => han,
                Side::Pinyin => pinyin,
            };
            if !applies {
                continue;
            }
            let tokens = analysis::tokens(&mut self.analyser(side)?, text);
            let query = match (side, tokens.as_slice()) {
                (Side::Bigrams, [(_, single)]) if single.chars().count() == 1 => {
                    let c = escape_regex(single);
                    Some(Box::new(RegexQuery::from_pattern(&format!("{c}.?|.{c}"), target)?) as Boxed)
                }
                _ => token_query(target, tokens, slop),
            };
            if let Some(query) = query {
                clauses.push((Occur::Should, Box::new(BoostQuery::new(query, boost)) as Boxed));
            }
        }
        if field.is_none() {
            clauses.extend(self.number_clauses(text));
        }
        // The best field counts, the others a little (dismax): a word in a short title should
        // outrank the same word spread over a title and a long abstract.
        let queries: Vec<Boxed> = clauses.into_iter().map(|(_, query)| query).collect();
        Ok(match queries.len() {
            0 => Box::new(EmptyQuery),
            _ => Box::new(DisjunctionMaxQuery::with_tie_breaker(queries, FIELD_TIE_BREAKER)),
        })
    }

    /// Exact matches of `text` as a publication, application or registration number, when it
    /// looks like one (`US10123456B2`, `10,123,456`, `CN202310123456.7`).
    fn number_clauses(&self, text: &str) -> Vec<(Occur, Boxed)> {
        let number = normalise_number(text);
        if number.len() < MIN_NUMBER_LENGTH || !number.chars().any(|c| c.is_ascii_digit()) {
            return Vec::new();
        }
        let f = self.fields;
        [f.pn, f.an, f.rn]
            .into_iter()
            .map(|field| {
                let term = TermQuery::new(Term::from_field_text(field, &number), IndexRecordOption::Basic);
                (Occur::Should, Box::new(BoostQuery::new(Box::new(term), 10.0)) as Boxed)
            })
            .collect()
    }

    /// The raw field and normal form for an exact value on a non-text field.
    fn exact_term(&self, field: QField, text: &str) -> Result<Term, SearchError> {
        let f = self.fields;
        let term = match field {
            QField::Ipc => Term::from_field_text(f.ipc, &normalise_class(text)),
            QField::Cpc => Term::from_field_text(f.cpc, &normalise_class(text)),
            QField::Office => Term::from_field_text(f.office, &normalise_code(text)),
            QField::Kind => Term::from_field_text(f.kind, &normalise_code(text)),
            QField::Status => Term::from_field_text(f.status, &normalise_code(text)),
            QField::PublicationNumber => Term::from_field_text(f.pn, &normalise_number(text)),
            QField::ApplicationNumber => Term::from_field_text(f.an, &normalise_number(text)),
            QField::RegistrationNumber => Term::from_field_text(f.rn, &normalise_number(text)),
            QField::Nice => {
                let number: u64 = text
                    .trim()
                    .parse()
                    .map_err(|_| SearchError::Unsupported(format!("nice class {text:?} is not a number")))?;
                Term::from_field_u64(f.nice, number)
            }
            QField::Group => return Err(unsupported_group()),
            other => {
                return Err(SearchError::Unsupported(format!("an exact value on the {} field", other.name())));
            }
        };
        Ok(term)
    }

    fn term(&self, field: Option<QField>, text: &str) -> Result<Boxed, SearchError> {
        match field {
            None => self.analysed(None, text, 0),
            Some(field) if field.kind() == FieldKind::Text => self.analysed(Some(field), text, 0),
            Some(field) => Ok(Box::new(TermQuery::new(self.exact_term(field, text)?, IndexRecordOption::Basic))),
        }
    }

    fn phrase(&self, field: Option<QField>, words: &[String]) -> Result<Boxed, SearchError> {
        match field {
            Some(field) if field.kind() != FieldKind::Text => self.term(Some(field), &words.join(" ")),
            _ => self.analysed(field, &words.join(" "), 0),
        }
    }

    fn prefix(&self, field: Option<QField>, text: &str) -> Result<Boxed, SearchError> {
        let f = self.fields;
        let (targets, prefix) = match field.map(QField::kind) {
            None | Some(FieldKind::Text) => {
                let targets = self
                    .text_targets(field)
                    .into_iter()
                    .filter(|(_, side, _)| matches!(side, Side::Latin | Side::Chinese))
                    .map(|(field, _, _)| field)
                    .collect();
                (targets, analysis::fold(text).to_lowercase())
            }
            Some(FieldKind::Class) => {
                let target = if field == Some(QField::Cpc) { f.cpc } else { f.ipc };
                (vec![target], normalise_class(text))
            }
            Some(FieldKind::Code) => {
                let target = match field {
                    Some(QField::Office) => f.office,
                    Some(QField::Kind) => f.kind,
                    _ => f.status,
                };
                (vec![target], normalise_code(text))
            }
            Some(FieldKind::Number) => {
                let target = match field {
                    Some(QField::PublicationNumber) => f.pn,
                    Some(QField::ApplicationNumber) => f.an,
                    _ => f.rn,
                };
                (vec![target], normalise_number(text))
            }
            Some(FieldKind::SimilarGroup) => return Err(unsupported_group()),
            Some(FieldKind::NiceClass | FieldKind::Date) => {
                return Err(SearchError::Unsupported("a prefix on a number or date field".into()));
            }
        };
        if prefix.is_empty() {
            return Ok(Box::new(EmptyQuery));
        }
        // One automaton shared by every field: building it costs more than running it.
        let pattern = format!("{}.*", escape_regex(&prefix));
        let regex = std::sync::Arc::new(
            tantivy_fst::Regex::new(&pattern)
                .map_err(|error| SearchError::Unsupported(format!("prefix {prefix:?}: {error}")))?,
        );
        let mut clauses = Vec::new();
        for target in targets {
            let query = RegexQuery::from_regex(regex.clone(), target);
            clauses.push((Occur::Should, Box::new(query) as Boxed));
        }
        Ok(one_of(clauses))
    }

    fn range(&self, field: QField, lower: &RangeBound, upper: &RangeBound) -> Result<Boxed, SearchError> {
        let f = self.fields;
        let target = match field {
            QField::PublicationDate => f.pd,
            QField::FilingDate => f.fd,
            QField::RegistrationDate => f.rd,
            QField::Nice => f.nice,
            other => return Err(SearchError::Unsupported(format!("a range on the {} field", other.name()))),
        };
        if matches!((lower, upper), (RangeBound::Unbounded, RangeBound::Unbounded)) {
            let name = self.schema.get_field_name(target).to_string();
            return Ok(Box::new(ExistsQuery::new(name, false)));
        }
        let lower = bound(target, lower)?;
        let upper = bound(target, upper)?;
        Ok(Box::new(RangeQuery::new(lower, upper)))
    }

    /// `left NEAR/n right` as phrases with slop `n` (both orders for `NEAR`).
    fn near(&self, left: &Query, right: &Query, distance: u32, ordered: bool) -> Result<Boxed, SearchError> {
        let (field, left_text) = operand_text(left)?;
        let (right_field, right_text) = operand_text(right)?;
        if field != right_field {
            return Err(SearchError::Unsupported("proximity operands on different fields".into()));
        }
        let mut texts = vec![format!("{left_text} {right_text}")];
        if !ordered {
            texts.push(format!("{right_text} {left_text}"));
        }
        let mut clauses = Vec::new();
        for text in texts {
            clauses.push((Occur::Should, self.analysed(field, &text, distance)?));
        }
        Ok(one_of(clauses))
    }
}

/// The field and words of a proximity operand.
fn operand_text(query: &Query) -> Result<(Option<QField>, String), SearchError> {
    match query {
        Query::Term { field, text } => Ok((*field, text.clone())),
        Query::Phrase { field, words } => Ok((*field, words.join(" "))),
        Query::Prefix { .. } => Err(SearchError::Unsupported("a prefix (`*`) inside NEAR/ADJ".into())),
        Query::Near { .. } => Err(SearchError::Unsupported("chained NEAR/ADJ operators".into())),
        _ => Err(SearchError::Unsupported("this operand inside NEAR/ADJ".into())),
    }
}

fn unsupported_group() -> SearchError {
    SearchError::Unsupported("similar groups (group:) are not indexed yet".into())
}

/// A term query for one token, a phrase query (with `slop`) for several, nothing for none.
fn token_query(field: Field, tokens: Vec<(usize, String)>, slop: u32) -> Option<Boxed> {
    let mut terms: Vec<(usize, Term)> =
        tokens.into_iter().map(|(position, text)| (position, Term::from_field_text(field, &text))).collect();
    match terms.len() {
        0 => None,
        1 => {
            let (_, term) = terms.pop()?;
            Some(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)))
        }
        _ => {
            let base = terms.iter().map(|(position, _)| *position).min().unwrap_or(0);
            let terms = terms.into_iter().map(|(position, term)| (position - base, term)).collect();
            Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)))
        }
    }
}

/// One clause's query as is, several as a disjunction, none as a query matching nothing.
fn one_of(mut clauses: Vec<(Occur, Boxed)>) -> Boxed {
    match clauses.len() {
        0 => Box::new(EmptyQuery),
        1 => clauses.pop().map(|(_, query)| query).unwrap_or_else(|| Box::new(EmptyQuery)),
        _ => Box::new(BooleanQuery::new(clauses)),
    }
}

fn bound(field: Field, bound: &RangeBound) -> Result<Bound<Term>, SearchError> {
    let term = |value: &RangeValue| -> Result<Term, SearchError> {
        match value {
            RangeValue::Integer(number) => Ok(Term::from_field_u64(field, u64::from(*number))),
            RangeValue::Date(date) => {
                let date =
                    NaiveDate::from_ymd_opt(i32::from(date.year()), u32::from(date.month()), u32::from(date.day()))
                        .ok_or_else(|| SearchError::Unsupported(format!("date {date}")))?;
                Ok(Term::from_field_date_for_search(field, day(date)))
            }
        }
    };
    Ok(match bound {
        RangeBound::Unbounded => Bound::Unbounded,
        RangeBound::Inclusive(value) => Bound::Included(term(value)?),
        RangeBound::Exclusive(value) => Bound::Excluded(term(value)?),
    })
}

/// Escapes the characters the regex syntax of tantivy's `RegexQuery` treats specially.
fn escape_regex(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
