//! Diagnostics: every problem gazette finds, with a place in a file and a hint.
//!
//! The core collects diagnostics instead of stopping at the first one, so an editor
//! sees every mistake of a build at once, printed like rustc prints its own.

use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place. `path` is relative to the site root, with `/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// A short stable name for the kind of problem, for CI tooling.
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// How many characters the caret underlines (at least one).
    #[serde(skip)]
    pub span_len: usize,
}

impl Diagnostic {
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            code,
            message: message.into(),
            help: None,
            span_len: 1,
        }
    }

    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self
    }

    pub fn at_pos(self, pos: Position) -> Self {
        self.at(pos.line, pos.column).underline(pos.len)
    }

    pub fn underline(mut self, len: usize) -> Self {
        self.span_len = len.max(1);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The location prefix editors and CI annotate: `path:line:col`.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{}:{}", self.path, l, c),
            (Some(l), None) => format!("{}:{}", self.path, l),
            _ => self.path.clone(),
        }
    }

    /// Renders the diagnostic as text; `source` is the whole file when known.
    pub fn render(&self, source: Option<&str>) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{}: {}: {}\n", self.location(), severity, self.message);
        if let (Some(line_no), Some(text)) = (self.line, source) {
            if let Some(line) = text.lines().nth(line_no - 1) {
                let line = line.trim_end_matches('\r');
                let gutter = line_no.to_string().len();
                let col = self.column.unwrap_or(1);
                let pad: String = line
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{:gutter$} |", "");
                let _ = writeln!(out, "{line_no} | {line}");
                let _ = writeln!(out, "{:gutter$} | {pad}{}", "", "^".repeat(self.span_len));
            }
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }
}

/// A place in a source file, 1-based, with the length of what is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

/// Converts a byte offset in `text` to a 1-based line and a 1-based column
/// counted in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The known name closest to `unknown`, if one is close enough to be a typo.
pub fn closest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), *k))
        // Jaro-Winkler ranks; a transposition or one wrong letter also counts as a typo.
        .filter(|(score, k)| {
            *score > 0.8 || strsim::damerau_levenshtein(unknown, k) <= 1.max(k.len() / 4)
        })
        // Ties go to the alphabetically first name, whatever order `known` came in
        // (often a hash map's), so the same mistake always gets the same hint.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

/// Diagnostics sorted for output: by path, then line, then column.
pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
    });
    diagnostics.dedup();
    diagnostics
}

/// The error of a whole operation: the site's diagnostics, or a failure to read or
/// write a file (always with its path).
#[derive(Debug)]
pub enum Error {
    Site(Vec<Diagnostic>),
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    Refused(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Site(d) => write!(
                f,
                "the site has {} error(s)",
                d.iter().filter(|d| d.is_error()).count()
            ),
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Refused(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Error {}

pub fn io_error(path: &std::path::Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\n党建 x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (2, 1));
        // "党建 " is 7 bytes; x is the 4th character.
        assert_eq!(line_col(text, 9), (2, 4));
        assert_eq!(line_col(text, 1000), (3, 1));
        assert_eq!(line_col(text, 3), (2, 1), "inside a character rounds down");
    }

    #[test]
    fn closest_finds_typos_only() {
        let known = ["title", "date", "summary"];
        assert_eq!(closest("titel", &known), Some("title"));
        assert_eq!(closest("sumary", &known), Some("summary"));
        assert_eq!(closest("zzzz", &known), None);
    }

    #[test]
    fn render_points_at_the_column() {
        let d = Diagnostic::error("x", "a.md", "bad")
            .at(2, 3)
            .underline(2)
            .help("fix it");
        let text = d.render(Some("first\nab cd\n"));
        assert_eq!(
            text,
            "a.md:2:3: error: bad\n  |\n2 | ab cd\n  |   ^^\n  = help: fix it\n"
        );
    }
}
