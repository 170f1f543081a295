//! Integration tests of the store: one conformance suite, run against SQLite and PostgreSQL.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions unwrap too

mod conformance;
