//! Fuzzes arbitrary bytes, no head: detection, gzip and every reader it can reach.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhichan_ingest_fuzz::read_with_head(&[], data));
