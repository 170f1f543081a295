//! The tagged-line layer of the APS format: lines of one patent become groups of fields.
//!
//! A line is a field code in columns 1–4 and its value from column 6 (`TTL  Bumper support`);
//! a line starting with a space continues the value above it; a four-letter code with no
//! value opens a group (`INVT`, `CLAS`, `UREF`) that holds the fields after it until the next
//! group. The record itself opens with the group `PATN`.

use crate::error::{ErrorKind, FieldError};

/// One field: its code (`NAM`), its value with continuation lines joined by a space, and the
/// line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    pub code: String,
    pub value: String,
    pub line: u64,
}

/// A group of fields (`PATN`, `INVT`, `ABST`…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    pub name: String,
    pub fields: Vec<Field>,
}

impl Group {
    /// The first non-empty value of `code`.
    pub fn get(&self, code: &str) -> Option<&str> {
        self.fields.iter().find(|f| f.code == code).map(|f| f.value.as_str()).filter(|v| !v.is_empty())
    }

    /// The first field called `code`.
    pub fn field(&self, code: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.code == code)
    }
}

/// Builds the groups of one record from its lines.
#[derive(Debug, Default)]
pub(crate) struct GroupsBuilder {
    groups: Vec<Group>,
}

impl GroupsBuilder {
    /// A record whose first group, `name`, is already open (its line was read to find it).
    pub fn opened(name: &str) -> Self {
        Self { groups: vec![Group { name: name.to_owned(), fields: Vec::new() }] }
    }

    /// Adds one line; a line that is neither a field, a group nor a continuation is an error
    /// naming its line.
    pub fn push(&mut self, number: u64, text: &str) -> Result<(), FieldError> {
        if text.trim().is_empty() {
            return Ok(());
        }
        if text.starts_with([' ', '\t']) {
            if let Some(field) = self.groups.last_mut().and_then(|g| g.fields.last_mut()) {
                let more = text.trim();
                if !field.value.is_empty() {
                    field.value.push(' ');
                }
                field.value.push_str(more);
                return Ok(());
            }
            return Err(bad_line(number, text, "a field code before the first continuation line"));
        }
        let code_end = text.find([' ', '\t']).unwrap_or(text.len());
        let code = &text[..code_end];
        if !(3..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
            return Err(bad_line(number, text, "a field code of three or four capitals (WKU, TTL, INVT)"));
        }
        let value = text[code_end..].trim();
        if code.len() == 4 && value.is_empty() {
            self.groups.push(Group { name: code.to_owned(), fields: Vec::new() });
            return Ok(());
        }
        let Some(group) = self.groups.last_mut() else {
            return Err(bad_line(number, text, "the record to open with PATN"));
        };
        group.fields.push(Field { code: code.to_owned(), value: value.to_owned(), line: number });
        Ok(())
    }

    /// The groups read so far.
    pub fn finish(self) -> Vec<Group> {
        self.groups
    }
}

/// The line of the field an error names as `GROUP/CODE` (as the mapping does), if present.
pub(crate) fn line_of(groups: &[Group], field: &str) -> Option<u64> {
    let (group, code) = field.split_once('/')?;
    groups.iter().filter(|g| g.name == group).find_map(|g| g.field(code)).map(|f| f.line)
}

fn bad_line(number: u64, text: &str, expected: &str) -> FieldError {
    let shown: String = text.chars().take(40).collect();
    FieldError {
        kind: ErrorKind::Syntax,
        field: format!("line {number}"),
        detail: format!("found {shown:?}, expected {expected}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(text: &str) -> Result<Vec<Group>, FieldError> {
        let mut builder = GroupsBuilder::default();
        for (i, line) in text.lines().enumerate() {
            builder.push(i as u64 + 1, line)?;
        }
        Ok(builder.finish())
    }

    #[test]
    fn fields_groups_and_continuations() {
        let all = groups("PATN\nWKU  039373754\nTTL  Bumper support\n      for a boat\nINVT\nNAM  Daniels; E.\n\n")
            .expect("valid");
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].name, "PATN");
        assert_eq!(all[0].get("TTL"), Some("Bumper support for a boat"));
        assert_eq!(all[0].field("TTL").map(|f| f.line), Some(3));
        assert_eq!(all[1].get("NAM"), Some("Daniels; E."));
        assert_eq!(all[1].get("WKU"), None);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let err = groups("PATN\nwku  1\n").expect_err("lower case");
        assert_eq!((err.kind, err.field.as_str()), (ErrorKind::Syntax, "line 2"));
        assert!(groups("      orphan\n").is_err());
        assert!(groups("WKU  1\n").is_err());
        assert!(groups("PATN\nTOOLONG value\n").is_err());
    }
}
