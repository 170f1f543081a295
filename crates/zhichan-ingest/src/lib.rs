//! Streaming readers of the IP offices' bulk record formats (zhichan / 知产通).
//!
//! Each reader turns one source format into [`zhichan_domain::records::Record`]s, one at a time:
//! memory follows the largest record, not the file. Inputs may be plain, gzip or zip (recognised
//! by magic bytes); the format is detected from the first bytes ([`Format`]). Every problem is a
//! [`RecordError`] naming the input, the byte or line, the record and the field, and a bad record
//! does not stop the records after it where the format allows resynchronising.
//!
//! ```no_run
//! for item in zhichan_ingest::open("ipg130416.zip")? {
//!     match item {
//!         Ok(record) => println!("{}", record.key()),
//!         Err(error) => eprintln!("{error}"),
//!     }
//! }
//! # Ok::<(), zhichan_ingest::RecordError>(())
//! ```
//!
//! This crate depends on `zhichan-domain` only: it must never depend on the store, the search
//! index or the web layer, so importing stays testable on files alone.

mod csv_rows;
mod detect;
mod error;
mod fields;
mod lines;
mod patent;
mod record_jsonl;
pub mod reference;
mod source;
mod trademark;
mod xml;

use std::io::Read;
use std::path::Path;

use zhichan_domain::records::Record;

pub use detect::Format;
pub use error::{ErrorKind, Position, RecordError};

use source::{Container, Stream};

/// The records of one input, in file order. Items are `Err` for records (or zip members) that
/// could not be read; iteration goes on after them.
pub struct Records {
    inner: Box<dyn Iterator<Item = Result<Record, RecordError>> + Send>,
    format: Option<Format>,
}

impl Records {
    /// The detected format (for a zip: of its first member).
    pub fn format(&self) -> Option<Format> {
        self.format
    }
}

impl Iterator for Records {
    type Item = Result<Record, RecordError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Records").field("format", &self.format).finish_non_exhaustive()
    }
}

/// Opens a file (plain, gzip or zip) and detects its format. Errors here concern the input as a
/// whole (missing, empty, binary, unknown format); record errors come as items.
pub fn open(path: impl AsRef<Path>) -> Result<Records, RecordError> {
    let path = path.as_ref();
    let source = path.display().to_string();
    let (container, stream) = source::open_file(path, &source)?;
    match container {
        Container::Zip => open_zip(path, &source),
        Container::Gzip | Container::Plain => from_stream(stream, &source),
    }
}

/// Reads records from a byte stream (plain or gzip; zip needs [`open`]). `source_name` is used
/// in error messages.
pub fn read<R: Read + Send + 'static>(input: R, source_name: &str) -> Result<Records, RecordError> {
    let stream: Stream = Box::new(std::io::BufReader::with_capacity(64 * 1024, input));
    from_stream(stream, source_name)
}

fn from_stream(stream: Stream, source: &str) -> Result<Records, RecordError> {
    let stream = source::decompress(stream, source)?;
    let (prefix, stream) = source::with_prefix(stream, detect::PREFIX_LEN, source)?;
    let format = detect::detect(&prefix).map_err(|r| RecordError::input(source, r.kind, r.detail))?;
    Ok(Records { inner: reader_for(format, stream, source), format: Some(format) })
}

fn reader_for(
    format: Format,
    stream: Stream,
    source: &str,
) -> Box<dyn Iterator<Item = Result<Record, RecordError>> + Send> {
    match format {
        Format::UsptoTrademarkCaseFile => Box::new(trademark::uspto_casefile::reader(stream, source)),
        Format::WipoSt66 => Box::new(trademark::st66::reader(stream, source)),
        Format::WipoSt96 => Box::new(trademark::st96::reader(stream, source)),
        Format::UsptoPatentXml => Box::new(patent::uspto_xml::reader(stream, source)),
        Format::UsptoPatentSt32Xml => Box::new(patent::uspto_st32::reader(stream, source)),
        Format::UsptoPatentPapXml => Box::new(patent::uspto_pap::reader(stream, source)),
        Format::EpoExchange => Box::new(patent::epo_exchange::reader(stream, source)),
        Format::UsptoGreenbook => Box::new(patent::greenbook::reader(stream, source)),
        Format::PatentJsonLines => Box::new(patent::jsonl::reader(stream, source)),
        Format::RecordJsonLines => Box::new(record_jsonl::reader(stream, source)),
        Format::TrademarkCsv => Box::new(trademark::csv::reader(stream, source)),
        Format::PatentCsv => Box::new(patent::csv::reader(stream, source)),
        Format::CnPatentCsv => Box::new(patent::cn_csv::reader(stream, source)),
    }
}

/// A zip: each member is detected and read in turn, lazily.
fn open_zip(path: &Path, source: &str) -> Result<Records, RecordError> {
    let entries = source::zip_entries(path, source)?;
    let path = path.to_path_buf();
    let mut format = None;
    if let Some(Ok(first)) = entries.first() {
        let stream = source::open_zip_entry(&path, first)?;
        if let Ok((prefix, _)) = source::with_prefix(stream, detect::PREFIX_LEN, &first.name) {
            format = detect::detect(&prefix).ok();
        }
    }
    let inner =
        entries.into_iter().flat_map(move |entry| -> Box<dyn Iterator<Item = Result<Record, RecordError>> + Send> {
            let opened = entry.and_then(|entry| {
                let stream = source::open_zip_entry(&path, &entry)?;
                from_stream(stream, &entry.name)
            });
            match opened {
                Ok(records) => records.inner,
                Err(error) => Box::new(std::iter::once(Err(error))),
            }
        });
    Ok(Records { inner: Box::new(inner), format })
}
