//! The directory through its use cases, in the demo world: who sees and edits what, declared
//! ties, matching a case to candidates and the conflict check before an appointment.

use chrono::Utc;
use zhichan_core::directory::{
    AffiliationInput, ExpertProfileInput, ExpertQuery, MatchInput, PartyInput, ProviderProfileInput, ProviderQuery,
};
use zhichan_core::organisations::MemberInput;
use zhichan_core::{Actor, Core, CoreError, CoreSettings, RequestContext};
use zhichan_domain::case::{CaseParty, PartySide};
use zhichan_domain::directory::{ConflictLevel, MatchReason, Tie};
use zhichan_domain::expertise::{Language, Region};
use zhichan_domain::{AuditFilter, OrgId, OrganisationFilter, Page, Role};

use crate::core_with;

async fn actor(core: &Core, email: &str) -> Actor {
    Actor::new(core.store().user_credentials(email).await.unwrap().expect("a demo account").user)
}

async fn organisation(core: &Core, name: &str) -> OrgId {
    let filter = OrganisationFilter { name_contains: Some(name.into()), ..Default::default() };
    core.store().organisations(&filter, Page::first(1)).await.unwrap()[0].id
}

fn names(profiles: &[zhichan_domain::directory::ExpertProfile]) -> Vec<&str> {
    profiles.iter().map(|p| p.display_name.as_str()).collect()
}

#[tokio::test]
async fn everyone_finds_experts_and_only_they_and_the_centre_change_them() {
    let (core, _dir) = core_with(CoreSettings::default()).await;
    core.seed_demo().await.unwrap();
    let enterprise = actor(&core, "chen.jing@haiying.demo").await;
    let hong_kong = actor(&core, "wong.kawai@experts.demo").await;
    let macau = actor(&core, "leong.ioman@experts.demo").await;
    let staff = actor(&core, "staff@zhichan.demo").await;
    let cli = RequestContext::cli();

    let query = |role: &str, language: &str| ExpertQuery {
        role: Some(role.into()),
        language: Some(language.into()),
        ..ExpertQuery::default()
    };
    let mediators = core.experts(&enterprise, &query("mediator", ""), Page::first(50)).await.unwrap();
    assert_eq!(names(&mediators), ["黃嘉慧 (Hong Kong)", "梁耀文 (Macau)", "王芳"]);
    let portuguese = core.experts(&enterprise, &query("mediator", "portuguese"), Page::first(50)).await.unwrap();
    assert_eq!(names(&portuguese), ["梁耀文 (Macau)"]);
    let refused = core.experts(&enterprise, &query("staff", ""), Page::first(50)).await;
    assert!(matches!(refused, Err(CoreError::Invalid(i)) if i.field == "role"));

    let seen = core.expert(&enterprise, hong_kong.user_id()).await.unwrap();
    assert_eq!((seen.region, seen.accepting), (Region::HongKong, true));
    assert!(matches!(core.expert(&enterprise, enterprise.user_id()).await, Err(CoreError::NotFound("expert"))));

    let input = ExpertProfileInput {
        region: "hong_kong".into(),
        fields: vec!["trademarks".into()],
        languages: vec!["cantonese".into(), "english".into()],
        bio: "暂停接案。".into(),
        accepting: false,
    };
    let saved = core.update_expert_profile(&hong_kong, &cli, hong_kong.user_id(), &input).await.unwrap();
    assert!(!saved.accepting);
    let by_other = core.update_expert_profile(&macau, &cli, hong_kong.user_id(), &input).await;
    assert!(matches!(by_other, Err(CoreError::Forbidden)));
    let by_enterprise = core.update_expert_profile(&enterprise, &cli, hong_kong.user_id(), &input).await;
    assert!(matches!(by_enterprise, Err(CoreError::Forbidden)));
    assert!(core.update_expert_profile(&staff, &cli, hong_kong.user_id(), &input).await.is_ok());
    let bad = ExpertProfileInput { languages: vec![], ..input.clone() };
    let refused = core.update_expert_profile(&hong_kong, &cli, hong_kong.user_id(), &bad).await;
    assert!(matches!(refused, Err(CoreError::Invalid(i)) if i.field == "languages"));

    // A new mediator sees their profile not filled in yet; nobody else sees it or finds it.
    let admin = actor(&core, "admin@zhichan.demo").await;
    let panel = organisation(&core, "粤港澳知识产权专家服务团").await;
    let member = MemberInput {
        email: "new.mediator@experts.demo".into(),
        display_name: "新调解员".into(),
        password: "a-long-secret-1".into(),
        roles: vec!["mediator".into()],
    };
    core.add_member(&admin, panel, &member, &cli).await.unwrap();
    let newcomer = actor(&core, "new.mediator@experts.demo").await;
    let unfilled = core.expert(&newcomer, newcomer.user_id()).await.unwrap();
    assert!(!unfilled.is_filled() && unfilled.roles == [Role::Mediator]);
    assert!(matches!(core.expert(&enterprise, newcomer.user_id()).await, Err(CoreError::NotFound(_))));
    let listed = core.experts(&staff, &ExpertQuery::default(), Page::first(200)).await.unwrap();
    assert!(!listed.iter().any(|p| p.user_id == newcomer.user_id()));

    let trail = AuditFilter { action_prefix: Some("expert".into()), ..Default::default() };
    let entries = core.store().audit_events(&trail, Page::first(50)).await.unwrap();
    assert_eq!(entries[0].entry.actor_user_id, Some(staff.user_id()), "the newest change is the staff member's");
}

#[tokio::test]
async fn affiliations_are_the_experts_and_the_centres_alone() {
    let (core, _dir) = core_with(CoreSettings::default()).await;
    core.seed_demo().await.unwrap();
    let enterprise = actor(&core, "chen.jing@haiying.demo").await;
    let expert = actor(&core, "wang.fang@experts.demo").await;
    let colleague = actor(&core, "zhang.wei@experts.demo").await;
    let staff = actor(&core, "staff@zhichan.demo").await;
    let cli = RequestContext::cli();

    let hidden = core.affiliations(&enterprise, colleague.user_id()).await;
    assert!(matches!(hidden, Err(CoreError::NotFound("affiliation"))));
    let declared = core.affiliations(&staff, colleague.user_id()).await.unwrap();
    assert_eq!(declared.iter().map(|a| a.tie).collect::<Vec<_>>(), [Tie::Officer]);

    let haiying = organisation(&core, "深圳市海鹰电子科技有限公司").await;
    let input = AffiliationInput {
        organisation_id: Some(haiying),
        party_name: "深圳市海鹰电子科技有限公司".into(),
        tie: "adviser".into(),
        since: "2025-01-01".into(),
        until: String::new(),
        note: "常年法律顾问。".into(),
    };
    let added = core.add_affiliation(&expert, &cli, expert.user_id(), &input).await.unwrap();
    assert_eq!((added.tie, added.organisation_id), (Tie::Adviser, Some(haiying)));
    let by_other = core.add_affiliation(&colleague, &cli, expert.user_id(), &input).await;
    assert!(matches!(by_other, Err(CoreError::NotFound("affiliation"))));
    let unknown = AffiliationInput { organisation_id: Some(OrgId::new(9_999)), ..input.clone() };
    let refused = core.add_affiliation(&expert, &cli, expert.user_id(), &unknown).await;
    assert!(matches!(refused, Err(CoreError::Invalid(i)) if i.field == "organisation_id"));

    // The enterprise the tie names does not learn of it from its audit trail.
    let own_trail = core.audit_events(&enterprise, Default::default(), Page::first(200)).await.unwrap();
    assert!(!own_trail.iter().any(|e| e.entry.action.starts_with("affiliation.")));

    let through_other = core.remove_affiliation(&colleague, &cli, colleague.user_id(), added.id).await;
    assert!(matches!(through_other, Err(CoreError::NotFound("affiliation"))), "another expert's tie is not theirs");
    core.remove_affiliation(&staff, &cli, expert.user_id(), added.id).await.unwrap();
    assert!(core.affiliations(&expert, expert.user_id()).await.unwrap().is_empty());
}

#[tokio::test]
async fn providers_are_listed_for_all_and_kept_by_the_centre() {
    let (core, _dir) = core_with(CoreSettings::default()).await;
    core.seed_demo().await.unwrap();
    let enterprise = actor(&core, "chen.jing@haiying.demo").await;
    let staff = actor(&core, "staff@zhichan.demo").await;
    let cli = RequestContext::cli();

    let all = core.providers(&enterprise, &ProviderQuery::default(), Page::first(50)).await.unwrap();
    assert_eq!(all.len(), 5);
    let query = ProviderQuery { region: Some("macau".into()), ..ProviderQuery::default() };
    let macau = core.providers(&enterprise, &query, Page::first(50)).await.unwrap();
    assert_eq!(macau.iter().map(|p| p.name_zh.as_str()).collect::<Vec<_>>(), ["港澳聯合律師行（示例）"]);
    let query = ProviderQuery { office: Some("EP".into()), ..ProviderQuery::default() };
    assert_eq!(core.providers(&enterprise, &query, Page::first(50)).await.unwrap().len(), 2);

    let firm = macau[0].organisation_id;
    assert_eq!(core.provider(&enterprise, firm).await.unwrap(), macau[0]);
    let input = ProviderProfileInput {
        kinds: vec!["law_firm".into()],
        offices: vec!["HK".into(), "MO".into()],
        languages: vec!["cantonese".into(), "portuguese".into()],
        regions: vec!["hong_kong".into(), "macau".into()],
        contact: "澳門（示例地址）".into(),
    };
    let refused = core.update_provider_profile(&enterprise, &cli, firm, &input).await;
    assert!(matches!(refused, Err(CoreError::Forbidden)));
    let saved = core.update_provider_profile(&staff, &cli, firm, &input).await.unwrap();
    assert_eq!(saved.languages, [Language::Cantonese, Language::Portuguese]);
    let haiying = organisation(&core, "深圳市海鹰电子科技有限公司").await;
    let not_a_provider = core.update_provider_profile(&staff, &cli, haiying, &input).await;
    assert!(matches!(not_a_provider, Err(CoreError::Invalid(i)) if i.field == "organisation_id"));
    assert!(matches!(core.provider(&enterprise, haiying).await, Err(CoreError::NotFound("provider"))));

    // A provider without a profile: the centre sees it unfilled, others not at all.
    let admin = actor(&core, "admin@zhichan.demo").await;
    let new = zhichan_core::organisations::ProfileInput { name_zh: "新代理机构".into(), ..Default::default() };
    let created = core.create_organisation(&admin, zhichan_domain::OrgKind::ServiceProvider, &new, &cli).await.unwrap();
    assert!(!core.provider(&staff, created.id).await.unwrap().is_filled());
    assert!(matches!(core.provider(&enterprise, created.id).await, Err(CoreError::NotFound(_))));
}

#[tokio::test]
async fn candidates_are_ranked_with_red_ties_excluded_and_appointments_checked() {
    let (core, _dir) = core_with(CoreSettings::default()).await;
    core.seed_demo().await.unwrap();
    let staff = actor(&core, "staff@zhichan.demo").await;
    let enterprise = actor(&core, "chen.jing@haiying.demo").await;
    let haiying = organisation(&core, "深圳市海鹰电子科技有限公司").await;
    let fuyong = organisation(&core, "深圳市福永无人机系统有限公司").await;

    let mediation = MatchInput {
        role: "mediator".into(),
        field: Some("trademarks".into()),
        language: Some("english".into()),
        region: Some("hong_kong".into()),
        parties: vec![
            PartyInput {
                side: "applicant".into(),
                organisation_id: Some(haiying),
                name: "深圳市海鹰电子科技有限公司".into(),
                region: Some("mainland".into()),
            },
            PartyInput {
                side: "respondent".into(),
                organisation_id: None,
                name: "Kowloon Trading Ltd".into(),
                region: Some("hong_kong".into()),
            },
        ],
    }
    .parse()
    .unwrap();
    assert!(matches!(core.candidates(&enterprise, &mediation).await, Err(CoreError::Forbidden)));
    let ranked = core.candidates(&staff, &mediation).await.unwrap();
    let order: Vec<(&str, u32)> = ranked.iter().map(|c| (c.profile.display_name.as_str(), c.score)).collect();
    assert_eq!(order, [("黃嘉慧 (Hong Kong)", 10), ("梁耀文 (Macau)", 8), ("王芳", 8)]);
    assert_eq!(ranked[0].conflict.level(), Some(ConflictLevel::Orange), "advised Haiying ten months ago");
    assert!(ranked[0].conflict.needs_consent() && !ranked[0].excluded());
    assert!(ranked[0].reasons.contains(&MatchReason::SameRegion { region: Region::HongKong }));

    let investigation = MatchInput {
        role: "technical_investigator".into(),
        field: Some("electronics".into()),
        parties: vec![PartyInput {
            side: "respondent".into(),
            organisation_id: Some(fuyong),
            name: "福永无人机".into(),
            region: None,
        }],
        ..MatchInput::default()
    }
    .parse()
    .unwrap();
    let ranked = core.candidates(&staff, &investigation).await.unwrap();
    let last = ranked.last().expect("candidates");
    assert_eq!(last.profile.display_name, "张伟");
    assert!(last.excluded(), "an officer of the respondent is excluded, matched by organisation");
    assert_eq!(ranked.iter().filter(|c| c.excluded()).count(), 1);

    let parties = [CaseParty {
        side: PartySide::Respondent,
        organisation_id: None,
        name: "Shenzhen Fuyong UAV Systems Co., Ltd.".into(),
        region: None,
    }];
    let zhang = actor(&core, "zhang.wei@experts.demo").await;
    let by_name = core.conflict_check(zhang.user_id(), &parties, Utc::now().date_naive()).await.unwrap();
    assert!(by_name.ties.is_empty(), "the English name is not the name declared");
    let by_organisation = [CaseParty { organisation_id: Some(fuyong), ..parties[0].clone() }];
    let refused = core.conflict_check(zhang.user_id(), &by_organisation, Utc::now().date_naive()).await.unwrap();
    assert!(refused.refused());
    assert_eq!(refused.to_string(), "officer of Shenzhen Fuyong UAV Systems Co., Ltd. (red, not waivable)");
}
