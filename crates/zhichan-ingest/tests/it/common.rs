//! Helpers: locating the shared sample data and reading whole files.

use std::path::PathBuf;

use zhichan_domain::records::Record;
use zhichan_ingest::RecordError;

/// `shared/data/<folder>`, or `None` (with a message) when the samples are not on this machine.
pub fn data(folder: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).join(folder);
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: sample data {} not found", dir.display());
        None
    }
}

/// Every item of a file, which must open.
pub fn read_all(path: &std::path::Path) -> Vec<Result<Record, RecordError>> {
    match zhichan_ingest::open(path) {
        Ok(records) => records.collect(),
        Err(e) => panic!("{} did not open: {e}", path.display()),
    }
}

/// Every record of a file, which must contain no errors.
pub fn records(path: &std::path::Path) -> Vec<Record> {
    read_all(path).into_iter().map(|r| r.unwrap_or_else(|e| panic!("{}: {e}", path.display()))).collect()
}

/// Reads an in-memory input.
pub fn read_bytes(bytes: &[u8]) -> Result<Vec<Result<Record, RecordError>>, RecordError> {
    Ok(zhichan_ingest::read(std::io::Cursor::new(bytes.to_vec()), "test-input")?.collect())
}
