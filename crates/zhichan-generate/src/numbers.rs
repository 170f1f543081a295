//! Unique, office-shaped numbers without shared state.
//!
//! A record's numbers come from its index through a bijection, so they are unique however records
//! are split across files and threads, and look scattered like real serials rather than counting up.
//! Each number family uses its own multiplier, so a record's application and registration numbers
//! are unrelated.

/// The serial space: 7-digit numbers 1 000 000–9 999 999, as most offices' serials have.
const SPACE: u64 = 9_000_000;

/// A number family: which multiplier scrambles the index.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Family {
    /// Trademark application numbers.
    MarkApplication,
    /// Trademark registration numbers (where they differ from the application number).
    MarkRegistration,
    /// Patent publication numbers.
    PatentPublication,
    /// Patent application numbers.
    PatentApplication,
}

impl Family {
    /// Multipliers coprime to 9 000 000 (not divisible by 2, 3 or 5), so `index × m mod SPACE` is
    /// a bijection.
    fn multiplier(self) -> u64 {
        match self {
            Family::MarkApplication => 7_654_321,
            Family::MarkRegistration => 4_999_963,
            Family::PatentPublication => 6_182_039,
            Family::PatentApplication => 2_718_283,
        }
    }
}

/// A serial unique per index within `family`: 7 digits with a non-zero first digit for the first
/// nine million indexes, then 8 and more digits (still unique).
pub(crate) fn serial(family: Family, index: u64) -> u64 {
    // The shift keeps index 0 from mapping to the round number 1 000 000.
    let (high, low) = (index / SPACE, (index % SPACE + 1_234_567) % SPACE);
    let scrambled = (u128::from(low) * u128::from(family.multiplier()) % u128::from(SPACE)) as u64;
    high * 10_000_000 + 1_000_000 + scrambled
}

/// The check character CNIPA appends to application numbers (`202310123456.7`): the digits
/// weighted 2, 3, …, 9, 2, 3, … summed modulo 11, with 10 written `X`.
pub(crate) fn cn_check(digits: &str) -> char {
    let sum: u32 = digits
        .bytes()
        .filter(u8::is_ascii_digit)
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * (2 + (i as u32 % 8)))
        .sum();
    match sum % 11 {
        10 => 'X',
        n => char::from_digit(n, 10).unwrap_or('0'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn serials_are_unique_and_seven_digits() {
        let mut seen = HashSet::new();
        for index in 0..200_000 {
            let s = serial(Family::MarkApplication, index);
            assert!((1_000_000..10_000_000).contains(&s));
            assert!(seen.insert(s));
        }
    }

    #[test]
    fn serials_stay_unique_past_the_seven_digit_space() {
        let a = serial(Family::PatentPublication, 5);
        let b = serial(Family::PatentPublication, SPACE + 5);
        assert_ne!(a, b);
        assert_eq!(b.to_string().len(), 8);
    }

    #[test]
    fn families_differ() {
        assert_ne!(serial(Family::MarkApplication, 1), serial(Family::MarkRegistration, 1));
    }

    #[test]
    fn cn_check_is_a_digit_or_x() {
        for digits in ["202310123456", "201820001234", "000000000000"] {
            let c = cn_check(digits);
            assert!(c.is_ascii_digit() || c == 'X');
        }
        assert_eq!(cn_check("000000000000"), '0');
    }
}
