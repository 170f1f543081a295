//! The 45 classes of the Nice Classification of goods and services, with short headings of our
//! own in the three UI languages. The official headings, notes and item lists are reference data
//! imported from the WIPO/CNIPA tables; these headings only label a class in the UI.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{InvalidValue, Locale};

/// Whether a class holds goods or services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NiceKind {
    /// Classes 1 to 34.
    Goods,
    /// Classes 35 to 45.
    Services,
}

/// A Nice class number, 1 to 45.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct NiceClass(u8);

impl NiceClass {
    /// The number of classes in the current (13th) edition.
    pub const COUNT: u8 = 45;

    /// The class with this number.
    pub fn new(number: u8) -> Result<Self, InvalidValue> {
        if (1..=Self::COUNT).contains(&number) {
            Ok(Self(number))
        } else {
            Err(InvalidValue::new("nice_class", "a Nice class number from 1 to 45"))
        }
    }

    /// Parses a class number as offices write it: `9`, `09` or `009`, spaces trimmed.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let digits = input.trim();
        match digits.parse::<u8>() {
            Ok(number) if digits.bytes().all(|b| b.is_ascii_digit()) => Self::new(number),
            _ => Err(InvalidValue::new("nice_class", "a Nice class number from 1 to 45")),
        }
    }

    /// Every class, in order.
    pub fn all() -> impl Iterator<Item = NiceClass> {
        (1..=Self::COUNT).map(NiceClass)
    }

    /// The class number.
    pub fn number(self) -> u8 {
        self.0
    }

    /// Goods (1–34) or services (35–45).
    pub fn kind(self) -> NiceKind {
        if self.0 <= 34 { NiceKind::Goods } else { NiceKind::Services }
    }

    /// A short heading of our own in `locale`, for labels; not the official class heading.
    pub fn heading(self, locale: Locale) -> &'static str {
        let [zh_hans, zh_hant, en] = HEADINGS[usize::from(self.0 - 1)];
        match locale {
            Locale::ZhHans => zh_hans,
            Locale::ZhHant => zh_hant,
            Locale::En => en,
        }
    }
}

impl fmt::Display for NiceClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl TryFrom<u8> for NiceClass {
    type Error = InvalidValue;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<NiceClass> for u8 {
    fn from(value: NiceClass) -> Self {
        value.0
    }
}

/// Short headings, class 1 first: zh-Hans, zh-Hant (Hong Kong usage), en.
const HEADINGS: [[&str; 3]; NiceClass::COUNT as usize] = [
    ["工业化学品、肥料", "工業化學品、肥料", "Industrial chemicals and fertilisers"],
    ["油漆、清漆、着色剂", "油漆、清漆、著色劑", "Paints, varnishes and colourants"],
    ["化妆品、清洁制剂", "化妝品、清潔製劑", "Cosmetics and cleaning preparations"],
    ["工业用油、燃料、蜡烛", "工業用油、燃料、蠟燭", "Industrial oils, fuels and candles"],
    ["药品、医用及兽医用制剂", "藥品、醫用及獸醫用製劑", "Pharmaceutical and veterinary preparations"],
    ["普通金属及其制品", "普通金屬及其製品", "Common metals and metal goods"],
    ["机器、机床、马达", "機器、機床、馬達", "Machines, machine tools and motors"],
    ["手工具、刀叉餐具", "手工具、刀叉餐具", "Hand tools and cutlery"],
    ["科学及电子仪器、软件", "科學及電子儀器、軟件", "Scientific and electronic apparatus, software"],
    ["医疗及牙科器械", "醫療及牙科器械", "Medical and dental apparatus"],
    [
        "照明、加热、制冷及卫生设备",
        "照明、加熱、製冷及衛生設備",
        "Lighting, heating, cooling and sanitary installations",
    ],
    ["车辆及运载工具", "車輛及運載工具", "Vehicles and conveyances"],
    ["火器、弹药、烟花", "火器、彈藥、煙花", "Firearms, ammunition and fireworks"],
    ["珠宝、贵金属、钟表", "珠寶、貴金屬、鐘錶", "Jewellery, precious metals and watches"],
    ["乐器", "樂器", "Musical instruments"],
    ["纸品、印刷品、文具", "紙品、印刷品、文具", "Paper goods, printed matter and stationery"],
    ["橡胶、塑料半成品、绝缘材料", "橡膠、塑膠半製品、絕緣材料", "Rubber, semi-finished plastics and insulation"],
    ["皮革制品、箱包、伞", "皮革製品、箱包、傘", "Leather goods, bags and umbrellas"],
    ["非金属建筑材料", "非金屬建築材料", "Non-metal building materials"],
    ["家具、镜子、相框", "家具、鏡子、相框", "Furniture, mirrors and picture frames"],
    ["家用及厨房器具、玻璃器皿", "家用及廚房器具、玻璃器皿", "Household and kitchen utensils, glassware"],
    ["绳索、网、帐篷、纤维原料", "繩索、網、帳篷、纖維原料", "Ropes, nets, tents and raw fibres"],
    ["纱和线", "紗和線", "Yarns and threads"],
    ["纺织品及家用织物", "紡織品及家用織物", "Textiles and household linen"],
    ["服装、鞋、帽", "服裝、鞋、帽", "Clothing, footwear and headwear"],
    [
        "花边、饰带、纽扣等缝纫用品；假花",
        "花邊、飾帶、鈕扣等縫紉用品；假花",
        "Lace, ribbons, buttons and notions; artificial flowers",
    ],
    ["地毯、地面及墙面覆盖物", "地毯、地面及牆面覆蓋物", "Carpets and floor and wall coverings"],
    ["游戏器具、玩具、体育用品", "遊戲器具、玩具、體育用品", "Games, toys and sporting goods"],
    ["肉、鱼、乳制品、加工食品", "肉、魚、乳製品、加工食品", "Meat, fish, dairy and processed foods"],
    [
        "咖啡、茶、谷物制品、糕点、调味品",
        "咖啡、茶、穀物製品、糕點、調味品",
        "Coffee, tea, cereal foods, bakery and condiments",
    ],
    ["生鲜农产品、活动物、种子、饲料", "生鮮農產品、活動物、種子、飼料", "Fresh produce, live animals, seeds and feed"],
    ["啤酒、无酒精饮料", "啤酒、無酒精飲料", "Beer and non-alcoholic drinks"],
    ["含酒精饮料（啤酒除外）", "含酒精飲料（啤酒除外）", "Alcoholic drinks other than beer"],
    ["烟草及烟具", "煙草及煙具", "Tobacco and smokers' articles"],
    ["广告、商业管理、零售服务", "廣告、商業管理、零售服務", "Advertising, business management and retail services"],
    ["金融、保险、不动产", "金融、保險、不動產", "Finance, insurance and real estate"],
    ["建筑、修理、安装", "建築、修理、安裝", "Construction, repair and installation"],
    ["电信", "電訊", "Telecommunications"],
    ["运输、仓储、旅行安排", "運輸、倉儲、旅行安排", "Transport, storage and travel arrangement"],
    ["材料处理、定制加工", "材料處理、訂製加工", "Treatment of materials and custom manufacturing"],
    [
        "教育、培训、娱乐、文体活动",
        "教育、培訓、娛樂、文體活動",
        "Education, training, entertainment, sport and culture",
    ],
    ["科技及信息技术服务", "科技及資訊科技服務", "Science, technology and IT services"],
    ["餐饮、临时住宿", "餐飲、臨時住宿", "Food and drink services, temporary accommodation"],
    ["医疗、美容、农业服务", "醫療、美容、農業服務", "Medical, beauty and agricultural services"],
    ["法律、安保及个人和社会服务", "法律、保安及個人和社會服務", "Legal, security, personal and social services"],
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_class_numbers_as_offices_write_them() {
        assert_eq!(NiceClass::parse(" 09 ").map(NiceClass::number), Ok(9));
        assert_eq!(NiceClass::parse("45").map(NiceClass::number), Ok(45));
        for bad in ["0", "46", "", "+9", "9a", "第9类", "-1", "300"] {
            assert_eq!(NiceClass::parse(bad).map_err(|e| e.field), Err("nice_class"), "{bad:?}");
        }
    }

    #[test]
    fn goods_end_at_34_and_every_class_has_three_headings() {
        assert_eq!(NiceClass::all().count(), 45);
        assert_eq!(NiceClass::all().filter(|c| c.kind() == NiceKind::Goods).count(), 34);
        assert_eq!(NiceClass::new(35).map(NiceClass::kind), Ok(NiceKind::Services));
        for class in NiceClass::all() {
            for locale in Locale::ALL {
                assert!(!class.heading(locale).trim().is_empty(), "class {class} lacks a {locale:?} heading");
            }
        }
        assert_eq!(NiceClass::new(25).map(|c| c.heading(Locale::En)), Ok("Clothing, footwear and headwear"));
    }

    /// The table covers exactly the classes of the current official edition.
    #[test]
    fn matches_the_classes_of_ncl_13_2026() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/nice-classification/ncl13-2026-class-headings-explanatory-notes.json"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} is absent");
            return;
        };
        let classes: Vec<serde_json::Value> = serde_json::from_str(&text).expect("a JSON array of classes");
        let mut numbers: Vec<u64> = classes.iter().filter_map(|c| c["number"].as_u64()).collect();
        assert_eq!(numbers.len(), classes.len(), "every class has a number");
        numbers.sort_unstable();
        let ours: Vec<u64> = NiceClass::all().map(|c| u64::from(c.number())).collect();
        assert_eq!(numbers, ours);
    }

    proptest! {
        #[test]
        fn parse_accepts_exactly_1_to_45(n in 0u32..1000) {
            let parsed = NiceClass::parse(&n.to_string());
            prop_assert_eq!(parsed.is_ok(), (1..=45).contains(&n));
            if let Ok(class) = parsed {
                prop_assert_eq!(u32::from(class.number()), n);
            }
        }

        #[test]
        fn parse_never_panics(input in "\\PC{0,8}") {
            let _ = NiceClass::parse(&input);
        }
    }
}
