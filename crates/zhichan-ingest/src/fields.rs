//! Value parsers shared by the readers: dates in the offices' many spellings, class numbers,
//! classification symbols. Each returns a [`FieldError`] naming the field and what it expected.

use chrono::NaiveDate;
use zhichan_domain::NiceClass;

use crate::error::FieldError;

/// Parses the date spellings found in office data: `20240925`, `2024-09-25`, and ISO dates with
/// a zone suffix (`2000-04-03-04:00`, `2000-04-03Z`), whose zone is dropped because the offices
/// mean a calendar day. Empty, all-zero and day-00 values (`19010500`, month precision only) are
/// "no date".
pub(crate) fn date(field: &str, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() || raw.bytes().all(|b| b == b'0') {
        return Ok(None);
    }
    let invalid = || FieldError::invalid(field, raw, "a date as YYYYMMDD or YYYY-MM-DD");
    let digits: String = if raw.len() >= 10 && raw.as_bytes()[4] == b'-' && raw.as_bytes()[7] == b'-' {
        let (day, zone) = raw.split_at(10);
        if !(zone.is_empty() || zone == "Z" || is_zone_offset(zone)) {
            return Err(invalid());
        }
        day.chars().filter(|c| *c != '-').collect()
    } else {
        raw.to_owned()
    };
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    if digits.ends_with("00") {
        return Ok(None);
    }
    NaiveDate::parse_from_str(&digits, "%Y%m%d").map(Some).map_err(|_| invalid())
}

fn is_zone_offset(zone: &str) -> bool {
    let b = zone.as_bytes();
    b.len() == 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[1..3].iter().all(u8::is_ascii_digit)
        && b[3] == b':'
        && b[4..6].iter().all(u8::is_ascii_digit)
}

/// An optional date field: absent is `None`, present must parse.
pub(crate) fn opt_date(field: &str, raw: Option<String>) -> Result<Option<NaiveDate>, FieldError> {
    match raw {
        Some(raw) => date(field, &raw),
        None => Ok(None),
    }
}

/// A Nice class number (`016`, `9`) as 1–45; `None` for the non-Nice codes some offices put in
/// the same field (USPTO `A`, `B`, `200` for certification and collective marks).
pub(crate) fn nice_class(raw: &str) -> Option<NiceClass> {
    NiceClass::parse(raw).ok()
}

/// A class field: a Nice class, or `None` for the USPTO's non-Nice classes of certification
/// (`A`, `B`) and collective membership (`200`) marks; anything else (other words, numbers
/// outside 1–45) is an error.
pub(crate) fn class_number(field: &str, raw: &str) -> Result<Option<NiceClass>, FieldError> {
    match NiceClass::parse(raw) {
        Ok(class) => Ok(Some(class)),
        Err(_) if matches!(raw.trim(), "A" | "B" | "200") => Ok(None),
        Err(invalid) => Err(FieldError::invalid(field, raw, &invalid.expected)),
    }
}

/// Formats an IPC/CPC symbol from its parts as `A45F 5/04`.
pub(crate) fn classification_symbol(section_class_subclass: &str, main_group: &str, subgroup: &str) -> String {
    let main = main_group.trim().trim_start_matches('0');
    let main = if main.is_empty() { "0" } else { main };
    let sub = subgroup.trim();
    let sub = if sub.is_empty() { "00" } else { sub };
    format!("{} {main}/{sub}", section_class_subclass.trim())
}

/// Parses the fixed-width IPC of USPTO files before 2006 (`A45F  504`, `H01L 21/3205`) into
/// `A45F 5/04` style: four characters of subclass, three of main group, then the subgroup.
pub(crate) fn fixed_width_ipc(raw: &str) -> Option<String> {
    let raw = raw.trim_end();
    if raw.contains('/') {
        let (head, sub) = raw.split_once('/')?;
        let subclass: String = head.chars().take(4).collect();
        let main: String = head.chars().skip(4).collect();
        return Some(classification_symbol(&subclass, &main, sub));
    }
    if raw.len() < 5 || !raw.is_char_boundary(4) {
        return None;
    }
    let (subclass, rest) = raw.split_at(4);
    let split = rest.len().min(3);
    if !rest.is_char_boundary(split) {
        return None;
    }
    let (main, sub) = rest.split_at(split);
    if main.trim().is_empty() {
        return None;
    }
    Some(classification_symbol(subclass, main, sub))
}

/// Parses the IPC of an ST.36/EPO `classification-ipcr/text`: subclass, main group, `/`, subgroup,
/// then version date and flags, in loosely fixed columns (`H04W  4/02  20090101AFI20090101BHEP`,
/// `B28B   7/    00            A I`) into `H04W 4/02`. `None` unless it has that shape.
pub(crate) fn ipcr_text(raw: &str) -> Option<String> {
    let raw = raw.trim_start();
    let subclass = raw.get(..4)?;
    let shape = subclass.as_bytes();
    let subclass_ok = shape[0].is_ascii_uppercase()
        && shape[1].is_ascii_digit()
        && shape[2].is_ascii_digit()
        && shape[3].is_ascii_uppercase();
    let (main, rest) = raw[4..].split_once('/')?;
    let main = main.trim();
    let sub = rest.split_whitespace().next()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (subclass_ok && digits(main) && digits(sub)).then(|| classification_symbol(subclass, main, sub))
}

/// Design search codes printed without dots (`230308`) get the usual `23.03.08` form.
pub(crate) fn dotted_design_code(raw: &str) -> String {
    let raw = raw.trim();
    if raw.len() == 6 && raw.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}.{}.{}", &raw[0..2], &raw[2..4], &raw[4..6])
    } else {
        raw.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_in_office_spellings() {
        assert_eq!(date("f", "20240925"), Ok(d(2024, 9, 25)));
        assert_eq!(date("f", "2000-04-03-04:00"), Ok(d(2000, 4, 3)));
        assert_eq!(date("f", "2003-05-06"), Ok(d(2003, 5, 6)));
        assert_eq!(date("f", "2003-05-06Z"), Ok(d(2003, 5, 6)));
        assert_eq!(date("f", " "), Ok(None));
        assert_eq!(date("f", "00000000"), Ok(None));
        assert_eq!(date("f", "19010500"), Ok(None));
    }

    #[test]
    fn bad_dates_name_the_field() {
        for bad in ["2024-13-01", "20240231", "yesterday", "2024-01-01T00", "2024099"] {
            let err = date("filing-date", bad).expect_err(bad);
            assert_eq!(err.field, "filing-date");
        }
    }

    #[test]
    fn nice_classes() {
        let class = |n| NiceClass::new(n).ok();
        assert_eq!(nice_class("016"), class(16));
        assert_eq!(nice_class(" 9 "), class(9));
        assert_eq!(nice_class("45"), class(45));
        assert_eq!(nice_class("200"), None);
        assert_eq!(nice_class("A"), None);
        assert_eq!(nice_class("0"), None);
        assert_eq!(nice_class("46"), None);
        assert_eq!(class_number("c", "A"), Ok(None));
        assert_eq!(class_number("c", "200"), Ok(None));
        assert_eq!(class_number("c", "09"), Ok(class(9)));
    }

    #[test]
    fn out_of_range_and_malformed_class_numbers_are_precise_errors() {
        for bad in ["46", "0", "99", "300", "9a", ""] {
            let err = class_number("ClassNumber", bad).expect_err(bad);
            assert_eq!(err.kind, crate::error::ErrorKind::InvalidField);
            assert_eq!(err.field, "ClassNumber");
            assert_eq!(err.detail, format!("found {bad:?}, expected a Nice class number from 1 to 45"));
        }
    }

    #[test]
    fn ipc_symbols() {
        assert_eq!(fixed_width_ipc("A45F  504").as_deref(), Some("A45F 5/04"));
        assert_eq!(fixed_width_ipc("H01L 21/3205").as_deref(), Some("H01L 21/3205"));
        assert_eq!(fixed_width_ipc("G06F 1700").as_deref(), Some("G06F 17/00"));
        assert_eq!(fixed_width_ipc("A45F"), None);
        assert_eq!(classification_symbol("G06F", "017", "30"), "G06F 17/30");
        assert_eq!(ipcr_text("H04W  4/02  20090101AFI20090101BHEP").as_deref(), Some("H04W 4/02"));
        assert_eq!(ipcr_text("  B28B   7/    00            A I   ").as_deref(), Some("B28B 7/00"));
        assert_eq!(ipcr_text("H01L  21/3205 20060101ALI").as_deref(), Some("H01L 21/3205"));
        assert_eq!(ipcr_text("H04W"), None);
        assert_eq!(ipcr_text("H04W 4/ AFI"), None);
        assert_eq!(ipcr_text("éé"), None);
    }

    #[test]
    fn design_codes() {
        assert_eq!(dotted_design_code("230308"), "23.03.08");
        assert_eq!(dotted_design_code("03.01.08"), "03.01.08");
    }
}
