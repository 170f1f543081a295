//! Integration tests of the generator: one binary, a module per area.

mod distributions;
mod files;
mod records;

use zhichan_domain::records::Record;
use zhichan_generate::{GenerateConfig, generate};

/// The records of `config`, in output order.
pub fn records(config: &GenerateConfig) -> Vec<Record> {
    let mut out = Vec::new();
    generate(config, |record| {
        out.push(record);
        Ok(())
    })
    .expect("generation succeeds");
    out
}

/// The JSON Lines bytes of `config`, rendered by one thread.
pub fn jsonl(config: &GenerateConfig) -> Vec<u8> {
    jsonl_with(config, false, 1)
}

/// The JSON Lines stream of `config`, gzip-compressed or not, rendered by `jobs` threads.
pub fn jsonl_with(config: &GenerateConfig, gzip: bool, jobs: usize) -> Vec<u8> {
    let mut out = Vec::new();
    zhichan_generate::write_jsonl_stream(config, &mut out, gzip, jobs).expect("generation succeeds");
    out
}
