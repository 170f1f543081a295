//! Fuzzes the JSON Lines readers.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhichan_ingest_fuzz::read_with_head(zhichan_ingest_fuzz::JSON_LINES, data));
