//! Export markets, named by their ISO 3166-1 alpha-2 code or a regional office code.

use serde::{Deserialize, Serialize};

use crate::InvalidValue;

/// Regional IP offices that are markets in their own right (WIPO ST.3): EUIPO, the Madrid system,
/// the Benelux office, ARIPO, OAPI and the Gulf Cooperation Council office.
const REGIONAL: [&str; 6] = ["EM", "WO", "BX", "AP", "OA", "GC"];

/// A market an enterprise sells in: a two-letter country or regional office code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MarketCode(String);

impl MarketCode {
    /// Parses a two-letter code, ignoring case and spaces.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let code = input.trim().to_ascii_uppercase();
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(code))
        } else {
            Err(InvalidValue::new("export_markets", "two-letter ISO 3166 or WIPO ST.3 codes such as US, DE, EM"))
        }
    }

    /// Parses a list separated by commas, spaces or semicolons; duplicates are dropped, order kept.
    pub fn parse_list(input: &str) -> Result<Vec<Self>, InvalidValue> {
        let mut markets: Vec<Self> = Vec::new();
        for part in input.split([',', ';', ' ', '，', '、', '；']).filter(|p| !p.trim().is_empty()) {
            let market = Self::parse(part)?;
            if !markets.contains(&market) {
                markets.push(market);
            }
        }
        Ok(markets)
    }

    /// Whether this is a regional office rather than a country.
    pub fn is_regional(&self) -> bool {
        REGIONAL.contains(&self.0.as_str())
    }

    /// The code, upper case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for MarketCode {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<MarketCode> for String {
    fn from(value: MarketCode) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_accept_chinese_and_latin_separators() {
        let markets = MarketCode::parse_list("us, de；EM、us，jp").unwrap();
        let codes: Vec<&str> = markets.iter().map(MarketCode::as_str).collect();
        assert_eq!(codes, ["US", "DE", "EM", "JP"]);
        assert!(MarketCode::parse("EM").unwrap().is_regional());
        assert!(MarketCode::parse("USA").is_err());
        assert!(MarketCode::parse_list("US,1X").is_err());
    }
}
