//! Signed webhook requests: `POST` of `{"event":"alert.raised","alert":{…}}` (or
//! `{"event":"case.changed","case":{…},"entry":{…}}`) as JSON, with
//! [`SIGNATURE_HEADER`] `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>`
//! so the receiver can check origin and freshness (the scheme Stripe and GitHub users know).

use std::sync::OnceLock;
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zhichan_domain::notify::{DeliveryId, Webhook};

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "X-Zhichan-Signature";
/// How long a receiver may take to answer.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The signature header's value for `body` sent at `timestamp` (unix seconds).
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("t={timestamp},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// Posts `payload` (whose `event` member is `event`) to `webhook`; any answer but 2xx is a failure.
pub(super) async fn post(
    webhook: &Webhook,
    delivery_id: DeliveryId,
    event: &str,
    payload: &serde_json::Value,
) -> Result<(), String> {
    let body = serde_json::to_vec(payload).map_err(|e| e.to_string())?;
    let signature = sign(&webhook.secret, chrono::Utc::now().timestamp(), &body);
    let response = client()?
        .post(&webhook.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(SIGNATURE_HEADER, signature)
        .header("X-Zhichan-Event", event)
        .header("X-Zhichan-Delivery", delivery_id.to_string())
        .body(body)
        .send()
        .await
        .map_err(|e| format!("{}: {e}", webhook.url))?;
    let status = response.status();
    if status.is_success() { Ok(()) } else { Err(format!("{} answered {status}", webhook.url)) }
}

/// One HTTP client for every webhook, with ring as the TLS provider.
fn client() -> Result<&'static reqwest::Client, String> {
    static CLIENT: OnceLock<Result<reqwest::Client, String>> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            // ring rather than aws-lc-rs (whose build needs cmake, see STACK.md); rustls 0.23.48
            // deprecates it only for lacking post-quantum key exchange. Another part of the
            // process may have installed a provider first; either will do.
            #[allow(deprecated)]
            let _ = rustls::crypto::ring::default_provider().install_default();
            reqwest::Client::builder()
                .timeout(TIMEOUT)
                .user_agent(concat!("zhichan/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_follow_the_documented_scheme() {
        // HMAC-SHA256("key", "1700000000.{}") computed independently (Python's hmac module).
        assert_eq!(
            sign("key", 1_700_000_000, b"{}"),
            "t=1700000000,v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae"
        );
        assert_ne!(sign("key", 1, b"{}"), sign("other", 1, b"{}"));
    }
}
