//! The trademark watch through the use cases: an enterprise watches its brand in every form and
//! names its German distributor; an import brings copies, a stranger and a look-alike in other
//! goods; the watch raises the right alerts once, with deadlines and signals, for the right eyes.

use std::path::{Path, PathBuf};

use chrono::{Months, NaiveDate, Utc};
use zhichan_core::import::{ImportOptions, Quiet};
use zhichan_core::organisations::{MemberInput, ProfileInput};
use zhichan_core::watch::{AlertQuery, DeadlineKind, PatentWatchInput, WatchPartyInput, WatchUpdate, WatchedMarkInput};
use zhichan_core::{Actor, Core, CoreError, CoreSettings, RequestContext};
use zhichan_domain::records::{ClassEntry, LocalizedText, MarkStatus, Party, Patent, Record, RecordKind, Trademark};
use zhichan_domain::watch::{AlertStatus, RiskLevel};
use zhichan_domain::{AuditFilter, NiceClass, OfficeCode, OrgId, OrgKind, Page};

use crate::core_with;

fn days_ago(days: u64) -> NaiveDate {
    Utc::now().date_naive() - chrono::Days::new(days)
}

fn filing(office: &str, number: &str, text: &str, class: u8, owner: &str) -> Trademark {
    let mut mark = Trademark::new(OfficeCode::parse(office).unwrap(), number);
    mark.mark_text = Some(text.into());
    mark.classes = vec![ClassEntry::new(NiceClass::new(class).unwrap())];
    mark.owners = vec![Party { name: owner.into(), ..Party::default() }];
    mark.dates.filing = Some(days_ago(90));
    mark.status.stage = MarkStatus::Filed;
    mark
}

fn write_jsonl(dir: &Path, name: &str, marks: &[Trademark]) -> PathBuf {
    let path = dir.join(name);
    let lines: Vec<String> = marks.iter().map(|m| serde_json::to_string(&Record::from(m.clone())).unwrap()).collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

struct World {
    core: Core,
    admin: Actor,
    staff: Actor,
    hisense: (OrgId, Actor),
    gree: (OrgId, Actor),
    _dir: tempfile::TempDir,
}

async fn member(core: &Core, admin: &Actor, organisation: OrgId, email: &str, role: &str) -> Actor {
    let input = MemberInput {
        email: email.into(),
        display_name: email.into(),
        password: "a-long-secret-1".into(),
        roles: vec![role.into()],
    };
    Actor::new(core.add_member(admin, organisation, &input, &RequestContext::cli()).await.unwrap())
}

async fn enterprise(core: &Core, admin: &Actor, zh: &str, en: &str, markets: &[&str]) -> OrgId {
    let profile = ProfileInput {
        name_zh: zh.into(),
        name_en: Some(en.into()),
        export_markets: markets.iter().map(|m| m.to_string()).collect(),
        ..ProfileInput::default()
    };
    core.create_organisation(admin, OrgKind::Enterprise, &profile, &RequestContext::cli()).await.unwrap().id
}

async fn world() -> World {
    let (core, dir) = core_with(CoreSettings::default()).await;
    let admin = Actor::new(core.create_administrator("root@example.cn", "管理员", "a-long-secret-1").await.unwrap());
    let staff = member(&core, &admin, admin.organisation_id(), "staff@example.cn", "staff").await;
    let hisense = enterprise(&core, &admin, "海信集团有限公司", "Hisense Group Co., Ltd.", &["US", "DE"]).await;
    let gree = enterprise(&core, &admin, "珠海格力电器股份有限公司", "Gree Electric Appliances", &["US"]).await;
    let hisense_member = member(&core, &admin, hisense, "ip@hisense.example", "enterprise_member").await;
    let gree_member = member(&core, &admin, gree, "ip@gree.example", "enterprise_member").await;
    World { core, admin, staff, hisense: (hisense, hisense_member), gree: (gree, gree_member), _dir: dir }
}

fn watched(label: &str, forms: &[&str], classes: &[u8]) -> WatchedMarkInput {
    WatchedMarkInput {
        label: label.into(),
        forms: forms.iter().map(|f| f.to_string()).collect(),
        classes: classes.to_vec(),
        offices: vec![],
    }
}

/// The codes of an alert's reasons or signals.
fn codes<T: Coded>(entries: &[T]) -> Vec<String> {
    entries.iter().map(|entry| entry.code().to_owned()).collect()
}

trait Coded {
    fn code(&self) -> &str;
}

impl Coded for zhichan_domain::watch::AlertReason {
    fn code(&self) -> &str {
        self.code()
    }
}

impl Coded for zhichan_domain::watch::Signal {
    fn code(&self) -> &str {
        self.code()
    }
}

#[tokio::test]
async fn imports_raise_explained_alerts_once_for_the_right_organisation() {
    let World { core, admin, staff, hisense: (hisense, member), gree: (gree, gree_member), _dir } = world().await;
    let context = RequestContext::cli();
    let brand = core
        .create_watched_mark(
            &member,
            &context,
            hisense,
            &watched("海信 Hisense", &["海信", "HAIXIN", "HISENSE"], &[7, 9, 11]),
        )
        .await
        .unwrap();
    let distributor = WatchPartyInput { name: "Müller Elektro GmbH".into(), relation: "distributor".into() };
    core.create_watch_party(&member, &context, hisense, &distributor).await.unwrap();
    let gree_mark = core
        .create_watched_mark(&gree_member, &context, gree, &watched("格力", &["格力", "GREE"], &[11]))
        .await
        .unwrap();

    // The distributor registers the brand in Germany; a trading company files the pinyin in Brazil
    // and Gree's brand too; a stranger, a look-alike in foodstuffs, and Hisense's own filings.
    let mut copy = filing("DE", "3020260123456", "HISENSE", 9, "MÜLLER ELEKTRO GMBH");
    copy.dates.registration = Some(days_ago(20));
    copy.status.stage = MarkStatus::Registered;
    let mut pinyin = filing("BR", "926000011", "HAIXIN", 11, "Shenzhen Copycat Trading Co., Ltd.");
    pinyin.dates.publication = Some(days_ago(10));
    pinyin.status.stage = MarkStatus::Published;
    let serial = filing("BR", "926000012", "GREE", 11, "SHENZHEN COPYCAT TRADING CO LTD");
    let stranger = filing("US", "99000001", "SUNFLOWER DREAMS", 9, "Sunflower Inc.");
    let look_alike = filing("US", "99000002", "HISENZO", 30, "Pasta Hisenzo S.r.l.");
    let own = filing("US", "99000003", "HISENSE", 9, "Hisense Group Co., Ltd.");
    let mut registered = filing("CN", "12345678", "海信", 9, "海信集团有限公司");
    registered.dates.registration =
        Some(Utc::now().date_naive().checked_sub_months(Months::new(120)).unwrap() + chrono::Days::new(100));
    registered.status.stage = MarkStatus::Registered;
    let marks = [copy, pinyin, serial, stranger, look_alike, own, registered];
    let path = write_jsonl(_dir.path(), "filings.jsonl", &marks);

    let report = core.import(None, std::slice::from_ref(&path), &ImportOptions::default(), &Quiet).await.unwrap();
    let WatchUpdate::Screened(summary) = report.watch else { panic!("{:?}", report.watch) };
    assert_eq!((summary.screened, summary.alerts), (7, 3), "{summary:?}");
    assert!(summary.candidates >= 3 && summary.position > 0);

    let ours = core.alerts(&member, &AlertQuery::default(), Page::first(10)).await.unwrap().alerts;
    let numbers: Vec<&str> = ours.iter().map(|a| a.filing.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["926000011", "3020260123456"],
        "newest first, nothing for the stranger, look-alike or own marks"
    );
    let (pinyin_alert, copy_alert) = (&ours[0], &ours[1]);
    assert_eq!((copy_alert.risk, copy_alert.watched_mark_id), (RiskLevel::High, Some(brand.id)));
    assert_eq!(copy_alert.opposition_deadline, days_ago(20).checked_add_months(Months::new(3)), "DE: 3 months");
    assert_eq!(codes(&copy_alert.signals), ["declared_party", "no_own_mark"]);
    assert!(copy_alert.signals[1].to_string().contains("its own marks: CN, US"), "{:?}", copy_alert.signals);
    assert!(codes(&copy_alert.reasons).contains(&"identical".to_string()), "{:?}", copy_alert.reasons);
    assert!(codes(&copy_alert.reasons).contains(&"opposition_deadline".to_string()));
    assert!(copy_alert.reasons[0].to_string().contains("identical"));
    assert_eq!(pinyin_alert.opposition_deadline, days_ago(10).checked_add_days(chrono::Days::new(60)), "BR: 60 days");
    assert_eq!(codes(&pinyin_alert.signals), ["serial_filer", "no_own_mark"]);
    let new = AlertQuery { status: Some("new".into()), ..AlertQuery::default() };
    assert_eq!(core.count_alerts(&member, &new).await.unwrap(), 2, "the inbox's count: only its own");
    let theirs = core.alerts(&gree_member, &AlertQuery::default(), Page::first(10)).await.unwrap().alerts;
    assert_eq!((theirs.len(), theirs[0].watched_mark_id), (1, Some(gree_mark.id)));
    assert!(codes(&theirs[0].signals).contains(&"serial_filer".to_string()));

    // Screened once: running again, or importing the same file again, raises nothing new.
    let again = core.run_watch().await.unwrap();
    assert_eq!((again.screened, again.alerts), (0, 0));
    let mut changed = marks[0].clone();
    changed.status.raw = Some("Eingetragen".into());
    let path = write_jsonl(_dir.path(), "again.jsonl", &[changed]);
    let report = core.import(None, &[path], &ImportOptions::default(), &Quiet).await.unwrap();
    assert!(matches!(report.watch, WatchUpdate::Screened(s) if s.screened == 1 && s.alerts == 0), "{:?}", report.watch);

    // Another organisation sees none of it; staff see everything.
    let hidden = core.alert(&gree_member, copy_alert.id).await;
    assert!(matches!(hidden, Err(CoreError::NotFound("alert"))), "{hidden:?}");
    assert!(matches!(core.watched_mark(&gree_member, brand.id).await, Err(CoreError::NotFound(_))));
    let foreign = AlertQuery { organisation_id: Some(hisense), ..AlertQuery::default() };
    assert!(matches!(core.alerts(&gree_member, &foreign, Page::first(10)).await, Err(CoreError::NotFound(_))));
    assert!(matches!(
        core.create_watched_mark(&gree_member, &context, hisense, &watched("x", &["X1"], &[])).await,
        Err(CoreError::NotFound(_))
    ));
    assert!(core.watch_parties(&gree_member, None).await.unwrap().is_empty());
    assert_eq!(core.alerts(&staff, &AlertQuery::default(), Page::first(10)).await.unwrap().alerts.len(), 3);
    let high = AlertQuery { risk: Some("high".into()), office: Some("de".into()), ..AlertQuery::default() };
    assert_eq!(core.alerts(&staff, &high, Page::first(10)).await.unwrap().alerts.len(), 1);
    let paged = core.alerts(&staff, &AlertQuery::default(), Page::first(2)).await.unwrap();
    let rest = core.alerts(&staff, &AlertQuery::default(), Page { after: paged.next, limit: 2 }).await.unwrap();
    assert_eq!((paged.alerts.len(), rest.alerts.len(), rest.next), (2, 1, None));

    // Renewal of the enterprise's own Chinese registration is listed; others may not ask.
    let due = core.upcoming_deadlines(&member, hisense, 365).await.unwrap();
    let listed: Vec<_> =
        due.iter().map(|d| (d.kind, d.record.office.as_str(), d.record.number.as_str(), d.alert_id)).collect();
    assert_eq!(
        listed,
        [
            (DeadlineKind::OpposeFiling, "BR", "926000011", Some(pinyin_alert.id)),
            (DeadlineKind::OpposeFiling, "DE", "3020260123456", Some(copy_alert.id)),
            (DeadlineKind::Renewal, "CN", "12345678", None),
        ],
        "soonest first: BR in 50 days, DE in ~70, the renewal in ~100"
    );
    assert!(matches!(core.upcoming_deadlines(&gree_member, hisense, 365).await, Err(CoreError::NotFound(_))));

    let _ = admin;
}

#[tokio::test]
async fn alerts_follow_their_workflow_and_every_step_is_audited() {
    let World { core, admin, staff, hisense: (hisense, member), gree: (_, gree_member), _dir } = world().await;
    let context = RequestContext::cli();
    core.create_watched_mark(&member, &context, hisense, &watched("Hisense", &["HISENSE"], &[9])).await.unwrap();
    let path = write_jsonl(_dir.path(), "copy.jsonl", &[filing("US", "99100001", "HiSense", 9, "Copy LLC")]);
    core.import(None, &[path], &ImportOptions::default(), &Quiet).await.unwrap();
    let alert = core.alerts(&member, &AlertQuery::default(), Page::first(1)).await.unwrap().alerts.remove(0);
    assert_eq!(alert.status, AlertStatus::New);

    let skipped = core.transition_alert(&member, &context, alert.id, AlertStatus::Dismissed, None).await;
    assert!(matches!(&skipped, Err(CoreError::Invalid(invalid)) if invalid.field == "status"), "{skipped:?}");
    let reviewed = core
        .transition_alert(&member, &context, alert.id, AlertStatus::Reviewed, Some("our US agent will look"))
        .await
        .unwrap();
    assert_eq!((reviewed.status, reviewed.notes.len()), (AlertStatus::Reviewed, 1));
    let foreign = core.transition_alert(&gree_member, &context, alert.id, AlertStatus::Escalated, None).await;
    assert!(matches!(foreign, Err(CoreError::NotFound("alert"))));

    let by_member = core.assign_alert(&member, &context, alert.id, Some(staff.user_id())).await;
    assert!(matches!(by_member, Err(CoreError::Forbidden)));
    let to_member = core.assign_alert(&staff, &context, alert.id, Some(member.user_id())).await;
    assert!(matches!(to_member, Err(CoreError::Invalid(_))), "only centre staff take alerts");
    let assigned = core.assign_alert(&staff, &context, alert.id, Some(staff.user_id())).await.unwrap();
    assert_eq!(assigned.assignee_user_id, Some(staff.user_id()));
    let noted = core.note_alert(&staff, &context, alert.id, "opposition drafted").await.unwrap();
    assert_eq!(noted.notes.iter().map(|n| n.author_user_id).collect::<Vec<_>>(), [member.user_id(), staff.user_id()]);
    let escalated = core.transition_alert(&staff, &context, alert.id, AlertStatus::Escalated, None).await.unwrap();
    assert_eq!(escalated.status, AlertStatus::Escalated);
    let reopened = core.transition_alert(&staff, &context, alert.id, AlertStatus::Reviewed, None).await;
    assert!(matches!(reopened, Err(CoreError::Invalid(_))), "escalated is final");
    assert!(matches!(core.note_alert(&staff, &context, alert.id, "  ").await, Err(CoreError::Invalid(_))));

    let trail = core
        .store()
        .audit_events(&AuditFilter { organisation_id: Some(hisense), ..AuditFilter::default() }, Page::first(50))
        .await
        .unwrap();
    let mut actions: Vec<&str> = trail.iter().rev().map(|e| e.entry.action.as_str()).collect();
    actions.retain(|a| !a.starts_with("user."));
    assert_eq!(
        actions,
        [
            "organisation.create",
            "watched_mark.create",
            "alert.raise",
            "alert.status",
            "alert.assign",
            "alert.note",
            "alert.status"
        ]
    );
    let _ = admin;
}

#[tokio::test]
async fn watched_marks_and_parties_are_kept_by_their_organisation() {
    let World { core, staff, hisense: (hisense, member), gree: (_, gree_member), _dir, .. } = world().await;
    let context = RequestContext::cli();
    let refused = core.create_watched_mark(&member, &context, hisense, &watched("空", &["★ ★"], &[9])).await;
    assert!(matches!(refused, Err(CoreError::Invalid(_))), "nothing distinctive to watch");
    let bad_class = core.create_watched_mark(&member, &context, hisense, &watched("x", &["HISENSE"], &[46])).await;
    assert!(matches!(bad_class, Err(CoreError::Invalid(_))), "{bad_class:?}");
    let mark = core
        .create_watched_mark(&member, &context, hisense, &watched("Hisense", &["HISENSE", " HISENSE "], &[9, 9]))
        .await
        .unwrap();
    assert_eq!((mark.forms.len(), mark.classes.len()), (1, 1), "forms and classes deduplicated");
    let renamed = core
        .update_watched_mark(&staff, &context, mark.id, &watched("海信", &["海信", "HISENSE"], &[9]))
        .await
        .unwrap();
    assert_eq!(renamed.forms, ["海信", "HISENSE"]);
    assert_eq!(core.watched_marks(&member, None, Page::first(10)).await.unwrap(), [renamed]);
    assert!(core.watched_marks(&gree_member, None, Page::first(10)).await.unwrap().is_empty());
    assert!(matches!(core.delete_watched_mark(&gree_member, &context, mark.id).await, Err(CoreError::NotFound(_))));

    let input = WatchPartyInput { name: "Müller Elektro GmbH".into(), relation: "distributor".into() };
    let party = core.create_watch_party(&member, &context, hisense, &input).await.unwrap();
    let bad = WatchPartyInput { name: "X".into(), relation: "friend".into() };
    assert!(matches!(core.create_watch_party(&member, &context, hisense, &bad).await, Err(CoreError::Invalid(_))));
    let squatter = WatchPartyInput { name: "Müller Elektro GmbH".into(), relation: "known_squatter".into() };
    assert!(matches!(
        core.update_watch_party(&gree_member, &context, party.id, &squatter).await,
        Err(CoreError::NotFound(_))
    ));
    core.update_watch_party(&member, &context, party.id, &squatter).await.unwrap();
    core.delete_watch_party(&member, &context, party.id).await.unwrap();
    core.delete_watched_mark(&member, &context, mark.id).await.unwrap();
    assert!(matches!(core.watched_mark(&member, mark.id).await, Err(CoreError::NotFound(_))));
}

fn patent(number: &str, title: &str, applicant: &str, ipc: &str) -> Record {
    let mut patent = Patent::new(OfficeCode::parse("EP").unwrap(), number);
    patent.titles = vec![LocalizedText::new(Some("en"), title)];
    patent.applicants = vec![Party { name: applicant.into(), ..Party::default() }];
    patent.ipc = vec![ipc.into()];
    patent.dates.publication = Some(days_ago(3));
    Record::from(patent)
}

#[tokio::test]
async fn patent_watches_alert_on_new_patents_matching_their_query() {
    let World { core, staff, hisense: (hisense, member), gree: (_, gree_member), _dir, .. } = world().await;
    let context = RequestContext::cli();
    let rival = PatentWatchInput { label: "Rival radios".into(), query: "applicant:rival AND ipc:H04W*".into() };
    let watch = core.create_patent_watch(&member, &context, hisense, &rival).await.unwrap();
    for query in ["ti:(", "group:12", "  "] {
        let bad = PatentWatchInput { label: "bad".into(), query: query.into() };
        let refused = core.create_patent_watch(&member, &context, hisense, &bad).await;
        assert!(
            matches!(refused, Err(CoreError::Query(_) | CoreError::Search(_) | CoreError::Invalid(_))),
            "{query}: {refused:?}"
        );
    }
    assert!(matches!(
        core.create_patent_watch(&gree_member, &context, hisense, &rival).await,
        Err(CoreError::NotFound(_))
    ));

    let records = [
        patent("EP4100001A1", "Handover between radio cells", "Rival Radio GmbH", "H04W 36/00"),
        patent("EP4100002A1", "Refrigerator door seal", "Rival Radio GmbH", "F25D 23/02"),
        patent("EP4100003A1", "Beam selection for handover", "Other Telecom AB", "H04W 16/28"),
    ];
    let path = _dir.path().join("patents.jsonl");
    let lines: Vec<String> = records.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    let report = core.import(None, std::slice::from_ref(&path), &ImportOptions::default(), &Quiet).await.unwrap();
    let WatchUpdate::Screened(summary) = report.watch else { panic!("{:?}", report.watch) };
    assert_eq!((summary.screened, summary.alerts), (3, 1), "{summary:?}");

    let patents = AlertQuery { kind: Some("patent".into()), ..AlertQuery::default() };
    let alerts = core.alerts(&member, &patents, Page::first(10)).await.unwrap().alerts;
    assert_eq!(alerts.len(), 1);
    let alert = &alerts[0];
    assert_eq!(
        (alert.filing.number.as_str(), alert.title.as_deref(), alert.patent_watch_id, alert.watched_mark_id),
        ("EP4100001A1", Some("Handover between radio cells"), Some(watch.id), None)
    );
    assert_eq!(alert.applicant.as_deref(), Some("Rival Radio GmbH"));
    assert_eq!(codes(&alert.reasons), ["patent_query"]);
    assert!(alert.reasons[0].to_string().contains("Rival radios"));
    assert!(core.alerts(&gree_member, &patents, Page::first(10)).await.unwrap().alerts.is_empty());
    assert_eq!(core.patent_watches(&staff, None).await.unwrap().len(), 1);

    let again = core.import(None, &[path], &ImportOptions::default(), &Quiet).await.unwrap();
    assert!(matches!(again.watch, WatchUpdate::Screened(s) if s.alerts == 0), "once per patent and watch");
    let narrowed = PatentWatchInput { label: "Rival, all".into(), query: "applicant:rival".into() };
    assert_eq!(
        core.update_patent_watch(&member, &context, watch.id, &narrowed).await.unwrap().query,
        "applicant:rival"
    );
    core.delete_patent_watch(&member, &context, watch.id).await.unwrap();
    assert!(core.alerts(&member, &patents, Page::first(10)).await.unwrap().alerts.is_empty());
}

#[tokio::test]
async fn the_demo_watch_catches_every_copy_once() {
    let (core, dir) = core_with(CoreSettings::default()).await;
    core.seed_demo().await.unwrap();
    let report = core.seed_demo_watch(&dir.path().join("demo")).await.unwrap().expect("first time");
    assert!(matches!(report.watch, WatchUpdate::Screened(s) if s.screened == 8), "{:?}", report.watch);
    let staff = Actor::new(core.store().user_credentials("staff@zhichan.demo").await.unwrap().unwrap().user);
    let alerts = core.alerts(&staff, &AlertQuery::default(), Page::first(50)).await.unwrap().alerts;
    let mut caught: Vec<(&str, &str)> =
        alerts.iter().map(|a| (a.filing.office.as_str(), a.filing.number.as_str())).collect();
    caught.sort_unstable();
    assert_eq!(
        caught,
        [
            ("BR", "930118452"),
            ("DE", "3020260417731"),
            ("EM", "019204561"),
            ("GB", "UK00004123987"),
            ("US", "99512377"),
            ("US", "US20260412345A1"),
            ("US", "US20260498765A1"),
        ],
        "every copy and both patents, not the stranger"
    );
    assert!(alerts.iter().filter(|a| a.filing.kind == RecordKind::Trademark).all(|a| a.opposition_deadline.is_some()));
    assert!(core.seed_demo_watch(&dir.path().join("demo")).await.unwrap().is_none(), "seeded once");
}
