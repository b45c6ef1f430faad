//! The plan of a site: every output file as a [`Job`] that names the
//! documents it shows, grouped by [`Origin`] (home, lists, tags, documents,
//! feeds, calendars) so that a rebuild can plan one part again. Planning
//! decides what each output shows; [`crate::render`] makes the bytes.

mod context;
mod deps;
mod documents;
mod index;
mod lists;
mod machine;
mod pages;

pub(crate) use deps::{
    own_fingerprint, reference_fingerprint, referenced, site_fingerprint, view_fingerprint,
};
pub(crate) use index::LangIndex;
pub(crate) use machine::MachineFile;
pub use machine::FEED_LIMIT;
pub(crate) use pages::Page;

use crate::config::Config;
use crate::content::{Kind, ListOrder, KINDS};
use crate::fingerprint;
use crate::site::{DocId, PerDoc, Site};
use crate::theme;
use crate::view::{self, Views};
use chrono::NaiveDate;
use serde_json::Value;

/// How a job's bytes are made: a page through a template, or a machine file.
pub(crate) enum Make<'a> {
    Page {
        template: String,
        /// The source to blame when rendering fails.
        source: String,
        page: PlannedPage<'a>,
    },
    /// A machine file (feed, calendar).
    File(PlannedFile<'a>),
}

/// A page with what its context is made from.
pub(crate) struct PlannedPage<'a> {
    planner: &'a Planner<'a>,
    ix: &'a LangIndex,
    /// Its URL path under the base URL.
    path: String,
    page: Page,
}

impl PlannedPage<'_> {
    /// What the page's template reads.
    pub(crate) fn context(&self) -> Value {
        self.planner.context(self.ix, &self.path, &self.page)
    }
}

/// A machine file with what its bytes are made from.
pub(crate) struct PlannedFile<'a> {
    planner: &'a Planner<'a>,
    ix: &'a LangIndex,
    path: String,
    file: MachineFile,
}

impl PlannedFile<'_> {
    pub(crate) fn bytes(&self) -> Vec<u8> {
        self.planner.machine_bytes(self.ix, &self.path, &self.file)
    }
}

/// One output file to make.
pub(crate) struct Job<'a> {
    pub(crate) path: String,
    /// The documents whose views go into it, as its page or file reports them.
    pub(crate) deps: Vec<DocId>,
    /// Whatever else decides its content: the page's or file's own data.
    pub(crate) key: u64,
    pub(crate) make: Make<'a>,
}

pub(crate) struct Planner<'a> {
    pub(crate) config: &'a Config,
    pub(crate) lib: &'a Site,
    pub(crate) views: &'a Views,
    pub(crate) today: NaiveDate,
    /// `site` in templates, per language: its title, menus …
    pub(crate) sites: std::collections::BTreeMap<String, Value>,
    /// What a shared link of a page without a picture shows
    /// ([`view::share::site_image`]).
    pub(crate) site_image: Option<view::ShareImage>,
}

/// Where a job comes from, so that a later build can plan that part again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Origin {
    Home,
    /// A built-in kind's list.
    List(Kind),
    /// A channel's list, by its place in `config.channels`.
    ChannelList(usize),
    TagIndex,
    Tag(String),
    /// A document's page (and a rules version's changes pages).
    Document(DocId),
    /// The own pages of a rules document kept in a folder (by its place in
    /// the language's `rules_docs`).
    RulesDocument(usize),
    /// Every decision of every meeting, latest first.
    Decisions,
    Search,
    NotFound,
    SiteFeed,
    /// A built-in kind's feed.
    Feed(Kind),
    ChannelFeed(usize),
    TagFeed(String),
    MeetingCalendar(DocId),
    Calendar,
}

/// One planned output: its path and the part of the site (in which language) it belongs to.
pub(crate) struct Planned {
    pub(crate) path: String,
    pub(crate) lang: usize,
    pub(crate) origin: Origin,
}

/// The last full build's plan of the site, kept for rebuilds in which no
/// document changes its shape: then the plan still holds, and only the jobs
/// that show a changed document are planned and rendered again.
pub(crate) struct Plan {
    pub(crate) indexes: Vec<LangIndex>,
    pub(crate) jobs: Vec<Planned>,
    /// Document → the jobs whose dependencies include it.
    pub(crate) by_doc: PerDoc<Vec<u32>>,
    /// Jobs whose templates read documents through functions.
    pub(crate) reading: Vec<u32>,
    /// Document → the documents whose views show it (see [`referenced`]).
    pub(crate) referrers: PerDoc<Vec<DocId>>,
    /// Fingerprints of each document's own text and Markdown, of what others
    /// show of it, and of its views.
    pub(crate) own: PerDoc<u64>,
    pub(crate) refs: PerDoc<u64>,
    pub(crate) views: PerDoc<u64>,
    pub(crate) site: u64,
}

impl<'a> Planner<'a> {
    /// The `site` value of every language.
    pub(crate) fn sites(
        config: &Config,
        lib: &Site,
        today: NaiveDate,
    ) -> std::collections::BTreeMap<String, Value> {
        config
            .all_languages()
            .map(|l| (l.to_string(), view::site(config, lib, l, today)))
            .collect()
    }

    /// What every page shows of the site beside its own content (titles,
    /// menus): a page made with another one is made again.
    pub(crate) fn chrome_key(&self) -> u64 {
        fingerprint::of(serde_json::to_string(&self.sites).unwrap_or_default())
    }

    /// The home, then the section a page at `path` is inside (a section's
    /// list and its pages of pagination are the section itself).
    fn crumbs(&self, ix: &LangIndex, path: &str) -> Vec<view::Crumb> {
        let crumb = |key: &str, at: &str| view::Crumb {
            key: key.to_string(),
            url: view::url_path(self.config, at),
            permalink: view::permalink(self.config, at),
        };
        let mut out = vec![crumb("home", &ix.prefix)];
        let rest = path.strip_prefix(ix.prefix.as_str()).unwrap_or(path);
        if let Some((section, inside)) = rest.split_once('/') {
            let listed = KINDS
                .iter()
                .any(|k| k.list.is_some() && k.section == Some(section))
                || self.config.channels.iter().any(|c| c.name == section)
                || section == "tags";
            if listed && !inside.is_empty() && !inside.starts_with("page/") {
                out.push(crumb(section, &format!("{}{section}/", ix.prefix)));
            }
        }
        out
    }

    /// Fields every template gets.
    pub(crate) fn base(
        &self,
        ix: &LangIndex,
        path: &str,
        kind: &str,
        translations: Value,
    ) -> view::Base {
        let feed = |kind: &str, section: &str| view::FeedLink {
            kind: kind.to_string(),
            url: view::url_path(self.config, &format!("{}{section}atom.xml", ix.prefix)),
        };
        let kind_feeds = KINDS
            .iter()
            .filter(|k| k.feed)
            .filter_map(|k| Some(feed(k.string, &format!("{}/", k.section?))));
        let channel_feeds = self
            .config
            .channels
            .iter()
            .map(|c| feed(&c.name, &format!("{}/", c.name)));
        view::Base {
            site: self.sites.get(&ix.lang).cloned().unwrap_or(Value::Null),
            lang: ix.lang.clone(),
            page_kind: kind.to_string(),
            root: view::url_path(self.config, &ix.prefix),
            current_path: view::url_path(self.config, path),
            current_url: view::permalink(self.config, path),
            translations,
            language_homes: view::language_homes(self.config),
            calendar: view::CalendarLinks::of(self.config, &ix.prefix),
            feeds: std::iter::once(feed("site", ""))
                .chain(kind_feeds)
                .chain(channel_feeds)
                .collect(),
            search_section: None,
            crumbs: self.crumbs(ix, path),
            share: view::share::of_page(
                self.config,
                self.lib,
                &ix.lang,
                &view::permalink(self.config, path),
                None,
                self.site_image.as_ref(),
            ),
        }
    }

    /// The language of a tag's name when only documents of one other language
    /// carry it (a Chinese tag of untranslated items on an English page).
    pub(crate) fn tag_lang(&self, ix: &LangIndex, items: &[DocId]) -> Option<String> {
        let first = &self.lib.docs[*items.first()?].lang;
        (first != &ix.lang && items.iter().all(|&i| &self.lib.docs[i].lang == first))
            .then(|| first.clone())
    }

    /// The same generated page in every language, for the language switcher.
    pub(crate) fn list_translations(&self, path_in_lang: &str) -> Value {
        self.config
            .all_languages()
            .map(|l| {
                let path = format!("{}{path_in_lang}", self.config.lang_prefix(l));
                view::Translation {
                    lang: l.to_string(),
                    url: view::url_path(self.config, &path),
                    permalink: view::permalink(self.config, &path),
                    title: None,
                }
            })
            .map(view::to_value)
            .collect()
    }

    /// A page's job: its dependencies and key are what the page reports.
    pub(crate) fn page_job(
        &'a self,
        ix: &'a LangIndex,
        path: String,
        file: &str,
        template: &str,
        source: &str,
        page: Page,
    ) -> Job<'a> {
        Job {
            path: format!("{path}{file}"),
            deps: page.shows(),
            key: page.key(),
            make: Make::Page {
                template: template.into(),
                source: source.into(),
                page: PlannedPage {
                    planner: self,
                    ix,
                    path,
                    page,
                },
            },
        }
    }

    /// A page at `path` (under the language's prefix) through one of the theme's templates.
    fn theme_page(&'a self, ix: &'a LangIndex, path: &str, template: &str, page: Page) -> Job<'a> {
        let file = if path.ends_with(".html") {
            ""
        } else {
            "index.html"
        };
        self.page_job(
            ix,
            format!("{}{path}", ix.prefix),
            file,
            template,
            &format!("templates/{template}"),
            page,
        )
    }

    /// A machine file's job.
    pub(crate) fn file_job(
        &'a self,
        ix: &'a LangIndex,
        path: String,
        file: MachineFile,
    ) -> Job<'a> {
        Job {
            deps: file.shows(),
            key: fingerprint::of(&file),
            make: Make::File(PlannedFile {
                planner: self,
                ix,
                path: path.clone(),
                file,
            }),
            path,
        }
    }

    /// Every part of one language's site, in the order its jobs are planned.
    pub(crate) fn origins(&self, ix: &LangIndex) -> Vec<Origin> {
        let mut out = vec![Origin::Home];
        out.extend(
            KINDS
                .iter()
                .filter(|k| k.list.is_some())
                .map(|k| Origin::List(k.kind)),
        );
        out.extend((0..self.config.channels.len()).map(Origin::ChannelList));
        out.push(Origin::TagIndex);
        out.extend(ix.tags.keys().map(|slug| Origin::Tag(slug.clone())));
        for (i, doc) in self.lib.docs.enumerate() {
            if doc.lang != ix.lang
                || (doc.is_section_index && (doc.kind != Kind::Page || doc.url_path == ix.prefix))
            {
                continue;
            }
            out.push(Origin::Document(i));
        }
        out.extend(
            ix.rules_docs
                .iter()
                .enumerate()
                .filter(|(_, d)| d.folder.is_some())
                .map(|(k, _)| Origin::RulesDocument(k)),
        );
        out.push(Origin::Decisions);
        if self.config.search {
            out.push(Origin::Search);
        }
        out.push(Origin::NotFound);
        out.push(Origin::SiteFeed);
        out.extend(
            KINDS
                .iter()
                .filter(|k| k.feed)
                .map(|k| Origin::Feed(k.kind)),
        );
        out.extend((0..self.config.channels.len()).map(Origin::ChannelFeed));
        out.extend(ix.tags.keys().map(|slug| Origin::TagFeed(slug.clone())));
        // A meeting's own calendar lives beside its page, in its language only.
        out.extend(
            ix.calendar
                .iter()
                .filter(|&&m| self.lib.docs[m].lang == ix.lang)
                .map(|&m| Origin::MeetingCalendar(m)),
        );
        out.push(Origin::Calendar);
        out
    }

    /// The jobs of one part of the site.
    pub(crate) fn plan(
        &'a self,
        ix: &'a LangIndex,
        origin: &Origin,
        strings: &theme::Strings,
    ) -> Vec<Job<'a>> {
        let site_title = &self.config.settings(&ix.lang).title;
        let feed_title = |name: &str| format!("{site_title} · {name}");
        match origin {
            Origin::Home => vec![self.home_job(ix)],
            Origin::List(kind) => self.kind_list_jobs(ix, *kind),
            Origin::ChannelList(c) => self.channel_list_jobs(ix, *c),
            Origin::TagIndex => vec![self.theme_page(ix, "tags/", "tags.html", self.tag_index(ix))],
            Origin::Tag(slug) => self.tag_jobs(ix, slug),
            Origin::Document(i) => self.document_jobs(ix, *i),
            Origin::RulesDocument(k) => self.rules_document_jobs(ix, *k),
            Origin::Decisions => vec![self.theme_page(
                ix,
                "meetings/decisions/",
                "decisions.html",
                Page::Decisions(ix.deciding.iter().map(|&m| self.decision(ix, m)).collect()),
            )],
            // The index itself is built from the rendered pages, see search.rs.
            Origin::Search => vec![self.theme_page(ix, "search/", "search.html", Page::Search)],
            Origin::NotFound => vec![self.theme_page(ix, "404.html", "404.html", Page::NotFound)],
            Origin::SiteFeed => {
                vec![self.feed_job(ix, site_title.clone(), String::new(), &ix.stream)]
            }
            Origin::Feed(kind) => {
                let section = kind.section().unwrap_or_default();
                let name = strings.get(&ix.lang, kind.spec().string).unwrap_or(section);
                vec![self.feed_job(
                    ix,
                    feed_title(name),
                    format!("{section}/"),
                    self.kind_items(ix, *kind),
                )]
            }
            Origin::ChannelFeed(c) => match (self.config.channels.get(*c), ix.channels.get(*c)) {
                (Some(channel), Some(items)) => {
                    let title = feed_title(channel.title(&ix.lang, &self.config.language));
                    vec![self.feed_job(ix, title, format!("{}/", channel.name), items)]
                }
                _ => vec![],
            },
            Origin::TagFeed(slug) => match ix.tags.get(slug) {
                Some((name, items)) => {
                    vec![self.feed_job(ix, feed_title(name), format!("tags/{slug}/"), items)]
                }
                None => vec![],
            },
            Origin::MeetingCalendar(m) => {
                let doc = &self.lib.docs[*m];
                vec![self.file_job(
                    ix,
                    format!("{}meeting.ics", doc.url_path),
                    MachineFile::Calendar {
                        title: doc.common.title.clone(),
                        meetings: vec![*m],
                    },
                )]
            }
            Origin::Calendar => vec![self.file_job(
                ix,
                format!("{}meetings/calendar.ics", ix.prefix),
                MachineFile::Calendar {
                    title: feed_title(strings.get(&ix.lang, "meetings").unwrap_or("meetings")),
                    meetings: ix.calendar.clone(),
                },
            )],
        }
    }

    /// The documents a kind's list and feed show, in their order.
    pub(crate) fn kind_items<'i>(&self, ix: &'i LangIndex, kind: Kind) -> &'i [DocId] {
        match kind.spec().list {
            Some(ListOrder::Meetings) => &ix.meetings,
            Some(ListOrder::Rules) => &ix.rules_shown,
            _ => ix.list(kind),
        }
    }
}
