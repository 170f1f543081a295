//! The offices the platform knows rules for, as data, with the law or guidance each rule comes from.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::rules::*;
use super::{Office, OfficeCode};

// Short names keep the table readable.
use Anchor::{
    DesignationNotification, Filing, PreliminaryApproval, Publication, Registration, RegistrationPublication,
};
use Period::{Days, Months, Years};
use TermEnd::{Anniversary, DayBefore, EndOfMonth};

pub(super) const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("a valid calendar date"),
    }
}

const fn always<T>(shape: T, source: &'static str) -> Rule<T> {
    Rule { shape, in_force: InForce::ALWAYS, source }
}

const fn fixed(period: Period, from: Anchor, source: &'static str) -> Rule<OppositionRule> {
    always(OppositionRule::Fixed { period, from }, source)
}

const fn renew(term: Period, from: Anchor, ends: TermEnd, window: Period, grace: Period) -> RenewalRule {
    RenewalRule { term, from, ends, window, grace: Some(grace) }
}

const fn name(zh_hans: &'static str, zh_hant: &'static str, en: &'static str) -> OfficeName {
    OfficeName { zh_hans, zh_hant, en }
}

/// The KR amendment shortening opposition to 30 days applies to publications from this day.
const KR_30_DAYS: NaiveDate = ymd(2025, 7, 22);
/// Canadian registrations and renewals from this day run 10 years instead of 15.
const CA_10_YEARS: NaiveDate = ymd(2019, 6, 17);
/// French terms starting from this day run date to date (ordonnance 2019-1169, décret 2019-1316).
const FR_DATE_TO_DATE: NaiveDate = ymd(2019, 12, 11);

pub(super) const OFFICES: [Office; 15] = [
    Office {
        code: OfficeCode::of("CN"),
        name: name("国家知识产权局", "國家知識產權局", "China National Intellectual Property Administration (CNIPA)"),
        opposition: &[fixed(Months(3), PreliminaryApproval, "中华人民共和国商标法 (2019) 第33条")],
        renewal: &[always(
            renew(Years(10), Registration, DayBefore, Months(12), Months(6)),
            "中华人民共和国商标法 (2019) 第39条、第40条",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("US"),
        name: name("美国专利商标局", "美國專利商標局", "United States Patent and Trademark Office (USPTO)"),
        opposition: &[always(
            OppositionRule::Extensible {
                period: Days(30),
                max: Days(180),
                from: Publication,
                extension: Cow::Borrowed("requests for extension of time to oppose, for cause or with consent"),
            },
            "15 U.S.C. §1063(a); 37 C.F.R. §2.102",
        )],
        renewal: &[always(
            renew(Years(10), Registration, Anniversary, Years(1), Months(6)),
            "15 U.S.C. §1058–1059 (§8 declaration and §9 renewal together); 37 C.F.R. §2.160, §2.182",
        )],
        declarations: &[always(
            DeclarationRule {
                name: "§8 declaration of use",
                due: Years(6),
                from: Registration,
                window: Years(1),
                grace: Months(6),
            },
            "15 U.S.C. §1058(a)(1), (3); 37 C.F.R. §2.160",
        )],
    },
    Office {
        code: OfficeCode::of("EM"),
        name: name("欧盟知识产权局", "歐盟知識產權局", "European Union Intellectual Property Office (EUIPO)"),
        opposition: &[fixed(Months(3), Publication, "Regulation (EU) 2017/1001 (EUTMR) Art. 46(1)")],
        renewal: &[always(
            renew(Years(10), Filing, Anniversary, Months(6), Months(6)),
            "Regulation (EU) 2017/1001 (EUTMR) Art. 52–53",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("GB"),
        name: name("英国知识产权局", "英國知識產權局", "UK Intellectual Property Office (UKIPO)"),
        opposition: &[always(
            OppositionRule::Extensible {
                period: Months(2),
                max: Months(3),
                from: Publication,
                extension: Cow::Borrowed("notice of threatened opposition (Form TM7A) filed within the first 2 months"),
            },
            "Trade Marks Rules 2008 r.17",
        )],
        renewal: &[always(
            renew(Years(10), Filing, Anniversary, Months(6), Months(6)),
            "Trade Marks Act 1994 s.42–43; Trade Marks Rules 2008 r.35–36",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("JP"),
        name: name("日本特许厅", "日本特許廳", "Japan Patent Office (JPO)"),
        opposition: &[fixed(Months(2), RegistrationPublication, "商標法 (Trademark Act of Japan) 第43条の2")],
        renewal: &[always(
            renew(Years(10), Registration, Anniversary, Months(6), Months(6)),
            "商標法 (Trademark Act of Japan) 第19条、第20条",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("KR"),
        name: name("韩国知识产权局", "韓國知識產權局", "Korean Intellectual Property Office (KIPO)"),
        opposition: &[
            Rule {
                shape: OppositionRule::Fixed { period: Months(2), from: Publication },
                in_force: InForce { from: None, until: Some(ymd(2025, 7, 21)) },
                source: "상표법 (Trademark Act of Korea) Art. 60(1), before the amendment of 2025",
            },
            Rule {
                shape: OppositionRule::Fixed { period: Days(30), from: Publication },
                in_force: InForce { from: Some(KR_30_DAYS), until: None },
                source: "상표법 (Trademark Act of Korea) Art. 60(1) as amended, for publications from 2025-07-22",
            },
        ],
        renewal: &[always(
            renew(Years(10), Registration, Anniversary, Years(1), Months(6)),
            "상표법 (Trademark Act of Korea) Art. 83–84",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("WO"),
        name: name(
            "世界知识产权组织国际局（马德里体系）",
            "世界知識產權組織國際局（馬德里體系）",
            "WIPO International Bureau (Madrid System)",
        ),
        opposition: &[always(
            OppositionRule::Extensible {
                period: Months(12),
                max: Months(18),
                from: DesignationNotification,
                extension: Cow::Borrowed(
                    "where the designated party declared 18 months; oppositions are filed in each designated office",
                ),
            },
            "Madrid Protocol Art. 5(2)(a)–(b)",
        )],
        renewal: &[always(
            renew(Years(10), Registration, Anniversary, Months(3), Months(6)),
            "Madrid Protocol Art. 6(1), 7(1), 7(4); Common Regulations Rule 30(1)",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("AU"),
        name: name("澳大利亚知识产权局", "澳洲知識產權局", "IP Australia"),
        opposition: &[fixed(Months(2), Publication, "Trade Marks Regulations 1995 (Cth) reg 5.6")],
        renewal: &[always(
            renew(Years(10), Filing, Anniversary, Months(12), Months(6)),
            "Trade Marks Act 1995 (Cth) s.72(3), 77, 79; reg 7.3; IP Australia Trade Marks Manual",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("CA"),
        name: name("加拿大知识产权局", "加拿大知識產權局", "Canadian Intellectual Property Office (CIPO)"),
        opposition: &[fixed(Months(2), Publication, "Trademarks Act (Canada) s.38(1)")],
        renewal: &[
            Rule {
                shape: RenewalRule {
                    term: Years(15),
                    from: Registration,
                    ends: Anniversary,
                    window: Months(6),
                    grace: None,
                },
                in_force: InForce { from: None, until: Some(ymd(2019, 6, 16)) },
                source: "Trademarks Act (Canada) s.46, before the amendments in force 2019-06-17",
            },
            Rule {
                shape: RenewalRule {
                    term: Years(10),
                    from: Registration,
                    ends: Anniversary,
                    window: Months(6),
                    grace: None,
                },
                in_force: InForce { from: Some(CA_10_YEARS), until: None },
                source: "Trademarks Act (Canada) s.46 as amended in force 2019-06-17; late renewal within 6 months of the Registrar's notice",
            },
        ],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("BR"),
        name: name(
            "巴西国家工业产权局",
            "巴西國家工業產權局",
            "National Institute of Industrial Property of Brazil (INPI)",
        ),
        opposition: &[fixed(Days(60), Publication, "Lei 9.279/1996 art. 158 (publication before examination)")],
        renewal: &[always(renew(Years(10), Registration, Anniversary, Years(1), Months(6)), "Lei 9.279/1996 art. 133")],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("IN"),
        name: name(
            "印度专利、外观设计和商标总局",
            "印度專利、外觀設計及商標總局",
            "Office of the Controller General of Patents, Designs and Trade Marks (India)",
        ),
        opposition: &[fixed(Months(4), Publication, "Trade Marks Act 1999 s.21(1); Trade Marks Rules 2017 r.42")],
        renewal: &[always(
            renew(Years(10), Filing, Anniversary, Years(1), Months(6)),
            "Trade Marks Act 1999 s.23(2), s.25; Trade Marks Rules 2017 r.57–58",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("HK"),
        name: name("香港特别行政区知识产权署", "香港特別行政區知識產權署", "Intellectual Property Department, HKSAR"),
        opposition: &[always(
            OppositionRule::Extensible {
                period: Months(3),
                max: Months(5),
                from: Publication,
                extension: Cow::Borrowed("extension of up to 2 months on request"),
            },
            "Trade Marks Rules (Cap. 559A) r.16",
        )],
        renewal: &[always(
            renew(Years(10), Filing, DayBefore, Months(6), Months(6)),
            "Trade Marks Ordinance (Cap. 559) s.48–50 (registration date is the filing date)",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("MO"),
        name: name(
            "澳门特别行政区经济及科技发展局",
            "澳門特別行政區經濟及科技發展局",
            "Economic and Technological Development Bureau, Macao SAR",
        ),
        opposition: &[fixed(
            Months(2),
            Publication,
            "Industrial Property Code (Decree-Law 97/99/M): opposition after publication, before examination",
        )],
        renewal: &[always(
            renew(Years(7), Registration, Anniversary, Months(6), Months(6)),
            "Industrial Property Code (Decree-Law 97/99/M): 7-year terms from grant",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("DE"),
        name: name("德国专利商标局", "德國專利商標局", "German Patent and Trade Mark Office (DPMA)"),
        opposition: &[fixed(Months(3), RegistrationPublication, "Markengesetz §42(1)")],
        renewal: &[always(
            renew(Years(10), Filing, EndOfMonth, Months(6), Months(6)),
            "Markengesetz §47(1), (3); PatKostG §5(2), §7(1)",
        )],
        declarations: &[],
    },
    Office {
        code: OfficeCode::of("FR"),
        name: name(
            "法国国家工业产权局",
            "法國國家工業產權局",
            "National Institute of Industrial Property of France (INPI)",
        ),
        opposition: &[fixed(Months(2), Publication, "Code de la propriété intellectuelle art. L712-4, R712-13")],
        renewal: &[
            Rule {
                shape: renew(Years(10), Filing, EndOfMonth, Months(6), Months(6)),
                in_force: InForce { from: None, until: Some(ymd(2019, 12, 10)) },
                source: "Code de la propriété intellectuelle art. L712-9, R712-24 before 2019-12-11",
            },
            Rule {
                shape: renew(Years(10), Filing, Anniversary, Years(1), Months(6)),
                in_force: InForce { from: Some(FR_DATE_TO_DATE), until: None },
                source: "Code de la propriété intellectuelle art. L712-1, L712-9, R712-24 (ordonnance 2019-1169)",
            },
        ],
        declarations: &[],
    },
];
