//! Patent readers, one module per source format, and the column set the table formats share.

pub(crate) mod cn_csv;
pub(crate) mod columns;
pub(crate) mod csv;
pub(crate) mod epo_exchange;
pub(crate) mod greenbook;
pub(crate) mod jsonl;
pub(crate) mod uspto_pap;
pub(crate) mod uspto_st32;
pub(crate) mod uspto_xml;

use zhichan_domain::records::Citation;

use crate::fields::{classification_symbol, date};
use crate::xml::Node;

/// `A45F 5/04` from the `section`/`class`/`subclass`/`main-group`/`subgroup` children that
/// WIPO ST.36 derived formats share (USPTO `classification-ipcr`/`classification-cpc`, EPO
/// `patent-classification`).
pub(crate) fn structured_symbol(node: &Node) -> Option<String> {
    let subclass = format!("{}{}{}", node.value_at("section")?, node.value_at("class")?, node.value_at("subclass")?);
    Some(classification_symbol(
        &subclass,
        &node.value_at("main-group")?,
        &node.value_at("subgroup").unwrap_or_default(),
    ))
}

/// One ST.36 style `citation`: the patent `document-id` chosen by the caller (formats differ in
/// which of several ids to prefer), else the `nplcit` text; `None` when it has neither.
pub(crate) fn citation(citation: &Node, id: Option<&Node>) -> Option<Citation> {
    let category = citation.value_at("category");
    if let Some(id) = id {
        return Some(Citation {
            country: id.value_at("country"),
            number: id.value_at("doc-number"),
            kind: id.value_at("kind"),
            name: id.value_at("name"),
            date: id.value_at("date").and_then(|d| date("citation/date", &d).ok().flatten()),
            category,
            text: None,
        });
    }
    let text = citation.at("nplcit").and_then(Node::value)?;
    Some(Citation { country: None, number: None, kind: None, name: None, date: None, category, text: Some(text) })
}
