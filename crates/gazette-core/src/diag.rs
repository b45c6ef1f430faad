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

/// The kind of a problem: a stable string (`Code::as_str`) that CI tooling
/// may match on. ARCHITECTURE.md lists them all; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A rules version marked adopted while a newer one is in force.
    AdoptedNotNewest,
    /// An alias that is not a usable path or clashes with a page.
    Alias,
    /// `base_url` or `--base-url` is not an absolute http(s) URL.
    BaseUrl,
    /// A link to a heading anchor that does not exist.
    BrokenAnchor,
    /// An internal link (`@/…`) to a source that does not exist.
    BrokenLink,
    /// Two sources whose paths differ only in letter case.
    CaseClash,
    /// A date or time that cannot be read.
    Date,
    /// Two documents that would be written to the same URL.
    DuplicateUrl,
    /// A file that is not valid UTF-8.
    Encoding,
    /// A file name that is not valid UTF-8.
    FileName,
    /// A missing or unclosed `---` front matter block.
    FrontMatter,
    /// A heading that skips a level.
    HeadingLevel,
    /// An image without alternative text.
    ImageAlt,
    /// A front-matter value of the wrong form.
    InvalidValue,
    /// A language suffix that is not one of the site's languages.
    Language,
    /// A member that attended or hosted no meeting.
    MemberWithoutMeeting,
    /// A required front-matter field that is missing.
    MissingField,
    /// An image path with no file under `static/`.
    MissingImage,
    /// No `site.yaml` in the site's folder.
    NoConfig,
    /// A meeting in the past still marked scheduled.
    PastScheduled,
    /// A published meeting's time or status changed without a new `updated`.
    NotUpdated,
    /// Days on which no leading unit is in office.
    RotationGap,
    /// Leading-unit terms that overlap.
    RotationOverlap,
    /// The search index could not be built.
    Search,
    /// A slug that is empty, reserved or not usable in a URL.
    Slug,
    /// A channel in `site.yaml` that cannot be made, or a folder of dated items that is no channel.
    Channel,
    Image,
    MissingFile,
    MissingAlt,
    /// A rules version marked superseded while its successor is not yet in force.
    SupersededEarly,
    /// Rules versions that supersede each other in a cycle.
    SupersedesCycle,
    /// A symbolic link out of the site, or one that leads nowhere.
    Symlink,
    /// A tag that gives an empty slug.
    Tag,
    /// A template that is missing, does not parse or fails to render.
    Template,
    /// A leading-unit term that cannot be read.
    Term,
    /// A time zone name that is not in the IANA database.
    Timezone,
    /// A `paginate_by` of zero.
    Paginate,
    /// A `slugify` that is not a slug mode.
    Slugify,
    /// A source over the 16 MB limit.
    TooLarge,
    /// YAML or Markdown nested deeper than gazette reads.
    TooDeep,
    /// A slug, tag or folder name too long to be a file name.
    PathTooLong,
    /// A front-matter or site.yaml key that gazette does not know.
    UnknownField,
    /// A member, rules document or other slug that names nothing.
    UnknownReference,
    /// YAML that does not parse.
    Yaml,
    /// YAML of the wrong shape (a list where a map is expected …).
    YamlShape,
    /// A published document that still holds a text `gazette new` wrote for the editor to replace.
    Placeholder,
    /// `base_url` is still the example address `gazette init` wrote.
    ExampleBaseUrl,
    /// A site in Chinese at a mainland address (`.cn`, `.中国`) without `beian:`.
    Beian,
    /// An output file where another needs a folder, or on a name gazette keeps.
    OutputClash,
    /// A problem in a test of the core itself.
    #[cfg(test)]
    Test,
}

impl Code {
    /// Every code, in the order the docs list them.
    pub const ALL: &'static [Code] = &[
        Code::AdoptedNotNewest,
        Code::Alias,
        Code::BaseUrl,
        Code::BrokenAnchor,
        Code::BrokenLink,
        Code::CaseClash,
        Code::Date,
        Code::DuplicateUrl,
        Code::Encoding,
        Code::FileName,
        Code::FrontMatter,
        Code::HeadingLevel,
        Code::ImageAlt,
        Code::InvalidValue,
        Code::Language,
        Code::MemberWithoutMeeting,
        Code::MissingField,
        Code::MissingImage,
        Code::NoConfig,
        Code::PastScheduled,
        Code::NotUpdated,
        Code::RotationGap,
        Code::RotationOverlap,
        Code::Search,
        Code::Slug,
        Code::Channel,
        Code::Image,
        Code::MissingFile,
        Code::MissingAlt,
        Code::SupersededEarly,
        Code::SupersedesCycle,
        Code::Symlink,
        Code::Tag,
        Code::Template,
        Code::Term,
        Code::Timezone,
        Code::Paginate,
        Code::Slugify,
        Code::Placeholder,
        Code::ExampleBaseUrl,
        Code::Beian,
        Code::OutputClash,
        Code::TooLarge,
        Code::TooDeep,
        Code::PathTooLong,
        Code::UnknownField,
        Code::UnknownReference,
        Code::Yaml,
        Code::YamlShape,
    ];

    /// The stable string printed and emitted in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::AdoptedNotNewest => "adopted-not-newest",
            Code::Alias => "alias",
            Code::BaseUrl => "base-url",
            Code::BrokenAnchor => "broken-anchor",
            Code::BrokenLink => "broken-link",
            Code::CaseClash => "case-clash",
            Code::Date => "date",
            Code::DuplicateUrl => "duplicate-url",
            Code::Encoding => "encoding",
            Code::FileName => "file-name",
            Code::FrontMatter => "front-matter",
            Code::HeadingLevel => "heading-level",
            Code::ImageAlt => "image-alt",
            Code::InvalidValue => "invalid-value",
            Code::Language => "language",
            Code::MemberWithoutMeeting => "member-without-meeting",
            Code::MissingField => "missing-field",
            Code::MissingImage => "missing-image",
            Code::NoConfig => "no-config",
            Code::PastScheduled => "past-scheduled",
            Code::NotUpdated => "not-updated",
            Code::RotationGap => "rotation-gap",
            Code::RotationOverlap => "rotation-overlap",
            Code::Search => "search",
            Code::Slug => "slug",
            Code::Channel => "channel",
            Code::Image => "image",
            Code::MissingFile => "missing-file",
            Code::MissingAlt => "missing-alt",
            Code::SupersededEarly => "superseded-early",
            Code::SupersedesCycle => "supersedes-cycle",
            Code::Symlink => "symlink",
            Code::Tag => "tag",
            Code::Template => "template",
            Code::Term => "term",
            Code::Timezone => "timezone",
            Code::Paginate => "paginate",
            Code::Slugify => "slugify",
            Code::Placeholder => "placeholder",
            Code::ExampleBaseUrl => "example-base-url",
            Code::Beian => "beian",
            Code::OutputClash => "output-clash",
            Code::TooLarge => "too-large",
            Code::TooDeep => "too-deep",
            Code::PathTooLong => "path-too-long",
            Code::UnknownField => "unknown-field",
            Code::UnknownReference => "unknown-reference",
            Code::Yaml => "yaml",
            Code::YamlShape => "yaml-shape",
            #[cfg(test)]
            Code::Test => "test",
        }
    }

    /// What the code means, for the docs.
    pub fn meaning(self) -> &'static str {
        match self {
            Code::AdoptedNotNewest => {
                "a rules version marked adopted while a newer one is in force"
            }
            Code::Alias => "an alias that is not a usable path or clashes with a page",
            Code::BaseUrl => "`base_url` or `--base-url` is not an absolute http(s) URL",
            Code::BrokenAnchor => "a link to a heading anchor that does not exist",
            Code::BrokenLink => "an internal link (`@/…`) to a source that does not exist",
            Code::CaseClash => "two sources whose paths differ only in letter case",
            Code::Date => "a date or time that cannot be read",
            Code::DuplicateUrl => "two documents that would be written to the same URL",
            Code::Encoding => "a file that is not valid UTF-8",
            Code::FileName => "a file name that is not valid UTF-8",
            Code::FrontMatter => "a missing or unclosed `---` front matter block",
            Code::HeadingLevel => "a heading that skips a level",
            Code::ImageAlt => "an image without alternative text",
            Code::InvalidValue => "a front-matter value of the wrong form",
            Code::Language => "a language suffix that is not one of the site's languages",
            Code::MemberWithoutMeeting => "a member that attended or hosted no meeting",
            Code::MissingField => "a required front-matter field that is missing",
            Code::MissingImage => "an image path with no file under `static/`",
            Code::NoConfig => "no `site.yaml` in the site's folder",
            Code::PastScheduled => "a meeting in the past still marked scheduled",
            Code::NotUpdated => {
                "a published meeting's time or status changed without a new `updated`"
            }
            Code::RotationGap => "days on which no leading unit is in office",
            Code::RotationOverlap => "leading-unit terms that overlap",
            Code::Search => "the search index could not be built",
            Code::Slug => "a slug that is empty, reserved or not usable in a URL",
            Code::Channel => {
                "a channel in `site.yaml` that cannot be made, or a folder of dated items that is no channel"
            }
            Code::Image => {
                "a photo that cannot be read or is too large, or a file outside any page folder"
            }
            Code::MissingFile => "a link to a file (a PDF, a photo) that the site does not have",
            Code::MissingAlt => "an image without alt text, which screen readers cannot describe",
            Code::SupersededEarly => {
                "a rules version marked superseded while its successor is not yet in force"
            }
            Code::SupersedesCycle => "rules versions that supersede each other in a cycle",
            Code::Symlink => "a symbolic link out of the site, or one that leads nowhere",
            Code::Tag => "a tag that gives an empty slug",
            Code::Template => "a template that is missing, does not parse or fails to render",
            Code::Term => "a leading-unit term that cannot be read",
            Code::Timezone => "a time zone name that is not in the IANA database",
            Code::Paginate => "a `paginate_by` of zero",
            Code::Slugify => "a `slugify` that is not a slug mode",
            Code::Placeholder => "a published document that still holds a text `gazette new` wrote for the editor to replace",
            Code::ExampleBaseUrl => "`base_url` is still the example address `gazette init` wrote",
            Code::Beian => "a Chinese site at a mainland address (`.cn`, `.中国`) shows no filing numbers (`beian:`)",
            Code::OutputClash => {
                "an output file where another needs a folder, or on a name gazette keeps for itself"
            }
            Code::TooLarge => "a source over the 16 MB limit",
            Code::TooDeep => "YAML or Markdown nested deeper than gazette reads",
            Code::PathTooLong => "a slug, tag or folder name too long to be a file name",
            Code::UnknownField => "a front-matter or site.yaml key that gazette does not know",
            Code::UnknownReference => "a member, rules document or other slug that names nothing",
            Code::Yaml => "YAML that does not parse",
            Code::YamlShape => "YAML of the wrong shape (a list where a map is expected …)",
            #[cfg(test)]
            Code::Test => "a test",
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message's catalogue id and its arguments (see [`Diagnostic::localized`]).
pub type Localized = (&'static str, Vec<(&'static str, String)>);

/// One problem in one place. `path` is relative to the site root, with `/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// A short stable name for the kind of problem, for CI tooling.
    pub code: Code,
    pub message: String,
    pub help: Option<String>,
    /// How many characters the caret underlines (at least one).
    #[serde(skip)]
    pub span_len: u32,
    /// The message's id in the binary's message catalogues, with its
    /// arguments: a Chinese site's editors read it translated (the help is
    /// `<id>-help`). `message` stays the English text, as JSON gives it.
    #[serde(skip)]
    pub localized: Option<Box<Localized>>,
}

impl Diagnostic {
    pub fn error(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            code,
            message: message.into(),
            help: None,
            span_len: 1,
            localized: None,
        }
    }

    pub fn warning(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
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
        self.span_len = u32::try_from(len.max(1)).unwrap_or(u32::MAX);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Names the message in the catalogues (see [`messages`]), with the
    /// values its text takes.
    pub fn localized(mut self, id: &'static str, args: &[(&'static str, &str)]) -> Self {
        debug_assert!(messages::ALL.contains(&id), "{id} is not in messages::ALL");
        self.localized = Some(Box::new((
            id,
            args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        )));
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
            Severity::Error => "error: ",
            Severity::Warning => "warning: ",
        };
        self.render_in(
            source,
            severity,
            &self.message,
            self.help.as_deref().map(|h| ("help: ", h)),
        )
    }

    /// [`Diagnostic::render`] with the words given: `severity` and the help's
    /// label end with their separator (`error: `, `错误：`).
    pub fn render_in(
        &self,
        source: Option<&str>,
        severity: &str,
        message: &str,
        help: Option<(&str, &str)>,
    ) -> String {
        let mut out = format!("{}: {severity}{message}\n", self.location());
        if let (Some(line_no), Some(text)) = (self.line, source) {
            if let Some(line) = text.lines().nth(line_no - 1) {
                let line = line.trim_end_matches('\r');
                let gutter = line_no.to_string().len();
                let (line, col) = window(line, self.column.unwrap_or(1));
                let line = line.as_str();
                let (pad, carets) = caret_line(line, col, self.span_len as usize);
                let _ = writeln!(out, "{:gutter$} |", "");
                let _ = writeln!(out, "{line_no} | {line}");
                let _ = writeln!(out, "{:gutter$} | {pad}{carets}", "");
            }
        }
        if let Some((label, help)) = help {
            let _ = writeln!(out, "  = {label}{help}");
        }
        out
    }
}

mod excerpt;
pub mod messages;

use excerpt::{caret_line, window};

/// A place in a source file, 1-based, with the length of what is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

/// The characters in `len` bytes of `text` from byte `start`: what
/// [`Diagnostic::underline`] takes for a span found by byte offsets.
pub fn chars_in(text: &str, start: usize, len: usize) -> usize {
    let end = floor_char_boundary(text, (start + len).min(text.len()));
    let start = floor_char_boundary(text, start.min(end));
    text[start..end].chars().count()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_docs_list_every_code_and_codes_are_unique() {
        let docs = include_str!("../../../docs/diagnostics.md");
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            let row = format!("| `{}` | {} |", code.as_str(), code.meaning());
            assert!(docs.contains(&row), "docs/diagnostics.md lacks: {row}");
        }
        assert_eq!(
            docs.matches("\n| `").count(),
            Code::ALL.len(),
            "docs/diagnostics.md lists a code the enum does not have"
        );
    }

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
        let d = Diagnostic::error(Code::Test, "a.md", "bad")
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
