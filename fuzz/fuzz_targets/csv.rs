//! Fuzzes the CSV readers.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhichan_ingest_fuzz::read_with_head(zhichan_ingest_fuzz::CSV, data));
