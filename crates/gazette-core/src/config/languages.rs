//! What `site.yaml` says per language: the title, description, footer text
//! and menus of each language's pages, and whether a section lists documents
//! that have no translation in the reader's language.

use crate::diag::{Code, Diagnostic, Position};
use crate::frontmatter::Yaml;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The sections a menu item may name: the built-in kinds' lists, the
/// channels', the search page and the tag index.
pub fn menu_sections<'a>(channels: impl Iterator<Item = &'a str>) -> Vec<String> {
    crate::kinds::KINDS
        .iter()
        .filter(|k| k.list.is_some())
        .filter_map(|k| k.section)
        .chain(channels)
        .chain(["search", "tags"])
        .map(str::to_string)
        .collect()
}

/// The menus a page has: the header navigation and the footer.
pub const MENU_NAMES: &[&str] = &["main", "footer"];

/// One entry of a menu in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MenuItem {
    /// The text shown; a section's item without one shows the theme's name for it.
    pub name: Option<String>,
    /// `news`, `meetings` … : the section of the reader's language.
    pub section: Option<String>,
    /// `@/about.md` (a document, in the reader's language when translated),
    /// a path under the site (`/files/`) or an address elsewhere.
    pub url: Option<String>,
    pub weight: i64,
    pub position: Position,
}

/// A language's menus; `main: None` keeps the theme's own sections.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Menus {
    pub main: Option<Vec<MenuItem>>,
    pub footer: Vec<MenuItem>,
}

/// The site settings one language's pages use.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LanguageSettings {
    pub title: String,
    pub description: Option<String>,
    /// A line of text for the footer.
    pub footer: Option<String>,
    pub menus: Menus,
}

/// Whether a section lists a document that has no version in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Untranslated {
    /// Listed in its own language, marked with it (the default).
    #[default]
    Show,
    Hide,
}

/// [`Untranslated`] per section (a kind's folder or a channel, `pages` for
/// plain pages); calendars carry every meeting whatever it says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct UntranslatedBySection {
    /// What sections not named below do.
    pub every: Untranslated,
    pub by_section: BTreeMap<String, Untranslated>,
}

impl UntranslatedBySection {
    /// Whether the lists of `section` (`news`, a channel …; `None` for plain
    /// pages) show untranslated documents.
    pub fn shows(&self, section: Option<&str>) -> bool {
        let setting = self
            .by_section
            .get(section.unwrap_or("pages"))
            .copied()
            .unwrap_or(self.every);
        setting == Untranslated::Show
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawLanguages {
    List(Vec<String>),
    Map(serde_yaml::Mapping),
}

impl Default for RawLanguages {
    fn default() -> Self {
        RawLanguages::List(vec![])
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguage {
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) footer: Option<String>,
    pub(super) menus: Option<RawMenus>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMenus {
    main: Option<Vec<RawMenuItem>>,
    footer: Option<Vec<RawMenuItem>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawMenuItem {
    name: Option<String>,
    section: Option<String>,
    url: Option<String>,
    weight: Option<i64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawUntranslated {
    All(String),
    PerSection(BTreeMap<String, String>),
}

const UNTRANSLATED_HELP: &str =
    "write `untranslated: show` (the default) or `hide`, or one per section: `untranslated: { news: hide }`";

/// The extra languages, in the order written, with their own settings.
pub(super) fn extra_languages(
    raw: RawLanguages,
    yaml: &Yaml,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, RawLanguage)> {
    match raw {
        RawLanguages::List(codes) => codes
            .into_iter()
            .map(|c| (c, RawLanguage::default()))
            .collect(),
        RawLanguages::Map(map) => map
            .into_iter()
            .filter_map(|(key, value)| {
                let code = key.as_str()?.to_string();
                let settings = match value {
                    serde_yaml::Value::Null => RawLanguage::default(),
                    value => match serde_yaml::from_value::<RawLanguage>(value) {
                        Ok(s) => s,
                        Err(e) => {
                            errors.push(
                                Diagnostic::error(
                                    Code::InvalidValue,
                                    yaml.path,
                                    format!("`languages.{code}`: {e}"),
                                )
                                .at_pos(yaml.locate(&["languages", &code], None))
                                .help("a language may set `title`, `description`, `footer` and `menus`"),
                            );
                            RawLanguage::default()
                        }
                    },
                };
                Some((code, settings))
            })
            .collect(),
    }
}

/// A language's settings, the main language's where it sets none.
pub(super) fn settings(
    own: RawLanguage,
    main: &LanguageSettings,
    yaml: &Yaml,
    scope: &[&str],
    sections: &[String],
    errors: &mut Vec<Diagnostic>,
) -> LanguageSettings {
    LanguageSettings {
        title: own.title.unwrap_or_else(|| main.title.clone()),
        description: own.description.or_else(|| main.description.clone()),
        footer: own.footer.or_else(|| main.footer.clone()),
        menus: match own.menus {
            Some(m) => menus(m, yaml, scope, sections, errors),
            None => main.menus.clone(),
        },
    }
}

/// Checks and orders the menus written at `scope` (`[]` or `["languages", "zh"]`).
pub(super) fn menus(
    raw: RawMenus,
    yaml: &Yaml,
    scope: &[&str],
    sections: &[String],
    errors: &mut Vec<Diagnostic>,
) -> Menus {
    let mut items = |list: Option<Vec<RawMenuItem>>, menu: &str| -> Option<Vec<MenuItem>> {
        let list = list?;
        let mut path: Vec<&str> = scope.to_vec();
        path.extend(["menus", menu]);
        let position = yaml.locate(&path, None);
        let written: Vec<(&str, &str)> = list
            .iter()
            .map(|item| match (&item.section, &item.url) {
                (Some(s), None) => ("section", s.as_str()),
                (_, Some(u)) => ("url", u.as_str()),
                _ => ("", ""),
            })
            .collect();
        let positions = yaml.locate_items(&path, &written);
        let mut out = Vec::new();
        for (item, &at) in list.iter().zip(&positions) {
            let mut fail = |pos: Position, message: String, help: &str| {
                errors.push(
                    Diagnostic::error(Code::InvalidValue, yaml.path, message)
                        .at_pos(pos)
                        .help(help),
                )
            };
            match (&item.section, &item.url) {
                (Some(s), None) if !sections.contains(s) => fail(
                    at,
                    format!("`{s}` is not a section a menu can link"),
                    &format!("use one of {}", sections.join(", ")),
                ),
                (None, Some(u)) if item.name.as_deref().unwrap_or("").trim().is_empty() => fail(
                    at,
                    format!("the menu item `{u}` needs a `name`"),
                    "add `name: The text readers see`",
                ),
                (None, Some(u)) if !is_menu_url(u) => fail(
                    at,
                    format!("`{u}` is not a link a menu can hold"),
                    "write `@/about.md` for a page, `/path/` for a file of the site, or a full `https://` address",
                ),
                (Some(_), Some(_)) | (None, None) => fail(
                    position,
                    format!("each item of `menus.{menu}` needs either `section` or `url`"),
                    "write `- { section: news }` or `- { name: About, url: \"@/about.md\" }`",
                ),
                _ => out.push(MenuItem {
                    position: at,
                    name: item.name.clone(),
                    section: item.section.clone(),
                    url: item.url.clone(),
                    weight: item.weight.unwrap_or(0),
                }),
            }
        }
        Some(out)
    };
    let main = items(raw.main, "main");
    let footer = items(raw.footer, "footer").unwrap_or_default();
    Menus { main, footer }
}

fn is_menu_url(url: &str) -> bool {
    !url.chars().any(char::is_whitespace)
        && (url.starts_with("@/")
            || url.starts_with('/') && !url.starts_with("//")
            || url.starts_with("https://")
            || url.starts_with("http://")
            || url.starts_with("mailto:"))
}

pub(super) fn untranslated(
    raw: Option<RawUntranslated>,
    sections: &[String],
    yaml: &Yaml,
    errors: &mut Vec<Diagnostic>,
) -> UntranslatedBySection {
    let mut out = UntranslatedBySection::default();
    let mut parse = |value: &str, key: &[&str]| match value {
        "show" => Some(Untranslated::Show),
        "hide" => Some(Untranslated::Hide),
        other => {
            errors.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    yaml.path,
                    format!("`{other}` is not `show` or `hide`"),
                )
                .at_pos(yaml.locate(key, Some(other)))
                .help(UNTRANSLATED_HELP),
            );
            None
        }
    };
    match raw {
        None => {}
        Some(RawUntranslated::All(v)) => {
            if let Some(s) = parse(&v, &["untranslated"]) {
                out.every = s;
            }
        }
        Some(RawUntranslated::PerSection(map)) => {
            let (known, unknown): (Vec<_>, Vec<_>) = map
                .into_iter()
                .partition(|(section, _)| section == "pages" || sections.contains(section));
            for (section, v) in known {
                if let Some(s) = parse(&v, &["untranslated", &section]) {
                    out.by_section.insert(section, s);
                }
            }
            for (section, _) in unknown {
                errors.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        yaml.path,
                        format!("`untranslated`: there is no section `{section}`"),
                    )
                    .at_pos(yaml.locate(&["untranslated", &section], None))
                    .help(format!("the sections are {}, pages", sections.join(", "))),
                );
            }
        }
    }
    out
}
