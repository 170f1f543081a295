//! JSON Lines files: one `serde_json::to_string(&record)` per line, the platform's interchange
//! format, in shards of at most [`RECORDS_PER_FILE`] records (`trademarks-000.jsonl`,
//! `trademarks-001.jsonl`, …, `patents-000.jsonl`, …), optionally gzip-compressed.
//!
//! Record `i` depends only on the seed and `i`, so threads render blocks of records independently
//! and one writer puts them in order: the files are the same whatever the thread count.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use flate2::Compression;
use flate2::write::GzEncoder;
use zhichan_domain::records::Record;

use crate::{GenerateConfig, GenerateError, Generator};

/// Records per file unless told otherwise.
pub const RECORDS_PER_FILE: u64 = 1_000_000;

/// Where and how to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputOptions {
    /// Directory for the files; created if missing.
    pub dir: PathBuf,
    /// Compress each file with gzip (`.jsonl.gz`), at the fastest level: these files are for
    /// feeding benchmarks, not for archiving.
    pub gzip: bool,
    /// Most records in one file; at least 1.
    pub records_per_file: u64,
    /// Threads rendering records; 0 means one per available CPU. Output does not depend on it.
    pub jobs: usize,
}

impl OutputOptions {
    /// Options for `dir` with the defaults: plain JSONL, a million records a file, all CPUs.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into(), gzip: false, records_per_file: RECORDS_PER_FILE, jobs: 0 }
    }
}

/// One file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Its path.
    pub path: PathBuf,
    /// Records in it.
    pub records: u64,
    /// JSON Lines bytes before compression.
    pub json_bytes: u64,
    /// Bytes on disk.
    pub file_bytes: u64,
}

/// What [`write_jsonl`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSummary {
    /// The files, trademarks first, each kind in shard order.
    pub files: Vec<OutputFile>,
    /// Wall-clock time taken.
    pub elapsed: Duration,
}

impl OutputSummary {
    /// Records written.
    pub fn records(&self) -> u64 {
        self.files.iter().map(|f| f.records).sum()
    }

    /// JSON Lines bytes before compression.
    pub fn json_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.json_bytes).sum()
    }

    /// Bytes on disk.
    pub fn file_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.file_bytes).sum()
    }
}

/// Which records one file holds.
#[derive(Debug, Clone)]
struct Shard {
    patents: bool,
    start: u64,
    end: u64,
    path: PathBuf,
}

fn shards(config: &GenerateConfig, options: &OutputOptions) -> Vec<Shard> {
    let per_file = options.records_per_file.max(1);
    let extension = if options.gzip { "jsonl.gz" } else { "jsonl" };
    let mut shards = Vec::new();
    for (patents, count, stem) in [(false, config.trademarks, "trademarks"), (true, config.patents, "patents")] {
        for (number, start) in (0..count).step_by(per_file as usize).enumerate() {
            shards.push(Shard {
                patents,
                start,
                end: (start + per_file).min(count),
                path: options.dir.join(format!("{stem}-{number:03}.{extension}")),
            });
        }
    }
    shards
}

/// Threads to use for `jobs` (0: one per CPU).
fn threads(jobs: usize) -> usize {
    match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

/// Writes `config`'s records as JSON Lines files under `options.dir`, one file after the other,
/// each built by `options.jobs` threads.
pub fn write_jsonl(config: &GenerateConfig, options: &OutputOptions) -> Result<OutputSummary, GenerateError> {
    let started = Instant::now();
    let generator = Generator::new(config.seed)?;
    std::fs::create_dir_all(&options.dir)
        .map_err(|source| GenerateError::Write { path: options.dir.display().to_string(), source })?;
    let jobs = threads(options.jobs);
    let files = shards(config, options)
        .iter()
        .map(|shard| write_shard(&generator, shard, options.gzip, jobs))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(OutputSummary { files, elapsed: started.elapsed() })
}

/// Writes `config`'s records as one JSON Lines stream to `out` (a single gzip member when `gzip`):
/// trademarks, then patents, built by `jobs` threads (0: one per CPU). Returns the JSON bytes
/// written before compression.
pub fn write_jsonl_stream(
    config: &GenerateConfig,
    out: impl Write,
    gzip: bool,
    jobs: usize,
) -> Result<u64, GenerateError> {
    let failed = |source| GenerateError::Write { path: "-".to_owned(), source };
    let generator = Generator::new(config.seed)?;
    let jobs = threads(jobs);
    let out = BufWriter::with_capacity(1 << 20, out);
    let parts = [(false, config.trademarks), (true, config.patents)].map(|(patents, end)| Shard {
        patents,
        start: 0,
        end,
        path: PathBuf::from("-"),
    });
    let mut bytes = 0;
    if gzip {
        let mut encoder = GzEncoder::new(out, Compression::fast());
        for shard in &parts {
            bytes += write_records(&generator, shard, jobs, &mut encoder)?;
        }
        encoder.finish().and_then(|mut inner| inner.flush()).map_err(failed)?;
    } else {
        let mut out = out;
        for shard in &parts {
            bytes += write_records(&generator, shard, jobs, &mut out)?;
        }
        out.flush().map_err(failed)?;
    }
    Ok(bytes)
}

fn write_shard(generator: &Generator, shard: &Shard, gzip: bool, jobs: usize) -> Result<OutputFile, GenerateError> {
    let failed = |source| GenerateError::Write { path: shard.path.display().to_string(), source };
    let file = File::create(&shard.path).map_err(failed)?;
    let buffered = BufWriter::with_capacity(1 << 20, file);
    let json_bytes = if gzip {
        let mut encoder = GzEncoder::new(buffered, Compression::fast());
        let bytes = write_records(generator, shard, jobs, &mut encoder)?;
        encoder.finish().and_then(|mut inner| inner.flush()).map_err(failed)?;
        bytes
    } else {
        let mut buffered = buffered;
        let bytes = write_records(generator, shard, jobs, &mut buffered)?;
        buffered.flush().map_err(failed)?;
        bytes
    };
    let file_bytes = std::fs::metadata(&shard.path).map_err(failed)?.len();
    Ok(OutputFile { path: shard.path.clone(), records: shard.end - shard.start, json_bytes, file_bytes })
}

/// Records rendered per unit of work: large enough to amortise the hand-over, small enough
/// (about 3 MB of JSON) to keep memory flat.
const BLOCK: u64 = 2_048;

/// The JSON Lines of records `start..end` of one kind.
fn render(generator: &Generator, patents: bool, start: u64, end: u64) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(((end - start) * 1_500) as usize);
    for index in start..end {
        let record: Record = if patents { generator.patent(index).into() } else { generator.trademark(index).into() };
        serde_json::to_writer(&mut out, &record)?;
        out.push(b'\n');
    }
    Ok(out)
}

/// Writes the shard's records to `out` in index order; returns the bytes written.
///
/// With several threads, workers take blocks of [`BLOCK`] records in turn and render them; this
/// thread writes the blocks in order as they complete. Output is identical for any thread count.
fn write_records(
    generator: &Generator,
    shard: &Shard,
    jobs: usize,
    out: &mut impl Write,
) -> Result<u64, GenerateError> {
    let failed = |source| GenerateError::Write { path: shard.path.display().to_string(), source };
    let blocks = (shard.end - shard.start).div_ceil(BLOCK);
    let block = |b: u64| {
        let start = shard.start + b * BLOCK;
        render(generator, shard.patents, start, (start + BLOCK).min(shard.end))
    };
    let mut bytes = 0u64;
    if jobs <= 1 || blocks <= 1 {
        for b in 0..blocks {
            let rendered = block(b)?;
            out.write_all(&rendered).map_err(failed)?;
            bytes += rendered.len() as u64;
        }
        return Ok(bytes);
    }
    let next = AtomicU64::new(0);
    let (sender, receiver) = mpsc::sync_channel(2 * jobs);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let sender = sender.clone();
            let (next, block) = (&next, &block);
            scope.spawn(move || {
                loop {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    // A failed send means the writer stopped on an error: stop too.
                    if b >= blocks || sender.send((b, block(b))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Blocks arrive out of order; hold early ones until their turn.
        let mut pending = BTreeMap::new();
        let mut wanted = 0;
        for (b, rendered) in receiver {
            pending.insert(b, rendered);
            while let Some(rendered) = pending.remove(&wanted) {
                let rendered = rendered?;
                out.write_all(&rendered).map_err(failed)?;
                bytes += rendered.len() as u64;
                wanted += 1;
            }
        }
        Ok(bytes)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_each_kind_at_the_file_size() {
        let config = GenerateConfig { trademarks: 5, patents: 2, seed: 1 };
        let options = OutputOptions { records_per_file: 2, ..OutputOptions::new("out") };
        let names: Vec<(String, u64, u64)> =
            shards(&config, &options).into_iter().map(|s| (s.path.display().to_string(), s.start, s.end)).collect();
        assert_eq!(
            names,
            [
                ("out/trademarks-000.jsonl".to_owned(), 0, 2),
                ("out/trademarks-001.jsonl".to_owned(), 2, 4),
                ("out/trademarks-002.jsonl".to_owned(), 4, 5),
                ("out/patents-000.jsonl".to_owned(), 0, 2),
            ]
        );
    }
}
