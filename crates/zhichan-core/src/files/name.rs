//! The name an uploaded file is kept and offered for download under: the last component of
//! whatever path the client sent, without control or direction-changing characters, at most
//! [`MAX_NAME_CHARS`] characters, never empty.

use zhichan_domain::InvalidValue;

/// The longest file name kept, in characters.
pub(super) const MAX_NAME_CHARS: usize = 200;

/// The longest extension kept whole when a long name is shortened, in characters.
const MAX_EXTENSION_CHARS: usize = 16;

/// `raw` as a safe file name: only what follows the last `/` or `\`; control characters and the
/// invisible characters that reorder or hide text (used to disguise `exe` as `pdf`) removed;
/// surrounding spaces and trailing dots trimmed; shortened to [`MAX_NAME_CHARS`] keeping the
/// extension. Refused when nothing visible is left.
pub fn sanitise(raw: &str) -> Result<String, InvalidValue> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last.chars().filter(|c| !c.is_control() && !is_invisible_format(*c)).collect();
    let trimmed = cleaned.trim().trim_end_matches(['.', ' ']);
    if trimmed.is_empty() {
        return Err(InvalidValue::new("file_name", "a file name with at least one visible character"));
    }
    Ok(shorten(trimmed))
}

/// Direction marks and overrides, isolates, zero-width characters and the byte-order mark.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// `name` cut to [`MAX_NAME_CHARS`], keeping a short extension whole.
fn shorten(name: &str) -> String {
    let length = name.chars().count();
    if length <= MAX_NAME_CHARS {
        return name.to_owned();
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, extension)| extension)
        .filter(|extension| !extension.is_empty() && extension.chars().count() <= MAX_EXTENSION_CHARS);
    match extension {
        Some(extension) => {
            let keep = MAX_NAME_CHARS - extension.chars().count() - 1;
            let stem: String = name.chars().take(keep).collect();
            format!("{}.{extension}", stem.trim_end())
        }
        None => name.chars().take(MAX_NAME_CHARS).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_cut_to_their_last_component() {
        assert_eq!(sanitise("../../etc/passwd").unwrap(), "passwd");
        assert_eq!(sanitise(r"C:\Users\张三\Desktop\商标证书.pdf").unwrap(), "商标证书.pdf");
        assert_eq!(sanitise("/tmp/ evidence 1.png ").unwrap(), "evidence 1.png");
    }

    #[test]
    fn control_and_disguising_characters_are_removed() {
        assert_eq!(sanitise("a\u{0}b\r\nc.txt").unwrap(), "abc.txt");
        // "invoice\u{202E}fdp.exe" shows as "invoiceexe.pdf": a right-to-left override.
        assert_eq!(sanitise("invoice\u{202E}fdp.exe").unwrap(), "invoicefdp.exe");
        assert_eq!(sanitise("\u{FEFF}report\u{200B}.pdf").unwrap(), "report.pdf");
    }

    #[test]
    fn nothing_visible_is_refused() {
        for raw in ["", "   ", "..", ".", "a/", "dir\\", "\u{202E}\u{0}", "../.."] {
            let error = sanitise(raw).unwrap_err();
            assert_eq!(error.field, "file_name", "{raw:?}");
        }
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.docx", "证".repeat(300));
        let kept = sanitise(&long).unwrap();
        assert_eq!(kept.chars().count(), MAX_NAME_CHARS);
        assert!(kept.ends_with(".docx"), "{kept}");

        let no_extension = "x".repeat(250);
        assert_eq!(sanitise(&no_extension).unwrap().chars().count(), MAX_NAME_CHARS);

        let exactly = format!("{}.pdf", "a".repeat(MAX_NAME_CHARS - 4));
        assert_eq!(sanitise(&exactly).unwrap(), exactly);
    }
}
