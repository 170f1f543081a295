//! From a record to the index document: which text goes into which field, in which normal form.

use chrono::{Datelike, NaiveDate};
use tantivy::TantivyDocument;
use tantivy::schema::Field;
use zhichan_domain::records::{Party, Patent, Record, Trademark};

use crate::paging::identity_hash;
use crate::schema::{Fields, TextFields, day, days, normalise_class, normalise_code, normalise_number};

/// Builds the index document of `record`; `id` is its key as text.
pub(crate) fn document(fields: &Fields, record: &Record, id: &str) -> TantivyDocument {
    let key = record.key();
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, id);
    doc.add_u64(fields.uid, identity_hash(id));
    doc.add_text(fields.office, normalise_code(key.office.as_str()));
    doc.add_text(fields.stored_office, key.office.as_str());
    doc.add_text(fields.stored_number, &key.number);
    let kind = key.kind.code();
    doc.add_text(fields.kind, kind);
    doc.add_text(fields.facet_kind, kind);
    let date = match record {
        Record::Trademark(mark) => fill_trademark(fields, &mut doc, mark),
        Record::Patent(patent) => fill_patent(fields, &mut doc, patent),
    };
    if let Some(date) = date {
        doc.add_i64(fields.days, days(date));
        doc.add_u64(fields.year, u64::try_from(date.year()).unwrap_or(0));
        doc.add_text(fields.stored_date, date.format("%Y-%m-%d").to_string());
    }
    doc
}

fn add_text(doc: &mut TantivyDocument, fields: TextFields, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    doc.add_text(fields.latin, text);
    doc.add_text(fields.zh, text);
    for field in [fields.bigrams, fields.pinyin].into_iter().flatten() {
        doc.add_text(field, text);
    }
}

fn add_parties(doc: &mut TantivyDocument, fields: TextFields, parties: &[Party]) {
    for party in parties {
        add_text(doc, fields, &party.name);
    }
}

/// Indexes a document number in every form a user may type: with and without the office
/// prefix, leading zeros and kind code (`US10123456B2`, `10123456`, `US010123456`…).
fn add_number(doc: &mut TantivyDocument, field: Field, office: &str, number: &str, kind: Option<&str>) {
    let number = normalise_number(number);
    if number.is_empty() {
        return;
    }
    let bare = number.strip_prefix(office).filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    let number = bare.map_or(number.clone(), str::to_string);
    let mut variants = vec![number.clone(), format!("{office}{number}")];
    let trimmed = number.trim_start_matches('0');
    if trimmed != number && !trimmed.is_empty() {
        variants.push(trimmed.to_string());
        variants.push(format!("{office}{trimmed}"));
    }
    if let Some(kind) = kind.map(normalise_number).filter(|kind| !kind.is_empty()) {
        for base in variants.clone() {
            variants.push(format!("{base}{kind}"));
        }
    }
    variants.sort();
    variants.dedup();
    for variant in variants {
        doc.add_text(field, variant);
    }
}

fn first_party(parties: &[&[Party]]) -> Option<String> {
    parties
        .iter()
        .flat_map(|list| list.iter())
        .map(|party| party.name.trim())
        .find(|name| !name.is_empty())
        .map(str::to_string)
}

/// Fills a mark's fields; returns its sort date.
fn fill_trademark(f: &Fields, doc: &mut TantivyDocument, mark: &Trademark) -> Option<NaiveDate> {
    let office = mark.office.as_str();
    if let Some(text) = &mark.mark_text {
        add_text(doc, f.title, text);
        add_text(doc, f.mark, text);
        doc.add_text(f.stored_title, text);
    }
    for text in [&mark.transliteration, &mark.translation].into_iter().flatten() {
        add_text(doc, f.mark, text);
    }
    add_parties(doc, f.owner, &mark.owners);
    add_parties(doc, f.applicant, &mark.owners);
    if let Some(owner) = first_party(&[&mark.owners]) {
        doc.add_text(f.stored_owner, owner);
    }
    for class in &mark.classes {
        doc.add_u64(f.nice, u64::from(class.number.number()));
        for goods in &class.goods_services {
            add_text(doc, f.description, &goods.text);
        }
    }
    let stage = format!("{:?}", mark.status.stage).to_lowercase();
    doc.add_text(f.status, &stage);
    doc.add_text(f.facet_status, &stage);
    if let Some(raw) = &mark.status.raw {
        doc.add_text(f.status, normalise_code(raw));
    }
    add_number(doc, f.an, office, &mark.application_number, None);
    if let Some(number) = &mark.registration_number {
        add_number(doc, f.rn, office, number, None);
    }
    let dates = &mark.dates;
    for (field, date) in [(f.fd, dates.filing), (f.pd, dates.publication), (f.rd, dates.registration)] {
        if let Some(date) = date {
            doc.add_date(field, day(date));
        }
    }
    dates.publication.or(dates.filing).or(dates.registration)
}

/// Fills a patent's fields; returns its sort date.
fn fill_patent(f: &Fields, doc: &mut TantivyDocument, patent: &Patent) -> Option<NaiveDate> {
    let office = patent.office.as_str();
    for title in &patent.titles {
        add_text(doc, f.title, &title.text);
    }
    if let Some(title) = patent.titles.first() {
        doc.add_text(f.stored_title, &title.text);
    }
    for text in &patent.abstracts {
        add_text(doc, f.abstract_, &text.text);
    }
    if let Some(text) = patent.abstracts.first() {
        doc.add_text(f.stored_abstract, &text.text);
    }
    for claim in &patent.claims {
        add_text(doc, f.claims, claim);
    }
    if let Some(description) = &patent.description {
        add_text(doc, f.description, description);
    }
    add_parties(doc, f.owner, &patent.assignees);
    add_parties(doc, f.applicant, &patent.applicants);
    add_parties(doc, f.applicant, &patent.assignees);
    add_parties(doc, f.inventor, &patent.inventors);
    if let Some(owner) = first_party(&[&patent.assignees, &patent.applicants]) {
        doc.add_text(f.stored_owner, owner);
    }
    let mut subclasses: Vec<String> = Vec::new();
    for symbol in &patent.ipc {
        let symbol = normalise_class(symbol);
        let subclass: String = symbol.chars().take(4).collect();
        if subclass.chars().count() == 4 && !subclasses.contains(&subclass) {
            subclasses.push(subclass);
        }
        doc.add_text(f.ipc, symbol);
    }
    for subclass in subclasses {
        doc.add_text(f.facet_ipc, subclass);
    }
    for symbol in &patent.cpc {
        doc.add_text(f.cpc, normalise_class(symbol));
    }
    if let Some(kind) = &patent.kind_code {
        doc.add_text(f.kind, normalise_code(kind));
    }
    let status = if patent.is_grant() { "granted" } else { "published" };
    doc.add_text(f.status, status);
    doc.add_text(f.facet_status, status);
    add_number(doc, f.pn, office, &patent.publication_number, patent.kind_code.as_deref());
    if let Some(number) = &patent.application_number {
        add_number(doc, f.an, office, number, None);
    }
    let dates = &patent.dates;
    for (field, date) in [(f.fd, dates.filing), (f.pd, dates.publication), (f.rd, dates.grant)] {
        if let Some(date) = date {
            doc.add_date(field, day(date));
        }
    }
    dates.publication.or(dates.grant).or(dates.filing)
}
