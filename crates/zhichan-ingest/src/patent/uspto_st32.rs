//! USPTO patent grants of 2001–2004: XML converted from the WIPO ST.32 SGML (`<PATDOC>`, DTD
//! `ST32-US-Grant-025xml.dtd`, versions 2.4 and 2.5), one per file or concatenated as in the
//! weekly bulk files. The documents name characters with the ISO SGML entity sets (`&deg;`,
//! `&lgr;`) and declare drawings as `NDATA` entities in the DOCTYPE; both are handled by the
//! shared XML engine.
//!
//! Elements are named after the INID codes of ST.32; every value sits in a `<PDAT>` (sometimes
//! inside `<STEXT>`), which the text queries read through.
//!
//! | element | meaning | field |
//! |---|---|---|
//! | `B110`, `B130`, `B140`, `B190` | number, kind, issue date, office | identity, publication and grant date |
//! | `B210`, `B220` | application number (with series code), filing date | |
//! | `B300` (`B310`, `B320`, `B330`) | foreign priority number, date, country | priority claims |
//! | `B511`, `B512` | main and further IPC, fixed width (`G06F 1516`) | `ipc` (designs: Locarno, skipped) |
//! | `B540` | title | |
//! | `B561`, `B562` | patent and non-patent citations, with `CITED-BY-EXAMINER` or `CITED-BY-OTHER` | |
//! | `B721`, `B731` | inventors, assignees (`NAM` of `FNM` + `SNM`, or `ONM`; `ADR`) | |
//! | `SDOAB`, `SDOCL`, `SDODE` | abstract, claims (`CLM`), description (`PARA`) | |
//!
//! The US classification (`B521`, `B522`) has no place in the record model and is not read.

use std::io::BufRead;

use zhichan_domain::OfficeCode;
use zhichan_domain::records::{Address, Citation, LocalizedText, Party, Patent, PriorityClaim, Record};

use crate::error::FieldError;
use crate::fields::{date, fixed_width_ipc, opt_date};
use crate::xml::{EachElement, Node, XmlRecords};

/// Records of a `<PATDOC>` input.
pub(crate) fn reader<R: BufRead>(input: R, source: &str) -> XmlRecords<R, EachElement> {
    XmlRecords::new(input, source, EachElement { names: &["PATDOC"], build, id })
}

fn id(doc: &Node) -> Option<String> {
    doc.value_at("SDOBI/B100/B110")
}

fn build(doc: &Node) -> Result<Record, FieldError> {
    let biblio = doc.child("SDOBI").ok_or_else(|| FieldError::missing("SDOBI"))?;
    let identity = biblio.child("B100").ok_or_else(|| FieldError::missing("B100"))?;
    let country = identity.value_at("B190").unwrap_or_else(|| "US".into());
    let office =
        OfficeCode::parse(&country).map_err(|_| FieldError::invalid("B190", &country, "a two-letter office code"))?;
    let number = identity.value_at("B110").ok_or_else(|| FieldError::missing("B110"))?;
    let mut patent = Patent::new(office, number);
    patent.kind_code = identity.value_at("B130");
    patent.dates.publication = opt_date("B140", identity.value_at("B140"))?;
    patent.dates.grant = patent.dates.publication;
    if let Some(application) = biblio.child("B200") {
        patent.application_number = application.value_at("B210");
        patent.dates.filing = opt_date("B220", application.value_at("B220"))?;
    }
    for priority in biblio.children("B300") {
        patent.priority_claims.push(PriorityClaim {
            country: priority.value_at("B330"),
            number: priority.value_at("B310"),
            date: opt_date("B320", priority.value_at("B320"))?,
        });
    }
    let language = Some("en");
    if let Some(classes) = biblio.child("B500") {
        patent.titles =
            classes.children("B540").filter_map(Node::value).map(|t| LocalizedText::new(language, t)).collect();
        let design = patent.kind_code.as_deref().is_some_and(|k| k.starts_with('S'));
        if !design {
            patent.ipc = classes
                .all("B510/B511")
                .into_iter()
                .chain(classes.all("B510/B512"))
                .filter_map(|c| fixed_width_ipc(c.text_raw().trim_start()))
                .collect();
        }
        patent.citations = citations(classes);
    }
    if let Some(parties) = biblio.child("B700") {
        patent.inventors = parties.all("B720/B721").into_iter().filter_map(party).collect();
        patent.assignees = parties.all("B730/B731").into_iter().filter_map(party).collect();
    }
    patent.abstracts =
        doc.children("SDOAB").filter_map(|a| a.paragraphs("PARA")).map(|t| LocalizedText::new(language, t)).collect();
    patent.claims = doc.all("SDOCL/CL/CLM").into_iter().filter_map(Node::value).collect();
    patent.description = doc.child("SDODE").and_then(|d| d.paragraphs("PARA"));
    Ok(patent.into())
}

/// The party of a `B721`/`B731`: the `PARTY-US` (or other `PARTY-*`) with its `NAM` and `ADR`.
fn party(node: &Node) -> Option<Party> {
    let party = party_element(node)?;
    let name = name(party.child("NAM")?)?;
    let address = party.child("ADR").map(|a| Address {
        lines: a.children("STR").filter_map(Node::value).collect(),
        city: a.value_at("CITY"),
        region: a.value_at("STATE"),
        postcode: a.value_at("PCODE"),
        country: a.value_at("CTRY"),
    });
    let country = address.as_ref().and_then(|a| a.country.clone());
    Some(Party { name, country, address: address.filter(|a| !a.is_empty()) })
}

fn party_element(node: &Node) -> Option<&Node> {
    node.elements().find(|n| n.name.starts_with("PARTY"))
}

/// The name in a `NAM`: an organisation (`ONM`) or given names (`FNM`) and surname (`SNM`).
fn name(nam: &Node) -> Option<String> {
    if let Some(org) = nam.value_at("ONM") {
        return Some(org);
    }
    let parts: Vec<String> = ["FNM", "SNM"].iter().filter_map(|f| nam.value_at(f)).collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// `B561` patent citations (US unless `CTRY` says otherwise) and `B562` non-patent ones, each
/// with who cited it.
fn citations(classes: &Node) -> Vec<Citation> {
    let Some(list) = classes.child("B560") else { return Vec::new() };
    list.elements()
        .filter_map(|entry| {
            let category = if entry.child("CITED-BY-EXAMINER").is_some() {
                Some("cited by examiner".to_owned())
            } else if entry.child("CITED-BY-OTHER").is_some() {
                Some("cited by other".to_owned())
            } else {
                None
            };
            match entry.name.as_str() {
                "B561" => {
                    let citation = entry.child("PCIT")?;
                    let doc = citation.child("DOC")?;
                    Some(Citation {
                        country: doc.value_at("CTRY").or_else(|| Some("US".to_owned())),
                        number: doc.value_at("DNUM"),
                        kind: doc.value_at("KIND"),
                        name: party_element(citation).and_then(|p| p.child("NAM")).and_then(name),
                        date: doc.value_at("DATE").and_then(|d| date("B561/DATE", &d).ok().flatten()),
                        category,
                        text: None,
                    })
                }
                "B562" => Some(Citation {
                    country: None,
                    number: None,
                    kind: None,
                    name: None,
                    date: None,
                    category,
                    text: Some(entry.child("NCIT")?.value()?),
                }),
                _ => None,
            }
        })
        .collect()
}
