//! The audit trail: what was done, by whom, to which organisation's data. Entries are appended in
//! the transaction of the change they describe and never changed afterwards.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{OrgId, UserId};

/// One kept entry of the append-only audit trail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEvent {
    /// Store-assigned number, increasing with time; lists page by it.
    pub id: i64,
    /// What happened.
    #[serde(flatten)]
    pub entry: AuditEntry,
}

/// What an audit entry records. For changes that create a record, the store fills in
/// `target_id` (and `organisation_id` when the record is an organisation) once the id is known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor_user_id: Option<UserId>,
    /// The actor's organisation.
    pub actor_org_id: Option<OrgId>,
    /// The organisation whose data is touched.
    pub organisation_id: Option<OrgId>,
    /// What is done.
    pub action: String,
    /// Kind of record.
    pub target_kind: String,
    /// The record's id, when already known.
    pub target_id: Option<String>,
    /// Request origin.
    pub ip: Option<String>,
    /// Structured detail.
    pub detail: serde_json::Value,
}

/// Which audit entries to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only entries about this organisation's data.
    pub organisation_id: Option<OrgId>,
    /// Only entries by this user.
    pub actor_user_id: Option<UserId>,
    /// Only actions starting with this text, e.g. `user.`.
    pub action_prefix: Option<String>,
    /// Only entries at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only entries before this time.
    pub until: Option<DateTime<Utc>>,
}
