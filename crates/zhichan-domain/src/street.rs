//! The ten streets (街道) of Bao'an District, where the platform's enterprises and stations sit.

use serde::{Deserialize, Serialize};

use crate::{InvalidValue, Locale};

/// One of Bao'an's ten streets. The stable code is the pinyin name in snake case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Street {
    /// 新安街道
    XinAn,
    /// 西乡街道
    Xixiang,
    /// 航城街道
    Hangcheng,
    /// 福永街道
    Fuyong,
    /// 福海街道
    Fuhai,
    /// 沙井街道
    Shajing,
    /// 新桥街道
    Xinqiao,
    /// 松岗街道
    Songgang,
    /// 燕罗街道
    Yanluo,
    /// 石岩街道
    Shiyan,
}

impl Street {
    /// All ten streets, in the district's customary order.
    pub const ALL: [Street; 10] = [
        Street::XinAn,
        Street::Xixiang,
        Street::Hangcheng,
        Street::Fuyong,
        Street::Fuhai,
        Street::Shajing,
        Street::Xinqiao,
        Street::Songgang,
        Street::Yanluo,
        Street::Shiyan,
    ];

    /// The stable code used in URLs, the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            Street::XinAn => "xin_an",
            Street::Xixiang => "xixiang",
            Street::Hangcheng => "hangcheng",
            Street::Fuyong => "fuyong",
            Street::Fuhai => "fuhai",
            Street::Shajing => "shajing",
            Street::Xinqiao => "xinqiao",
            Street::Songgang => "songgang",
            Street::Yanluo => "yanluo",
            Street::Shiyan => "shiyan",
        }
    }

    /// The street's name in the given language.
    pub fn name(self, locale: Locale) -> &'static str {
        let (hans, hant, en) = match self {
            Street::XinAn => ("新安", "新安", "Xin'an"),
            Street::Xixiang => ("西乡", "西鄉", "Xixiang"),
            Street::Hangcheng => ("航城", "航城", "Hangcheng"),
            Street::Fuyong => ("福永", "福永", "Fuyong"),
            Street::Fuhai => ("福海", "福海", "Fuhai"),
            Street::Shajing => ("沙井", "沙井", "Shajing"),
            Street::Xinqiao => ("新桥", "新橋", "Xinqiao"),
            Street::Songgang => ("松岗", "松崗", "Songgang"),
            Street::Yanluo => ("燕罗", "燕羅", "Yanluo"),
            Street::Shiyan => ("石岩", "石巖", "Shiyan"),
        };
        match locale {
            Locale::ZhHans => hans,
            Locale::ZhHant => hant,
            Locale::En => en,
        }
    }

    /// Parses a street from its code or its Chinese name (with or without 街道).
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let input = input.trim();
        let bare = input.strip_suffix("街道").unwrap_or(input);
        Street::ALL
            .into_iter()
            .find(|s| s.code() == input || s.name(Locale::ZhHans) == bare || s.name(Locale::ZhHant) == bare)
            .ok_or_else(|| {
                let codes: Vec<&str> = Street::ALL.iter().map(|s| s.code()).collect();
                InvalidValue::new("street", format!("one of Bao'an's streets: {}", codes.join(", ")))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_round_trip() {
        for street in Street::ALL {
            assert_eq!(Street::parse(street.code()), Ok(street));
            assert_eq!(Street::parse(street.name(Locale::ZhHans)), Ok(street));
            assert_eq!(Street::parse(&format!("{}街道", street.name(Locale::ZhHant))), Ok(street));
        }
    }

    #[test]
    fn unknown_street_lists_the_valid_codes() {
        let err = Street::parse("南山").unwrap_err();
        assert_eq!(err.field, "street");
        assert!(err.expected.contains("shiyan"));
    }
}
