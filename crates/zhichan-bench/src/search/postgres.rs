//! The PostgreSQL full-text peer.
//!
//! Setup: one table `docs` with the codes, the text shown for a hit and a stored `tsvector`:
//! for each default field its Latin part through the `english` configuration and its Han bigrams
//! (pre-segmented in Rust, as for FTS5) through `simple`, weighted by field (`A` title, `B` mark,
//! `C` applicant, `D` abstract) so that `word:C` is `applicant:word`. Loaded with `COPY` into an unlogged
//! staging table of plain text, turned into `docs` in one `INSERT … SELECT`, then a GIN index on
//! the vector and a b-tree on the office, `VACUUM ANALYZE`. Like the other engines it keeps no
//! copy of the full text. Searches: `count(*)`, then the top hits by `ts_rank_cd`, facets in one
//! pass with `GROUPING SETS`. Each session uses `plan_cache_mode = force_custom_plan` (the
//! selectivity of a text query varies too much for one generic plan) and the server's defaults
//! otherwise; the build raises `maintenance_work_mem` to 512 MB for the GIN index.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, Row};

use super::corpus::{CorpusSpec, FlatDoc, spawn_flat_chunks, split_text};
use super::queries::BenchQuery;
use super::{BuildStats, FacetCounts, Outcome};
use zhichan_domain::records::Record;

/// Bytes of `COPY` data per message.
const COPY_BUFFER: usize = 1 << 20;

/// The built database.
#[derive(Debug, Clone)]
pub struct PgEngine {
    options: PgConnectOptions,
}

/// Builds `database` afresh on the server of `base_url` (dropped first if it exists).
pub async fn build(
    base_url: &str,
    database: &str,
    spec: &CorpusSpec,
    samples: Arc<Vec<Record>>,
) -> anyhow::Result<(PgEngine, BuildStats)> {
    anyhow::ensure!(
        database.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
        "the benchmark database name must be letters, digits and _"
    );
    let base = PgConnectOptions::from_str(base_url).context("bad PostgreSQL URL")?;
    let mut admin = PgConnection::connect_with(&base).await.context("cannot connect to PostgreSQL")?;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {database}"))).execute(&mut admin).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {database}"))).execute(&mut admin).await?;
    admin.close().await?;
    let options = base.database(database);

    let started = Instant::now();
    let mut conn = PgConnection::connect_with(&options).await.context("cannot connect to the benchmark database")?;
    sqlx::raw_sql(
        "SET maintenance_work_mem = '512MB';
         CREATE UNLOGGED TABLE staging (id bigint, office text, kind text, number text, display text, status text,
             year int, title_l text, title_z text, mark_l text, mark_z text, applicant_l text, applicant_z text,
             abstract_l text, abstract_z text);",
    )
    .execute(&mut conn)
    .await
    .context("creating the staging table")?;
    let (mut chunks, producer) = spawn_flat_chunks(spec.clone(), samples);
    let mut copy = conn.copy_in_raw("COPY staging FROM STDIN").await.context("starting COPY")?;
    let mut buffer = String::with_capacity(COPY_BUFFER + 64 * 1024);
    let mut next_id = 1i64;
    while let Some(chunk) = chunks.recv().await {
        for doc in &chunk {
            copy_line(&mut buffer, next_id, doc);
            next_id += 1;
            if buffer.len() >= COPY_BUFFER {
                copy.send(std::mem::take(&mut buffer).into_bytes()).await.context("COPY")?;
            }
        }
    }
    if !buffer.is_empty() {
        copy.send(buffer.into_bytes()).await.context("COPY")?;
    }
    copy.finish().await.context("finishing COPY")?;
    producer.await.context("the corpus thread panicked")??;
    sqlx::raw_sql(
        "CREATE TABLE docs AS SELECT id, office, kind, number, display, status, year,
             setweight(to_tsvector('english', title_l) || to_tsvector('simple', title_z), 'A')
             || setweight(to_tsvector('english', mark_l) || to_tsvector('simple', mark_z), 'B')
             || setweight(to_tsvector('english', applicant_l) || to_tsvector('simple', applicant_z), 'C')
             || setweight(to_tsvector('english', abstract_l) || to_tsvector('simple', abstract_z), 'D') AS tsv
           FROM staging;
         DROP TABLE staging;
         ALTER TABLE docs ADD PRIMARY KEY (id);
         CREATE INDEX docs_tsv ON docs USING gin (tsv);
         CREATE INDEX docs_office ON docs (office);",
    )
    .execute(&mut conn)
    .await
    .context("building the PostgreSQL table and indexes")?;
    sqlx::raw_sql("VACUUM ANALYZE docs").execute(&mut conn).await.context("VACUUM ANALYZE")?;
    let seconds = started.elapsed().as_secs_f64();
    let (total, gin): (i64, i64) =
        sqlx::query_as("SELECT pg_total_relation_size('docs'), pg_relation_size('docs_tsv')")
            .fetch_one(&mut conn)
            .await?;
    conn.close().await?;
    let stats = BuildStats {
        records: (next_id - 1) as u64,
        seconds,
        bytes: total as u64,
        note: format!("table + all indexes; GIN alone {:.0} MB", gin as f64 / 1e6),
    };
    Ok((PgEngine { options }, stats))
}

/// Appends one `COPY` text-format line.
fn copy_line(out: &mut String, id: i64, doc: &FlatDoc) {
    use std::fmt::Write;
    let _ = write!(out, "{id}");
    let year = doc.year.map(|y| y.to_string());
    let mut field = |value: Option<&str>| {
        out.push('\t');
        match value {
            None => out.push_str("\\N"),
            Some(text) => escape_copy(out, text),
        }
    };
    field(Some(&doc.office));
    field(Some(doc.kind));
    field(Some(&doc.number));
    field(Some(&doc.display));
    field(Some(&doc.status));
    field(year.as_deref());
    for text in [&doc.title, &doc.mark, &doc.applicant, &doc.abstract_] {
        let split = split_text(text);
        field(Some(&split.latin));
        field(Some(&split.bigrams));
    }
    out.push('\n');
}

/// `COPY` text format: backslash, tab, newline and carriage return escaped.
fn escape_copy(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

impl PgEngine {
    /// A client on its own connection.
    pub async fn client(&self) -> anyhow::Result<PgClient> {
        let mut conn = PgConnection::connect_with(&self.options).await.context("cannot connect to PostgreSQL")?;
        sqlx::raw_sql("SET plan_cache_mode = force_custom_plan").execute(&mut conn).await?;
        Ok(PgClient { conn })
    }
}

/// One connection.
#[derive(Debug)]
pub struct PgClient {
    conn: PgConnection,
}

const COUNT: &str = "SELECT count(*) FROM docs, to_tsquery($1::text::regconfig, $2) q WHERE tsv @@ q";
const COUNT_IN_OFFICE: &str =
    "SELECT count(*) FROM docs, to_tsquery($1::text::regconfig, $2) q WHERE tsv @@ q AND office = $3";
const TOP: &str = "SELECT office, kind, number, display FROM docs, to_tsquery($1::text::regconfig, $2) q \
     WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC LIMIT 10";
const TOP_IN_OFFICE: &str = "SELECT office, kind, number, display FROM docs, to_tsquery($1::text::regconfig, $2) q \
     WHERE tsv @@ q AND office = $3 ORDER BY ts_rank_cd(tsv, q) DESC LIMIT 10";
const FACETS: &str = "SELECT GROUPING(office) AS g_office, GROUPING(kind) AS g_kind, GROUPING(status) AS g_status, \
     office, kind, status, year, count(*) FROM docs, to_tsquery($1::text::regconfig, $2) q WHERE tsv @@ q \
     GROUP BY GROUPING SETS ((office), (kind), (status), (year))";

impl PgClient {
    /// Runs one query: `count(*)`, then the top hits by `ts_rank_cd`, then facets when asked for.
    pub async fn run(&mut self, query: &BenchQuery) -> anyhow::Result<Outcome> {
        let conn = &mut self.conn;
        let context = || format!("PostgreSQL: to_tsquery('{}', '{}')", query.pg_config, query.pg_tsquery);
        let (config, text) = (query.pg_config, query.pg_tsquery.as_str());
        let (total, hits) = match query.office {
            Some(office) => {
                let total: i64 = sqlx::query_scalar(COUNT_IN_OFFICE)
                    .bind(config)
                    .bind(text)
                    .bind(office)
                    .fetch_one(&mut *conn)
                    .await
                    .with_context(context)?;
                let hits = sqlx::query(TOP_IN_OFFICE)
                    .bind(config)
                    .bind(text)
                    .bind(office)
                    .fetch_all(&mut *conn)
                    .await
                    .with_context(context)?;
                (total, hits)
            }
            None => {
                let total: i64 = sqlx::query_scalar(COUNT)
                    .bind(config)
                    .bind(text)
                    .fetch_one(&mut *conn)
                    .await
                    .with_context(context)?;
                let hits =
                    sqlx::query(TOP).bind(config).bind(text).fetch_all(&mut *conn).await.with_context(context)?;
                (total, hits)
            }
        };
        let mut shown = 0;
        for row in &hits {
            let _number: String = row.try_get(2)?;
            shown += 1;
        }
        let facets = if query.facets {
            let rows = sqlx::query(FACETS).bind(config).bind(text).fetch_all(&mut *conn).await.with_context(context)?;
            let mut counts = FacetCounts::default();
            for row in rows {
                let count = row.try_get::<i64, _>(7)? as u64;
                let (g_office, g_kind, g_status): (i32, i32, i32) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
                if g_office == 0 {
                    counts.office.insert(row.try_get(3)?, count);
                } else if g_kind == 0 {
                    counts.kind.insert(row.try_get(4)?, count);
                } else if g_status == 0 {
                    counts.status.insert(row.try_get(5)?, count);
                } else if let Some(year) = row.try_get::<Option<i32>, _>(6)? {
                    counts.year.insert(year.to_string(), count);
                }
            }
            Some(counts)
        } else {
            None
        };
        Ok(Outcome { total: total as u64, hits: shown, facets })
    }

    /// A `SELECT 1` round trip: the cost of the client library and the socket, not of the search.
    pub async fn noop(&mut self) -> anyhow::Result<()> {
        sqlx::query("SELECT 1").execute(&mut self.conn).await?;
        Ok(())
    }
}
