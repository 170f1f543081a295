//! USPTO APS full text ("Green Book"), the fixed-field text of patents granted 1976–2001:
//! records of tagged lines, each record opening with `PATN`; weekly files may start with an
//! `HHHHHT` header line, which is skipped. Line layout: see [`tagged`].
//!
//! | group / field | meaning | record field |
//! |---|---|---|
//! | `PATN/WKU` | number: type letter or `0`, seven digits, check digit (`039373754`) | publication number without check digit (`03937375`) |
//! | `PATN/APT` | application type: 1 utility, 2 reissue, 4 design, 6 plant, 7 SIR | kind code `A`, `E`, `S`, `P`, `H` |
//! | `PATN/APN`, `PATN/APD` | serial number with check digit, filing date | application number (six digits), filing date |
//! | `PATN/TTL`, `PATN/ISD` | title, issue date | title, grant and publication date |
//! | `INVT`, `ASSG` (`NAM` as `surname; given names`, `STR`, `CTY`, `STA`, `ZIP`, `CNT` as `JPX`) | inventor, assignee | inventors, assignees |
//! | `PRIR` (`CNT`, `APN`, `APD`) | foreign priority | priority claims |
//! | `CLAS/ICL` | IPC, fixed width (`B60R  900`) | `ipc` (not for designs) |
//! | `UREF`, `FREF` (`PNO`, `ISD`, `NAM`, `CNT`), `OREF/PAL` | US, foreign and other references | citations |
//! | `ABST`, `CLMS` (`NUM` starts a claim), `DCLM`, `BSUM`/`DRWD`/`DETD` (`PAR`, `PAC`, `PA1`…) | texts | abstract, claims, description |
//!
//! US classes (`OCL`, `XCL`), examiners and attorneys have no place in the record model.

mod build;
mod tagged;

use std::io::BufRead;

use zhichan_domain::records::Record;

use crate::error::{ErrorKind, Position, RecordError};
use crate::lines::TextLines;
use tagged::GroupsBuilder;

/// Largest record accepted, in bytes of text: real records are at most a few hundred KB.
const MAX_RECORD_BYTES: usize = 64 * 1024 * 1024;

/// Records of an APS input.
pub(crate) fn reader<R: BufRead>(input: R, source: &str) -> Greenbook<R> {
    Greenbook { lines: TextLines::new(input), source: source.to_owned(), next_start: None, done: false }
}

/// Iterator over the records of an APS input.
pub(crate) struct Greenbook<R> {
    lines: TextLines<R>,
    source: String,
    /// Line number of a `PATN` already read, which opens the next record.
    next_start: Option<u64>,
    done: bool,
}

/// What reading one record's lines produced.
struct Collected {
    start: u64,
    builder: GroupsBuilder,
    /// The first problem in the record's lines; the record is reported as that error.
    problem: Option<RecordError>,
    /// The input ended without a final line break.
    cut: bool,
}

impl<R: BufRead> Greenbook<R> {
    /// Finds the next `PATN`, skipping the file header; other lines before it are an error.
    fn find_start(&mut self) -> Option<Result<u64, RecordError>> {
        if let Some(start) = self.next_start.take() {
            return Some(Ok(start));
        }
        loop {
            let line = match self.lines.next_line(&self.source)? {
                Ok(line) => line,
                Err(error) => return Some(Err(error)),
            };
            if line.text.trim_end() == "PATN" {
                return Some(Ok(line.number));
            }
            if line.text.trim().is_empty() || line.text.starts_with("HHHHHT") {
                continue;
            }
            let shown: String = line.text.chars().take(40).collect();
            return Some(Err(RecordError::at(
                &self.source,
                Position::Line(line.number),
                ErrorKind::Syntax,
                format!("found {shown:?} outside a record; expected PATN to open a record"),
            )));
        }
    }

    /// Reads the lines of the record opened at `start`, up to the next `PATN` or the end.
    fn collect(&mut self, start: u64) -> Collected {
        let mut builder = GroupsBuilder::opened("PATN");
        let mut problem = None;
        let mut cut = false;
        let mut size = 0usize;
        while let Some(line) = self.lines.next_line(&self.source) {
            let line = match line {
                Ok(line) => line,
                Err(error) => {
                    problem.get_or_insert(error);
                    continue;
                }
            };
            if line.text.trim_end() == "PATN" {
                self.next_start = Some(line.number);
                return Collected { start, builder, problem, cut };
            }
            cut = !line.complete;
            if problem.is_some() {
                continue;
            }
            size += line.text.len();
            if size > MAX_RECORD_BYTES {
                let detail =
                    format!("the record is larger than {MAX_RECORD_BYTES} bytes; expected PATN to open the next");
                problem = Some(RecordError::at(&self.source, Position::Line(start), ErrorKind::TooLarge, detail));
                continue;
            }
            if let Err(e) = builder.push(line.number, line.text) {
                problem = Some(e.locate(&self.source, Position::Line(line.number), None));
            }
        }
        self.done = true;
        Collected { start, builder, problem, cut }
    }
}

impl<R: BufRead> Iterator for Greenbook<R> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done && self.next_start.is_none() {
            return None;
        }
        let start = match self.find_start()? {
            Ok(start) => start,
            Err(error) => return Some(Err(error)),
        };
        let collected = self.collect(start);
        if let Some(problem) = collected.problem {
            return Some(Err(problem));
        }
        let groups = collected.builder.finish();
        let id = groups.first().and_then(|g| g.get("WKU")).map(str::to_owned);
        Some(build::patent(&groups).map_err(|e| {
            let line = tagged::line_of(&groups, &e.field).unwrap_or(collected.start);
            let mut error = e.locate(&self.source, Position::Line(line), id);
            if collected.cut {
                error.kind = ErrorKind::Truncated;
                error.detail = format!("{} (the input ends mid-line: truncated file?)", error.detail);
            }
            error
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "PATN\nWKU  039373754\nAPN  5184541\nAPT  1\nAPD  19741029\nTTL  Bumper support\n      for a boat loader\nISD  19760210\nINVT\nNAM  Daniels; Everette E.\nCTY  Des Moines\nSTA  IA\nCLAS\nICL  B60R  900\nABST\nPAL  A unit mountable on a rear bumper.\nCLMS\nNUM  1.\nPAR  1. In a bumper support.\nNUM  2.\nPAR  2. The combination\n      as set forth.\n";

    #[test]
    fn records_split_at_patn_and_map_their_fields() {
        let input = format!("HHHHHT  APS1\n{ONE}{}", ONE.replace("039373754", "039373762"));
        let items: Vec<_> = reader(input.as_bytes(), "t").collect();
        assert_eq!(items.len(), 2);
        let Ok(Record::Patent(p)) = &items[0] else { panic!("{:?}", items[0]) };
        assert_eq!(p.key().to_string(), "US/pat/03937375");
        assert_eq!(p.kind_code.as_deref(), Some("A"));
        assert_eq!(p.application_number.as_deref(), Some("518454"));
        assert_eq!(p.titles[0].text, "Bumper support for a boat loader");
        assert_eq!(p.dates.grant.map(|d| d.to_string()).as_deref(), Some("1976-02-10"));
        assert_eq!(p.inventors[0].name, "Everette E. Daniels");
        assert_eq!(p.inventors[0].country.as_deref(), Some("US"));
        assert_eq!(p.ipc, ["B60R 9/00"]);
        assert_eq!(p.claims, ["1. In a bumper support.", "2. The combination as set forth."]);
        assert_eq!(items[1].as_ref().map(|r| r.key().number), Ok("03937376".to_owned()));
    }

    #[test]
    fn bad_records_are_errors_and_the_next_is_read() {
        let input = format!("PATN\nWKU  12\n{ONE}PATN\nWKU  039373754\nISD  19761310\n{ONE}");
        let kinds: Vec<_> = reader(input.as_bytes(), "t")
            .map(|i| i.map(|r| r.key().number).map_err(|e| (e.kind, e.field, e.position)))
            .collect();
        assert_eq!(kinds.len(), 4);
        assert_eq!(kinds[0], Err((ErrorKind::InvalidField, Some("PATN/WKU".into()), Position::Line(2))));
        assert_eq!(kinds[1], Ok("03937375".to_owned()));
        assert_eq!(kinds[2], Err((ErrorKind::InvalidField, Some("PATN/ISD".into()), Position::Line(27))));
        assert_eq!(kinds[3], Ok("03937375".to_owned()));
    }

    #[test]
    fn a_cut_record_is_truncated() {
        let cut = &ONE[..30];
        let items: Vec<_> = reader(cut.as_bytes(), "t").collect();
        assert_eq!(items.len(), 1);
        let err = items[0].as_ref().expect_err("cut");
        assert_eq!(err.kind, ErrorKind::Truncated, "{err}");
    }
}
