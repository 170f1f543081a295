//! Notifications of alerts: the webhooks an organisation registers, and the delivery queue — one
//! delivery per alert and recipient, queued in the transaction that raises the alert (so an alert
//! is never stored without its notifications) and retried until sent or given up.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{AuditEntry, StoreResult};

/// An endpoint of an organisation's own system that receives its alerts, signed with a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Webhook {
    /// Store-assigned id.
    pub id: i64,
    /// The organisation it belongs to.
    pub organisation_id: i64,
    /// Where alerts are posted.
    pub url: String,
    /// The HMAC key requests are signed with; shown to the organisation once, at creation.
    #[serde(skip)]
    pub secret: String,
    /// The user who registered it.
    pub created_by: Option<i64>,
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
        webhook_id: i64,
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
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }
}

/// One alert's notification to one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    /// Store-assigned id.
    pub id: i64,
    /// The alert it announces.
    pub alert_id: i64,
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

/// Persistence of webhooks and the delivery queue.
#[async_trait]
pub trait NotificationStore: Send + Sync {
    /// Registers a webhook.
    async fn create_webhook(
        &self,
        organisation_id: i64,
        created_by: Option<i64>,
        url: &str,
        secret: &str,
        audit: AuditEntry,
    ) -> StoreResult<Webhook>;
    /// The webhooks of one organisation (or all), in id order.
    async fn webhooks(&self, organisation_id: Option<i64>) -> StoreResult<Vec<Webhook>>;
    /// One webhook.
    async fn webhook(&self, id: i64) -> StoreResult<Option<Webhook>>;
    /// Removes a webhook and its queued deliveries.
    async fn delete_webhook(&self, id: i64, audit: AuditEntry) -> StoreResult<()>;
    /// Pending deliveries due at `now`, oldest first, at most `limit`.
    async fn due_deliveries(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<Vec<Delivery>>;
    /// The deliveries of one alert, in id order.
    async fn alert_deliveries(&self, alert_id: i64) -> StoreResult<Vec<Delivery>>;
    /// Records an attempt on a pending delivery (one more attempt); a delivery no longer pending
    /// (another process sent it) is left alone.
    async fn record_delivery(&self, id: i64, outcome: &DeliveryOutcome, at: DateTime<Utc>) -> StoreResult<()>;
}
