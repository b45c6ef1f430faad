//! All documents of one build, indexed, with their cross-references checked and
//! their Markdown rendered. No locks: built once, then read by every renderer.

use crate::config::Config;
use crate::content::{Document, Kind, Meta};
use crate::error::Diagnostic;
use crate::fingerprint::{self, Fingerprint};
use crate::markdown::{self, ArticleStyle, InternalLink, MarkdownOptions, Scan};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// A document's Markdown, rendered.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub scan: Arc<Scan>,
    /// The front matter summary, or the first paragraph.
    pub summary: String,
    /// Changes whenever `html` or `summary` may have changed.
    pub fingerprint: u64,
}

/// Markdown scans and renders of the previous build, keyed by source path, so a
/// rebuild only redoes documents whose text, options or link targets changed.
#[derive(Default)]
pub struct MarkdownCache {
    scans: HashMap<String, (u64, Arc<Scan>)>,
    rendered: HashMap<String, (u64, Arc<Rendered>)>,
}

/// The indexes are shared (`Arc`) so that a rebuild which changes no document's
/// shape (see [`crate::content::Document::shape`]) copies the library cheaply.
#[derive(Clone)]
pub struct Library {
    /// Sorted by source path.
    pub docs: Vec<Arc<Document>>,
    pub rendered: Vec<Arc<Rendered>>,
    pub by_source: Arc<HashMap<String, usize>>,
    /// Member slug → documents (one per language).
    pub members: Arc<HashMap<String, Vec<usize>>>,
    /// Rules slug → documents (one per language).
    pub rules: Arc<HashMap<String, Vec<usize>>>,
    /// Translation key → documents, main language first.
    pub translations: Arc<HashMap<String, Vec<usize>>>,
}

fn markdown_options(config: &Config, doc: &Document) -> MarkdownOptions {
    let articles = (doc.kind == Kind::Rules && !doc.is_section_index).then(|| {
        if doc.lang.starts_with("zh") {
            ArticleStyle::Chinese
        } else {
            ArticleStyle::English
        }
    });
    MarkdownOptions {
        smart_punctuation: config.markdown.smart_punctuation,
        safe: config.markdown.safe,
        external_new_tab: config.markdown.external_links_new_tab,
        external_nofollow: config.markdown.external_links_nofollow,
        articles,
    }
}

impl Library {
    /// Indexes documents, checks every reference between them, renders Markdown.
    pub fn new(docs: Vec<Document>, config: &Config) -> Result<Library, Vec<Diagnostic>> {
        Self::build(
            docs.into_iter().map(Arc::new).collect(),
            config,
            &[],
            &mut MarkdownCache::default(),
        )
    }

    /// Like [`Library::new`], while `unparsed` sources failed to parse: references
    /// to them are not reported, so one build shows every other error too.
    /// Markdown whose inputs are unchanged since the build that filled `cache` is reused.
    pub fn build(
        mut docs: Vec<Arc<Document>>,
        config: &Config,
        unparsed: &[String],
        cache: &mut MarkdownCache,
    ) -> Result<Library, Vec<Diagnostic>> {
        docs.sort_by(|a, b| a.source.cmp(&b.source));
        let mut members: HashMap<String, Vec<usize>> = HashMap::new();
        let mut rules: HashMap<String, Vec<usize>> = HashMap::new();
        let mut translations: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, doc) in docs.iter().enumerate() {
            if doc.is_section_index {
                continue;
            }
            match doc.kind {
                Kind::Member => members.entry(doc.slug.clone()).or_default().push(i),
                Kind::Rules => rules.entry(doc.slug.clone()).or_default().push(i),
                _ => {}
            }
            translations
                .entry(doc.translation_key.clone())
                .or_default()
                .push(i);
        }
        for group in translations.values_mut() {
            group.sort_by_key(|&i| (docs[i].lang != config.language, docs[i].lang.clone()));
        }
        let lib = Library {
            by_source: Arc::new(
                docs.iter()
                    .enumerate()
                    .map(|(i, d)| (d.source.clone(), i))
                    .collect(),
            ),
            members: Arc::new(members),
            rules: Arc::new(rules),
            translations: Arc::new(translations),
            rendered: Vec::new(),
            docs,
        };
        let unparsed_slugs: HashSet<String> = unparsed
            .iter()
            .filter_map(|p| crate::content::file_slug(p, config))
            .collect();
        let mut errors = lib.check_references(config, &unparsed_slugs);
        let scans: Vec<(u64, Arc<Scan>)> = lib
            .docs
            .par_iter()
            .map(|d| {
                let options = markdown_options(config, d);
                let key = fingerprint::of((d.fingerprint, &options));
                match cache.scans.get(&d.source) {
                    Some((k, scan)) if *k == key => (key, scan.clone()),
                    _ => (key, Arc::new(markdown::scan(&d.body, &options))),
                }
            })
            .collect();
        let scan_refs: Vec<&Scan> = scans.iter().map(|(_, s)| s.as_ref()).collect();
        errors.extend(lib.check_links(&scan_refs, unparsed));
        if !errors.is_empty() {
            return Err(errors);
        }
        let rendered: Vec<(u64, Arc<Rendered>)> = lib
            .docs
            .par_iter()
            .zip(&scans)
            .map(|(doc, (scan_key, scan))| {
                let key = lib.rendered_key(doc, *scan_key, scan);
                match cache.rendered.get(&doc.source) {
                    Some((k, r)) if *k == key => (key, r.clone()),
                    _ => (key, Arc::new(lib.render(doc, scan, config))),
                }
            })
            .collect();
        cache.scans = lib
            .docs
            .iter()
            .zip(scans)
            .map(|(d, s)| (d.source.clone(), s))
            .collect();
        cache.rendered = lib
            .docs
            .iter()
            .zip(&rendered)
            .map(|(d, r)| (d.source.clone(), r.clone()))
            .collect();
        let mut lib = lib;
        lib.rendered = rendered.into_iter().map(|(_, r)| r).collect();
        Ok(lib)
    }

    /// What a document's rendered Markdown depends on: its scan, its summary and
    /// what its links resolve to (without formatting their URLs).
    fn rendered_key(&self, doc: &Document, scan_key: u64, scan: &Scan) -> u64 {
        let mut key = Fingerprint::new().with(scan_key).with(&doc.common.summary);
        for link in &scan.links {
            let target = self.link_target(doc, &link.target);
            key.push(target.map(|t| (&self.docs[t].url_path, self.docs[t].fingerprint)));
        }
        key.finish()
    }

    fn render(&self, doc: &Document, scan: &Arc<Scan>, config: &Config) -> Rendered {
        let html = markdown::render(&doc.body, scan, &markdown_options(config, doc), &|link| {
            self.link_url(doc, link, config)
        });
        let summary = doc
            .common
            .summary
            .clone()
            .unwrap_or_else(|| scan.first_paragraph.clone());
        Rendered {
            fingerprint: fingerprint::of((&html, &summary)),
            html,
            scan: scan.clone(),
            summary,
        }
    }

    /// This library with some documents replaced by new versions of the same
    /// shape (same source, URL, references, list positions: see
    /// [`Document::shape`]), their Markdown rendered and their links checked,
    /// and the anchors of links into them checked again (`backlinks` finds those
    /// links, and learns the changed documents' links). `None` when that finds
    /// an error: the caller then builds in full, which reports every error.
    pub fn with_changes(
        &self,
        changed: &[(usize, Arc<Document>)],
        config: &Config,
        cache: &mut MarkdownCache,
        backlinks: &mut Backlinks,
    ) -> Option<Library> {
        let mut lib = self.clone();
        let mut scans = Vec::with_capacity(changed.len());
        for (i, doc) in changed {
            debug_assert_eq!(lib.docs[*i].shape(), doc.shape());
            let options = markdown_options(config, doc);
            let key = fingerprint::of((doc.fingerprint, &options));
            scans.push((key, Arc::new(markdown::scan(&doc.body, &options))));
            lib.docs[*i] = doc.clone();
        }
        // Links from the changed documents, and anchors of links into them. A
        // link reaches a changed document only through a source in its
        // translation group, so other links are skipped without resolving them.
        let changed_set: HashSet<usize> = changed.iter().map(|(i, _)| *i).collect();
        let reachable: HashSet<&str> = changed
            .iter()
            .flat_map(|(i, doc)| {
                lib.translations
                    .get(&doc.translation_key)
                    .into_iter()
                    .flatten()
                    .chain(std::iter::once(i))
            })
            .filter_map(|&t| lib.docs[t].source.strip_prefix("content/"))
            .collect();
        let scan_of = |t: usize| -> &Scan {
            match changed.iter().position(|(i, _)| *i == t) {
                Some(k) => &scans[k].1,
                None => &lib.rendered[t].scan,
            }
        };
        let mut linking: Vec<usize> = reachable
            .iter()
            .flat_map(|target| backlinks.0.get(*target).into_iter().flatten().copied())
            .chain(changed_set.iter().copied())
            .collect();
        linking.sort_unstable();
        linking.dedup();
        for from in linking {
            let own = changed_set.contains(&from);
            let doc = &lib.docs[from];
            for link in &scan_of(from).links {
                if !own && !reachable.contains(link.target.as_str()) {
                    continue;
                }
                let t = lib.link_target(doc, &link.target)?;
                if let Some(anchor) = &link.anchor {
                    if (own || changed_set.contains(&t)) && !scan_of(t).anchors.contains(anchor) {
                        return None;
                    }
                }
            }
        }
        for ((i, doc), (scan_key, scan)) in changed.iter().zip(scans) {
            backlinks.update(*i, &lib.rendered[*i].scan, &scan);
            let key = lib.rendered_key(doc, scan_key, &scan);
            let rendered = Arc::new(lib.render(doc, &scan, config));
            cache.scans.insert(doc.source.clone(), (scan_key, scan));
            cache
                .rendered
                .insert(doc.source.clone(), (key, rendered.clone()));
            lib.rendered[*i] = rendered;
        }
        Some(lib)
    }

    /// The document an `@/` link points to, preferring the linking page's language.
    pub fn link_target(&self, from: &Document, target: &str) -> Option<usize> {
        let source = format!("content/{target}");
        let original = *self.by_source.get(&source)?;
        let key = &self.docs[original].translation_key;
        self.translations
            .get(key)
            .and_then(|group| {
                group
                    .iter()
                    .copied()
                    .find(|&i| self.docs[i].lang == from.lang)
            })
            .or(Some(original))
    }

    fn link_url(&self, from: &Document, link: &InternalLink, config: &Config) -> Option<String> {
        let target = self.link_target(from, &link.target)?;
        let mut url = crate::view::url_path(config, &self.docs[target].url_path);
        if let Some(anchor) = &link.anchor {
            url.push('#');
            url.push_str(&crate::view::encode_path(anchor));
        }
        Some(url)
    }

    fn check_links(&self, scans: &[&Scan], unparsed: &[String]) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for (doc, scan) in self.docs.iter().zip(scans) {
            for link in &scan.links {
                // Positions cost a walk over the text: work them out for errors only.
                let at = |d: Diagnostic| {
                    let whole = doc_offset_position(doc, link.start);
                    d.at(whole.0, whole.1).underline(link.len.min(80))
                };
                match self.link_target(doc, &link.target) {
                    None if unparsed.contains(&format!("content/{}", link.target)) => {}
                    None => {
                        let known: Vec<&str> = self
                            .by_source
                            .keys()
                            .filter_map(|s| s.strip_prefix("content/"))
                            .collect();
                        let mut d = at(Diagnostic::error(
                            "broken-link",
                            &doc.source,
                            format!("link to `@/{}`: no such page", link.target),
                        ));
                        d = match crate::error::closest(&link.target, &known) {
                            Some(k) => d.help(format!("did you mean `@/{k}`?")),
                            None => d.help("internal links name a file under `content/`, e.g. `@/news/2024-12-13-preparatory.md`"),
                        };
                        errors.push(d);
                    }
                    Some(target) => {
                        if let Some(anchor) = &link.anchor {
                            if !scans[target].anchors.contains(anchor) {
                                // Sorted, so ties in the suggestion are decided the same way every build.
                                let mut known: Vec<&str> =
                                    scans[target].anchors.iter().map(String::as_str).collect();
                                known.sort_unstable();
                                let mut d = at(Diagnostic::error(
                                    "broken-anchor",
                                    &doc.source,
                                    format!("link to `@/{}#{anchor}`: the page has no heading with that anchor", link.target),
                                ));
                                d = match crate::error::closest(anchor, &known) {
                                    Some(k) => d.help(format!("did you mean `#{k}`?")),
                                    None if known.is_empty() => {
                                        d.help("the target page has no headings")
                                    }
                                    None => d.help(format!("its anchors: {}", known.join(", "))),
                                };
                                errors.push(d);
                            }
                        }
                    }
                }
            }
        }
        errors
    }

    fn check_references(&self, config: &Config, unparsed: &HashSet<String>) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let has_member = |slug: &str| self.members.contains_key(slug) || unparsed.contains(slug);
        let has_rules = |slug: &str| self.rules.contains_key(slug) || unparsed.contains(slug);
        let member_slugs: Vec<&str> = self.members.keys().map(String::as_str).collect();
        let rules_slugs: Vec<&str> = self.rules.keys().map(String::as_str).collect();
        let unknown = |doc: &Document, key: &str, value: &str, what: &str, known: &[&str]| {
            let mut d = Diagnostic::error(
                "unknown-reference",
                &doc.source,
                format!("`{key}`: no {what} with the slug `{value}`"),
            )
            .at_pos(doc.locate(&[key], Some(value)));
            d = match crate::error::closest(value, known) {
                Some(k) => d.help(format!("did you mean `{k}`?")),
                None => d.help(format!(
                    "{what} slugs come from file names under `content/{}/`",
                    if what == "member" { "members" } else { "rules" }
                )),
            };
            d
        };
        for doc in &self.docs {
            let member_refs: Vec<(&str, &String)> = match &doc.meta {
                Meta::News(n) => n
                    .organizations
                    .iter()
                    .map(|m| ("organizations", m))
                    .collect(),
                Meta::Meeting(m) => m
                    .host
                    .iter()
                    .map(|h| ("host", h))
                    .chain(m.attendees.iter().map(|a| ("attendees", a)))
                    .collect(),
                _ => vec![],
            };
            for (key, slug) in member_refs {
                if !has_member(slug) {
                    errors.push(unknown(doc, key, slug, "member", &member_slugs));
                }
            }
            if let Meta::Meeting(m) = &doc.meta {
                for slug in &m.rules {
                    if !has_rules(slug) {
                        errors.push(unknown(doc, "rules", slug, "rules document", &rules_slugs));
                    }
                }
            }
            if let Meta::Rules(r) = &doc.meta {
                if let Some(prev) = &r.supersedes {
                    if !has_rules(prev) {
                        let others: Vec<&str> = rules_slugs
                            .iter()
                            .copied()
                            .filter(|s| *s != doc.slug)
                            .collect();
                        errors.push(unknown(doc, "supersedes", prev, "rules version", &others));
                    } else if self.rules.contains_key(prev)
                        && (prev == &doc.slug || self.supersedes_chain(doc).is_none())
                    {
                        errors.push(
                            Diagnostic::error("supersedes-cycle", &doc.source, format!("`supersedes: {prev}` makes a cycle of versions"))
                                .at_pos(doc.locate(&["supersedes"], Some(prev)))
                                .help("each version supersedes an older one; the first version has no `supersedes`"),
                        );
                    }
                }
            }
        }
        for term in &config.leading_units {
            if !has_member(&term.member) {
                let mut d = Diagnostic::error(
                    "unknown-reference",
                    crate::config::CONFIG_FILE,
                    format!("leading unit: no member with the slug `{}`", term.member),
                )
                .at_pos(term.position);
                if let Some(k) = crate::error::closest(&term.member, &member_slugs) {
                    d = d.help(format!("did you mean `{k}`?"));
                }
                errors.push(d);
            }
        }
        // Two sources must not claim one URL (pages, or an alias over a page).
        let mut claimed: BTreeMap<String, &str> = BTreeMap::new();
        for doc in &self.docs {
            if let Some(first) = claimed.insert(doc.url_path.clone(), &doc.source) {
                errors.push(
                    Diagnostic::error(
                        "duplicate-url",
                        &doc.source,
                        format!(
                            "this page's URL `/{}` is also claimed by {first}",
                            doc.url_path
                        ),
                    )
                    .at(1, 1)
                    .help("rename one of the files or give it another `slug:`"),
                );
                claimed.insert(doc.url_path.clone(), first);
            }
        }
        for doc in &self.docs {
            for alias in &doc.common.aliases {
                let path = alias_path(alias);
                if let Some(owner) = claimed.get(&path) {
                    errors.push(
                        Diagnostic::error(
                            "duplicate-url",
                            &doc.source,
                            format!("the alias `{alias}` is the URL of {owner}"),
                        )
                        .at_pos(doc.locate(&["aliases"], Some(alias)))
                        .help("an alias must be an old URL that no page uses now"),
                    );
                } else {
                    claimed.insert(path, &doc.source);
                }
            }
        }
        // A translation needs its original.
        let mut seen = HashSet::new();
        for doc in &self.docs {
            if doc.lang != config.language
                && seen.insert(&doc.translation_key)
                && !self.by_source.contains_key(&doc.translation_key)
            {
                errors.push(
                    Diagnostic::error(
                        "orphan-translation",
                        &doc.source,
                        format!(
                            "a translation without its original `{}`",
                            doc.translation_key
                        ),
                    )
                    .at(1, 1)
                    .help("write the page in the main language first, or rename the file"),
                );
            }
        }
        errors
    }

    /// The versions from `doc` back to the first, or `None` on a cycle.
    pub fn supersedes_chain(&self, doc: &Document) -> Option<Vec<usize>> {
        let mut chain = Vec::new();
        let mut seen = HashSet::new();
        let mut current = doc;
        seen.insert(current.slug.clone());
        while let Meta::Rules(r) = &current.meta {
            let Some(prev) = &r.supersedes else { break };
            let Some(&next) = self.rules_in_lang(prev, &doc.lang) else {
                break;
            };
            if !seen.insert(prev.clone()) {
                return None;
            }
            chain.push(next);
            current = &self.docs[next];
        }
        Some(chain)
    }

    /// The rules version with this slug in `lang`, or in any language.
    pub fn rules_in_lang(&self, slug: &str, lang: &str) -> Option<&usize> {
        let group = self.rules.get(slug)?;
        group
            .iter()
            .find(|&&i| self.docs[i].lang == lang)
            .or_else(|| group.first())
    }

    /// The member with this slug in `lang`, or in any language.
    pub fn member_in_lang(&self, slug: &str, lang: &str) -> Option<usize> {
        let group = self.members.get(slug)?;
        group
            .iter()
            .copied()
            .find(|&i| self.docs[i].lang == lang)
            .or_else(|| group.first().copied())
    }
}

/// Link target (a path under `content/`, as written after `@/`) → the documents
/// whose Markdown links there: what a changed document's anchors must satisfy.
#[derive(Default)]
pub struct Backlinks(HashMap<String, Vec<usize>>);

impl Backlinks {
    pub fn of(lib: &Library) -> Self {
        let mut map: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, rendered) in lib.rendered.iter().enumerate() {
            for link in &rendered.scan.links {
                let from = map.entry(link.target.clone()).or_default();
                if from.last() != Some(&i) {
                    from.push(i);
                }
            }
        }
        Backlinks(map)
    }

    fn update(&mut self, i: usize, old: &Scan, new: &Scan) {
        for link in &old.links {
            if let Some(from) = self.0.get_mut(&link.target) {
                from.retain(|&f| f != i);
            }
        }
        for link in &new.links {
            let from = self.0.entry(link.target.clone()).or_default();
            if !from.contains(&i) {
                from.push(i);
            }
        }
    }
}

/// The output path of an alias: `/2024/old/` → `2024/old/`.
pub fn alias_path(alias: &str) -> String {
    let trimmed = alias.trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else if trimmed.ends_with(".html") {
        trimmed.to_string()
    } else {
        format!("{trimmed}/")
    }
}

/// Line and column in the whole file of a byte offset in a document's body.
pub fn doc_offset_position(doc: &Document, body_offset: usize) -> (usize, usize) {
    let body_line = doc.yaml_line + doc.yaml.lines().count() + 1;
    let (line, column) = crate::error::line_col(&doc.body, body_offset);
    (body_line + line - 1, column)
}
