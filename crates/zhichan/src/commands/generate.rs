//! `zhichan generate`: write realistic generated records as JSON Lines, for benchmarks and tests.
//! Opens no database. With `--out DIR` it writes `trademarks-000.jsonl`… and `patents-000.jsonl`…
//! (a million records per file); without, it streams one JSON Lines stream to standard output.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use zhichan_generate::{GenerateConfig, OutputOptions, write_jsonl, write_jsonl_stream};

/// Options of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Trademark records to generate.
    #[arg(long, default_value_t = 0)]
    trademarks: u64,
    /// Patent records to generate.
    #[arg(long, default_value_t = 0)]
    patents: u64,
    /// Seed: the same seed gives byte-identical output.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Directory for the files (created if missing); standard output when absent.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Compress with gzip (`.jsonl.gz` files, or a gzip stream on standard output).
    #[arg(long)]
    gzip: bool,
    /// Threads rendering records; 0 means one per CPU. Output is the same for any value.
    #[arg(long, default_value_t = 0)]
    jobs: usize,
}

/// Runs the command and prints a summary (to standard error when records go to standard output).
pub fn run(args: GenerateArgs) -> anyhow::Result<()> {
    let config = GenerateConfig { trademarks: args.trademarks, patents: args.patents, seed: args.seed };
    match &args.out {
        Some(dir) => {
            let options = OutputOptions { gzip: args.gzip, jobs: args.jobs, ..OutputOptions::new(dir) };
            let summary =
                write_jsonl(&config, &options).with_context(|| format!("cannot generate into {}", dir.display()))?;
            for file in &summary.files {
                println!("{}  {} records  {} bytes", file.path.display(), file.records, file.file_bytes);
            }
            print_rates(
                &mut io::stdout(),
                summary.files.len(),
                summary.records(),
                summary.json_bytes(),
                Some(summary.file_bytes()),
                summary.elapsed.as_secs_f64(),
            )?;
        }
        None => {
            let started = Instant::now();
            let bytes = write_jsonl_stream(&config, io::stdout().lock(), args.gzip, args.jobs)
                .context("cannot generate to standard output")?;
            let records = config.trademarks + config.patents;
            print_rates(&mut io::stderr(), 0, records, bytes, None, started.elapsed().as_secs_f64())?;
        }
    }
    Ok(())
}

fn print_rates(
    to: &mut impl Write,
    files: usize,
    records: u64,
    json_bytes: u64,
    file_bytes: Option<u64>,
    seconds: f64,
) -> io::Result<()> {
    let seconds = seconds.max(1e-9);
    let on_disk = file_bytes.map(|b| format!(", {b} bytes on disk")).unwrap_or_default();
    writeln!(
        to,
        "{files} file(s), {records} records, {json_bytes} JSON bytes{on_disk} in {seconds:.2} s: \
         {:.0} records/s, {:.1} MB/s of JSON",
        records as f64 / seconds,
        json_bytes as f64 / seconds / 1e6,
    )
}
