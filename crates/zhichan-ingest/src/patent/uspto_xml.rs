//! USPTO patent full-text XML from DTD v4.0 (2005) on: grants (`us-patent-grant`) and
//! application publications (`us-patent-application`), one per file or thousands concatenated
//! as in the weekly `ipg`/`ipa` bulk files. Other documents of those files (sequence listings,
//! `sequence-cwu`) carry no bibliographic data and are skipped.
//!
//! The DTD versions differ in a few places, all handled here: parties moved from
//! `parties/applicants` to `us-parties/us-applicants` (v4.4), inventors from applicants with
//! `app-type="applicant-inventor"` to their own list, citations from `references-cited` to
//! `us-references-cited` (v4.2), the fixed-width `classification-ipc` gave way to
//! `classifications-ipcr` (v4.1), and CPC arrived in v4.3.

use std::io::BufRead;

use zhichan_domain::OfficeCode;
use zhichan_domain::records::{Address, Citation, LocalizedText, Party, Patent, PriorityClaim, Record};

use super::structured_symbol as symbol;
use crate::error::FieldError;
use crate::fields::{fixed_width_ipc, opt_date};
use crate::xml::{EachElement, Node, XmlRecords};

/// Records of a USPTO patent XML input.
pub(crate) fn reader<R: BufRead>(input: R, source: &str) -> XmlRecords<R, EachElement> {
    XmlRecords::new(input, source, EachElement { names: &["us-patent-grant", "us-patent-application"], build, id })
}

fn biblio(doc: &Node) -> Option<&Node> {
    doc.child("us-bibliographic-data-grant").or_else(|| doc.child("us-bibliographic-data-application"))
}

fn id(doc: &Node) -> Option<String> {
    biblio(doc)?.value_at("publication-reference/document-id/doc-number")
}

fn build(doc: &Node) -> Result<Record, FieldError> {
    let grant = doc.name == "us-patent-grant";
    let biblio = biblio(doc).ok_or_else(|| FieldError::missing("us-bibliographic-data-grant"))?;
    let publication =
        biblio.at("publication-reference/document-id").ok_or_else(|| FieldError::missing("publication-reference"))?;
    let country = publication.value_at("country").unwrap_or_else(|| "US".into());
    let office = OfficeCode::parse(&country)
        .map_err(|_| FieldError::invalid("publication-reference/country", &country, "a two-letter office code"))?;
    let number =
        publication.value_at("doc-number").ok_or_else(|| FieldError::missing("publication-reference/doc-number"))?;
    let mut patent = Patent::new(office, number);
    patent.kind_code = publication.value_at("kind");
    patent.dates.publication = opt_date("publication-reference/date", publication.value_at("date"))?;
    if grant {
        patent.dates.grant = patent.dates.publication;
    }
    if let Some(application) = biblio.at("application-reference/document-id") {
        patent.application_number = application.value_at("doc-number");
        patent.dates.filing = opt_date("application-reference/date", application.value_at("date"))?;
    }
    let language = doc.attr("lang").map(str::to_lowercase);
    let language = language.as_deref().or(Some("en"));
    patent.titles = biblio
        .children("invention-title")
        .filter_map(|t| t.value().map(|v| LocalizedText::new(t.attr("lang").or(language), v)))
        .collect();
    patent.abstracts = doc
        .children("abstract")
        .filter_map(|a| a.paragraphs("p").map(|v| LocalizedText::new(a.attr("lang").or(language), v)))
        .collect();
    patent.claims = doc.all("claims/claim").into_iter().filter_map(Node::value).collect();
    patent.description = doc.child("description").and_then(|d| d.paragraphs("p"));

    patent.ipc = ipc(biblio);
    // Main, further and combination-set symbols, each once (combination sets repeat symbols).
    for cpc in biblio.child("classifications-cpc").map(|c| c.descendants("classification-cpc")).unwrap_or_default() {
        if let Some(symbol) = symbol(cpc).filter(|s| !patent.cpc.contains(s)) {
            patent.cpc.push(symbol);
        }
    }
    read_parties(biblio, &mut patent);
    for claim in biblio.all("priority-claims/priority-claim") {
        patent.priority_claims.push(PriorityClaim {
            country: claim.value_at("country"),
            number: claim.value_at("doc-number"),
            date: opt_date("priority-claim/date", claim.value_at("date"))?,
        });
    }
    patent.citations = citations(biblio);
    Ok(patent.into())
}

/// IPC: structured `classification-ipcr` entries when present, else the fixed-width strings.
fn ipc(biblio: &Node) -> Vec<String> {
    let structured: Vec<String> =
        biblio.all("classifications-ipcr/classification-ipcr").into_iter().filter_map(symbol).collect();
    if !structured.is_empty() {
        return structured;
    }
    let Some(old) = biblio.child("classification-ipc") else {
        return Vec::new();
    };
    old.children("main-classification")
        .chain(old.children("further-classification"))
        .filter_map(|c| fixed_width_ipc(&c.text_raw()))
        .collect()
}

fn read_parties(biblio: &Node, patent: &mut Patent) {
    let parties = biblio.child("us-parties").or_else(|| biblio.child("parties"));
    let Some(parties) = parties else { return };
    let applicants = parties.all("us-applicants/us-applicant").into_iter().chain(parties.all("applicants/applicant"));
    for applicant in applicants {
        let Some(party) = party(applicant) else {
            continue;
        };
        if applicant.attr("app-type") == Some("applicant-inventor") {
            patent.inventors.push(party.clone());
        }
        patent.applicants.push(party);
    }
    for inventor in parties.all("inventors/inventor") {
        if let Some(party) = party(inventor).filter(|p| !patent.inventors.contains(p)) {
            patent.inventors.push(party);
        }
    }
    patent.assignees = biblio.all("assignees/assignee").into_iter().filter_map(party).collect();
}

/// A party from an `addressbook` (or the element itself, as some assignees have no book).
fn party(node: &Node) -> Option<Party> {
    let book = node.child("addressbook").unwrap_or(node);
    let name = match book.value_at("orgname") {
        Some(org) => org,
        None => {
            let parts: Vec<String> = ["first-name", "last-name"].iter().filter_map(|f| book.value_at(f)).collect();
            if parts.is_empty() {
                return None;
            }
            parts.join(" ")
        }
    };
    let address = book.child("address").map(|a| Address {
        lines: a.children("street").filter_map(Node::value).collect(),
        city: a.value_at("city"),
        region: a.value_at("state"),
        postcode: a.value_at("postcode"),
        country: a.value_at("country"),
    });
    let country = address.as_ref().and_then(|a| a.country.clone()).or_else(|| node.value_at("residence/country"));
    Some(Party { name, country, address: address.filter(|a| !a.is_empty()) })
}

fn citations(biblio: &Node) -> Vec<Citation> {
    let list = biblio.child("us-references-cited").or_else(|| biblio.child("references-cited"));
    let Some(list) = list else { return Vec::new() };
    list.elements()
        .filter(|c| c.name == "citation" || c.name == "us-citation")
        .filter_map(|citation| super::citation(citation, citation.at("patcit/document-id")))
        .collect()
}
