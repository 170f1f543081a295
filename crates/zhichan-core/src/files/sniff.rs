//! What an upload is, told from its content and never from its name: the `infer` crate's table
//! of signatures for the binary formats, and a chunk-by-chunk check for plain UTF-8 text.
//!
//! `infer` (pure Rust, no magic database, no IO) is used rather than a table of our own because
//! it also recognises what is refused — an ELF or Windows executable, an installer, a video — so
//! the refusal can name it, and it tells Word, Excel and PowerPoint files from other zip archives
//! by their first entries.

/// How many leading bytes the type is recognised from (OOXML files are told from other zip
/// archives by the names of their first entries, which may lie a few kilobytes in).
pub(super) const SNIFF_BYTES: usize = 16 * 1024;

/// The media type of accepted plain text (the content was checked to be UTF-8).
pub(super) const TEXT: &str = "text/plain; charset=utf-8";

/// What content that is neither an accepted format nor text is called in a refusal.
pub(super) const BINARY: &str = "unrecognised binary data";

/// The binary formats accepted, by the media type `infer` names them with.
const ACCEPTED: [&str; 10] = [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/tiff",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/zip",
];

/// The media type of content starting with `head`, or what it was found to be when refused.
/// `text` says whether the content read so far is UTF-8 text ([`TextCheck`]): a recognised
/// format wins (an all-ASCII PDF is a PDF), then text (a note starting "BM" is text, not a
/// bitmap), and anything else is refused with the name of its format when it has one.
pub(super) fn recognise(head: &[u8], text: bool) -> Result<&'static str, String> {
    let found = infer::get(head);
    if let Some(kind) = found
        && let Some(accepted) = ACCEPTED.iter().find(|accepted| **accepted == kind.mime_type())
    {
        return Ok(accepted);
    }
    if text {
        return Ok(TEXT);
    }
    Err(found.map_or(BINARY, |kind| kind.mime_type()).to_owned())
}

/// Follows content chunk by chunk and tells whether all of it is UTF-8 text free of control
/// characters other than tab, line feed, form feed and carriage return. A character split
/// between chunks is carried over; memory stays at most three bytes.
#[derive(Debug, Default)]
pub(super) struct TextCheck {
    /// The start of a character the last chunk ended in the middle of.
    pending: Vec<u8>,
    /// Set at the first byte that cannot be text; nothing is checked after it.
    failed: bool,
}

impl TextCheck {
    /// Checks the next chunk.
    pub(super) fn feed(&mut self, chunk: &[u8]) {
        if !self.failed {
            self.failed = !self.accepts(chunk);
        }
    }

    /// Whether everything fed so far can be text (a character may still be incomplete).
    pub(super) fn so_far(&self) -> bool {
        !self.failed
    }

    /// Whether everything fed was text, ending on a whole character.
    pub(super) fn complete(&self) -> bool {
        !self.failed && self.pending.is_empty()
    }

    fn accepts(&mut self, mut chunk: &[u8]) -> bool {
        if chunk.iter().any(|&byte| is_forbidden_control(byte)) {
            return false;
        }
        if let Some(&first) = self.pending.first() {
            let width = utf8_width(first);
            let take = (width - self.pending.len()).min(chunk.len());
            self.pending.extend_from_slice(&chunk[..take]);
            chunk = &chunk[take..];
            if self.pending.len() < width {
                return true;
            }
            if std::str::from_utf8(&self.pending).is_err() {
                return false;
            }
            self.pending.clear();
        }
        match std::str::from_utf8(chunk) {
            Ok(_) => true,
            Err(error) if error.error_len().is_none() => {
                self.pending = chunk[error.valid_up_to()..].to_vec();
                true
            }
            Err(_) => false,
        }
    }
}

/// Control characters plain text does not contain (NUL, escape, delete, …).
fn is_forbidden_control(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | 0x0C | b'\r')) || byte == 0x7F
}

/// The length of the UTF-8 sequence a leading byte starts.
fn utf8_width(first: u8) -> usize {
    match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_in_chunks(content: &[u8], chunk: usize) -> bool {
        let mut check = TextCheck::default();
        for piece in content.chunks(chunk) {
            check.feed(piece);
        }
        check.complete()
    }

    #[test]
    fn utf8_text_split_anywhere_is_text() {
        let content = "商标异议答辩书\r\n第 7 类：机械设备 — 附件一\t✓ 🙂\n".as_bytes();
        for chunk in 1..=content.len() {
            assert!(text_in_chunks(content, chunk), "chunks of {chunk}");
        }
    }

    #[test]
    fn broken_or_binary_content_is_not_text() {
        let cut = &"证据".as_bytes()[..4];
        let cases: [&[u8]; 5] = [cut, b"abc\0def", b"\x1b[31mred", b"caf\xe9", b"\xed\xa0\x80surrogate"];
        for content in cases {
            for chunk in 1..=content.len() {
                assert!(!text_in_chunks(content, chunk), "{content:?} in chunks of {chunk}");
            }
        }
    }

    #[test]
    fn formats_are_told_by_content() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(recognise(png, false), Ok("image/png"));
        assert_eq!(recognise(b"%PDF-1.7\n1 0 obj\n", true), Ok("application/pdf"));
        assert_eq!(recognise(b"\xff\xd8\xff\xe0\0\x10JFIF", false), Ok("image/jpeg"));
        assert_eq!(recognise(b"GIF89a\x01\0\x01\0", false), Ok("image/gif"));
        assert_eq!(recognise(b"RIFF\x24\0\0\0WEBPVP8 ", false), Ok("image/webp"));
        assert_eq!(recognise(b"II*\0\x08\0\0\0\x0e\0\0\x01", false), Ok("image/tiff"));
        assert_eq!(recognise(b"BMW dealers in Macau", true), Ok(TEXT));
        let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
        elf.resize(64, 0);
        assert_eq!(recognise(&elf, false), Err("application/x-executable".to_owned()));
        assert_eq!(recognise(b"\0\x01\x02\x03", false), Err(BINARY.to_owned()));
    }
}
