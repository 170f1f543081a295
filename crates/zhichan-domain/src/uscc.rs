//! The unified social credit code (统一社会信用代码) of Chinese organisations, GB 32100-2015.
//!
//! Eighteen characters: registration authority (1), organisation category (1), administrative
//! division (6 digits), organisation code (9) and a check character. The alphabet is the digits
//! and the capitals without I, O, S, V and Z; the check character is `31 - (Σ wᵢ·cᵢ mod 31)` with
//! the weights `3ⁱ mod 31`, where 31 is written as `0`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::InvalidValue;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A unified social credit code whose length, alphabet and check character are valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Uscc(String);

impl Uscc {
    /// Parses a code, ignoring surrounding spaces and letter case.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let code = input.trim().to_ascii_uppercase();
        let invalid = |why: &str| InvalidValue::new("uscc", why);
        if code.len() != 18 {
            return Err(invalid("18 characters (GB 32100)"));
        }
        let values = code
            .bytes()
            .map(char_value)
            .collect::<Option<Vec<u32>>>()
            .ok_or_else(|| invalid("digits and capital letters other than I, O, S, V, Z"))?;
        if !code.as_bytes()[2..8].iter().all(u8::is_ascii_digit) {
            return Err(invalid("a 6-digit administrative division code in positions 3-8"));
        }
        if values[17] != check_value(&values[..17]) {
            return Err(invalid("a valid check character (the last character does not match)"));
        }
        Ok(Self(code))
    }

    /// Completes the first 17 characters of a code with its check character.
    /// Returns `None` when they contain a character outside the alphabet.
    pub fn with_check_character(first17: &str) -> Option<String> {
        let values = first17.bytes().map(char_value).collect::<Option<Vec<u32>>>()?;
        if values.len() != 17 {
            return None;
        }
        let check = ALPHABET[check_value(&values) as usize] as char;
        Some(format!("{first17}{check}"))
    }

    /// The code as written, in capitals.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn char_value(byte: u8) -> Option<u32> {
    ALPHABET.iter().position(|&c| c == byte).map(|p| p as u32)
}

fn check_value(values: &[u32]) -> u32 {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Uscc {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Uscc> for String {
    fn from(value: Uscc) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn accepts_published_codes() {
        // Codes printed on public business licences.
        for code in ["914403001922038216", "91440300708461136T", "91110000802100433B"] {
            assert_eq!(Uscc::parse(code).map(|c| c.to_string()), Ok(code.to_owned()), "{code}");
        }
    }

    #[test]
    fn normalises_case_and_spaces() {
        assert_eq!(Uscc::parse(" 91440300708461136t ").map(String::from), Ok("91440300708461136T".into()));
    }

    #[test]
    fn rejects_wrong_check_character() {
        let err = Uscc::parse("914403001922038217").unwrap_err();
        assert!(err.expected.contains("check character"), "{err}");
    }

    #[test]
    fn rejects_bad_length_alphabet_and_division() {
        assert!(Uscc::parse("91440300192203821").unwrap_err().expected.contains("18"));
        assert!(Uscc::parse("9144030019220382I6").unwrap_err().expected.contains("capital"));
        let with_letter_division = Uscc::with_check_character("9144A3001922038AB").unwrap();
        assert!(Uscc::parse(&with_letter_division).unwrap_err().expected.contains("division"));
    }

    proptest! {
        #[test]
        fn every_completed_code_parses(body in "[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{9}") {
            let code = Uscc::with_check_character(&body).unwrap();
            prop_assert!(Uscc::parse(&code).is_ok());
        }

        #[test]
        fn one_changed_character_is_caught(body in "[0-9]{17}", pos in 0usize..17, delta in 1u32..31) {
            let code = Uscc::with_check_character(&body).unwrap();
            let mut bytes = code.into_bytes();
            let old = char_value(bytes[pos]).unwrap();
            bytes[pos] = ALPHABET[((old + delta) % 31) as usize];
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(Uscc::parse(&changed).is_err());
        }
    }
}
