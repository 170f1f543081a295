//! The offices records are generated for, and their domain codes.

use zhichan_domain::{InvalidValue, OfficeCode};

/// An office the generator files trademarks or patents at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Office {
    Cn,
    Us,
    Em,
    Jp,
    Kr,
    Gb,
    In,
    Au,
    Br,
    De,
    Wo,
    Ca,
    Fr,
    Hk,
    Ep,
}

impl Office {
    /// Every office, in code-table order.
    pub(crate) const ALL: [Office; 15] = [
        Office::Cn,
        Office::Us,
        Office::Em,
        Office::Jp,
        Office::Kr,
        Office::Gb,
        Office::In,
        Office::Au,
        Office::Br,
        Office::De,
        Office::Wo,
        Office::Ca,
        Office::Fr,
        Office::Hk,
        Office::Ep,
    ];

    /// The WIPO ST.3 code.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Office::Cn => "CN",
            Office::Us => "US",
            Office::Em => "EM",
            Office::Jp => "JP",
            Office::Kr => "KR",
            Office::Gb => "GB",
            Office::In => "IN",
            Office::Au => "AU",
            Office::Br => "BR",
            Office::De => "DE",
            Office::Wo => "WO",
            Office::Ca => "CA",
            Office::Fr => "FR",
            Office::Hk => "HK",
            Office::Ep => "EP",
        }
    }

    /// Whether the register is kept in Chinese (names and goods printed in Chinese).
    pub(crate) fn chinese(self) -> bool {
        self == Office::Cn
    }
}

/// The domain's [`OfficeCode`] of every [`Office`], parsed once.
#[derive(Debug, Clone)]
pub(crate) struct OfficeCodes([OfficeCode; 15]);

impl OfficeCodes {
    /// Parses the table. It cannot fail for the literals above (a unit test checks them); the error
    /// path exists so that a change in the domain's rules shows up as an error, not a panic.
    pub(crate) fn new() -> Result<Self, InvalidValue> {
        let mut codes = Vec::with_capacity(Office::ALL.len());
        for office in Office::ALL {
            codes.push(OfficeCode::parse(office.as_str())?);
        }
        codes.try_into().map(Self).map_err(|_| InvalidValue::new("office", "one code per office"))
    }

    /// The code of `office`.
    pub(crate) fn get(&self, office: Office) -> OfficeCode {
        self.0[office as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_office_has_a_valid_code_in_table_order() {
        let codes = OfficeCodes::new().expect("valid codes");
        for (i, office) in Office::ALL.iter().enumerate() {
            assert_eq!(*office as usize, i);
            assert_eq!(codes.get(*office).as_str(), office.as_str());
        }
    }
}
