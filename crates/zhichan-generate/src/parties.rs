//! Owners, agents and inventors.
//!
//! Owners form one pool of 2²⁰ companies shared by trademarks and patents, so the same applicant
//! files both, as large filers do. Owner `rank` is rebuilt from its own seeded stream when drawn;
//! filings pick ranks from a mix of a Zipf-like head (a few owners with thousands of filings) and a
//! uniform tail (most owners file once or twice).

use zhichan_domain::records::{Address, Party};

use crate::dice::{Dice, Stream};
use crate::words::{ChineseWord, Hanzi, invent_latin};

/// Ranks in the owner pool, as a power of two.
const OWNER_POOL_BITS: u32 = 20;

/// Share (per mille) of filings drawn from the Zipf-like head rather than uniformly.
const HEAD_SHARE_PER_MILLE: u64 = 150;

/// Country of incorporation of owners, weighted towards where marks and patents are filed from.
const OWNER_COUNTRIES: &[(&str, u32)] = &[
    ("CN", 520),
    ("US", 120),
    ("JP", 50),
    ("KR", 45),
    ("DE", 40),
    ("GB", 30),
    ("FR", 25),
    ("IT", 20),
    ("IN", 30),
    ("AU", 12),
    ("BR", 14),
    ("CH", 18),
    ("NL", 10),
    ("ES", 10),
    ("SE", 8),
    ("CA", 12),
    ("TW", 16),
    ("HK", 20),
];

/// Chinese cities as (Chinese, pinyin, province).
const CN_CITIES: &[(&str, &str, &str)] = &[
    ("深圳市", "Shenzhen", "广东省"),
    ("广州市", "Guangzhou", "广东省"),
    ("东莞市", "Dongguan", "广东省"),
    ("佛山市", "Foshan", "广东省"),
    ("上海", "Shanghai", "上海市"),
    ("北京", "Beijing", "北京市"),
    ("杭州市", "Hangzhou", "浙江省"),
    ("宁波市", "Ningbo", "浙江省"),
    ("温州市", "Wenzhou", "浙江省"),
    ("义乌市", "Yiwu", "浙江省"),
    ("苏州市", "Suzhou", "江苏省"),
    ("南京市", "Nanjing", "江苏省"),
    ("成都市", "Chengdu", "四川省"),
    ("武汉市", "Wuhan", "湖北省"),
    ("厦门市", "Xiamen", "福建省"),
    ("泉州市", "Quanzhou", "福建省"),
    ("青岛市", "Qingdao", "山东省"),
    ("天津", "Tianjin", "天津市"),
    ("重庆", "Chongqing", "重庆市"),
    ("西安市", "Xi'an", "陕西省"),
];

/// Line of business in Chinese company names, with the English their own translations use.
const CN_INDUSTRIES: &[(&str, &str)] = &[
    ("电子科技", "Electronic Technology"),
    ("科技", "Technology"),
    ("贸易", "Trading"),
    ("食品", "Food"),
    ("服饰", "Garment"),
    ("生物科技", "Biotechnology"),
    ("网络科技", "Network Technology"),
    ("化妆品", "Cosmetics"),
    ("实业", "Industrial"),
    ("文化传媒", "Culture Media"),
    ("餐饮管理", "Catering Management"),
    ("智能科技", "Intelligent Technology"),
    ("家居", "Home Furnishing"),
    ("医疗器械", "Medical Instrument"),
    ("新能源", "New Energy"),
];

/// Company forms of Chinese companies, weighted.
const CN_FORMS: &[((&str, &str), u32)] =
    &[(("有限公司", "Co., Ltd."), 80), (("股份有限公司", "Co., Ltd."), 14), (("集团有限公司", "Group Co., Ltd."), 6)];

/// Lines of business in other companies' names.
const INDUSTRIES_EN: &[&str] = &[
    "Technologies",
    "Foods",
    "Pharma",
    "Cosmetics",
    "Apparel",
    "Electronics",
    "Industries",
    "Systems",
    "Brands",
    "Labs",
    "Motors",
    "Home",
];

/// Cities of other owner countries, for addresses.
const CITIES: &[(&str, &[&str])] = &[
    ("US", &["New York", "San Jose", "Seattle", "Austin", "Chicago", "Boston"]),
    ("JP", &["Tokyo", "Osaka", "Kyoto", "Nagoya"]),
    ("KR", &["Seoul", "Suwon", "Busan"]),
    ("DE", &["München", "Stuttgart", "Hamburg", "Berlin"]),
    ("GB", &["London", "Manchester", "Cambridge"]),
    ("FR", &["Paris", "Lyon", "Toulouse"]),
    ("IT", &["Milano", "Torino", "Bologna"]),
    ("IN", &["Mumbai", "Bengaluru", "New Delhi", "Chennai"]),
    ("AU", &["Sydney", "Melbourne", "Brisbane"]),
    ("BR", &["São Paulo", "Rio de Janeiro", "Curitiba"]),
    ("CH", &["Zürich", "Basel", "Geneva"]),
    ("NL", &["Amsterdam", "Eindhoven", "Rotterdam"]),
    ("ES", &["Madrid", "Barcelona", "Valencia"]),
    ("SE", &["Stockholm", "Göteborg"]),
    ("CA", &["Toronto", "Vancouver", "Montréal"]),
    ("TW", &["Taipei", "Hsinchu", "Taichung"]),
    ("HK", &["Hong Kong"]),
];

/// Legal forms by country of incorporation.
fn legal_forms(country: &str) -> &'static [&'static str] {
    match country {
        "US" => &["Inc.", "LLC", "Corporation"],
        "DE" => &["GmbH", "AG", "GmbH & Co. KG"],
        "GB" => &["Ltd", "Limited", "PLC"],
        "FR" => &["SAS", "S.A."],
        "IT" => &["S.p.A.", "S.r.l."],
        "JP" => &["Co., Ltd.", "Corporation", "Kabushiki Kaisha"],
        "KR" => &["Co., Ltd.", "Corporation"],
        "IN" => &["Private Limited", "Limited"],
        "AU" => &["Pty Ltd"],
        "BR" => &["Ltda.", "S.A."],
        "CH" => &["AG", "SA"],
        "NL" => &["B.V.", "N.V."],
        "ES" => &["S.L.", "S.A."],
        "SE" => &["AB"],
        "CA" => &["Inc.", "Ltd."],
        _ => &["Co., Ltd.", "Limited"],
    }
}

/// A company of the owner pool.
#[derive(Debug, Clone)]
pub(crate) struct Owner {
    /// Country of incorporation (ST.3).
    pub(crate) country: &'static str,
    /// The name registers in the owner's country print: Chinese for Chinese companies.
    pub(crate) name_local: String,
    /// The name used abroad (Latin script).
    pub(crate) name_latin: String,
    /// City as printed at home.
    city_local: &'static str,
    /// City as printed abroad.
    city_latin: &'static str,
    /// Province or state, when the country uses them in addresses.
    region: Option<&'static str>,
}

impl Owner {
    /// The owner at `rank` of the pool.
    pub(crate) fn at(seed: u64, rank: u64) -> Self {
        let mut dice = Dice::new(seed, Stream::Owner, rank);
        let country = *dice.weighted(OWNER_COUNTRIES);
        if country == "CN" {
            let &(city, city_pinyin, province) = dice.pick(CN_CITIES);
            let brand = ChineseWord::invent(&mut dice);
            let &(industry_zh, industry_en) = dice.pick(CN_INDUSTRIES);
            let &(form_zh, form_en) = dice.weighted(CN_FORMS);
            let city_short = city.trim_end_matches('市');
            Self {
                country,
                name_local: format!("{city}{}{industry_zh}{form_zh}", brand.text()),
                name_latin: format!("{city_pinyin} {} {industry_en} {form_en}", brand.pinyin_title()),
                city_local: city_short,
                city_latin: city_pinyin,
                region: Some(province),
            }
        } else {
            let word = title_word(&invent_latin(&mut dice));
            let form = dice.pick(legal_forms(country));
            let name = if dice.chance(550) {
                format!("{word} {} {form}", dice.pick(INDUSTRIES_EN))
            } else {
                format!("{word} {form}")
            };
            let cities = CITIES.iter().find(|(c, _)| *c == country).map_or(&["Capital"][..], |(_, list)| *list);
            let city = *dice.pick(cities);
            Self {
                country,
                name_local: name.clone(),
                name_latin: name,
                city_local: city,
                city_latin: city,
                region: None,
            }
        }
    }

    /// The owner as a party of a filing at an office whose register is Chinese (`chinese`) or not.
    pub(crate) fn party(&self, chinese: bool) -> Party {
        let (name, city) = if chinese && self.country == "CN" {
            (self.name_local.clone(), self.city_local)
        } else {
            (self.name_latin.clone(), self.city_latin)
        };
        Party {
            name,
            country: Some(self.country.to_owned()),
            address: Some(Address {
                lines: Vec::new(),
                city: Some(city.to_owned()),
                region: self.region.filter(|_| chinese).map(str::to_owned),
                postcode: None,
                country: Some(self.country.to_owned()),
            }),
        }
    }
}

/// A rank in the owner pool for one filing.
pub(crate) fn draw_owner_rank(dice: &mut Dice) -> u64 {
    if dice.chance(HEAD_SHARE_PER_MILLE) { dice.zipf_rank(OWNER_POOL_BITS) } else { dice.below(1 << OWNER_POOL_BITS) }
}

/// `SOLANDO` → `Solando`.
fn title_word(word: &str) -> String {
    let mut out = word.to_ascii_lowercase();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// Common Chinese surnames.
const CN_SURNAMES: &[Hanzi] = &[
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("黄", "Huang"),
    ("赵", "Zhao"),
    ("吴", "Wu"),
    ("周", "Zhou"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("马", "Ma"),
    ("朱", "Zhu"),
    ("胡", "Hu"),
    ("郭", "Guo"),
    ("何", "He"),
    ("林", "Lin"),
    ("高", "Gao"),
    ("罗", "Luo"),
];

/// Characters common in Chinese given names.
const CN_GIVEN: &[Hanzi] = &[
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("霞", "xia"),
    ("平", "ping"),
    ("文", "wen"),
    ("华", "hua"),
    ("建", "jian"),
    ("国", "guo"),
    ("志", "zhi"),
    ("海", "hai"),
    ("宇", "yu"),
    ("浩", "hao"),
    ("欣", "xin"),
    ("婷", "ting"),
    ("晨", "chen"),
    ("佳", "jia"),
];

const WESTERN_GIVEN: &[&str] = &[
    "James", "Mary", "John", "Anna", "Michael", "Laura", "David", "Sarah", "Thomas", "Julia", "Peter", "Emma",
    "Daniel", "Sophie", "Markus", "Claire", "Luca", "Elena", "Pierre", "Ingrid",
];
const WESTERN_FAMILY: &[&str] = &[
    "Smith",
    "Johnson",
    "Brown",
    "Miller",
    "Davis",
    "Wilson",
    "Taylor",
    "Müller",
    "Schmidt",
    "Weber",
    "Martin",
    "Dubois",
    "Rossi",
    "Bianchi",
    "Garcia",
    "Jensen",
    "Andersson",
    "Novak",
    "Clarke",
    "Evans",
];
const JP_GIVEN: &[&str] =
    &["Hiroshi", "Takashi", "Yuki", "Kenji", "Akira", "Naoko", "Yoko", "Satoshi", "Daisuke", "Haruka"];
const JP_FAMILY: &[&str] =
    &["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"];
const KR_GIVEN: &[&str] =
    &["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Jun-seo", "Ji-woo", "Hyun-woo", "Soo-bin", "Dong-hyun", "Ye-jin"];
const KR_FAMILY: &[&str] = &["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"];

/// A person (inventor, examiner, individual applicant) from `country`, named as a register in
/// Chinese (`chinese`) or Latin script would print them.
pub(crate) fn person(dice: &mut Dice, country: &str, chinese: bool) -> Party {
    let name = match country {
        "CN" | "TW" | "HK" => {
            let &(family_zh, family_en) = dice.pick(CN_SURNAMES);
            let given: Vec<Hanzi> = (0..dice.between(1, 2)).map(|_| *dice.pick(CN_GIVEN)).collect();
            if chinese {
                let mut name = family_zh.to_owned();
                given.iter().for_each(|c| name.push_str(c.0));
                name
            } else {
                let pinyin: String = given.iter().map(|c| c.1).collect();
                format!("{} {family_en}", title_word(&pinyin))
            }
        }
        "JP" => format!("{} {}", dice.pick(JP_GIVEN), dice.pick(JP_FAMILY)),
        "KR" => format!("{} {}", dice.pick(KR_FAMILY), dice.pick(KR_GIVEN)),
        _ => format!("{} {}", dice.pick(WESTERN_GIVEN), dice.pick(WESTERN_FAMILY)),
    };
    Party { name, country: Some(country.to_owned()), address: None }
}

/// A trademark or patent agency of record at a Chinese-language register or elsewhere.
pub(crate) fn agency(dice: &mut Dice, chinese: bool) -> Party {
    let name = if chinese {
        let &(city, _, _) = dice.pick(CN_CITIES);
        let word = ChineseWord::invent(dice);
        let kind = dice.pick(&["知识产权代理有限公司", "商标代理有限公司", "商标事务所有限公司"]);
        format!("{city}{}{kind}", word.text())
    } else {
        let a = dice.pick(WESTERN_FAMILY);
        let b = dice.pick(WESTERN_FAMILY);
        match dice.below(3) {
            0 => format!("{a} & {b} LLP"),
            1 => format!("{a} IP Ltd"),
            _ => format!("{a} {b} Patent Attorneys"),
        }
    };
    Party { name, country: None, address: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_stable_per_rank() {
        let a = Owner::at(1, 77);
        let b = Owner::at(1, 77);
        assert_eq!(a.name_latin, b.name_latin);
        assert_eq!(a.name_local, b.name_local);
    }

    #[test]
    fn chinese_owners_have_chinese_and_english_names() {
        let owner = (0..200).map(|rank| Owner::at(3, rank)).find(|o| o.country == "CN");
        let Some(owner) = owner else { panic!("no Chinese owner in 200 ranks") };
        assert!(owner.name_local.ends_with("公司"), "{}", owner.name_local);
        assert!(owner.name_latin.is_ascii(), "{}", owner.name_latin);
        assert!(owner.party(true).name.ends_with("公司"));
        assert_eq!(owner.party(false).name, owner.name_latin);
    }

    #[test]
    fn people_are_named_by_script() {
        let mut dice = Dice::new(1, Stream::Patent, 0);
        let zh = person(&mut dice, "CN", true).name;
        assert!((2..=3).contains(&zh.chars().count()), "{zh}");
        assert!(person(&mut dice, "CN", false).name.is_ascii());
    }
}
