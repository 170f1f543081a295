//! How alerts reach an organisation beyond the inbox: the webhooks it registers (each request
//! signed with a secret shown once, at registration) and each alert's deliveries.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use zhichan_core::authz;
use zhichan_core::notify::NewWebhook;
use zhichan_domain::notify::{Delivery, DeliveryId, Recipient, Webhook, WebhookId};
use zhichan_domain::watch::AlertId;
use zhichan_domain::{OrgId, UserId};

use super::watch::ScopeParams;
use super::{ApiJson, ApiPath, ApiQuery};
use crate::auth::{ApiActor, Origin};
use crate::{ApiError, AppState};

/// A webhook: an endpoint of the organisation's own system that each new alert is posted to.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookView {
    /// Id.
    #[schema(value_type = i64)]
    pub id: WebhookId,
    /// The organisation whose alerts it receives.
    #[schema(value_type = i64)]
    pub organisation_id: OrgId,
    /// Where alerts are posted.
    pub url: String,
    /// The user who registered it.
    #[schema(value_type = Option<i64>)]
    pub created_by: Option<UserId>,
    /// Registered.
    pub created_at: DateTime<Utc>,
}

impl From<Webhook> for WebhookView {
    fn from(w: Webhook) -> Self {
        Self {
            id: w.id,
            organisation_id: w.organisation_id,
            url: w.url,
            created_by: w.created_by,
            created_at: w.created_at,
        }
    }
}

/// A webhook just registered, with the secret its requests are signed with — never shown again.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewWebhookView {
    /// The webhook.
    #[serde(flatten)]
    pub webhook: WebhookView,
    /// The HMAC-SHA256 key of `X-Zhichan-Signature` (docs/WATCH.md shows how to check it).
    pub secret: String,
}

impl From<NewWebhook> for NewWebhookView {
    fn from(created: NewWebhook) -> Self {
        Self { webhook: created.webhook.into(), secret: created.secret }
    }
}

/// A new webhook.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWebhookBody {
    /// The organisation (default: the caller's own; staff must give it).
    #[schema(value_type = Option<i64>)]
    organisation_id: Option<OrgId>,
    /// An `http://` or `https://` address of at most 2,000 characters.
    url: String,
}

/// The webhooks the caller may see, in id order (without their secrets).
#[utoipa::path(get, path = "/api/v1/watch/webhooks", tag = "watch", params(ScopeParams), responses(
    (status = 200, body = Vec<WebhookView>), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn webhooks(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(params): ApiQuery<ScopeParams>,
) -> Result<ApiJson<Vec<WebhookView>>, ApiError> {
    let webhooks = state.core.webhooks(&actor, params.organisation_id).await?;
    Ok(ApiJson(webhooks.into_iter().map(WebhookView::from).collect()))
}

/// Registers a webhook; every alert raised for the organisation from now on is posted to it,
/// signed with the secret in the answer (shown this once).
#[utoipa::path(post, path = "/api/v1/watch/webhooks", tag = "watch", request_body = NewWebhookBody, responses(
    (status = 201, body = NewWebhookView), (status = 404, body = crate::error::ErrorBody),
    (status = 422, description = "`invalid_input` with field `url` for an address that is not http(s)", body = crate::error::ErrorBody),
))]
pub async fn create_webhook(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiJson(body): ApiJson<NewWebhookBody>,
) -> Result<(StatusCode, ApiJson<NewWebhookView>), ApiError> {
    let organisation_id = authz::single_organisation(&actor, body.organisation_id)?;
    let created = state.core.create_webhook(&actor, &origin, organisation_id, &body.url).await?;
    Ok((StatusCode::CREATED, ApiJson(created.into())))
}

/// Removes a webhook; deliveries still queued for it are dropped.
#[utoipa::path(delete, path = "/api/v1/watch/webhooks/{webhook_id}", tag = "watch", params(("webhook_id" = i64, Path)), responses(
    (status = 204), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn delete_webhook(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Origin(origin): Origin,
    ApiPath(webhook_id): ApiPath<WebhookId>,
) -> Result<StatusCode, ApiError> {
    state.core.delete_webhook(&actor, &origin, webhook_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One notification of an alert to one recipient.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryView {
    /// Id (sent as `X-Zhichan-Delivery` to webhooks).
    #[schema(value_type = i64)]
    pub id: DeliveryId,
    /// The alert it announces.
    #[schema(value_type = i64)]
    pub alert_id: AlertId,
    /// `email` or `webhook`.
    pub channel: String,
    /// The address (e-mail).
    pub address: Option<String>,
    /// The webhook (webhooks).
    #[schema(value_type = Option<i64>)]
    pub webhook_id: Option<WebhookId>,
    /// `pending`, `sent` or `failed` (given up).
    pub status: String,
    /// Attempts made so far.
    pub attempts: u32,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When it is (next) due.
    pub next_attempt_at: DateTime<Utc>,
    /// Queued.
    pub created_at: DateTime<Utc>,
    /// Sent.
    pub sent_at: Option<DateTime<Utc>>,
}

impl DeliveryView {
    /// The view of `d`, one of the deliveries of alert `alert_id`.
    fn of_alert(alert_id: AlertId, d: Delivery) -> Self {
        let (channel, address, webhook_id) = match d.recipient {
            Recipient::Email { address } => ("email", Some(address), None),
            Recipient::Webhook { webhook_id } => ("webhook", None, Some(webhook_id)),
        };
        Self {
            id: d.id,
            alert_id,
            channel: channel.to_owned(),
            address,
            webhook_id,
            status: d.status.code().to_owned(),
            attempts: d.attempts,
            last_error: d.last_error,
            next_attempt_at: d.next_attempt_at,
            created_at: d.created_at,
            sent_at: d.sent_at,
        }
    }
}

/// The notifications of an alert — e-mails and webhook requests — and where each stands.
#[utoipa::path(get, path = "/api/v1/alerts/{alert_id}/deliveries", tag = "alerts", params(("alert_id" = i64, Path)), responses(
    (status = 200, body = Vec<DeliveryView>), (status = 404, body = crate::error::ErrorBody),
))]
pub async fn alert_deliveries(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(alert_id): ApiPath<AlertId>,
) -> Result<ApiJson<Vec<DeliveryView>>, ApiError> {
    let deliveries = state.core.alert_deliveries(&actor, alert_id).await?;
    Ok(ApiJson(deliveries.into_iter().map(|d| DeliveryView::of_alert(alert_id, d)).collect()))
}
