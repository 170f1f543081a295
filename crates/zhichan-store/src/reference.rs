//! Reference tables (CNIPA similar groups, IPC, technology fields, Nice items, ST.3 codes), kept
//! as generic entries: a key, an optional parent and class for look-ups, a title, and the whole
//! entry as JSON. A table is replaced whole when its published file is imported again.

use async_trait::async_trait;
use serde::Serialize;

use zhichan_domain::AuditEntry;
use zhichan_domain::import::ImportId;

use crate::StoreResult;

/// One entry of a reference table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceEntry {
    /// The table, e.g. `similar_groups`, `ipc`.
    pub kind: String,
    /// The entry's key within its table (group code, IPC symbol, office code…).
    pub key: String,
    /// The key of the entry above it, where the table is a hierarchy.
    pub parent: Option<String>,
    /// The Nice class the entry belongs to, where it has one.
    pub class: Option<i64>,
    /// The entry's title or name.
    pub title: String,
    /// The whole entry, as the domain type serialises it.
    pub detail: serde_json::Value,
}

/// Persistence of reference tables.
#[async_trait]
pub trait ReferenceStore: Send + Sync {
    /// Replaces table `kind` with `entries` in one transaction, recording the change.
    async fn replace_reference(
        &self,
        kind: &str,
        entries: &[ReferenceEntry],
        import_id: ImportId,
        audit: AuditEntry,
    ) -> StoreResult<()>;
    /// One entry.
    async fn reference_entry(&self, kind: &str, key: &str) -> StoreResult<Option<ReferenceEntry>>;
    /// The entries of `kind` in Nice class `class`, in key order.
    async fn reference_in_class(&self, kind: &str, class: i64) -> StoreResult<Vec<ReferenceEntry>>;
    /// The entries whose parent is `parent`, in key order.
    async fn reference_children(&self, kind: &str, parent: &str) -> StoreResult<Vec<ReferenceEntry>>;
    /// How many entries table `kind` holds.
    async fn count_reference(&self, kind: &str) -> StoreResult<i64>;
}
