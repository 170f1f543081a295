//! The streaming engine shared by every XML reader.
//!
//! It walks the events of each document, and when a [`RecordBuilder`] wants an element it
//! captures that element's subtree as a [`Node`] and hands it over. Everything outside wanted
//! elements is skipped without being kept. Syntax errors end the current document (XML cannot be
//! resynchronised reliably inside one) and reading resumes at the next document.

use std::collections::VecDeque;
use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zhichan_domain::records::Record;

use super::node::{Content, Node};
use super::split::DocumentSplitter;
use crate::error::{ErrorKind, Position, RecordError};

/// Largest record subtree accepted, in bytes of input: far above any real record (the largest
/// USPTO patent documents are a few MB), low enough that garbage cannot exhaust memory.
const MAX_RECORD_BYTES: u64 = 256 * 1024 * 1024;

/// A subtree the builder asked for.
pub(crate) struct Captured {
    /// The element and everything inside it.
    pub node: Node,
}

/// What one step of the engine produced.
pub(crate) enum Piece {
    /// A wanted subtree.
    Subtree(Captured),
    /// The current document ended (cleanly or after an error).
    DocumentEnd,
}

/// The format-specific half of an XML reader.
pub(crate) trait RecordBuilder {
    /// Whether the element `name`, inside the open elements `parents` (outermost first), should
    /// be captured.
    fn wants(&self, parents: &[String], name: &str) -> bool;

    /// Receives a captured subtree and pushes any records now complete onto `out`.
    fn take(&mut self, captured: Captured, source: &str, out: &mut VecDeque<Result<Record, RecordError>>);

    /// Called at the end of every document: flush anything held back.
    fn finish_document(&mut self, _source: &str, _out: &mut VecDeque<Result<Record, RecordError>>) {}
}

/// Iterator of records from an XML input, driven by a [`RecordBuilder`].
pub(crate) struct XmlRecords<R: BufRead, B> {
    source: String,
    reader: Option<Reader<DocumentSplitter<R>>>,
    builder: B,
    open: Vec<String>,
    buf: Vec<u8>,
    out: VecDeque<Result<Record, RecordError>>,
}

fn new_reader<R: BufRead>(splitter: DocumentSplitter<R>) -> Reader<DocumentSplitter<R>> {
    let mut reader = Reader::from_reader(splitter);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;
    config.expand_empty_elements = false;
    reader
}

impl<R: BufRead, B: RecordBuilder> XmlRecords<R, B> {
    pub fn new(input: R, source: &str, builder: B) -> Self {
        Self {
            source: source.to_owned(),
            reader: Some(new_reader(DocumentSplitter::new(input))),
            builder,
            open: Vec::new(),
            buf: Vec::new(),
            out: VecDeque::new(),
        }
    }

    /// Reads until a wanted subtree or the end of the document.
    fn step(&mut self, reader: &mut Reader<DocumentSplitter<R>>) -> Result<Piece, RecordError> {
        loop {
            self.buf.clear();
            let before = reader.get_ref().document_start() + reader.buffer_position();
            let event = reader.read_event_into(&mut self.buf).map_err(|e| xml_error(&self.source, reader, &e))?;
            match event {
                Event::Decl(decl) => {
                    if let Some(Ok(encoding)) = decl.encoding() {
                        let name = encoding.to_ascii_lowercase();
                        if !matches!(name.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii") {
                            return Err(error_at(
                                &self.source,
                                reader,
                                ErrorKind::Encoding,
                                format!(
                                    "the document declares encoding {encoding}; expected UTF-8 (convert the file first)"
                                ),
                            ));
                        }
                    }
                }
                Event::Start(start) => {
                    let name = local_name(&start);
                    if self.builder.wants(&self.open, &name) {
                        let start = start.into_owned();
                        let node = capture(reader, &mut self.buf, &self.source, &start, before, false)?;
                        return Ok(Piece::Subtree(Captured { node }));
                    }
                    self.open.push(name);
                }
                Event::Empty(start) => {
                    let name = local_name(&start);
                    if self.builder.wants(&self.open, &name) {
                        let start = start.into_owned();
                        let node = capture(reader, &mut self.buf, &self.source, &start, before, true)?;
                        return Ok(Piece::Subtree(Captured { node }));
                    }
                }
                Event::End(_) => {
                    self.open.pop();
                }
                Event::Eof => {
                    if let Some(open) = self.open.last() {
                        let detail = format!("input ends inside <{open}>; expected its end tag (truncated file?)");
                        return Err(error_at(&self.source, reader, ErrorKind::Truncated, detail));
                    }
                    return Ok(Piece::DocumentEnd);
                }
                Event::Text(_)
                | Event::CData(_)
                | Event::GeneralRef(_)
                | Event::Comment(_)
                | Event::PI(_)
                | Event::DocType(_) => {}
            }
        }
    }
}

fn xml_error<R: BufRead>(source: &str, reader: &Reader<DocumentSplitter<R>>, error: &quick_xml::Error) -> RecordError {
    let kind = match error {
        quick_xml::Error::Io(_) => ErrorKind::Io,
        quick_xml::Error::Encoding(_) => ErrorKind::Encoding,
        _ => ErrorKind::Syntax,
    };
    let detail = match kind {
        ErrorKind::Encoding => format!("{error}; expected UTF-8 text"),
        ErrorKind::Io => format!("reading failed: {error}"),
        _ => format!("malformed XML: {error}"),
    };
    error_at(source, reader, kind, detail)
}

/// Builds the subtree of `start` (already read), reading up to its end tag.
fn capture<R: BufRead>(
    reader: &mut Reader<DocumentSplitter<R>>,
    buf: &mut Vec<u8>,
    source: &str,
    start: &BytesStart<'_>,
    offset: u64,
    empty: bool,
) -> Result<Node, RecordError> {
    let base = reader.get_ref().document_start();
    let begin = reader.buffer_position();
    let root = element(start, offset);
    if empty {
        return Ok(root);
    }
    let mut stack = vec![root];
    loop {
        if reader.buffer_position() - begin > MAX_RECORD_BYTES {
            let name = stack.first().map(|n| n.name.clone()).unwrap_or_default();
            let detail = format!("<{name}> is larger than {MAX_RECORD_BYTES} bytes; expected one record per element");
            return Err(error_at(source, reader, ErrorKind::TooLarge, detail));
        }
        buf.clear();
        let position = base + reader.buffer_position();
        let event = reader.read_event_into(buf).map_err(|e| xml_error(source, reader, &e))?;
        let top = stack.len() - 1;
        match event {
            Event::Start(e) => stack.push(element(&e, position)),
            Event::Empty(e) => stack[top].push(element(&e, position)),
            Event::End(_) => {
                let Some(done) = stack.pop() else { unreachable_stack() };
                match stack.last_mut() {
                    Some(parent) => parent.push(done),
                    None => return Ok(done),
                }
            }
            Event::Text(t) => push_text(&mut stack[top], &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack[top], &t.xml10_content()),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_named_entity(&r),
                };
                push_text(&mut stack[top], &text);
            }
            Event::Eof => {
                let open = stack.last().map(|n| n.name.clone()).unwrap_or_default();
                let detail = format!("input ends inside <{open}>; expected its end tag (truncated file?)");
                return Err(error_at(source, reader, ErrorKind::Truncated, detail));
            }
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

fn error_at<R: BufRead>(
    source: &str,
    reader: &Reader<DocumentSplitter<R>>,
    kind: ErrorKind,
    detail: String,
) -> RecordError {
    let offset = reader.get_ref().document_start() + reader.buffer_position();
    RecordError::at(source, Position::Byte(offset), kind, detail)
}

/// The stack always holds the captured root until its own end tag returns it.
fn unreachable_stack() -> ! {
    unreachable!("subtree stack emptied before its root ended")
}

fn local_name(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_owned()
}

fn element(start: &BytesStart<'_>, offset: u64) -> Node {
    let attrs = start
        .attributes()
        .filter_map(Result::ok)
        .map(|a| {
            let key = a.key.local_name().as_ref().to_owned();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned());
            (key, value)
        })
        .collect();
    Node { name: local_name(start), attrs, children: Vec::new(), offset }
}

fn push_text(node: &mut Node, text: &str) {
    if let Some(Content::Text(last)) = node.children.last_mut() {
        last.push_str(text);
    } else {
        node.children.push(Content::Text(text.to_owned()));
    }
}

/// The five predefined entities and the ISO sets the offices' DTDs declare (which we do not
/// load); any other name is kept as written so no text is lost.
fn resolve_named_entity(name: &str) -> String {
    match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        other => match super::entities::lookup(other) {
            Some(text) => text.to_owned(),
            None => format!("&{other};"),
        },
    }
}

impl<R: BufRead, B: RecordBuilder> Iterator for XmlRecords<R, B> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.out.pop_front() {
                return Some(item);
            }
            let mut reader = self.reader.take()?;
            match self.step(&mut reader) {
                Ok(Piece::Subtree(captured)) => {
                    self.builder.take(captured, &self.source, &mut self.out);
                    self.reader = Some(reader);
                }
                Ok(Piece::DocumentEnd) => {
                    self.builder.finish_document(&self.source, &mut self.out);
                    self.reader = self.next_document(reader);
                }
                Err(error) => {
                    self.builder.finish_document(&self.source, &mut self.out);
                    self.out.push_back(Err(error));
                    self.reader = self.next_document(reader);
                }
            }
        }
    }
}

impl<R: BufRead, B> XmlRecords<R, B> {
    /// A fresh parser on the next document, or `None` at the end (or when the input fails).
    fn next_document(&mut self, reader: Reader<DocumentSplitter<R>>) -> Option<Reader<DocumentSplitter<R>>> {
        self.open.clear();
        let mut splitter = reader.into_inner();
        match splitter.next_document() {
            Ok(true) => Some(new_reader(splitter)),
            Ok(false) => None,
            Err(e) => {
                let offset = splitter.document_start();
                self.out.push_back(Err(RecordError::at(
                    &self.source,
                    Position::Byte(offset),
                    ErrorKind::Io,
                    format!("reading failed: {e}"),
                )));
                None
            }
        }
    }
}

/// The builder of formats where each wanted element is one complete record.
pub(crate) struct EachElement {
    /// Local names of record elements.
    pub names: &'static [&'static str],
    /// Turns one element into a record.
    pub build: fn(&Node) -> Result<Record, crate::error::FieldError>,
    /// The record's id for error messages, read without validation.
    pub id: fn(&Node) -> Option<String>,
}

impl RecordBuilder for EachElement {
    fn wants(&self, _parents: &[String], name: &str) -> bool {
        self.names.contains(&name)
    }

    fn take(&mut self, captured: Captured, source: &str, out: &mut VecDeque<Result<Record, RecordError>>) {
        let node = &captured.node;
        out.push_back((self.build)(node).map_err(|e| e.locate(source, Position::Byte(node.offset), (self.id)(node))));
    }
}
