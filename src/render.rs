//! Every output file of a site, rendered in memory: pages through the theme,
//! lists with pagination, taxonomies, feeds, calendars, machine files.

use crate::changes;
use crate::config::Config;
use crate::content::{Document, Kind, Meta};
use crate::error::Diagnostic;
use crate::feed::{self, Feed, FeedEntry};
use crate::library::{alias_path, Library};
use crate::source::Sources;
use crate::theme::{self, TemplateData};
use crate::view;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Output files, keyed by path under the output folder.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Items per feed: the newest ones, with full content.
pub const FEED_LIMIT: usize = 20;

/// What one language of the site holds, sorted for display.
struct LangIndex {
    lang: String,
    prefix: String,
    news: Vec<usize>,
    upcoming: Vec<usize>,
    past: Vec<usize>,
    /// Newest version of each rules document.
    rules_heads: Vec<usize>,
    members: Vec<usize>,
    pages: Vec<usize>,
    tags: BTreeMap<String, (String, Vec<usize>)>,
    intros: HashMap<String, usize>,
}

/// What other documents say about one member: meetings hosted and attended, news.
#[derive(Default, Clone)]
struct MemberLinks {
    hosted: Vec<usize>,
    attended: Vec<usize>,
    news: Vec<usize>,
}

/// A page to render: output path, template, context.
struct Job {
    path: String,
    template: String,
    context: Value,
    /// The source to blame when rendering fails.
    source: String,
}

struct Renderer<'a> {
    config: &'a Config,
    lib: &'a Library,
    summaries: Vec<Value>,
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
    items.sort_by(|&a, &b| {
        let (da, db) = (&lib.docs[a], &lib.docs[b]);
        (
            da.common.weight.unwrap_or(i64::MAX),
            &da.common.title,
            &da.source,
        )
            .cmp(&(
                db.common.weight.unwrap_or(i64::MAX),
                &db.common.title,
                &db.source,
            ))
    });
}

fn meeting(doc: &Document) -> Option<&crate::content::meeting::Meeting> {
    match &doc.meta {
        Meta::Meeting(m) => Some(m),
        _ => None,
    }
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
            rules_heads: vec![],
            members: vec![],
            pages: vec![],
            tags: BTreeMap::new(),
            intros: HashMap::new(),
        };
        let superseded: std::collections::HashSet<&str> = lib
            .docs
            .iter()
            .filter(|d| d.lang == lang)
            .filter_map(|d| match &d.meta {
                Meta::Rules(r) => r.supersedes.as_deref(),
                _ => None,
            })
            .collect();
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
                Kind::Rules if !superseded.contains(doc.slug.as_str()) => ix.rules_heads.push(i),
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
        ix
    }

    fn list(&self, items: &[usize]) -> Value {
        Value::Array(items.iter().map(|&i| self.summaries[i].clone()).collect())
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

    fn paginate(
        &self,
        ix: &LangIndex,
        section: &str,
        items: &[usize],
        template: &str,
        kind: &str,
        extra: Map<String, Value>,
    ) -> Vec<Job> {
        let per = self.config.paginate_by.max(1);
        let chunks: Vec<&[usize]> = if items.is_empty() {
            vec![&[][..]]
        } else {
            items.chunks(per).collect()
        };
        let total = chunks.len();
        let page_path = |n: usize| {
            if n == 1 {
                format!("{}{section}", ix.prefix)
            } else {
                format!("{}{section}page/{n}/", ix.prefix)
            }
        };
        chunks
            .iter()
            .enumerate()
            .map(|(k, chunk)| {
                let n = k + 1;
                let path = page_path(n);
                let mut ctx = self.base(ix, &path, kind, self.list_translations(&format!("{section}{}", if n == 1 { String::new() } else { format!("page/{n}/") })));
                ctx.insert("pages".into(), self.list(chunk));
                ctx.insert(
                    "paginator".into(),
                    json!({
                        "current": n,
                        "total": total,
                        "previous": (n > 1).then(|| view::url_path(self.config, &page_path(n - 1))),
                        "next": (n < total).then(|| view::url_path(self.config, &page_path(n + 1))),
                        "pages": (1..=total).map(|p| json!({ "number": p, "url": view::url_path(self.config, &page_path(p)) })).collect::<Vec<_>>(),
                    }),
                );
                ctx.extend(extra.clone());
                Job { path: format!("{path}index.html"), template: template.into(), context: Value::Object(ctx), source: format!("templates/{template}") }
            })
            .collect()
    }

    fn intro(&self, ix: &LangIndex, section: &str) -> Value {
        ix.intros.get(section).map_or(Value::Null, |&i| json!({ "title": self.lib.docs[i].common.title, "content": self.lib.rendered[i].html }))
    }

    fn jobs(&self, ix: &LangIndex, member_relations: &HashMap<String, MemberLinks>) -> Vec<Job> {
        let lib = self.lib;
        let config = self.config;
        let mut jobs = Vec::new();

        // Home.
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
        home.insert(
            "upcoming_meetings".into(),
            self.list(&ix.upcoming[..ix.upcoming.len().min(5)]),
        );
        home.insert(
            "latest_news".into(),
            self.list(&ix.news[..ix.news.len().min(5)]),
        );
        let in_force: Vec<usize> = ix
            .rules_heads
            .iter()
            .filter_map(|&head| {
                let chain = std::iter::once(head)
                    .chain(lib.supersedes_chain(&lib.docs[head]).unwrap_or_default());
                chain
                    .into_iter()
                    .find(|&v| matches!(&lib.docs[v].meta, Meta::Rules(r) if r.status.in_force()))
            })
            .collect();
        home.insert("rules_in_force".into(), self.list(&in_force));
        home.insert("intro".into(), self.intro(ix, ""));
        jobs.push(Job {
            path: format!("{}index.html", ix.prefix),
            template: "index.html".into(),
            context: Value::Object(home),
            source: "templates/index.html".into(),
        });

        // Section lists.
        let section = |name: &str| {
            let mut m = Map::new();
            m.insert("section".into(), json!(name));
            m.insert("intro".into(), self.intro(ix, name));
            m
        };
        jobs.extend(self.paginate(
            ix,
            "news/",
            &ix.news,
            "list.html",
            "news_list",
            section("news"),
        ));
        let mut meetings = section("meetings");
        meetings.insert("upcoming".into(), self.list(&ix.upcoming));
        meetings.insert("past".into(), self.list(&ix.past));
        let all_meetings: Vec<usize> = ix.upcoming.iter().chain(&ix.past).copied().collect();
        jobs.extend(
            self.paginate(
                ix,
                "meetings/",
                &all_meetings,
                "list.html",
                "meetings_list",
                meetings,
            )
            .into_iter()
            .take(1),
        );
        jobs.extend(
            self.paginate(
                ix,
                "rules/",
                &ix.rules_heads,
                "list.html",
                "rules_list",
                section("rules"),
            )
            .into_iter()
            .take(1),
        );
        jobs.extend(
            self.paginate(
                ix,
                "members/",
                &ix.members,
                "list.html",
                "members_list",
                section("members"),
            )
            .into_iter()
            .take(1),
        );

        // Taxonomy.
        let tags_path = format!("{}tags/", ix.prefix);
        let mut tags = self.base(ix, &tags_path, "tags", self.list_translations("tags/"));
        tags.insert(
            "tags".into(),
            ix.tags
                .iter()
                .map(|(slug, (name, items))| json!({ "name": name, "slug": slug, "count": items.len(), "url": view::url_path(config, &format!("{tags_path}{slug}/")) }))
                .collect(),
        );
        jobs.push(Job {
            path: format!("{tags_path}index.html"),
            template: "tags.html".into(),
            context: Value::Object(tags),
            source: "templates/tags.html".into(),
        });
        for (slug, (name, items)) in &ix.tags {
            let mut extra = Map::new();
            extra.insert(
                "tag".into(),
                json!({ "name": name, "slug": slug, "url": view::url_path(config, &format!("{tags_path}{slug}/")), "feed_url": view::url_path(config, &format!("{tags_path}{slug}/atom.xml")) }),
            );
            jobs.extend(self.paginate(
                ix,
                &format!("tags/{slug}/"),
                items,
                "tag.html",
                "tag",
                extra,
            ));
        }

        // One page per document.
        for (i, doc) in lib
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.lang == ix.lang)
        {
            if doc.is_section_index && (doc.kind != Kind::Page || doc.url_path == ix.prefix) {
                continue;
            }
            let mut relations = Map::new();
            match &doc.meta {
                Meta::Rules(r) => {
                    let mut history: Vec<usize> = lib.supersedes_chain(doc).unwrap_or_default();
                    history.reverse();
                    history.push(i);
                    let mut newer = i;
                    while let Some(next) = lib.docs.iter().position(|d| d.lang == ix.lang && matches!(&d.meta, Meta::Rules(n) if n.supersedes.as_deref() == Some(&lib.docs[newer].slug))) {
                        if history.contains(&next) {
                            break;
                        }
                        history.push(next);
                        newer = next;
                    }
                    relations.insert(
                        "versions".into(),
                        history
                            .iter()
                            .map(|&v| {
                                let mut s = self.summaries[v].clone();
                                s["current"] = json!(v == i);
                                s
                            })
                            .collect(),
                    );
                    relations.insert(
                        "supersedes".into(),
                        r.supersedes
                            .as_deref()
                            .and_then(|s| lib.rules_in_lang(s, &ix.lang))
                            .map_or(Value::Null, |&p| self.summaries[p].clone()),
                    );
                    let successor = history
                        .iter()
                        .position(|&v| v == i)
                        .and_then(|k| history.get(k + 1));
                    relations.insert(
                        "superseded_by".into(),
                        successor.map_or(Value::Null, |&s| self.summaries[s].clone()),
                    );
                    relations.insert(
                        "changes_url".into(),
                        r.supersedes.as_ref().map_or(Value::Null, |_| {
                            json!(view::url_path(config, &format!("{}changes/", doc.url_path)))
                        }),
                    );
                    let discussed: Vec<usize> = ix
                        .upcoming
                        .iter()
                        .chain(&ix.past)
                        .copied()
                        .filter(|&m| {
                            meeting(&lib.docs[m]).is_some_and(|m| m.rules.contains(&doc.slug))
                        })
                        .collect();
                    relations.insert("discussed_at".into(), self.list(&discussed));
                    if let Some(&prev) = r
                        .supersedes
                        .as_deref()
                        .and_then(|s| lib.rules_in_lang(s, &ix.lang))
                    {
                        jobs.push(self.changes_job(ix, i, prev));
                    }
                }
                Meta::Member(_) => {
                    let links = member_relations.get(&doc.slug).cloned().unwrap_or_default();
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
                }
                _ => {}
            }
            let mut ctx = self.base(
                ix,
                &doc.url_path,
                doc.kind.section().unwrap_or("page"),
                view::translations(config, lib, doc),
            );
            ctx.insert("page".into(), view::page(config, lib, i, relations));
            jobs.push(Job {
                path: format!("{}index.html", doc.url_path),
                template: doc.template_name().into(),
                context: Value::Object(ctx),
                source: doc.source.clone(),
            });
        }

        // Not found.
        let path404 = format!("{}404.html", ix.prefix);
        let ctx = self.base(ix, &path404, "404", self.list_translations("404.html"));
        jobs.push(Job {
            path: path404,
            template: "404.html".into(),
            context: Value::Object(ctx),
            source: "templates/404.html".into(),
        });
        jobs
    }

    fn changes_job(&self, ix: &LangIndex, i: usize, prev: usize) -> Job {
        let doc = &self.lib.docs[i];
        let path = format!("{}changes/", doc.url_path);
        let changes = changes::compare(
            &self.lib.rendered[prev].scan.articles,
            &self.lib.rendered[i].scan.articles,
        );
        let count = |k: changes::ChangeKind| changes.iter().filter(|c| c.change == k).count();
        let mut ctx = self.base(ix, &path, "rules_changes", Value::Array(vec![]));
        ctx.insert("page".into(), self.summaries[i].clone());
        ctx.insert("previous".into(), self.summaries[prev].clone());
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
        Job {
            path: format!("{path}index.html"),
            template: "rules_changes.html".into(),
            context: Value::Object(ctx),
            source: doc.source.clone(),
        }
    }

    fn feed(&self, ix: &LangIndex, title: &str, path: &str, items: &[usize]) -> (String, Vec<u8>) {
        let fallback = self.today.format("%Y-%m-%dT00:00:00Z").to_string();
        let entries = items
            .iter()
            .take(FEED_LIMIT)
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
            title,
            self_url: view::permalink(self.config, path),
            site_url: view::permalink(self.config, &ix.prefix),
            lang: &ix.lang,
            fallback_updated: fallback,
            entries,
        };
        (path.to_string(), feed::atom(&feed).into_bytes())
    }

    fn machine_files(&self, ix: &LangIndex, strings: &theme::Strings) -> Vec<(String, Vec<u8>)> {
        let lib = self.lib;
        let t = |key: &str| strings.get(&ix.lang, key).unwrap_or(key).to_string();
        let mut files = Vec::new();
        let site_title = self.config.title.clone();
        files.push(self.feed(ix, &site_title, &format!("{}atom.xml", ix.prefix), &ix.news));
        files.push(self.feed(
            ix,
            &format!("{site_title} · {}", t("news")),
            &format!("{}news/atom.xml", ix.prefix),
            &ix.news,
        ));
        for (slug, (name, items)) in &ix.tags {
            files.push(self.feed(
                ix,
                &format!("{site_title} · {name}"),
                &format!("{}tags/{slug}/atom.xml", ix.prefix),
                items,
            ));
        }
        let meetings: Vec<(&Document, &crate::content::meeting::Meeting, &str)> = ix
            .upcoming
            .iter()
            .chain(&ix.past)
            .map(|&i| {
                (
                    &lib.docs[i],
                    meeting(&lib.docs[i]).expect("meeting"),
                    lib.rendered[i].summary.as_str(),
                )
            })
            .collect();
        files.push((
            format!("{}meetings/calendar.ics", ix.prefix),
            crate::calendar::calendar(
                self.config,
                &format!("{site_title} · {}", t("meetings")),
                &meetings,
            )
            .into_bytes(),
        ));
        for m in &meetings {
            files.push((
                format!("{}meeting.ics", m.0.url_path),
                crate::calendar::calendar(self.config, &m.0.common.title, std::slice::from_ref(m))
                    .into_bytes(),
            ));
        }
        files
    }
}

/// Renders the whole site. `theme_sources` gives templates, theme files and static files.
pub fn render_site(
    config: &Config,
    lib: &Library,
    sources: &Sources,
    today: NaiveDate,
) -> Result<Files, Vec<Diagnostic>> {
    let theme_files = theme::layered_files(sources);
    let strings = theme::load_strings(&theme_files, &config.language);
    let tera = theme::load_templates(&theme_files);
    let (strings, mut tera) = match (strings, tera) {
        (Ok(s), Ok(t)) => (s, t),
        (s, t) => return Err(s.err().into_iter().chain(t.err()).flatten().collect()),
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
        return Err(errors);
    }

    let renderer = Renderer {
        config,
        lib,
        summaries: (0..lib.docs.len())
            .into_par_iter()
            .map(|i| view::summary(config, lib, i))
            .collect(),
        today,
        site: view::site(config, today),
    };
    let data = TemplateData {
        base_path: config.base_path.clone(),
        main_language: config.language.clone(),
        pages: lib
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.source.clone(), renderer.summaries[i].clone()))
            .collect(),
        members: lib
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.kind == Kind::Member && !d.is_section_index)
            .map(|(i, d)| {
                (
                    (d.slug.clone(), d.lang.clone()),
                    renderer.summaries[i].clone(),
                )
            })
            .collect(),
        strings,
    };
    let data = Arc::new(data);
    theme::register_functions(&mut tera, data.clone());

    let mut files = Files::new();
    let mut jobs = Vec::new();
    for lang in config.all_languages() {
        let ix = renderer.index(lang);
        let mut relations: HashMap<String, MemberLinks> = HashMap::new();
        for &i in ix.upcoming.iter().chain(&ix.past) {
            let m = meeting(&lib.docs[i]).expect("meeting");
            if let Some(h) = &m.host {
                relations.entry(h.clone()).or_default().hosted.push(i);
            }
            for a in &m.attendees {
                relations.entry(a.clone()).or_default().attended.push(i);
            }
        }
        for &i in &ix.news {
            if let Meta::News(n) = &lib.docs[i].meta {
                for o in &n.organizations {
                    relations.entry(o.clone()).or_default().news.push(i);
                }
            }
        }
        jobs.extend(renderer.jobs(&ix, &relations));
        files.extend(renderer.machine_files(&ix, &data.strings));
    }

    let rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let context = tera::Context::from_value(job.context.clone())
                .map_err(|e| Diagnostic::error("template", &job.source, theme::tera_message(&e)))?;
            tera.render(&job.template, &context)
                .map(|html| (job.path.clone(), html.into_bytes()))
                .map_err(|e| {
                    Diagnostic::error(
                        "template",
                        &job.source,
                        format!(
                            "rendering `{}` with `{}` failed: {}",
                            job.path,
                            job.template,
                            theme::tera_message(&e)
                        ),
                    )
                    .help("check the template against the context documented in the README")
                })
        })
        .collect();
    let mut html_paths = Vec::new();
    for r in rendered {
        match r {
            Ok((path, bytes)) => {
                html_paths.push(path.clone());
                files.insert(path, bytes);
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Aliases: a redirect page at each old URL, and `_redirects` for hosts that read it.
    let mut redirects = String::new();
    for doc in &lib.docs {
        for alias in &doc.common.aliases {
            let path = alias_path(alias);
            let target = view::url_path(config, &doc.url_path);
            let file = if path.ends_with(".html") {
                path.clone()
            } else {
                format!("{path}index.html")
            };
            let escaped = crate::markdown::escape_html(&target);
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<link rel=\"canonical\" href=\"{escaped}\">\n<meta http-equiv=\"refresh\" content=\"0; url={escaped}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p><a href=\"{escaped}\">{}</a></p>\n</body>\n</html>\n",
                doc.lang,
                crate::markdown::escape_html(&doc.common.title),
                crate::markdown::escape_html(&doc.common.title)
            );
            files.insert(file, html.into_bytes());
            redirects.push_str(&format!(
                "{} {} 301\n",
                view::url_path(config, &path),
                target
            ));
        }
    }
    if !redirects.is_empty() {
        files.insert("_redirects".into(), redirects.into_bytes());
    }

    // Static files: the theme's, then the site's over them.
    for (path, file) in &theme_files {
        if let Some(rel) = path.strip_prefix("static/") {
            files.insert(rel.to_string(), file.bytes.clone());
        }
    }
    for (path, bytes) in &sources.static_files {
        files.insert(path.clone(), bytes.clone());
    }

    // Sitemap and robots.txt cover every page.
    let mut urls: Vec<(String, Option<String>)> = html_paths
        .iter()
        .filter(|p| !p.ends_with("404.html"))
        .map(|p| {
            (
                view::permalink(config, p.trim_end_matches("index.html")),
                None,
            )
        })
        .collect();
    let lastmod: HashMap<String, String> = lib
        .docs
        .iter()
        .filter_map(|d| {
            d.common
                .updated
                .or(d.common.date)
                .map(|t| (view::permalink(config, &d.url_path), t.date().to_string()))
        })
        .collect();
    for (url, last) in &mut urls {
        *last = lastmod.get(url).cloned();
    }
    urls.sort();
    files.insert("sitemap.xml".into(), feed::sitemap(&urls).into_bytes());
    files.insert(
        "robots.txt".into(),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            config.base_url
        )
        .into_bytes(),
    );
    Ok(files)
}
