//! Integration tests of the store: one conformance suite, run against SQLite and PostgreSQL.

mod conformance;
