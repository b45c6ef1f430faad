//! The plan of a site: every output file as a [`Job`] that names the
//! documents it shows, grouped by [`Origin`] (home, lists, tags, documents,
//! feeds, calendars) so that a rebuild can plan one part again. Planning
//! decides what each output shows; [`crate::render`] makes the bytes.

mod deps;
mod documents;
mod index;
mod lists;
mod machine;

pub(crate) use deps::{
    own_fingerprint, reference_fingerprint, referenced, site_fingerprint, view_fingerprint,
};
pub(crate) use index::LangIndex;
pub use machine::FEED_LIMIT;

use crate::config::Config;
use crate::content::Kind;
use crate::fingerprint;
use crate::site::{DocId, PerDoc, Site};
use crate::theme;
use crate::view::{self, Views};
use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use std::sync::Arc;

pub(crate) type MakeContext<'a> = Box<dyn Fn() -> Map<String, Value> + Send + Sync + 'a>;
pub(crate) type MakeBytes<'a> = Box<dyn Fn() -> Vec<u8> + Send + Sync + 'a>;

pub(crate) enum Make<'a> {
    /// A page through a template.
    Page {
        template: String,
        /// The source to blame when rendering fails.
        source: String,
        context: MakeContext<'a>,
    },
    /// A machine file (feed, calendar).
    File(MakeBytes<'a>),
}

/// The key of a job whose path and documents decide all it shows.
pub(crate) const NO_KEY: u64 = 0;

/// One output file to make.
pub(crate) struct Job<'a> {
    pub(crate) path: String,
    /// The documents whose views go into it.
    pub(crate) deps: Vec<DocId>,
    /// Whatever else decides its content (page number, list shape …).
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
}

/// Where a job comes from, so that a later build can plan that part again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Origin {
    Home,
    NewsList,
    MeetingsList,
    RulesList,
    MembersList,
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
    NewsFeed,
    TagFeed(String),
    MeetingCalendar(DocId),
    Calendar,
}

pub(crate) fn kind_of_list(list: &str) -> &'static str {
    match list {
        "meetings/" => "meetings_list",
        "rules/" => "rules_list",
        "members/" => "members_list",
        _ => "news_list",
    }
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

    pub(crate) fn list(&self, items: &[DocId]) -> Value {
        Value::Array(
            items
                .iter()
                .map(|&i| self.views.summary(i).clone())
                .collect(),
        )
    }

    /// Fields every template gets.
    pub(crate) fn base(
        &self,
        ix: &LangIndex,
        path: &str,
        kind: &str,
        translations: Value,
    ) -> Map<String, Value> {
        let base = view::Base {
            site: self.sites.get(&ix.lang).cloned().unwrap_or(Value::Null),
            lang: ix.lang.clone(),
            page_kind: kind.to_string(),
            root: view::url_path(self.config, &ix.prefix),
            current_path: view::url_path(self.config, path),
            current_url: view::permalink(self.config, path),
            translations,
            language_homes: view::language_homes(self.config),
            calendar: view::CalendarLinks::of(self.config, &ix.prefix),
            feeds: vec![
                view::FeedLink {
                    kind: "site",
                    url: view::url_path(self.config, &format!("{}atom.xml", ix.prefix)),
                },
                view::FeedLink {
                    kind: "news",
                    url: view::url_path(self.config, &format!("{}news/atom.xml", ix.prefix)),
                },
            ],
        };
        match view::to_value(base) {
            Value::Object(m) => m,
            _ => Map::new(),
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
                json!({ "lang": l, "url": view::url_path(self.config, &path), "permalink": view::permalink(self.config, &path), "title": Value::Null })
            })
            .collect()
    }

    pub(crate) fn page_job(
        path: String,
        template: &str,
        source: &str,
        deps: Vec<DocId>,
        key: u64,
        context: MakeContext<'a>,
    ) -> Job<'a> {
        Job {
            path,
            deps,
            key,
            make: Make::Page {
                template: template.into(),
                source: source.into(),
                context,
            },
        }
    }

    /// Every part of one language's site, in the order its jobs are planned.
    pub(crate) fn origins(&self, ix: &LangIndex) -> Vec<Origin> {
        let mut out = vec![
            Origin::Home,
            Origin::NewsList,
            Origin::MeetingsList,
            Origin::RulesList,
            Origin::MembersList,
            Origin::TagIndex,
        ];
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
        out.push(Origin::NewsFeed);
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
        let config = self.config;
        let t = |key: &str| strings.get(&ix.lang, key).unwrap_or(key).to_string();
        let site_title = &config.settings(&ix.lang).title;
        // The meetings, rules and members lists are directories: every item on
        // one page (the meetings page groups upcoming and past).
        let first_page = |list: &str, items: &'a [DocId], extra, deps: &[DocId], key: u64| {
            self.paginate(
                ix,
                list,
                items,
                usize::MAX,
                "list.html",
                kind_of_list(list),
                extra,
                deps,
                key,
            )
        };
        match origin {
            Origin::Home => vec![self.home_job(ix)],
            Origin::NewsList => self.paginate(
                ix,
                "news/",
                &ix.news,
                config.paginate_by,
                "list.html",
                "news_list",
                self.section_extra(ix, "news"),
                &Self::intro_deps(ix, "news"),
                NO_KEY,
            ),
            Origin::MeetingsList => {
                let section = self.section_extra(ix, "meetings");
                let meetings: Arc<dyn Fn() -> Map<String, Value> + Send + Sync + 'a> =
                    Arc::new(move || {
                        let mut m = section();
                        m.insert("upcoming".into(), self.list(&ix.upcoming));
                        m.insert("past".into(), self.list(&ix.past));
                        m
                    });
                let mut deps = ix.meetings.clone();
                deps.extend(Self::intro_deps(ix, "meetings"));
                first_page(
                    "meetings/",
                    &ix.meetings,
                    meetings,
                    &deps,
                    fingerprint::of(ix.upcoming.len()),
                )
            }
            Origin::RulesList => {
                let section = self.section_extra(ix, "rules");
                let upcoming: Vec<DocId> = ix
                    .rules_docs
                    .iter()
                    .flat_map(|d| d.upcoming.iter().copied())
                    .collect();
                let mut deps = Self::intro_deps(ix, "rules");
                deps.extend(&upcoming);
                let key = fingerprint::of(&upcoming);
                let extra: Arc<dyn Fn() -> Map<String, Value> + Send + Sync + 'a> =
                    Arc::new(move || {
                        let mut m = section();
                        m.insert("upcoming".into(), self.list(&upcoming));
                        m
                    });
                first_page("rules/", &ix.rules_shown, extra, &deps, key)
            }
            Origin::MembersList => first_page(
                "members/",
                &ix.members,
                self.section_extra(ix, "members"),
                &Self::intro_deps(ix, "members"),
                NO_KEY,
            ),
            Origin::TagIndex => {
                let tags_path = format!("{}tags/", ix.prefix);
                let tag_list: Vec<(&String, &String, usize, Option<String>)> = ix
                    .tags
                    .iter()
                    .map(|(slug, (name, items))| {
                        (slug, name, items.len(), self.tag_lang(ix, items))
                    })
                    .collect();
                let key = fingerprint::of(&tag_list);
                let tp = tags_path.clone();
                vec![Self::page_job(
                    format!("{tags_path}index.html"),
                    "tags.html",
                    "templates/tags.html",
                    vec![],
                    key,
                    Box::new(move || {
                        let mut tags = self.base(ix, &tp, "tags", self.list_translations("tags/"));
                        tags.insert(
                            "tags".into(),
                            ix.tags
                                .iter()
                                .map(|(slug, (name, items))| json!({ "name": name, "slug": slug, "count": items.len(), "url": view::url_path(config, &format!("{tp}{slug}/")), "lang": self.tag_lang(ix, items) }))
                                .collect(),
                        );
                        tags
                    }),
                )]
            }
            Origin::Tag(slug) => {
                let Some((slug, (name, items))) = ix.tags.get_key_value(slug) else {
                    return vec![];
                };
                let tp = format!("{}tags/", ix.prefix);
                let extra: Arc<dyn Fn() -> Map<String, Value> + Send + Sync + 'a> = Arc::new(
                    move || {
                        let mut m = Map::new();
                        m.insert(
                            "tag".into(),
                            json!({ "name": name, "slug": slug, "url": view::url_path(config, &format!("{tp}{slug}/")), "feed_url": view::url_path(config, &format!("{tp}{slug}/atom.xml")), "lang": self.tag_lang(ix, items) }),
                        );
                        m
                    },
                );
                self.paginate(
                    ix,
                    &format!("tags/{slug}/"),
                    items,
                    config.paginate_by,
                    "tag.html",
                    "tag",
                    extra,
                    &[],
                    fingerprint::of((name, self.tag_lang(ix, items))),
                )
            }
            Origin::Document(i) => self.document_jobs(ix, *i),
            Origin::RulesDocument(k) => self.rules_document_jobs(ix, *k),
            Origin::Decisions => {
                let path = format!("{}meetings/decisions/", ix.prefix);
                let p = path.clone();
                let deps: Vec<DocId> = ix
                    .deciding
                    .iter()
                    .flat_map(|&m| self.decision_deps(ix, m))
                    .collect();
                vec![Self::page_job(
                    format!("{path}index.html"),
                    "decisions.html",
                    "templates/decisions.html",
                    deps,
                    fingerprint::of(&ix.deciding),
                    Box::new(move || {
                        let mut ctx = self.base(
                            ix,
                            &p,
                            "decisions",
                            self.list_translations("meetings/decisions/"),
                        );
                        ctx.insert(
                            "entries".into(),
                            ix.deciding
                                .iter()
                                .map(|&m| self.decision_entry(ix, m))
                                .collect(),
                        );
                        ctx
                    }),
                )]
            }
            // The index itself is built from the rendered pages, see search.rs.
            Origin::Search => {
                let sp = format!("{}search/", ix.prefix);
                vec![Self::page_job(
                    format!("{sp}index.html"),
                    "search.html",
                    "templates/search.html",
                    vec![],
                    NO_KEY,
                    Box::new(move || {
                        let mut ctx =
                            self.base(ix, &sp, "search", self.list_translations("search/"));
                        ctx.insert(
                            "search_bundle".into(),
                            json!(view::url_path(config, crate::search::BUNDLE)),
                        );
                        ctx
                    }),
                )]
            }
            Origin::NotFound => {
                let path = format!("{}404.html", ix.prefix);
                let p = path.clone();
                vec![Self::page_job(
                    path,
                    "404.html",
                    "templates/404.html",
                    vec![],
                    NO_KEY,
                    Box::new(move || self.base(ix, &p, "404", self.list_translations("404.html"))),
                )]
            }
            Origin::SiteFeed => vec![self.feed_job(
                ix,
                site_title.clone(),
                format!("{}atom.xml", ix.prefix),
                &ix.news,
            )],
            Origin::NewsFeed => vec![self.feed_job(
                ix,
                format!("{site_title} · {}", t("news")),
                format!("{}news/atom.xml", ix.prefix),
                &ix.news,
            )],
            Origin::TagFeed(slug) => match ix.tags.get(slug) {
                Some((name, items)) => vec![self.feed_job(
                    ix,
                    format!("{site_title} · {name}"),
                    format!("{}tags/{slug}/atom.xml", ix.prefix),
                    items,
                )],
                None => vec![],
            },
            Origin::MeetingCalendar(m) => {
                let doc = &self.lib.docs[*m];
                vec![self.calendar_job(
                    doc.common.title.clone(),
                    format!("{}meeting.ics", doc.url_path),
                    vec![*m],
                )]
            }
            Origin::Calendar => vec![self.calendar_job(
                format!("{site_title} · {}", t("meetings")),
                format!("{}meetings/calendar.ics", ix.prefix),
                ix.calendar.clone(),
            )],
        }
    }
}
