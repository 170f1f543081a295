//! Files on disk: shard names and sizes, gzip, and output independent of the thread count.

use std::io::Read;

use zhichan_generate::{GenerateConfig, OutputOptions, write_jsonl};

use crate::{jsonl, jsonl_with};

const CONFIG: GenerateConfig = GenerateConfig { trademarks: 2_500, patents: 1_200, seed: 9 };

fn concatenated(dir: &std::path::Path, names: &[&str], gzip: bool) -> Vec<u8> {
    let mut all = Vec::new();
    for name in names {
        let bytes = std::fs::read(dir.join(name)).expect("file exists");
        if gzip {
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut all).expect("valid gzip");
        } else {
            all.extend(bytes);
        }
    }
    all
}

#[test]
fn shards_hold_the_stream_in_order_whatever_the_threads() {
    let names = [
        "trademarks-000.jsonl",
        "trademarks-001.jsonl",
        "trademarks-002.jsonl",
        "patents-000.jsonl",
        "patents-001.jsonl",
    ];
    let stream = jsonl(&CONFIG);
    for jobs in [1, 3] {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = OutputOptions { records_per_file: 1_000, jobs, ..OutputOptions::new(dir.path()) };
        // 1 000 records a file is under one rendering block: the stream test below exercises threads.
        let summary = write_jsonl(&CONFIG, &options).expect("written");
        let written: Vec<String> =
            summary.files.iter().map(|f| f.path.file_name().expect("name").to_string_lossy().into_owned()).collect();
        assert_eq!(written, names);
        assert_eq!(summary.records(), 3_700);
        assert_eq!(summary.json_bytes(), stream.len() as u64);
        assert_eq!(concatenated(dir.path(), &names, false), stream);
    }
}

#[test]
fn gzip_files_decompress_to_the_same_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = OutputOptions { gzip: true, records_per_file: 2_000, ..OutputOptions::new(dir.path()) };
    let summary = write_jsonl(&CONFIG, &options).expect("written");
    let names = ["trademarks-000.jsonl.gz", "trademarks-001.jsonl.gz", "patents-000.jsonl.gz"];
    assert_eq!(summary.files.len(), names.len());
    assert!(summary.file_bytes() < summary.json_bytes() / 3);
    assert_eq!(concatenated(dir.path(), &names, true), jsonl(&CONFIG));
}

#[test]
fn the_stream_is_the_same_for_any_thread_count_and_gzips_as_one_member() {
    let config = GenerateConfig { trademarks: 5_000, patents: 4_500, seed: 4 };
    let one = jsonl(&config);
    assert_eq!(jsonl_with(&config, false, 3), one);
    let mut unzipped = Vec::new();
    // A single-member decoder: readers that ignore further gzip members still see everything.
    flate2::read::GzDecoder::new(&jsonl_with(&config, true, 2)[..]).read_to_end(&mut unzipped).expect("valid gzip");
    assert_eq!(unzipped, one);
}
