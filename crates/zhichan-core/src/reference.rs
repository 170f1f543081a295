//! Reference tables: loading a published file's table into the store (replacing the previous
//! edition) and reading it back as domain types.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use zhichan_domain::import::ImportId;
use zhichan_domain::nice::NiceClass;
use zhichan_domain::reference::{IpcEntry, ReferenceTable, SimilarGroup, fill_english_names};
use zhichan_store::reference::ReferenceEntry;

use crate::audit::entry;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext};

/// One table loaded by an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadedTable {
    /// The table kind (`similar_groups`, `ipc`, …).
    pub kind: &'static str,
    /// Its source file.
    pub source: String,
    /// Entries stored.
    pub entries: usize,
}

impl Core {
    /// Replaces the stored edition of `table`'s kind with it. CNIPA similar groups come as two
    /// published files (one with notes, one with English names): each import keeps what the
    /// stored edition has that the new file lacks, so the order of the two does not matter.
    pub(crate) async fn load_reference(
        &self,
        actor: Option<&Actor>,
        import_id: ImportId,
        source: &str,
        mut table: ReferenceTable,
    ) -> CoreResult<LoadedTable> {
        if let ReferenceTable::SimilarGroups(groups) = &mut table {
            let stored = self.similar_groups_all().await?;
            merge_groups(groups, &stored);
        }
        let kind = table.kind();
        let entries = entries(&table)?;
        let audit = entry(
            actor,
            &RequestContext::cli(),
            "reference.replace",
            ("reference", Some(kind.to_owned())),
            None,
            json!({
                "source": source, "entries": entries.len(),
            }),
        );
        self.store.replace_reference(kind, &entries, import_id, audit).await?;
        Ok(LoadedTable { kind, source: source.to_owned(), entries: entries.len() })
    }

    /// The CNIPA similar groups of a Nice class, in code order.
    pub async fn similar_groups(&self, class: NiceClass) -> CoreResult<Vec<SimilarGroup>> {
        let entries = self.store.reference_in_class("similar_groups", i64::from(class.number())).await?;
        entries.iter().map(detail).collect()
    }

    /// An IPC entry and the entries directly below it.
    pub async fn ipc(&self, symbol: &str) -> CoreResult<(IpcEntry, Vec<IpcEntry>)> {
        let symbol = IpcEntry::new(symbol, "").map_err(CoreError::from)?.symbol;
        let found = self.store.reference_entry("ipc", &symbol).await?.ok_or(CoreError::NotFound("ipc"))?;
        let children = self.store.reference_children("ipc", &symbol).await?;
        Ok((detail(&found)?, children.iter().map(detail).collect::<CoreResult<_>>()?))
    }

    async fn similar_groups_all(&self) -> CoreResult<Vec<SimilarGroup>> {
        let mut all = Vec::new();
        for class in NiceClass::all() {
            all.extend(self.similar_groups(class).await?);
        }
        Ok(all)
    }
}

/// Completes `incoming` with what `stored` has and it lacks: English item names and group notes.
fn merge_groups(incoming: &mut [SimilarGroup], stored: &[SimilarGroup]) {
    fill_english_names(incoming, stored);
    for group in incoming.iter_mut().filter(|g| g.notes.is_empty()) {
        if let Some(previous) = stored.iter().find(|s| s.code == group.code) {
            group.notes = previous.notes.clone();
        }
    }
}

/// A table's rows as store entries: key, parent, class and title for look-ups, the row as detail.
fn entries(table: &ReferenceTable) -> CoreResult<Vec<ReferenceEntry>> {
    let kind = table.kind();
    match table {
        ReferenceTable::SimilarGroups(rows) => rows
            .iter()
            .map(|g| row_entry(kind, g.code.clone(), None, Some(i64::from(g.class.number())), &g.title_zh, g))
            .collect(),
        ReferenceTable::Ipc(rows) => {
            rows.iter().map(|e| row_entry(kind, e.symbol.clone(), e.parent.clone(), None, &e.title_en, e)).collect()
        }
        ReferenceTable::TechnologyFields(rows) => {
            rows.iter().map(|f| row_entry(kind, f.ipc_prefix.clone(), None, None, &f.field_en, f)).collect()
        }
        ReferenceTable::NiceItems(rows) => rows
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let class = item.class.number();
                let key = format!("{class:02}-{i:05}");
                row_entry(kind, key, item.basic_number.clone(), Some(i64::from(class)), &item.text_en, item)
            })
            .collect(),
        ReferenceTable::OfficeCodes(rows) => {
            rows.iter().map(|c| row_entry(kind, c.code.clone(), None, None, &c.name_en, c)).collect()
        }
    }
}

fn row_entry<T: Serialize>(
    kind: &str,
    key: String,
    parent: Option<String>,
    class: Option<i64>,
    title: &str,
    row: &T,
) -> CoreResult<ReferenceEntry> {
    let detail =
        serde_json::to_value(row).map_err(|e| CoreError::internal(format!("cannot encode {kind} row: {e}")))?;
    Ok(ReferenceEntry { kind: kind.to_owned(), key, parent, class, title: title.to_owned(), detail })
}

fn detail<T: DeserializeOwned>(entry: &ReferenceEntry) -> CoreResult<T> {
    serde_json::from_value(entry.detail.clone())
        .map_err(|e| CoreError::internal(format!("stored {} entry {} is unreadable: {e}", entry.kind, entry.key)))
}
