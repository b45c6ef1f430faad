//! `site.yaml`: the raw serde shape, checked into a validated [`Config`].

mod base_url;
mod beian;
mod brand;
mod images;
pub use base_url::parse_base_url;
mod channels;
mod languages;

pub use beian::{is_mainland_domain, Beian};
pub use brand::Brand;
use brand::RawBrand;
pub use channels::Channel;
pub use images::ImageSettings;

pub use languages::{
    menu_sections, LanguageSettings, MenuItem, Menus, Untranslated, UntranslatedBySection,
    MENU_NAMES,
};
use languages::{RawLanguages, RawMenus, RawUntranslated};

use crate::diag::{Code, Diagnostic, Position};
use crate::frontmatter::{Schema, Yaml};
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Deserialize;

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlugMode {
    Unicode,
    Ascii,
}

#[derive(Debug, Clone)]
pub struct MarkdownConfig {
    pub safe: bool,
    pub smart_punctuation: bool,
    /// Open links to other hosts in a new tab (with `rel="noopener"`).
    pub external_links_new_tab: bool,
    /// Add `rel="nofollow"` to links to other hosts.
    pub external_links_nofollow: bool,
}

/// One turn of the leading unit in the rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadingUnitTerm {
    pub member: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub position: Position,
}

impl LeadingUnitTerm {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }
}

/// What parsing a document reads of the configuration, and nothing else:
/// [`crate::content::parse`] gets only this, so the compiler keeps [`Self::key`]
/// (the cache key of every parsed document) complete. A change elsewhere in
/// `site.yaml` (the title, the base URL, the leading units) renders again but
/// parses nothing again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParseSettings {
    pub language: String,
    pub languages: Vec<String>,
    pub timezone: Tz,
    pub slugify: SlugMode,
    /// The channels' names and the kind each is like: their folders hold documents of that kind.
    pub channels: Vec<(String, crate::kinds::Kind)>,
}

impl ParseSettings {
    /// The fingerprint of everything parsing reads of the configuration.
    pub fn key(&self) -> u64 {
        crate::fingerprint::of(self)
    }

    /// The URL path prefix of a language: `` for the main one, `zh/` for others.
    pub fn lang_prefix(&self, lang: &str) -> String {
        if lang == self.language {
            String::new()
        } else {
            format!("{lang}/")
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: Option<String>,
    /// Always ends with `/`.
    pub base_url: String,
    /// The `base_url` written in site.yaml, kept when a build (`--base-url`)
    /// or `serve` publishes the site elsewhere: calendar UIDs are made from it,
    /// so an event is the same event wherever its calendar was fetched.
    pub canonical_base_url: String,
    /// The path part of `base_url`: `/` or `/alliance/`.
    pub base_path: String,
    pub language: String,
    pub languages: Vec<String>,
    pub timezone: Tz,
    pub theme: String,
    pub paginate_by: usize,
    pub slugify: SlugMode,
    /// Build the search index (`/pagefind/`) and the search pages.
    pub search: bool,
    pub markdown: MarkdownConfig,
    pub leading_units: Vec<LeadingUnitTerm>,
    /// How long a meeting without `end` lasts in calendars, in minutes.
    pub meeting_duration: u32,
    /// Every language's title, description, footer and menus, the main one's
    /// from the top-level keys and the others' defaulting to them.
    pub per_language: std::collections::BTreeMap<String, LanguageSettings>,
    pub untranslated: UntranslatedBySection,
    /// Sections editors add in `site.yaml`, by weight.
    pub channels: Vec<Channel>,
    pub brand: Brand,
    /// `beian:`: the filing numbers of a site hosted in mainland China.
    pub beian: Beian,
    /// How photos are published: `images:`.
    pub images: ImageSettings,
    pub extra: serde_json::Value,
}

impl Config {
    /// The settings of `lang`'s pages (the main language's for an unknown one).
    pub fn settings(&self, lang: &str) -> &LanguageSettings {
        self.per_language
            .get(lang)
            .or_else(|| self.per_language.get(&self.language))
            .expect("the main language always has settings")
    }

    /// Every language of the site, the main one first.
    pub fn all_languages(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.language.as_str()).chain(self.languages.iter().map(String::as_str))
    }

    /// The URL path prefix of a language: `` for the main one, `zh/` for others.
    /// What parsing a document reads of the configuration.
    pub fn parse_settings(&self) -> ParseSettings {
        ParseSettings {
            language: self.language.clone(),
            languages: self.languages.clone(),
            timezone: self.timezone,
            slugify: self.slugify,
            channels: self
                .channels
                .iter()
                .map(|c| (c.name.clone(), c.like))
                .collect(),
        }
    }

    /// The channel named `name`.
    pub fn channel(&self, name: &str) -> Option<&Channel> {
        self.channels.iter().find(|c| c.name == name)
    }

    pub fn lang_prefix(&self, lang: &str) -> String {
        if lang == self.language {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = parse_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    #[serde(default)]
    languages: RawLanguages,
    footer: Option<String>,
    menus: Option<RawMenus>,
    untranslated: Option<RawUntranslated>,
    channels: Option<serde_yaml::Mapping>,
    #[serde(default)]
    brand: RawBrand,
    #[serde(default)]
    beian: beian::RawBeian,
    #[serde(default)]
    images: images::RawImages,
    timezone: Option<String>,
    theme: Option<String>,
    paginate_by: Option<usize>,
    slugify: Option<String>,
    search: Option<bool>,
    meeting_duration: Option<u32>,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    consortium: RawConsortium,
    extra: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    safe: Option<bool>,
    smart_punctuation: Option<bool>,
    external_links_new_tab: Option<bool>,
    external_links_nofollow: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConsortium {
    #[serde(default)]
    leading_units: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    member: String,
    from: String,
    to: Option<String>,
}

/// The keys `site.yaml` accepts, with their nested keys.
pub const SCHEMA: Schema = Schema {
    keys: &[
        "title",
        "description",
        "base_url",
        "language",
        "languages",
        "footer",
        "menus",
        "untranslated",
        "channels",
        "brand",
        "beian",
        "images",
        "timezone",
        "theme",
        "paginate_by",
        "slugify",
        "search",
        "meeting_duration",
        "markdown",
        "consortium",
    ],
    nested: &[
        (
            "markdown",
            &[
                "safe",
                "smart_punctuation",
                "external_links_new_tab",
                "external_links_nofollow",
            ],
        ),
        ("consortium", &["leading_units"]),
        ("menus", MENU_NAMES),
        ("brand", brand::KEYS),
        ("beian", beian::KEYS),
        ("images", images::KEYS),
    ],
};

/// Reads `site.yaml`. Returns every problem found in it.
pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    let yaml = Yaml {
        path: CONFIG_FILE,
        text,
        first_line: 1,
    };
    let raw: RawConfig = yaml.parse(&SCHEMA)?;
    let mut errors = Vec::new();
    let mut err = |key: &[&str], value: Option<&str>, code, message: String, help: &str| {
        errors.push(
            Diagnostic::error(code, CONFIG_FILE, message)
                .at_pos(yaml.locate(key, value))
                .help(help),
        );
    };

    let title = raw.title.unwrap_or_default();
    if title.trim().is_empty() {
        err(
            &["title"],
            None,
            Code::MissingField,
            "`title` is required".into(),
            "add `title: The name of the consortium`",
        );
    }
    let (base_url, base_path) = match raw.base_url.as_deref() {
        None => {
            err(
                &["base_url"],
                None,
                Code::MissingField,
                "`base_url` is required".into(),
                "add `base_url: https://example.org/`",
            );
            ("https://example.org/".to_string(), "/".to_string())
        }
        Some(url) => parse_base_url(url).unwrap_or_else(|message| {
            err(
                &["base_url"],
                Some(url),
                Code::BaseUrl,
                message,
                "write the full address, e.g. `https://example.org/alliance/`",
            );
            ("https://example.org/".to_string(), "/".to_string())
        }),
    };
    let language = raw.language.unwrap_or_else(|| "en".into());
    let extra_languages = languages::extra_languages(raw.languages, &yaml, &mut errors);
    let mut err = |key: &[&str], value: Option<&str>, code, message: String, help: &str| {
        errors.push(
            Diagnostic::error(code, CONFIG_FILE, message)
                .at_pos(yaml.locate(key, value))
                .help(help),
        );
    };
    let codes: Vec<String> = extra_languages.iter().map(|(c, _)| c.clone()).collect();
    for lang in std::iter::once(&language).chain(&codes) {
        if !is_language_code(lang) {
            err(
                &["language"],
                Some(lang),
                Code::Language,
                format!("`{lang}` is not a language code"),
                "use a code such as `en`, `zh` or `zh-hant`",
            );
        }
    }
    if codes.contains(&language) {
        err(
            &["languages"],
            Some(&language),
            Code::Language,
            format!("`{language}` is the main language; do not list it in `languages`"),
            "list only the extra languages",
        );
    }
    let tz_name = raw.timezone.unwrap_or_else(|| "UTC".into());
    let timezone = tz_name.parse::<Tz>().unwrap_or_else(|_| {
        err(
            &["timezone"],
            Some(&tz_name),
            Code::Timezone,
            format!("`{tz_name}` is not an IANA time zone"),
            "use a name such as `Asia/Shanghai` or `Europe/Berlin`",
        );
        Tz::UTC
    });
    let paginate_by = raw.paginate_by.unwrap_or(10);
    if paginate_by == 0 {
        err(
            &["paginate_by"],
            None,
            Code::Paginate,
            "`paginate_by` must be at least 1".into(),
            "the default is 10",
        );
    }
    let meeting_duration = raw.meeting_duration.unwrap_or(120);
    if !(1..=7 * 24 * 60).contains(&meeting_duration) {
        err(
            &["meeting_duration"],
            None,
            Code::InvalidValue,
            format!("`meeting_duration: {meeting_duration}` is not between 1 minute and a week"),
            "give the usual length of a meeting in minutes, e.g. `meeting_duration: 120`",
        );
    }
    let slugify = match raw.slugify.as_deref() {
        None | Some("unicode") => SlugMode::Unicode,
        Some("ascii") => SlugMode::Ascii,
        Some(other) => {
            err(
                &["slugify"],
                Some(other),
                Code::Slugify,
                format!("`{other}` is not a slug mode"),
                "use `unicode` (the default) or `ascii`",
            );
            SlugMode::Unicode
        }
    };
    let mut leading_units = Vec::new();
    for term in raw.consortium.leading_units {
        let position = yaml.locate(
            &["consortium", "leading_units", "member"],
            Some(&term.member),
        );
        let mut date = |value: &str| {
            NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
                errors.push(
                    Diagnostic::error(Code::Date, CONFIG_FILE, format!("`{value}` is not a date"))
                        .at_pos(yaml.locate(&["consortium", "leading_units"], Some(value)))
                        .help("write dates as YYYY-MM-DD"),
                )
            })
        };
        let from = date(&term.from);
        let to = term.to.as_deref().map(&mut date).transpose();
        if let (Ok(from), Ok(to)) = (from, to) {
            if to.is_some_and(|to| to < from) {
                errors.push(
                    Diagnostic::error(
                        Code::Term,
                        CONFIG_FILE,
                        "a leading-unit term ends before it starts",
                    )
                    .at_pos(position)
                    .help("`to` must be on or after `from`"),
                );
            }
            leading_units.push(LeadingUnitTerm {
                member: term.member,
                from,
                to,
                position,
            });
        }
    }
    leading_units.sort_by_key(|t| t.from);
    let markdown = MarkdownConfig {
        safe: raw.markdown.safe.unwrap_or(false),
        smart_punctuation: raw.markdown.smart_punctuation.unwrap_or(true),
        external_links_new_tab: raw.markdown.external_links_new_tab.unwrap_or(false),
        external_links_nofollow: raw.markdown.external_links_nofollow.unwrap_or(false),
    };
    let all_languages: Vec<&str> = std::iter::once(language.as_str())
        .chain(codes.iter().map(String::as_str))
        .collect();
    let channels = channels::channels(raw.channels, &all_languages, &yaml, &mut errors);
    let sections = menu_sections(channels.iter().map(|c| c.name.as_str()));
    let main_settings = LanguageSettings {
        title: title.clone(),
        description: raw.description.clone(),
        footer: raw.footer,
        menus: raw
            .menus
            .map(|m| languages::menus(m, &yaml, &[], &sections, &mut errors))
            .unwrap_or_default(),
    };
    let mut per_language = std::collections::BTreeMap::new();
    for (code, own) in extra_languages {
        let scope = ["languages", code.as_str()];
        let s = languages::settings(own, &main_settings, &yaml, &scope, &sections, &mut errors);
        per_language.insert(code, s);
    }
    per_language.insert(language.clone(), main_settings);
    let untranslated = languages::untranslated(
        raw.untranslated,
        &list_sections(&channels),
        &yaml,
        &mut errors,
    );
    let brand = brand::check(raw.brand, &yaml, &mut errors);
    let beian = beian::check(raw.beian, &yaml, &mut errors);
    let images = images::check(raw.images, &yaml, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Config {
        title,
        description: raw.description,
        canonical_base_url: base_url.clone(),
        base_url,
        base_path,
        language,
        languages: codes,
        timezone,
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        paginate_by,
        slugify,
        search: raw.search.unwrap_or(true),
        markdown,
        leading_units,
        meeting_duration,
        per_language,
        untranslated,
        channels,
        brand,
        beian,
        images,
        extra: raw
            .extra
            .unwrap_or(serde_json::Value::Object(Default::default())),
    })
}

/// The sections with a list page: the built-in kinds' and the channels'.
fn list_sections(channels: &[Channel]) -> Vec<String> {
    crate::kinds::KINDS
        .iter()
        .filter(|k| k.list.is_some())
        .filter_map(|k| k.section.map(str::to_string))
        .chain(channels.iter().map(|c| c.name.clone()))
        .collect()
}

pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The `theme:` of a config text, without checking anything else, so the theme's
/// files can be read before the config is validated.
pub fn peek_theme(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let value = line
            .strip_prefix("theme:")?
            .split('#')
            .next()?
            .trim()
            .trim_matches(['"', '\'']);
        (!value.is_empty() && !value.contains(['/', '\\', '.'])).then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        let cases = [
            ("https://example.org", Ok(("https://example.org/", "/"))),
            (
                "https://example.org/alliance",
                Ok(("https://example.org/alliance/", "/alliance/")),
            ),
            (
                "http://localhost:1111/a/b/",
                Ok(("http://localhost:1111/a/b/", "/a/b/")),
            ),
        ];
        for (input, expected) in cases {
            let got = parse_base_url(input);
            assert_eq!(
                got,
                expected.map(|(a, b): (&str, &str)| (a.to_string(), b.to_string())),
                "{input}"
            );
        }
        for bad in ["example.org", "ftp://x/", "https:///x", "https://x/?q"] {
            assert!(parse_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_full_config_parses() {
        let c = parse(
            "title: T\nbase_url: https://example.org/alliance\nlanguages: [zh]\ntimezone: Asia/Shanghai\n\
             consortium:\n  leading_units:\n    - { member: a, from: 2025-01-01, to: 2025-12-31 }\n",
        )
        .unwrap();
        assert_eq!(c.base_path, "/alliance/");
        assert_eq!(c.lang_prefix("zh"), "zh/");
        assert_eq!(c.leading_units.len(), 1);
        assert!(c.leading_units[0].covers(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()));
    }

    #[test]
    fn every_config_error_at_once() {
        let errs = parse("title: T\nbase_url: example.org\ntimezone: Mars/Base\nslugify: pinyin\npaginat_by: 3\n").unwrap_err();
        assert_eq!(errs.len(), 1, "unknown keys are reported first: {errs:?}");
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `paginate_by`?"));
        let errs = parse("title: T\nbase_url: example.org\ntimezone: Mars/Base\nslugify: pinyin\n")
            .unwrap_err();
        let lines: Vec<_> = errs.iter().map(|e| e.line.unwrap()).collect();
        assert_eq!(lines, vec![2, 3, 4]);
    }
}
