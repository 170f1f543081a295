//! No input, however mangled, panics a reader or makes it loop forever.

use proptest::prelude::*;

/// Prefixes that steer detection into each reader, so the mangled bytes reach its parser.
const HEADS: [&str; 13] = [
    "<case-file>",
    "<?xml version=\"1.0\"?><Transaction xmlns=\"http://www.wipo.int/standards/XMLSchema/trademarks\"><TradeMark>",
    "<ns2:TrademarkTransaction xmlns:ns2=\"http://www.wipo.int/standards/XMLSchema/ST96/Trademark\"><ns2:Trademark>",
    "<?xml version=\"1.0\"?>\n<us-patent-grant><us-bibliographic-data-grant>",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE PATDOC [ <!ENTITY a SYSTEM \"a.TIF\" NDATA TIF> ]>\n<PATDOC><SDOBI><B100>",
    "<patent-application-publication><subdoc-bibliographic-information>",
    "PATN\nWKU  039373754\n",
    "{\"publication_number\":\"CN1A\"}\n{\"publication_number\":",
    "{\"kind\":\"trademark\"}\n{\"kind\":\"trademark\",\"office\":",
    "office,application_number,mark,classes,goods_services\n",
    "publication_number,title,ipc,claims\n",
    "publication_number,text,labels,n_labels\n",
    "",
];

fn drain(bytes: Vec<u8>) {
    if let Ok(records) = zhichan_ingest::read(std::io::Cursor::new(bytes), "fuzz") {
        // Each item consumes input, so the count is bounded; the bound guards against a loop.
        assert!(records.take(100_000).count() < 100_000);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_bytes_never_panic(head in 0..HEADS.len(), tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = HEADS[head].as_bytes().to_vec();
        bytes.extend(tail);
        drain(bytes);
    }

    #[test]
    fn random_markup_never_panics(
        head in 0..HEADS.len(),
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<serial-number>1</serial-number>".to_owned()),
                Just("</case-file><case-file>".to_owned()),
                Just("<?xml version=\"1.0\"?>\n".to_owned()),
                Just("<ClassNumber>99</ClassNumber>".to_owned()),
                Just("<ApplicationDate>2020-02-30</ApplicationDate>".to_owned()),
                Just("&amp;&#xD800;&bogus;&lgr;<![CDATA[x]]>".to_owned()),
                Just("\nINVT\nNAM  Doe; J.\n      continued\nCLMS\nNUM  1.\nPAR  x\nPATN\n".to_owned()),
                Just("\n\"a,\"\"b\",9;46|x: y,2024-02-30\n".to_owned()),
                "[<>/a-zA-Z\"=\n ]{0,12}",
            ],
            0..40,
        ),
    ) {
        let mut text = HEADS[head].to_owned();
        text.extend(parts);
        drain(text.into_bytes());
    }
}
