//! USPTO pre-grant application publications of 2001–2004 (`<patent-application-publication>`,
//! DTDs `pap-v15-2001-01-31` and `pap-v16-2002-01-01`), one per file or concatenated as in the
//! weekly `pa` bulk files. Some files carry a stray XHTML DOCTYPE and no XML declaration; the
//! root element decides.
//!
//! | path below the root | field |
//! |---|---|
//! | `subdoc-bibliographic-information/document-id` (`doc-number`, `kind-code`, `document-date`) | identity, publication date |
//! | `…/domestic-filing-data` (`application-number/doc-number`, `filing-date`) | application number, filing date |
//! | `…/foreign-priority-data` (`priority-application-number/doc-number`, `filing-date`, `country-code`) | priority claims |
//! | `…/technical-information/classification-ipc` (`ipc` as `G06F017/60`) | `ipc` |
//! | `…/technical-information/title-of-invention` | title |
//! | `…/inventors` (`first-named-inventor`, `inventor`: `name`, `residence`) | inventors |
//! | `…/assignee` (`organization-name` or `name`) | assignees |
//! | `subdoc-abstract`, `subdoc-claims/claim`, `subdoc-description` (`paragraph`) | texts |
//!
//! Publications name no applicant apart from the inventors (US practice before 2012), so
//! `applicants` stays empty; the US classification has no place in the record model.

use std::io::BufRead;

use zhichan_domain::OfficeCode;
use zhichan_domain::records::{Address, LocalizedText, Party, Patent, PriorityClaim, Record};

use crate::error::FieldError;
use crate::fields::{fixed_width_ipc, opt_date};
use crate::xml::{EachElement, Node, XmlRecords};

/// Records of a `<patent-application-publication>` input.
pub(crate) fn reader<R: BufRead>(input: R, source: &str) -> XmlRecords<R, EachElement> {
    XmlRecords::new(input, source, EachElement { names: &["patent-application-publication"], build, id })
}

const BIBLIO: &str = "subdoc-bibliographic-information";

fn id(doc: &Node) -> Option<String> {
    doc.value_at("subdoc-bibliographic-information/document-id/doc-number")
}

fn build(doc: &Node) -> Result<Record, FieldError> {
    let biblio = doc.child(BIBLIO).ok_or_else(|| FieldError::missing(BIBLIO))?;
    let identity = biblio.child("document-id").ok_or_else(|| FieldError::missing("document-id"))?;
    let number = identity.value_at("doc-number").ok_or_else(|| FieldError::missing("document-id/doc-number"))?;
    let office = OfficeCode::parse("US").map_err(|_| FieldError::invalid("office", "US", "an office code"))?;
    let mut patent = Patent::new(office, number);
    patent.kind_code = identity.value_at("kind-code");
    patent.dates.publication = opt_date("document-id/document-date", identity.value_at("document-date"))?;
    if let Some(filing) = biblio.child("domestic-filing-data") {
        patent.application_number = filing.value_at("application-number/doc-number");
        patent.dates.filing = opt_date("domestic-filing-data/filing-date", filing.value_at("filing-date"))?;
    }
    for priority in biblio.children("foreign-priority-data") {
        patent.priority_claims.push(PriorityClaim {
            country: priority.value_at("country-code"),
            number: priority.value_at("priority-application-number/doc-number"),
            date: opt_date("foreign-priority-data/filing-date", priority.value_at("filing-date"))?,
        });
    }
    let language = Some("en");
    if let Some(technical) = biblio.child("technical-information") {
        patent.titles = technical
            .children("title-of-invention")
            .filter_map(Node::value)
            .map(|t| LocalizedText::new(language, t))
            .collect();
        patent.ipc = technical
            .all("classification-ipc/classification-ipc-primary/ipc")
            .into_iter()
            .chain(technical.all("classification-ipc/classification-ipc-secondary/ipc"))
            .filter_map(|c| fixed_width_ipc(c.text_raw().trim_start()))
            .collect();
    }
    if let Some(inventors) = biblio.child("inventors") {
        patent.inventors = inventors
            .elements()
            .filter(|n| n.name == "first-named-inventor" || n.name == "inventor")
            .filter_map(person)
            .collect();
    }
    patent.assignees = biblio.children("assignee").filter_map(assignee).collect();
    patent.abstracts = doc
        .children("subdoc-abstract")
        .filter_map(|a| a.paragraphs("paragraph"))
        .map(|t| LocalizedText::new(language, t))
        .collect();
    patent.claims = doc.all("subdoc-claims/claim").into_iter().filter_map(Node::value).collect();
    patent.description = doc.child("subdoc-description").and_then(|d| d.paragraphs("paragraph"));
    Ok(patent.into())
}

/// `Mr. Wayne W Lin III` from the parts of a `name`.
fn personal_name(name: &Node) -> Option<String> {
    let parts: Vec<String> = ["name-prefix", "given-name", "middle-name", "family-name", "name-suffix"]
        .iter()
        .filter_map(|f| name.value_at(f))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// An inventor: name, and the city/state/country of residence (US or not).
fn person(node: &Node) -> Option<Party> {
    let name = personal_name(node.child("name")?)?;
    let residence = node.child("residence").and_then(|r| r.elements().next());
    let address = residence.map(|r| Address {
        lines: Vec::new(),
        city: r.value_at("city"),
        region: r.value_at("state"),
        postcode: None,
        country: r.value_at("country-code"),
    });
    let country = address.as_ref().and_then(|a| a.country.clone());
    Some(Party { name, country, address: address.filter(|a| !a.is_empty()) })
}

/// An assignee: an organisation or a person, with the address when given.
fn assignee(node: &Node) -> Option<Party> {
    let name = node.value_at("organization-name").or_else(|| node.child("name").and_then(personal_name))?;
    let address = node.child("address").map(|a| Address {
        lines: ["address-1", "address-2"].iter().filter_map(|f| a.value_at(f)).collect(),
        city: a.value_at("city"),
        region: a.value_at("state"),
        postcode: a.value_at("postalcode"),
        country: a.value_at("country/country-code"),
    });
    let country = address.as_ref().and_then(|a| a.country.clone());
    Some(Party { name, country, address: address.filter(|a| !a.is_empty()) })
}
