//! The behaviour every `Store` adapter must share. Each check runs once per backend; the
//! PostgreSQL half needs `ZHICHAN_TEST_DATABASE_URL` and says so when it skips.

use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use zhichan_domain::{Email, Locale, MarketCode, OrgKind, OrgName, Role, Street, Uscc};
use zhichan_store::{
    AuditEntry, AuditFilter, NewApiToken, NewOrganisation, NewSession, NewUser, OrganisationFilter,
    OrganisationProfile, Page, Store, StoreError,
};

/// A store under test and the URL it was opened from.
struct Subject {
    store: Arc<dyn Store>,
    url: String,
    _dir: Option<tempfile::TempDir>,
}

/// A fresh SQLite store in a temporary directory.
async fn sqlite() -> Subject {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite:{}", dir.path().join("test.sqlite3").display());
    let store = zhichan_store::open(&url).await.expect("open SQLite");
    Subject { store, url, _dir: Some(dir) }
}

/// A fresh PostgreSQL store, or `None` (with a note) when no test server is configured.
async fn postgres() -> Option<Subject> {
    let Ok(base) = std::env::var(zhichan_store::scratch::TEST_DATABASE_URL_VAR) else {
        eprintln!("skipped: set ZHICHAN_TEST_DATABASE_URL to run the PostgreSQL conformance checks");
        return None;
    };
    let url = zhichan_store::scratch::postgres_database(&base).await.expect("create scratch database");
    let store = zhichan_store::open(&url).await.expect("open PostgreSQL");
    Some(Subject { store, url, _dir: None })
}

macro_rules! conformance {
    ($($check:ident),* $(,)?) => {
        mod sqlite_backend {
            $(#[tokio::test] async fn $check() { super::$check(super::sqlite().await).await; })*
        }
        mod postgres_backend {
            $(#[tokio::test] async fn $check() { if let Some(subject) = super::postgres().await { super::$check(subject).await; } })*
        }
    };
}

conformance!(
    organisations_round_trip_with_markets,
    unique_values_conflict_and_roll_back,
    organisation_filters_and_paging,
    users_roles_and_credentials,
    sessions_expire_and_close,
    api_tokens_authenticate_until_revoked,
    audit_trail_is_filtered_newest_first,
    audit_trail_cannot_be_rewritten,
    records_are_stored_by_identity_with_status_history,
    imports_keep_their_rejections_and_totals,
    reference_tables_are_replaced_whole,
    batches_with_repeats_and_many_rows_behave_as_if_stored_one_by_one,
    change_journal_lists_each_record_at_its_latest_change,
    concurrent_writers_hand_out_journal_numbers_in_commit_order,
    saved_searches_belong_to_their_user,
);

fn at(hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, hour, 0, 0).single().expect("valid time")
}

fn audit(action: &str, org: Option<i64>) -> AuditEntry {
    AuditEntry {
        at: at(9),
        actor_user_id: None,
        actor_org_id: None,
        organisation_id: org,
        action: action.to_owned(),
        target_kind: action.split('.').next().unwrap_or(action).to_owned(),
        target_id: None,
        ip: Some("127.0.0.1".into()),
        detail: serde_json::json!({ "test": action }),
    }
}

fn enterprise(name: &str, uscc: Option<&str>, markets: &str) -> NewOrganisation {
    NewOrganisation {
        kind: OrgKind::Enterprise,
        profile: OrganisationProfile {
            name_zh: OrgName::parse("name_zh", name).expect("name"),
            name_en: Some(OrgName::parse("name_en", &format!("{name} Ltd")).expect("name")),
            uscc: uscc.map(|u| Uscc::parse(u).expect("uscc")),
            street: Some(Street::Shajing),
            industry: Some("电子".into()),
            export_markets: MarketCode::parse_list(markets).expect("markets"),
        },
    }
}

async fn new_user(store: &Arc<dyn Store>, org: i64, email: &str, roles: Vec<Role>) -> zhichan_store::User {
    let user = NewUser {
        organisation_id: org,
        email: Email::parse(email).expect("email"),
        display_name: "李伟".into(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo".into(),
        roles,
    };
    store.create_user(&user, audit("user.create", Some(org))).await.expect("create user")
}

async fn organisations_round_trip_with_markets(Subject { store, .. }: Subject) {
    let created = store
        .create_organisation(
            &enterprise("海鹰电子", Some("914403001922038216"), "US DE EM"),
            audit("organisation.create", None),
        )
        .await
        .expect("create");
    let read = store.organisation(created.id).await.expect("read").expect("exists");
    assert_eq!(read, created);
    assert_eq!(read.name_zh, "海鹰电子");
    assert_eq!(read.street, Some(Street::Shajing));
    let markets: Vec<&str> = read.export_markets.iter().map(MarketCode::as_str).collect();
    assert_eq!(markets, ["US", "DE", "EM"]);

    let mut profile = enterprise("海鹰电子科技", None, "JP US").profile;
    profile.street = Some(Street::Shiyan);
    let updated = store
        .update_organisation(created.id, &profile, audit("organisation.update", Some(created.id)))
        .await
        .expect("update");
    assert_eq!(updated.name_zh, "海鹰电子科技");
    assert_eq!(updated.uscc, None);
    assert_eq!(updated.export_markets.iter().map(MarketCode::as_str).collect::<Vec<_>>(), ["JP", "US"]);
    assert!(store.organisation(created.id + 1000).await.expect("read").is_none());
    let missing = store.update_organisation(created.id + 1000, &profile, audit("organisation.update", None)).await;
    assert!(matches!(missing, Err(StoreError::NotFound("organisation"))));
}

async fn unique_values_conflict_and_roll_back(Subject { store, .. }: Subject) {
    let first = store
        .create_organisation(&enterprise("甲", Some("91440300708461136T"), "US"), audit("organisation.create", None))
        .await
        .expect("create");
    let duplicate = store
        .create_organisation(&enterprise("乙", Some("91440300708461136T"), "US"), audit("organisation.create", None))
        .await;
    assert!(matches!(duplicate, Err(StoreError::Conflict { what: "uscc" })), "{duplicate:?}");

    new_user(&store, first.id, "a@example.cn", vec![Role::EnterpriseMember]).await;
    let again = NewUser {
        organisation_id: first.id,
        email: Email::parse("A@example.cn").expect("email"),
        display_name: "x".into(),
        password_hash: "h".into(),
        roles: vec![],
    };
    let conflict = store.create_user(&again, audit("user.create", Some(first.id))).await;
    assert!(matches!(conflict, Err(StoreError::Conflict { what: "email" })), "{conflict:?}");

    // Nothing of the refused writes remains: not the organisation, and not their audit entries.
    let all = store.organisations(&OrganisationFilter::default(), Page::first(50)).await.expect("list");
    assert_eq!(all.len(), 1);
    let creates = AuditFilter { action_prefix: Some("organisation.create".into()), ..Default::default() };
    assert_eq!(store.audit_events(&creates, Page::first(50)).await.expect("audit").len(), 1);
}

async fn organisation_filters_and_paging(Subject { store, .. }: Subject) {
    let mut ids = Vec::new();
    for (i, name) in ["华强电子", "比亚迪配件", "华丰模具", "Global Lights"].iter().enumerate() {
        let mut org = enterprise(name, None, "US");
        org.profile.street = Some(if i % 2 == 0 { Street::Xixiang } else { Street::Fuyong });
        ids.push(store.create_organisation(&org, audit("organisation.create", None)).await.expect("create").id);
    }
    let by_name = OrganisationFilter { name_contains: Some("华".into()), ..Default::default() };
    assert_eq!(store.organisations(&by_name, Page::first(10)).await.expect("list").len(), 2);
    let english = OrganisationFilter { name_contains: Some("global".into()), ..Default::default() };
    assert_eq!(store.organisations(&english, Page::first(10)).await.expect("list").len(), 1);
    let by_street = OrganisationFilter { street: Some(Street::Fuyong), ..Default::default() };
    let fuyong = store.organisations(&by_street, Page::first(10)).await.expect("list");
    assert_eq!(fuyong.iter().map(|o| o.id).collect::<Vec<_>>(), [ids[1], ids[3]]);
    let only = OrganisationFilter { only_id: Some(ids[2]), ..Default::default() };
    assert_eq!(store.organisations(&only, Page::first(10)).await.expect("list")[0].name_zh, "华丰模具");

    let first = store.organisations(&OrganisationFilter::default(), Page::first(3)).await.expect("page 1");
    let rest = store
        .organisations(&OrganisationFilter::default(), Page { after: first.last().map(|o| o.id), limit: 3 })
        .await
        .expect("page 2");
    assert_eq!((first.len(), rest.len()), (3, 1));
    assert!(rest.iter().all(|o| o.export_markets.len() == 1), "markets load on every page");
}

async fn users_roles_and_credentials(Subject { store, .. }: Subject) {
    let org =
        store.create_organisation(&enterprise("丙", None, ""), audit("organisation.create", None)).await.expect("org");
    let user = new_user(&store, org.id, "Wang@Example.CN", vec![Role::EnterpriseMember, Role::EnterpriseAdmin]).await;
    assert_eq!(user.email, "wang@example.cn");
    assert_eq!(user.roles, [Role::EnterpriseMember, Role::EnterpriseAdmin]);
    let credentials = store.user_credentials("wang@example.cn").await.expect("read").expect("exists");
    assert!(credentials.password_hash.starts_with("$argon2id$"));
    assert_eq!(credentials.user, user);
    assert!(store.user_credentials("nobody@example.cn").await.expect("read").is_none());

    new_user(&store, org.id, "zhao@example.cn", vec![Role::EnterpriseMember]).await;
    let members = store.users_in_organisation(org.id).await.expect("members");
    assert_eq!(members.len(), 2);
    assert_eq!(members[1].roles, [Role::EnterpriseMember]);
    assert_eq!(store.count_users_with_role(Role::EnterpriseAdmin).await.expect("count"), 1);
    assert_eq!(store.count_users_with_role(Role::Admin).await.expect("count"), 0);

    store.set_user_locale(user.id, Locale::ZhHant, audit("user.locale", Some(org.id))).await.expect("locale");
    assert_eq!(store.user(user.id).await.expect("read").expect("exists").locale, Some(Locale::ZhHant));
}

async fn sessions_expire_and_close(Subject { store, .. }: Subject) {
    let org =
        store.create_organisation(&enterprise("丁", None, ""), audit("organisation.create", None)).await.expect("org");
    let user = new_user(&store, org.id, "s@example.cn", vec![Role::EnterpriseMember]).await;
    let session = NewSession {
        token_hash: "ab".repeat(32),
        user_id: user.id,
        created_at: at(8),
        expires_at: at(10),
        ip: Some("127.0.0.1".into()),
        user_agent: Some("test".into()),
    };
    store.create_session(&session, audit("session.create", Some(org.id))).await.expect("create");
    assert_eq!(store.session_user(&session.token_hash, at(9)).await.expect("read").map(|u| u.id), Some(user.id));
    assert!(store.session_user(&session.token_hash, at(11)).await.expect("read").is_none(), "expired");
    assert!(store.session_user(&"cd".repeat(32), at(9)).await.expect("read").is_none(), "unknown");
    assert_eq!(store.delete_expired_sessions(at(9)).await.expect("sweep"), 0);
    store.delete_session(&session.token_hash, audit("session.delete", Some(org.id))).await.expect("delete");
    assert!(store.session_user(&session.token_hash, at(9)).await.expect("read").is_none(), "closed");
}

async fn api_tokens_authenticate_until_revoked(Subject { store, .. }: Subject) {
    let org =
        store.create_organisation(&enterprise("戊", None, ""), audit("organisation.create", None)).await.expect("org");
    let owner = new_user(&store, org.id, "t@example.cn", vec![Role::EnterpriseMember]).await;
    let other = new_user(&store, org.id, "u@example.cn", vec![Role::EnterpriseMember]).await;
    let new = NewApiToken {
        user_id: owner.id,
        name: "ERP".into(),
        token_prefix: "zc_ab12".into(),
        token_hash: "ef".repeat(32),
        created_at: at(8),
    };
    let token = store.create_api_token(&new, audit("api_token.create", Some(org.id))).await.expect("create");
    assert_eq!(token.last_used_at, None);
    assert_eq!(store.api_token_user(&new.token_hash, at(9)).await.expect("auth").map(|u| u.id), Some(owner.id));
    assert_eq!(store.api_tokens(owner.id).await.expect("list")[0].last_used_at, Some(at(9)));
    assert!(store.api_tokens(other.id).await.expect("list").is_empty());

    let foreign = store.revoke_api_token(other.id, token.id, audit("api_token.revoke", Some(org.id))).await;
    assert!(matches!(foreign, Err(StoreError::NotFound(_))), "only the owner revokes");
    let revoked =
        store.revoke_api_token(owner.id, token.id, audit("api_token.revoke", Some(org.id))).await.expect("revoke");
    assert_eq!(revoked.revoked_at, Some(at(9)));
    assert!(store.api_token_user(&new.token_hash, at(10)).await.expect("auth").is_none());
}

async fn audit_trail_is_filtered_newest_first(Subject { store, .. }: Subject) {
    for (i, action) in ["user.create", "organisation.update", "user.create"].iter().enumerate() {
        let mut event = audit(action, Some(if i == 1 { 2 } else { 1 }));
        event.at = at(9) + Duration::minutes(i as i64);
        event.actor_user_id = Some(7);
        store.append_audit(event).await.expect("append");
    }
    let all = store.audit_events(&AuditFilter::default(), Page::first(10)).await.expect("all");
    assert_eq!(all.len(), 3);
    assert!(all[0].id > all[1].id && all[1].id > all[2].id, "newest first");
    assert_eq!(all[0].entry.detail, serde_json::json!({ "test": "user.create" }));
    assert_eq!(all[0].entry.ip.as_deref(), Some("127.0.0.1"));

    let users = AuditFilter { action_prefix: Some("user.".into()), ..Default::default() };
    assert_eq!(store.audit_events(&users, Page::first(10)).await.expect("users").len(), 2);
    let org2 = AuditFilter { organisation_id: Some(2), ..Default::default() };
    assert_eq!(store.audit_events(&org2, Page::first(10)).await.expect("org").len(), 1);
    let window = AuditFilter {
        since: Some(at(9) + Duration::minutes(1)),
        until: Some(at(9) + Duration::minutes(2)),
        ..Default::default()
    };
    assert_eq!(
        store.audit_events(&window, Page::first(10)).await.expect("window")[0].entry.action,
        "organisation.update"
    );
    let next =
        store.audit_events(&AuditFilter::default(), Page { after: Some(all[0].id), limit: 10 }).await.expect("page");
    assert_eq!(next.len(), 2);
}

async fn audit_trail_cannot_be_rewritten(Subject { store, url, .. }: Subject) {
    use sqlx::Connection;

    store.append_audit(audit("user.create", Some(1))).await.expect("append");
    let attempts = ["UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events"];
    for attempt in attempts {
        let refused = if url.starts_with("sqlite:") {
            let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("connect");
            sqlx::query(attempt).execute(&mut conn).await.is_err()
        } else {
            let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
            sqlx::query(attempt).execute(&mut conn).await.is_err()
        };
        assert!(refused, "the database must refuse: {attempt}");
    }
    let kept = store.audit_events(&AuditFilter::default(), Page::first(10)).await.expect("read");
    assert_eq!((kept.len(), kept[0].entry.action.as_str()), (1, "user.create"));
}

fn trademark(number: &str, stage: &str, mark: &str) -> zhichan_domain::records::Record {
    let office = serde_json::from_value(serde_json::json!("US")).expect("office code");
    let mut mark_record = zhichan_domain::records::Trademark::new(office, number);
    mark_record.mark_text = Some(mark.to_owned());
    mark_record.status.stage = serde_json::from_value(serde_json::json!(stage)).expect("stage");
    mark_record.status.raw = Some(format!("raw {stage}"));
    mark_record.into()
}

async fn records_are_stored_by_identity_with_status_history(Subject { store, .. }: Subject) {
    use zhichan_domain::records::RecordKind;

    let import = store.start_import("test", None, at(8)).await.expect("start");
    let first = [trademark("97000001", "filed", "HAIYING"), trademark("97000002", "filed", "海鹰")];
    let outcome = store.store_records(import, &first, at(8)).await.expect("store");
    assert_eq!((outcome.inserted, outcome.updated, outcome.unchanged), (2, 0, 0));

    let again = store.store_records(import, &first[..1], at(9)).await.expect("store again");
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 1), "an identical record is left alone");

    let registered = trademark("97000001", "registered", "HAIYING");
    let changed = store.store_records(import, std::slice::from_ref(&registered), at(10)).await.expect("update");
    assert_eq!(changed.updated, 1);
    let renamed = trademark("97000001", "registered", "HAIYING PRO");
    store.store_records(import, std::slice::from_ref(&renamed), at(11)).await.expect("rename");

    let stored = store.record("US", RecordKind::Trademark, "97000001").await.expect("read").expect("exists");
    assert_eq!(stored.record, renamed);
    let stages: Vec<Option<&str>> = stored.history.iter().map(|h| h.status.as_deref()).collect();
    assert_eq!(stages, [Some("filed"), Some("registered")], "only status changes enter the history");
    assert_eq!(stored.history[1].raw_status.as_deref(), Some("raw registered"));
    assert_eq!((stored.created_at, stored.updated_at), (at(8), at(11)));
    assert!(
        store.record("US", RecordKind::Patent, "97000001").await.expect("read").is_none(),
        "kind is part of identity"
    );
    assert_eq!(store.count_records(RecordKind::Trademark).await.expect("count"), 2);
    let recent = store.recent_records(10).await.expect("recent");
    assert_eq!(recent.len(), 2);
    assert_eq!((recent[0].number.as_str(), recent[0].title.as_deref()), ("97000001", Some("HAIYING PRO")));
    assert_eq!(recent[0].kind, "trademark");
}

async fn imports_keep_their_rejections_and_totals(Subject { store, .. }: Subject) {
    use zhichan_store::records::{ImportOutcome, ImportTotals, Rejection};

    let import = store.start_import("a.xml, b.xml", Some(7), at(8)).await.expect("start");
    let rejection = |n: u32| Rejection {
        source: "b.xml".into(),
        position: Some(format!("byte {n}")),
        record_id: Some(format!("9700000{n}")),
        field: Some("filing-date".into()),
        reason: "invalid_field".into(),
        message: format!("b.xml: byte {n}: bad date"),
    };
    store.add_rejections(import, 0, &[rejection(1), rejection(2)]).await.expect("reject");
    store.add_rejections(import, 2, &[rejection(3)]).await.expect("reject more");
    let kept = store.rejections(import).await.expect("read");
    assert_eq!(kept, [rejection(1), rejection(2), rejection(3)]);

    let totals = ImportTotals { read: 10, rejected: 3, ..Default::default() };
    store
        .finish_import(import, totals, ImportOutcome::WithRejections, audit("import.run", None))
        .await
        .expect("finish");
    let trail = AuditFilter { action_prefix: Some("import.".into()), ..Default::default() };
    let entries = store.audit_events(&trail, Page::first(5)).await.expect("audit");
    assert_eq!(entries[0].entry.target_id, Some(import.to_string()));
}

async fn reference_tables_are_replaced_whole(Subject { store, .. }: Subject) {
    use zhichan_store::reference::ReferenceEntry;

    let entry = |key: &str, parent: Option<&str>, class: Option<i64>, title: &str| ReferenceEntry {
        kind: "ipc".into(),
        key: key.into(),
        parent: parent.map(str::to_owned),
        class,
        title: title.into(),
        detail: serde_json::json!({ "symbol": key }),
    };
    let first =
        [entry("H04W", Some("H04"), None, "Wireless networks"), entry("H04W 4/00", Some("H04W"), None, "Services")];
    store.replace_reference("ipc", &first, 1, audit("reference.replace", None)).await.expect("replace");
    assert_eq!(store.count_reference("ipc").await.expect("count"), 2);
    let children = store.reference_children("ipc", "H04W").await.expect("children");
    assert_eq!(children, [first[1].clone()]);
    assert_eq!(store.reference_entry("ipc", "H04W").await.expect("entry"), Some(first[0].clone()));

    let second = [entry("G06F", Some("G06"), Some(9), "Electric digital data processing")];
    store.replace_reference("ipc", &second, 2, audit("reference.replace", None)).await.expect("replace");
    assert_eq!(store.count_reference("ipc").await.expect("count"), 1, "the old edition is gone");
    assert_eq!(store.reference_in_class("ipc", 9).await.expect("class").len(), 1);
    assert_eq!(store.count_reference("similar_groups").await.expect("count"), 0, "tables are separate");

    let duplicate = [second[0].clone(), second[0].clone()];
    let refused = store.replace_reference("ipc", &duplicate, 3, audit("reference.replace", None)).await;
    assert!(refused.is_err());
    assert_eq!(store.count_reference("ipc").await.expect("count"), 1, "a failed replacement changes nothing");
}

async fn batches_with_repeats_and_many_rows_behave_as_if_stored_one_by_one(Subject { store, .. }: Subject) {
    use zhichan_domain::records::RecordKind;

    let import = store.start_import("test", None, at(8)).await.expect("start");
    let batch = [
        trademark("97100001", "filed", "A"),
        trademark("97100002", "filed", "B"),
        trademark("97100001", "registered", "A"),
        trademark("97100001", "registered", "A"),
    ];
    let outcome = store.store_records(import, &batch, at(8)).await.expect("store");
    assert_eq!((outcome.inserted, outcome.updated, outcome.unchanged), (2, 1, 1));
    let stored = store.record("US", RecordKind::Trademark, "97100001").await.expect("read").expect("exists");
    let stages: Vec<Option<&str>> = stored.history.iter().map(|h| h.status.as_deref()).collect();
    assert_eq!(stages, [Some("filed"), Some("registered")]);

    let many: Vec<_> = (0..1_234).map(|i| trademark(&format!("98{i:06}"), "filed", "BULK")).collect();
    let outcome = store.store_records(import, &many, at(9)).await.expect("store many");
    assert_eq!(outcome.inserted, 1_234);
    assert_eq!(store.count_records(RecordKind::Trademark).await.expect("count"), 1_236);
    let again = store.store_records(import, &many, at(10)).await.expect("store again");
    assert_eq!(again.unchanged, 1_234);
}

fn journal_numbers(changes: &[zhichan_store::records::RecordChange]) -> Vec<String> {
    changes.iter().map(|change| change.record.key().number.clone()).collect()
}

async fn change_journal_lists_each_record_at_its_latest_change(Subject { store, .. }: Subject) {
    assert_eq!(store.journal_head().await.expect("head"), 0);
    assert!(store.changes_since(0, 10).await.expect("journal").is_empty());
    let import = store.start_import("test", None, at(8)).await.expect("start");
    let marks = [trademark("1", "filed", "ONE"), trademark("2", "filed", "TWO"), trademark("3", "filed", "THREE")];
    store.store_records(import, &marks, at(8)).await.expect("store");
    let all = store.changes_since(0, 10).await.expect("journal");
    assert_eq!(journal_numbers(&all), ["1", "2", "3"]);
    assert!(all.windows(2).all(|pair| pair[0].seq < pair[1].seq));
    let head = store.journal_head().await.expect("head");
    assert_eq!(head, all[2].seq);

    store.store_records(import, &marks[..1], at(9)).await.expect("unchanged");
    assert_eq!(store.journal_head().await.expect("head"), head, "an unchanged record takes no number");
    let renamed = trademark("1", "filed", "ONE AGAIN");
    store.store_records(import, std::slice::from_ref(&renamed), at(9)).await.expect("changed");
    let since = store.changes_since(head, 10).await.expect("journal");
    assert_eq!(journal_numbers(&since), ["1"]);
    assert_eq!(since[0].record, renamed);
    assert_eq!(journal_numbers(&store.changes_since(0, 10).await.expect("journal")), ["2", "3", "1"]);
    assert_eq!(journal_numbers(&store.changes_since(0, 2).await.expect("journal")), ["2", "3"], "limit");
}

async fn concurrent_writers_hand_out_journal_numbers_in_commit_order(Subject { store, .. }: Subject) {
    let import = store.start_import("test", None, at(8)).await.expect("start");
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let store = store.clone();
            tokio::spawn(async move {
                for batch in 0..5 {
                    let marks: Vec<_> =
                        (0..20).map(|i| trademark(&format!("{writer}-{batch}-{i}"), "filed", "MARK")).collect();
                    store.store_records(import, &marks, at(9)).await.expect("store");
                }
            })
        })
        .collect();
    // A follower reading while writers commit must never see a number after a gap it later fills.
    let mut seen = 0i64;
    let mut followed = 0usize;
    loop {
        let done = writers.iter().all(|writer| writer.is_finished());
        let changes = store.changes_since(seen, 1000).await.expect("journal");
        followed += changes.len();
        if let Some(last) = changes.last() {
            seen = last.seq;
        }
        if done && changes.is_empty() {
            break;
        }
        tokio::task::yield_now().await;
    }
    for writer in writers {
        writer.await.expect("writer");
    }
    assert_eq!(followed, 4 * 5 * 20, "the follower saw every record exactly once");
    assert_eq!(seen, store.journal_head().await.expect("head"));
}

async fn saved_searches_belong_to_their_user(Subject { store, .. }: Subject) {
    use zhichan_store::{NewSavedSearch, StoreError};

    let org = store.create_organisation(&enterprise("Saver", None, ""), audit("org.create", None)).await.expect("org");
    let alice = new_user(&store, org.id, "alice@example.com", vec![]).await;
    let bob = new_user(&store, org.id, "bob@example.com", vec![]).await;
    let save = |user_id: i64, name: &str, query: &str| NewSavedSearch {
        user_id,
        name: name.into(),
        query: query.into(),
        sort: "relevance".into(),
    };
    let first = store
        .save_search(save(alice.id, "watch", "mark:haiying"), audit("search.save", Some(org.id)))
        .await
        .expect("save");
    let replaced = store
        .save_search(save(alice.id, "watch", "mark:haiying OR 海鹰"), audit("search.save", Some(org.id)))
        .await
        .expect("save");
    assert_eq!(replaced.id, first.id, "same name replaces");
    assert_eq!(replaced.query, "mark:haiying OR 海鹰");
    store.save_search(save(alice.id, "another", "ipc:H04W*"), audit("search.save", Some(org.id))).await.expect("save");
    let names: Vec<String> = store.saved_searches(alice.id).await.expect("list").into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["another", "watch"]);
    assert!(store.saved_searches(bob.id).await.expect("list").is_empty());
    assert_eq!(store.saved_search(first.id).await.expect("get").map(|s| s.user_id), Some(alice.id));
    store.delete_saved_search(first.id, audit("search.delete", Some(org.id))).await.expect("delete");
    assert!(store.saved_search(first.id).await.expect("get").is_none());
    assert!(matches!(
        store.delete_saved_search(first.id, audit("search.delete", Some(org.id))).await,
        Err(StoreError::NotFound(_))
    ));
}
