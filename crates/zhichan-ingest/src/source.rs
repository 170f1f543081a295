//! Opening inputs: plain files, gzip and zip, recognised by their magic bytes rather than the
//! file name (offices name bulk files inconsistently). Decompression streams; nothing is
//! unpacked to disk or memory.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use flate2::read::{DeflateDecoder, MultiGzDecoder};

use crate::error::{ErrorKind, RecordError};

/// A boxed byte stream; `Send` so a caller may read on a worker thread.
pub(crate) type Stream = Box<dyn BufRead + Send>;

const GZIP_MAGIC: [u8; 2] = [0x1F, 0x8B];
const ZIP_MAGIC: [u8; 4] = [b'P', b'K', 0x03, 0x04];
const EMPTY_ZIP_MAGIC: [u8; 4] = [b'P', b'K', 0x05, 0x06];

/// The container around the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    Plain,
    Gzip,
    Zip,
}

pub(crate) fn sniff(head: &[u8]) -> Container {
    if head.starts_with(&GZIP_MAGIC) {
        Container::Gzip
    } else if head.starts_with(&ZIP_MAGIC) || head.starts_with(&EMPTY_ZIP_MAGIC) {
        Container::Zip
    } else {
        Container::Plain
    }
}

/// Peeks at the first bytes of a buffered stream without consuming them.
pub(crate) fn peek(stream: &mut dyn BufRead, want: usize) -> io::Result<Vec<u8>> {
    let available = stream.fill_buf()?;
    Ok(available[..available.len().min(want)].to_vec())
}

/// Unwraps gzip (possibly several layers deep is not supported: one layer, as offices ship).
pub(crate) fn decompress(mut stream: Stream, source: &str) -> Result<Stream, RecordError> {
    let head = peek(&mut stream, 4).map_err(|e| io_error(source, &e))?;
    match sniff(&head) {
        Container::Gzip => Ok(Box::new(BufReader::new(MultiGzDecoder::new(stream)))),
        Container::Zip => Err(RecordError::input(
            source,
            ErrorKind::Archive,
            "zip data can only be read from a file (it needs random access); expected a path, plain or gzip stream",
        )),
        Container::Plain => Ok(stream),
    }
}

pub(crate) fn io_error(source: &str, error: &io::Error) -> RecordError {
    RecordError::input(source, ErrorKind::Io, format!("cannot read: {error}"))
}

/// One member of a zip file, located so it can be streamed on its own.
#[derive(Debug, Clone)]
pub(crate) struct ZipEntry {
    pub name: String,
    data_start: u64,
    compressed_size: u64,
    deflated: bool,
}

/// Lists the file members of a zip (directories skipped), in archive order.
pub(crate) fn zip_entries(path: &Path, source: &str) -> Result<Vec<Result<ZipEntry, RecordError>>, RecordError> {
    let file = File::open(path).map_err(|e| io_error(source, &e))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| {
        RecordError::input(source, ErrorKind::Archive, format!("damaged zip: {e}; expected a readable zip archive"))
    })?;
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let entry = match archive.by_index_raw(i) {
            Ok(entry) => entry,
            Err(e) => {
                entries.push(Err(RecordError::input(source, ErrorKind::Archive, format!("zip member {i}: {e}"))));
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("#{i}"));
        let member = format!("{source}!{name}");
        let deflated = match entry.compression() {
            zip::CompressionMethod::Stored => false,
            zip::CompressionMethod::DEFLATE => true,
            other => {
                entries.push(Err(RecordError::input(
                    &member,
                    ErrorKind::Archive,
                    format!("compression method {other:?} is not supported; expected stored or deflate"),
                )));
                continue;
            }
        };
        match entry.data_start() {
            Some(data_start) => entries.push(Ok(ZipEntry {
                name: member,
                data_start,
                compressed_size: entry.compressed_size(),
                deflated,
            })),
            None => entries.push(Err(RecordError::input(
                &member,
                ErrorKind::Archive,
                "the member's data could not be located",
            ))),
        }
    }
    Ok(entries)
}

/// Streams one zip member, decompressing as it goes.
pub(crate) fn open_zip_entry(path: &Path, entry: &ZipEntry) -> Result<Stream, RecordError> {
    let mut file = File::open(path).map_err(|e| io_error(&entry.name, &e))?;
    file.seek(SeekFrom::Start(entry.data_start)).map_err(|e| io_error(&entry.name, &e))?;
    let raw = file.take(entry.compressed_size);
    if entry.deflated {
        Ok(Box::new(BufReader::new(DeflateDecoder::new(BufReader::new(raw)))))
    } else {
        Ok(Box::new(BufReader::new(raw)))
    }
}

/// Opens a path and tells which container it is.
pub(crate) fn open_file(path: &Path, source: &str) -> Result<(Container, Stream), RecordError> {
    let file = File::open(path).map_err(|e| io_error(source, &e))?;
    let mut stream: Stream = Box::new(BufReader::with_capacity(64 * 1024, file));
    let head = peek(&mut stream, 4).map_err(|e| io_error(source, &e))?;
    Ok((sniff(&head), stream))
}

/// Reads up to `len` bytes for format detection and gives back a stream that still starts at
/// the beginning.
pub(crate) fn with_prefix(mut stream: Stream, len: usize, source: &str) -> Result<(Vec<u8>, Stream), RecordError> {
    let mut prefix = Vec::with_capacity(len);
    (&mut stream).take(len as u64).read_to_end(&mut prefix).map_err(|e| {
        let kind = if e.kind() == io::ErrorKind::InvalidInput || e.kind() == io::ErrorKind::InvalidData {
            ErrorKind::Archive
        } else {
            ErrorKind::Io
        };
        RecordError::input(source, kind, format!("cannot read: {e}"))
    })?;
    let replay = io::Cursor::new(prefix.clone()).chain(stream);
    Ok((prefix, Box::new(BufReader::new(replay))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_magic_bytes() {
        assert_eq!(sniff(&[0x1F, 0x8B, 8, 0]), Container::Gzip);
        assert_eq!(sniff(b"PK\x03\x04"), Container::Zip);
        assert_eq!(sniff(b"<?xm"), Container::Plain);
        assert_eq!(sniff(b""), Container::Plain);
    }

    #[test]
    fn prefix_is_replayed() {
        let stream: Stream = Box::new(io::Cursor::new(b"hello world".to_vec()));
        let (prefix, mut rest) = with_prefix(stream, 5, "t").expect("read");
        assert_eq!(prefix, b"hello");
        let mut all = String::new();
        rest.read_to_string(&mut all).expect("read");
        assert_eq!(all, "hello world");
    }
}
