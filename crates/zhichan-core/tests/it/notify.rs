//! Alert notifications end to end: a local SMTP sink and a local webhook receiver, both real TCP
//! servers speaking just enough SMTP and HTTP/1.1, receive what an import's watch run raises.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use zhichan_core::import::{ImportOptions, Quiet};
use zhichan_core::notify::{MailSettings, SIGNATURE_HEADER, sign};
use zhichan_core::organisations::{MemberInput, ProfileInput};
use zhichan_core::watch::{AlertQuery, WatchUpdate, WatchedMarkInput};
use zhichan_core::{Actor, CoreError, CoreSettings, RequestContext};
use zhichan_domain::notify::{DeliveryStatus, Recipient};
use zhichan_domain::records::{ClassEntry, MarkStatus, Party, Record, Trademark};
use zhichan_domain::{NiceClass, OfficeCode, OrgKind, Page};

use crate::core_with;

/// One message an SMTP client handed over: envelope recipients and the raw data.
#[derive(Debug, Clone)]
pub(crate) struct Mail {
    pub(crate) to: Vec<String>,
    pub(crate) data: String,
}

/// Accepts SMTP sessions on a free port and keeps every message.
pub(crate) async fn smtp_sink() -> (u16, Arc<Mutex<Vec<Mail>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut to = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                    let answer: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-sink\r\n250 8BITMIME\r\n",
                        "RCPT" => {
                            to.push(line.trim_start_matches(|c| c != '<').trim_matches(['<', '>']).to_owned());
                            b"250 OK\r\n"
                        }
                        "DATA" => {
                            write.write_all(b"354 go on\r\n").await.unwrap();
                            let mut data = String::new();
                            while let Ok(Some(line)) = lines.next_line().await {
                                if line == "." {
                                    break;
                                }
                                data.push_str(&line);
                                data.push('\n');
                            }
                            store.lock().unwrap().push(Mail { to: std::mem::take(&mut to), data });
                            b"250 queued\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 OK\r\n",
                    };
                    write.write_all(answer).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

/// One request a webhook receiver got: its headers (lower-cased names) and body.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Request {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == &name.to_ascii_lowercase()).map(|(_, v)| v.as_str())
    }
}

/// Answers every HTTP request on a free port with 200 and keeps it.
pub(crate) async fn webhook_receiver() -> (u16, Arc<Mutex<Vec<Request>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let mut reader = BufReader::new(stream);
                let mut headers = Vec::new();
                let mut line = String::new();
                reader.read_line(&mut line).await.unwrap();
                loop {
                    line.clear();
                    reader.read_line(&mut line).await.unwrap();
                    let Some((name, value)) = line.trim_end().split_once(':') else { break };
                    headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
                }
                let length = headers.iter().find(|(n, _)| n == "content-length").map_or(0, |(_, v)| v.parse().unwrap());
                let mut body = vec![0; length];
                reader.read_exact(&mut body).await.unwrap();
                store.lock().unwrap().push(Request { headers, body });
                let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
                reader.into_inner().write_all(answer).await.unwrap();
            });
        }
    });
    (port, received)
}

fn copy(number: &str, text: &str) -> Record {
    let mut mark = Trademark::new(OfficeCode::parse("US").unwrap(), number);
    mark.mark_text = Some(text.into());
    mark.classes = vec![ClassEntry::new(NiceClass::new(9).unwrap())];
    mark.owners = vec![Party { name: "Copycat LLC".into(), ..Party::default() }];
    mark.dates.publication = Some(chrono::Utc::now().date_naive());
    mark.status.stage = MarkStatus::Published;
    Record::from(mark)
}

fn write_jsonl(dir: &std::path::Path, name: &str, records: &[Record]) -> std::path::PathBuf {
    let path = dir.join(name);
    let lines: Vec<String> = records.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[tokio::test]
async fn new_alerts_reach_members_by_email_and_systems_by_signed_webhook() {
    let (smtp_port, mails) = smtp_sink().await;
    let (hook_port, requests) = webhook_receiver().await;
    let settings = CoreSettings {
        mail: Some(MailSettings {
            smtp_url: format!("smtp://127.0.0.1:{smtp_port}"),
            from: "知产通 <noreply@zhichan.test>".into(),
            base_url: "https://ip.example.cn/".into(),
        }),
        ..CoreSettings::default()
    };
    let (core, dir) = core_with(settings).await;
    let context = RequestContext::cli();
    let admin = Actor::new(core.create_administrator("root@example.cn", "管理员", "a-long-secret-1").await.unwrap());
    let mut organisations = Vec::new();
    for (name, email) in [("海信集团有限公司", "ip@hisense.example"), ("格力电器", "ip@gree.example")] {
        let profile = ProfileInput { name_zh: name.into(), ..ProfileInput::default() };
        let id = core.create_organisation(&admin, OrgKind::Enterprise, &profile, &context).await.unwrap().id;
        let input = MemberInput {
            email: email.into(),
            display_name: email.into(),
            password: "a-long-secret-1".into(),
            roles: vec!["enterprise_member".into()],
        };
        organisations.push((id, Actor::new(core.add_member(&admin, id, &input, &context).await.unwrap())));
    }
    let [(hisense, member), (_, stranger)] = [organisations[0].clone(), organisations[1].clone()];
    let hook = core
        .create_webhook(&member, &context, hisense, &format!("http://127.0.0.1:{hook_port}/zhichan"))
        .await
        .unwrap();
    assert_eq!(hook.secret.len(), 64);
    let input =
        WatchedMarkInput { label: "Hisense".into(), forms: vec!["HISENSE".into()], classes: vec![9], offices: vec![] };
    core.create_watched_mark(&member, &context, hisense, &input).await.unwrap();

    let path = write_jsonl(dir.path(), "copies.jsonl", &[copy("99700001", "HISENSE"), copy("99700002", "HI-SENSE")]);
    let report = core.import(None, &[path], &ImportOptions::default(), &Quiet).await.unwrap();
    assert!(matches!(report.watch, WatchUpdate::Screened(run) if run.alerts == 2), "{:?}", report.watch);

    let mails = mails.lock().unwrap().clone();
    assert_eq!(mails.len(), 1, "one message per address, listing every new alert: {mails:?}");
    assert_eq!(mails[0].to, ["ip@hisense.example"], "members of other organisations hear nothing");
    let text = &mails[0].data;
    assert!(text.contains("99700001") && text.contains("99700002"), "{text}");
    assert!(text.contains("https://ip.example.cn/alerts/"), "{text}");

    let requests = requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 2, "one request per alert");
    for request in &requests {
        let signature = request.header(SIGNATURE_HEADER).unwrap();
        let timestamp: i64 = signature.trim_start_matches("t=").split(',').next().unwrap().parse().unwrap();
        assert_eq!(signature, sign(&hook.secret, timestamp, &request.body), "signed with the organisation's secret");
        assert!((chrono::Utc::now().timestamp() - timestamp).abs() < 60);
        let payload: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(payload["event"], "alert.raised");
        assert_eq!(payload["alert"]["office"], "US");
        assert!(payload["alert"]["reasons"].as_array().is_some_and(|r| !r.is_empty()));
    }

    let alerts = core.alerts(&member, &AlertQuery::default(), Page::first(10)).await.unwrap().alerts;
    let deliveries = core.alert_deliveries(&member, alerts[0].id).await.unwrap();
    assert_eq!(deliveries.len(), 2);
    assert!(deliveries.iter().all(|d| d.status == DeliveryStatus::Sent && d.attempts == 1));
    assert!(matches!(core.alert_deliveries(&stranger, alerts[0].id).await, Err(CoreError::NotFound(_))));
    assert!(core.webhooks(&stranger, None).await.unwrap().is_empty());
    assert!(matches!(core.delete_webhook(&stranger, &context, hook.webhook.id).await, Err(CoreError::NotFound(_))));
}

#[tokio::test]
async fn failed_deliveries_wait_and_are_retried_later() {
    let (core, dir) = core_with(CoreSettings::default()).await;
    let context = RequestContext::cli();
    let admin = Actor::new(core.create_administrator("root@example.cn", "管理员", "a-long-secret-1").await.unwrap());
    let profile = ProfileInput { name_zh: "海信集团有限公司".into(), ..ProfileInput::default() };
    let hisense = core.create_organisation(&admin, OrgKind::Enterprise, &profile, &context).await.unwrap().id;
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{closed}/down");
    let hook = core.create_webhook(&admin, &context, hisense, &url).await.unwrap();
    assert!(matches!(core.create_webhook(&admin, &context, hisense, "ftp://x").await, Err(CoreError::Invalid(_))));
    let input =
        WatchedMarkInput { label: "Hisense".into(), forms: vec!["HISENSE".into()], classes: vec![9], offices: vec![] };
    core.create_watched_mark(&admin, &context, hisense, &input).await.unwrap();

    let path = write_jsonl(dir.path(), "copy.jsonl", &[copy("99700003", "HISENSE")]);
    core.import(None, &[path], &ImportOptions::default(), &Quiet).await.unwrap();
    let alert = core.alerts(&admin, &AlertQuery::default(), Page::first(1)).await.unwrap().alerts.remove(0);
    let deliveries = core.alert_deliveries(&admin, alert.id).await.unwrap();
    assert_eq!(deliveries.len(), 1, "no e-mail without mail settings; the webhook only");
    let delivery = &deliveries[0];
    assert_eq!(delivery.recipient, Recipient::Webhook { webhook_id: hook.webhook.id });
    assert_eq!((delivery.status, delivery.attempts), (DeliveryStatus::Pending, 1));
    assert!(delivery.last_error.as_deref().is_some_and(|e| e.contains(&url)), "{delivery:?}");
    assert!(delivery.next_attempt_at > chrono::Utc::now(), "retried later, not at once");
    let again = core.deliver_notifications().await.unwrap();
    assert_eq!((again.sent, again.retrying), (0, 0), "nothing is due yet");
}
