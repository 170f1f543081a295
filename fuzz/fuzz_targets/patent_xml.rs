//! Fuzzes the patent XML readers (v4, ST.32, pap).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhichan_ingest_fuzz::read_with_head(zhichan_ingest_fuzz::PATENT_XML, data));
