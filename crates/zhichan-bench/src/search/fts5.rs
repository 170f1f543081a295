//! The SQLite FTS5 peer.
//!
//! Setup, chosen to be the fairest honest configuration:
//! - one contentless FTS5 table (`content=''`: the index only, no copy of the text, like zhichan
//!   which stores no full text either) with the four default search fields (title, abstract, applicant, mark) as columns, tokenizer
//!   `porter unicode61 remove_diacritics 2` (English stemming, case and accent folding);
//! - Chinese pre-segmented in Rust into overlapping character bigrams appended to each column
//!   (FTS5's `unicode61` would keep a whole run of Han characters as one token); a Chinese query
//!   word is the phrase of its bigrams;
//! - the codes and the text shown for a hit in a narrow ordinary table `meta` keyed by the same
//!   rowid, joined for the office filter, the hits and the facets;
//! - built in one transaction with `journal_mode=OFF`, then `optimize` (one b-tree per index);
//! - read with a 64 MiB page cache and a 1 GiB `mmap_size` per connection (tantivy reads its
//!   index through mmap too).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, Row, SqliteConnection};

use super::corpus::{CorpusSpec, FlatDoc, spawn_flat_chunks, split_text};
use super::queries::BenchQuery;
use super::{BuildStats, FacetCounts, Outcome};
use zhichan_domain::records::Record;

/// Rows per multi-row `INSERT`.
const ROWS_PER_INSERT: usize = 100;

/// The built database, opened by each client on its own connection.
#[derive(Debug, Clone)]
pub struct Fts5Engine {
    path: PathBuf,
}

fn options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Off)
        .synchronous(SqliteSynchronous::Off)
        .pragma("cache_size", "-65536")
        .pragma("mmap_size", "1073741824")
        .statement_cache_capacity(64)
}

/// The text of one FTS5 column: the Latin part, then the Han bigrams.
fn column(text: &str) -> String {
    let split = split_text(text);
    if split.bigrams.is_empty() { split.latin } else { format!("{} {}", split.latin, split.bigrams) }
}

fn insert_sql(rows: usize) -> (String, String) {
    let docs = vec!["(?,?,?,?,?)"; rows].join(",");
    let meta = vec!["(?,?,?,?,?,?,?)"; rows].join(",");
    (
        format!("INSERT INTO docs(rowid, title, abstract, applicant, mark) VALUES {docs}"),
        format!("INSERT INTO meta(id, office, kind, number, display, status, year) VALUES {meta}"),
    )
}

async fn insert_rows(conn: &mut SqliteConnection, first_id: i64, rows: &[FlatDoc]) -> anyhow::Result<()> {
    let (docs_sql, meta_sql) = insert_sql(rows.len());
    let mut docs = sqlx::query(sqlx::AssertSqlSafe(docs_sql));
    let mut meta = sqlx::query(sqlx::AssertSqlSafe(meta_sql));
    for (offset, doc) in rows.iter().enumerate() {
        let id = first_id + offset as i64;
        docs = docs
            .bind(id)
            .bind(column(&doc.title))
            .bind(column(&doc.abstract_))
            .bind(column(&doc.applicant))
            .bind(column(&doc.mark));
        meta = meta
            .bind(id)
            .bind(doc.office.clone())
            .bind(doc.kind)
            .bind(doc.number.clone())
            .bind(doc.display.clone())
            .bind(doc.status.clone())
            .bind(doc.year);
    }
    docs.execute(&mut *conn).await.context("inserting into docs")?;
    meta.execute(&mut *conn).await.context("inserting into meta")?;
    Ok(())
}

/// Builds a fresh database of the corpus at `path`.
pub async fn build(
    path: &Path,
    spec: &CorpusSpec,
    samples: Arc<Vec<Record>>,
) -> anyhow::Result<(Fts5Engine, BuildStats)> {
    let _ = std::fs::remove_file(path);
    let started = Instant::now();
    let mut conn = SqliteConnection::connect_with(&options(path)).await.context("cannot create the FTS5 database")?;
    sqlx::raw_sql(
        "CREATE VIRTUAL TABLE docs USING fts5(title, abstract, applicant, mark, content='', \
             tokenize='porter unicode61 remove_diacritics 2');
         CREATE TABLE meta (id INTEGER PRIMARY KEY, office TEXT NOT NULL, kind TEXT NOT NULL, number TEXT NOT NULL,
             display TEXT NOT NULL, status TEXT NOT NULL, year INTEGER);
         BEGIN;",
    )
    .execute(&mut conn)
    .await
    .context("creating the FTS5 tables")?;
    let (mut chunks, producer) = spawn_flat_chunks(spec.clone(), samples);
    let mut next_id = 1i64;
    while let Some(chunk) = chunks.recv().await {
        for rows in chunk.chunks(ROWS_PER_INSERT) {
            insert_rows(&mut conn, next_id, rows).await?;
            next_id += rows.len() as i64;
        }
    }
    producer.await.context("the corpus thread panicked")??;
    sqlx::raw_sql("COMMIT; INSERT INTO docs(docs) VALUES('optimize');")
        .execute(&mut conn)
        .await
        .context("optimising the FTS5 index")?;
    conn.close().await?;
    let seconds = started.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let stats = BuildStats {
        records: (next_id - 1) as u64,
        seconds,
        bytes,
        note: "contentless FTS5 + `meta` table, after `optimize`".to_owned(),
    };
    Ok((Fts5Engine { path: path.to_path_buf() }, stats))
}

impl Fts5Engine {
    /// A client on its own connection.
    pub async fn client(&self) -> anyhow::Result<Fts5Client> {
        let conn =
            SqliteConnection::connect_with(&options(&self.path)).await.context("cannot open the FTS5 database")?;
        Ok(Fts5Client { conn })
    }
}

/// One connection.
#[derive(Debug)]
pub struct Fts5Client {
    conn: SqliteConnection,
}

const COUNT: &str = "SELECT count(*) FROM docs WHERE docs MATCH ?1";
const COUNT_IN_OFFICE: &str =
    "SELECT count(*) FROM docs JOIN meta f ON f.id = docs.rowid WHERE docs MATCH ?1 AND f.office = ?2";
const TOP: &str = "SELECT m.office, m.kind, m.number, m.display FROM \
     (SELECT docs.rowid AS id, bm25(docs) AS score FROM docs WHERE docs MATCH ?1 ORDER BY score LIMIT 10) t \
     JOIN meta m ON m.id = t.id ORDER BY t.score";
const TOP_IN_OFFICE: &str = "SELECT m.office, m.kind, m.number, m.display FROM \
     (SELECT docs.rowid AS id, bm25(docs) AS score FROM docs JOIN meta f ON f.id = docs.rowid \
      WHERE docs MATCH ?1 AND f.office = ?2 ORDER BY score LIMIT 10) t \
     JOIN meta m ON m.id = t.id ORDER BY t.score";
const FACETS: &str = "SELECT m.office, m.kind, m.status, m.year, count(*) FROM docs JOIN meta m ON m.id = docs.rowid \
     WHERE docs MATCH ?1 GROUP BY 1, 2, 3, 4";

impl Fts5Client {
    /// Runs one query: `count(*)`, then the top hits by `bm25()`, then facets when asked for.
    pub async fn run(&mut self, query: &BenchQuery) -> anyhow::Result<Outcome> {
        let conn = &mut self.conn;
        let context = || format!("FTS5: {}", query.fts5);
        let (total, hits) = match query.office {
            Some(office) => {
                let total: i64 = sqlx::query_scalar(COUNT_IN_OFFICE)
                    .bind(&query.fts5)
                    .bind(office)
                    .fetch_one(&mut *conn)
                    .await
                    .with_context(context)?;
                let hits = sqlx::query(TOP_IN_OFFICE)
                    .bind(&query.fts5)
                    .bind(office)
                    .fetch_all(&mut *conn)
                    .await
                    .with_context(context)?;
                (total, hits)
            }
            None => {
                let total: i64 =
                    sqlx::query_scalar(COUNT).bind(&query.fts5).fetch_one(&mut *conn).await.with_context(context)?;
                let hits = sqlx::query(TOP).bind(&query.fts5).fetch_all(&mut *conn).await.with_context(context)?;
                (total, hits)
            }
        };
        let mut shown = 0;
        for row in &hits {
            let _number: String = row.try_get(2)?;
            shown += 1;
        }
        let facets = if query.facets {
            let rows = sqlx::query(FACETS).bind(&query.fts5).fetch_all(&mut *conn).await.with_context(context)?;
            let mut counts = FacetCounts::default();
            for row in rows {
                let year: Option<i64> = row.try_get(3)?;
                counts.add_combination(
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    year.map(|y| y.to_string()),
                    row.try_get::<i64, _>(4)? as u64,
                );
            }
            Some(counts)
        } else {
            None
        };
        Ok(Outcome { total: total as u64, hits: shown, facets })
    }

    /// A `SELECT 1` round trip: the cost of the client library, not of the search.
    pub async fn noop(&mut self) -> anyhow::Result<()> {
        sqlx::query("SELECT 1").execute(&mut self.conn).await?;
        Ok(())
    }
}
