//! Shared XML machinery: every XML reader streams the input, cuts it into documents
//! ([`split`]), captures one record's subtree at a time ([`stream`]) and reads fields from that
//! small tree ([`node`]). Memory is bounded by the largest record, not by the file.

mod entities;
pub(crate) mod node;
pub(crate) mod split;
pub(crate) mod stream;

pub(crate) use node::Node;
pub(crate) use stream::{Captured, EachElement, RecordBuilder, XmlRecords};
