//! Batch screening over JSON Lines, one pair per line:
//!
//! ```text
//! {"id":"x1","watched":{"marks":["Hisense","海信"],"classes":[7,9,11]},"filing":{"mark":"HiSense","office":"DE","classes":[7,9,11]}}
//! ```
//!
//! Each line yields one output line, in order:
//! `{"id":"x1","score":0.97,"alert":true,"risk":"high","matched":"Hisense","reasons":["…"]}`.
//! `classes` (and `groups`, CNIPA similar-group codes) may be missing or empty. A line that cannot
//! be read yields `{"id":…,"line":N,"error":"…"}` (the id when it could be read) and the run goes on.

use std::io::{self, BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::goods::Goods;
use crate::profile::MarkProfile;
use zhichan_domain::watch::RiskLevel;

use crate::score::{Assessment, assess};

/// Counts of one screening run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ScreenSummary {
    /// Pairs scored.
    pub pairs: usize,
    /// Pairs that raised an alert.
    pub alerts: usize,
    /// Lines that could not be read.
    pub errors: usize,
}

#[derive(Deserialize)]
struct PairLine {
    id: String,
    watched: Watched,
    filing: Filing,
}

#[derive(Deserialize)]
struct Watched {
    marks: Vec<String>,
    #[serde(default)]
    classes: Option<Vec<u8>>,
    #[serde(default)]
    groups: Option<Vec<String>>,
}

/// A filing; other fields (`office`, dates, owners) are accepted and do not change the score.
#[derive(Deserialize)]
struct Filing {
    mark: String,
    #[serde(default)]
    classes: Option<Vec<u8>>,
    #[serde(default)]
    groups: Option<Vec<String>>,
}

fn goods(classes: &Option<Vec<u8>>, groups: &Option<Vec<String>>) -> Goods {
    Goods { classes: classes.clone().unwrap_or_default(), groups: groups.clone().unwrap_or_default() }
}

#[derive(Serialize)]
struct ResultLine<'a> {
    id: &'a str,
    score: f64,
    alert: bool,
    risk: RiskLevel,
    matched: &'a str,
    reasons: Vec<String>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    line: usize,
    error: String,
}

/// Screens JSON Lines pairs from `input`, writing one result or error line per non-blank line.
pub fn screen(input: impl BufRead, mut output: impl Write) -> io::Result<ScreenSummary> {
    let mut summary = ScreenSummary::default();
    for (index, bytes) in input.split(b'\n').enumerate() {
        let bytes = bytes?;
        let Ok(line) = std::str::from_utf8(&bytes) else {
            summary.errors += 1;
            write_error(&mut output, None, index + 1, "the line is not UTF-8".to_string())?;
            continue;
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let pair = match serde_json::from_str::<PairLine>(line) {
            Ok(pair) => pair,
            Err(error) => {
                summary.errors += 1;
                let value: Option<serde_json::Value> = serde_json::from_str(line).ok();
                let id = value.as_ref().and_then(|v| v.get("id")?.as_str());
                write_error(&mut output, id, index + 1, error.to_string())?;
                continue;
            }
        };
        match best_match(&pair) {
            None => {
                summary.errors += 1;
                let error = "watched.marks has no mark".to_string();
                write_error(&mut output, Some(&pair.id), index + 1, error)?;
            }
            Some((matched, assessment)) => {
                summary.pairs += 1;
                summary.alerts += usize::from(assessment.alert);
                let result = ResultLine {
                    id: &pair.id,
                    score: (f64::from(assessment.score) * 1000.0).round() / 1000.0,
                    alert: assessment.alert,
                    risk: assessment.risk,
                    matched,
                    reasons: assessment.reasons.iter().map(ToString::to_string).collect(),
                };
                serde_json::to_writer(&mut output, &result)?;
                output.write_all(b"\n")?;
            }
        }
    }
    output.flush()?;
    Ok(summary)
}

/// The watched mark the filing is closest to, with its assessment; `None` without watched marks.
fn best_match(pair: &PairLine) -> Option<(&str, Assessment)> {
    let filing = MarkProfile::new(&pair.filing.mark);
    let watched_goods = goods(&pair.watched.classes, &pair.watched.groups);
    let filing_goods = goods(&pair.filing.classes, &pair.filing.groups);
    let mut best: Option<(&str, Assessment)> = None;
    for mark in pair.watched.marks.iter().filter(|m| !m.trim().is_empty()) {
        let watched = MarkProfile::new(mark);
        let assessment = assess(&watched, &watched_goods, &filing, &filing_goods, None);
        if best.as_ref().is_none_or(|(_, b)| assessment.score > b.score) {
            best = Some((mark, assessment));
        }
    }
    best
}

fn write_error(output: &mut impl Write, id: Option<&str>, line: usize, error: String) -> io::Result<()> {
    serde_json::to_writer(&mut *output, &ErrorLine { id, line, error })?;
    output.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> (Vec<serde_json::Value>, ScreenSummary) {
        let mut out = Vec::new();
        let summary = screen(input.as_bytes(), &mut out).unwrap_or_default();
        let lines = String::from_utf8_lossy(&out).lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
        (lines, summary)
    }

    #[test]
    fn screens_pairs_in_order_and_survives_bad_lines() {
        let input = concat!(
            r#"{"id":"x1","watched":{"marks":["Hisense","海信"],"classes":[7,9,11]},"filing":{"mark":"HiSense","office":"DE","classes":[7,9,11]}}"#,
            "\n",
            r#"{"id":"x2","watched":{"marks":["王老吉"]},"filing":{"mark":"WONG LO KAT"}}"#,
            "\n\n",
            r#"{"id":"x3","watched":{"marks":"oops"},"filing":{"mark":"A"}}"#,
            "\n",
            "not json\n",
            r#"{"id":"x5","watched":{"marks":["Hisense"],"classes":[]},"filing":{"mark":"Lenovo","classes":[9]}}"#,
            "\n",
        );
        let (lines, summary) = run(input);
        assert_eq!(summary, ScreenSummary { pairs: 3, alerts: 2, errors: 2 });
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[0]["id"], "x1");
        assert_eq!(lines[0]["risk"], "high");
        assert_eq!(lines[0]["alert"], true);
        assert_eq!(lines[0]["matched"], "Hisense");
        assert_eq!(lines[1]["alert"], true);
        assert!(lines[1]["reasons"][0].as_str().is_some_and(|r| r.contains("Cantonese")));
        assert_eq!(lines[2]["id"], "x3");
        assert_eq!(lines[2]["line"], 4);
        assert!(lines[2]["error"].is_string());
        assert_eq!(lines[3]["line"], 5);
        assert!(lines[3].get("id").is_none());
        assert_eq!(lines[4]["alert"], false);
    }

    #[test]
    fn a_line_that_is_not_utf8_is_an_error_line_and_the_run_goes_on() {
        let mut input = b"\xff\xfe broken\r\n".to_vec();
        input.extend_from_slice(br#"{"id":"ok","watched":{"marks":["Hisense"]},"filing":{"mark":"HISENSE"}}"#);
        let mut out = Vec::new();
        let summary = screen(input.as_slice(), &mut out).unwrap_or_default();
        assert_eq!((summary.pairs, summary.errors), (1, 1));
        let text = String::from_utf8_lossy(&out);
        let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap_or_default()).collect();
        assert_eq!((lines[0]["line"].as_u64(), lines[1]["id"].as_str()), (Some(1), Some("ok")));
    }
}
