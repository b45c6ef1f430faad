//! All documents of one build, indexed, with their cross-references checked and
//! their Markdown rendered. No locks: built once, then read by every renderer.

mod ids;
mod incremental;
mod markdown_cache;
mod references;
mod versions;

pub use ids::{DocId, PerDoc};
pub use incremental::Backlinks;
use markdown_cache::markdown_settings;
pub use markdown_cache::MarkdownCache;

use crate::config::Config;
use crate::content::{Document, Kind};
use crate::diag::Diagnostic;
use crate::fingerprint::{self};
use crate::markdown::{self, Scan};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
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
    /// A rules version's articles as blocks, for the changes page.
    pub articles: Vec<Vec<crate::markdown::blocks::Node>>,
    /// The files its body links to.
    pub attachments: Vec<crate::markdown::Attachment>,
}

/// The indexes are shared (`Arc`) so that a rebuild which changes no document's
/// shape (see [`crate::content::Document::shape`]) copies the library cheaply.
#[derive(Clone)]
pub struct Site {
    /// Sorted by source path.
    pub docs: PerDoc<Arc<Document>>,
    pub rendered: PerDoc<Arc<Rendered>>,
    /// The site's files: static, the theme's and page folders'.
    pub media: Arc<crate::media::Media>,
    pub by_source: Arc<HashMap<String, DocId>>,
    /// Member slug → documents (one per language).
    pub members: Arc<HashMap<String, Vec<DocId>>>,
    /// Rules slug → documents (one per language).
    pub rules: Arc<HashMap<String, Vec<DocId>>>,
    /// Meeting slug → documents (one per language).
    pub meetings: Arc<HashMap<String, Vec<DocId>>>,
    /// Rules slug → the slug of the version it follows, when its `supersedes`
    /// does not say: in a document folder, the version before it by date.
    pub implied_previous: Arc<HashMap<String, String>>,
    /// Rules slug → the version that follows it.
    pub next_version: Arc<HashMap<String, String>>,
    /// Translation key → documents, main language first.
    pub translations: Arc<HashMap<String, Vec<DocId>>>,
}

/// Sources a build has no document for.
#[derive(Debug, Default)]
pub struct Absent {
    /// Failed to parse: references to them are not reported, so one build
    /// shows every other error too.
    pub unparsed: Vec<String>,
    /// The bodies of those whose front matter was found (source, body, the
    /// body's first line): their links are checked all the same.
    pub bodies: Vec<(String, String, usize)>,
    /// Left out by this build (drafts, scheduled news), with why: a link to
    /// one is an error that says so.
    pub held: HashMap<String, String>,
}

impl Site {
    /// Indexes documents, checks every reference between them, renders Markdown.
    pub fn new(docs: Vec<Document>, config: &Config) -> Result<Site, Vec<Diagnostic>> {
        Self::build(
            docs.into_iter().map(Arc::new).collect(),
            config,
            &Absent::default(),
            Arc::default(),
            &mut MarkdownCache::default(),
        )
    }

    /// Like [`Site::new`], for a build that has no document for some sources
    /// (see [`Absent`]).
    /// Markdown whose inputs are unchanged since the build that filled `cache` is reused.
    pub fn build(
        mut docs: Vec<Arc<Document>>,
        config: &Config,
        absent: &Absent,
        media: Arc<crate::media::Media>,
        cache: &mut MarkdownCache,
    ) -> Result<Site, Vec<Diagnostic>> {
        docs.sort_by(|a, b| a.source.cmp(&b.source));
        let docs: PerDoc<Arc<Document>> = docs.into();
        let mut members: HashMap<String, Vec<DocId>> = HashMap::new();
        let mut rules: HashMap<String, Vec<DocId>> = HashMap::new();
        let mut meetings: HashMap<String, Vec<DocId>> = HashMap::new();
        let mut translations: HashMap<String, Vec<DocId>> = HashMap::new();
        for (i, doc) in docs.enumerate() {
            if doc.is_section_index {
                continue;
            }
            match doc.kind {
                Kind::Member => members.entry(doc.slug.clone()).or_default().push(i),
                Kind::Rules => rules.entry(doc.slug.clone()).or_default().push(i),
                Kind::Meeting => meetings.entry(doc.slug.clone()).or_default().push(i),
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
        let mut lib = Site {
            by_source: Arc::new(
                docs.enumerate()
                    .map(|(i, d)| (d.source.clone(), i))
                    .collect(),
            ),
            members: Arc::new(members),
            implied_previous: Arc::new(versions::implied_previous(&docs, &rules)),
            next_version: Arc::default(),
            rules: Arc::new(rules),
            meetings: Arc::new(meetings),
            translations: Arc::new(translations),
            rendered: PerDoc::default(),
            media,
            docs,
        };
        lib.next_version = Arc::new(lib.following());
        let settings = config.parse_settings();
        let unparsed = &absent.unparsed;
        let unparsed_slugs: HashSet<String> = unparsed
            .iter()
            .filter_map(|p| crate::content::file_slug(p, &settings))
            .collect();
        let mut errors = lib.check_references(config, &unparsed_slugs);
        let scans: Vec<(u64, Arc<Scan>)> = lib
            .docs
            .as_slice()
            .par_iter()
            .map(|d| {
                let settings = markdown_settings(config, d);
                let key = fingerprint::of((d.fingerprint, &settings));
                match cache.scans.get(&d.source) {
                    Some((k, scan)) if *k == key => (key, scan.clone()),
                    _ => (key, Arc::new(markdown::scan(&d.body, &settings.options))),
                }
            })
            .collect();
        let scan_refs: Vec<&Scan> = scans.iter().map(|(_, s)| s.as_ref()).collect();
        errors.extend(lib.check_links(&scan_refs, unparsed, &absent.held));
        errors.extend(lib.check_unparsed_links(config, absent));
        errors.extend(lib.check_files(&scan_refs));
        errors.extend(lib.check_menu_links(config, unparsed));
        if !errors.is_empty() {
            return Err(errors);
        }
        let rendered: Vec<(u64, Arc<Rendered>)> = lib
            .docs
            .as_slice()
            .par_iter()
            .zip(&scans)
            .map(|(doc, (scan_key, scan))| {
                let key = lib.rendered_key(doc, *scan_key, scan);
                match cache.rendered.get(&doc.source) {
                    Some((k, r)) if *k == key => (key, r.clone()),
                    _ => (
                        key,
                        Arc::new(lib.render(doc, scan, &markdown_settings(config, doc))),
                    ),
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
        lib.rendered = rendered.into_iter().map(|(_, r)| r).collect();
        Ok(lib)
    }

    /// The document an `@/` link points to, preferring the linking page's
    /// language. `@/news/x.md` names the document whichever languages it is
    /// written in, so it also finds a `x.zh.md` that has no original.
    /// `@/rules/<document>/` names a rules document kept in a folder: its
    /// newest version stands for it (the link goes to the document's own page).
    pub fn link_target(&self, from: &Document, target: &str) -> Option<DocId> {
        self.link_target_in(&from.lang, target)
    }

    /// [`Site::link_target`] for a link written in `lang`.
    pub fn link_target_in(&self, lang: &str, target: &str) -> Option<DocId> {
        self.document_in(target, lang).or_else(|| {
            let folder = rules_folder_link(target)?;
            self.rules_in_lang(folder, lang)
                .copied()
                .filter(|&i| self.docs[i].slug.starts_with(&format!("{folder}/")))
        })
    }

    /// The document a path under `content/` names (`news/x.md`, `news/x.zh.md`),
    /// in `lang` when it has a version in it, else as written, else its original.
    pub fn document_in(&self, target: &str, lang: &str) -> Option<DocId> {
        let source = format!("content/{target}");
        let exact = self.by_source.get(&source).copied();
        let group = match exact {
            Some(exact) => self.translations.get(&self.docs[exact].translation_key),
            None => self.translations.get(&source),
        }?;
        group
            .iter()
            .copied()
            .find(|&i| self.docs[i].lang == lang)
            .or(exact)
            .or_else(|| group.first().copied())
    }

    /// Whether readers of `lang` see document `i`: it is written in `lang`, or
    /// it is the original of a document that has no version in `lang`.
    /// Section introductions belong to their language alone.
    pub fn is_shown_in(&self, i: DocId, lang: &str) -> bool {
        let doc = &self.docs[i];
        if doc.lang == lang {
            return true;
        }
        if doc.is_section_index {
            return false;
        }
        self.translations
            .get(&doc.translation_key)
            .is_some_and(|group| {
                group.first() == Some(&i) && !group.iter().any(|&j| self.docs[j].lang == lang)
            })
    }

    /// The member with this slug in `lang`, or in any language.
    pub fn member_in_lang(&self, slug: &str, lang: &str) -> Option<DocId> {
        self.in_lang(self.members.get(slug)?, lang).copied()
    }

    /// The meeting with this slug in `lang`, or in any language.
    pub fn meeting_in_lang(&self, slug: &str, lang: &str) -> Option<DocId> {
        self.in_lang(self.meetings.get(slug)?, lang).copied()
    }

    /// Of one document's language versions, the one in `lang`, else the first.
    fn in_lang<'s>(&self, group: &'s [DocId], lang: &str) -> Option<&'s DocId> {
        group
            .iter()
            .find(|&&i| self.docs[i].lang == lang)
            .or_else(|| group.first())
    }
}

/// The folder a link `@/rules/<document>/` names, if that is its form.
pub fn rules_folder_link(target: &str) -> Option<&str> {
    let rest = target.strip_prefix("rules/")?;
    let folder = rest.strip_suffix('/').unwrap_or(rest);
    (!folder.is_empty() && !folder.contains('/') && !folder.ends_with(".md")).then_some(folder)
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
    let (line, column) = crate::diag::line_col(&doc.body, body_offset);
    (body_line + line - 1, column)
}
