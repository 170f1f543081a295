//! The two-letter codes WIPO Standard ST.3 gives to states, territories and intergovernmental
//! organisations that hold or publish IP records. A record naming any other office is refused
//! at import: an unknown code is a corrupt field, not a new office.

/// ISO 3166-1 alpha-2 codes (as ST.3 uses them), historical states still found in old records,
/// and the ST.3 organisation codes.
const CODES: &[&str] = &[
    // ISO 3166-1 alpha-2.
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD",
    "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA",
    "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE",
    "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA",
    "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK",
    "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP",
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT",
    "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",
    "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
    "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS",
    "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST",
    "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
    "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA",
    "ZM", "ZW",
    // Codes ST.3 keeps for states and territories that no longer exist, still cited by old records.
    "AN", "CS", "DD", "SU", "YU", // ST.3 organisation codes.
    "AP", "BX", "EA", "EM", "EP", "GC", "IB", "OA", "QZ", "WO", "XN", "XU", "XV",
];

/// Whether `code` (two upper-case letters) is an ST.3 code.
pub fn is_known(code: &str) -> bool {
    CODES.contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_2007_list_is_covered() {
        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/wipo-st3-office-codes/st3_codes_v2007.csv");
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} is absent");
            return;
        };
        let missing: Vec<&str> =
            text.lines().skip(1).filter_map(|l| l.split(',').next()).filter(|code| !is_known(code)).collect();
        assert!(missing.is_empty(), "ST.3 codes missing from the table: {missing:?}");
    }

    #[test]
    fn made_up_codes_are_unknown() {
        assert!(is_known("CN") && is_known("EM") && is_known("WO"));
        assert!(!is_known("ZZ") && !is_known("XY") && !is_known("cn"));
    }
}
