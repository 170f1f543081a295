//! The checks an upload passes as its bytes arrive: counted against the size limit, hashed,
//! and recognised from its first bytes — so an oversized or refused file is stopped at the chunk
//! that gives it away, not after it was all received.

use sha2::{Digest, Sha256};
use zhichan_domain::InvalidValue;

use super::sniff::{self, BINARY, SNIFF_BYTES, TEXT, TextCheck};
use crate::{CoreError, CoreResult};

/// What a complete, accepted upload turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Received {
    /// The media type recognised.
    pub media_type: &'static str,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
}

/// An upload being received.
pub(super) struct Receipt {
    limit: u64,
    size: u64,
    hasher: Sha256,
    /// The first bytes, until the type is recognised.
    head: Vec<u8>,
    text: TextCheck,
    media_type: Option<&'static str>,
}

impl Receipt {
    /// A receipt refusing more than `limit` bytes.
    pub(super) fn new(limit: u64) -> Self {
        Self { limit, size: 0, hasher: Sha256::new(), head: Vec::new(), text: TextCheck::default(), media_type: None }
    }

    /// Takes the next chunk; refuses the upload once it passes the limit or shows a type that
    /// is not accepted.
    pub(super) fn take(&mut self, chunk: &[u8]) -> CoreResult<()> {
        self.size += chunk.len() as u64;
        if self.size > self.limit {
            return Err(CoreError::FileTooLarge { limit: self.limit });
        }
        self.hasher.update(chunk);
        self.text.feed(chunk);
        match self.media_type {
            None => {
                let room = SNIFF_BYTES - self.head.len();
                self.head.extend_from_slice(&chunk[..room.min(chunk.len())]);
                if self.head.len() == SNIFF_BYTES {
                    self.recognise()?;
                }
            }
            Some(TEXT) if !self.text.so_far() => return Err(not_text()),
            Some(_) => {}
        }
        Ok(())
    }

    /// The upload, once the last chunk was taken.
    pub(super) fn finish(mut self) -> CoreResult<Received> {
        if self.size == 0 {
            return Err(InvalidValue::new("file", "a file that is not empty").into());
        }
        let media_type = match self.media_type {
            Some(media_type) => media_type,
            None => self.recognise()?,
        };
        if media_type == TEXT && !self.text.complete() {
            return Err(not_text());
        }
        Ok(Received { media_type, size: self.size, sha256: hex::encode(self.hasher.finalize()) })
    }

    fn recognise(&mut self) -> CoreResult<&'static str> {
        let media_type = sniff::recognise(&self.head, self.text.so_far())
            .map_err(|found| CoreError::UnsupportedMediaType { found })?;
        self.media_type = Some(media_type);
        self.head = Vec::new();
        Ok(media_type)
    }
}

/// Content that started as text and turned out not to be.
fn not_text() -> CoreError {
    CoreError::UnsupportedMediaType { found: BINARY.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receive(limit: u64, chunks: &[&[u8]]) -> CoreResult<Received> {
        let mut receipt = Receipt::new(limit);
        for chunk in chunks {
            receipt.take(chunk)?;
        }
        receipt.finish()
    }

    #[test]
    fn the_hash_and_size_are_of_the_whole_content() {
        let received = receive(100, &[b"hello ", b"world"]).unwrap();
        assert_eq!(received.size, 11);
        assert_eq!(received.sha256, "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        assert_eq!(received.media_type, TEXT);
    }

    #[test]
    fn the_limit_is_inclusive() {
        assert_eq!(receive(4, &[b"ab", b"cd"]).unwrap().size, 4);
        let over = receive(4, &[b"ab", b"cde"]).unwrap_err();
        assert!(matches!(over, CoreError::FileTooLarge { limit: 4 }), "{over:?}");
    }

    #[test]
    fn an_executable_is_refused_at_its_first_bytes() {
        let mut receipt = Receipt::new(u64::MAX);
        let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
        elf.resize(SNIFF_BYTES, 0);
        let refused = receipt.take(&elf).unwrap_err();
        assert!(matches!(&refused, CoreError::UnsupportedMediaType { found } if found == "application/x-executable"));
    }

    #[test]
    fn text_that_turns_binary_after_the_head_is_refused() {
        let text = vec![b'a'; SNIFF_BYTES + 10];
        let refused = receive(u64::MAX, &[&text, b"\0\0\0"]).unwrap_err();
        assert!(matches!(&refused, CoreError::UnsupportedMediaType { found } if found == BINARY), "{refused:?}");
        assert!(receive(u64::MAX, &[&text, "尾".as_bytes()]).is_ok());
    }

    #[test]
    fn an_empty_file_is_refused() {
        let refused = receive(10, &[]).unwrap_err();
        assert_eq!(refused.field(), Some("file"));
    }
}
