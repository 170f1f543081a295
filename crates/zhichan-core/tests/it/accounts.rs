//! Signing in, throttling, tokens and the demo world.

use zhichan_core::demo::DEMO_PASSWORD;
use zhichan_core::{CoreError, CoreSettings, RequestContext};
use zhichan_domain::{AuditFilter, Page, Role};

use crate::core_with;

fn from(ip: &str) -> RequestContext {
    RequestContext { ip: Some(ip.into()), user_agent: Some("test".into()) }
}

#[tokio::test]
async fn first_administrator_signs_in_and_is_audited() {
    let (core, _dir) = core_with(CoreSettings::default()).await;
    assert!(!core.has_admin().await.unwrap());
    let admin = core.create_administrator("Root@Example.cn", "管理员", "a-long-secret-1").await.unwrap();
    assert_eq!(admin.roles, [Role::Admin]);
    assert!(core.has_admin().await.unwrap());

    let opened = core.sign_in("root@example.cn", "a-long-secret-1", &from("10.1.1.1")).await.unwrap();
    let actor = core.session_actor(&opened.secret).await.unwrap().expect("valid session");
    assert_eq!(actor.user_id(), admin.id);
    assert!(core.session_actor("not-a-session").await.unwrap().is_none());

    core.sign_out(&actor, &opened.secret, &from("10.1.1.1")).await.unwrap();
    assert!(core.session_actor(&opened.secret).await.unwrap().is_none());

    let trail = core.store().audit_events(&AuditFilter::default(), Page::first(20)).await.unwrap();
    let actions: Vec<&str> = trail.iter().rev().map(|e| e.entry.action.as_str()).collect();
    assert_eq!(actions, ["organisation.create", "user.create", "session.create", "session.delete"]);
    assert_eq!(trail[1].entry.ip.as_deref(), Some("10.1.1.1"));
}

#[tokio::test]
async fn wrong_passwords_are_refused_alike_then_throttled() {
    let settings = CoreSettings { login_attempts: 2, ..CoreSettings::default() };
    let (core, _dir) = core_with(settings).await;
    core.create_administrator("root@example.cn", "管理员", "a-long-secret-1").await.unwrap();

    let wrong = core.sign_in("root@example.cn", "wrong-password", &from("10.0.0.1")).await;
    let unknown = core.sign_in("ghost@example.cn", "wrong-password", &from("10.0.0.1")).await;
    assert!(matches!(wrong, Err(CoreError::InvalidCredentials)));
    assert!(matches!(unknown, Err(CoreError::InvalidCredentials)), "unknown addresses look the same");

    core.sign_in("root@example.cn", "wrong-again", &from("10.0.0.2")).await.unwrap_err();
    let throttled = core.sign_in("root@example.cn", "a-long-secret-1", &from("10.0.0.3")).await;
    assert!(matches!(throttled, Err(CoreError::TooManyAttempts { retry_after_secs }) if retry_after_secs > 0));

    let refused = AuditFilter { action_prefix: Some("session.refused".into()), ..Default::default() };
    assert_eq!(core.store().audit_events(&refused, Page::first(10)).await.unwrap().len(), 3);
}

#[tokio::test]
async fn api_tokens_work_until_revoked() {
    let (core, _dir) = core_with(CoreSettings::default()).await;
    let admin = core.create_administrator("root@example.cn", "管理员", "a-long-secret-1").await.unwrap();
    let actor = zhichan_core::Actor::new(admin);
    let created = core.create_api_token(&actor, "ERP 集成", &RequestContext::cli()).await.unwrap();
    assert!(created.secret.starts_with("zc_") && created.secret.len() == 43);
    assert!(created.secret.starts_with(&created.token.token_prefix));
    assert_eq!(core.token_actor(&created.secret).await.unwrap().map(|a| a.user_id()), Some(actor.user_id()));
    assert!(core.token_actor("zc_0000").await.unwrap().is_none());

    core.revoke_api_token(&actor, created.token.id, &RequestContext::cli()).await.unwrap();
    assert!(core.token_actor(&created.secret).await.unwrap().is_none());
    let again = core.revoke_api_token(&actor, created.token.id, &RequestContext::cli()).await;
    assert!(matches!(again, Err(CoreError::NotFound(_))));
}

#[tokio::test]
async fn demo_world_is_seeded_once_and_every_login_works() {
    let (core, _dir) = core_with(CoreSettings::default()).await;
    let logins = core.seed_demo().await.unwrap();
    let again = core.seed_demo().await.unwrap();
    assert_eq!(logins.len(), again.len());
    assert!(logins.len() >= 8);
    for login in &logins {
        let opened = core.sign_in(login.email, DEMO_PASSWORD, &from("127.0.0.1")).await.unwrap();
        assert_eq!(opened.user.roles, login.roles);
    }
    let organisations = core.store().organisations(&Default::default(), Page::first(50)).await.unwrap();
    assert_eq!(organisations.len(), 11, "centre, four enterprises, one expert panel, five providers");
    assert!(organisations.iter().filter(|o| o.profile.uscc.is_some()).count() == 4);
}

#[tokio::test]
async fn the_demo_has_live_cases_of_every_kind_with_its_experts_assigned() {
    use zhichan_core::case::CaseQuery;
    use zhichan_domain::case::CaseKind;
    let (core, _dir) = core_with(CoreSettings::default()).await;
    core.seed_demo().await.unwrap();
    core.seed_demo().await.unwrap();
    let actor = |email: &str| {
        let core = core.clone();
        let email = email.to_owned();
        async move { zhichan_core::Actor::new(core.sign_in(&email, DEMO_PASSWORD, &from("127.0.0.1")).await.unwrap().user) }
    };
    let staff = actor("staff@zhichan.demo").await;
    let all = core.cases(&staff, &CaseQuery::default(), Page::first(100)).await.unwrap().cases;
    assert_eq!(all.len(), 9, "seeded once");
    for &kind in CaseKind::ALL {
        assert!(all.iter().any(|case| case.kind == kind && !case.is_closed()), "a live {kind} case");
    }
    assert!(all.iter().any(|case| case.is_closed()), "and a settled one");
    let mediator = actor("wong.kawai@experts.demo").await;
    let hers = core.work_queue(&mediator).await.unwrap();
    assert!(hers.cases.len() >= 2, "the Hong Kong mediator's home has her cases");
    assert!(!hers.upcoming.is_empty(), "with their next deadlines");
    let enterprise = actor("chen.jing@haiying.demo").await;
    let own = core.cases(&enterprise, &CaseQuery::default(), Page::first(100)).await.unwrap().cases;
    assert!(own.len() >= 3 && own.iter().all(|case| case.parties[0].name.contains("海鹰")));
}
