//! `zhichan search`: query the registers from the command line.

use clap::Args;
use figment::Figment;
use zhichan_core::CoreError;
use zhichan_core::search::SearchQuery;

use super::{Flags, open_core};

/// Options of `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query, in the query language (docs/SEARCH.md); several words are joined with spaces.
    #[arg(required = true)]
    query: Vec<String>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
    /// Hits to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Order: relevance, newest or oldest.
    #[arg(long, default_value = "relevance")]
    sort: String,
    /// Continue after this cursor (printed under a page that has more).
    #[arg(long)]
    cursor: Option<String>,
}

/// Runs a search and prints the total and the hits.
pub async fn run(flags: &Flags, args: SearchArgs) -> anyhow::Result<()> {
    let settings = flags.settings(Figment::new())?;
    let core = open_core(&settings).await?;
    // A CLI run that can write the index brings it up to date first; otherwise the writer does.
    if core.search_index().is_ok_and(|index| index.is_writable()) {
        core.catch_up_index().await.map_err(|error| anyhow::anyhow!("{error}"))?;
    }
    let text = args.query.join(" ");
    let query = SearchQuery {
        text: text.clone(),
        sort: Some(args.sort),
        limit: Some(args.limit),
        cursor: args.cursor,
        facets: false,
        snippets: false,
    };
    let page = match core.search(&query).await {
        Ok(page) => page,
        Err(CoreError::Query(error)) => anyhow::bail!("{error}\n{}", error.caret(&text)),
        Err(error) => anyhow::bail!("{error}"),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&page)?);
        return Ok(());
    }
    println!("{} records match", page.total);
    for hit in &page.hits {
        let title = if hit.title.is_empty() { "—" } else { hit.title.as_str() };
        println!("{:<3} {:<16} {:<10} {:>7.2}  {title}", hit.key.office, hit.key.number, hit.key.kind, hit.score);
    }
    if let Some(next) = page.next {
        println!("more: --cursor {next}");
    }
    Ok(())
}
