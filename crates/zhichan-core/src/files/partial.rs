//! An upload's temporary file: written as the bytes arrive, moved into the store when they all
//! passed, and removed in every other case — an error, a refusal, or the request being dropped
//! half-way (the removal happens when it goes out of scope).

use std::path::{Path, PathBuf};

use tokio::io::{AsyncWriteExt, BufWriter};

use crate::{CoreError, CoreResult};

/// Bytes gathered before each write to the disk.
const WRITE_BUFFER: usize = 256 * 1024;

/// A temporary file of an upload in progress.
pub(super) struct Partial {
    path: PathBuf,
    writer: BufWriter<tokio::fs::File>,
    kept: bool,
}

impl Partial {
    /// A new, empty temporary file with a random name in `dir`.
    pub(super) async fn create(dir: &Path) -> CoreResult<Self> {
        tokio::fs::create_dir_all(dir).await.map_err(CoreError::internal)?;
        let path = dir.join(format!("{}.part", crate::accounts::random_token()?));
        // Created here, synchronously (an empty file: no wait worth a thread), so that no await
        // separates the file's creation from the guard that removes it: a request dropped at
        // any point leaves nothing behind.
        let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(CoreError::internal)?;
        let file = tokio::fs::File::from_std(file);
        Ok(Self { path, writer: BufWriter::with_capacity(WRITE_BUFFER, file), kept: false })
    }

    /// Appends `bytes`.
    pub(super) async fn write(&mut self, bytes: &[u8]) -> CoreResult<()> {
        self.writer.write_all(bytes).await.map_err(CoreError::internal)
    }

    /// Makes the content durable and moves it to `target`. When `target` already holds content
    /// of the same size it is the same content (the name is its SHA-256), stored before: it is
    /// kept and this copy dropped. A different size means the stored copy was damaged, and this
    /// one replaces it.
    pub(super) async fn keep_as(mut self, target: &Path, size: u64) -> CoreResult<()> {
        self.writer.flush().await.map_err(CoreError::internal)?;
        self.writer.get_ref().sync_all().await.map_err(CoreError::internal)?;
        match tokio::fs::metadata(target).await {
            Ok(stored) if stored.len() == size => return Ok(()),
            Ok(stored) => {
                tracing::warn!(path = %target.display(), stored = stored.len(), size, "replacing a damaged stored file");
            }
            Err(_) => {}
        }
        if let Some(parent) = target.parent() {
            tokio::fs::create_dir_all(parent).await.map_err(CoreError::internal)?;
        }
        tokio::fs::rename(&self.path, target).await.map_err(CoreError::internal)?;
        self.kept = true;
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.kept
            && let Err(error) = std::fs::remove_file(&self.path)
            && error.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(path = %self.path.display(), %error, "cannot remove an upload's temporary file");
        }
    }
}
