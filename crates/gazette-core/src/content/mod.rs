//! The documents of a site, typed by kind. The folder decides the kind:
//! `news/`, `meetings/`, `rules/`, `members/`, anything else is a plain page.

mod fields;
mod frontmatter_fields;

mod limits;
pub mod meeting;
pub mod member;
pub mod news;
mod placement;
pub mod rules;

use crate::config::ParseSettings;
use crate::diag::{Code, Diagnostic, Position};
use crate::fingerprint::Fingerprint;
use crate::frontmatter::{self, Yaml};
pub use crate::kinds::{Kind, KindSpec, ListOrder, KINDS};
use crate::slug;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
pub use fields::FieldContext;
pub use frontmatter_fields::RawFrontMatter;
pub use placement::file_slug;
use placement::place;
pub use placement::split_date_prefix;

/// The front-matter keys a kind accepts (besides `extra:`), with their nested keys.
pub fn front_matter_schema(kind: Kind) -> &'static frontmatter::Schema {
    kind.spec().schema
}
use serde::Serialize;

/// A date, or a date and time, as written in a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    pub instant: DateTime<FixedOffset>,
    pub has_time: bool,
}

impl Timestamp {
    /// `YYYY-MM-DD` (midnight in `tz`), RFC 3339, or a datetime without an
    /// offset (read in `tz`).
    pub fn parse(text: &str, tz: Tz) -> Option<Timestamp> {
        let text = text.trim();
        if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
            return Some(Timestamp {
                instant,
                has_time: true,
            });
        }
        let local = |naive: NaiveDateTime| {
            tz.from_local_datetime(&naive)
                .earliest()
                .map(|t| t.fixed_offset())
        };
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return local(day.and_hms_opt(0, 0, 0)?).map(|instant| Timestamp {
                instant,
                has_time: false,
            });
        }
        [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .and_then(local)
        .map(|instant| Timestamp {
            instant,
            has_time: true,
        })
    }

    pub fn date(&self) -> NaiveDate {
        self.instant.date_naive()
    }

    /// `2024-12-13` for dates, RFC 3339 for datetimes: what templates see.
    pub fn to_source_string(&self) -> String {
        if self.has_time {
            self.instant.to_rfc3339()
        } else {
            self.date().format("%Y-%m-%d").to_string()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
}

/// What every kind has.
#[derive(Debug, Clone)]
pub struct Common {
    pub title: String,
    pub summary: Option<String>,
    pub date: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    pub draft: bool,
    pub tags: Vec<String>,
    pub aliases: Vec<String>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    /// The menus (`main`, `footer`) that link this document.
    pub menus: Vec<MenuPlace>,
    /// `attachments:`: files (from the page folder or the site's root) with
    /// their titles, listed before those its text links to.
    pub attachments: Vec<(String, Option<String>)>,
    pub extra: serde_json::Value,
}

/// A document's place in a menu, from its `menu:` front matter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MenuPlace {
    pub menu: String,
    /// The menu's order; the document's `weight` when not given.
    pub weight: i64,
    /// The text shown; the document's title when not given.
    pub name: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Meta {
    News(news::News),
    Meeting(meeting::Meeting),
    Rules(rules::RulesVersion),
    Member(member::Member),
    Page,
}

/// Front-matter keys that only change what views show (the document's own,
/// and those that show it: both are fingerprinted), never where it appears or
/// what it names. Every other key is part of a document's [`Document::shape`],
/// so a key added to a schema re-plans the site until it is listed here: a
/// rebuild can be slower than it needs to be, never stale. The title is here
/// too: [`Document::keeps_list_place`] covers the lists it orders.
const SHOWN_ONLY: &[&str] = &[
    "attachments",
    "title",
    "summary",
    "authors",
    "image",
    "location",
    "online",
    "convener",
    "agenda",
    "version",
    "rescheduled_from",
    "short_name",
    "website",
    "joined",
    "left",
    "logo",
    "contact",
    "role",
    "extra",
];

/// One source file, parsed and validated on its own (references to other
/// documents are checked later, in the library).
#[derive(Debug, Clone)]
pub struct Document {
    /// Path from the site root, with `/`: `content/news/x.md`.
    pub source: String,
    pub kind: Kind,
    /// The channel it belongs to: a section of its kind named in `site.yaml`.
    pub channel: Option<String>,
    pub lang: String,
    pub slug: String,
    /// URL path under the base URL: `news/x/`, `zh/news/x/`, `` for the home page.
    pub url_path: String,
    /// The same for every translation of one document: the source path without
    /// its language suffix.
    pub translation_key: String,
    /// `_index.md`: the introduction of a section (or of the home page).
    pub is_section_index: bool,
    /// The page folder holding it (`content/news/x/` for
    /// `content/news/x/index.md`), whose other files are the page's.
    pub folder: Option<String>,
    pub common: Common,
    pub meta: Meta,
    pub body: String,
    /// Byte offset of the body in the source text, for link positions.
    pub body_offset: usize,
    /// The front matter text and the file line it starts on, to locate keys.
    pub yaml: String,
    pub yaml_line: usize,
    /// Of the source path and text: changes whenever the document may have.
    pub fingerprint: u64,
}

impl Document {
    pub fn locate(&self, key: &[&str], value: Option<&str>) -> Position {
        Yaml {
            path: &self.source,
            text: &self.yaml,
            first_line: self.yaml_line,
        }
        .locate(key, value)
    }

    /// Everything about this document that decides where it appears and what
    /// else depends on it: its URL, the lists it is in and its place there, the
    /// documents it names, its template, its aliases. Two versions with the same
    /// shape differ only in what their own views show (text, most front matter),
    /// so a rebuild can keep the site's plan and re-render only the pages that
    /// show this document.
    pub fn shape(&self) -> u64 {
        let mut f = Fingerprint::new()
            .with(&self.source)
            .with(self.kind)
            .with(&self.channel)
            .with(&self.lang)
            .with(&self.slug)
            .with(&self.url_path)
            .with(&self.translation_key)
            .with(self.is_section_index)
            .with(frontmatter::fingerprint_without(&self.yaml, SHOWN_ONLY));
        // Rules, members and pages are listed by weight, then title: a new title
        // that moves one in its list is caught by `keeps_list_place`. An alias
        // page and every page's menu show the title.
        if !self.common.aliases.is_empty() || !self.common.menus.is_empty() {
            f.push(&self.common.title);
        }
        f.finish()
    }

    /// The day a news item appears: its `publish_date`, else its `date`
    /// (other kinds appear when built).
    pub fn publishes_on(&self) -> Option<NaiveDate> {
        match &self.meta {
            Meta::News(n) => n.publish_date.as_ref().or(self.common.date.as_ref()),
            _ => None,
        }
        .map(Timestamp::date)
    }

    /// Whether the item waits for a later build (see [`Document::publishes_on`]).
    pub fn is_scheduled_after(&self, today: NaiveDate) -> bool {
        self.publishes_on().is_some_and(|day| day > today)
    }

    /// The last day lists and feeds show the item (`expires:`).
    pub fn expires_on(&self) -> Option<NaiveDate> {
        match &self.meta {
            Meta::News(n) => n.expires,
            _ => None,
        }
    }

    /// Whether lists and feeds have dropped the item by `today`.
    pub fn has_expired(&self, today: NaiveDate) -> bool {
        self.expires_on().is_some_and(|last| last < today)
    }

    /// Where rules, members and pages stand in their lists: by weight, then
    /// title (the source breaks ties).
    pub fn list_key(&self) -> (i64, &str, &str) {
        (
            self.common.weight.unwrap_or(i64::MAX),
            &self.common.title,
            &self.source,
        )
    }

    /// Whether `self`, a new version of `old` with the same shape, keeps its
    /// place among `peers` in the lists sorted by [`Self::list_key`] (for other
    /// kinds the title decides no place).
    pub fn keeps_list_place<'a>(
        &self,
        old: &Document,
        peers: impl IntoIterator<Item = &'a Document>,
    ) -> bool {
        if !matches!(self.kind, Kind::Rules | Kind::Member | Kind::Page)
            || self.common.title == old.common.title
        {
            return true;
        }
        let (a, b) = (old.list_key(), self.list_key());
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        !peers.into_iter().any(|p| {
            // Lists mix languages (untranslated documents are listed in
            // every language), so peers of every language count.
            p.source != self.source && p.kind == self.kind && (low..=high).contains(&p.list_key())
        })
    }

    /// The output path of the own page of the rules document this version
    /// belongs to, when it is kept in a folder: `rules/<document>/` (under the
    /// version's language), the folder of its own `rules/<document>/<v>/`.
    pub fn rules_document_path(&self) -> Option<&str> {
        match &self.meta {
            Meta::Rules(r) if r.document.is_some() => {
                let own = self.url_path.trim_end_matches('/');
                own.rfind('/').map(|end| &self.url_path[..=end])
            }
            _ => None,
        }
    }

    /// The section whose list it is in: its channel's, else its kind's
    /// (`None` for plain pages).
    pub fn section(&self) -> Option<&str> {
        self.channel.as_deref().or(self.kind.section())
    }

    pub fn template_name(&self) -> &str {
        self.common
            .template
            .as_deref()
            .unwrap_or_else(|| self.kind.default_template())
    }
}

/// Parses one source. `text` has no BOM.
pub fn parse(
    source: &str,
    text: &str,
    config: &ParseSettings,
) -> Result<Document, Vec<Diagnostic>> {
    let placement = place(source, config).map_err(|d| vec![d])?;
    let split = frontmatter::split(text).map_err(|e| {
        vec![Diagnostic::error(Code::FrontMatter, source, e.message)
            .at(e.line, 1)
            .underline(3)
            .help(e.help)]
    })?;
    let yaml = Yaml {
        path: source,
        text: split.yaml,
        first_line: split.yaml_line,
    };
    let schema = placement.kind.spec().schema;
    let raw: RawFrontMatter = yaml.parse(schema)?;
    let mut errors = Vec::new();
    let ctx = FieldContext {
        yaml: &yaml,
        tz: config.timezone,
    };

    let title = raw.title.clone().unwrap_or_default();
    if title.trim().is_empty() {
        errors.push(ctx.missing("title", "add `title: ...` to the front matter"));
    }
    let mut date = ctx.timestamp("date", raw.date.as_deref(), &mut errors);
    if date.is_none() && raw.date.is_none() {
        date = placement
            .file_date
            .and_then(|d| Timestamp::parse(&d.to_string(), config.timezone));
    }
    if date.is_none()
        && raw.date.is_none()
        && placement.kind == Kind::News
        && !placement.is_section_index
    {
        errors.push(ctx.missing(
            "date",
            "add `date: YYYY-MM-DD`, or start the file name with `YYYY-MM-DD-`",
        ));
    }
    let updated = ctx.timestamp("updated", raw.updated.as_deref(), &mut errors);
    let slug = match raw.slug.as_deref() {
        Some(explicit) => match slug::check_explicit(explicit) {
            Ok(()) => explicit.to_string(),
            Err(why) => {
                errors.push(
                    Diagnostic::error(
                        Code::Slug,
                        source,
                        format!("invalid slug `{explicit}`: {why}"),
                    )
                    .at_pos(yaml.locate(&["slug"], Some(explicit)))
                    .help("a slug is one URL segment, e.g. `preparatory-meeting`"),
                );
                String::new()
            }
        },
        None => placement.file_slug.clone(),
    };
    if slug.is_empty() && errors.is_empty() && !placement.is_section_index {
        errors.push(
            Diagnostic::error(Code::Slug, source, "the file name gives an empty slug")
                .at(1, 1)
                .help("rename the file with letters or digits, or set `slug:` in the front matter"),
        );
    }
    if slug::is_reserved(&slug) && placement.kind != Kind::Page {
        errors.push(
            Diagnostic::error(
                Code::Slug,
                source,
                format!("the slug `{slug}` is reserved for gazette's own pages"),
            )
            .at(1, 1)
            .help("choose another file name or `slug:`"),
        );
    }
    for (i, alias) in raw.aliases.iter().enumerate() {
        if alias.split('/').any(|s| s == ".." || s == ".")
            || alias.contains(['\\', '?', '#'])
            || alias.chars().any(char::is_control)
        {
            errors.push(
                Diagnostic::error(
                    Code::Alias,
                    source,
                    format!("alias {} `{alias}` is not a clean path", i + 1),
                )
                .at_pos(yaml.locate(&["aliases"], Some(alias)))
                .help("write an old URL path such as `/2024/preparatory-meeting/`"),
            );
        }
    }
    let menus = menu_places(raw.menu.as_ref(), raw.weight, &yaml, &mut errors);
    limits::long_segments(source, &yaml, &slug, &raw, &placement, &mut errors);
    let body_line = text[..split.body_offset].matches('\n').count() + 1;
    errors.extend(limits::markdown_nesting(source, split.body, body_line));
    for tag in &raw.tags {
        if slug::slugify(tag, config.slugify).is_empty() {
            errors.push(
                Diagnostic::error(
                    Code::Tag,
                    source,
                    format!("the tag `{tag}` has no letters or digits"),
                )
                .at_pos(yaml.locate(&["tags"], Some(tag)))
                .help("tags become URLs: use words"),
            );
        }
    }

    let meta = match placement.kind {
        _ if placement.is_section_index => Meta::Page,
        Kind::News => Meta::News(news::from_raw(&raw, &ctx, &mut errors)),
        Kind::Meeting => match meeting::from_raw(&raw, &ctx, config, &mut errors) {
            Some(m) => Meta::Meeting(m),
            None => Meta::Page,
        },
        Kind::Rules => match rules::from_raw(
            &raw,
            &ctx,
            placement
                .rules_folder()
                .map(|f| slug::slugify(f, config.slugify)),
            &mut errors,
        ) {
            Some(r) => Meta::Rules(r),
            None => Meta::Page,
        },
        Kind::Member => Meta::Member(member::from_raw(&raw, &ctx, &mut errors)),
        Kind::Page => Meta::Page,
    };
    if !errors.is_empty() {
        return Err(errors);
    }

    let prefix = config.lang_prefix(&placement.lang);
    let folders: String = placement
        .folders
        .iter()
        .map(|f| format!("{}/", slug::slugify(f, config.slugify)))
        .collect();
    // A version in a document folder is named `<document>/<version>`: its
    // slug says which document it belongs to, and its URL is the folder's.
    let slug = match placement.rules_folder() {
        Some(folder) => format!("{}/{slug}", slug::slugify(folder, config.slugify)),
        None => slug,
    };
    let url_path = if placement.is_section_index {
        format!("{prefix}{folders}")
    } else if placement.rules_folder().is_some() {
        format!("{prefix}rules/{slug}/")
    } else {
        format!("{prefix}{folders}{slug}/")
    };
    Ok(Document {
        fingerprint: crate::fingerprint::of((source, text)),
        source: source.to_string(),
        kind: placement.kind,
        channel: placement.channel,
        lang: placement.lang,
        slug,
        url_path,
        translation_key: placement.translation_key,
        folder: placement.folder,
        is_section_index: placement.is_section_index,
        common: Common {
            title,
            summary: raw.summary,
            date,
            updated,
            draft: raw.draft.unwrap_or(false),
            tags: raw.tags,
            aliases: raw.aliases,
            attachments: raw
                .attachments
                .into_iter()
                .map(|a| match a {
                    frontmatter_fields::RawAttachment::File(f) => (f, None),
                    frontmatter_fields::RawAttachment::Titled { file, title } => (file, title),
                })
                .collect(),
            weight: raw.weight,
            template: raw.template,
            menus,
            extra: raw
                .extra
                .unwrap_or(serde_json::Value::Object(Default::default())),
        },
        meta,
        body: split.body.to_string(),
        body_offset: split.body_offset,
        yaml: split.yaml.to_string(),
        yaml_line: split.yaml_line,
    })
}

/// The menus a `menu:` value puts a document in, each name checked.
fn menu_places(
    raw: Option<&frontmatter_fields::RawMenu>,
    weight: Option<i64>,
    yaml: &Yaml,
    errors: &mut Vec<Diagnostic>,
) -> Vec<MenuPlace> {
    use frontmatter_fields::RawMenu;
    let places: Vec<(String, Option<i64>, Option<String>)> = match raw {
        None => vec![],
        Some(RawMenu::One(name)) => vec![(name.clone(), None, None)],
        Some(RawMenu::Many(names)) => names.iter().map(|n| (n.clone(), None, None)).collect(),
        Some(RawMenu::Detailed(map)) => map
            .iter()
            .map(|(n, p)| (n.clone(), p.weight, p.name.clone()))
            .collect(),
    };
    let mut out = Vec::new();
    for (menu, own_weight, name) in places {
        if !crate::config::MENU_NAMES.contains(&menu.as_str()) {
            errors.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    yaml.path,
                    format!("`menu`: there is no menu `{menu}`"),
                )
                .at_pos(yaml.locate(&["menu"], Some(&menu)))
                .help("the menus are `main` (the header) and `footer`"),
            );
            continue;
        }
        out.push(MenuPlace {
            menu,
            weight: own_weight.or(weight).unwrap_or(0),
            name,
        });
    }
    out
}

#[cfg(test)]
mod tests;
