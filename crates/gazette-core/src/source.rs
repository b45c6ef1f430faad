//! The sources of a site in memory, keyed by their path from the site root.
//! The core reads only this; the binary's `io::read` fills it from disk, tests
//! fill it by hand.

use crate::diag::Diagnostic;
use std::collections::BTreeMap;

/// A theme or template file, with where it came from for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeFile {
    pub origin: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// `site.yaml`, as read.
    pub config: Option<Vec<u8>>,
    /// `content/**.md`, keyed `content/news/x.md`.
    pub content: BTreeMap<String, Vec<u8>>,
    /// Every other file under `content/` (photos, PDFs beside a page's
    /// `index.md`), keyed `content/news/x/photo.jpg`.
    pub content_files: BTreeMap<String, Vec<u8>>,
    /// The site's `templates/`, keyed by template name (`news.html`).
    pub templates: BTreeMap<String, ThemeFile>,
    /// The site's theme folder, keyed `templates/x.html`, `static/x`, `i18n/x.yaml`.
    pub theme: BTreeMap<String, ThemeFile>,
    /// The site's `static/`, keyed by output path.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Problems met while reading (symlinks out of the site, unreadable names).
    pub problems: Vec<Diagnostic>,
    /// The meetings' own calendars as the output folder holds them from the
    /// last build (`meetings/x/meeting.ics`), to notice a changed event that
    /// subscribers' calendar apps would not update.
    pub published_calendars: BTreeMap<String, Vec<u8>>,
}

impl Sources {
    /// The text of a source as it was read, for showing the line a diagnostic
    /// points at (never the disk's newer text).
    pub fn text_of(&self, path: &str) -> Option<&str> {
        let bytes: &[u8] = if path == crate::config::CONFIG_FILE {
            self.config.as_deref()?
        } else if let Some(bytes) = self.content.get(path) {
            bytes
        } else {
            &self
                .templates
                .values()
                .chain(self.theme.values())
                .find(|f| f.origin == path)?
                .bytes
        };
        decode(bytes)
    }
}

/// Editors' temporary and backup files, never treated as sources.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

/// Decodes a source: strips a UTF-8 BOM; `None` when it is not UTF-8.
pub fn decode(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).ok()
}

/// Where the first invalid UTF-8 byte is, as line and column.
pub fn invalid_utf8_position(bytes: &[u8]) -> (usize, usize) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let text = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    crate::diag::line_col(text, valid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_files() {
        for name in [".x.md.swp", "x.md~", "#x.md#", ".#x.md", "4913", "x.md.tmp"] {
            assert!(is_editor_temp(name), "{name}");
        }
        assert!(!is_editor_temp("x.md"));
    }

    #[test]
    fn decoding() {
        assert_eq!(decode(b"\xEF\xBB\xBF---"), Some("---"));
        assert_eq!(decode(b"ab\n\xFF"), None);
        assert_eq!(invalid_utf8_position(b"ab\ncd\xFF"), (2, 3));
    }
}
