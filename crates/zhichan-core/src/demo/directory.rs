//! The demo's directory: profiles for the panel's experts, mediators (a Hong Kong and a Macau
//! mediator among them) and technical investigators, the ties some of them declared to the demo
//! enterprises — one red, one orange, one green — and five service providers. Dates of ties are
//! counted back from today, so each keeps its level whenever the demo starts.

use chrono::{Months, Utc};
use serde_json::json;
use zhichan_domain::{AuditEntry, OrgKind, Organisation, OrganisationFilter, Page, User};

use super::DemoOrganisation;
use crate::directory::{AffiliationInput, ExpertProfileInput, ProviderProfileInput};
use crate::{Core, CoreError, CoreResult, RequestContext};

/// The service providers, created with the rest of the demo world (they have no accounts).
pub(super) const PROVIDERS: &[DemoOrganisation] = &[
    DemoOrganisation {
        kind: OrgKind::ServiceProvider,
        name_zh: "深圳市宝安知识产权代理事务所（示例）",
        name_en: "Bao'an IP Agency (demo)",
        uscc_body: None,
        street: "xin_an",
        industry: "专利商标代理",
        markets: &[],
        members: &[],
    },
    DemoOrganisation {
        kind: OrgKind::ServiceProvider,
        name_zh: "港澳聯合律師行（示例）",
        name_en: "HK-Macau Joint Law Office (demo)",
        uscc_body: None,
        street: "xixiang",
        industry: "法律服务",
        markets: &[],
        members: &[],
    },
    DemoOrganisation {
        kind: OrgKind::ServiceProvider,
        name_zh: "深圳前海国际律师事务所（示例）",
        name_en: "Qianhai International Law Firm (demo)",
        uscc_body: None,
        street: "xixiang",
        industry: "法律服务",
        markets: &[],
        members: &[],
    },
    DemoOrganisation {
        kind: OrgKind::ServiceProvider,
        name_zh: "鹏城知识产权资产评估有限公司（示例）",
        name_en: "Pengcheng IP Appraisal (demo)",
        uscc_body: None,
        street: "fuyong",
        industry: "资产评估",
        markets: &[],
        members: &[],
    },
    DemoOrganisation {
        kind: OrgKind::ServiceProvider,
        name_zh: "莱茵知识产权合伙事务所深圳代表处（示例）",
        name_en: "Rhein IP Partners, Shenzhen Office (demo)",
        uscc_body: None,
        street: "xin_an",
        industry: "欧洲专利商标代理",
        markets: &[],
        members: &[],
    },
];

/// A provider's directory entry, by its organisation's Chinese name.
struct DemoProvider {
    name_zh: &'static str,
    kinds: &'static [&'static str],
    offices: &'static [&'static str],
    languages: &'static [&'static str],
    regions: &'static [&'static str],
    contact: &'static str,
}

const PROVIDER_PROFILES: &[DemoProvider] = &[
    DemoProvider {
        name_zh: "深圳市宝安知识产权代理事务所（示例）",
        kinds: &["patent_agency", "trademark_agency"],
        offices: &["CN", "WO", "US", "EP"],
        languages: &["mandarin", "english"],
        regions: &["mainland", "overseas"],
        contact: "深圳市宝安区新安街道（示例地址）· 0755-0000 0101 · service@baoan-ip.demo",
    },
    DemoProvider {
        name_zh: "港澳聯合律師行（示例）",
        kinds: &["law_firm", "trademark_agency"],
        offices: &["HK", "MO"],
        languages: &["cantonese", "english", "portuguese", "mandarin"],
        regions: &["hong_kong", "macau"],
        contact: "香港中環（示例地址）· +852 0000 0102 · contact@hkmo-law.demo",
    },
    DemoProvider {
        name_zh: "深圳前海国际律师事务所（示例）",
        kinds: &["law_firm"],
        offices: &["CN"],
        languages: &["mandarin", "english", "japanese"],
        regions: &["mainland", "hong_kong", "overseas"],
        contact: "深圳市前海深港合作区（示例地址）· 0755-0000 0103 · ip@qianhai-law.demo",
    },
    DemoProvider {
        name_zh: "鹏城知识产权资产评估有限公司（示例）",
        kinds: &["appraiser"],
        offices: &[],
        languages: &["mandarin", "english"],
        regions: &["mainland"],
        contact: "深圳市宝安区福永街道（示例地址）· 0755-0000 0104 · valuation@pengcheng.demo",
    },
    DemoProvider {
        name_zh: "莱茵知识产权合伙事务所深圳代表处（示例）",
        kinds: &["patent_agency", "trademark_agency"],
        offices: &["EP", "EM", "DE"],
        languages: &["german", "english", "mandarin"],
        regions: &["overseas"],
        contact: "Düsseldorf · 深圳代表处 0755-0000 0105 · shenzhen@rhein-ip.demo",
    },
];

/// An expert's directory entry, by login.
struct DemoExpert {
    email: &'static str,
    region: &'static str,
    fields: &'static [&'static str],
    languages: &'static [&'static str],
    bio: &'static str,
    accepting: bool,
}

const EXPERTS: &[DemoExpert] = &[
    DemoExpert {
        email: "wong.kawai@experts.demo",
        region: "hong_kong",
        fields: &["trademarks", "copyright"],
        languages: &["cantonese", "english", "mandarin"],
        bio: "香港执业律师，专注商标异议、品牌授权与跨境调解，曾任香港知识产权署调解员名册成员（示例）。",
        accepting: true,
    },
    DemoExpert {
        email: "leong.ioman@experts.demo",
        region: "macau",
        fields: &["trademarks", "consumer_goods"],
        languages: &["cantonese", "portuguese", "english", "mandarin"],
        bio: "澳门执业律师，熟悉澳门及葡语国家商标制度，擅长中葡双语调解（示例）。",
        accepting: true,
    },
    DemoExpert {
        email: "zhang.wei@experts.demo",
        region: "mainland",
        fields: &["electronics", "software"],
        languages: &["mandarin", "english"],
        bio: "高级工程师，通信与嵌入式软件方向，任法院技术调查官十年（示例）。",
        accepting: true,
    },
    DemoExpert {
        email: "wang.fang@experts.demo",
        region: "mainland",
        fields: &["trademarks", "copyright"],
        languages: &["mandarin", "english"],
        bio: "知识产权律师，调解商标许可与电商平台纠纷（示例）。",
        accepting: true,
    },
    DemoExpert {
        email: "li.ming@experts.demo",
        region: "mainland",
        fields: &["mechanical", "optics", "electronics"],
        languages: &["mandarin", "japanese"],
        bio: "精密机械与光学检测专家，协助法院与市场监管部门开展技术调查（示例）。",
        accepting: false,
    },
    DemoExpert {
        email: "anna.schmidt@experts.demo",
        region: "overseas",
        fields: &["trademarks", "electronics"],
        languages: &["german", "english"],
        bio: "German and European patent and trademark attorney; advises Chinese exporters on EUIPO and DPMA matters (demo).",
        accepting: true,
    },
];

/// A declared tie: who, to which demo organisation (by Chinese name) or named party, what, and
/// how many months ago it began and (if it did) ended.
struct DemoTie {
    email: &'static str,
    party: &'static str,
    on_platform: bool,
    tie: &'static str,
    began_months_ago: u32,
    ended_months_ago: Option<u32>,
    note: &'static str,
}

const TIES: &[DemoTie] = &[
    // Red, not waivable: an officer of a demo enterprise.
    DemoTie {
        email: "zhang.wei@experts.demo",
        party: "深圳市福永无人机系统有限公司",
        on_platform: true,
        tie: "officer",
        began_months_ago: 30,
        ended_months_ago: None,
        note: "担任独立董事（示例）。",
    },
    // Orange: advised a demo enterprise, ended ten months ago.
    DemoTie {
        email: "wong.kawai@experts.demo",
        party: "深圳市海鹰电子科技有限公司",
        on_platform: true,
        tie: "former_adviser",
        began_months_ago: 22,
        ended_months_ago: Some(10),
        note: "代理其香港商标异议案（示例）。",
    },
    // Green: advised a demo enterprise more than three years ago.
    DemoTie {
        email: "leong.ioman@experts.demo",
        party: "深圳市华丰精密模具有限公司",
        on_platform: true,
        tie: "former_adviser",
        began_months_ago: 70,
        ended_months_ago: Some(60),
        note: "就澳门商标注册提供过咨询（示例）。",
    },
    // Orange: a colleague of a known counsel's firm.
    DemoTie {
        email: "anna.schmidt@experts.demo",
        party: "Elektro Vertrieb Schmidt GmbH",
        on_platform: false,
        tie: "counsel_colleague",
        began_months_ago: 48,
        ended_months_ago: None,
        note: "Same firm as the distributor's counsel (demo).",
    },
];

impl Core {
    /// Fills in the demo directory once: when the first demo expert has no profile yet. People
    /// a demo database seeded by an earlier version lacks are left out.
    pub(super) async fn seed_demo_directory(&self, context: &RequestContext) -> CoreResult<()> {
        let Some(first) = self.demo_user(EXPERTS[0].email).await? else { return Ok(()) };
        if self.store.expert_profile(first.id).await?.is_some() {
            return Ok(());
        }
        let strings = |codes: &[&str]| codes.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        for expert in EXPERTS {
            let Some(user) = self.demo_user(expert.email).await? else { continue };
            let fields = ExpertProfileInput {
                region: expert.region.into(),
                fields: strings(expert.fields),
                languages: strings(expert.languages),
                bio: expert.bio.into(),
                accepting: expert.accepting,
            }
            .parse()?;
            let audit = demo_audit(context, "expert_profile.update", &user, Some(user.id.to_string()));
            self.store.put_expert_profile(user.id, &fields, audit).await?;
        }
        let months_ago = |months: u32| {
            let today = Utc::now().date_naive();
            today.checked_sub_months(Months::new(months)).map(|day| day.to_string()).unwrap_or_default()
        };
        for tie in TIES {
            let Some(user) = self.demo_user(tie.email).await? else { continue };
            let organisation_id = match tie.on_platform {
                true => Some(self.demo_organisation(tie.party).await?.id),
                false => None,
            };
            let fields = AffiliationInput {
                organisation_id,
                party_name: tie.party.into(),
                tie: tie.tie.into(),
                since: months_ago(tie.began_months_ago),
                until: tie.ended_months_ago.map(months_ago).unwrap_or_default(),
                note: tie.note.into(),
            }
            .parse()?;
            let audit = demo_audit(context, "affiliation.create", &user, None);
            self.store.add_affiliation(user.id, &fields, audit).await?;
        }
        for provider in PROVIDER_PROFILES {
            let organisation = self.demo_organisation(provider.name_zh).await?;
            let fields = ProviderProfileInput {
                kinds: strings(provider.kinds),
                offices: strings(provider.offices),
                languages: strings(provider.languages),
                regions: strings(provider.regions),
                contact: provider.contact.into(),
            }
            .parse()?;
            let audit = crate::audit::entry(
                None,
                context,
                "provider_profile.update",
                ("provider_profile", Some(organisation.id.to_string())),
                Some(organisation.id),
                json!({ "demo": true }),
            );
            self.store.put_provider_profile(organisation.id, &fields, audit).await?;
        }
        Ok(())
    }

    /// The demo account `email`, if this database has it.
    pub(super) async fn demo_user(&self, email: &str) -> CoreResult<Option<User>> {
        Ok(self.store.user_credentials(email).await?.map(|credentials| credentials.user))
    }

    /// The demo organisation named `name_zh`.
    pub(super) async fn demo_organisation(&self, name_zh: &str) -> CoreResult<Organisation> {
        let filter = OrganisationFilter { name_contains: Some(name_zh.into()), ..Default::default() };
        let found = self.store.organisations(&filter, Page::first(1)).await?.into_iter().next();
        found.ok_or_else(|| CoreError::internal(format!("demo organisation {name_zh} is missing")))
    }
}

/// The audit entry of a demo change to `user`'s directory entry.
fn demo_audit(context: &RequestContext, action: &str, user: &User, target_id: Option<String>) -> AuditEntry {
    let target = action.split('.').next().unwrap_or(action);
    crate::audit::entry(None, context, action, (target, target_id), Some(user.organisation_id), json!({ "demo": true }))
}
