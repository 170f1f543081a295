//! The demo's service cases: live cases of every kind in several states, the demo's experts,
//! mediators and investigator assigned, so each role's home shows work at once.

use zhichan_domain::case::CaseState;

use crate::case::{AssignInput, EntryInput, EntryKind, OpenCase, TransitionInput};
use crate::{Actor, Core, CoreError, CoreResult, RequestContext};

/// One demo case: who opens it, what it is, and the steps it has gone through.
struct DemoCase {
    opened_by: &'static str,
    applicant: &'static str,
    kind: &'static str,
    title: &'static str,
    summary: &'static str,
    respondent: Option<(&'static str, &'static str)>,
    particulars: [Option<&'static str>; 4],
    steps: &'static [Step],
}

/// A step of a demo case's life.
enum Step {
    /// The centre appoints this person.
    Appoint(&'static str),
    /// The centre appoints this person after disclosing a tie the parties consented to.
    AppointWithConsent(&'static str),
    /// This person moves the case.
    Move(&'static str, CaseState),
    /// This person writes a message.
    Say(&'static str, &'static str),
}

const STAFF: &str = "staff@zhichan.demo";
const HAIYING: &str = "chen.jing@haiying.demo";
const HONG_KONG: &str = "wong.kawai@experts.demo";
const MACAU: &str = "leong.ioman@experts.demo";
const ENGINEER: &str = "zhang.wei@experts.demo";
const EUROPE: &str = "anna.schmidt@experts.demo";

const CASES: &[DemoCase] = &[
    DemoCase {
        opened_by: HAIYING,
        applicant: "深圳市海鹰电子科技有限公司",
        kind: "consultation",
        title: "美国商标申请收到审查意见，如何答复？",
        summary: "我司 HAIYING 商标在美国第 9 类的申请收到 Office Action，称与在先商标 HAYLING 近似，答复期限还有两个月。",
        respondent: None,
        particulars: [Some("trademarks"), Some("english"), None, None],
        steps: &[
            Step::Appoint(EUROPE),
            Step::Say(EUROPE, "可从商品类别和实际使用证据两方面答复，建议先检索对方商标的使用情况。"),
            Step::Move(EUROPE, CaseState::Answered),
        ],
    },
    DemoCase {
        opened_by: "zhou.lei@guangyu.demo",
        applicant: "深圳市光域照明有限公司",
        kind: "consultation",
        title: "澳大利亚展会前需要做哪些商标准备？",
        summary: "明年三月参加悉尼照明展，目前只有中国商标，想了解马德里指定澳大利亚的时间和费用。",
        respondent: None,
        particulars: [Some("trademarks"), Some("mandarin"), None, None],
        steps: &[],
    },
    DemoCase {
        opened_by: "he.min@huafeng.demo",
        applicant: "深圳市华丰精密模具有限公司",
        kind: "rights_assistance",
        title: "墨西哥前经销商抢注 HUAFENG 商标",
        summary: "合作终止后，前经销商在墨西哥第 7 类申请了 HUAFENG 商标，并向海关备案，我司货物可能被扣。",
        respondent: Some(("Distribuidora Moldes del Norte S.A. de C.V.", "overseas")),
        particulars: [Some("trademarks"), Some("spanish"), None, None],
        steps: &[
            Step::Move(STAFF, CaseState::Triage),
            Step::Appoint(HONG_KONG),
            Step::Move(HONG_KONG, CaseState::Strategy),
        ],
    },
    DemoCase {
        opened_by: HAIYING,
        applicant: "深圳市海鹰电子科技有限公司",
        kind: "mediation",
        title: "香港代理商拖欠货款并继续使用商标",
        summary: "代理协议到期后，香港恒达贸易仍以 HAIYING 名义销售库存并拖欠货款约 38 万港元，希望通过调解解决。",
        respondent: Some(("香港恒达贸易有限公司", "hong_kong")),
        particulars: [Some("trademarks"), Some("cantonese"), None, None],
        steps: &[
            Step::Move(STAFF, CaseState::Accepted),
            Step::AppointWithConsent(HONG_KONG),
            Step::Move(HONG_KONG, CaseState::InSession),
            Step::Say(HONG_KONG, "首次调解会议定于下周三下午，以视频方式进行。"),
        ],
    },
    DemoCase {
        opened_by: "sun.li@fuyong-uav.demo",
        applicant: "深圳市福永无人机系统有限公司",
        kind: "mediation",
        title: "澳门合作方对外观设计归属有争议",
        summary: "与澳门合作方联合开发的无人机外壳设计，双方对外观设计专利的申请人存在分歧。",
        respondent: Some(("澳门科创发展有限公司", "macau")),
        particulars: [Some("mechanical"), Some("portuguese"), None, None],
        steps: &[],
    },
    DemoCase {
        opened_by: STAFF,
        applicant: "深圳市光域照明有限公司",
        kind: "technical_investigation",
        title: "LED 驱动电路专利侵权纠纷技术事实查明",
        summary: "法院委托对被诉 LED 驱动电源的电路拓扑与涉案专利权利要求 1 进行技术比对。",
        respondent: Some(("东莞明辉电子有限公司", "mainland")),
        particulars: [Some("electronics"), Some("mandarin"), Some("深圳市中级人民法院"), None],
        steps: &[Step::Appoint(ENGINEER), Step::Move(ENGINEER, CaseState::Notified)],
    },
    DemoCase {
        opened_by: STAFF,
        applicant: "深圳市华丰精密模具有限公司",
        kind: "enforcement_referral",
        title: "出口货物中发现仿冒 HUAFENG 模具",
        summary: "企业反映有第三方以 HUAFENG 标识出口模具至越南，已提供报关单线索。",
        respondent: None,
        particulars: [Some("trademarks"), None, None, Some("customs")],
        steps: &[Step::Move(STAFF, CaseState::Referred)],
    },
    DemoCase {
        opened_by: STAFF,
        applicant: "深圳市海鹰电子科技有限公司",
        kind: "evidence_service",
        title: "向香港送达诉讼文书",
        summary: "深圳中院审理的商标侵权案件，需向香港被告送达起诉状副本及证据材料。",
        respondent: Some(("香港恒达贸易有限公司", "hong_kong")),
        particulars: [None, Some("cantonese"), None, Some("hong_kong")],
        steps: &[Step::Move(STAFF, CaseState::Sent)],
    },
    DemoCase {
        opened_by: HAIYING,
        applicant: "深圳市海鹰电子科技有限公司",
        kind: "mediation",
        title: "澳门经销商商标使用许可续约",
        summary: "澳门经销商希望续签商标使用许可，双方对许可费有分歧。",
        respondent: Some(("澳门海港贸易行", "macau")),
        particulars: [Some("trademarks"), Some("cantonese"), None, None],
        steps: &[
            Step::Move(STAFF, CaseState::Accepted),
            Step::Appoint(MACAU),
            Step::Move(MACAU, CaseState::InSession),
            Step::Move(MACAU, CaseState::Settled),
            Step::Move(STAFF, CaseState::Closed),
        ],
    },
];

impl Core {
    /// Opens the demo's cases and walks each through its steps.
    pub(super) async fn seed_demo_cases(&self) -> CoreResult<()> {
        let context = RequestContext::cli();
        for demo in CASES {
            let opener = self.demo_actor(demo.opened_by).await?;
            let [technical_field, language, requesting_body, authority_or_jurisdiction] = demo.particulars;
            let applicant = self.demo_organisation(demo.applicant).await?.id;
            let (authority, jurisdiction) = match demo.kind {
                "evidence_service" => (None, authority_or_jurisdiction),
                _ => (authority_or_jurisdiction, None),
            };
            let input = OpenCase {
                kind: demo.kind.into(),
                title: demo.title.into(),
                summary: demo.summary.into(),
                organisation_id: Some(applicant),
                respondent_name: demo.respondent.map(|(name, _)| name.to_owned()),
                respondent_region: demo.respondent.map(|(_, region)| region.to_owned()),
                technical_field: technical_field.map(str::to_owned),
                language: language.map(str::to_owned),
                requesting_body: requesting_body.map(str::to_owned),
                authority: authority.map(str::to_owned),
                jurisdiction: jurisdiction.map(str::to_owned),
                respondent_organisation_id: None,
            };
            let case = self.open_case(&opener, &context, input).await?;
            let staff = self.demo_actor(STAFF).await?;
            for step in demo.steps {
                match *step {
                    Step::Appoint(email) | Step::AppointWithConsent(email) => {
                        let user_id = self.demo_actor(email).await?.user_id();
                        let consent = matches!(step, Step::AppointWithConsent(_));
                        self.assign_case(&staff, &context, case.id, AssignInput { user_id, consent }).await?;
                    }
                    Step::Move(email, to) => {
                        let input = TransitionInput { to: to.code().into(), ..TransitionInput::default() };
                        self.transition_case(&self.demo_actor(email).await?, &context, case.id, input).await?;
                    }
                    Step::Say(email, text) => {
                        let input = EntryInput { kind: EntryKind::Message, text: text.into() };
                        self.add_case_entry(&self.demo_actor(email).await?, &context, case.id, input).await?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The demo account behind `email`, as an actor.
    async fn demo_actor(&self, email: &str) -> CoreResult<Actor> {
        Ok(Actor::new(self.demo_user(email).await?.ok_or(CoreError::NotFound("user"))?))
    }
}
