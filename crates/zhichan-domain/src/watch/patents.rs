//! What an organisation watches for new patents: queries in the search language.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::id::id_type;
use crate::{OrgId, UserId};

id_type!(
    /// The id of a patent watch.
    PatentWatchId
);

/// A query in the search language an organisation runs on every new patent record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PatentWatch {
    /// Store-assigned id.
    pub id: PatentWatchId,
    /// The organisation watching.
    pub organisation_id: OrgId,
    /// What the organisation calls it ("competitor X", "H04W handover").
    pub label: String,
    /// The query, e.g. `applicant:huawei AND ipc:H04W*`.
    pub query: String,
    /// The user who added it.
    pub created_by: Option<UserId>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The editable part of a patent watch, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatentWatchFields {
    /// Label.
    pub label: String,
    /// Query text that parses.
    pub query: String,
}
