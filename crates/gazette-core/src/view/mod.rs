//! The views templates see: typed `Serialize` structs, the template contract
//! in code (docs/templates.md lists them). Each document's summary is built at
//! most once per build, on first use, and kept as the JSON value templates read.

mod document;
mod menus;
pub mod share;
pub mod thumbnail;

pub use menus::{menus, MenuLink, MenusView};
pub use share::{ShareImage, ShareView};

pub use document::{
    translations, ArticleView, Details, PageView, Reference, Shown, Summary, TagLink, Translation,
};

use crate::config::Config;
use crate::content::Timestamp;
use crate::site::{DocId, PerDoc, Site};
pub use crate::urls::{encode_path, permalink, url_path};
use serde::Serialize;
use serde_json::Value;
use std::sync::{Arc, OnceLock};

/// Tags a summary (a card in a list, a feed entry) carries at most.
pub const SUMMARY_TAGS: usize = 20;

/// One build's documents and their summaries, shared by the renderer and the
/// template functions (which must own what they read).
pub struct Views {
    pub config: Arc<Config>,
    pub lib: Arc<Site>,
    /// The build's day: rules versions stand where their dates put them on it.
    pub today: chrono::NaiveDate,
    summaries: PerDoc<OnceLock<Value>>,
}

impl Views {
    pub fn new(config: Arc<Config>, lib: Arc<Site>, today: chrono::NaiveDate) -> Self {
        let summaries = lib.docs.map(|_| OnceLock::new());
        Views {
            config,
            lib,
            today,
            summaries,
        }
    }

    /// The summary view of document `i`, built on first use. It carries the
    /// first [`SUMMARY_TAGS`] tags and `tag_count`: each of a document's tag
    /// pages lists it, so all its tags there would make tags cost their
    /// count squared (its own page has them all).
    pub fn summary(&self, i: DocId) -> &Value {
        self.summaries[i].get_or_init(|| {
            let shown = Shown::of(&self.lib, i);
            let mut value = to_value(Summary::of(&self.config, &self.lib, i, &shown, self.today));
            if let Value::Object(fields) = &mut value {
                let count = self.lib.docs[i].common.tags.len();
                if let Some(Value::Array(tags)) = fields.get_mut("tags") {
                    tags.truncate(SUMMARY_TAGS);
                }
                fields.insert("tag_count".into(), count.into());
            }
            value
        })
    }
}

pub fn timestamp(t: &Timestamp) -> Value {
    Value::String(t.to_source_string())
}

/// A timestamp shown in a given zone (meetings show their own local time).
pub fn timestamp_in(t: &Timestamp, tz: chrono_tz::Tz) -> Value {
    if t.has_time {
        Value::String(t.instant.with_timezone(&tz).fixed_offset().to_rfc3339())
    } else {
        timestamp(t)
    }
}

/// A view as the JSON value templates read; views are plain data, so this
/// cannot fail.
pub fn to_value(view: impl serde::Serialize) -> Value {
    serde_json::to_value(view).unwrap_or(Value::Null)
}

/// `site` in every template: the settings of the page's language and the build's day.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    /// A line of text for the footer.
    pub footer: Option<String>,
    pub menus: MenusView,
    pub brand: BrandView,
    /// The filing numbers with their filing sites (see [`BeianView`]).
    pub beian: Option<BeianView>,
    pub base_url: String,
    pub base_path: String,
    pub language: String,
    pub languages: Vec<String>,
    pub timezone: String,
    /// `YYYY-MM-DD`: the day that decided upcoming meetings.
    pub today: String,
    pub search: bool,
    /// Every section with a list, the channels after the news: for a theme's
    /// own navigation.
    pub sections: Vec<SectionLink>,
    pub extra: Value,
}

/// A section's list page; `name` is also the theme string (or channel) naming it.
#[derive(Debug, Serialize)]
pub struct SectionLink {
    pub name: String,
    pub url: String,
}

/// The sections with a list page in `lang`, in menu order.
fn sections(config: &Config, lang: &str) -> Vec<SectionLink> {
    let prefix = config.lang_prefix(lang);
    let mut names = Vec::new();
    for kind in crate::kinds::KINDS.iter().filter(|k| k.list.is_some()) {
        names.extend(kind.section.map(str::to_string));
        if kind.kind == crate::kinds::Kind::News {
            names.extend(config.channels.iter().map(|c| c.name.clone()));
        }
    }
    names
        .into_iter()
        .map(|name| SectionLink {
            url: url_path(config, &format!("{prefix}{name}/")),
            name,
        })
        .collect()
}

pub fn site(config: &Config, lib: &Site, lang: &str, today: chrono::NaiveDate) -> Value {
    let settings = config.settings(lang);
    to_value(SiteView {
        title: settings.title.clone(),
        description: settings.description.clone(),
        footer: settings.footer.clone(),
        menus: menus(config, lib, lang),
        brand: BrandView::of(config),
        beian: BeianView::of(config),
        base_url: config.base_url.clone(),
        base_path: config.base_path.clone(),
        language: config.language.clone(),
        languages: config.all_languages().map(str::to_string).collect(),
        timezone: config.timezone.name().to_string(),
        today: today.format("%Y-%m-%d").to_string(),
        search: config.search,
        sections: sections(config, lang),
        extra: config.extra.clone(),
    })
}

/// `site.brand`: the pictures' URLs (under the base path) and the accent colour.
#[derive(Debug, Serialize)]
pub struct BrandView {
    pub logo: Option<String>,
    /// Always set: the favicon given, else the logo, else the theme's.
    pub favicon: String,
    pub accent: Option<String>,
    pub hero_image: Option<HeroImage>,
}

#[derive(Debug, Serialize)]
pub struct HeroImage {
    pub src: String,
    pub alt: String,
}

impl BrandView {
    fn of(config: &Config) -> BrandView {
        let url = |p: &str| url_path(config, p.trim_start_matches('/'));
        let brand = &config.brand;
        BrandView {
            logo: brand.logo.as_deref().map(url),
            favicon: url(brand
                .favicon
                .as_deref()
                .or(brand.logo.as_deref())
                .unwrap_or("favicon.svg")),
            accent: brand.accent.clone(),
            hero_image: brand.hero_image.as_ref().map(|(src, alt)| HeroImage {
                src: url(src),
                alt: alt.clone(),
            }),
        }
    }
}

/// `site.beian`: each filing number with the public site that looks it up.
#[derive(Debug, Serialize)]
pub struct BeianView {
    pub icp: Option<String>,
    pub icp_url: &'static str,
    pub police: Option<String>,
    pub police_url: Option<String>,
}

impl BeianView {
    fn of(config: &Config) -> Option<BeianView> {
        let beian = &config.beian;
        (!beian.is_empty()).then(|| BeianView {
            icp: beian.icp.clone(),
            icp_url: "https://beian.miit.gov.cn/",
            police: beian.police.clone(),
            police_url: beian
                .police_code()
                .map(|code| format!("https://beian.mps.gov.cn/#/query/webSearch?code={code}")),
        })
    }
}

/// A feed a page links to in its head.
#[derive(Debug, Serialize)]
pub struct FeedLink {
    /// `site`, `news` or a channel's name: the theme string (or channel) naming it.
    pub kind: String,
    pub url: String,
}

/// What every page's template gets, beside what its kind adds.
#[derive(Debug, Serialize)]
pub struct Base {
    pub site: Value,
    pub lang: String,
    /// `home`, `news`, `meetings`, `news_list`, `tag`, `search`, `404` …
    pub page_kind: String,
    /// The URL of the language's home page.
    pub root: String,
    pub current_path: String,
    pub current_url: String,
    /// The same page in every language (documents: their translations).
    pub translations: Value,
    /// Every language's home page, for a switcher on pages that have no
    /// translation in some language.
    pub language_homes: Vec<LanguageHome>,
    pub feeds: Vec<FeedLink>,
    /// The language's meeting calendar: to download, and to subscribe to.
    pub calendar: CalendarLinks,
    /// Document pages: the section search files it under (a theme string or
    /// a channel's name), `None` for pages search leaves out.
    pub search_section: Option<String>,
    /// Open Graph, the Twitter card and JSON-LD (see [`ShareView`]).
    pub share: ShareView,
    /// The way here from the language's home: the home, then the section
    /// when the page is inside one (not the page itself, which the template
    /// names). `key` is the theme string (or channel) naming each.
    pub crumbs: Vec<Crumb>,
}

/// One step of a page's breadcrumbs.
#[derive(Debug, Serialize)]
pub struct Crumb {
    pub key: String,
    pub url: String,
    pub permalink: String,
}

#[derive(Debug, Serialize)]
pub struct CalendarLinks {
    pub url: String,
    /// `webcal://…`: calendar apps subscribe to it and keep it current.
    pub webcal: String,
}

impl CalendarLinks {
    pub fn of(config: &Config, prefix: &str) -> CalendarLinks {
        let path = format!("{prefix}meetings/calendar.ics");
        let absolute = permalink(config, &path);
        let rest = absolute
            .split_once("://")
            .map_or(absolute.as_str(), |(_, r)| r);
        CalendarLinks {
            url: url_path(config, &path),
            webcal: format!("webcal://{rest}"),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct LanguageHome {
    pub lang: String,
    pub url: String,
}

pub fn language_homes(config: &Config) -> Vec<LanguageHome> {
    config
        .all_languages()
        .map(|l| LanguageHome {
            lang: l.to_string(),
            url: url_path(config, &config.lang_prefix(l)),
        })
        .collect()
}

pub fn tag_slug(config: &Config, tag: &str) -> String {
    crate::slug::slugify(tag, config.slugify)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{id, TestSite};

    /// A summary is on every one of its tags' pages: it carries the first
    /// tags and their count, so many tags cost their count, not its square.
    #[test]
    fn a_summary_carries_its_first_tags_and_their_count() {
        let tags: Vec<String> = (0..25).map(|i| format!("tag{i}")).collect();
        let site = TestSite::new().file(
            "content/news/2025-01-01-a.md",
            &format!("---\ntitle: A\ntags: [{}]\n---\nText.\n", tags.join(", ")),
        );
        let (config, lib) = site.site();
        let i = id(&lib, "content/news/2025-01-01-a.md");
        let views = Views::new(config, lib, chrono::NaiveDate::MIN);
        let summary = views.summary(i);
        let shown = summary["tags"].as_array().unwrap();
        assert_eq!(shown.len(), SUMMARY_TAGS);
        assert_eq!(shown[0]["name"], "tag0");
        assert_eq!(summary["tag_count"], 25);
        // The page itself shows all of them.
        assert_eq!(
            site.page("news/a/index.html").matches("/tags/tag").count(),
            25
        );
    }
}
