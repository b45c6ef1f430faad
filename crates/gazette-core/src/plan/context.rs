//! A planned page as its template reads it: the fields every page gets
//! ([`view::Base`]) and what its kind adds, as typed views (the contract
//! docs/templates.md describes).

use super::index::meeting;
use super::lists::page_window;
use super::pages::{
    Decision, DocumentPage, Home, Listed, Listing, Page, Relations, RulesRelations,
};
use super::{LangIndex, Planner};
use crate::changes;
use crate::site::DocId;
use crate::view::{self, Base};
use serde::Serialize;
use serde_json::Value;

/// A page's context: the base fields and its own, side by side.
#[derive(Serialize)]
struct Context<T: Serialize> {
    #[serde(flatten)]
    base: Base,
    #[serde(flatten)]
    own: T,
}

#[derive(Serialize)]
struct Intro<'a> {
    title: &'a str,
    content: &'a str,
}

#[derive(Serialize)]
struct Term {
    /// On the home page: the member in office.
    #[serde(skip_serializing_if = "Option::is_none")]
    member: Option<Value>,
    from: String,
    to: Option<String>,
    current: bool,
}

#[derive(Serialize)]
struct HomeFields<'a> {
    leading_unit: Option<&'a Term>,
    leading_units: &'a [Term],
    upcoming_meetings: Vec<&'a Value>,
    latest_news: Vec<&'a Value>,
    rules_in_force: Vec<&'a Value>,
    rules_upcoming: Vec<&'a Value>,
    intro: Option<Intro<'a>>,
    /// Each channel with its latest items, in the channels' order.
    channels: Vec<ChannelBlock<'a>>,
}

/// A channel as templates link it.
#[derive(Serialize)]
pub(crate) struct ChannelLink {
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) feed_url: String,
}

#[derive(Serialize)]
struct ChannelBlock<'a> {
    #[serde(flatten)]
    channel: ChannelLink,
    items: Vec<&'a Value>,
}

#[derive(Serialize)]
struct PaginatorLink {
    number: usize,
    url: String,
    gap_before: bool,
}

#[derive(Serialize)]
struct Paginator {
    current: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    pages: Vec<PaginatorLink>,
}

#[derive(Serialize)]
struct TagView<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<usize>,
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct ListFields<'a> {
    pages: Vec<&'a Value>,
    paginator: Paginator,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intro: Option<Option<Intro<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    upcoming: Option<Vec<&'a Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    past: Option<Vec<&'a Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<ChannelLink>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<TagView<'a>>,
}

#[derive(Serialize)]
struct DecisionView<'a> {
    meeting: &'a Value,
    adopted: Vec<&'a Value>,
}

#[derive(Serialize)]
struct VersionEntry<'a> {
    #[serde(flatten)]
    summary: &'a Value,
    current: bool,
    in_force: bool,
    upcoming: bool,
}

#[derive(Serialize)]
struct DecidingMeeting<'a> {
    #[serde(flatten)]
    summary: &'a Value,
    /// Only the decisions that name this document.
    decisions: Vec<Value>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum RelationFields<'a> {
    Meeting {
        adopted_here: Vec<&'a Value>,
    },
    Member {
        meetings_hosted: Vec<&'a Value>,
        meetings_attended: Vec<&'a Value>,
        news: Vec<&'a Value>,
        decisions: Vec<DecisionView<'a>>,
        terms: Vec<Term>,
    },
    Rules {
        versions: Vec<VersionEntry<'a>>,
        standing: &'static str,
        shown_by_document: bool,
        in_force: Option<&'a Value>,
        upcoming: Vec<&'a Value>,
        supersedes: Option<&'a Value>,
        superseded_by: Option<&'a Value>,
        changes_url: Option<String>,
        compare_url: Option<String>,
        discussed_at: Vec<&'a Value>,
        decisions: Vec<DecidingMeeting<'a>>,
    },
}

#[derive(Serialize)]
struct DocumentFields<'a> {
    #[serde(flatten)]
    page: view::PageView,
    #[serde(flatten)]
    relations: Option<RelationFields<'a>>,
    document_page: bool,
    /// The items before and after it in its section's list, as shown.
    previous: Option<&'a Value>,
    next: Option<&'a Value>,
    /// A rules document's own page is what search finds.
    #[serde(skip_serializing_if = "Option::is_none")]
    shown_by_document: Option<bool>,
}

#[derive(Serialize)]
struct Counts {
    added: usize,
    removed: usize,
    reworded: usize,
    unchanged: usize,
    moved: usize,
}

impl Planner<'_> {
    fn summaries(&self, items: &[DocId]) -> Vec<&Value> {
        items.iter().map(|&i| self.views.summary(i)).collect()
    }

    fn intro_of(&self, i: Option<DocId>) -> Option<Intro<'_>> {
        i.map(|i| Intro {
            title: &self.lib.docs[i].common.title,
            content: &self.lib.rendered[i].html,
        })
    }

    fn decision_views(&self, ds: &[Decision]) -> Vec<DecisionView<'_>> {
        ds.iter()
            .map(|d| DecisionView {
                meeting: self.views.summary(d.meeting),
                adopted: self.summaries(&d.adopted),
            })
            .collect()
    }

    /// The leading units' terms: with each member's reference (`leaders`,
    /// on the home page), or those of member `only` (on its page).
    fn terms(&self, leaders: Option<&[Option<DocId>]>, only: Option<&str>) -> Vec<Term> {
        let (config, lib) = (self.config, self.lib);
        config
            .leading_units
            .iter()
            .enumerate()
            .filter(|(_, t)| only.is_none_or(|slug| t.member == slug))
            .map(|(k, t)| Term {
                member: leaders.map(|found| {
                    view::to_value(view::Reference::member(
                        config,
                        lib,
                        &t.member,
                        found.get(k).copied().flatten(),
                    ))
                }),
                from: t.from.to_string(),
                to: t.to.map(|d| d.to_string()),
                current: t.covers(self.today),
            })
            .collect()
    }

    /// Channel `c` (its place in `config.channels`) in `ix`'s language.
    pub(crate) fn channel_link(&self, ix: &LangIndex, c: usize) -> Option<ChannelLink> {
        let channel = self.config.channels.get(c)?;
        let path = format!("{}{}/", ix.prefix, channel.name);
        Some(ChannelLink {
            name: channel.name.clone(),
            title: channel.title(&ix.lang, &self.config.language).to_string(),
            url: view::url_path(self.config, &path),
            feed_url: view::url_path(self.config, &format!("{path}atom.xml")),
        })
    }

    fn home_fields<'v>(&'v self, ix: &LangIndex, home: &Home, terms: &'v [Term]) -> HomeFields<'v> {
        HomeFields {
            leading_unit: terms.iter().find(|t| t.current),
            leading_units: terms,
            upcoming_meetings: self.summaries(&home.upcoming),
            latest_news: self.summaries(&home.news),
            rules_in_force: self.summaries(&home.rules_in_force),
            rules_upcoming: self.summaries(&home.rules_upcoming),
            intro: self.intro_of(home.intro),
            channels: home
                .channels
                .iter()
                .filter_map(|(c, items)| {
                    Some(ChannelBlock {
                        channel: self.channel_link(ix, *c)?,
                        items: self.summaries(items),
                    })
                })
                .collect(),
        }
    }

    fn list_context(&self, ix: &LangIndex, path: &str, l: &Listing) -> Value {
        let config = self.config;
        let page_path = |n: usize| {
            if n == 1 {
                format!("{}{}", ix.prefix, l.list_path)
            } else {
                format!("{}{}page/{n}/", ix.prefix, l.list_path)
            }
        };
        let url = |n: usize| view::url_path(config, &page_path(n));
        let (n, total) = (l.number, l.total);
        let paginator = Paginator {
            current: n,
            total,
            previous: (n > 1).then(|| url(n - 1)),
            next: (n < total).then(|| url(n + 1)),
            pages: page_window(n, total)
                .into_iter()
                .map(|(p, gap)| PaginatorLink {
                    number: p,
                    url: url(p),
                    gap_before: gap,
                })
                .collect(),
        };
        let mut own = ListFields {
            pages: self.summaries(&l.items),
            paginator,
            section: None,
            intro: None,
            upcoming: l.upcoming.as_deref().map(|u| self.summaries(u)),
            past: l.past.as_deref().map(|p| self.summaries(p)),
            channel: None,
            tag: None,
        };
        // Other languages may have fewer pages, or not this tag: the switcher
        // leads to the list's first page (or the tag index).
        // `news_list`, `notices_list` …
        let list_kind;
        let (kind, in_lang) = match &l.of {
            Listed::Kind(kind) => {
                own.section = kind.section();
                own.intro = Some(self.intro_of(l.intro));
                list_kind = format!("{}_list", kind.section().unwrap_or("page"));
                (list_kind.as_str(), l.list_path.clone())
            }
            Listed::Channel(c) => {
                own.section = config.channels.get(*c).map(|c| c.name.as_str());
                own.intro = Some(self.intro_of(l.intro));
                own.channel = self.channel_link(ix, *c);
                list_kind = format!("{}_list", own.section.unwrap_or_default());
                (list_kind.as_str(), l.list_path.clone())
            }
            Listed::Tag { slug, name, lang } => {
                let tag_path = format!("{}tags/{slug}/", ix.prefix);
                own.tag = Some(TagView {
                    name,
                    slug,
                    url: view::url_path(config, &tag_path),
                    feed_url: Some(view::url_path(config, &format!("{tag_path}atom.xml"))),
                    count: None,
                    lang: lang.as_deref(),
                });
                ("tag", "tags/".to_string())
            }
        };
        view::to_value(Context {
            base: self.base(ix, path, kind, self.list_translations(&in_lang)),
            own,
        })
    }

    fn document_context(&self, ix: &LangIndex, path: &str, d: &DocumentPage) -> Value {
        let doc = &self.lib.docs[d.doc];
        let page = view::PageView::of(self.config, self.lib, d.doc, self.today);
        // A rules document's own page is the same page in every language.
        let translations = match path.strip_prefix(&ix.prefix) {
            Some(in_lang) if d.document_page => self.list_translations(in_lang),
            _ => view::to_value(&page.translations),
        };
        let terms;
        let relations = match &d.relations {
            Relations::None => None,
            Relations::Meeting { adopted_here } => Some(RelationFields::Meeting {
                adopted_here: self.summaries(adopted_here),
            }),
            Relations::Member {
                hosted,
                attended,
                news,
                decisions,
            } => {
                terms = self.terms(None, Some(&doc.slug));
                Some(RelationFields::Member {
                    meetings_hosted: self.summaries(hosted),
                    meetings_attended: self.summaries(attended),
                    news: self.summaries(news),
                    decisions: self.decision_views(decisions),
                    terms,
                })
            }
            Relations::Rules(r) => Some(self.rules_fields(d.doc, r)),
        };
        #[derive(Serialize)]
        struct PageField<'a> {
            page: DocumentFields<'a>,
        }
        let kind = doc.section().unwrap_or("page");
        let mut base = self.base(ix, path, kind, translations);
        base.share = view::share::of_document(
            self.config,
            self.lib,
            d.doc,
            &base.current_url,
            self.site_image.as_ref(),
        );
        base.search_section = Some(match &doc.channel {
            Some(channel) => channel.clone(),
            None => doc.kind.spec().string.to_string(),
        });
        view::to_value(Context {
            base,
            own: PageField {
                page: DocumentFields {
                    page,
                    relations,
                    document_page: d.document_page,
                    previous: d.neighbours.0.map(|p| self.views.summary(p)),
                    next: d.neighbours.1.map(|n| self.views.summary(n)),
                    shown_by_document: d.document_page.then_some(false),
                },
            },
        })
    }

    fn rules_fields(&self, i: DocId, r: &RulesRelations) -> RelationFields<'_> {
        let (config, lib) = (self.config, self.lib);
        let doc = &lib.docs[i];
        let summary = |v: DocId| self.views.summary(v);
        let named = |slug: &str| slug == doc.slug || r.folder.as_deref() == Some(slug);
        let own_url = |page: &str| view::url_path(config, &format!("{}{page}/", doc.url_path));
        RelationFields::Rules {
            versions: r
                .versions
                .iter()
                .map(|&v| VersionEntry {
                    summary: summary(v),
                    current: v == i,
                    in_force: r.in_force == Some(v),
                    upcoming: r.upcoming.contains(&v),
                })
                .collect(),
            standing: r.standing,
            shown_by_document: r.shown_by_document,
            in_force: r.in_force.map(summary),
            upcoming: self.summaries(&r.upcoming),
            supersedes: r.previous.map(summary),
            superseded_by: r.successor.map(summary),
            changes_url: r.previous.map(|_| own_url("changes")),
            compare_url: (r.standing == "earlier").then(|| own_url("compare")),
            discussed_at: self.summaries(&r.discussed_at),
            decisions: r
                .deciding
                .iter()
                .map(|&m| {
                    let entry = summary(m);
                    let shown = entry["decisions"].as_array().cloned().unwrap_or_default();
                    DecidingMeeting {
                        summary: entry,
                        decisions: meeting(&lib.docs[m])
                            .map(|mt| {
                                mt.decisions
                                    .iter()
                                    .zip(shown)
                                    .filter(|(d, _)| d.rules.iter().any(|r| named(r)))
                                    .map(|(_, v)| v)
                                    .collect()
                            })
                            .unwrap_or_default(),
                    }
                })
                .collect(),
        }
    }

    /// The context of `page`, planned at `path` in `ix`'s language.
    pub(crate) fn context(&self, ix: &LangIndex, path: &str, page: &Page) -> Value {
        let base = |kind: &str, translations: Value| self.base(ix, path, kind, translations);
        match page {
            Page::Home(home) => {
                let terms = self.terms(Some(&home.leaders), None);
                let own = self.home_fields(ix, home, &terms);
                let mut base = base("home", self.list_translations(""));
                base.share = view::share::of_page(
                    self.config,
                    self.lib,
                    &ix.lang,
                    &base.current_url,
                    Some(&home.members),
                    self.site_image.as_ref(),
                );
                view::to_value(Context { base, own })
            }
            Page::List(listing) => self.list_context(ix, path, listing),
            Page::Tags(tags) => {
                let tags_path = format!("{}tags/", ix.prefix);
                let own: Vec<TagView> = tags
                    .iter()
                    .map(|t| TagView {
                        name: &t.name,
                        slug: &t.slug,
                        url: view::url_path(self.config, &format!("{tags_path}{}/", t.slug)),
                        feed_url: None,
                        count: Some(t.count),
                        lang: t.lang.as_deref(),
                    })
                    .collect();
                #[derive(Serialize)]
                struct Tags<'a> {
                    tags: Vec<TagView<'a>>,
                }
                view::to_value(Context {
                    base: base("tags", self.list_translations("tags/")),
                    own: Tags { tags: own },
                })
            }
            Page::Document(d) => self.document_context(ix, path, d),
            Page::Changes { old, new } => {
                let (before, after) = (&self.lib.rendered[*old], &self.lib.rendered[*new]);
                let changes = changes::compare(
                    &before.scan.articles,
                    &before.articles,
                    &after.scan.articles,
                    &after.articles,
                );
                let count =
                    |k: changes::ChangeKind| changes.iter().filter(|c| c.change == k).count();
                #[derive(Serialize)]
                struct ChangesFields<'a> {
                    page: &'a Value,
                    previous: &'a Value,
                    counts: Counts,
                    changes: &'a [changes::ArticleChange],
                }
                view::to_value(Context {
                    base: base("rules_changes", Value::Array(vec![])),
                    own: ChangesFields {
                        page: self.views.summary(*new),
                        previous: self.views.summary(*old),
                        counts: Counts {
                            added: count(changes::ChangeKind::Added),
                            removed: count(changes::ChangeKind::Removed),
                            reworded: count(changes::ChangeKind::Reworded),
                            unchanged: count(changes::ChangeKind::Unchanged),
                            moved: changes.iter().filter(|c| c.moved).count(),
                        },
                        changes: &changes,
                    },
                })
            }
            Page::Decisions(ds) => {
                #[derive(Serialize)]
                struct Entries<'a> {
                    entries: Vec<DecisionView<'a>>,
                }
                view::to_value(Context {
                    base: base("decisions", self.list_translations("meetings/decisions/")),
                    own: Entries {
                        entries: self.decision_views(ds),
                    },
                })
            }
            Page::Search => {
                #[derive(Serialize)]
                struct Bundle {
                    search_bundle: String,
                }
                view::to_value(Context {
                    base: base("search", self.list_translations("search/")),
                    own: Bundle {
                        search_bundle: view::url_path(self.config, crate::search::BUNDLE),
                    },
                })
            }
            Page::NotFound => view::to_value(base("404", self.list_translations("404.html"))),
        }
    }
}
