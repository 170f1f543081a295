//! Patent records: application publications and grants (and Chinese utility models), each a record
//! of its own as offices publish them.
//!
//! The technology comes first: a real IPC subclass drawn by filing volume, whose topic words then
//! shape the title, abstract and claims, so that search over titles and IPC symbols agree.

use chrono::NaiveDate;
use zhichan_domain::records::{Citation, LocalizedText, Patent, PatentDates, PriorityClaim};

use crate::Generator;
use crate::calendar::{AS_OF, before, filing_date, year};
use crate::dice::{Dice, Stream};
use crate::numbers::{Family, cn_check, serial};
use crate::offices::Office;
use crate::parties::{Owner, draw_owner_rank, person};
use crate::tables::IPC_SUBCLASSES;

/// Where patents are published when not at the applicant's home office.
const OFFICE_MIX: &[(Office, u32)] = &[
    (Office::Cn, 480),
    (Office::Us, 200),
    (Office::Ep, 70),
    (Office::Jp, 80),
    (Office::Kr, 60),
    (Office::Wo, 80),
    (Office::De, 30),
];

/// Qualifiers of titles, English and Chinese.
const QUALIFIERS: &[(&str, &str)] = &[
    ("intelligent", "智能"),
    ("efficient", "高效"),
    ("low-power", "低功耗"),
    ("high-precision", "高精度"),
    ("adaptive", "自适应"),
    ("distributed", "分布式"),
    ("modular", "模块化"),
    ("portable", "便携式"),
    ("multi-layer", "多层"),
    ("self-cleaning", "自清洁"),
    ("energy-saving", "节能"),
    ("real-time", "实时"),
];

/// Techniques inventions are "based on".
const TECHNIQUES: &[(&str, &str)] = &[
    ("deep learning", "深度学习"),
    ("blockchain", "区块链"),
    ("edge computing", "边缘计算"),
    ("federated learning", "联邦学习"),
    ("a digital twin", "数字孪生"),
    ("computer vision", "计算机视觉"),
    ("the Internet of Things", "物联网"),
    ("a neural network", "神经网络"),
];

/// Parts named in abstracts and claims.
const PARTS: &[(&str, &str)] = &[
    ("housing", "壳体"),
    ("control module", "控制模块"),
    ("sensor assembly", "传感器组件"),
    ("processing unit", "处理单元"),
    ("storage unit", "存储单元"),
    ("communication interface", "通信接口"),
    ("drive mechanism", "驱动机构"),
    ("base plate", "底板"),
    ("power module", "电源模块"),
    ("display panel", "显示面板"),
    ("heat sink", "散热器"),
    ("valve body", "阀体"),
];

/// Advantages claimed in abstracts.
const BENEFITS: &[(&str, &str)] = &[
    ("efficiency is improved", "提高了效率"),
    ("energy consumption is reduced", "降低了能耗"),
    ("the structure is simple and the cost is low", "结构简单、成本低"),
    ("accuracy is improved", "提高了精度"),
    ("the service life is extended", "延长了使用寿命"),
    ("the user experience is improved", "提升了用户体验"),
];

/// What kind of document a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Document {
    /// Application publication (A, A1, A2).
    Application,
    /// Grant (B, B1, B2, B4).
    Grant,
    /// Chinese utility model (U): registered without substantive examination.
    UtilityModel,
}

/// The applicant's home office, for patents.
fn home_office(country: &str) -> Option<Office> {
    Some(match country {
        "CN" => Office::Cn,
        "US" => Office::Us,
        "JP" => Office::Jp,
        "KR" => Office::Kr,
        "DE" => Office::De,
        "FR" | "IT" | "ES" | "NL" | "SE" | "CH" | "GB" => Office::Ep,
        _ => return None,
    })
}

/// The document kind and its ST.16 kind code at `office`.
fn document(office: Office, dice: &mut Dice) -> (Document, &'static str) {
    use Document::*;
    match office {
        Office::Cn => *dice.weighted(&[((Application, "A"), 55), ((Grant, "B"), 25), ((UtilityModel, "U"), 20)]),
        Office::Us => *dice.weighted(&[((Application, "A1"), 55), ((Grant, "B2"), 40), ((Grant, "B1"), 5)]),
        Office::Ep => *dice.weighted(&[((Application, "A1"), 55), ((Application, "A2"), 5), ((Grant, "B1"), 40)]),
        Office::Jp => *dice.weighted(&[((Application, "A"), 65), ((Grant, "B2"), 35)]),
        Office::Kr => *dice.weighted(&[((Application, "A"), 50), ((Grant, "B1"), 50)]),
        Office::Wo => *dice.weighted(&[((Application, "A1"), 85), ((Application, "A2"), 15)]),
        _ => *dice.weighted(&[((Application, "A1"), 60), ((Grant, "B4"), 40)]),
    }
}

/// Publication number in the office's shape, without country prefix or kind code.
fn publication_number(office: Office, document: Document, published: NaiveDate, serial: u64) -> String {
    let y = year(published);
    match (office, document) {
        (Office::Cn, Document::UtilityModel) => format!("2{}{serial}", (y.saturating_sub(2000) * 9 / 26).min(9)),
        (Office::Cn, _) => format!("1{}{serial}", (y.saturating_sub(2000) * 9 / 26).min(9)),
        (Office::Us, Document::Application) => format!("{y}{serial}"),
        (Office::Us, _) => format!("{}{serial}", u32::from(y >= 2018)),
        (Office::Jp | Office::Wo, Document::Application) => format!("{y}{serial}"),
        (Office::Kr | Office::De, Document::Application) => format!("10{y}{serial}"),
        (Office::Kr, _) => format!("10{serial}"),
        (Office::De, _) => format!("10{y}{serial}"),
        _ => serial.to_string(),
    }
}

/// Application number in the office's shape.
fn application_number(office: Office, document: Document, filed: NaiveDate, serial: u64, country: &str) -> String {
    let y = year(filed);
    match office {
        Office::Cn => {
            let digits = format!("{y}{}{serial}", if document == Document::UtilityModel { 2 } else { 1 });
            let check = cn_check(&digits);
            format!("{digits}.{check}")
        }
        Office::Us => format!("1{serial}"),
        Office::Ep => format!("{:02}{serial}", y % 100),
        Office::Jp => format!("{y}-{serial}"),
        Office::Kr | Office::De => format!("10{y}{serial}"),
        Office::Wo => format!("PCT/{country}{y}/{serial}"),
        _ => serial.to_string(),
    }
}

impl Generator {
    /// IPC symbols of one document: a main symbol drawn by filing volume, and up to three more,
    /// mostly from the same subclass.
    fn draw_ipc(&self, dice: &mut Dice) -> (usize, Vec<String>) {
        let main = self.ipc.draw(dice);
        let mut symbols = vec![dice.pick(IPC_SUBCLASSES[main].groups).to_string()];
        for _ in 0..dice.below(4) {
            let subclass = if dice.chance(600) { main } else { self.ipc.draw(dice) };
            let symbol = dice.pick(IPC_SUBCLASSES[subclass].groups);
            if !symbols.iter().any(|s| s == symbol) {
                symbols.push((*symbol).to_owned());
            }
        }
        (main, symbols)
    }

    /// Patent document number `index`: the same record for the same seed and index, whatever else
    /// is generated.
    pub fn patent(&self, index: u64) -> Patent {
        let seed = self.seed;
        let mut dice = Dice::new(seed, Stream::Patent, index);
        let owner = Owner::at(seed, draw_owner_rank(&mut dice));
        let home = home_office(owner.country);
        let office = match home {
            Some(home) if dice.chance(600) => home,
            _ => *dice.weighted(OFFICE_MIX),
        };
        let chinese = office.chinese();
        let (document, kind_code) = document(office, &mut dice);
        // Delay from filing to this document's publication; the filing is moved back if needed so
        // that the document is out by AS_OF.
        let delay = match document {
            Document::Application => dice.between(200, 560),
            Document::Grant => dice.between(700, 1800),
            Document::UtilityModel => dice.between(120, 300),
        };
        let filed = filing_date(&mut dice).min(before(AS_OF, delay));
        let published = crate::calendar::after(filed, delay);

        let number = publication_number(office, document, published, serial(Family::PatentPublication, index));
        let mut patent = Patent::new(self.codes.get(office), number);
        patent.kind_code = Some(kind_code.to_owned());
        let application_serial = serial(Family::PatentApplication, index);
        patent.application_number =
            Some(application_number(office, document, filed, application_serial, owner.country));
        if dice.chance(500) {
            patent.family_id = Some(dice.between(10_000_000, 99_999_999).to_string());
        }
        patent.dates = PatentDates {
            filing: Some(filed),
            publication: Some(published),
            grant: (document != Document::Application).then_some(published),
        };

        let (main, ipc) = self.draw_ipc(&mut dice);
        patent.ipc = ipc;
        let texts = PatentTexts::draw(main, document, &mut dice);
        if chinese {
            patent.titles.push(LocalizedText::new(Some("zh"), texts.title_zh.clone()));
            patent.abstracts.push(LocalizedText::new(Some("zh"), texts.abstract_zh()));
            patent.claims = texts.claims_zh();
        } else {
            patent.claims = texts.claims_en();
        }
        if !chinese || dice.chance(400) {
            patent.titles.push(LocalizedText::new(Some("en"), texts.title_en.clone()));
            patent.abstracts.push(LocalizedText::new(Some("en"), texts.abstract_en()));
        }

        let applicant = if dice.chance(880) { owner.party(chinese) } else { person(&mut dice, owner.country, chinese) };
        patent.applicants.push(applicant);
        if dice.chance(100) {
            patent.applicants.push(Owner::at(seed, draw_owner_rank(&mut dice)).party(chinese));
        }
        if office == Office::Us && document == Document::Grant {
            patent.assignees = patent.applicants.clone();
        }
        for _ in 0..dice.between(1, 5) {
            let inventor = person(&mut dice, owner.country, chinese);
            if !patent.inventors.iter().any(|p| p.name == inventor.name) {
                patent.inventors.push(inventor);
            }
        }

        if let Some(home) = home.filter(|&h| h != office && dice.chance(600)) {
            patent.priority_claims.push(PriorityClaim {
                country: Some(home.as_str().to_owned()),
                number: Some(dice.between(10_000_000, 999_999_999).to_string()),
                date: Some(before(filed, dice.between(30, 365))),
            });
        }
        if document == Document::Grant {
            patent.citations = (0..dice.below(5)).map(|_| citation(filed, &mut dice)).collect();
        }
        patent
    }
}

/// An earlier patent document cited against a grant.
fn citation(filed: NaiveDate, dice: &mut Dice) -> Citation {
    let (country, kind) =
        *dice.pick(&[("US", "B2"), ("US", "A1"), ("CN", "A"), ("EP", "A1"), ("JP", "A"), ("WO", "A1")]);
    Citation {
        country: Some(country.to_owned()),
        number: Some(dice.between(1_000_000, 99_999_999).to_string()),
        kind: Some(kind.to_owned()),
        name: None,
        date: Some(before(filed, dice.between(100, 5000))),
        category: Some(if dice.chance(700) { "cited by examiner" } else { "cited by applicant" }.to_owned()),
        text: None,
    }
}

/// Title, abstract and claim words of one document, in both languages.
struct PatentTexts {
    title_en: String,
    title_zh: String,
    noun: (&'static str, &'static str),
    parts: [(&'static str, &'static str); 3],
    benefit: (&'static str, &'static str),
    document: Document,
}

impl PatentTexts {
    fn draw(subclass: usize, document: Document, dice: &mut Dice) -> Self {
        let topic = (IPC_SUBCLASSES[subclass].topic_en, IPC_SUBCLASSES[subclass].topic_zh);
        let (q_en, q_zh) = *dice.pick(QUALIFIERS);
        let noun = *dice.pick(&[("device", "装置"), ("system", "系统"), ("apparatus", "设备"), ("assembly", "组件")]);
        let (title_en, title_zh) = match dice.below(5) {
            0 => (format!("Method and system for {q_en} {}", topic.0), format!("一种{q_zh}{}方法及系统", topic.1)),
            1 => (format!("{} {} {}", capitalise(q_en), topic.0, noun.0), format!("一种{q_zh}{}{}", topic.1, noun.1)),
            2 => (
                format!("{} {} {} and control method thereof", capitalise(q_en), topic.0, noun.0),
                format!("{q_zh}{}{}及其控制方法", topic.1, noun.1),
            ),
            3 => {
                let (t_en, t_zh) = *dice.pick(TECHNIQUES);
                (format!("Method for {} based on {t_en}", topic.0), format!("一种基于{t_zh}的{}方法", topic.1))
            }
            _ => (format!("{} {}", capitalise(topic.0), noun.0), format!("{}{}", topic.1, noun.1)),
        };
        let picked: [usize; 3] = [dice.index(4), 4 + dice.index(4), 8 + dice.index(4)];
        Self { title_en, title_zh, noun, parts: picked.map(|i| PARTS[i]), benefit: *dice.pick(BENEFITS), document }
    }

    fn abstract_en(&self) -> String {
        let [a, b, c] = self.parts;
        format!(
            "The invention discloses {}. The {} comprises {}, {} and {}. The {} is connected to the {}, so that {}.",
            with_article(&self.title_en.to_lowercase()),
            self.noun.0,
            with_article(a.0),
            with_article(b.0),
            with_article(c.0),
            a.0,
            b.0,
            self.benefit.0
        )
    }

    fn abstract_zh(&self) -> String {
        let [a, b, c] = self.parts;
        let lead = if self.document == Document::UtilityModel { "本实用新型" } else { "本发明" };
        format!(
            "{lead}公开了{}。所述{}包括{}、{}和{}，所述{}与{}连接，从而{}。",
            self.title_zh, self.noun.1, a.1, b.1, c.1, a.1, b.1, self.benefit.1
        )
    }

    fn claims_en(&self) -> Vec<String> {
        let [a, b, c] = self.parts;
        vec![
            format!(
                "1. {} comprising {}, {} and {}, wherein the {} is connected to the {}.",
                capitalise(&with_article(self.noun.0)),
                with_article(a.0),
                with_article(b.0),
                with_article(c.0),
                a.0,
                b.0
            ),
            format!("2. The {} according to claim 1, wherein the {} is mounted on the {}.", self.noun.0, c.0, a.0),
        ]
    }

    fn claims_zh(&self) -> Vec<String> {
        let [a, b, c] = self.parts;
        vec![
            format!("1. 一种{}，其特征在于，包括{}、{}和{}，所述{}与{}连接。", self.noun.1, a.1, b.1, c.1, a.1, b.1),
            format!("2. 根据权利要求1所述的{}，其特征在于，所述{}安装在所述{}上。", self.noun.1, c.1, a.1),
        ]
    }
}

/// `apparatus` → `an apparatus`.
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {noun}")
}

/// `data processing` → `Data processing`.
fn capitalise(text: &str) -> String {
    let mut out = text.to_owned();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}
