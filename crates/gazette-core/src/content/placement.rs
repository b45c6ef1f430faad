//! Where a source path puts a document: its kind, language, slug and URL.

use super::Kind;
use crate::config::ParseSettings;
use crate::diag::{Code, Diagnostic};
use crate::slug;
use chrono::NaiveDate;

/// Where a source path puts a document: its kind, language, slug and URL.
pub(super) struct Placement {
    pub(super) kind: Kind,
    /// The channel (a section named in `site.yaml`) whose folder holds it.
    pub(super) channel: Option<String>,
    pub(super) lang: String,
    pub(super) file_slug: String,
    pub(super) file_date: Option<NaiveDate>,
    pub(super) folders: Vec<String>,
    pub(super) is_section_index: bool,
    pub(super) translation_key: String,
    /// A page folder (`content/news/x/` of `content/news/x/index.md`): the
    /// page's photos and files sit beside it.
    pub(super) folder: Option<String>,
}

impl Placement {
    /// The rules document a version belongs to by its folder
    /// (`rules/working-rules/v2.md` → `working-rules`).
    pub(super) fn rules_folder(&self) -> Option<&str> {
        match (self.kind, self.folders.as_slice()) {
            (Kind::Rules, [_, folder]) => Some(folder),
            _ => None,
        }
    }
}

pub(super) fn place(source: &str, config: &ParseSettings) -> Result<Placement, Diagnostic> {
    let rel = source.strip_prefix("content/").unwrap_or(source);
    let mut parts: Vec<&str> = rel.split('/').collect();
    let file = parts.pop().unwrap_or_default();
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let (stem, lang) = match stem.rsplit_once('.') {
        Some((base, code)) if crate::config::is_language_code(code) => {
            if !config.languages.iter().any(|l| l == code) {
                return Err(Diagnostic::error(
                    Code::Language,
                    source,
                    format!("the language `{code}` of this file is not in `languages`"),
                )
                .at(1, 1)
                .help(format!(
                    "add `languages: [{code}]` to site.yaml, or rename the file"
                )));
            }
            (base, code.to_string())
        }
        _ => (stem, config.language.clone()),
    };
    // `news/<slug>/index.md`: a page folder names the page (not a rules
    // folder, whose files are versions).
    let folder = match parts.as_slice() {
        [first, ..] if stem == "index" && *first != "rules" => {
            Some(rel[..rel.len() - file.len()].to_string())
        }
        _ => None,
    };
    let stem = match &folder {
        Some(_) => parts.pop().unwrap_or_default(),
        None => stem,
    };
    let translation_key = format!(
        "content/{}{}.md",
        parts.iter().map(|p| format!("{p}/")).collect::<String>(),
        stem
    );
    let (file_date, stem) = split_date_prefix(stem);
    // `rules/<document>/<version>.md`: one folder per rules document, one
    // file per version (the folder's `_index.md` would shadow the document's
    // own page, so it stays a plain page).
    let channel = match parts.as_slice() {
        [folder] => config.channels.iter().find(|(name, _)| name == folder),
        _ => None,
    };
    let kind = match (parts.as_slice(), channel) {
        (_, Some((_, like))) => *like,
        ([section], None) => Kind::from_section(section),
        (["rules", _], None) if stem != "_index" => Kind::Rules,
        _ => Kind::Page,
    };
    Ok(Placement {
        kind,
        channel: channel.map(|(name, _)| name.clone()),
        lang,
        file_slug: slug::slugify(stem, config.slugify),
        file_date,
        folders: parts.iter().map(|p| p.to_string()).collect(),
        is_section_index: stem == "_index",
        translation_key,
        folder: folder.map(|f| format!("content/{f}")),
    })
}

/// The slug a source's file name gives (without reading it), or `None` when the
/// name itself is wrong. Used to recognise references to files that failed to parse.
pub fn file_slug(source: &str, config: &ParseSettings) -> Option<String> {
    place(source, config).ok().map(|p| match p.rules_folder() {
        Some(folder) => format!("{}/{}", slug::slugify(folder, config.slugify), p.file_slug),
        None => p.file_slug,
    })
}

/// `2024-12-13-x` → (the date, `x`): a file or folder name's date prefix
/// and the rest, which gives the slug; a name without one is all rest.
pub fn split_date_prefix(stem: &str) -> (Option<NaiveDate>, &str) {
    match stem.get(..11) {
        Some(prefix) if prefix.ends_with('-') => {
            match NaiveDate::parse_from_str(&prefix[..10], "%Y-%m-%d") {
                Ok(d) => (Some(d), &stem[11..]),
                Err(_) => (None, stem),
            }
        }
        _ => (None, stem),
    }
}
