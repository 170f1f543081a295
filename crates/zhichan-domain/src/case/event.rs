//! The history of a case: every change, message, note, document and opinion, as entries of a
//! hash chain (see [`super::chain`]). Entries are only ever appended.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{CaseId, CaseState, Outcome};
use crate::UserId;
use crate::id::id_type;
use crate::watch::AlertId;

id_type!(
    /// The id of a case history entry.
    CaseEventId
);

/// Who may read a history entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// The parties and everyone working on the case.
    Parties,
    /// Only those working on the case (the centre, the assignee): internal notes, technical
    /// opinions, internal documents. Never shown to a party.
    Internal,
}

impl Visibility {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Parties => "parties",
            Self::Internal => "internal",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> Option<Self> {
        [Self::Parties, Self::Internal].into_iter().find(|visibility| visibility.code() == code)
    }
}

/// A document received for a case, as stored: content-addressed by its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFile {
    /// The file name as uploaded.
    pub file_name: String,
    /// The media type the content was recognised as.
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, hex, computed on receipt.
    pub sha256: String,
}

/// What a history entry records. Stored as `{ "code", "details" }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "details", rename_all = "snake_case")]
pub enum CaseEventBody {
    /// The case was opened in its kind's first state.
    Opened {
        /// The first state.
        state: CaseState,
    },
    /// The case moved from one state to another.
    Transition {
        /// Where it stood.
        from: CaseState,
        /// Where it went.
        to: CaseState,
        /// The outcome, when a rights-assistance case closed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        outcome: Option<Outcome>,
        /// Why, in the words of who moved it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Someone was assigned to work on the case (or the assignment was cleared).
    Assigned {
        /// The person, or `None` when they stepped down.
        user_id: Option<UserId>,
    },
    /// A tie to a party was disclosed before an appointment (an orange- or green-list tie).
    Disclosed {
        /// The person appointed.
        user_id: UserId,
        /// What was disclosed.
        text: String,
    },
    /// A message between the parties and those working on the case.
    Message {
        /// The text.
        text: String,
    },
    /// An internal note.
    Note {
        /// The text.
        text: String,
    },
    /// A document was received.
    Evidence(EvidenceFile),
    /// The technical investigator's opinion (always internal).
    Opinion {
        /// The opinion.
        text: String,
    },
    /// A watch alert was escalated into the case.
    AlertJoined {
        /// The alert.
        alert_id: AlertId,
    },
}

impl CaseEventBody {
    /// Who may read an entry of this body when nobody chose: notes and opinions are internal,
    /// everything else is shown to the parties.
    pub fn default_visibility(&self) -> Visibility {
        match self {
            Self::Note { .. } | Self::Opinion { .. } | Self::Disclosed { .. } => Visibility::Internal,
            _ => Visibility::Parties,
        }
    }

    /// Whether the entry is a change people are notified of: the case opened, moved to another
    /// state, or someone was appointed (or stepped down).
    pub fn notifies(&self) -> bool {
        matches!(self, Self::Opened { .. } | Self::Transition { .. } | Self::Assigned { .. })
    }
}

/// One entry of a case's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseEvent {
    /// Store-assigned id.
    pub id: CaseEventId,
    /// The case.
    pub case_id: CaseId,
    /// Position in the case's chain, from 1.
    pub seq: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (none for the platform itself).
    pub actor_user_id: Option<UserId>,
    /// Who may read it.
    pub visibility: Visibility,
    /// What it records.
    pub body: CaseEventBody,
    /// The entry's hash (hex), which the next entry chains to.
    pub hash: String,
}
