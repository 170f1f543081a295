//! Patent readers, one module per source format.

pub(crate) mod jsonl;
pub(crate) mod uspto_xml;
