//! Alert e-mails over SMTP (lettre): one message per address listing its new alerts, in
//! Simplified Chinese and English, each with a link to the alert page.

use std::fmt;
use std::fmt::Write as _;

use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use zhichan_domain::watch::Alert;

/// How to send e-mail. `Debug` leaves the SMTP password out.
#[derive(Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// The SMTP server: `smtp://host:port` (plain, for a local relay), `smtp://host?tls=required`
    /// (STARTTLS) or `smtps://user:password@host` (TLS).
    pub smtp_url: String,
    /// The sender, e.g. `知产通 <noreply@ip.example.cn>`.
    pub from: String,
    /// The platform's public address, for links in messages (`https://ip.example.cn`).
    pub base_url: String,
}

impl fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self { smtp_url, from, base_url } = self;
        f.debug_struct("MailSettings")
            .field("smtp_url", &crate::redact_url(smtp_url))
            .field("from", from)
            .field("base_url", base_url)
            .finish()
    }
}

/// Sends one message to `address` about `alerts`.
pub(super) async fn send(settings: &MailSettings, address: &str, alerts: &[&Alert]) -> Result<(), String> {
    if alerts.is_empty() {
        return Ok(());
    }
    send_text(settings, address, subject(alerts.len()), body(&settings.base_url, alerts)).await
}

/// Sends one plain-text message.
pub(super) async fn send_text(
    settings: &MailSettings,
    address: &str,
    subject: String,
    body: String,
) -> Result<(), String> {
    let message = Message::builder()
        .from(settings.from.parse().map_err(|e| format!("sender {}: {e}", settings.from))?)
        .to(address.parse().map_err(|e| format!("recipient {address}: {e}"))?)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url)
        .map_err(|e| format!("SMTP address {}: {e}", crate::redact_url(&settings.smtp_url)))?
        .timeout(Some(std::time::Duration::from_secs(20)))
        .build();
    transport.send(message).await.map(|_| ()).map_err(|e| format!("SMTP: {e}"))
}

fn subject(count: usize) -> String {
    format!("[知产通] {count} 条新的监测预警 / {count} new watch alert{}", if count == 1 { "" } else { "s" })
}

fn body(base_url: &str, alerts: &[&Alert]) -> String {
    let base = base_url.trim_end_matches('/');
    let mut out = String::from("知产通监测到以下可能影响贵企业的新申请，请及时查看。\n");
    out.push_str("zhichan found these new filings that may affect your organisation.\n\n");
    for alert in alerts {
        let _ = writeln!(
            out,
            "• [{}] {} {} — {}",
            alert.risk.code().to_uppercase(),
            alert.filing.office,
            alert.filing.number,
            alert.title.as_deref().unwrap_or("—")
        );
        if let Some(applicant) = &alert.applicant {
            let _ = writeln!(out, "  申请人 / Applicant: {applicant}");
        }
        if let Some(deadline) = alert.opposition_deadline {
            let _ = writeln!(out, "  异议截止 / Opposition deadline: {deadline}");
        }
        for reason in alert.reasons.iter().take(3) {
            let _ = writeln!(out, "  – {reason}");
        }
        let _ = writeln!(out, "  {base}/alerts/{}\n", alert.id);
    }
    out.push_str("此邮件由知产通自动发送。/ Sent automatically by zhichan.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_password() {
        let settings = MailSettings {
            smtp_url: "smtps://ip:s3cret@mail.example.cn".into(),
            from: "知产通 <noreply@ip.example.cn>".into(),
            base_url: "https://ip.example.cn".into(),
        };
        let shown = format!("{settings:?}");
        assert!(!shown.contains("s3cret") && shown.contains("mail.example.cn"), "{shown}");
    }

    #[test]
    fn subjects_count_alerts() {
        assert!(subject(1).ends_with("1 new watch alert"));
        assert!(subject(3).contains("3 条"));
    }
}
