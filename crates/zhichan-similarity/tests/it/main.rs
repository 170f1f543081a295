//! Integration tests of zhichan-similarity.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod evaluation;
mod screening_bound;
