//! The index's schema: its fields, the analyser each text field is indexed with, the fast fields
//! facets and sorting read, and the normal forms of codes, classes, numbers and dates that both
//! indexing and query translation use.

use chrono::NaiveDate;
use tantivy::DateTime;
use tantivy::schema::{
    DateOptions, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis::{self, CJK, LATIN, PINYIN, ZH_INDEX};

/// One analysed text field: the Latin and Chinese chains, optionally Han bigrams and pinyin, and
/// the boost its matches get in ranking.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextFields {
    pub(crate) latin: Field,
    pub(crate) zh: Field,
    pub(crate) bigrams: Option<Field>,
    pub(crate) pinyin: Option<Field>,
    pub(crate) boost: f32,
}

/// Handles of every schema field.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub(crate) id: Field,
    pub(crate) uid: Field,
    pub(crate) kind: Field,
    pub(crate) office: Field,
    pub(crate) status: Field,
    pub(crate) title: TextFields,
    pub(crate) abstract_: TextFields,
    pub(crate) claims: TextFields,
    pub(crate) description: TextFields,
    pub(crate) mark: TextFields,
    pub(crate) owner: TextFields,
    pub(crate) applicant: TextFields,
    pub(crate) inventor: TextFields,
    pub(crate) ipc: Field,
    pub(crate) cpc: Field,
    pub(crate) nice: Field,
    pub(crate) pn: Field,
    pub(crate) an: Field,
    pub(crate) rn: Field,
    pub(crate) pd: Field,
    pub(crate) fd: Field,
    pub(crate) rd: Field,
    pub(crate) days: Field,
    pub(crate) facet_kind: Field,
    pub(crate) facet_status: Field,
    pub(crate) facet_ipc: Field,
    pub(crate) year: Field,
    pub(crate) stored_office: Field,
    pub(crate) stored_number: Field,
    pub(crate) stored_title: Field,
    pub(crate) stored_abstract: Field,
    pub(crate) stored_owner: Field,
    pub(crate) stored_date: Field,
}

/// Names of the fast fields facets and sorting read.
pub(crate) struct FastFieldNames {
    pub(crate) office: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) status: &'static str,
    pub(crate) ipc: &'static str,
    pub(crate) year: &'static str,
    pub(crate) nice: &'static str,
    pub(crate) uid: &'static str,
    pub(crate) days: &'static str,
}

/// The fast fields' names, as the schema declares them.
pub(crate) const fn facet_fields() -> FastFieldNames {
    FastFieldNames {
        office: "office",
        kind: "f_kind",
        status: "f_status",
        ipc: "f_ipc",
        year: "year",
        nice: "nice",
        uid: "uid",
        days: "days",
    }
}

fn text_options(analyser: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(analyser).set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// Which extra chains a text field gets.
#[derive(Clone, Copy)]
enum Extra {
    None,
    Bigrams,
    BigramsAndPinyin,
}

pub(crate) fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let mut text = |name: &str, extra: Extra, boost: f32| TextFields {
        latin: builder.add_text_field(name, text_options(LATIN)),
        zh: builder.add_text_field(&format!("{name}_zh"), text_options(ZH_INDEX)),
        bigrams: (!matches!(extra, Extra::None))
            .then(|| builder.add_text_field(&format!("{name}_bi"), text_options(CJK))),
        pinyin: matches!(extra, Extra::BigramsAndPinyin)
            .then(|| builder.add_text_field(&format!("{name}_py"), text_options(PINYIN))),
        boost,
    };
    let title = text("title", Extra::Bigrams, 3.0);
    let abstract_ = text("abstract", Extra::Bigrams, 1.0);
    let claims = text("claims", Extra::None, 0.8);
    let description = text("description", Extra::None, 0.5);
    let mark = text("mark", Extra::BigramsAndPinyin, 3.0);
    let owner = text("owner", Extra::Bigrams, 1.5);
    let applicant = text("applicant", Extra::Bigrams, 1.5);
    let inventor = text("inventor", Extra::Bigrams, 1.0);
    let names = facet_fields();
    let date = || DateOptions::default().set_indexed().set_fast();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        uid: builder.add_u64_field(names.uid, FAST),
        kind: builder.add_text_field("kind", STRING),
        office: builder.add_text_field(names.office, STRING | FAST),
        status: builder.add_text_field("status", STRING),
        title,
        abstract_,
        claims,
        description,
        mark,
        owner,
        applicant,
        inventor,
        ipc: builder.add_text_field("ipc", STRING),
        cpc: builder.add_text_field("cpc", STRING),
        nice: builder.add_u64_field(names.nice, INDEXED | FAST),
        pn: builder.add_text_field("pn", STRING),
        an: builder.add_text_field("an", STRING),
        rn: builder.add_text_field("rn", STRING),
        pd: builder.add_date_field("pd", date()),
        fd: builder.add_date_field("fd", date()),
        rd: builder.add_date_field("rd", date()),
        days: builder.add_i64_field(names.days, FAST),
        facet_kind: builder.add_text_field(names.kind, STRING | FAST | STORED),
        facet_status: builder.add_text_field(names.status, STRING | FAST | STORED),
        facet_ipc: builder.add_text_field(names.ipc, STRING | FAST),
        year: builder.add_u64_field(names.year, FAST),
        stored_office: builder.add_text_field("s_office", STORED),
        stored_number: builder.add_text_field("s_number", STORED),
        stored_title: builder.add_text_field("s_title", STORED),
        stored_abstract: builder.add_text_field("s_abstract", STORED),
        stored_owner: builder.add_text_field("s_owner", STORED),
        stored_date: builder.add_text_field("s_date", STORED),
    };
    (builder.build(), fields)
}

/// Normal form of a code value (office, kind, status): trimmed, lower case.
pub(crate) fn normalise_code(value: &str) -> String {
    analysis::fold(value).trim().to_lowercase()
}

/// Normal form of a classification symbol: upper case without whitespace (`H04W 4/02` → `H04W4/02`).
pub(crate) fn normalise_class(value: &str) -> String {
    analysis::fold(value).chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect()
}

/// Normal form of a document number: letters and digits only, upper case (`10,123,456` → `10123456`).
pub(crate) fn normalise_number(value: &str) -> String {
    analysis::fold(value).chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

/// A calendar day as an index date (midnight UTC).
pub(crate) fn day(date: NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(days(date) * 86_400)
}

/// Days since 1970-01-01.
pub(crate) fn days(date: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    date.signed_duration_since(epoch).num_days()
}
