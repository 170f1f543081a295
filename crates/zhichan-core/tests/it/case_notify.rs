//! Notifications of case changes and deadline reminders, on SQLite and (when configured)
//! PostgreSQL: who is told (parties on the platform, the assignee, never another organisation,
//! never of an internal entry), in which language, signed webhooks, and reminders queued once on
//! the right working days.

use std::sync::Arc;

use chrono::NaiveDate;
use zhichan_core::case::{AssignInput, EntryInput, EntryKind, OpenCase, TransitionInput};
use zhichan_core::notify::{MailSettings, SIGNATURE_HEADER, sign};
use zhichan_core::organisations::{MemberInput, ProfileInput};
use zhichan_core::{Actor, Core, CoreSettings, RequestContext};
use zhichan_domain::case::{CaseChange, CaseId, CaseState, DeadlineKind, NewCaseDeadline};
use zhichan_domain::notify::{Delivery, Notice, Recipient};
use zhichan_domain::{AuditEntry, Locale, OrgId, OrgKind};
use zhichan_store::Store;

use crate::notify::{smtp_sink, webhook_receiver};

/// Cores sending mail to `smtp_port`, with their stores: SQLite always, PostgreSQL when configured.
async fn cores(smtp_port: u16) -> Vec<(Core, Arc<dyn Store>, Option<tempfile::TempDir>)> {
    let settings = CoreSettings {
        mail: Some(MailSettings {
            smtp_url: format!("smtp://127.0.0.1:{smtp_port}"),
            from: "知产通 <noreply@zhichan.test>".into(),
            base_url: "https://ip.example.cn".into(),
        }),
        ..CoreSettings::default()
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let sqlite = format!("sqlite:{}", dir.path().join("core.sqlite3").display());
    let mut urls = vec![(sqlite, Some(dir))];
    if let Some(url) = zhichan_testkit::postgres_test_database().await {
        urls.push((url, None));
    }
    let mut cores = Vec::new();
    for (url, dir) in urls {
        let store: Arc<dyn Store> = zhichan_store::open(&url).await.expect("open store");
        cores.push((Core::new(store.clone(), settings.clone()), store, dir));
    }
    cores
}

struct World {
    core: Core,
    store: Arc<dyn Store>,
    staff: Actor,
    mediator: Actor,
    haiying: (OrgId, Actor),
    gangtong: (OrgId, Actor),
    stranger: Actor,
}

async fn member(core: &Core, admin: &Actor, organisation: OrgId, email: &str, role: &str, locale: Locale) -> Actor {
    let input = MemberInput {
        email: email.into(),
        display_name: email.into(),
        password: "a-long-secret-1".into(),
        roles: vec![role.into()],
    };
    let actor = Actor::new(core.add_member(admin, organisation, &input, &RequestContext::cli()).await.unwrap());
    core.set_locale(&actor, locale, &RequestContext::cli()).await.unwrap();
    actor
}

async fn organisation(core: &Core, admin: &Actor, kind: OrgKind, name: &str) -> OrgId {
    let profile = ProfileInput { name_zh: name.into(), ..ProfileInput::default() };
    core.create_organisation(admin, kind, &profile, &RequestContext::cli()).await.unwrap().id
}

async fn world(core: Core, store: Arc<dyn Store>) -> World {
    let admin = Actor::new(core.create_administrator("root@example.cn", "管理员", "a-long-secret-1").await.unwrap());
    let centre = organisation(&core, &admin, OrgKind::Centre, "宝安区知识产权公共服务中心").await;
    let firm = organisation(&core, &admin, OrgKind::ServiceProvider, "港澳调解中心").await;
    let haiying = organisation(&core, &admin, OrgKind::Enterprise, "深圳市海鹰电子有限公司").await;
    let gangtong = organisation(&core, &admin, OrgKind::Enterprise, "港通贸易有限公司").await;
    let stranger = organisation(&core, &admin, OrgKind::Enterprise, "远方科技有限公司").await;
    World {
        staff: member(&core, &admin, centre, "staff@centre.cn", "staff", Locale::ZhHans).await,
        mediator: member(&core, &admin, firm, "mediator@hk.cn", "mediator", Locale::En).await,
        haiying: (haiying, member(&core, &admin, haiying, "ip@haiying.cn", "enterprise_member", Locale::ZhHant).await),
        gangtong: (
            gangtong,
            member(&core, &admin, gangtong, "legal@gangtong.cn", "enterprise_admin", Locale::En).await,
        ),
        stranger: member(&core, &admin, stranger, "boss@yuanfang.cn", "enterprise_member", Locale::ZhHans).await,
        core,
        store,
    }
}

impl World {
    async fn mediation(&self) -> CaseId {
        let input = OpenCase {
            kind: "mediation".into(),
            title: "前经销商在香港抢注商标".into(),
            summary: "港通在香港以自己的名义申请注册了我司的 HAIYING 商标，希望调解解决。".into(),
            organisation_id: Some(self.haiying.0),
            respondent_organisation_id: Some(self.gangtong.0),
            ..OpenCase::default()
        };
        self.core.open_case(&self.staff, &RequestContext::cli(), input).await.unwrap().id
    }

    async fn deliveries(&self, id: CaseId) -> Vec<Delivery> {
        self.store.case_deliveries(id).await.unwrap()
    }
}

fn emails(deliveries: &[Delivery]) -> Vec<&str> {
    let mut addresses: Vec<&str> = deliveries
        .iter()
        .filter_map(|d| match &d.recipient {
            Recipient::Email { address } => Some(address.as_str()),
            Recipient::Webhook { .. } => None,
        })
        .collect();
    addresses.sort_unstable();
    addresses
}

/// The text of a message's body, decoded from base64 or quoted-printable when it was sent so.
fn text_of(data: &str) -> String {
    let (head, body) = data.split_once("\n\n").unwrap_or((data, ""));
    let head = head.to_ascii_lowercase();
    if head.contains("content-transfer-encoding: quoted-printable") {
        let joined = body.replace("=\n", "");
        let mut bytes = Vec::new();
        let mut rest = joined.as_bytes();
        while let Some((&first, tail)) = rest.split_first() {
            if first == b'=' && tail.len() >= 2 {
                bytes.push(u8::from_str_radix(std::str::from_utf8(&tail[..2]).unwrap(), 16).unwrap());
                rest = &tail[2..];
            } else {
                bytes.push(first);
                rest = tail;
            }
        }
        return String::from_utf8(bytes).unwrap();
    }
    if !head.contains("content-transfer-encoding: base64") {
        return body.to_owned();
    }
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bytes = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0);
    for c in body.bytes() {
        let Some(value) = ALPHABET.iter().position(|&a| a == c) else { continue };
        buffer = (buffer << 6) | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    String::from_utf8(bytes).unwrap()
}

#[tokio::test]
async fn case_changes_reach_the_parties_in_their_language_and_their_systems_signed() {
    let (smtp_port, mails) = smtp_sink().await;
    let (hook_port, requests) = webhook_receiver().await;
    for (core, store, _dir) in cores(smtp_port).await {
        mails.lock().unwrap().clear();
        requests.lock().unwrap().clear();
        let w = world(core, store).await;
        let context = RequestContext::cli();
        let url = format!("http://127.0.0.1:{hook_port}/cases");
        let hook = w.core.create_webhook(&w.gangtong.1, &context, w.gangtong.0, &url).await.unwrap();
        let id = w.mediation().await;

        let opened = w.deliveries(id).await;
        assert_eq!(emails(&opened), ["ip@haiying.cn", "legal@gangtong.cn"], "both parties, nobody else");
        assert!(opened.iter().any(|d| d.recipient == Recipient::Webhook { webhook_id: hook.webhook.id }));
        assert_eq!(opened.len(), 3);

        let note = EntryInput { kind: EntryKind::Note, text: "内部备注：双方曾有合作".into() };
        w.core.add_case_entry(&w.staff, &context, id, note).await.unwrap();
        let message = EntryInput { kind: EntryKind::Message, text: "请补充材料".into() };
        w.core.add_case_entry(&w.staff, &context, id, message).await.unwrap();
        assert_eq!(w.deliveries(id).await.len(), 3, "notes and messages are not state changes");

        let accept = TransitionInput { to: "accepted".into(), ..TransitionInput::default() };
        w.core.transition_case(&w.gangtong.1, &context, id, accept).await.unwrap();
        let appoint = AssignInput { user_id: w.mediator.user_id(), consent: false };
        w.core.assign_case(&w.staff, &context, id, appoint).await.unwrap();
        let all = w.deliveries(id).await;
        let mut after_appointment = emails(&all[6..]);
        assert_eq!(after_appointment.len(), 6, "the appointment and the state it brings, to each of three");
        after_appointment.dedup();
        assert_eq!(
            after_appointment,
            ["ip@haiying.cn", "legal@gangtong.cn", "mediator@hk.cn"],
            "the appointed mediator is told too"
        );
        assert!(emails(&all).iter().all(|address| *address != "boss@yuanfang.cn"), "other organisations never");
        assert!(all.iter().all(|d| matches!(d.notice, Notice::Case { case_id, .. } if case_id == id)));

        let summary = w.core.deliver_notifications().await.unwrap();
        assert_eq!((summary.sent, summary.retrying, summary.given_up), (all.len() as u64, 0, 0));
        let mails = mails.lock().unwrap().clone();
        assert_eq!(mails.len(), 3, "one message per address: {mails:?}");
        let to = |address: &str| text_of(&mails.iter().find(|m| m.to == [address]).unwrap().data);
        let reference = format!("MED-{:06}", id.get());
        let hant = to("ip@haiying.cn");
        assert!(hant.contains(&reference) && hant.contains("前经销商在香港抢注商标"), "{hant}");
        assert!(hant.contains("已登記") && hant.contains("已指定調解員"), "Traditional Chinese: {hant}");
        assert!(hant.contains(&format!("https://ip.example.cn/cases/{id}")), "{hant}");
        assert!(!hant.contains("mediator_appointed") && !hant.contains("is now"), "{hant}");
        let en = to("legal@gangtong.cn");
        assert!(en.contains("was opened") && en.contains("is now accepted by the other party"), "English: {en}");
        assert!(to("mediator@hk.cn").contains("Someone was appointed"), "the mediator saved English");

        let requests = requests.lock().unwrap().clone();
        assert_eq!(requests.len(), 4, "opened, accepted, appointed (entry and state)");
        for request in &requests {
            let signature = request.header(SIGNATURE_HEADER).unwrap();
            let timestamp: i64 = signature.trim_start_matches("t=").split(',').next().unwrap().parse().unwrap();
            assert_eq!(signature, sign(&hook.secret, timestamp, &request.body));
            assert_eq!(request.header("X-Zhichan-Event"), Some("case.changed"));
            let payload: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
            assert_eq!(
                (payload["event"].as_str(), payload["case"]["id"].as_i64()),
                (Some("case.changed"), Some(id.get()))
            );
            assert!(payload["entry"]["body"].is_object(), "{payload}");
        }
        let _ = &w.stranger;
    }
}

#[tokio::test]
async fn deadline_reminders_are_queued_once_three_working_days_before_and_on_the_day() {
    let (smtp_port, _mails) = smtp_sink().await;
    for (core, store, _dir) in cores(smtp_port).await {
        let w = world(core, store).await;
        let id = w.mediation().await;
        let before = w.deliveries(id).await.len();
        // A deadline due Thursday 8 October 2026, just after the National Day break: three
        // working days before is Monday 28 September.
        let case = w.store.case(id).await.unwrap().unwrap();
        let mut change = CaseChange::new(case.state, chrono::Utc::now());
        let due = NaiveDate::from_ymd_opt(2026, 10, 8).unwrap();
        change.deadlines.push(NewCaseDeadline { kind: DeadlineKind::Set, label: "reply".into(), due, alert_id: None });
        let audit = AuditEntry {
            at: chrono::Utc::now(),
            actor_user_id: None,
            actor_org_id: None,
            organisation_id: None,
            action: "case.deadline".into(),
            target_kind: "case".into(),
            target_id: Some(id.to_string()),
            ip: None,
            detail: serde_json::json!({}),
        };
        w.store.change_case(id, &change, audit).await.unwrap();

        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let mut queued = Vec::new();
        for today in [day(9, 25), day(9, 28), day(9, 28), day(9, 30), day(10, 7), day(10, 8), day(10, 8), day(10, 9)] {
            queued.push(w.core.queue_deadline_reminders(today).await.unwrap());
        }
        assert_eq!(queued, [0, 1, 0, 0, 0, 1, 0, 0], "once on 28 September, once on the day, never overdue");

        let reminders: Vec<Delivery> = w.deliveries(id).await.into_iter().skip(before).collect();
        let days: Vec<NaiveDate> = reminders
            .iter()
            .filter_map(|d| match d.notice {
                Notice::Reminder { day, .. } => Some(day),
                _ => None,
            })
            .collect();
        assert_eq!(days.len(), reminders.len(), "only reminders were queued");
        assert_eq!(emails(&reminders), ["ip@haiying.cn", "ip@haiying.cn", "legal@gangtong.cn", "legal@gangtong.cn"]);
        assert!(days.contains(&day(9, 28)) && days.contains(&day(10, 8)));
        assert_eq!(CaseState::Applied, case.state);
    }
}
