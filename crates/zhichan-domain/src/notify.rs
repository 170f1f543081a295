//! Notifications of alerts and case changes: the webhooks an organisation registers, and the
//! deliveries — one per notice and recipient — that are retried until sent or given up.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::case::{CaseDeadlineId, CaseEventId, CaseId};
use crate::id::id_type;
use crate::watch::AlertId;
use crate::{OrgId, UserId};

id_type!(
    /// The id of a registered webhook.
    WebhookId
);

id_type!(
    /// The id of one notice's delivery to one recipient.
    DeliveryId
);

/// An endpoint of an organisation's own system that receives its alerts, signed with a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Webhook {
    /// Store-assigned id.
    pub id: WebhookId,
    /// The organisation it belongs to.
    pub organisation_id: OrgId,
    /// Where alerts are posted.
    pub url: String,
    /// The HMAC key requests are signed with; shown to the organisation once, at creation.
    #[serde(skip)]
    pub secret: String,
    /// The user who registered it.
    pub created_by: Option<UserId>,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
}

/// Who a delivery goes to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "channel", rename_all = "snake_case")]
pub enum Recipient {
    /// An e-mail address.
    Email {
        /// The address.
        address: String,
    },
    /// A registered webhook.
    Webhook {
        /// The webhook.
        webhook_id: WebhookId,
    },
}

/// What a delivery announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "about", rename_all = "snake_case")]
pub enum Notice {
    /// A watch alert was raised.
    Alert {
        /// The alert.
        alert_id: AlertId,
    },
    /// A case changed: it opened, moved to another state, or someone was appointed to it.
    Case {
        /// The case.
        case_id: CaseId,
        /// The history entry recording the change.
        event_id: CaseEventId,
    },
    /// A case deadline is near (or due today).
    Reminder {
        /// The case.
        case_id: CaseId,
        /// The deadline.
        deadline_id: CaseDeadlineId,
        /// The reminder day.
        day: NaiveDate,
    },
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Not yet sent; tried again at `next_attempt_at`.
    Pending,
    /// Sent.
    Sent,
    /// Given up after repeated failures.
    Failed,
}

impl DeliveryStatus {
    /// Every status.
    pub const ALL: [DeliveryStatus; 3] = [Self::Pending, Self::Sent, Self::Failed];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    /// The status a code names.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// One notice to one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    /// Store-assigned id.
    pub id: DeliveryId,
    /// What it announces.
    #[serde(flatten)]
    pub notice: Notice,
    /// Who it goes to.
    pub recipient: Recipient,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// Attempts made so far.
    pub attempts: u32,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When it is (next) due.
    pub next_attempt_at: DateTime<Utc>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
}

/// What came of an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryOutcome {
    /// Sent.
    Sent,
    /// Failed; try again at the given time.
    Retry {
        /// Why it failed.
        error: String,
        /// The next attempt.
        at: DateTime<Utc>,
    },
    /// Failed for the last time.
    GiveUp {
        /// Why it failed.
        error: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivery_statuses_round_trip() {
        for status in DeliveryStatus::ALL {
            assert_eq!(DeliveryStatus::parse(status.code()), Some(status));
        }
        assert_eq!(DeliveryStatus::parse("queued"), None);
    }
}
