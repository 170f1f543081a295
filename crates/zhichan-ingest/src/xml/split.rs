//! Cuts a byte stream into XML documents at each `<?xml` declaration that starts a line.
//!
//! USPTO weekly bulk files are thousands of complete XML documents laid end to end, each with its
//! own declaration and DOCTYPE; no XML parser accepts that as one document. Splitting lets one
//! bad document become one error while the next is read normally. Memory stays at one segment
//! (a line, at most [`SEGMENT_MAX`] bytes), whatever the file size.

use std::io::{self, BufRead, Read};

/// Longest piece read at once; lines longer than this are served in pieces (a declaration is
/// only recognised at the start of a line, so a piece boundary never hides one).
const SEGMENT_MAX: usize = 64 * 1024;

/// A [`BufRead`] over the current document only: it reports end of input where the next
/// document begins. Call [`DocumentSplitter::next_document`] to move on.
pub(crate) struct DocumentSplitter<R> {
    inner: R,
    segment: Vec<u8>,
    pos: usize,
    segment_at_line_start: bool,
    next_at_line_start: bool,
    /// The loaded segment opens the next document and is not served yet.
    held: bool,
    document_has_content: bool,
    inner_done: bool,
    /// Bytes served so far (offset of `segment[pos]` in the whole stream).
    served: u64,
    document_start: u64,
}

impl<R: BufRead> DocumentSplitter<R> {
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            segment: Vec::new(),
            pos: 0,
            segment_at_line_start: true,
            next_at_line_start: true,
            held: false,
            document_has_content: false,
            inner_done: false,
            served: 0,
            document_start: 0,
        }
    }

    /// Offset of the current document's first byte in the whole stream.
    pub fn document_start(&self) -> u64 {
        self.document_start
    }

    /// Skips what is left of the current document and starts the next; `false` at end of input.
    pub fn next_document(&mut self) -> io::Result<bool> {
        while !self.held {
            let n = self.fill_buf()?.len();
            if n == 0 && !self.held {
                return Ok(false);
            }
            self.consume(n);
        }
        self.held = false;
        self.document_has_content = false;
        self.document_start = self.served;
        Ok(true)
    }

    fn load_segment(&mut self) -> io::Result<()> {
        self.segment.clear();
        self.pos = 0;
        self.segment_at_line_start = self.next_at_line_start;
        while !self.inner_done {
            let available = self.inner.fill_buf()?;
            if available.is_empty() {
                self.inner_done = true;
                break;
            }
            let room = SEGMENT_MAX - self.segment.len();
            let window = &available[..available.len().min(room)];
            if let Some(i) = window.iter().position(|&b| b == b'\n') {
                self.segment.extend_from_slice(&window[..=i]);
                self.inner.consume(i + 1);
                self.next_at_line_start = true;
                return Ok(());
            }
            let n = window.len();
            self.segment.extend_from_slice(window);
            self.inner.consume(n);
            if self.segment.len() >= SEGMENT_MAX {
                self.next_at_line_start = false;
                return Ok(());
            }
        }
        Ok(())
    }
}

/// Whether `segment` opens with an XML declaration (after an optional UTF-8 byte order mark).
fn opens_declaration(segment: &[u8]) -> bool {
    let s = segment.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(segment);
    s.starts_with(b"<?xml") && s.get(5).is_some_and(|b| b.is_ascii_whitespace())
}

impl<R: BufRead> Read for DocumentSplitter<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for DocumentSplitter<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.held {
            return Ok(&[]);
        }
        if self.pos >= self.segment.len() {
            self.load_segment()?;
            if self.segment.is_empty() {
                return Ok(&[]);
            }
            if self.segment_at_line_start && self.document_has_content && opens_declaration(&self.segment) {
                self.held = true;
                return Ok(&[]);
            }
            if self.segment.iter().any(|b| !b.is_ascii_whitespace()) {
                self.document_has_content = true;
            }
        }
        Ok(&self.segment[self.pos..])
    }

    fn consume(&mut self, amount: usize) {
        let amount = amount.min(self.segment.len() - self.pos);
        self.pos += amount;
        self.served += amount as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(input: &[u8]) -> Vec<(u64, String)> {
        let mut splitter = DocumentSplitter::new(input);
        let mut docs = Vec::new();
        loop {
            let start = splitter.document_start();
            let mut text = String::new();
            splitter.read_to_string(&mut text).expect("utf-8");
            docs.push((start, text));
            if !splitter.next_document().expect("read") {
                return docs;
            }
        }
    }

    #[test]
    fn splits_at_declarations_that_start_a_line() {
        let input = b"<?xml version=\"1.0\"?>\n<a/>\n<?xml version=\"1.0\"?>\n<b>x <?xml-stylesheet?></b>\n<?xml version=\"1.0\"?><c/>";
        let docs = documents(input);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0], (0, "<?xml version=\"1.0\"?>\n<a/>\n".to_owned()));
        assert_eq!(docs[1].1, "<?xml version=\"1.0\"?>\n<b>x <?xml-stylesheet?></b>\n");
        assert_eq!(docs[2].0, docs[0].1.len() as u64 + docs[1].1.len() as u64);
        assert_eq!(docs[2].1, "<?xml version=\"1.0\"?><c/>");
    }

    #[test]
    fn a_fragment_without_declaration_is_one_document() {
        let docs = documents(b"  <case-file/>\n<case-file/>\n");
        assert_eq!(docs.len(), 1);
    }

    #[test]
    fn skipping_a_document_lands_on_the_next() {
        let mut splitter = DocumentSplitter::new(&b"<?xml version='1.0'?>\n<a>\n</a>\n<?xml version='1.0'?>\n<b/>"[..]);
        let mut first = [0u8; 4];
        splitter.read_exact(&mut first).expect("read");
        assert!(splitter.next_document().expect("read"));
        let mut rest = String::new();
        splitter.read_to_string(&mut rest).expect("read");
        assert_eq!(rest, "<?xml version='1.0'?>\n<b/>");
        assert!(!splitter.next_document().expect("read"));
    }

    #[test]
    fn long_lines_are_served_in_pieces() {
        let long = "x".repeat(SEGMENT_MAX * 2 + 10);
        let docs = documents(format!("<?xml version='1.0'?>\n<a>{long}</a>\n").as_bytes());
        assert_eq!(docs.len(), 1);
        assert!(docs[0].1.contains(&long));
    }
}
