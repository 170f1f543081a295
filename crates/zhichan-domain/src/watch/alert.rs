//! Alerts: a filing that may conflict with a watched mark, or a new patent matching a patent
//! watch, with why, by when to act, and where its review stands.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{AlertReason, AlertStatus, PatentWatchId, RiskLevel, Signal, WatchedMarkId, with_text};
use crate::id::id_type;
use crate::notify::Recipient;
use crate::office::OfficeCode;
use crate::records::{RecordKey, RecordKind};
use crate::{OrgId, UserId};

id_type!(
    /// The id of an alert.
    AlertId
);

/// A note on an alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertNote {
    /// Who wrote it.
    pub author_user_id: UserId,
    /// When.
    pub at: DateTime<Utc>,
    /// What it says.
    pub text: String,
}

/// A filing that may conflict with a watched mark, or a new patent matching a patent watch, with
/// why and by when to act.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    /// Store-assigned id.
    pub id: AlertId,
    /// The organisation alerted.
    pub organisation_id: OrgId,
    /// The watched mark, for a trademark alert.
    pub watched_mark_id: Option<WatchedMarkId>,
    /// The patent watch, for a patent alert.
    pub patent_watch_id: Option<PatentWatchId>,
    /// The filing: application number (trademarks) or publication number (patents) at its office.
    #[serde(flatten)]
    pub filing: RecordKey,
    /// The filed mark's text or the patent's title.
    pub title: Option<String>,
    /// The filing's applicants, `; `-separated.
    pub applicant: Option<String>,
    /// Similarity score in [0, 1].
    pub score: f64,
    /// Risk level.
    pub risk: RiskLevel,
    /// Why; serialised with each entry's English text.
    #[serde(serialize_with = "with_text")]
    pub reasons: Vec<AlertReason>,
    /// The last day to oppose, where the office's rule and the filing's dates give one.
    pub opposition_deadline: Option<NaiveDate>,
    /// Squatting signals; serialised with each entry's English text.
    #[serde(serialize_with = "with_text")]
    pub signals: Vec<Signal>,
    /// Review status.
    pub status: AlertStatus,
    /// The staff member looking after it.
    pub assignee_user_id: Option<UserId>,
    /// Notes, oldest first.
    pub notes: Vec<AlertNote>,
    /// When it was raised.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// An alert to raise.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAlert {
    /// The organisation.
    pub organisation_id: OrgId,
    /// The watched mark (trademark alerts).
    pub watched_mark_id: Option<WatchedMarkId>,
    /// The patent watch (patent alerts).
    pub patent_watch_id: Option<PatentWatchId>,
    /// The filing.
    pub filing: RecordKey,
    /// Filed mark or patent title.
    pub title: Option<String>,
    /// Applicants.
    pub applicant: Option<String>,
    /// Score.
    pub score: f64,
    /// Risk level.
    pub risk: RiskLevel,
    /// Why.
    pub reasons: Vec<AlertReason>,
    /// Opposition deadline.
    pub opposition_deadline: Option<NaiveDate>,
    /// Squatting signals.
    pub signals: Vec<Signal>,
    /// Who is notified: a delivery is queued for each, with the alert.
    pub recipients: Vec<Recipient>,
}

/// Which alerts to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct AlertFilter {
    /// Only this organisation's.
    pub organisation_id: Option<OrgId>,
    /// Only in this status.
    pub status: Option<AlertStatus>,
    /// Only of this risk level.
    pub risk: Option<RiskLevel>,
    /// Only about this watched mark.
    pub watched_mark_id: Option<WatchedMarkId>,
    /// Only filings at this office.
    pub office: Option<OfficeCode>,
    /// Only about this patent watch.
    pub patent_watch_id: Option<PatentWatchId>,
    /// Only of this record kind.
    pub kind: Option<RecordKind>,
}
