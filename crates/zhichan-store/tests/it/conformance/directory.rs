//! The directory's checks: expert profiles with their accounts' names and roles, declared
//! affiliations, provider profiles with their organisations' names, and the filters on each.

use chrono::NaiveDate;
use zhichan_domain::directory::{
    AffiliationFields, ExpertFilter, ExpertProfileFields, ProviderFilter, ProviderKind, ProviderProfileFields, Tie,
};
use zhichan_domain::expertise::{Language, Region, TechnicalField};
use zhichan_domain::{
    AuditFilter, NewOrganisation, OfficeCode, OrgId, OrgKind, OrgName, OrganisationProfile, Page, Role, UserId,
};
use zhichan_store::StoreError;

use super::{Subject, audit, enterprise, new_user};

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

fn provider(name_zh: &str, name_en: Option<&str>) -> NewOrganisation {
    NewOrganisation {
        kind: OrgKind::ServiceProvider,
        profile: OrganisationProfile {
            name_zh: OrgName::parse("name_zh", name_zh).expect("name"),
            name_en: name_en.map(|n| OrgName::parse("name_en", n).expect("name")),
            uscc: None,
            street: None,
            industry: None,
            export_markets: Vec::new(),
        },
    }
}

fn expert_fields(region: &str, fields: &[&str], languages: &[&str], accepting: bool) -> ExpertProfileFields {
    ExpertProfileFields::parse(region, &strings(fields), &strings(languages), "执业二十年。", accepting)
        .expect("valid profile")
}

pub(super) async fn expert_profiles_round_trip_with_their_accounts_and_filters(Subject { store, .. }: Subject) {
    let panel = store.create_organisation(&provider("专家团", None), audit("organisation.create", None)).await.unwrap();
    let mediator = new_user(&store, panel.id, "hk@experts.example", vec![Role::Expert, Role::Mediator]).await;
    let investigator = new_user(&store, panel.id, "ti@experts.example", vec![Role::TechnicalInvestigator]).await;
    let former = new_user(&store, panel.id, "former@experts.example", vec![Role::EnterpriseMember]).await;
    let org = Some(panel.id);

    let first = expert_fields("hong_kong", &["trademarks"], &["cantonese", "english"], true);
    let created = store.put_expert_profile(mediator.id, &first, audit("expert_profile.update", org)).await.unwrap();
    assert_eq!((created.user_id, created.organisation_id), (mediator.id, panel.id));
    assert_eq!(
        (created.display_name.as_str(), created.roles.as_slice()),
        ("李伟", [Role::Expert, Role::Mediator].as_slice())
    );
    assert_eq!(created.languages, [Language::Cantonese, Language::English]);
    assert!(created.is_filled());
    let changed = expert_fields("hong_kong", &["copyright", "trademarks"], &["english"], false);
    let updated = store.put_expert_profile(mediator.id, &changed, audit("expert_profile.update", org)).await.unwrap();
    assert_eq!(updated.fields, [TechnicalField::Copyright, TechnicalField::Trademarks]);
    assert_eq!((updated.languages.as_slice(), updated.accepting), ([Language::English].as_slice(), false));
    assert_eq!(store.expert_profile(mediator.id).await.unwrap(), Some(updated.clone()));

    let software = expert_fields("mainland", &["software", "electronics"], &["mandarin", "english"], true);
    store.put_expert_profile(investigator.id, &software, audit("expert_profile.update", org)).await.unwrap();
    // A profile whose account holds no directory role is kept but never listed.
    store.put_expert_profile(former.id, &software, audit("expert_profile.update", org)).await.unwrap();
    assert!(store.expert_profile(former.id).await.unwrap().is_some_and(|p| p.roles.is_empty()));

    let listed = |filter: ExpertFilter| {
        let store = store.clone();
        async move {
            let profiles = store.expert_profiles(&filter, Page::first(10)).await.unwrap();
            profiles.into_iter().map(|p| p.user_id).collect::<Vec<UserId>>()
        }
    };
    assert_eq!(listed(ExpertFilter::default()).await, [mediator.id, investigator.id]);
    assert_eq!(listed(ExpertFilter { role: Some(Role::Mediator), ..Default::default() }).await, [mediator.id]);
    assert_eq!(listed(ExpertFilter { role: Some(Role::Expert), ..Default::default() }).await, [mediator.id]);
    let english = ExpertFilter { language: Some(Language::English), ..Default::default() };
    assert_eq!(listed(english).await, [mediator.id, investigator.id]);
    let mandarin = ExpertFilter { language: Some(Language::Mandarin), ..Default::default() };
    assert_eq!(listed(mandarin).await, [investigator.id]);
    let software_field = ExpertFilter { field: Some(TechnicalField::Software), ..Default::default() };
    assert_eq!(listed(software_field).await, [investigator.id]);
    let hong_kong = ExpertFilter { region: Some(Region::HongKong), ..Default::default() };
    assert_eq!(listed(hong_kong).await, [mediator.id]);
    let nobody =
        ExpertFilter { role: Some(Role::TechnicalInvestigator), region: Some(Region::HongKong), ..Default::default() };
    assert_eq!(listed(nobody).await, []);

    let page = store.expert_profiles(&ExpertFilter::default(), Page::first(1)).await.unwrap();
    let rest = Page { after: Some(page[0].user_id.get()), limit: 10 };
    let rest = store.expert_profiles(&ExpertFilter::default(), rest).await.unwrap();
    assert_eq!((page.len(), rest.len(), rest[0].fields.len()), (1, 1, 2));

    let missing = store.put_expert_profile(UserId::new(9_999), &first, audit("expert_profile.update", None)).await;
    assert!(matches!(missing, Err(StoreError::NotFound("user"))));
    let trail = AuditFilter { action_prefix: Some("expert".into()), ..Default::default() };
    assert_eq!(store.audit_events(&trail, Page::first(50)).await.unwrap().len(), 4, "a refused change leaves no entry");
}

pub(super) async fn affiliations_are_declared_listed_and_removed(Subject { store, .. }: Subject) {
    let panel = store.create_organisation(&provider("专家团", None), audit("organisation.create", None)).await.unwrap();
    let client =
        store.create_organisation(&enterprise("海鹰", None, ""), audit("organisation.create", None)).await.unwrap();
    let first = new_user(&store, panel.id, "a@experts.example", vec![Role::Expert]).await;
    let second = new_user(&store, panel.id, "b@experts.example", vec![Role::Mediator]).await;
    let org = Some(panel.id);
    let declare = |user: UserId, organisation: Option<OrgId>, party: &str, tie: &str, until: &str| {
        let store = store.clone();
        let fields = AffiliationFields::parse(organisation, party, tie, "2020-01-01", until, "董事会成员").unwrap();
        async move { store.add_affiliation(user, &fields, audit("affiliation.create", org)).await.unwrap() }
    };
    let officer = declare(first.id, Some(client.id), "深圳市海鹰电子科技有限公司", "officer", "").await;
    assert_eq!((officer.user_id, officer.organisation_id, officer.tie), (first.id, Some(client.id), Tie::Officer));
    assert_eq!((officer.since, officer.until), (NaiveDate::from_ymd_opt(2020, 1, 1), None));
    assert_eq!(officer.note, "董事会成员");
    let former = declare(second.id, None, "Kowloon Trading Ltd", "former_adviser", "2024-05-31").await;
    assert_eq!(former.until, NaiveDate::from_ymd_opt(2024, 5, 31));
    let opinion = declare(first.id, None, "Guangyu Lighting", "general_opinion", "").await;

    assert_eq!(store.affiliation(former.id).await.unwrap(), Some(former.clone()));
    let mine = store.affiliations(&[first.id]).await.unwrap();
    assert_eq!(mine, [officer.clone(), opinion.clone()]);
    let both = store.affiliations(&[second.id, first.id, second.id]).await.unwrap();
    let ids: Vec<_> = both.iter().map(|a| a.id).collect();
    assert_eq!(ids, [officer.id, opinion.id, former.id], "by user, then in id order, each once");
    assert_eq!(store.affiliations(&[]).await.unwrap(), []);

    store.remove_affiliation(officer.id, audit("affiliation.delete", org)).await.unwrap();
    assert!(store.affiliation(officer.id).await.unwrap().is_none());
    let again = store.remove_affiliation(officer.id, audit("affiliation.delete", org)).await;
    assert!(matches!(again, Err(StoreError::NotFound("affiliation"))));
    assert_eq!(store.affiliations(&[first.id]).await.unwrap(), [opinion]);
    let trail = AuditFilter { action_prefix: Some("affiliation.".into()), ..Default::default() };
    assert_eq!(store.audit_events(&trail, Page::first(50)).await.unwrap().len(), 4);
}

pub(super) async fn provider_profiles_round_trip_with_their_organisations_and_filters(Subject { store, .. }: Subject) {
    let firm = provider("港澳联合律师事务所", Some("HK-Macau Joint Law Office"));
    let firm = store.create_organisation(&firm, audit("organisation.create", None)).await.unwrap();
    let agency =
        store.create_organisation(&provider("宝安专利代理", None), audit("organisation.create", None)).await.unwrap();
    let fields = |kinds: &[&str], offices: &[&str], languages: &[&str], regions: &[&str]| {
        ProviderProfileFields::parse(
            &strings(kinds),
            &strings(offices),
            &strings(languages),
            &strings(regions),
            "香港中环 +852 0000 0000",
        )
        .unwrap()
    };
    let law = fields(&["law_firm"], &["HK", "MO"], &["cantonese", "english", "portuguese"], &["hong_kong", "macau"]);
    let created =
        store.put_provider_profile(firm.id, &law, audit("provider_profile.update", Some(firm.id))).await.unwrap();
    assert_eq!(
        (created.name_zh.as_str(), created.name_en.as_deref()),
        ("港澳联合律师事务所", Some("HK-Macau Joint Law Office"))
    );
    assert_eq!(created.kinds, [ProviderKind::LawFirm]);
    assert_eq!(created.offices.iter().map(OfficeCode::as_str).collect::<Vec<_>>(), ["HK", "MO"]);
    let changed = fields(&["law_firm", "trademark_agency"], &["HK"], &["english"], &["hong_kong"]);
    let updated =
        store.put_provider_profile(firm.id, &changed, audit("provider_profile.update", Some(firm.id))).await.unwrap();
    assert_eq!(
        (updated.kinds.len(), updated.offices.len(), updated.regions.as_slice()),
        (2, 1, [Region::HongKong].as_slice())
    );
    assert_eq!(store.provider_profile(firm.id).await.unwrap(), Some(updated));
    let patents = fields(&["patent_agency"], &["CN", "EP", "US"], &["mandarin", "english"], &["mainland", "overseas"]);
    store.put_provider_profile(agency.id, &patents, audit("provider_profile.update", Some(agency.id))).await.unwrap();

    let listed = |filter: ProviderFilter| {
        let store = store.clone();
        async move {
            let profiles = store.provider_profiles(&filter, Page::first(10)).await.unwrap();
            profiles.into_iter().map(|p| p.organisation_id).collect::<Vec<OrgId>>()
        }
    };
    assert_eq!(listed(ProviderFilter::default()).await, [firm.id, agency.id]);
    assert_eq!(
        listed(ProviderFilter { kind: Some(ProviderKind::PatentAgency), ..Default::default() }).await,
        [agency.id]
    );
    let at_epo = ProviderFilter { office: Some(OfficeCode::parse("EP").unwrap()), ..Default::default() };
    assert_eq!(listed(at_epo).await, [agency.id]);
    assert_eq!(
        listed(ProviderFilter { language: Some(Language::English), ..Default::default() }).await,
        [firm.id, agency.id]
    );
    assert_eq!(listed(ProviderFilter { region: Some(Region::Macau), ..Default::default() }).await, []);
    let page = store.provider_profiles(&ProviderFilter::default(), Page { after: Some(firm.id.get()), limit: 5 }).await;
    assert_eq!(page.unwrap().len(), 1);

    assert!(store.provider_profile(OrgId::new(9_999)).await.unwrap().is_none());
    let missing = store.put_provider_profile(OrgId::new(9_999), &patents, audit("provider_profile.update", None)).await;
    assert!(matches!(missing, Err(StoreError::NotFound("organisation"))));
}
