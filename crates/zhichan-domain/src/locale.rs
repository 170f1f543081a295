//! The three languages of the user interface.

use serde::{Deserialize, Serialize};

/// A UI language. Simplified Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    /// 简体中文
    #[default]
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// 繁體中文
    #[serde(rename = "zh-Hant")]
    ZhHant,
    /// English
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// Every supported language, default first.
    pub const ALL: [Locale; 3] = [Locale::ZhHans, Locale::ZhHant, Locale::En];

    /// The BCP 47 tag, as used in `<html lang>`, cookies and URLs.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhHans => "zh-Hans",
            Locale::ZhHant => "zh-Hant",
            Locale::En => "en",
        }
    }

    /// The language's own name for itself.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::ZhHans => "简体中文",
            Locale::ZhHant => "繁體中文",
            Locale::En => "English",
        }
    }

    /// Reads an exact tag as produced by [`Locale::tag`].
    pub fn from_tag(tag: &str) -> Option<Self> {
        Locale::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// Picks the best language for an HTTP `Accept-Language` header, honouring q-values.
    /// Traditional-script regions (TW, HK, MO) map to zh-Hant.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut choices: Vec<(f32, usize, Locale)> = header
            .split(',')
            .enumerate()
            .filter_map(|(order, part)| {
                let mut pieces = part.trim().split(';');
                let range = pieces.next()?.trim().to_ascii_lowercase();
                let quality =
                    pieces.find_map(|p| p.trim().strip_prefix("q=")).map_or(Some(1.0), |q| q.parse::<f32>().ok())?;
                Some((quality, order, Self::from_language_range(&range)?))
            })
            .filter(|(q, _, _)| *q > 0.0)
            .collect();
        choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        choices.first().map(|c| c.2)
    }

    fn from_language_range(range: &str) -> Option<Self> {
        if range == "en" || range.starts_with("en-") {
            return Some(Locale::En);
        }
        if range != "zh" && !range.starts_with("zh-") {
            return None;
        }
        let traditional = ["hant", "tw", "hk", "mo"].iter().any(|t| range.split('-').any(|s| s == *t));
        Some(if traditional { Locale::ZhHant } else { Locale::ZhHans })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_respects_quality_and_region() {
        assert_eq!(Locale::from_accept_language("en-US,en;q=0.9"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("zh-HK,zh;q=0.9"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_accept_language("zh-TW"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_accept_language("fr;q=1, zh-CN;q=0.5, en;q=0.8"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("zh-Hant-TW;q=0.2, zh-CN;q=0.7"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_accept_language("de, fr"), None);
        assert_eq!(Locale::from_accept_language("en;q=0"), None);
    }

    #[test]
    fn tags_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
    }
}
