//! Integration tests of zhichan-query: the documented examples and property tests over the parser.

mod docs;
mod roundtrip;
