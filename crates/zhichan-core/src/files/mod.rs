//! Case documents: uploads streamed to disk (never held whole in memory), limited in size,
//! recognised by their content against an allow-list, hashed with SHA-256 on receipt and kept
//! content-addressed under one root directory:
//!
//! ```text
//! <root>/tmp/<random>.part      an upload in progress (removed unless it is accepted)
//! <root>/<ab>/<abcdef…>         a stored file, named by the SHA-256 of its content
//! ```
//!
//! An identical second upload is stored once. The temporary directory is inside the root so the
//! final move is an atomic rename on the same file system — also on a shared (NFS) volume, which
//! is what several `serve` processes on one PostgreSQL must use as the root.
//!
//! Accepted: PDF, PNG, JPEG, GIF, WebP, TIFF, Word / Excel / PowerPoint (OOXML), ZIP and plain
//! UTF-8 text. What the bytes are decides, never the file name (see `sniff`).
//!
//! The store knows nothing of cases or access: the case engine checks who may upload or
//! download before it calls [`FileStore::receive`] or [`FileStore::open`], and records the
//! [`EvidenceFile`] in the case's history.

mod name;
mod partial;
mod receipt;
mod sniff;

use std::path::{Path, PathBuf};
use std::pin::pin;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::stream::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use zhichan_domain::InvalidValue;
use zhichan_domain::case::EvidenceFile;

use crate::{Core, CoreError, CoreResult};
use partial::Partial;
use receipt::Receipt;

/// The directory under the root where uploads in progress are written.
const TMP_DIR: &str = "tmp";

/// Content-addressed storage of case documents under one root directory.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
    max_bytes: u64,
}

impl FileStore {
    /// Storage under `root` (created when first needed) accepting files of at most `max_bytes`.
    pub fn new(root: PathBuf, max_bytes: u64) -> Self {
        Self { root, max_bytes }
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The largest file accepted, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// Receives the upload `file_name` whose content `body` yields, checking it as it arrives
    /// and storing it by its SHA-256. Refused, with nothing left on disk: a name with nothing
    /// visible in it (`invalid_input`, field `file_name`), an empty file or a stream that fails
    /// half-way (`invalid_input`, field `file`), more than [`max_bytes`](Self::max_bytes)
    /// (`file_too_large`), content of a type not accepted (`unsupported_media_type`, naming what
    /// it is).
    pub async fn receive<S, E>(&self, file_name: &str, body: S) -> CoreResult<EvidenceFile>
    where
        S: Stream<Item = Result<Bytes, E>>,
        E: std::fmt::Display,
    {
        let file_name = name::sanitise(file_name)?;
        let mut partial = Partial::create(&self.root.join(TMP_DIR)).await?;
        let mut receipt = Receipt::new(self.max_bytes);
        let mut body = pin!(body);
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|error| InvalidValue::new("file", format!("a complete upload ({error})")))?;
            receipt.take(&chunk)?;
            partial.write(&chunk).await?;
        }
        let received = receipt.finish()?;
        partial.keep_as(&self.path_of(&received.sha256), received.size).await?;
        Ok(EvidenceFile {
            file_name,
            media_type: received.media_type.to_owned(),
            size: received.size,
            sha256: received.sha256,
        })
    }

    /// Opens the stored file whose content has the SHA-256 `sha256` (64 lowercase hex digits;
    /// anything else is refused, so no path can be made of it). `not_found` when absent.
    pub async fn open(&self, sha256: &str) -> CoreResult<tokio::fs::File> {
        let path = self.stored_path(sha256)?;
        tokio::fs::File::open(&path).await.map_err(|error| absent_or_internal(error, &path))
    }

    /// Whether the stored file `sha256` still hashes to its name: what integrity checks run.
    /// `not_found` when absent.
    pub async fn verify(&self, sha256: &str) -> CoreResult<bool> {
        let path = self.stored_path(sha256)?;
        let expected = sha256.to_owned();
        tokio::task::spawn_blocking(move || {
            let file = std::fs::File::open(&path).map_err(|error| absent_or_internal(error, &path))?;
            Ok(hash_of(file).map_err(CoreError::internal)? == expected)
        })
        .await
        .map_err(CoreError::internal)?
    }

    /// Where the file `sha256` is (or would be) kept, once the name is checked.
    fn stored_path(&self, sha256: &str) -> CoreResult<PathBuf> {
        let is_digest = sha256.len() == 64 && sha256.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !is_digest {
            return Err(InvalidValue::new("sha256", "a SHA-256 digest: 64 lowercase hexadecimal digits").into());
        }
        Ok(self.path_of(sha256))
    }

    /// Where the file of a checked digest is kept.
    fn path_of(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2]).join(sha256)
    }
}

/// SHA-256 of everything `reader` yields, lowercase hex.
fn hash_of(mut reader: impl std::io::Read) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    loop {
        match reader.read(&mut buffer)? {
            0 => return Ok(hex::encode(hasher.finalize())),
            read => hasher.update(&buffer[..read]),
        }
    }
}

/// `not_found` for a missing file, an internal error (with the path) for any other failure.
fn absent_or_internal(error: std::io::Error, path: &Path) -> CoreError {
    match error.kind() {
        std::io::ErrorKind::NotFound => CoreError::NotFound("file"),
        _ => CoreError::internal(format!("cannot read {}: {error}", path.display())),
    }
}

impl Core {
    /// Attaches the store of case documents.
    pub fn with_files(mut self, files: FileStore) -> Self {
        self.files = Some(Arc::new(files));
        self
    }

    /// The store of case documents (an internal error when none is attached).
    pub fn files(&self) -> CoreResult<&FileStore> {
        self.files.as_deref().ok_or_else(|| CoreError::internal("no file store is attached"))
    }
}
