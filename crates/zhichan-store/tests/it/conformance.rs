//! The behaviour every `Store` adapter must share. Each check runs once per backend; the
//! PostgreSQL half needs `ZHICHAN_TEST_DATABASE_URL` and says so when it skips.

use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use zhichan_domain::import::ImportId;
use zhichan_domain::notify::Recipient;
use zhichan_domain::office::OfficeCode;
use zhichan_domain::records::{RecordKey, RecordKind};
use zhichan_domain::watch::{
    AlertId, AlertReason, AlertStatus, MarkReason, PartyRelation, RiskLevel, Signal, WatchPartyId, WatchedMarkId,
};
use zhichan_domain::{
    AuditEntry, AuditFilter, Email, Locale, MarketCode, NewApiToken, NewOrganisation, NewSession, NewUser, OrgId,
    OrgKind, OrgName, OrganisationFilter, OrganisationProfile, Page, Role, Street, Uscc, User, UserId,
};
use zhichan_store::{Store, StoreError};

mod directory;
use directory::{
    affiliations_are_declared_listed_and_removed, expert_profiles_round_trip_with_their_accounts_and_filters,
    provider_profiles_round_trip_with_their_organisations_and_filters,
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
    let url = zhichan_testkit::postgres_test_database().await?;
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
    calendar_years_are_replaced_per_region_and_year,
    batches_with_repeats_and_many_rows_behave_as_if_stored_one_by_one,
    change_journal_lists_each_record_at_its_latest_change,
    concurrent_writers_hand_out_journal_numbers_in_commit_order,
    saved_searches_belong_to_their_user,
    watched_marks_and_parties_round_trip,
    alerts_are_raised_once_per_filing_and_move_the_watch_position,
    alerts_follow_their_workflow_with_notes_filters_and_paging,
    patent_watches_raise_their_own_alerts,
    alerts_queue_their_notifications_until_sent,
    trademarks_are_found_by_title_ignoring_case,
    cases_open_move_and_chain_their_history,
    case_changes_queue_their_notifications_and_reminders_once,
    case_changes_apply_only_to_the_state_they_were_decided_on,
    case_listings_are_scoped_and_deadlines_follow_open_cases,
    a_direct_edit_of_case_history_breaks_the_chain,
    expert_profiles_round_trip_with_their_accounts_and_filters,
    affiliations_are_declared_listed_and_removed,
    provider_profiles_round_trip_with_their_organisations_and_filters,
);

/// The identity of record `number` of `kind` at `office`.
fn key(office: &str, kind: RecordKind, number: &str) -> RecordKey {
    RecordKey { office: OfficeCode::parse(office).expect("office"), kind, number: number.into() }
}

fn at(hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, hour, 0, 0).single().expect("valid time")
}

fn audit(action: &str, org: Option<OrgId>) -> AuditEntry {
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

async fn new_user(store: &Arc<dyn Store>, org: OrgId, email: &str, roles: Vec<Role>) -> User {
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
    assert_eq!(read.profile.name_zh.as_str(), "海鹰电子");
    assert_eq!(read.profile.street, Some(Street::Shajing));
    let markets: Vec<&str> = read.profile.export_markets.iter().map(MarketCode::as_str).collect();
    assert_eq!(markets, ["US", "DE", "EM"]);

    let mut profile = enterprise("海鹰电子科技", None, "JP US").profile;
    profile.street = Some(Street::Shiyan);
    let updated = store
        .update_organisation(created.id, &profile, audit("organisation.update", Some(created.id)))
        .await
        .expect("update");
    assert_eq!(updated.profile.name_zh.as_str(), "海鹰电子科技");
    assert_eq!(updated.profile.uscc, None);
    assert_eq!(updated.profile.export_markets.iter().map(MarketCode::as_str).collect::<Vec<_>>(), ["JP", "US"]);
    assert!(store.organisation(OrgId::new(created.id.get() + 1000)).await.expect("read").is_none());
    let missing = store
        .update_organisation(OrgId::new(created.id.get() + 1000), &profile, audit("organisation.update", None))
        .await;
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
    assert_eq!(
        store.organisations(&only, Page::first(10)).await.expect("list")[0].profile.name_zh.as_str(),
        "华丰模具"
    );

    let first = store.organisations(&OrganisationFilter::default(), Page::first(3)).await.expect("page 1");
    let rest = store
        .organisations(&OrganisationFilter::default(), Page { after: first.last().map(|o| o.id.get()), limit: 3 })
        .await
        .expect("page 2");
    assert_eq!((first.len(), rest.len()), (3, 1));
    assert!(rest.iter().all(|o| o.profile.export_markets.len() == 1), "markets load on every page");
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
    let admins = store.users_with_role(Role::EnterpriseAdmin).await.expect("holders");
    assert_eq!(admins.iter().map(|u| (u.id, u.roles.clone())).collect::<Vec<_>>(), [(user.id, user.roles.clone())]);
    assert_eq!(store.users_with_role(Role::EnterpriseMember).await.expect("holders").len(), 2);
    assert!(store.users_with_role(Role::Mediator).await.expect("holders").is_empty());

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
        let mut event = audit(action, Some(OrgId::new(if i == 1 { 2 } else { 1 })));
        event.at = at(9) + Duration::minutes(i as i64);
        event.actor_user_id = Some(UserId::new(7));
        store.append_audit(event).await.expect("append");
    }
    let all = store.audit_events(&AuditFilter::default(), Page::first(10)).await.expect("all");
    assert_eq!(all.len(), 3);
    assert!(all[0].id > all[1].id && all[1].id > all[2].id, "newest first");
    assert_eq!(all[0].entry.detail, serde_json::json!({ "test": "user.create" }));
    assert_eq!(all[0].entry.ip.as_deref(), Some("127.0.0.1"));

    let users = AuditFilter { action_prefix: Some("user.".into()), ..Default::default() };
    assert_eq!(store.audit_events(&users, Page::first(10)).await.expect("users").len(), 2);
    let org2 = AuditFilter { organisation_id: Some(OrgId::new(2)), ..Default::default() };
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

    store.append_audit(audit("user.create", Some(OrgId::new(1)))).await.expect("append");
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

    let stored = store.record(&key("US", RecordKind::Trademark, "97000001")).await.expect("read").expect("exists");
    assert_eq!(stored.record, renamed);
    let stages: Vec<Option<&str>> = stored.history.iter().map(|h| h.status.as_deref()).collect();
    assert_eq!(stages, [Some("filed"), Some("registered")], "only status changes enter the history");
    assert_eq!(stored.history[1].raw_status.as_deref(), Some("raw registered"));
    assert_eq!((stored.created_at, stored.updated_at), (at(8), at(11)));
    assert!(
        store.record(&key("US", RecordKind::Patent, "97000001")).await.expect("read").is_none(),
        "kind is part of identity"
    );
    assert_eq!(store.count_records(RecordKind::Trademark).await.expect("count"), 2);
    let recent = store.recent_records(10).await.expect("recent");
    assert_eq!(recent.len(), 2);
    assert_eq!((recent[0].key.number.as_str(), recent[0].title.as_deref()), ("97000001", Some("HAIYING PRO")));
    assert_eq!(recent[0].key.kind, RecordKind::Trademark);
}

async fn imports_keep_their_rejections_and_totals(Subject { store, .. }: Subject) {
    use zhichan_domain::import::{ImportOutcome, ImportTotals, Rejection};

    let import = store.start_import("a.xml, b.xml", Some(UserId::new(7)), at(8)).await.expect("start");
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
    store.replace_reference("ipc", &first, ImportId::new(1), audit("reference.replace", None)).await.expect("replace");
    assert_eq!(store.count_reference("ipc").await.expect("count"), 2);
    let children = store.reference_children("ipc", "H04W").await.expect("children");
    assert_eq!(children, [first[1].clone()]);
    assert_eq!(store.reference_entry("ipc", "H04W").await.expect("entry"), Some(first[0].clone()));

    let second = [entry("G06F", Some("G06"), Some(9), "Electric digital data processing")];
    store.replace_reference("ipc", &second, ImportId::new(2), audit("reference.replace", None)).await.expect("replace");
    assert_eq!(store.count_reference("ipc").await.expect("count"), 1, "the old edition is gone");
    assert_eq!(store.reference_in_class("ipc", 9).await.expect("class").len(), 1);
    assert_eq!(store.count_reference("similar_groups").await.expect("count"), 0, "tables are separate");

    let duplicate = [second[0].clone(), second[0].clone()];
    let refused = store.replace_reference("ipc", &duplicate, ImportId::new(3), audit("reference.replace", None)).await;
    assert!(refused.is_err());
    assert_eq!(store.count_reference("ipc").await.expect("count"), 1, "a failed replacement changes nothing");
}

async fn calendar_years_are_replaced_per_region_and_year(Subject { store, .. }: Subject) {
    use zhichan_domain::calendar::{CalendarYear, Holiday};
    use zhichan_domain::expertise::Region;

    let date = |text: &str| text.parse::<chrono::NaiveDate>().expect("date");
    let year = |region: Region, number: i32, holidays: &[(&str, &str)], source: &str| CalendarYear {
        region,
        year: number,
        holidays: holidays.iter().map(|&(day, name)| Holiday { date: date(day), name: name.into() }).collect(),
        adjusted_working_days: if region == Region::Mainland { vec![date(&format!("{number}-02-06"))] } else { vec![] },
        source: source.into(),
    };
    let mainland_2027 = year(Region::Mainland, 2027, &[("2027-02-06", "春节"), ("2027-02-07", "春节")], "first");
    let macau_2027 = year(Region::Macau, 2027, &[("2027-12-20", "澳門特別行政區成立紀念日")], "macau");
    let mainland_2028 = year(Region::Mainland, 2028, &[("2028-01-01", "元旦")], "next");
    for loaded in [&mainland_2028, &mainland_2027, &macau_2027] {
        store.put_calendar_year(loaded, audit("calendar.load", None)).await.expect("put");
    }
    assert_eq!(
        store.calendar_years(Region::Mainland).await.expect("years"),
        [mainland_2027.clone(), mainland_2028.clone()]
    );
    assert_eq!(store.calendar_years(Region::Macau).await.expect("years"), std::slice::from_ref(&macau_2027));
    assert!(store.calendar_years(Region::HongKong).await.expect("years").is_empty());

    let corrected = year(Region::Mainland, 2027, &[("2027-02-08", "春节")], "corrected");
    store.put_calendar_year(&corrected, audit("calendar.load", None)).await.expect("replace");
    assert_eq!(store.calendar_years(Region::Mainland).await.expect("years"), [corrected, mainland_2028]);
    assert_eq!(store.calendar_years(Region::Macau).await.expect("years"), [macau_2027], "other regions stay");
    let loads = AuditFilter { action_prefix: Some("calendar.".into()), ..AuditFilter::default() };
    assert_eq!(store.audit_events(&loads, Page::first(10)).await.expect("audit").len(), 4);
}

async fn batches_with_repeats_and_many_rows_behave_as_if_stored_one_by_one(Subject { store, .. }: Subject) {
    let import = store.start_import("test", None, at(8)).await.expect("start");
    let batch = [
        trademark("97100001", "filed", "A"),
        trademark("97100002", "filed", "B"),
        trademark("97100001", "registered", "A"),
        trademark("97100001", "registered", "A"),
    ];
    let outcome = store.store_records(import, &batch, at(8)).await.expect("store");
    assert_eq!((outcome.inserted, outcome.updated, outcome.unchanged), (2, 1, 1));
    let stored = store.record(&key("US", RecordKind::Trademark, "97100001")).await.expect("read").expect("exists");
    let stages: Vec<Option<&str>> = stored.history.iter().map(|h| h.status.as_deref()).collect();
    assert_eq!(stages, [Some("filed"), Some("registered")]);

    let many: Vec<_> = (0..1_234).map(|i| trademark(&format!("98{i:06}"), "filed", "BULK")).collect();
    let outcome = store.store_records(import, &many, at(9)).await.expect("store many");
    assert_eq!(outcome.inserted, 1_234);
    assert_eq!(store.count_records(RecordKind::Trademark).await.expect("count"), 1_236);
    let again = store.store_records(import, &many, at(10)).await.expect("store again");
    assert_eq!(again.unchanged, 1_234);
}

fn journal_numbers(changes: &[zhichan_domain::records::RecordChange]) -> Vec<String> {
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
    use zhichan_domain::search::NewSavedSearch;

    let org = store.create_organisation(&enterprise("Saver", None, ""), audit("org.create", None)).await.expect("org");
    let alice = new_user(&store, org.id, "alice@example.com", vec![]).await;
    let bob = new_user(&store, org.id, "bob@example.com", vec![]).await;
    let save = |user_id: UserId, name: &str, query: &str| NewSavedSearch {
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

fn watched_fields(label: &str, forms: &[&str]) -> zhichan_domain::watch::WatchedMarkFields {
    zhichan_domain::watch::WatchedMarkFields {
        label: label.to_owned(),
        forms: forms.iter().map(|f| f.to_string()).collect(),
        classes: [9, 11].into_iter().map(|c| zhichan_domain::NiceClass::new(c).expect("class")).collect(),
        offices: MarketCode::parse_list("US DE").expect("offices"),
    }
}

fn new_alert(org: OrgId, mark: WatchedMarkId, number: &str, risk: &str) -> zhichan_domain::watch::NewAlert {
    zhichan_domain::watch::NewAlert {
        organisation_id: org,
        watched_mark_id: Some(mark),
        patent_watch_id: None,
        filing: key("DE", RecordKind::Trademark, number),
        title: Some("HISENSE".into()),
        applicant: Some("Müller Elektro GmbH".into()),
        score: 0.97,
        risk: RiskLevel::parse(risk).expect("a risk level"),
        reasons: vec![AlertReason::Mark(MarkReason::Identical { mark: "HISENSE".into() })],
        opposition_deadline: chrono::NaiveDate::from_ymd_opt(2026, 9, 30),
        signals: vec![Signal::DeclaredParty {
            party_id: WatchPartyId::new(1),
            name: "Müller Elektro GmbH".into(),
            relation: PartyRelation::Distributor,
        }],
        recipients: Vec::new(),
    }
}

async fn watched_marks_and_parties_round_trip(Subject { store, .. }: Subject) {
    use zhichan_domain::watch::WatchPartyFields;

    let org = store
        .create_organisation(&enterprise("海信", None, "US"), audit("organisation.create", None))
        .await
        .expect("org");
    let other = store
        .create_organisation(&enterprise("格力", None, ""), audit("organisation.create", None))
        .await
        .expect("org");
    let user = new_user(&store, org.id, "w@example.cn", vec![Role::EnterpriseMember]).await;
    let fields = watched_fields("海信", &["海信", "HAIXIN", "HISENSE"]);
    let created = store
        .create_watched_mark(org.id, Some(user.id), &fields, audit("watched_mark.create", Some(org.id)))
        .await
        .expect("create");
    assert_eq!((created.forms.len(), created.classes.len(), created.created_by), (3, 2, Some(user.id)));
    assert_eq!(store.watched_mark(created.id).await.expect("read"), Some(created.clone()));
    let changed = watched_fields("Hisense", &["HISENSE"]);
    let updated = store
        .update_watched_mark(created.id, &changed, audit("watched_mark.update", Some(org.id)))
        .await
        .expect("update");
    assert_eq!((updated.label.as_str(), updated.forms.as_slice()), ("Hisense", ["HISENSE".to_string()].as_slice()));
    store
        .create_watched_mark(other.id, None, &fields, audit("watched_mark.create", Some(other.id)))
        .await
        .expect("create");
    assert_eq!(store.watched_marks(Some(org.id), Page::first(10)).await.expect("list").len(), 1);
    let all = store.watched_marks(None, Page::first(1)).await.expect("page 1");
    let rest = store.watched_marks(None, Page { after: Some(all[0].id.get()), limit: 10 }).await.expect("page 2");
    assert_eq!((all.len(), rest.len()), (1, 1));

    let party = WatchPartyFields { name: "Müller Elektro GmbH".into(), relation: PartyRelation::Distributor };
    let declared =
        store.create_watch_party(org.id, &party, audit("watch_party.create", Some(org.id))).await.expect("party");
    assert_eq!(declared.relation, PartyRelation::Distributor);
    let squatter = WatchPartyFields { name: "Schmidt Handel".into(), relation: PartyRelation::KnownSquatter };
    let renamed = store
        .update_watch_party(declared.id, &squatter, audit("watch_party.update", Some(org.id)))
        .await
        .expect("update");
    assert_eq!(renamed.relation, PartyRelation::KnownSquatter);
    assert_eq!(store.watch_parties(Some(org.id)).await.expect("list"), std::slice::from_ref(&renamed));
    assert_eq!(store.watch_parties(Some(other.id)).await.expect("list"), []);
    store.delete_watch_party(declared.id, audit("watch_party.delete", Some(org.id))).await.expect("delete");
    assert!(store.watch_party(declared.id).await.expect("read").is_none());
    assert!(matches!(
        store.delete_watch_party(declared.id, audit("watch_party.delete", Some(org.id))).await,
        Err(StoreError::NotFound("watch_party"))
    ));
    store.delete_watched_mark(created.id, audit("watched_mark.delete", Some(org.id))).await.expect("delete");
    assert!(store.watched_mark(created.id).await.expect("read").is_none());
    let missing = store.update_watched_mark(created.id, &changed, audit("watched_mark.update", Some(org.id))).await;
    assert!(matches!(missing, Err(StoreError::NotFound("watched_mark"))));
    let trail =
        AuditFilter { organisation_id: Some(org.id), action_prefix: Some("watch".into()), ..Default::default() };
    assert_eq!(
        store.audit_events(&trail, Page::first(50)).await.expect("audit").len(),
        6,
        "refused changes leave no entry"
    );
}

async fn alerts_are_raised_once_per_filing_and_move_the_watch_position(Subject { store, .. }: Subject) {
    let org = store
        .create_organisation(&enterprise("海信", None, "US"), audit("organisation.create", None))
        .await
        .expect("org");
    let mark = store
        .create_watched_mark(
            org.id,
            None,
            &watched_fields("海信", &["HISENSE"]),
            audit("watched_mark.create", Some(org.id)),
        )
        .await
        .expect("mark");
    assert_eq!(store.watch_position().await.expect("position"), 0);
    let batch = [
        (new_alert(org.id, mark.id, "302026000001", "high"), audit("alert.raise", Some(org.id))),
        (new_alert(org.id, mark.id, "302026000002", "medium"), audit("alert.raise", Some(org.id))),
    ];
    let raised = store.raise_alerts(0, 10, &batch, at(9)).await.expect("raise");
    assert_eq!(raised.len(), 2);
    assert_eq!(store.watch_position().await.expect("position"), 10);

    let stale = store.raise_alerts(0, 12, &batch[..1], at(10)).await;
    assert!(matches!(stale, Err(StoreError::Conflict { what: "watch_position" })), "{stale:?}");
    assert_eq!(store.watch_position().await.expect("position"), 10, "a stale run changes nothing");
    let again = store.raise_alerts(10, 12, &batch, at(10)).await.expect("raise again");
    assert!(again.is_empty(), "one alert per filing and watched mark");
    assert_eq!(store.watch_position().await.expect("position"), 12);

    let alert = store.alert(raised[0]).await.expect("read").expect("exists");
    assert_eq!(
        (alert.filing.number.as_str(), alert.risk, alert.status),
        ("302026000001", RiskLevel::High, AlertStatus::New)
    );
    assert_eq!(alert.opposition_deadline, chrono::NaiveDate::from_ymd_opt(2026, 9, 30));
    assert_eq!(alert.reasons, [AlertReason::Mark(MarkReason::Identical { mark: "HISENSE".into() })]);
    assert_eq!(alert.signals.len(), 1, "signals read back typed");
    assert!((alert.score - 0.97).abs() < 1e-9);
    let trail = AuditFilter { action_prefix: Some("alert.raise".into()), ..Default::default() };
    let entries = store.audit_events(&trail, Page::first(10)).await.expect("audit");
    assert_eq!(entries.len(), 2, "one entry per alert raised");
    assert!(entries.iter().any(|e| e.entry.target_id == Some(raised[0].to_string())));
}

async fn alerts_follow_their_workflow_with_notes_filters_and_paging(Subject { store, .. }: Subject) {
    use zhichan_domain::watch::AlertFilter;

    let org = store
        .create_organisation(&enterprise("海信", None, "US"), audit("organisation.create", None))
        .await
        .expect("org");
    let other = store
        .create_organisation(&enterprise("格力", None, ""), audit("organisation.create", None))
        .await
        .expect("org");
    let staff = new_user(&store, org.id, "staff@example.cn", vec![Role::Staff]).await;
    let mark = store
        .create_watched_mark(
            org.id,
            None,
            &watched_fields("海信", &["HISENSE"]),
            audit("watched_mark.create", Some(org.id)),
        )
        .await
        .expect("mark");
    let theirs = store
        .create_watched_mark(
            other.id,
            None,
            &watched_fields("格力", &["GREE"]),
            audit("watched_mark.create", Some(other.id)),
        )
        .await
        .expect("mark");
    let batch: Vec<_> = (0..5)
        .map(|i| {
            let (owner, watched) = if i == 4 { (other.id, theirs.id) } else { (org.id, mark.id) };
            let risk = if i % 2 == 0 { "high" } else { "medium" };
            (new_alert(owner, watched, &format!("3020260000{i:02}"), risk), audit("alert.raise", Some(owner)))
        })
        .collect();
    let ids = store.raise_alerts(0, 5, &batch, at(9)).await.expect("raise");

    let ours = AlertFilter { organisation_id: Some(org.id), ..Default::default() };
    let first = store.alerts(&ours, Page::first(2)).await.expect("page 1");
    assert_eq!(first.iter().map(|a| a.id).collect::<Vec<_>>(), [ids[3], ids[2]], "newest first");
    let next = store.alerts(&ours, Page { after: first.last().map(|a| a.id.get()), limit: 10 }).await.expect("page 2");
    assert_eq!(next.iter().map(|a| a.id).collect::<Vec<_>>(), [ids[1], ids[0]]);
    let high = AlertFilter { organisation_id: Some(org.id), risk: Some(RiskLevel::High), ..Default::default() };
    assert_eq!(store.alerts(&high, Page::first(10)).await.expect("high").len(), 2);
    assert_eq!(store.count_alerts(&high).await.expect("count"), 2);
    assert_eq!(store.count_alerts(&AlertFilter::default()).await.expect("count"), 5);
    let by_mark = AlertFilter { watched_mark_id: Some(theirs.id), ..Default::default() };
    assert_eq!(store.alerts(&by_mark, Page::first(10)).await.expect("mark")[0].id, ids[4]);
    let elsewhere = AlertFilter { office: OfficeCode::parse("US").ok(), ..Default::default() };
    assert!(store.alerts(&elsewhere, Page::first(10)).await.expect("office").is_empty());

    let reviewed = store
        .set_alert_status(
            ids[0],
            AlertStatus::New,
            AlertStatus::Reviewed,
            Some((staff.id, "distributor copy")),
            audit("alert.status", Some(org.id)),
        )
        .await
        .expect("review");
    assert_eq!(reviewed.status, AlertStatus::Reviewed);
    assert_eq!(
        reviewed.notes.iter().map(|n| (n.author_user_id, n.text.as_str())).collect::<Vec<_>>(),
        [(staff.id, "distributor copy")]
    );
    let stale = store
        .set_alert_status(ids[0], AlertStatus::New, AlertStatus::Dismissed, None, audit("alert.status", Some(org.id)))
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict { what: "alert_status" })), "{stale:?}");
    let missing = store
        .set_alert_status(
            AlertId::new(ids[4].get() + 100),
            AlertStatus::New,
            AlertStatus::Reviewed,
            None,
            audit("alert.status", None),
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound("alert"))));
    let assigned =
        store.assign_alert(ids[0], Some(staff.id), audit("alert.assign", Some(org.id))).await.expect("assign");
    assert_eq!(assigned.assignee_user_id, Some(staff.id));
    let noted = store
        .add_alert_note(ids[0], staff.id, "opposition drafted", audit("alert.note", Some(org.id)))
        .await
        .expect("note");
    assert_eq!(noted.notes.len(), 2);
    assert_eq!(noted.notes[1].text, "opposition drafted");
    let reviewed_only = AlertFilter { status: Some(AlertStatus::Reviewed), ..Default::default() };
    let listed = store.alerts(&reviewed_only, Page::first(10)).await.expect("status");
    assert_eq!((listed.len(), listed[0].notes.len()), (1, 2), "listings carry notes");
    assert!(store.alert(ids[1]).await.expect("read").expect("exists").notes.is_empty());

    store.delete_watched_mark(mark.id, audit("watched_mark.delete", Some(org.id))).await.expect("delete");
    assert!(store.alert(ids[0]).await.expect("read").is_none(), "alerts go with their watched mark");
}

async fn patent_watches_raise_their_own_alerts(Subject { store, .. }: Subject) {
    use zhichan_domain::watch::{AlertFilter, PatentWatchFields};

    let org = store
        .create_organisation(&enterprise("海信", None, "US"), audit("organisation.create", None))
        .await
        .expect("org");
    let fields = PatentWatchFields { label: "Rival".into(), query: "applicant:rival AND ipc:H04W*".into() };
    let watch = store
        .create_patent_watch(org.id, None, &fields, audit("patent_watch.create", Some(org.id)))
        .await
        .expect("create");
    assert_eq!(store.patent_watch(watch.id).await.expect("read"), Some(watch.clone()));
    let changed = PatentWatchFields { label: "Rival radios".into(), query: "applicant:rival".into() };
    let updated = store
        .update_patent_watch(watch.id, &changed, audit("patent_watch.update", Some(org.id)))
        .await
        .expect("update");
    assert_eq!(updated.query, "applicant:rival");
    assert_eq!(store.patent_watches(Some(org.id)).await.expect("list"), std::slice::from_ref(&updated));
    assert!(store.patent_watches(Some(OrgId::new(org.id.get() + 1000))).await.expect("list").is_empty());

    let mark = store
        .create_watched_mark(
            org.id,
            None,
            &watched_fields("海信", &["HISENSE"]),
            audit("watched_mark.create", Some(org.id)),
        )
        .await
        .expect("mark");
    let mut patent = new_alert(org.id, mark.id, "EP4000001A1", "medium");
    (patent.watched_mark_id, patent.patent_watch_id, patent.filing.kind) = (None, Some(watch.id), RecordKind::Patent);
    let trademark = new_alert(org.id, mark.id, "EP4000001A1", "high");
    let batch = [(patent.clone(), audit("alert.raise", Some(org.id))), (trademark, audit("alert.raise", Some(org.id)))];
    let ids = store.raise_alerts(0, 3, &batch, at(9)).await.expect("raise");
    assert_eq!(ids.len(), 2, "the same number under a watched mark and a patent watch are two alerts");
    assert!(store.raise_alerts(3, 4, &batch[..1], at(9)).await.expect("again").is_empty(), "once per watch");
    let mut neither = patent.clone();
    neither.patent_watch_id = None;
    assert!(store.raise_alerts(4, 5, &[(neither, audit("alert.raise", Some(org.id)))], at(9)).await.is_err());
    assert_eq!(store.watch_position().await.expect("position"), 4, "a refused batch moves nothing");

    let patents = AlertFilter { kind: Some(RecordKind::Patent), ..Default::default() };
    let listed = store.alerts(&patents, Page::first(10)).await.expect("patents");
    assert_eq!(
        listed.iter().map(|a| (a.patent_watch_id, a.watched_mark_id)).collect::<Vec<_>>(),
        [(Some(watch.id), None)]
    );
    let by_watch = AlertFilter { patent_watch_id: Some(watch.id), ..Default::default() };
    assert_eq!(store.alerts(&by_watch, Page::first(10)).await.expect("by watch").len(), 1);
    store.delete_patent_watch(watch.id, audit("patent_watch.delete", Some(org.id))).await.expect("delete");
    assert!(store.alert(ids[0]).await.expect("read").is_none(), "alerts go with their patent watch");
    assert!(matches!(
        store.delete_patent_watch(watch.id, audit("patent_watch.delete", Some(org.id))).await,
        Err(StoreError::NotFound("patent_watch"))
    ));
}

async fn alerts_queue_their_notifications_until_sent(Subject { store, .. }: Subject) {
    use zhichan_domain::notify::{DeliveryOutcome, DeliveryStatus, Notice};

    let org = store
        .create_organisation(&enterprise("海信", None, "US"), audit("organisation.create", None))
        .await
        .expect("org");
    let hook = store
        .create_webhook(org.id, None, "https://erp.example.cn/hooks", "s3cret", audit("webhook.create", Some(org.id)))
        .await
        .expect("webhook");
    assert_eq!((store.webhook(hook.id).await.expect("read").expect("exists").secret.as_str()), "s3cret");
    assert_eq!(store.webhooks(Some(org.id)).await.expect("list").len(), 1);
    assert!(store.webhooks(Some(OrgId::new(org.id.get() + 1000))).await.expect("list").is_empty());
    let mark = store
        .create_watched_mark(
            org.id,
            None,
            &watched_fields("海信", &["HISENSE"]),
            audit("watched_mark.create", Some(org.id)),
        )
        .await
        .expect("mark");
    let mut alert = new_alert(org.id, mark.id, "302026000777", "high");
    alert.recipients =
        vec![Recipient::Email { address: "ip@hisense.example".into() }, Recipient::Webhook { webhook_id: hook.id }];
    let ids =
        store.raise_alerts(0, 1, &[(alert.clone(), audit("alert.raise", Some(org.id)))], at(9)).await.expect("raise");
    assert!(
        store
            .raise_alerts(1, 2, &[(alert, audit("alert.raise", Some(org.id)))], at(9))
            .await
            .expect("again")
            .is_empty()
    );

    let due = store.due_deliveries(at(9), 10).await.expect("due");
    assert_eq!(due.len(), 2, "one per recipient, queued once with the alert");
    assert!(due.iter().all(|d| d.notice == Notice::Alert { alert_id: ids[0] }
        && d.status == DeliveryStatus::Pending
        && d.attempts == 0));
    assert!(store.due_deliveries(at(8), 10).await.expect("due").is_empty(), "not due before it was queued");
    let (mail, hook_delivery) = (&due[0], &due[1]);
    assert!(matches!(&mail.recipient, Recipient::Email { address } if address == "ip@hisense.example"));
    store.record_delivery(mail.id, &DeliveryOutcome::Sent, at(10)).await.expect("sent");
    let retry = DeliveryOutcome::Retry { error: "connection refused".into(), at: at(12) };
    store.record_delivery(hook_delivery.id, &retry, at(10)).await.expect("retry");
    assert!(store.due_deliveries(at(11), 10).await.expect("due").is_empty());
    let later = store.due_deliveries(at(12), 10).await.expect("due");
    assert_eq!((later.len(), later[0].attempts, later[0].last_error.as_deref()), (1, 1, Some("connection refused")));
    store.record_delivery(mail.id, &DeliveryOutcome::GiveUp { error: "late".into() }, at(12)).await.expect("no-op");
    let listed = store.alert_deliveries(ids[0]).await.expect("list");
    assert_eq!(
        listed.iter().map(|d| (d.status, d.sent_at)).collect::<Vec<_>>(),
        [(DeliveryStatus::Sent, Some(at(10))), (DeliveryStatus::Pending, None)],
        "a sent delivery stays sent"
    );
    store.delete_webhook(hook.id, audit("webhook.delete", Some(org.id))).await.expect("delete");
    assert_eq!(store.alert_deliveries(ids[0]).await.expect("list").len(), 1, "queued requests go with their webhook");
    assert!(matches!(
        store.delete_webhook(hook.id, audit("webhook.delete", Some(org.id))).await,
        Err(StoreError::NotFound("webhook"))
    ));
}

async fn trademarks_are_found_by_title_ignoring_case(Subject { store, .. }: Subject) {
    let import = store.start_import("test", None, at(8)).await.expect("start");
    let mut owned = trademark("4", "filed", "HISENSE");
    if let zhichan_domain::records::Record::Trademark(mark) = &mut owned {
        let party = |name: &str| zhichan_domain::records::Party { name: name.into(), ..Default::default() };
        mark.owners = vec![party("Acme Ltd"), party("Hisense Co")];
    }
    let marks = [
        trademark("1", "registered", "Hisense"),
        trademark("2", "filed", "海信"),
        trademark("3", "filed", "HISENSE PRO"),
        owned,
    ];
    store.store_records(import, &marks, at(8)).await.expect("store");
    let anyone = |_: &str| true;
    let found = store.trademarks_titled(&["hisense".into(), "海信".into()], &anyone, 10).await.expect("titled");
    assert_eq!(
        journal_numbers(
            &found
                .into_iter()
                .map(|record| zhichan_domain::records::RecordChange { seq: 0, record })
                .collect::<Vec<_>>()
        ),
        ["1", "2", "4"]
    );
    assert!(store.trademarks_titled(&[], &anyone, 10).await.expect("none").is_empty());
    assert_eq!(store.trademarks_titled(&["hisense".into()], &anyone, 0).await.expect("limit").len(), 0);
    let acme = |owners: &str| owners == "Acme Ltd; Hisense Co";
    let found = store.trademarks_titled(&["hisense".into()], &acme, 10).await.expect("owners");
    assert_eq!(found.len(), 1, "only the record whose owners pass, which sees them joined");
    assert!(matches!(&found[0], zhichan_domain::records::Record::Trademark(mark) if mark.application_number == "4"));
}

/// A mediation between two enterprises, at the first station (the centre).
async fn new_mediation(store: &Arc<dyn Store>, applicant: OrgId, respondent: OrgId) -> zhichan_domain::case::Case {
    use zhichan_domain::case::{CaseEventBody, CaseKind, CaseParty, NewCase, NewCaseEvent, PartySide};
    let stations = store.stations().await.expect("stations");
    let party =
        |side, id: OrgId| CaseParty { side, organisation_id: Some(id), name: format!("org {id}"), region: None };
    let case = NewCase {
        kind: CaseKind::Mediation,
        title: "经销商抢注商标".into(),
        summary: "前经销商在香港申请注册我司商标".into(),
        station_id: stations[0].id,
        parties: vec![party(PartySide::Applicant, applicant), party(PartySide::Respondent, respondent)],
        particulars: Default::default(),
        alert_ids: vec![],
        opened_by: None,
    };
    let first = NewCaseEvent::new(None, CaseEventBody::Opened { state: CaseKind::Mediation.initial() });
    let deadline = zhichan_domain::case::NewCaseDeadline {
        kind: zhichan_domain::case::DeadlineKind::Target,
        label: "mediation_30_days".into(),
        due: chrono::NaiveDate::from_ymd_opt(2026, 12, 25).expect("date"),
        alert_id: None,
    };
    let notify = [Recipient::Email { address: format!("ip@{applicant}.example") }];
    store
        .open_case(&case, &first, &[deadline], &notify, at(9), audit("case.open", Some(applicant)))
        .await
        .expect("open case")
}

async fn two_enterprises(store: &Arc<dyn Store>) -> (OrgId, OrgId) {
    let a = store.create_organisation(&enterprise("海鹰", None, "US"), audit("organisation.create", None)).await;
    let b = store.create_organisation(&enterprise("港通", None, "HK"), audit("organisation.create", None)).await;
    (a.expect("a").id, b.expect("b").id)
}

async fn cases_open_move_and_chain_their_history(Subject { store, .. }: Subject) {
    use zhichan_domain::case::{CaseChange, CaseEventBody, CaseState, NewCaseEvent, Visibility, chain};
    let stations = store.stations().await.expect("stations");
    assert_eq!(stations.len(), 11, "the centre and ten park windows");
    assert_eq!(stations[0].kind, zhichan_domain::station::StationKind::Centre);

    let (a, b) = two_enterprises(&store).await;
    let case = new_mediation(&store, a, b).await;
    assert_eq!((case.state, case.parties.len(), case.closed_at), (CaseState::Applied, 2, None));
    assert_eq!(case.parties[1].organisation_id, Some(b));

    let mut change = CaseChange::new(CaseState::Applied, at(10));
    change.state = Some(CaseState::Accepted);
    change.events.push(NewCaseEvent::new(
        None,
        CaseEventBody::Transition { from: CaseState::Applied, to: CaseState::Accepted, outcome: None, reason: None },
    ));
    change.events.push(NewCaseEvent::new(None, CaseEventBody::Note { text: "内部备注".into() }));
    let moved = store.change_case(case.id, &change, audit("case.transition", Some(a))).await.expect("move");
    assert_eq!((moved.state, moved.state_since), (CaseState::Accepted, at(10)));

    let parties_view = store.case_events(case.id, false).await.expect("history");
    assert_eq!(parties_view.len(), 2, "the note is internal");
    let full = store.case_events(case.id, true).await.expect("history");
    assert_eq!(full.len(), 3);
    assert_eq!((full[2].visibility, full[2].seq), (Visibility::Internal, 3));
    assert_eq!(chain::verify(&store.case_chain(case.id).await.expect("chain")), Ok(3));

    let mut close = CaseChange::new(CaseState::Accepted, at(11));
    close.state = Some(CaseState::Failed);
    let failed = store.change_case(case.id, &close, audit("case.transition", Some(a))).await.expect("fail");
    assert_eq!(failed.closed_at, None, "failed still closes through `closed`");
    let mut close = CaseChange::new(CaseState::Failed, at(12));
    close.state = Some(CaseState::Closed);
    close.met = store.case_deadlines(case.id).await.expect("deadlines").iter().map(|d| d.id).collect();
    let closed = store.change_case(case.id, &close, audit("case.transition", Some(a))).await.expect("close");
    assert_eq!(closed.closed_at, Some(at(12)));
    assert_eq!(store.case_deadlines(case.id).await.expect("deadlines")[0].met_at, Some(at(12)));
}

async fn case_changes_queue_their_notifications_and_reminders_once(Subject { store, .. }: Subject) {
    use zhichan_domain::case::{CaseChange, CaseEventBody, CaseState, NewCaseEvent};
    use zhichan_domain::notify::{DeliveryStatus, Notice};
    let (a, b) = two_enterprises(&store).await;
    let hook = store
        .create_webhook(b, None, "https://erp.example.hk/hooks", "s3cret", audit("webhook.create", Some(b)))
        .await
        .expect("webhook");
    let case = new_mediation(&store, a, b).await;
    let opened = store.case_deliveries(case.id).await.expect("deliveries");
    let first = store.case_events(case.id, true).await.expect("history")[0].id;
    assert_eq!(opened.len(), 1, "the opening is announced to the recipients given");
    assert_eq!(opened[0].notice, Notice::Case { case_id: case.id, event_id: first });

    let mut change = CaseChange::new(CaseState::Applied, at(10));
    change.state = Some(CaseState::Accepted);
    change.events.push(NewCaseEvent::new(None, CaseEventBody::Note { text: "内部备注".into() }));
    change.events.push(NewCaseEvent::new(
        None,
        CaseEventBody::Transition { from: CaseState::Applied, to: CaseState::Accepted, outcome: None, reason: None },
    ));
    change.notify =
        vec![Recipient::Email { address: "legal@b.example".into() }, Recipient::Webhook { webhook_id: hook.id }];
    store.change_case(case.id, &change, audit("case.transition", Some(b))).await.expect("move");
    let events = store.case_events(case.id, true).await.expect("history");
    let moved = store.case_deliveries(case.id).await.expect("deliveries");
    assert_eq!(moved.len(), 3, "the transition to each recipient; the internal note to nobody");
    assert!(moved[1..].iter().all(|d| d.notice == Notice::Case { case_id: case.id, event_id: events[2].id }));
    assert!(moved.iter().all(|d| d.status == DeliveryStatus::Pending));

    let deadline = store.case_deadlines(case.id).await.expect("deadlines")[0].id;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 22).expect("date");
    let to = [Recipient::Email { address: "legal@b.example".into() }];
    assert!(store.queue_reminder(case.id, deadline, day, &to, at(11)).await.expect("remind"));
    assert!(!store.queue_reminder(case.id, deadline, day, &to, at(12)).await.expect("again"), "queued once");
    let all = store.case_deliveries(case.id).await.expect("deliveries");
    assert_eq!(all.len(), 4);
    assert_eq!(all[3].notice, Notice::Reminder { case_id: case.id, deadline_id: deadline, day });
    assert_eq!(store.due_deliveries(at(12), 50).await.expect("due").len(), 4, "reminders share the queue");
}

async fn case_changes_apply_only_to_the_state_they_were_decided_on(Subject { store, .. }: Subject) {
    use zhichan_domain::case::{CaseChange, CaseId, CaseState};
    let (a, b) = two_enterprises(&store).await;
    let case = new_mediation(&store, a, b).await;
    let mut accept = CaseChange::new(CaseState::Applied, at(10));
    accept.state = Some(CaseState::Accepted);
    store.change_case(case.id, &accept, audit("case.transition", Some(a))).await.expect("first");
    let stale = store.change_case(case.id, &accept, audit("case.transition", Some(a))).await;
    assert!(matches!(stale, Err(StoreError::Conflict { what: "case_state" })), "{stale:?}");
    let missing = store.change_case(CaseId::new(999), &accept, audit("case.transition", Some(a))).await;
    assert!(matches!(missing, Err(StoreError::NotFound("case"))), "{missing:?}");
    let trail = AuditFilter { action_prefix: Some("case.transition".into()), ..Default::default() };
    assert_eq!(
        store.audit_events(&trail, Page::first(10)).await.expect("audit").len(),
        1,
        "refused changes leave no entry"
    );
}

async fn case_listings_are_scoped_and_deadlines_follow_open_cases(Subject { store, .. }: Subject) {
    use zhichan_domain::case::{CaseFilter, CaseKind, CaseState};
    let (a, b) = two_enterprises(&store).await;
    let c = store
        .create_organisation(&enterprise("远方", None, "DE"), audit("organisation.create", None))
        .await
        .expect("c")
        .id;
    let first = new_mediation(&store, a, b).await;
    let second = new_mediation(&store, c, a).await;
    let of = |organisation: OrgId| CaseFilter { party_organisation_id: Some(organisation), ..Default::default() };
    let ids = |cases: Vec<zhichan_domain::case::Case>| cases.iter().map(|case| case.id).collect::<Vec<_>>();
    assert_eq!(ids(store.cases(&of(a), Page::first(10)).await.expect("list")), [second.id, first.id]);
    assert_eq!(ids(store.cases(&of(b), Page::first(10)).await.expect("list")), [first.id]);
    assert_eq!(store.count_cases(&of(c)).await.expect("count"), 1);
    let paged = store.cases(&of(a), Page { after: Some(second.id.get()), limit: 10 }).await.expect("page");
    assert_eq!(ids(paged), [first.id]);
    let kind = CaseFilter { kind: Some(CaseKind::Consultation), ..Default::default() };
    assert_eq!(store.count_cases(&kind).await.expect("count"), 0);
    let state = CaseFilter { state: Some(CaseState::Applied), open: Some(true), ..Default::default() };
    assert_eq!(store.count_cases(&state).await.expect("count"), 2);
    let closed = CaseFilter { open: Some(false), ..Default::default() };
    assert_eq!(store.count_cases(&closed).await.expect("count"), 0);

    let until = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
    let due = store.due_cases(&of(b), until).await.expect("due");
    assert_eq!(due.len(), 1);
    assert_eq!((due[0].case.id, due[0].deadline.label.as_str()), (first.id, "mediation_30_days"));
    let early = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    assert!(store.due_cases(&of(b), early).await.expect("due").is_empty(), "not yet due");
}

async fn a_direct_edit_of_case_history_breaks_the_chain(Subject { store, url, .. }: Subject) {
    use sqlx::Connection;
    use zhichan_domain::case::{CaseChange, CaseEventBody, CaseState, NewCaseEvent, chain};
    let (a, b) = two_enterprises(&store).await;
    let case = new_mediation(&store, a, b).await;
    let mut change = CaseChange::new(CaseState::Applied, at(10));
    change.events.push(NewCaseEvent::new(None, CaseEventBody::Message { text: "同意调解".into() }));
    change.events.push(NewCaseEvent::new(None, CaseEventBody::Message { text: "请安排时间".into() }));
    store.change_case(case.id, &change, audit("case.entry", Some(a))).await.expect("messages");
    assert_eq!(chain::verify(&store.case_chain(case.id).await.expect("chain")), Ok(3));

    let forge = "UPDATE case_events SET body = replace(body, '同意调解', '拒绝调解') WHERE seq = 2";
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("connect");
        sqlx::query(forge).execute(&mut conn).await.expect("edit");
    } else {
        let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
        sqlx::query(forge).execute(&mut conn).await.expect("edit");
    }
    let broken = chain::verify(&store.case_chain(case.id).await.expect("chain"));
    assert_eq!(broken, Err(chain::Broken::Altered { seq: 2 }));
}
