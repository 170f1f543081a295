//! The corpus every engine indexes: generated trademarks and patents (deterministic from the seed)
//! followed by the real office samples, and the flat text form the two SQL peers store.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::Datelike;
use zhichan_domain::records::Record;
use zhichan_generate::{GenerateConfig, generate};

/// Records per message between the generating thread and a peer's writer.
pub const CHUNK: usize = 1_000;

/// One size of corpus: generated counts plus the real samples.
#[derive(Debug, Clone)]
pub struct CorpusSpec {
    /// Generated trademarks.
    pub trademarks: u64,
    /// Generated patents.
    pub patents: u64,
    /// Generator seed.
    pub seed: u64,
}

impl CorpusSpec {
    /// Generated records, samples not included.
    pub fn generated(&self) -> u64 {
        self.trademarks + self.patents
    }

    /// `1.1M`-style label of the generated size.
    pub fn label(&self) -> String {
        human_count(self.generated())
    }
}

/// `1100000` → `1.1M`, `2200` → `2.2k`.
pub fn human_count(n: u64) -> String {
    let (value, unit) = if n >= 1_000_000 {
        (n as f64 / 1e6, "M")
    } else if n >= 1_000 {
        (n as f64 / 1e3, "k")
    } else {
        return n.to_string();
    };
    let text = format!("{value:.1}");
    format!("{}{unit}", text.trim_end_matches(".0"))
}

/// Reads the real samples under `dir` (recursively, in name order) with the ingest crate, the way
/// `zhichan import` does: files that are not records (reference tables, schemas, notes) are
/// skipped, unreadable records are dropped, duplicates of an earlier key are dropped.
pub fn read_samples(dir: &Path) -> anyhow::Result<Vec<Record>> {
    let mut files = Vec::new();
    collect_files(dir, &mut files).with_context(|| format!("cannot list the samples in {}", dir.display()))?;
    let mut keys = HashSet::new();
    let mut records = Vec::new();
    for file in files {
        if matches!(zhichan_ingest::reference::open(&file), Ok(Some(_))) {
            continue;
        }
        let Ok(items) = zhichan_ingest::open(&file) else { continue };
        for record in items.flatten() {
            if keys.insert(record.key().to_string()) {
                records.push(record);
            }
        }
    }
    Ok(records)
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect_files(&entry, files)?;
        } else {
            files.push(entry);
        }
    }
    Ok(())
}

/// Calls `visit` with every record of the corpus: generated trademarks, generated patents, then
/// the samples. Stops at the first error.
pub fn for_each_record(
    spec: &CorpusSpec,
    samples: &[Record],
    mut visit: impl FnMut(&Record) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let config = GenerateConfig { trademarks: spec.trademarks, patents: spec.patents, seed: spec.seed };
    let mut failure = None;
    let generated = generate(&config, |record| {
        visit(&record).map_err(|error| {
            let message = format!("{error:#}");
            failure = Some(error);
            std::io::Error::other(message)
        })
    });
    if let Some(error) = failure {
        return Err(error);
    }
    generated.context("generating the corpus")?;
    samples.iter().try_for_each(visit)
}

/// Streams the corpus as [`FlatDoc`] chunks from a blocking thread, so that generation overlaps
/// with an async writer on the other core.
pub fn spawn_flat_chunks(
    spec: CorpusSpec,
    samples: std::sync::Arc<Vec<Record>>,
) -> (tokio::sync::mpsc::Receiver<Vec<FlatDoc>>, tokio::task::JoinHandle<anyhow::Result<()>>) {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Vec<FlatDoc>>(4);
    let handle = tokio::task::spawn_blocking(move || {
        let mut chunk = Vec::with_capacity(CHUNK);
        for_each_record(&spec, &samples, |record| {
            chunk.push(FlatDoc::from_record(record));
            if chunk.len() >= CHUNK {
                sender.blocking_send(std::mem::take(&mut chunk)).context("the writer stopped")?;
            }
            Ok(())
        })?;
        if !chunk.is_empty() {
            sender.blocking_send(chunk).context("the writer stopped")?;
        }
        Ok(())
    });
    (receiver, handle)
}

/// A record as the SQL peers index it: the four text fields zhichan searches by default (title,
/// abstract, applicant, mark), filled as `zhichan_search`'s `document.rs` fills them, plus the codes
/// for filters and facets.
#[derive(Debug, Clone, PartialEq)]
pub struct FlatDoc {
    /// Office code, upper case (`CN`).
    pub office: String,
    /// `trademark` or `patent`.
    pub kind: &'static str,
    /// The record's number.
    pub number: String,
    /// Title or mark text to show.
    pub display: String,
    /// Trademark stage (`registered`…), or `granted`/`published` for patents.
    pub status: String,
    /// Year as zhichan's `year` facet has it: publication, else grant or registration, else filing.
    pub year: Option<i32>,
    /// zhichan `ti`: patent titles, or the mark text.
    pub title: String,
    /// zhichan `ab`: patent abstracts.
    pub abstract_: String,
    /// zhichan `applicant`: trademark owners; patent applicants and assignees.
    pub applicant: String,
    /// zhichan `mark`: mark text, transliteration, translation.
    pub mark: String,
}

impl FlatDoc {
    /// The flat form of `record`.
    pub fn from_record(record: &Record) -> FlatDoc {
        let key = record.key();
        let kind = key.kind.code();
        let join = |texts: &mut dyn Iterator<Item = &str>| {
            texts.filter(|t| !t.trim().is_empty()).collect::<Vec<_>>().join("\n")
        };
        match record {
            Record::Trademark(mark) => {
                let text = mark.mark_text.clone().unwrap_or_default();
                FlatDoc {
                    office: key.office.as_str().to_owned(),
                    kind,
                    number: key.number,
                    display: text.clone(),
                    status: format!("{:?}", mark.status.stage).to_lowercase(),
                    year: mark.dates.publication.or(mark.dates.filing).or(mark.dates.registration).map(|d| d.year()),
                    title: text,
                    abstract_: String::new(),
                    applicant: join(&mut mark.owners.iter().map(|p| p.name.as_str())),
                    mark: join(
                        &mut [&mark.mark_text, &mark.transliteration, &mark.translation]
                            .into_iter()
                            .flatten()
                            .map(String::as_str),
                    ),
                }
            }
            Record::Patent(patent) => FlatDoc {
                office: key.office.as_str().to_owned(),
                kind,
                number: key.number,
                display: patent.titles.first().map(|t| t.text.clone()).unwrap_or_default(),
                status: if patent.is_grant() { "granted" } else { "published" }.to_owned(),
                year: patent.dates.publication.or(patent.dates.grant).or(patent.dates.filing).map(|d| d.year()),
                title: join(&mut patent.titles.iter().map(|t| t.text.as_str())),
                abstract_: join(&mut patent.abstracts.iter().map(|t| t.text.as_str())),
                applicant: join(&mut patent.applicants.iter().chain(&patent.assignees).map(|p| p.name.as_str())),
                mark: String::new(),
            },
        }
    }
}

/// Whether `c` is a CJK ideograph (the characters segmented into bigrams).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Folds full-width ASCII (U+FF01–U+FF5E) and the ideographic space to ASCII, as zhichan's
/// analysers and query parser do, so the peers see `ＨＩＳＥＮＳＥ` as `HISENSE`.
fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// A text split for the SQL peers: the non-Chinese part for the word tokenizer (Han characters
/// replaced by spaces), and every run of Han characters as overlapping character bigrams
/// separated by spaces (a run of one character stays a unigram).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SplitText {
    /// Latin (and other non-Han) text.
    pub latin: String,
    /// Han bigrams, space separated, in text order.
    pub bigrams: String,
}

/// Splits `text` into its [`SplitText`].
pub fn split_text(text: &str) -> SplitText {
    let mut out = SplitText { latin: String::with_capacity(text.len()), bigrams: String::new() };
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut SplitText| {
        if run.is_empty() {
            return;
        }
        for gram in bigrams(run) {
            if !out.bigrams.is_empty() {
                out.bigrams.push(' ');
            }
            out.bigrams.push_str(&gram);
        }
        run.clear();
    };
    for c in text.chars().map(fold_width) {
        if is_han(c) {
            run.push(c);
            out.latin.push(' ');
        } else {
            flush(&mut run, &mut out);
            out.latin.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Overlapping bigrams of a run of characters; a single character is its own unigram.
pub fn bigrams(run: &[char]) -> Vec<String> {
    match run.len() {
        0 => Vec::new(),
        1 => vec![run[0].to_string()],
        _ => run.windows(2).map(|pair| pair.iter().collect()).collect(),
    }
}

/// The bigrams of a Chinese query word, for a phrase query.
pub fn query_bigrams(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().map(fold_width).filter(|c| is_han(*c)).collect();
    bigrams(&chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_runs_become_bigrams_and_latin_stays() {
        let split = split_text("深圳市华为技术有限公司 Huawei Technologies Co., Ltd.");
        assert_eq!(split.bigrams, "深圳 圳市 市华 华为 为技 技术 术有 有限 限公 公司");
        assert_eq!(split.latin.trim(), "Huawei Technologies Co., Ltd.");
    }

    #[test]
    fn punctuation_splits_runs_and_single_characters_stay() {
        let split = split_text("结构简单、成本低。龙 ＨＩＳＥＮＳＥ");
        assert_eq!(split.bigrams, "结构 构简 简单 成本 本低 龙");
        assert!(split.latin.contains("HISENSE"), "{:?}", split.latin);
    }

    #[test]
    fn query_words_become_the_same_bigrams() {
        assert_eq!(query_bigrams("无线通信"), ["无线", "线通", "通信"]);
        assert_eq!(query_bigrams("科技"), ["科技"]);
        assert!(query_bigrams("abc").is_empty());
    }

    #[test]
    fn counts_read_like_the_issue() {
        assert_eq!(human_count(1_100_000), "1.1M");
        assert_eq!(human_count(2_200), "2.2k");
        assert_eq!(human_count(10_000_000), "10M");
        assert_eq!(human_count(7), "7");
    }
}
