//! EPO exchange documents: the XML of the EPO's Open Patent Services (OPS) and of the EPO bulk
//! "exchange" format (namespace `http://www.epo.org/exchange`).
//!
//! Each `<exchange-document>` is one record, whether it sits in `<exchange-documents>` (biblio
//! and search responses, bulk files, usually inside `<ops:world-patent-data>`) or in an
//! `<ops:family-member>` of a family response, whose `family-id` it then takes. Family members
//! without an exchange document (plain family lists, legal responses with `<ops:legal>` events)
//! carry nothing the patent model holds and are skipped without an error.
//!
//! The EPO gives most numbers several times, as `document-id`s of `document-id-type` `docdb`
//! (country, number and kind apart), `epodoc` (`EP19990203729`) and `original`; the docdb form
//! is preferred. Parties come per `sequence` as `epodoc`/`docdb` (standardised, `NAME [CC]`)
//! and `original` (as filed); a party takes the original name and the standardised country.

use std::collections::VecDeque;
use std::io::BufRead;

use zhichan_domain::OfficeCode;
use zhichan_domain::records::{LocalizedText, Party, Patent, PriorityClaim, Record};

use super::{citation, structured_symbol};
use crate::error::{FieldError, Position, RecordError};
use crate::fields::{ipcr_text, opt_date};
use crate::xml::{Captured, Node, RecordBuilder, XmlRecords};

/// Records of an EPO exchange / OPS input.
pub(crate) fn reader<R: BufRead>(input: R, source: &str) -> XmlRecords<R, EpoExchange> {
    XmlRecords::new(input, source, EpoExchange)
}

/// Captures exchange documents, and family members whole (for their family id).
pub(crate) struct EpoExchange;

impl RecordBuilder for EpoExchange {
    fn wants(&self, _parents: &[String], name: &str) -> bool {
        name == "exchange-document" || name == "family-member"
    }

    fn take(&mut self, captured: Captured, source: &str, out: &mut VecDeque<Result<Record, RecordError>>) {
        let node = &captured.node;
        if node.name == "exchange-document" {
            out.push_back(located(node, None, source));
            return;
        }
        let family = node.attr("family-id").filter(|f| !f.trim().is_empty());
        for doc in node.descendants("exchange-document") {
            out.push_back(located(doc, family, source));
        }
    }
}

fn located(doc: &Node, family: Option<&str>, source: &str) -> Result<Record, RecordError> {
    build(doc, family).map_err(|e| e.locate(source, Position::Byte(doc.offset), id(doc)))
}

/// The `document-id` of `document-id-type` `kind` in `reference`.
fn document_id<'a>(reference: &'a Node, kind: &str) -> Option<&'a Node> {
    reference.children("document-id").find(|d| d.attr("document-id-type") == Some(kind))
}

/// The docdb `document-id`, else one without a type (some bulk files omit it).
fn docdb(reference: &Node) -> Option<&Node> {
    document_id(reference, "docdb")
        .or_else(|| reference.children("document-id").find(|d| d.attr("document-id-type").is_none()))
}

/// The first non-empty `field` among the reference's ids, docdb first.
fn first_value(reference: &Node, field: &str) -> Option<String> {
    docdb(reference).and_then(|d| d.value_at(field)).or_else(|| {
        ["epodoc", "original"].iter().find_map(|kind| document_id(reference, kind).and_then(|d| d.value_at(field)))
    })
}

fn attr_value(doc: &Node, name: &str) -> Option<String> {
    doc.attr(name).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// The record's id for error messages (`EP1000000A1`), read without validation.
fn id(doc: &Node) -> Option<String> {
    let publication = doc.at("bibliographic-data/publication-reference");
    let from_docdb = |field: &str| publication.and_then(docdb).and_then(|d| d.value_at(field));
    let number = from_docdb("doc-number").or_else(|| attr_value(doc, "doc-number"));
    match number {
        Some(number) => {
            let country = from_docdb("country").or_else(|| attr_value(doc, "country")).unwrap_or_default();
            let kind = from_docdb("kind").or_else(|| attr_value(doc, "kind")).unwrap_or_default();
            Some(format!("{country}{number}{kind}"))
        }
        None => publication.and_then(|p| document_id(p, "epodoc")).and_then(|d| d.value_at("doc-number")),
    }
}

fn build(doc: &Node, family: Option<&str>) -> Result<Record, FieldError> {
    let biblio = doc.child("bibliographic-data").ok_or_else(|| FieldError::missing("bibliographic-data"))?;
    let publication = biblio.child("publication-reference");
    let pub_docdb = publication.and_then(docdb);
    let from_docdb = |field: &str| pub_docdb.and_then(|d| d.value_at(field));

    let country = from_docdb("country").or_else(|| attr_value(doc, "country"));
    let country = country.ok_or_else(|| FieldError::missing("publication-reference/country"))?;
    let office = OfficeCode::parse(&country).map_err(|_| {
        FieldError::invalid("publication-reference/country", &country, "a WIPO ST.3 office code such as EP, CN, US")
    })?;
    let number = from_docdb("doc-number")
        .or_else(|| attr_value(doc, "doc-number"))
        .ok_or_else(|| FieldError::missing("publication-reference/doc-number"))?;
    let mut patent = Patent::new(office, number);
    patent.kind_code = from_docdb("kind").or_else(|| attr_value(doc, "kind"));
    patent.family_id = family.map(str::trim).map(str::to_owned).or_else(|| attr_value(doc, "family-id"));
    patent.dates.publication =
        opt_date("publication-reference/date", publication.and_then(|p| first_value(p, "date")))?;
    if is_grant(office, patent.kind_code.as_deref()) {
        patent.dates.grant = patent.dates.publication;
    }
    if let Some(application) = biblio.child("application-reference") {
        patent.application_number = first_value(application, "doc-number");
        patent.dates.filing = opt_date("application-reference/date", first_value(application, "date"))?;
    }

    patent.titles = biblio
        .children("invention-title")
        .filter_map(|t| t.value().map(|v| LocalizedText::new(t.attr("lang"), v)))
        .collect();
    patent.abstracts = doc
        .children("abstract")
        .filter_map(|a| a.paragraphs("p").map(|v| LocalizedText::new(a.attr("lang"), v)))
        .collect();

    for text in biblio.all("classifications-ipcr/classification-ipcr/text") {
        if let Some(symbol) = ipcr_text(&text.text_raw()).filter(|s| !patent.ipc.contains(s)) {
            patent.ipc.push(symbol);
        }
    }
    for cpc in biblio.all("patent-classifications/patent-classification") {
        let scheme = cpc.child("classification-scheme").and_then(|s| s.attr("scheme")).unwrap_or("CPC");
        if !scheme.starts_with("CPC") {
            continue;
        }
        if let Some(symbol) = structured_symbol(cpc).filter(|s| !patent.cpc.contains(s)) {
            patent.cpc.push(symbol);
        }
    }

    patent.applicants = parties(biblio.all("parties/applicants/applicant"), "applicant-name");
    patent.inventors = parties(biblio.all("parties/inventors/inventor"), "inventor-name");
    for claim in biblio.all("priority-claims/priority-claim") {
        patent.priority_claims.push(priority_claim(claim)?);
    }
    patent.citations = biblio
        .all("references-cited/citation")
        .into_iter()
        .filter_map(|c| citation(c, c.child("patcit").and_then(cited_id)))
        .collect();
    Ok(patent.into())
}

/// Grants by kind code where the office's codes say so unambiguously (EP, CN, US: `B…`).
fn is_grant(office: OfficeCode, kind: Option<&str>) -> bool {
    matches!(office.as_str(), "EP" | "CN" | "US") && kind.is_some_and(|k| k.starts_with('B'))
}

/// A priority claim from its docdb id, else the epodoc id (`NL19981010536`: country prefix,
/// then the number), else the original number.
fn priority_claim(claim: &Node) -> Result<PriorityClaim, FieldError> {
    let date = opt_date("priority-claim/date", first_value(claim, "date"))?;
    if let Some(id) = docdb(claim).filter(|d| d.value_at("doc-number").is_some()) {
        return Ok(PriorityClaim { country: id.value_at("country"), number: id.value_at("doc-number"), date });
    }
    if let Some(number) = document_id(claim, "epodoc").and_then(|d| d.value_at("doc-number")) {
        let prefixed =
            number.len() > 2 && number.is_char_boundary(2) && number[..2].bytes().all(|b| b.is_ascii_uppercase());
        let (country, number) =
            if prefixed { (Some(number[..2].to_owned()), number[2..].to_owned()) } else { (None, number) };
        return Ok(PriorityClaim { country, number: Some(number), date });
    }
    let number = document_id(claim, "original").and_then(|d| d.value_at("doc-number"));
    Ok(PriorityClaim { country: None, number, date })
}

/// The cited patent's docdb id, else its first id.
fn cited_id(patcit: &Node) -> Option<&Node> {
    document_id(patcit, "docdb").or_else(|| patcit.child("document-id"))
}

/// Parties grouped by `sequence` (each given in several data formats), in order of appearance:
/// the `original` name when there is one, else the standardised name without its `[CC]`
/// suffix; the country from `residence` or that suffix.
fn parties(entries: Vec<&Node>, name_element: &str) -> Vec<Party> {
    let mut groups: Vec<(Option<&str>, Vec<&Node>)> = Vec::new();
    for entry in entries {
        let sequence = entry.attr("sequence");
        match groups.iter_mut().find(|(s, _)| sequence.is_some() && *s == sequence) {
            Some((_, members)) => members.push(entry),
            None => groups.push((sequence, vec![entry])),
        }
    }
    groups
        .into_iter()
        .filter_map(|(_, members)| {
            let name_of = |format: &str| {
                members
                    .iter()
                    .find(|m| m.attr("data-format") == Some(format))
                    .and_then(|m| m.value_at(&format!("{name_element}/name")))
            };
            let standard = name_of("epodoc").or_else(|| name_of("docdb"));
            let (standard_name, suffix_country) = match standard.as_deref().map(split_country) {
                Some((name, country)) => (Some(name), country),
                None => (None, None),
            };
            let fallback = || members.iter().find_map(|m| m.value_at(&format!("{name_element}/name")));
            let name = name_of("original").or(standard_name).or_else(fallback)?;
            let country = members.iter().find_map(|m| m.value_at("residence/country")).or(suffix_country);
            Some(Party { name, country, address: None })
        })
        .collect()
}

/// `BOER BEHEER BV DE [NL]` → (`BOER BEHEER BV DE`, `NL`); names without the suffix unchanged.
fn split_country(name: &str) -> (String, Option<String>) {
    if let Some(head) = name.strip_suffix(']')
        && let Some((head, code)) = head.rsplit_once('[')
        && code.len() == 2
        && code.bytes().all(|b| b.is_ascii_uppercase())
    {
        return (head.trim_end().trim_end_matches(',').trim_end().to_owned(), Some(code.to_owned()));
    }
    (name.to_owned(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standardised_names_lose_their_country_suffix() {
        assert_eq!(split_country("SIEMENS AG [DE]"), ("SIEMENS AG".to_owned(), Some("DE".to_owned())));
        assert_eq!(split_country("HUAWEI TECH CO LTD, [CN]"), ("HUAWEI TECH CO LTD".to_owned(), Some("CN".to_owned())));
        assert_eq!(split_country("Siemens Aktiengesellschaft"), ("Siemens Aktiengesellschaft".to_owned(), None));
        assert_eq!(split_country("X [abc]"), ("X [abc]".to_owned(), None));
    }
}
