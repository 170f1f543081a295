//! A small, realistic world for `zhichan serve --demo`: the district centre with staff and an
//! administrator, four export enterprises in different streets, an expert pool with mainland,
//! Hong Kong and Macau experts, the directory's profiles, declared ties and service providers
//! (`directory`), live service cases of every kind (`cases`), and the enterprises' watch with the
//! copies it catches (`watch`). All names are fictitious; the accounts share one published
//! password, so a demo database must never hold real data.

mod cases;
mod directory;
mod watch;

use zhichan_domain::Organisation;
use zhichan_domain::{OrgKind, Role, Uscc};

use crate::organisations::{MemberInput, ProfileInput};
use crate::{Core, CoreResult, RequestContext};

/// The password of every demo account, printed by `serve --demo`.
pub const DEMO_PASSWORD: &str = "zhichan-demo-2026";

/// One account a visitor can sign in with.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    /// Login address.
    pub email: &'static str,
    /// The account's roles.
    pub roles: &'static [Role],
    /// The organisation's Chinese name.
    pub organisation: String,
}

struct DemoOrganisation {
    kind: OrgKind,
    name_zh: &'static str,
    name_en: &'static str,
    /// The 17 characters before the check character of a fictitious credit code in Bao'an (440306).
    uscc_body: Option<&'static str>,
    street: &'static str,
    industry: &'static str,
    markets: &'static [&'static str],
    members: &'static [(&'static str, &'static str, &'static [Role])],
}

const WORLD: &[DemoOrganisation] = &[
    DemoOrganisation {
        kind: OrgKind::Enterprise,
        name_zh: "深圳市海鹰电子科技有限公司",
        name_en: "Shenzhen Haiying Electronics Co., Ltd.",
        uscc_body: Some("91440306MA5DEM001"),
        street: "shajing",
        industry: "消费电子",
        markets: &["US", "DE", "EM", "JP"],
        members: &[
            ("chen.jing@haiying.demo", "陈静", &[Role::EnterpriseMember, Role::EnterpriseAdmin]),
            ("liu.yang@haiying.demo", "刘洋", &[Role::EnterpriseMember]),
        ],
    },
    DemoOrganisation {
        kind: OrgKind::Enterprise,
        name_zh: "深圳市华丰精密模具有限公司",
        name_en: "Huafeng Precision Moulds",
        uscc_body: Some("91440306MA5DEM002"),
        street: "songgang",
        industry: "模具制造",
        markets: &["MX", "BR", "VN"],
        members: &[("he.min@huafeng.demo", "何敏", &[Role::EnterpriseMember, Role::EnterpriseAdmin])],
    },
    DemoOrganisation {
        kind: OrgKind::Enterprise,
        name_zh: "深圳市光域照明有限公司",
        name_en: "Guangyu Lighting",
        uscc_body: Some("91440306MA5DEM003"),
        street: "xixiang",
        industry: "LED 照明",
        markets: &["US", "GB", "AU", "CA"],
        members: &[("zhou.lei@guangyu.demo", "周磊", &[Role::EnterpriseMember, Role::EnterpriseAdmin])],
    },
    DemoOrganisation {
        kind: OrgKind::Enterprise,
        name_zh: "深圳市福永无人机系统有限公司",
        name_en: "Fuyong UAV Systems",
        uscc_body: Some("91440306MA5DEM004"),
        street: "fuyong",
        industry: "无人机",
        markets: &["KR", "IN", "EM"],
        members: &[("sun.li@fuyong-uav.demo", "孙丽", &[Role::EnterpriseMember])],
    },
    DemoOrganisation {
        kind: OrgKind::ServiceProvider,
        name_zh: "粤港澳知识产权专家服务团（示例）",
        name_en: "GBA IP Expert Panel (demo)",
        uscc_body: None,
        street: "xin_an",
        industry: "法律服务",
        markets: &["HK", "MO"],
        members: &[
            ("wong.kawai@experts.demo", "黃嘉慧 (Hong Kong)", &[Role::Expert, Role::Mediator]),
            ("leong.ioman@experts.demo", "梁耀文 (Macau)", &[Role::Expert, Role::Mediator]),
            ("zhang.wei@experts.demo", "张伟", &[Role::Expert, Role::TechnicalInvestigator]),
            ("wang.fang@experts.demo", "王芳", &[Role::Mediator]),
            ("li.ming@experts.demo", "李明", &[Role::TechnicalInvestigator]),
            ("anna.schmidt@experts.demo", "Anna Schmidt (Düsseldorf)", &[Role::Expert]),
        ],
    },
];

const CENTRE_MEMBERS: &[(&str, &str, &[Role])] = &[
    ("admin@zhichan.demo", "平台管理员", &[Role::Admin]),
    ("staff@zhichan.demo", "林晓（知识产权中心）", &[Role::Staff]),
];

impl Core {
    /// Seeds the demo world once; later calls find it and only list the logins.
    pub async fn seed_demo(&self) -> CoreResult<Vec<DemoLogin>> {
        let context = RequestContext::cli();
        let already = self.store.user_credentials(CENTRE_MEMBERS[0].0).await?.is_some();
        let centre = self.district_centre(&context).await?;
        let mut logins = self.seed_members(&centre, CENTRE_MEMBERS, already, &context).await?;
        for demo in WORLD.iter().chain(directory::PROVIDERS) {
            let organisation = if already {
                let filter = zhichan_domain::OrganisationFilter {
                    name_contains: Some(demo.name_zh.into()),
                    ..Default::default()
                };
                self.store.organisations(&filter, zhichan_domain::Page::first(1)).await?.into_iter().next()
            } else {
                None
            };
            let organisation = match organisation {
                Some(existing) => existing,
                None => self.seed_organisation(demo, &context).await?,
            };
            logins.extend(self.seed_members(&organisation, demo.members, already, &context).await?);
        }
        self.seed_demo_directory(&context).await?;
        if !already {
            self.seed_demo_cases().await?;
        }
        Ok(logins)
    }

    async fn seed_organisation(&self, demo: &DemoOrganisation, context: &RequestContext) -> CoreResult<Organisation> {
        let input = ProfileInput {
            name_zh: demo.name_zh.into(),
            name_en: Some(demo.name_en.into()),
            uscc: demo.uscc_body.and_then(Uscc::with_check_character),
            street: Some(demo.street.into()),
            industry: Some(demo.industry.into()),
            export_markets: demo.markets.iter().map(|m| (*m).to_owned()).collect(),
        };
        let new = zhichan_domain::NewOrganisation { kind: demo.kind, profile: input.parse()? };
        let audit = crate::audit::entry(
            None,
            context,
            "organisation.create",
            ("organisation", None),
            None,
            serde_json::json!({ "demo": true }),
        );
        Ok(self.store.create_organisation(&new, audit).await?)
    }

    async fn seed_members(
        &self,
        organisation: &Organisation,
        members: &'static [(&'static str, &'static str, &'static [Role])],
        already: bool,
        context: &RequestContext,
    ) -> CoreResult<Vec<DemoLogin>> {
        let mut logins = Vec::new();
        for &(email, display_name, roles) in members {
            if !already {
                let input = MemberInput {
                    email: email.into(),
                    display_name: display_name.into(),
                    password: DEMO_PASSWORD.into(),
                    roles: roles.iter().map(|r| r.code().to_owned()).collect(),
                };
                self.insert_user(None, organisation, &input, roles.to_vec(), context).await?;
            }
            logins.push(DemoLogin { email, roles, organisation: organisation.profile.name_zh.to_string() });
        }
        Ok(logins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_credit_code_is_valid() {
        for demo in WORLD.iter().filter(|d| d.uscc_body.is_some()) {
            let code = demo.uscc_body.and_then(Uscc::with_check_character);
            assert!(code.is_some_and(|c| Uscc::parse(&c).is_ok()), "{}", demo.name_zh);
        }
    }
}
