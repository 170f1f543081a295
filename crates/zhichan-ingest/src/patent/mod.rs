//! Patent readers, one module per source format, and the column set the table formats share.

pub(crate) mod cn_csv;
pub(crate) mod columns;
pub(crate) mod csv;
pub(crate) mod greenbook;
pub(crate) mod jsonl;
pub(crate) mod uspto_pap;
pub(crate) mod uspto_st32;
pub(crate) mod uspto_xml;
