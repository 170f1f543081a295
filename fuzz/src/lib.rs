//! Shared driver of the fuzz targets: each target owns a list of heads that steer format
//! detection to one reader family; the first input byte picks the head and the rest follows it,
//! so libFuzzer's mutations reach that family's parser rather than dying in detection.

/// Heads of the trademark XML readers (USPTO case file, WIPO ST.66, WIPO ST.96).
pub const TRADEMARK_XML: &[&str] = &[
    "<case-file>",
    "<?xml version=\"1.0\"?>\n<trademark-applications-daily><application-information><file-segments><action-keys><case-file>",
    "<?xml version=\"1.0\"?><Transaction xmlns=\"http://www.wipo.int/standards/XMLSchema/trademarks\"><TradeMarkTransactionBody><TransactionContentDetails><TransactionData><TradeMarkDetails><TradeMark>",
    "<ns2:TrademarkTransaction xmlns:ns2=\"http://www.wipo.int/standards/XMLSchema/ST96/Trademark\"><ns2:Trademark>",
];

/// Heads of the patent XML readers (DTD v4.x, ST.32 `PATDOC`, 2001 `pap`).
pub const PATENT_XML: &[&str] = &[
    "<?xml version=\"1.0\"?>\n<!DOCTYPE us-patent-grant SYSTEM \"x.dtd\" [ ]>\n<us-patent-grant><us-bibliographic-data-grant>",
    "<?xml version=\"1.0\"?>\n<us-patent-application><us-bibliographic-data-application>",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE PATDOC SYSTEM \"ST32-US-Grant-025xml.dtd\" [\n<!ENTITY a SYSTEM \"a.TIF\" NDATA TIF>\n]>\n<PATDOC><SDOBI><B100>",
    "<!DOCTYPE simple PUBLIC \"x\" \"y\">\n<patent-application-publication><subdoc-bibliographic-information>",
];

/// Heads of the APS ("Green Book") reader.
pub const GREENBOOK: &[&str] = &["PATN\n", "HHHHHT  APS1\nPATN\nWKU  039373754\n"];

/// Heads of the JSON Lines readers (patent columns, interchange records); the first line is
/// complete so detection passes and the following lines are the fuzzed ones.
pub const JSON_LINES: &[&str] =
    &["{\"publication_number\":\"CN117151122A\"}\n", "{\"kind\":\"trademark\"}\n", "{\"kind\":\"patent\"}\n"];

/// Heads of the CSV readers (trademark columns, patent columns, CN abstracts layout).
pub const CSV: &[&str] = &[
    "office,application_number,mark,mark_kind,classes,goods_services,owners,filing_date,status\n",
    "publication_number,title,abstract_zh,applicants,claims,ipc,cpc,filing_date\n",
    "publication_number,text,labels,n_labels\n",
];

/// Reads `data` behind the head its first byte picks (no head when `heads` is empty) and
/// drains every item. Panics only if a reader panics or yields without end.
pub fn read_with_head(heads: &[&str], data: &[u8]) {
    let mut input = Vec::with_capacity(data.len() + 256);
    let body = match (heads.is_empty(), data.split_first()) {
        (false, Some((pick, rest))) => {
            input.extend_from_slice(heads[usize::from(*pick) % heads.len()].as_bytes());
            rest
        }
        _ => data,
    };
    input.extend_from_slice(body);
    // Every item consumes at least one byte of decompressed input, and deflate expands at
    // most 1032-fold: more items than that means a reader yields without reading.
    let limit = input.len().saturating_mul(1032) + 16;
    if let Ok(records) = zhichan_ingest::read(std::io::Cursor::new(input), "fuzz") {
        assert!(records.take(limit + 1).count() <= limit, "more items than input bytes");
    }
}
