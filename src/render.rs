//! Every output file of a site, rendered in memory: pages through the theme,
//! lists with pagination, taxonomies, feeds, calendars, machine files.
//!
//! Rendering is planned first: each output file is a [`Job`] that names the
//! documents it reads. A job whose inputs (its documents, its own key, the site
//! wide inputs, what its template functions read last time) are unchanged since
//! the build that filled the [`PageCache`] reuses that build's bytes. A clean build
//! is a build with an empty cache, so watch and build share one code path.

use crate::changes;
use crate::config::Config;
use crate::content::{Document, Kind, Meta};
use crate::error::Diagnostic;
use crate::feed::{self, Feed, FeedEntry};
use crate::fingerprint::{self, Fingerprint};
use crate::library::{alias_path, Library};
use crate::source::Sources;
use crate::theme::{self, Read, TemplateData};
use crate::view::{self, Views};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// The bytes of one output file, shared between builds without copying.
pub type Bytes = Arc<[u8]>;

/// Output files, keyed by path under the output folder.
pub type Files = BTreeMap<Arc<str>, Bytes>;

/// Output files made again, to put over the previous build's.
pub type Patch = Vec<(Arc<str>, Bytes)>;

/// What a render made: every output file, or (when only some documents
/// changed, see [`render_site`]) the files it made again.
pub enum Output {
    All(Files),
    Patch(Patch),
}

/// Items per feed: the newest ones, with full content.
pub const FEED_LIMIT: usize = 20;

/// Outputs of the previous build with what they were made from.
#[derive(Default)]
pub struct PageCache {
    entries: HashMap<String, Cached>,
    sitemap: Option<(u64, Bytes)>,
    plan: Option<Plan>,
    theme: Option<LoadedTheme>,
}

struct Cached {
    fingerprint: u64,
    reads: Vec<(Read, u64)>,
    bytes: Bytes,
}

/// What one language of the site holds, sorted for display.
struct LangIndex {
    lang: String,
    prefix: String,
    news: Vec<usize>,
    upcoming: Vec<usize>,
    past: Vec<usize>,
    /// Upcoming, then past.
    meetings: Vec<usize>,
    /// Newest version of each rules document.
    rules_heads: Vec<usize>,
    members: Vec<usize>,
    pages: Vec<usize>,
    tags: BTreeMap<String, (String, Vec<usize>)>,
    intros: HashMap<String, usize>,
    /// Rules slug → the version that supersedes it.
    successors: HashMap<String, usize>,
    /// Member slug → what other documents say about it.
    member_links: HashMap<String, MemberLinks>,
}

/// What other documents say about one member: meetings hosted and attended, news.
#[derive(Default, Clone)]
struct MemberLinks {
    hosted: Vec<usize>,
    attended: Vec<usize>,
    news: Vec<usize>,
}

type MakeContext<'a> = Box<dyn Fn() -> Map<String, Value> + Send + Sync + 'a>;
type MakeBytes<'a> = Box<dyn Fn() -> Vec<u8> + Send + Sync + 'a>;

enum Make<'a> {
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

/// One output file to make.
struct Job<'a> {
    path: String,
    /// The documents whose views go into it.
    deps: Vec<usize>,
    /// Whatever else decides its content (page number, list shape …).
    key: u64,
    make: Make<'a>,
}

struct Renderer<'a> {
    config: &'a Config,
    lib: &'a Library,
    views: &'a Views,
    today: NaiveDate,
    site: Value,
}

fn sort_newest_first(lib: &Library, items: &mut [usize]) {
    items.sort_by(|&a, &b| {
        let (da, db) = (&lib.docs[a], &lib.docs[b]);
        db.common
            .date
            .cmp(&da.common.date)
            .then_with(|| da.source.cmp(&db.source))
    });
}

fn by_weight_then_title(lib: &Library, items: &mut [usize]) {
    items.sort_by(|&a, &b| lib.docs[a].list_key().cmp(&lib.docs[b].list_key()));
}

/// The page numbers a paginator links to: the first, the last and two either side
/// of the current one (so a list of 1,000 pages does not link every page from
/// every page), each with whether numbers were skipped before it.
fn page_window(current: usize, total: usize) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = Vec::new();
    for p in 1..=total {
        if p == 1 || p == total || p.abs_diff(current) <= 2 {
            let gap = out.last().is_some_and(|&(last, _)| p > last + 1);
            out.push((p, gap));
        }
    }
    out
}

fn meeting(doc: &Document) -> Option<&crate::content::meeting::Meeting> {
    match &doc.meta {
        Meta::Meeting(m) => Some(m),
        _ => None,
    }
}

/// The documents whose data shows in document `i`'s own views (summary and page):
/// members and rules it names, and its translations.
fn referenced(lib: &Library, i: usize) -> Vec<usize> {
    let doc = &lib.docs[i];
    let member = |slug: &String| lib.member_in_lang(slug, &doc.lang);
    let mut out: Vec<usize> = match &doc.meta {
        Meta::News(n) => n.organizations.iter().filter_map(member).collect(),
        Meta::Meeting(m) => m
            .host
            .iter()
            .chain(&m.attendees)
            .filter_map(member)
            .chain(
                m.rules
                    .iter()
                    .filter_map(|r| lib.rules_in_lang(r, &doc.lang).copied()),
            )
            .collect(),
        _ => vec![],
    };
    if let Some(group) = lib.translations.get(&doc.translation_key) {
        out.extend(group);
    }
    out
}

impl<'a> Renderer<'a> {
    fn index(&self, lang: &str) -> LangIndex {
        let lib = self.lib;
        let mut ix = LangIndex {
            lang: lang.to_string(),
            prefix: self.config.lang_prefix(lang),
            news: vec![],
            upcoming: vec![],
            past: vec![],
            meetings: vec![],
            rules_heads: vec![],
            members: vec![],
            pages: vec![],
            tags: BTreeMap::new(),
            intros: HashMap::new(),
            successors: HashMap::new(),
            member_links: HashMap::new(),
        };
        for (i, doc) in lib.docs.iter().enumerate().filter(|(_, d)| d.lang == lang) {
            if let Meta::Rules(r) = &doc.meta {
                if let Some(prev) = &r.supersedes {
                    ix.successors.entry(prev.clone()).or_insert(i);
                }
            }
        }
        for (i, doc) in lib.docs.iter().enumerate().filter(|(_, d)| d.lang == lang) {
            if doc.is_section_index {
                ix.intros
                    .insert(doc.kind.section().unwrap_or("").to_string(), i);
                if doc.kind == Kind::Page && doc.url_path != ix.prefix {
                    ix.pages.push(i);
                }
                continue;
            }
            for tag in &doc.common.tags {
                ix.tags
                    .entry(view::tag_slug(self.config, tag))
                    .or_insert_with(|| (tag.clone(), vec![]))
                    .1
                    .push(i);
            }
            match doc.kind {
                Kind::News => ix.news.push(i),
                Kind::Meeting => {
                    let m = meeting(doc).expect("meetings have meeting data");
                    let last_day = m.end.unwrap_or(m.start).date();
                    if last_day >= self.today {
                        ix.upcoming.push(i)
                    } else {
                        ix.past.push(i)
                    }
                }
                Kind::Rules if !ix.successors.contains_key(&doc.slug) => ix.rules_heads.push(i),
                Kind::Rules => {}
                Kind::Member => ix.members.push(i),
                Kind::Page => ix.pages.push(i),
            }
        }
        sort_newest_first(lib, &mut ix.news);
        let start = |i: &usize| meeting(&lib.docs[*i]).map(|m| m.start.instant);
        ix.upcoming.sort_by_key(|i| (start(i), *i));
        ix.past.sort_by_key(|i| std::cmp::Reverse((start(i), *i)));
        by_weight_then_title(lib, &mut ix.rules_heads);
        by_weight_then_title(lib, &mut ix.members);
        by_weight_then_title(lib, &mut ix.pages);
        for (_, items) in ix.tags.values_mut() {
            sort_newest_first(lib, items);
        }
        ix.meetings = ix.upcoming.iter().chain(&ix.past).copied().collect();
        for &i in &ix.meetings {
            let m = meeting(&lib.docs[i]).expect("meeting");
            if let Some(h) = &m.host {
                ix.member_links.entry(h.clone()).or_default().hosted.push(i);
            }
            for a in &m.attendees {
                ix.member_links
                    .entry(a.clone())
                    .or_default()
                    .attended
                    .push(i);
            }
        }
        for &i in &ix.news {
            if let Meta::News(n) = &lib.docs[i].meta {
                for o in &n.organizations {
                    ix.member_links.entry(o.clone()).or_default().news.push(i);
                }
            }
        }
        ix
    }

    fn list(&self, items: &[usize]) -> Value {
        Value::Array(
            items
                .iter()
                .map(|&i| self.views.summary(i).clone())
                .collect(),
        )
    }

    /// Fields every template gets.
    fn base(
        &self,
        ix: &LangIndex,
        path: &str,
        kind: &str,
        translations: Value,
    ) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("site".into(), self.site.clone());
        m.insert("lang".into(), json!(ix.lang));
        m.insert("page_kind".into(), json!(kind));
        m.insert(
            "root".into(),
            json!(view::url_path(self.config, &ix.prefix)),
        );
        m.insert(
            "current_path".into(),
            json!(view::url_path(self.config, path)),
        );
        m.insert(
            "current_url".into(),
            json!(view::permalink(self.config, path)),
        );
        m.insert("translations".into(), translations);
        m.insert(
            "feeds".into(),
            json!([
                { "kind": "site", "url": view::url_path(self.config, &format!("{}atom.xml", ix.prefix)) },
                { "kind": "news", "url": view::url_path(self.config, &format!("{}news/atom.xml", ix.prefix)) },
            ]),
        );
        m
    }

    /// The same generated page in every language, for the language switcher.
    fn list_translations(&self, path_in_lang: &str) -> Value {
        self.config
            .all_languages()
            .map(|l| json!({ "lang": l, "url": view::url_path(self.config, &format!("{}{path_in_lang}", self.config.lang_prefix(l))), "title": Value::Null }))
            .collect()
    }

    fn page_job(
        path: String,
        template: &str,
        source: &str,
        deps: Vec<usize>,
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

    /// The pages of a list, `per_page` items each; `extra` adds fields (and
    /// `extra_deps` the documents they show) to every page.
    #[allow(clippy::too_many_arguments)]
    fn paginate(
        &'a self,
        ix: &'a LangIndex,
        section: &str,
        items: &'a [usize],
        per_page: usize,
        template: &str,
        kind: &'static str,
        extra: Arc<dyn Fn() -> Map<String, Value> + Send + Sync + 'a>,
        extra_deps: &[usize],
        extra_key: u64,
    ) -> Vec<Job<'a>> {
        let per = per_page.max(1);
        let chunks: Vec<&'a [usize]> = if items.is_empty() {
            vec![&[][..]]
        } else {
            items.chunks(per).collect()
        };
        let total = chunks.len();
        let section = section.to_string();
        let page_path = move |prefix: &str, section: &str, n: usize| {
            if n == 1 {
                format!("{prefix}{section}")
            } else {
                format!("{prefix}{section}page/{n}/")
            }
        };
        chunks
            .into_iter()
            .enumerate()
            .map(|(k, chunk)| {
                let n = k + 1;
                let path = page_path(&ix.prefix, &section, n);
                let extra = extra.clone();
                let section = section.clone();
                let mut deps = chunk.to_vec();
                deps.extend_from_slice(extra_deps);
                let context: MakeContext<'a> = Box::new(move || {
                    let path = page_path(&ix.prefix, &section, n);
                    // Other languages may have fewer pages, or not this tag: the
                    // switcher leads to the section's first page (or the tag index).
                    let in_lang = match section.strip_prefix("tags/") {
                        Some(_) => "tags/".to_string(),
                        None => section.clone(),
                    };
                    let mut ctx = self.base(ix, &path, kind, self.list_translations(&in_lang));
                    ctx.insert("pages".into(), self.list(chunk));
                    let url = |p: usize| view::url_path(self.config, &page_path(&ix.prefix, &section, p));
                    ctx.insert(
                        "paginator".into(),
                        json!({
                            "current": n,
                            "total": total,
                            "previous": (n > 1).then(|| url(n - 1)),
                            "next": (n < total).then(|| url(n + 1)),
                            "pages": page_window(n, total).into_iter().map(|(p, gap)| json!({ "number": p, "url": url(p), "gap_before": gap })).collect::<Vec<_>>(),
                        }),
                    );
                    ctx.extend(extra());
                    ctx
                });
                Self::page_job(
                    format!("{path}index.html"),
                    template,
                    &format!("templates/{template}"),
                    deps,
                    fingerprint::of((n, total, extra_key)),
                    context,
                )
            })
            .collect()
    }

    fn intro(&self, ix: &LangIndex, section: &str) -> Value {
        ix.intros.get(section).map_or(Value::Null, |&i| json!({ "title": self.lib.docs[i].common.title, "content": self.lib.rendered[i].html }))
    }

    fn intro_deps(ix: &LangIndex, section: &str) -> Vec<usize> {
        ix.intros.get(section).copied().into_iter().collect()
    }

    fn section_extra(
        &'a self,
        ix: &'a LangIndex,
        name: &'static str,
    ) -> Arc<dyn Fn() -> Map<String, Value> + Send + Sync + 'a> {
        Arc::new(move || {
            let mut m = Map::new();
            m.insert("section".into(), json!(name));
            m.insert("intro".into(), self.intro(ix, name));
            m
        })
    }

    /// The rules versions that are in force, one per document.
    fn rules_in_force(&self, ix: &LangIndex) -> Vec<usize> {
        let lib = self.lib;
        ix.rules_heads
            .iter()
            .filter_map(|&head| {
                let chain = std::iter::once(head)
                    .chain(lib.supersedes_chain(&lib.docs[head]).unwrap_or_default());
                chain
                    .into_iter()
                    .find(|&v| matches!(&lib.docs[v].meta, Meta::Rules(r) if r.status.in_force()))
            })
            .collect()
    }

    fn home_job(&'a self, ix: &'a LangIndex) -> Job<'a> {
        let config = self.config;
        let lib = self.lib;
        let upcoming = &ix.upcoming[..ix.upcoming.len().min(5)];
        let news = &ix.news[..ix.news.len().min(5)];
        let in_force = self.rules_in_force(ix);
        let mut deps: Vec<usize> = upcoming
            .iter()
            .chain(news)
            .chain(&in_force)
            .copied()
            .collect();
        deps.extend(
            config
                .leading_units
                .iter()
                .filter_map(|t| lib.member_in_lang(&t.member, &ix.lang)),
        );
        deps.extend(Self::intro_deps(ix, ""));
        let context: MakeContext<'a> = Box::new(move || {
            let mut home = self.base(ix, &ix.prefix, "home", self.list_translations(""));
            let terms: Vec<Value> = config
                .leading_units
                .iter()
                .map(|t| {
                    json!({
                        "member": view::member_ref(config, lib, &t.member, &ix.lang),
                        "from": t.from.to_string(),
                        "to": t.to.map(|d| d.to_string()),
                        "current": t.covers(self.today),
                    })
                })
                .collect();
            home.insert(
                "leading_unit".into(),
                terms
                    .iter()
                    .find(|t| t["current"] == json!(true))
                    .cloned()
                    .unwrap_or(Value::Null),
            );
            home.insert("leading_units".into(), Value::Array(terms));
            home.insert("upcoming_meetings".into(), self.list(upcoming));
            home.insert("latest_news".into(), self.list(news));
            home.insert("rules_in_force".into(), self.list(&in_force));
            home.insert("intro".into(), self.intro(ix, ""));
            home
        });
        Self::page_job(
            format!("{}index.html", ix.prefix),
            "index.html",
            "templates/index.html",
            deps,
            0,
            context,
        )
    }

    /// Every part of one language's site, in the order its jobs are planned.
    fn origins(&self, ix: &LangIndex) -> Vec<Origin> {
        let mut out = vec![
            Origin::Home,
            Origin::NewsList,
            Origin::MeetingsList,
            Origin::RulesList,
            Origin::MembersList,
            Origin::TagIndex,
        ];
        out.extend(ix.tags.keys().map(|slug| Origin::Tag(slug.clone())));
        for (i, doc) in self.lib.docs.iter().enumerate() {
            if doc.lang != ix.lang
                || (doc.is_section_index && (doc.kind != Kind::Page || doc.url_path == ix.prefix))
            {
                continue;
            }
            out.push(Origin::Document(i));
        }
        if self.config.search {
            out.push(Origin::Search);
        }
        out.push(Origin::NotFound);
        out.push(Origin::SiteFeed);
        out.push(Origin::NewsFeed);
        out.extend(ix.tags.keys().map(|slug| Origin::TagFeed(slug.clone())));
        out.extend(ix.meetings.iter().map(|&m| Origin::MeetingCalendar(m)));
        out.push(Origin::Calendar);
        out
    }

    /// The jobs of one part of the site.
    fn plan(
        &'a self,
        ix: &'a LangIndex,
        origin: &Origin,
        strings: &theme::Strings,
    ) -> Vec<Job<'a>> {
        let config = self.config;
        let t = |key: &str| strings.get(&ix.lang, key).unwrap_or(key).to_string();
        let site_title = &config.title;
        // The meetings, rules and members lists are directories: every item on
        // one page (the meetings page groups upcoming and past).
        let first_page = |list: &str, items: &'a [usize], extra, deps: &[usize], key: u64| {
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
                0,
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
            Origin::RulesList => first_page(
                "rules/",
                &ix.rules_heads,
                self.section_extra(ix, "rules"),
                &Self::intro_deps(ix, "rules"),
                1,
            ),
            Origin::MembersList => first_page(
                "members/",
                &ix.members,
                self.section_extra(ix, "members"),
                &Self::intro_deps(ix, "members"),
                2,
            ),
            Origin::TagIndex => {
                let tags_path = format!("{}tags/", ix.prefix);
                let tag_list: Vec<(&String, &String, usize)> = ix
                    .tags
                    .iter()
                    .map(|(slug, (name, items))| (slug, name, items.len()))
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
                                .map(|(slug, (name, items))| json!({ "name": name, "slug": slug, "count": items.len(), "url": view::url_path(config, &format!("{tp}{slug}/")) }))
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
                            json!({ "name": name, "slug": slug, "url": view::url_path(config, &format!("{tp}{slug}/")), "feed_url": view::url_path(config, &format!("{tp}{slug}/atom.xml")) }),
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
                    fingerprint::of(name),
                )
            }
            Origin::Document(i) => self.document_jobs(ix, *i),
            // The index itself is built from the rendered pages, see search.rs.
            Origin::Search => {
                let sp = format!("{}search/", ix.prefix);
                vec![Self::page_job(
                    format!("{sp}index.html"),
                    "search.html",
                    "templates/search.html",
                    vec![],
                    0,
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
                    0,
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
                ix.meetings.clone(),
            )],
        }
    }

    /// A document's page, and for a rules version its changes page.
    fn document_jobs(&'a self, ix: &'a LangIndex, i: usize) -> Vec<Job<'a>> {
        let lib = self.lib;
        let config = self.config;
        let doc = &lib.docs[i];
        let mut jobs = Vec::new();
        let mut deps = vec![i];
        let relations: Box<dyn Fn() -> Map<String, Value> + Send + Sync + 'a> = match &doc.meta {
            Meta::Rules(r) => {
                let mut history: Vec<usize> = lib.supersedes_chain(doc).unwrap_or_default();
                history.reverse();
                history.push(i);
                let mut newer = i;
                while let Some(&next) = ix.successors.get(&lib.docs[newer].slug) {
                    if history.contains(&next) {
                        break;
                    }
                    history.push(next);
                    newer = next;
                }
                let previous = r
                    .supersedes
                    .as_deref()
                    .and_then(|s| lib.rules_in_lang(s, &ix.lang))
                    .copied();
                let successor = history
                    .iter()
                    .position(|&v| v == i)
                    .and_then(|k| history.get(k + 1))
                    .copied();
                let discussed: Vec<usize> = ix
                    .upcoming
                    .iter()
                    .chain(&ix.past)
                    .copied()
                    .filter(|&m| meeting(&lib.docs[m]).is_some_and(|m| m.rules.contains(&doc.slug)))
                    .collect();
                deps.extend(&history);
                deps.extend(previous);
                deps.extend(&discussed);
                if let Some(prev) = previous {
                    jobs.push(self.changes_job(ix, i, prev));
                }
                Box::new(move || {
                    let mut relations = Map::new();
                    relations.insert(
                        "versions".into(),
                        history
                            .iter()
                            .map(|&v| {
                                let mut s = self.views.summary(v).clone();
                                s["current"] = json!(v == i);
                                s
                            })
                            .collect(),
                    );
                    relations.insert(
                        "supersedes".into(),
                        previous.map_or(Value::Null, |p| self.views.summary(p).clone()),
                    );
                    relations.insert(
                        "superseded_by".into(),
                        successor.map_or(Value::Null, |s| self.views.summary(s).clone()),
                    );
                    relations.insert(
                        "changes_url".into(),
                        previous.map_or(Value::Null, |_| {
                            json!(view::url_path(config, &format!("{}changes/", doc.url_path)))
                        }),
                    );
                    relations.insert("discussed_at".into(), self.list(&discussed));
                    relations
                })
            }
            Meta::Member(_) => {
                let links = ix.member_links.get(&doc.slug);
                if let Some(l) = links {
                    deps.extend(l.hosted.iter().chain(&l.attended).chain(&l.news));
                }
                Box::new(move || {
                    let empty = MemberLinks::default();
                    let links = links.unwrap_or(&empty);
                    let mut relations = Map::new();
                    relations.insert("meetings_hosted".into(), self.list(&links.hosted));
                    relations.insert("meetings_attended".into(), self.list(&links.attended));
                    relations.insert("news".into(), self.list(&links.news));
                    relations.insert(
                        "terms".into(),
                        config
                            .leading_units
                            .iter()
                            .filter(|t| t.member == doc.slug)
                            .map(|t| json!({ "from": t.from.to_string(), "to": t.to.map(|d| d.to_string()), "current": t.covers(self.today) }))
                            .collect(),
                    );
                    relations
                })
            }
            _ => Box::new(Map::new),
        };
        let key = match &doc.meta {
            // Which lists the member is in decides which relation each dependency fills.
            Meta::Member(_) => ix.member_links.get(&doc.slug).map_or(0, |l| {
                fingerprint::of((l.hosted.len(), l.attended.len(), l.news.len()))
            }),
            _ => 0,
        };
        let context: MakeContext<'a> = Box::new(move || {
            let mut ctx = self.base(
                ix,
                &doc.url_path,
                doc.kind.section().unwrap_or("page"),
                view::translations(config, lib, doc),
            );
            ctx.insert("page".into(), view::page(config, lib, i, relations()));
            ctx
        });
        jobs.push(Self::page_job(
            format!("{}index.html", doc.url_path),
            doc.template_name(),
            &doc.source,
            deps,
            key,
            context,
        ));
        jobs
    }

    fn changes_job(&'a self, ix: &'a LangIndex, i: usize, prev: usize) -> Job<'a> {
        let doc = &self.lib.docs[i];
        let path = format!("{}changes/", doc.url_path);
        let p = path.clone();
        Self::page_job(
            format!("{path}index.html"),
            "rules_changes.html",
            &doc.source,
            vec![i, prev],
            0,
            Box::new(move || {
                let changes = changes::compare(
                    &self.lib.rendered[prev].scan.articles,
                    &self.lib.rendered[i].scan.articles,
                );
                let count =
                    |k: changes::ChangeKind| changes.iter().filter(|c| c.change == k).count();
                let mut ctx = self.base(ix, &p, "rules_changes", Value::Array(vec![]));
                ctx.insert("page".into(), self.views.summary(i).clone());
                ctx.insert("previous".into(), self.views.summary(prev).clone());
                ctx.insert(
                    "counts".into(),
                    json!({
                        "added": count(changes::ChangeKind::Added),
                        "removed": count(changes::ChangeKind::Removed),
                        "reworded": count(changes::ChangeKind::Reworded),
                        "unchanged": count(changes::ChangeKind::Unchanged),
                    }),
                );
                ctx.insert("changes".into(), json!(changes));
                ctx
            }),
        )
    }

    fn feed_job(
        &'a self,
        ix: &'a LangIndex,
        title: String,
        path: String,
        items: &'a [usize],
    ) -> Job<'a> {
        let items = &items[..items.len().min(FEED_LIMIT)];
        let p = path.clone();
        Job {
            path,
            deps: items.to_vec(),
            key: fingerprint::of(&title),
            make: Make::File(Box::new(move || {
                let fallback = self.today.format("%Y-%m-%dT00:00:00Z").to_string();
                let entries = items
                    .iter()
                    .map(|&i| {
                        let doc = &self.lib.docs[i];
                        let published = doc
                            .common
                            .date
                            .map_or(fallback.clone(), |d| d.instant.to_rfc3339());
                        FeedEntry {
                            title: &doc.common.title,
                            permalink: view::permalink(self.config, &doc.url_path),
                            updated: doc
                                .common
                                .updated
                                .map_or(published.clone(), |d| d.instant.to_rfc3339()),
                            published,
                            summary: &self.lib.rendered[i].summary,
                            content_html: &self.lib.rendered[i].html,
                            authors: match &doc.meta {
                                Meta::News(n) => &n.authors,
                                _ => &[],
                            },
                        }
                    })
                    .collect();
                let feed = Feed {
                    title: &title,
                    self_url: view::permalink(self.config, &p),
                    site_url: view::permalink(self.config, &ix.prefix),
                    lang: &ix.lang,
                    fallback_updated: fallback,
                    entries,
                };
                feed::atom(&feed).into_bytes()
            })),
        }
    }

    fn calendar_job(&'a self, title: String, path: String, meetings: Vec<usize>) -> Job<'a> {
        Job {
            path,
            key: fingerprint::of(&title),
            deps: meetings.clone(),
            make: Make::File(Box::new(move || {
                let lib = self.lib;
                let items: Vec<(&Document, &crate::content::meeting::Meeting, &str)> = meetings
                    .iter()
                    .map(|&i| {
                        (
                            &*lib.docs[i],
                            meeting(&lib.docs[i]).expect("meeting"),
                            lib.rendered[i].summary.as_str(),
                        )
                    })
                    .collect();
                crate::calendar::calendar(self.config, &title, &items).into_bytes()
            })),
        }
    }
}

/// What every output depends on: configuration, theme, build options.
fn site_fingerprint(
    config: &Config,
    theme_files: &BTreeMap<String, crate::source::ThemeFile>,
    today: NaiveDate,
) -> u64 {
    let mut f = Fingerprint::new()
        .with(format!("{config:?}"))
        .with(today.to_string());
    for (path, file) in theme_files {
        f.push((path, &file.bytes));
    }
    f.finish()
}

/// The theme, loaded and checked against the documents' `template:` names.
struct Theme {
    files: BTreeMap<String, crate::source::ThemeFile>,
    tera: tera::Tera,
    data: Arc<TemplateData>,
    /// Of the theme files and the main language, to keep the parsed templates.
    key: u64,
    strings: theme::Strings,
}

/// The theme's templates, parsed, and its strings, kept while its files stay the same.
type LoadedTheme = (u64, tera::Tera, theme::Strings);

fn load_theme(
    config: &Arc<Config>,
    lib: &Arc<Library>,
    sources: &Sources,
    cache: &mut PageCache,
) -> Result<Theme, Vec<Diagnostic>> {
    let files = theme::layered_files(sources);
    let mut key = Fingerprint::new().with(&config.language);
    for (path, file) in &files {
        key.push((path, &file.bytes));
    }
    let key = key.finish();
    let (mut tera, strings) = match cache.theme.take() {
        Some((k, tera, strings)) if k == key => (tera, strings),
        _ => {
            let strings = theme::load_strings(&files, &config.language);
            let tera = theme::load_templates(&files);
            match (strings, tera) {
                (Ok(s), Ok(t)) => (t, s),
                (s, t) => return Err(s.err().into_iter().chain(t.err()).flatten().collect()),
            }
        }
    };
    let mut errors = Vec::new();
    for doc in &lib.docs {
        if let Some(name) = &doc.common.template {
            if !tera.get_template_names().any(|n| n == name) {
                errors.push(
                    Diagnostic::error(
                        "template",
                        &doc.source,
                        format!("no template named `{name}`"),
                    )
                    .at_pos(doc.locate(&["template"], Some(name)))
                    .help(format!(
                        "put `{name}` in `templates/`, or use one of the theme's: {}",
                        theme::TEMPLATE_NAMES.join(", ")
                    )),
                );
            }
        }
    }
    if !errors.is_empty() {
        cache.theme = Some((key, tera, strings));
        return Err(errors);
    }
    let views = Arc::new(Views::new(config.clone(), lib.clone()));
    let data = Arc::new(TemplateData {
        views,
        strings: strings.clone(),
    });
    // Registering again replaces the previous build's functions (and data).
    theme::register_functions(&mut tera, data.clone());
    Ok(Theme {
        files,
        tera,
        data,
        key,
        strings,
    })
}

/// Where a job comes from, so that a later build can plan that part again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Origin {
    Home,
    NewsList,
    MeetingsList,
    RulesList,
    MembersList,
    TagIndex,
    Tag(String),
    /// A document's page (and a rules version's changes page).
    Document(usize),
    Search,
    NotFound,
    SiteFeed,
    NewsFeed,
    TagFeed(String),
    MeetingCalendar(usize),
    Calendar,
}

fn kind_of_list(list: &str) -> &'static str {
    match list {
        "meetings/" => "meetings_list",
        "rules/" => "rules_list",
        "members/" => "members_list",
        _ => "news_list",
    }
}

/// One planned output: its path and the part of the site (in which language) it belongs to.
struct Planned {
    path: String,
    lang: usize,
    origin: Origin,
}

/// The last full build's plan of the site, kept for rebuilds in which no
/// document changes its shape: then the plan still holds, and only the jobs
/// that show a changed document are planned and rendered again.
struct Plan {
    indexes: Vec<LangIndex>,
    jobs: Vec<Planned>,
    /// Document → the jobs whose dependencies include it.
    by_doc: Vec<Vec<u32>>,
    /// Jobs whose templates read documents through functions.
    reading: Vec<u32>,
    /// Document → the documents whose views show it (see [`referenced`]).
    referrers: Vec<Vec<usize>>,
    /// Fingerprints of each document's own text and Markdown, of what others
    /// show of it, and of its views.
    own: Vec<u64>,
    refs: Vec<u64>,
    views: Vec<u64>,
    site: u64,
}

fn own_fingerprint(lib: &Library, i: usize) -> u64 {
    fingerprint::of((lib.docs[i].fingerprint, lib.rendered[i].fingerprint))
}

/// What other documents' views show of a document (see [`view::reference`]
/// and [`view::translations`]): its path and front matter, never its body.
fn reference_fingerprint(lib: &Library, i: usize) -> u64 {
    let doc = &lib.docs[i];
    fingerprint::of((&doc.source, &doc.url_path, &doc.yaml))
}

/// A document's views: its own text and Markdown, and what they show of the
/// documents it names.
fn view_fingerprint(lib: &Library, own: &[u64], refs: &[u64], i: usize) -> u64 {
    let mut f = Fingerprint::new().with(own[i]);
    for j in referenced(lib, i) {
        f.push(refs[j]);
    }
    f.finish()
}

/// Renders the site. Outputs whose inputs did not change since the build that
/// filled `cache` are taken from it. `changed` names documents that changed
/// without changing shape since that build (config, theme and the set of
/// sources unchanged); with it only their pages are planned again. Without it,
/// or without a plan, the whole site is planned.
pub fn render_site(
    config: &Arc<Config>,
    lib: &Arc<Library>,
    sources: &Sources,
    today: NaiveDate,
    cache: &mut PageCache,
    changed: Option<&[usize]>,
) -> Result<Output, Vec<Diagnostic>> {
    let theme = load_theme(config, lib, sources, cache)?;
    let renderer = Renderer {
        config,
        lib,
        views: &theme.data.views,
        today,
        site: view::site(config, today),
    };
    let files = match (changed, cache.plan.take()) {
        (Some(changed), Some(mut plan)) => {
            let result = render_changes(&renderer, &theme, sources, &mut plan, cache, changed);
            cache.plan = Some(plan);
            result.map(Output::Patch)
        }
        _ => render_all(&renderer, &theme, sources, cache).map(Output::All),
    };
    drop(renderer);
    // The templates' functions hold this build's views, with a summary of
    // every document a full build showed. Point them at empty views and free
    // the full ones on another thread, so the next edit does not wait for it.
    let Theme {
        mut tera,
        data,
        key,
        strings,
        ..
    } = theme;
    theme::register_functions(
        &mut tera,
        Arc::new(TemplateData {
            views: Arc::new(Views::new(config.clone(), lib.clone())),
            strings: strings.clone(),
        }),
    );
    std::thread::spawn(move || drop(data));
    cache.theme = Some((key, tera, strings));
    files
}

/// The fingerprint of everything a job reads, but for its template functions' reads.
fn job_fingerprint(job: &Job, site: u64, lib: &Library, views: &[u64]) -> u64 {
    let mut f = Fingerprint::new().with(site).with(&job.path).with(job.key);
    for &d in &job.deps {
        f.push((&lib.docs[d].source, views[d]));
    }
    if let Make::Page { template, .. } = &job.make {
        f.push(template);
    }
    f.finish()
}

/// Makes one output file (or takes it from the cache when nothing it read changed).
fn make(
    job: &Job,
    fp: u64,
    theme: &Theme,
    cache: &PageCache,
    read_fingerprint: &(dyn Fn(&Read) -> u64 + Sync),
) -> Result<Cached, Diagnostic> {
    if let Some(c) = cache.entries.get(&job.path) {
        if c.fingerprint == fp && c.reads.iter().all(|(r, f)| read_fingerprint(r) == *f) {
            return Ok(Cached {
                fingerprint: fp,
                reads: c.reads.clone(),
                bytes: c.bytes.clone(),
            });
        }
    }
    let (bytes, reads) = match &job.make {
        Make::File(make) => (make(), vec![]),
        Make::Page {
            template,
            source,
            context,
        } => {
            let context = tera::Context::from_value(Value::Object(context()))
                .map_err(|e| Diagnostic::error("template", source, theme::tera_message(&e)))?;
            let (html, reads) = theme::recording_reads(|| theme.tera.render(template, &context));
            let html = html.map_err(|e| {
                Diagnostic::error(
                    "template",
                    source,
                    format!(
                        "rendering `{}` with `{template}` failed: {}",
                        job.path,
                        theme::tera_message(&e)
                    ),
                )
                .help("check the template against the context documented in the README")
            })?;
            (html.into_bytes(), reads)
        }
    };
    let reads = reads
        .into_iter()
        .map(|r| {
            let f = read_fingerprint(&r);
            (r, f)
        })
        .collect();
    Ok(Cached {
        fingerprint: fp,
        reads,
        bytes: bytes.into(),
    })
}

/// Makes jobs on every core.
fn make_all(
    jobs: &[Job],
    site: u64,
    lib: &Library,
    views: &[u64],
    theme: &Theme,
    cache: &PageCache,
) -> Vec<Result<Cached, Diagnostic>> {
    let reads = read_fingerprint(&theme.data, lib, views);
    jobs.par_iter()
        .map(|job| {
            make(
                job,
                job_fingerprint(job, site, lib, views),
                theme,
                cache,
                &reads,
            )
        })
        .collect()
}

fn read_fingerprint<'v>(
    data: &'v TemplateData,
    lib: &'v Library,
    views: &'v [u64],
) -> impl Fn(&Read) -> u64 + Sync + 'v {
    move |read: &Read| match data.resolve(read) {
        Some(i) => fingerprint::of((&lib.docs[i].source, views[i])),
        None => 0,
    }
}

/// Plans and renders every output of the site, and keeps the plan.
fn render_all(
    renderer: &Renderer,
    theme: &Theme,
    sources: &Sources,
    cache: &mut PageCache,
) -> Result<Files, Vec<Diagnostic>> {
    let (config, lib) = (renderer.config, renderer.lib);
    let site_fp = site_fingerprint(config, &theme.files, renderer.today);
    let own: Vec<u64> = (0..lib.docs.len())
        .map(|i| own_fingerprint(lib, i))
        .collect();
    let refs: Vec<u64> = (0..lib.docs.len())
        .map(|i| reference_fingerprint(lib, i))
        .collect();
    let view_fps: Vec<u64> = (0..lib.docs.len())
        .into_par_iter()
        .map(|i| view_fingerprint(lib, &own, &refs, i))
        .collect();
    let indexes: Vec<LangIndex> = config
        .all_languages()
        .map(|lang| renderer.index(lang))
        .collect();
    let mut jobs = Vec::new();
    let mut planned = Vec::new();
    for (lang, ix) in indexes.iter().enumerate() {
        for origin in renderer.origins(ix) {
            for job in renderer.plan(ix, &origin, &theme.data.strings) {
                planned.push(Planned {
                    path: job.path.clone(),
                    lang,
                    origin: origin.clone(),
                });
                jobs.push(job);
            }
        }
    }
    let made = make_all(&jobs, site_fp, lib, &view_fps, theme, cache);
    let mut files = Files::new();
    let mut entries = HashMap::with_capacity(made.len());
    let mut errors = Vec::new();
    let mut reading = Vec::new();
    for (id, (job, m)) in jobs.iter().zip(made).enumerate() {
        match m {
            Ok(cached) => {
                if !cached.reads.is_empty() {
                    reading.push(id as u32);
                }
                files.insert(job.path.as_str().into(), cached.bytes.clone());
                entries.insert(job.path.clone(), cached);
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    cache.entries = entries;
    let mut by_doc: Vec<Vec<u32>> = vec![Vec::new(); lib.docs.len()];
    for (id, job) in jobs.iter().enumerate() {
        for &d in &job.deps {
            if by_doc[d].last() != Some(&(id as u32)) {
                by_doc[d].push(id as u32);
            }
        }
    }
    let mut referrers: Vec<Vec<usize>> = vec![Vec::new(); lib.docs.len()];
    for i in 0..lib.docs.len() {
        for j in referenced(lib, i) {
            referrers[j].push(i);
        }
    }
    drop(jobs);
    let html_paths: Vec<&str> = files
        .keys()
        .filter(|p| p.ends_with(".html"))
        .map(|p| &**p)
        .collect();
    let sitemap = sitemap(config, lib, &html_paths, site_fp, cache);
    for doc in &lib.docs {
        files.extend(
            alias_pages(config, doc)
                .into_iter()
                .map(|(p, b)| (p.into(), b)),
        );
    }
    let redirects: String = lib
        .docs
        .iter()
        .flat_map(|doc| {
            doc.common.aliases.iter().map(move |alias| {
                format!(
                    "{} {} 301\n",
                    view::url_path(config, &alias_path(alias)),
                    view::url_path(config, &doc.url_path)
                )
            })
        })
        .collect();
    if !redirects.is_empty() {
        files.insert("_redirects".into(), redirects.into_bytes().into());
    }

    // Static files: the theme's, then the site's over them.
    for (path, file) in &theme.files {
        if let Some(rel) = path.strip_prefix("static/") {
            files.insert(rel.into(), file.bytes.as_slice().into());
        }
    }
    for (path, bytes) in &sources.static_files {
        files.insert(path.as_str().into(), bytes.as_slice().into());
    }
    files.insert("sitemap.xml".into(), sitemap);
    files.insert(
        "robots.txt".into(),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            config.base_url
        )
        .into_bytes()
        .into(),
    );
    cache.plan = Some(Plan {
        indexes,
        jobs: planned,
        by_doc,
        reading,
        referrers,
        own,
        refs,
        views: view_fps,
        site: site_fp,
    });
    Ok(files)
}

/// Re-plans and re-renders only the jobs that show a changed document, on the
/// kept plan; everything else is the previous build's. Returns the outputs it
/// made (some may be unchanged); no output goes away when no shape changes.
fn render_changes(
    renderer: &Renderer,
    theme: &Theme,
    sources: &Sources,
    plan: &mut Plan,
    cache: &mut PageCache,
    changed: &[usize],
) -> Result<Patch, Vec<Diagnostic>> {
    let (config, lib) = (renderer.config, renderer.lib);
    // Documents whose views changed: the changed ones and those that show them.
    // Those show only its front matter: a change to its text alone stays on
    // its own pages.
    let mut own = plan.own.clone();
    let mut refs = plan.refs.clone();
    let mut affected: Vec<usize> = Vec::new();
    for &c in changed {
        own[c] = own_fingerprint(lib, c);
        let r = reference_fingerprint(lib, c);
        if r != refs[c] {
            refs[c] = r;
            affected.extend(&plan.referrers[c]);
        }
        affected.push(c);
    }
    affected.sort_unstable();
    affected.dedup();
    let mut views = plan.views.clone();
    for &a in &affected {
        views[a] = view_fingerprint(lib, &own, &refs, a);
    }
    let affected: HashSet<usize> = affected.into_iter().collect();
    let mut dirty: HashSet<u32> = affected
        .iter()
        .flat_map(|&a| plan.by_doc[a].iter().copied())
        .collect();
    for &id in &plan.reading {
        let reads = cache
            .entries
            .get(&plan.jobs[id as usize].path)
            .map_or(&[][..], |c| &c.reads[..]);
        if reads
            .iter()
            .any(|(r, _)| theme.data.resolve(r).is_some_and(|i| affected.contains(&i)))
        {
            dirty.insert(id);
        }
    }
    let mut parts: Vec<(usize, &Origin)> = dirty
        .iter()
        .map(|&id| {
            let p = &plan.jobs[id as usize];
            (p.lang, &p.origin)
        })
        .collect();
    parts.sort_unstable();
    parts.dedup();
    let dirty_paths: HashSet<&str> = dirty
        .iter()
        .map(|&id| plan.jobs[id as usize].path.as_str())
        .collect();
    let jobs: Vec<Job> = parts
        .into_iter()
        .flat_map(|(lang, origin)| renderer.plan(&plan.indexes[lang], origin, &theme.data.strings))
        .filter(|job| dirty_paths.contains(job.path.as_str()))
        .collect();
    let made = make_all(&jobs, plan.site, lib, &views, theme, cache);
    let mut errors = Vec::new();
    let mut done = Vec::with_capacity(made.len());
    for (job, m) in jobs.iter().zip(made) {
        match m {
            Ok(cached) => done.push((job.path.clone(), cached)),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    drop(jobs);
    let job_ids: HashMap<&str, u32> = dirty
        .iter()
        .map(|&id| (plan.jobs[id as usize].path.as_str(), id))
        .collect();
    let mut newly_reading = Vec::new();
    let mut patch = Vec::with_capacity(done.len());
    for (path, cached) in done {
        if !cached.reads.is_empty() {
            newly_reading.extend(job_ids.get(path.as_str()).copied());
        }
        patch.push((Arc::from(path.as_str()), cached.bytes.clone()));
        cache.entries.insert(path, cached);
    }
    for id in newly_reading {
        if !plan.reading.contains(&id) {
            plan.reading.push(id);
        }
    }
    for &c in changed {
        for (path, bytes) in alias_pages(config, &lib.docs[c]) {
            // Static files win over alias pages, as in a full build.
            let is_static = sources.static_files.contains_key(&path)
                || theme.files.contains_key(&format!("static/{path}"));
            if !is_static {
                patch.push((path.into(), bytes));
            }
        }
    }
    plan.own = own;
    plan.refs = refs;
    plan.views = views;
    Ok(patch)
}

/// A redirect page at each of a document's old URLs.
fn alias_pages(config: &Config, doc: &Document) -> Vec<(String, Bytes)> {
    doc.common
        .aliases
        .iter()
        .map(|alias| {
            let path = alias_path(alias);
            let target = view::url_path(config, &doc.url_path);
            let file = if path.ends_with(".html") {
                path.clone()
            } else {
                format!("{path}index.html")
            };
            let escaped = crate::markdown::escape_html(&target);
            let title = crate::markdown::escape_html(&doc.common.title);
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{escaped}\">\n<meta http-equiv=\"refresh\" content=\"0; url={escaped}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p><a href=\"{escaped}\">{title}</a></p>\n</body>\n</html>\n",
                doc.lang,
            );
            (file, Bytes::from(html.into_bytes()))
        })
        .collect()
}

/// `sitemap.xml` over every page but the 404s, with the documents' dates.
fn sitemap(
    config: &Config,
    lib: &Library,
    html_paths: &[&str],
    site_fp: u64,
    cache: &mut PageCache,
) -> Bytes {
    let lastmod: HashMap<&str, String> = lib
        .docs
        .iter()
        .filter_map(|d| {
            d.common
                .updated
                .or(d.common.date)
                .map(|t| (d.url_path.as_str(), t.date().to_string()))
        })
        .collect();
    let mut pages: Vec<(&str, Option<&String>)> = html_paths
        .iter()
        .filter(|p| !p.ends_with("404.html"))
        .map(|p| {
            let path = p.trim_end_matches("index.html");
            (path, lastmod.get(path))
        })
        .collect();
    pages.sort_unstable();
    let sitemap_fp = fingerprint::of((site_fp, &pages));
    let sitemap = match &cache.sitemap {
        Some((fp, bytes)) if *fp == sitemap_fp => bytes.clone(),
        _ => {
            let mut urls: Vec<(String, Option<String>)> = pages
                .iter()
                .map(|(path, last)| (view::permalink(config, path), last.cloned()))
                .collect();
            urls.sort();
            Bytes::from(feed::sitemap(&urls).into_bytes())
        }
    };
    cache.sitemap = Some((sitemap_fp, sitemap.clone()));
    sitemap
}
