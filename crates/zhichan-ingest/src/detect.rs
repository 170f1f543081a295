//! Format detection from the first bytes of a (decompressed) input: the root element, its
//! namespace or the DOCTYPE for XML, the first line for text formats.

use crate::error::ErrorKind;

/// How many bytes detection looks at. DOCTYPEs with long entity lists (USPTO 2001 documents)
/// can exceed it, which is fine: their name comes first.
pub(crate) const PREFIX_LEN: usize = 16 * 1024;

/// The record formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// USPTO trademark case-file XML (daily and annual bulk files, or bare `<case-file>` records).
    UsptoTrademarkCaseFile,
    /// WIPO ST.66 trademark XML (TSDR, EUIPO, INPI and other offices' variants).
    WipoSt66,
    /// WIPO ST.96 trademark XML, including the pre-2018 `Trademark/1` namespace.
    WipoSt96,
    /// USPTO patent grant / application publication XML, DTD v4.0 and later (`us-patent-grant`,
    /// `us-patent-application`), single or concatenated as in the weekly bulk files.
    UsptoPatentXml,
    /// USPTO patent grants of 2001–2004: XML converted from ST.32 SGML (`<PATDOC>`).
    UsptoPatentSt32Xml,
    /// USPTO application publications of 2001–2004 (`<patent-application-publication>`).
    UsptoPatentPapXml,
    /// EPO exchange documents: Open Patent Services responses (`<ops:world-patent-data>`: biblio,
    /// search and family results) and bulk `<exchange-documents>` (`http://www.epo.org/exchange`).
    EpoExchange,
    /// USPTO APS full text ("Green Book") of patents granted 1976–2001, records opening with `PATN`.
    UsptoGreenbook,
    /// JSON Lines of patents with the documented column set (see `patent::columns`).
    PatentJsonLines,
    /// The platform's interchange format: JSON Lines of serialised records (`{"kind":"trademark",…}`).
    RecordJsonLines,
    /// CSV of trademarks with the documented column set (see `trademark::csv`).
    TrademarkCsv,
    /// CSV of patents with the patent column set (see `patent::csv`).
    PatentCsv,
    /// CSV of Chinese patent abstracts, `publication_number,text,labels,n_labels`.
    CnPatentCsv,
}

/// Why detection refused the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub kind: ErrorKind,
    pub detail: String,
}

fn refuse(kind: ErrorKind, detail: impl Into<String>) -> Refusal {
    Refusal { kind, detail: detail.into() }
}

/// Detects the format of an input from its first bytes.
pub(crate) fn detect(prefix: &[u8]) -> Result<Format, Refusal> {
    if prefix.starts_with(&[0xFF, 0xFE]) || prefix.starts_with(&[0xFE, 0xFF]) || looks_utf16(prefix) {
        return Err(refuse(ErrorKind::Encoding, "the input is UTF-16; expected UTF-8"));
    }
    let body = prefix.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(prefix);
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Err(refuse(ErrorKind::Empty, "the input is empty; expected records"));
    };
    let body = &body[start..];
    if looks_binary(body) {
        return Err(refuse(
            ErrorKind::Binary,
            "the input is binary data; expected XML, JSON Lines, CSV or APS text, or a zip/gzip of them",
        ));
    }
    match body[0] {
        b'<' => detect_xml(body),
        b'{' => detect_json(body),
        _ => detect_text(body),
    }
}

/// JSON Lines by the keys of the first line: `kind` is the interchange format,
/// `publication_number` the patent columns. A first line that ends inside the prefix but is not
/// a whole object means a JSON document, not JSON Lines. A first line longer than the prefix is
/// recognised by its opening (serde writes `kind` first) and otherwise left to the patent
/// reader, which names the line's problem.
fn detect_json(body: &[u8]) -> Result<Format, Refusal> {
    let newline = body.iter().position(|&b| b == b'\n');
    let line = &body[..newline.unwrap_or(body.len())];
    match serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(line) {
        Ok(object) if object.contains_key("kind") => Ok(Format::RecordJsonLines),
        Ok(object) if object.contains_key("publication_number") => Ok(Format::PatentJsonLines),
        Ok(object) => {
            let keys: Vec<&str> = object.keys().map(String::as_str).take(6).collect();
            Err(refuse(
                ErrorKind::UnknownFormat,
                format!(
                    "the first JSON line has the keys {keys:?}; expected \"kind\" (interchange records) or \"publication_number\" (patent columns)"
                ),
            ))
        }
        Err(_) if newline.is_some() => Err(refuse(
            ErrorKind::UnknownFormat,
            "the first line is not a whole JSON object, so this is a JSON document rather than JSON Lines; expected one record object per line",
        )),
        Err(_) => {
            let compact: Vec<u8> = line.iter().copied().filter(|b| !b.is_ascii_whitespace()).take(8).collect();
            Ok(if compact.starts_with(b"{\"kind\"") { Format::RecordJsonLines } else { Format::PatentJsonLines })
        }
    }
}

/// Text formats by their first line: APS (`PATN`, or a weekly file's `HHHHHT` header) or a CSV
/// header naming a known column set.
fn detect_text(body: &[u8]) -> Result<Format, Refusal> {
    let first = String::from_utf8_lossy(body.split(|&b| b == b'\n').next().unwrap_or(body)).into_owned();
    if first.trim_end() == "PATN" || first.starts_with("HHHHHT") {
        return Ok(Format::UsptoGreenbook);
    }
    let columns: Vec<String> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(first.as_bytes())
        .records()
        .next()
        .and_then(Result::ok)
        .map(|header| header.iter().map(crate::csv_rows::column_name).collect())
        .unwrap_or_default();
    let has = |name: &str| columns.iter().any(|c| c == name);
    if has("publication_number") && has("text") && has("labels") {
        Ok(Format::CnPatentCsv)
    } else if has("publication_number") {
        Ok(Format::PatentCsv)
    } else if has("office") && has("application_number") {
        Ok(Format::TrademarkCsv)
    } else {
        let line: String = first.chars().take(40).collect();
        Err(refuse(
            ErrorKind::UnknownFormat,
            format!(
                "the input starts with {line:?}; expected XML, JSON Lines, APS text (PATN) or a CSV header with publication_number or office,application_number"
            ),
        ))
    }
}

/// ASCII text encoded as UTF-16 without a byte order mark has a NUL in every other byte.
fn looks_utf16(prefix: &[u8]) -> bool {
    prefix.len() >= 4 && (prefix[..4] == [b'<', 0, b'?', 0] || prefix[..4] == [0, b'<', 0, b'?'])
}

/// Text formats never hold NUL or most other C0 controls. Invalid UTF-8 alone marks binary
/// data only when the input does not open like markup or JSON: a mis-encoded XML file should
/// reach the parser, which names the offending byte.
fn looks_binary(body: &[u8]) -> bool {
    let sample = &body[..body.len().min(1024)];
    let controls = sample.iter().filter(|&&b| b < 0x09 || ((0x0E..0x20).contains(&b) && b != 0x1B)).count();
    let opens_like_text = matches!(body.first(), Some(b'<' | b'{'));
    controls > 0 || (!opens_like_text && !valid_up_to_cut(sample))
}

/// Whether the sample is UTF-8, allowing it to be cut in the middle of a multi-byte character.
fn valid_up_to_cut(sample: &[u8]) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// Root element (local name), its namespace, and the DOCTYPE name, as far as the prefix shows.
#[derive(Debug, Default, PartialEq, Eq)]
struct XmlHead {
    doctype: Option<String>,
    root: Option<String>,
    namespace: Option<String>,
}

fn detect_xml(body: &[u8]) -> Result<Format, Refusal> {
    let text = String::from_utf8_lossy(body);
    let head = xml_head(&text);
    let name = head.root.as_deref().or(head.doctype.as_deref()).unwrap_or("");
    let ns = head.namespace.as_deref().unwrap_or("");
    let format = match name {
        "case-file" | "trademark-applications-daily" | "trademark-applications-annual" => {
            Format::UsptoTrademarkCaseFile
        }
        "TrademarkTransaction" => Format::WipoSt96,
        "Transaction" | "Trademark" if ns.contains("ST96") || ns.contains("XMLSchema/Trademark/1") => Format::WipoSt96,
        "Transaction" | "TradeMark" => Format::WipoSt66,
        "us-patent-grant" | "us-patent-application" => Format::UsptoPatentXml,
        "PATDOC" => Format::UsptoPatentSt32Xml,
        "patent-application-publication" => Format::UsptoPatentPapXml,
        "world-patent-data" if ns == "http://ops.epo.org" || ns == "http://www.epo.org/exchange" => Format::EpoExchange,
        "exchange-documents" | "exchange-document" => Format::EpoExchange,
        _ if ns == "urn:us:gov:doc:uspto:patent" => {
            return Err(refuse(
                ErrorKind::NotRecords,
                format!(
                    "<{name}> is a USPTO XML4IP file-wrapper document (claims or specification text of one application), not a record file; it holds no bibliographic record and is skipped"
                ),
            ));
        }
        "" => {
            return Err(refuse(
                ErrorKind::Truncated,
                "the XML has no root element in its first bytes; expected a record document",
            ));
        }
        other => {
            let ns = if ns.is_empty() { String::new() } else { format!(" in namespace {ns}") };
            return Err(refuse(
                ErrorKind::UnknownFormat,
                format!(
                    "root element <{other}>{ns} is not a format we read; expected USPTO case-file, WIPO ST.66/ST.96, USPTO patent or EPO exchange XML"
                ),
            ));
        }
    };
    Ok(format)
}

fn xml_head(text: &str) -> XmlHead {
    let mut head = XmlHead::default();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            match r.find("?>") {
                Some(i) => rest = &r[i + 2..],
                None => return head,
            }
        } else if let Some(r) = rest.strip_prefix("<!--") {
            match r.find("-->") {
                Some(i) => rest = &r[i + 3..],
                None => return head,
            }
        } else if let Some(r) = rest.strip_prefix("<!DOCTYPE") {
            let name: String =
                r.trim_start().chars().take_while(|c| !c.is_whitespace() && *c != '[' && *c != '>').collect();
            head.doctype = Some(name);
            match skip_doctype(r) {
                Some(after) => rest = after,
                None => return head,
            }
        } else if let Some(r) = rest.strip_prefix('<') {
            let tag_end = r.find('>').unwrap_or(r.len());
            let tag = r[..tag_end].trim_end_matches('/');
            let qname: String = tag.chars().take_while(|c| !c.is_whitespace()).collect();
            let (prefix, local) = match qname.split_once(':') {
                Some((p, l)) => (Some(p), l),
                None => (None, qname.as_str()),
            };
            let wanted = match prefix {
                Some(p) => format!("xmlns:{p}"),
                None => "xmlns".to_owned(),
            };
            head.namespace =
                attributes(&tag[qname.len()..]).into_iter().find(|(k, _)| *k == wanted).map(|(_, v)| v.to_owned());
            head.root = Some(local.to_owned());
            return head;
        } else {
            return head;
        }
    }
}

/// Skips a DOCTYPE body, including an internal subset in brackets.
fn skip_doctype(r: &str) -> Option<&str> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in r.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => depth = depth.saturating_sub(1),
            (None, '>') if depth == 0 => return Some(&r[i + 1..]),
            _ => {}
        }
    }
    None
}

/// `key="value"` pairs of a start tag.
fn attributes(mut s: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start();
        let Some(eq) = s.find('=') else { return out };
        let key = s[..eq].trim();
        let after = s[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            return out;
        };
        let Some(end) = after[1..].find(q) else {
            return out;
        };
        out.push((key, &after[1..1 + end]));
        s = &after[end + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(input: &str) -> Result<Format, ErrorKind> {
        detect(input.as_bytes()).map_err(|r| r.kind)
    }

    #[test]
    fn recognises_roots_namespaces_and_doctypes() {
        assert_eq!(format("   <case-file><serial-number>1"), Ok(Format::UsptoTrademarkCaseFile));
        assert_eq!(
            format("<?xml version=\"1.0\"?><Transaction xmlns=\"http://www.wipo.int/standards/XMLSchema/trademarks\">"),
            Ok(Format::WipoSt66)
        );
        assert_eq!(format("<?xml version=\"1.0\"?>\n<TradeMark operationCode=\"Update\">"), Ok(Format::WipoSt66));
        assert_eq!(
            format("<ns2:TrademarkTransaction xmlns:ns2=\"http://www.wipo.int/standards/XMLSchema/ST96/Trademark\">"),
            Ok(Format::WipoSt96)
        );
        assert_eq!(
            format(
                "<tmk:Transaction xmlns:com=\"x\" xmlns:tmk=\"http://www.wipo.int/standards/XMLSchema/Trademark/1\">"
            ),
            Ok(Format::WipoSt96)
        );
        assert_eq!(
            format(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE us-patent-grant SYSTEM \"x.dtd\" [ ]>\n<us-patent-grant lang=\"EN\">"
            ),
            Ok(Format::UsptoPatentXml)
        );
        assert_eq!(
            format("<?xml version=\"1.0\"?><!DOCTYPE PATDOC SYSTEM \"x\" [ <!ENTITY a SYSTEM \"b\" NDATA TIF>"),
            Ok(Format::UsptoPatentSt32Xml)
        );
        assert_eq!(format("{\"publication_number\":\"CN1\"}"), Ok(Format::PatentJsonLines));
        assert_eq!(
            format(
                "<?xml version=\"1.0\"?><ops:world-patent-data xmlns=\"http://www.epo.org/exchange\" xmlns:ops=\"http://ops.epo.org\">"
            ),
            Ok(Format::EpoExchange)
        );
        assert_eq!(
            format("<exchange-documents xmlns=\"http://www.epo.org/exchange\"><exchange-document>"),
            Ok(Format::EpoExchange)
        );
        assert_eq!(format("<world-patent-data xmlns=\"urn:other\">"), Err(ErrorKind::UnknownFormat));
    }

    #[test]
    fn recognises_the_2001_era_text_and_table_formats() {
        assert_eq!(
            format("<!DOCTYPE simple PUBLIC \"x\">\n<patent-application-publication>"),
            Ok(Format::UsptoPatentPapXml)
        );
        assert_eq!(format("PATN\nWKU  039373754\n"), Ok(Format::UsptoGreenbook));
        assert_eq!(format("HHHHHT  APS1\nPATN\n"), Ok(Format::UsptoGreenbook));
        assert_eq!(format("{\"kind\":\"trademark\",\"office\":\"CN\"}\n"), Ok(Format::RecordJsonLines));
        assert_eq!(format("{ \"office\":\"CN\", \"kind\":\"patent\"}"), Ok(Format::RecordJsonLines));
        assert_eq!(format("{\"kind\":\"patent\",\"description\":\"cut by the prefix"), Ok(Format::RecordJsonLines));
        assert_eq!(format("{\"publication_number\":\"CN1A\",\"kind_code\":\"A\"}"), Ok(Format::PatentJsonLines));
        assert_eq!(
            format("{\"publication_number\":\"CN1A\",\"abstract\":\"cut by the prefix"),
            Ok(Format::PatentJsonLines)
        );
        assert_eq!(format("{\"id\": 36092, \"text\": \"Page 1\"}\n"), Err(ErrorKind::UnknownFormat));
        assert_eq!(format("{ \"edition\": \"10\",\n  \"classes\": ["), Err(ErrorKind::UnknownFormat));
        assert_eq!(format("\u{feff}publication_number,text,labels,n_labels\r\n"), Ok(Format::CnPatentCsv));
        assert_eq!(format("publication_number,title,cpc\n"), Ok(Format::PatentCsv));
        assert_eq!(format("Office,Application_Number,Mark\n"), Ok(Format::TrademarkCsv));
        assert_eq!(
            format("<pat:ClaimsDocument xmlns:pat=\"urn:us:gov:doc:uspto:patent\">"),
            Err(ErrorKind::NotRecords)
        );
    }

    #[test]
    fn refuses_with_a_reason() {
        assert_eq!(format(""), Err(ErrorKind::Empty));
        assert_eq!(format(" \n\t"), Err(ErrorKind::Empty));
        assert_eq!(format("<html><body>"), Err(ErrorKind::UnknownFormat));
        assert_eq!(format("name,class\n"), Err(ErrorKind::UnknownFormat));
        assert_eq!(detect(b"\x00\x01\x02garbage").map_err(|r| r.kind), Err(ErrorKind::Binary));
        assert_eq!(detect(b"\xFF\xFE<\x00?\x00").map_err(|r| r.kind), Err(ErrorKind::Encoding));
        assert_eq!(detect(b"<\x00?\x00x\x00").map_err(|r| r.kind), Err(ErrorKind::Encoding));
        assert_eq!(detect(b"\xC3\x28\xA0\xA1 not utf-8").map_err(|r| r.kind), Err(ErrorKind::Binary));
        assert_eq!(detect(b"<case-file>caf\xE9").map_err(|r| r.kind), Ok(Format::UsptoTrademarkCaseFile));
    }
}
