//! The `Builder`: sources in, files and diagnostics out. A first build and a
//! rebuild after an edit take one path, so every rebuild equals a clean build.

use crate::diag::{self, Code, Diagnostic};
use crate::files::{Files, Patch};
use crate::site::{DocId, PerDoc};
use crate::{checks, config, content, fingerprint, render, search, site, source, theme};
use chrono::NaiveDate;
use rayon::prelude::*;
use source::Sources;
use std::collections::HashMap;
use std::sync::Arc;

mod clock;
mod parse;
use clock::Clock;
use parse::{parse_source, ParseResult};

/// What a build needs besides the sources.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildOptions {
    /// Build drafts too.
    pub drafts: bool,
    /// Build news scheduled after `today` too (a preview under `serve`).
    pub future: bool,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Decides upcoming meetings and the current leading unit.
    pub today: NaiveDate,
}

impl BuildOptions {
    /// Whether `doc` is published by this build: not a draft (unless
    /// `drafts`), not scheduled after `today` (unless `future`).
    pub fn publishes(&self, doc: &content::Document) -> bool {
        (self.drafts || !doc.common.draft) && (self.future || !doc.is_scheduled_after(self.today))
    }

    /// Why [`BuildOptions::publishes`] leaves `doc` out, for messages.
    fn why_held(&self, doc: &content::Document) -> String {
        match doc.publishes_on() {
            Some(day) if !self.future && day > self.today => format!("it is scheduled for {day}"),
            _ => "it is a draft".to_string(),
        }
    }
}

/// A successful build: the output files and any warnings.
pub struct Built {
    /// Every output file; empty when `patch` holds the outputs instead.
    pub files: Files,
    /// From [`Builder::rebuild`] when it planned only part of the site: the
    /// files it made again, to put over the previous build's files (none of
    /// which went away). Some may be unchanged.
    pub patch: Option<Patch>,
    pub warnings: Vec<Diagnostic>,
    /// HTML pages among the files (or among the patch).
    pub pages: usize,
    /// How long each stage took, for `--verbose` and benchmarks.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// Whether the whole site was planned (`false`: only the pages showing the
    /// changed documents were, see [`Builder::rebuild`]).
    pub planned_all: bool,
    /// Whether the site has a search index, built (or, with
    /// [`Builder::defer_search`], left to the caller).
    pub search: bool,
    /// Photo files encoded by this build (not taken from a cache).
    pub images_encoded: usize,
    /// What later builds will publish or retire on their own (from
    /// [`Builder::build`] only).
    pub schedule: Vec<crate::schedule::Scheduled>,
}

fn parse_config(
    sources: &Sources,
    options: &BuildOptions,
) -> Result<config::Config, Vec<Diagnostic>> {
    let Some(bytes) = &sources.config else {
        return Err(vec![Diagnostic::error(Code::NoConfig, config::CONFIG_FILE, "site.yaml not found: this is not a gazette site")
            .help("run gazette in the site's folder, pass `--root DIR`, or create one with `gazette init DIR`")]);
    };
    let Some(text) = source::decode(bytes) else {
        let (line, column) = source::invalid_utf8_position(bytes);
        return Err(vec![Diagnostic::error(
            Code::Encoding,
            config::CONFIG_FILE,
            "the file is not valid UTF-8",
        )
        .at(line, column)
        .help("save it as UTF-8")]);
    };
    let mut config = config::parse(text)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url).map_err(|m| {
            vec![Diagnostic::error(Code::BaseUrl, "--base-url", m)
                .help("pass an absolute URL such as `https://example.org/alliance/`")]
        })?;
    }
    Ok(config)
}

/// A config good enough to keep checking content when `site.yaml` is broken,
/// so one build reports every error.
fn fallback_config(sources: &Sources) -> config::Config {
    let languages = sources
        .content
        .keys()
        .filter_map(|p| {
            p.strip_suffix(".md")?
                .rsplit_once('.')
                .map(|(_, l)| l.to_string())
        })
        .filter(|l| config::is_language_code(l))
        .collect::<std::collections::BTreeSet<_>>();
    let mut text = String::from("title: x\nbase_url: https://example.org/\n");
    if !languages.is_empty() {
        text.push_str(&format!(
            "languages: [{}]\n",
            languages
                .into_iter()
                .filter(|l| l != "en")
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    config::parse(&text).unwrap_or_else(|_| {
        config::parse("title: x\nbase_url: https://example.org/\n")
            .expect("the fallback config is valid")
    })
}

/// The Markdown body of a source whose front matter failed, to check its
/// links in the same run: (source, body, the body's first line).
fn body_of(path: &str, bytes: &[u8]) -> Option<(String, String, usize)> {
    let text = source::decode(bytes)?;
    let split = crate::frontmatter::split(text).ok()?;
    let line = text[..split.body_offset].matches('\n').count() + 1;
    Some((path.to_string(), split.body.to_string(), line))
}

/// Builds a site in memory. Returns every error at once.
pub fn build(sources: &Sources, options: &BuildOptions) -> Result<Built, Vec<Diagnostic>> {
    Builder::default().build(sources, options)
}

/// Builds a site again and again (as `watch` does), redoing only what changed:
/// sources are parsed again only when their bytes change, Markdown is rendered
/// again only when its text or link targets change, and an output is rendered
/// again only when what it reads changed. Every build equals a clean [`build`].
#[derive(Default)]
pub struct Builder {
    parsed: HashMap<String, (u64, ParseResult)>,
    markdown: site::MarkdownCache,
    pages: render::PageCache,
    /// Builds the search index when the site has one (none: the site is
    /// built without its index, as in the core's own tests).
    search: Option<Box<dyn search::SearchIndexer>>,
    /// The last successful build.
    last: Option<Last>,
    /// Leaves the search index out of [`Built::files`] (`watch` and `serve`
    /// build it in the background).
    pub defer_search: bool,
    /// Photos measured and encoded, kept by their bytes' hash.
    pub images: crate::media::ImageCache,
    /// Builds once (`gazette build`, `check`): nothing is kept for a later
    /// rebuild, and the site's data is freed before the search index is
    /// built, so the two never take memory at once.
    pub once: bool,
}

/// What a rebuild that changes no document's shape takes from the last build.
struct Last {
    options: BuildOptions,
    config: Arc<config::Config>,
    config_fp: u64,
    lib: Arc<site::Site>,
    site_warnings: Vec<Diagnostic>,
    doc_warnings: PerDoc<Vec<Diagnostic>>,
    backlinks: site::Backlinks,
}

impl Builder {
    /// A builder that leaves the search index to the caller (`watch` and
    /// `serve` build it in the background).
    pub fn with_deferred_search() -> Self {
        Builder {
            defer_search: true,
            ..Builder::default()
        }
    }

    /// A builder that indexes the site with `indexer` when `search` is on.
    pub fn with_search(indexer: Box<dyn search::SearchIndexer>) -> Self {
        Builder {
            search: Some(indexer),
            ..Builder::default()
        }
    }

    pub fn build(
        &mut self,
        sources: &Sources,
        options: &BuildOptions,
    ) -> Result<Built, Vec<Diagnostic>> {
        let mut clock = Clock::start();
        self.last = None;
        let mut errors: Vec<Diagnostic> = sources.problems.clone();
        let config = parse_config(sources, options);
        let config_ok = config.is_ok();
        let config = config.unwrap_or_else(|e| {
            errors.extend(e);
            fallback_config(sources)
        });
        self.pages.preload_theme(sources, &config.language);
        let settings = config.parse_settings();
        let config_fp = settings.key();
        let previous = &self.parsed;
        let parsed: Vec<(u64, ParseResult)> = sources
            .content
            .par_iter()
            .map(|(path, bytes)| {
                let key = fingerprint::of((config_fp, bytes));
                match previous.get(path) {
                    Some((k, r)) if *k == key => (key, r.clone()),
                    _ => (key, parse_source(path, bytes, &settings)),
                }
            })
            .collect();
        self.parsed = sources
            .content
            .keys()
            .cloned()
            .zip(parsed.iter().cloned())
            .collect();
        let mut docs = Vec::new();
        let mut absent = site::Absent::default();
        let mut held_docs = Vec::new();
        for ((_, p), path) in parsed.into_iter().zip(sources.content.keys()) {
            match p {
                Ok(doc) if !options.publishes(&doc) => {
                    absent.held.insert(path.clone(), options.why_held(&doc));
                    held_docs.push(doc);
                }
                Ok(doc) => docs.push(doc),
                Err(e) => {
                    errors.extend(e);
                    absent.unparsed.push(path.clone());
                    absent.bodies.extend(body_of(path, &sources.content[path]));
                }
            }
        }
        if !config_ok {
            return Err(diag::sorted(errors));
        }
        clock.lap("parse");
        let (media, media_errors) =
            crate::media::Media::new(&config, sources, &docs, &mut self.images);
        let (media_warnings, media_errors): (Vec<_>, Vec<_>) = media_errors
            .into_iter()
            .partition(|d| d.severity == diag::Severity::Warning);
        errors.extend(media_errors);
        let media = Arc::new(media);
        let schedule = crate::schedule::ahead(
            held_docs.iter().map(|d| &**d),
            docs.iter().map(|d| &**d),
            options.today,
        );
        let lib = match site::Site::build(docs, &config, &absent, media.clone(), &mut self.markdown)
        {
            Ok(lib) if errors.is_empty() => lib,
            Ok(_) => return Err(diag::sorted(errors)),
            Err(more) => return Err(diag::sorted(errors.into_iter().chain(more).collect())),
        };
        let theme_files = theme::layered_files(sources);
        let doc_warnings: PerDoc<Vec<Diagnostic>> = lib.docs.par_map(|i, _| {
            checks::document_warnings(&config, &lib, i, sources, &theme_files, options.today)
        });
        let mut site_warnings = checks::site_warnings(&config, &lib, sources);
        site_warnings.extend(media_warnings);
        clock.lap("check and render Markdown");
        let (config, lib) = (Arc::new(config), Arc::new(lib));
        let mut files =
            render::render_site(&config, &lib, sources, options.today, &mut self.pages, None)
                .map_err(diag::sorted)?;
        clock.lap("render pages");
        let published = crate::media::publish(&media, sources, &mut self.images)?;
        if let render::Output::All(files) = &mut files {
            files.extend(published.into_iter().map(|(p, b)| (p.into(), b)));
            let clashes =
                checks::output_tree::clashes(files, &lib, &media, self.has_search(&config));
            if !clashes.is_empty() {
                return Err(diag::sorted(clashes));
            }
        }
        clock.lap("images");
        let last = Last {
            options: options.clone(),
            config,
            config_fp,
            backlinks: if self.once {
                site::Backlinks::default()
            } else {
                site::Backlinks::of(&lib)
            },
            lib,
            site_warnings,
            doc_warnings,
        };
        let built = self.finish(&last, files, clock, true).map(|mut b| {
            b.images_encoded = self.images.last_encoded;
            b.schedule = schedule;
            b
        });
        let indexer = if last.config.search && !self.defer_search {
            self.search.take()
        } else {
            None
        };
        if self.once {
            // Nothing will be rebuilt: the site's data goes before the index
            // is built, so the two never take memory at once.
            drop(last);
            self.parsed = HashMap::new();
            self.markdown = site::MarkdownCache::default();
            self.pages = render::PageCache::default();
        } else {
            self.last = Some(last);
        }
        let Some(mut indexer) = indexer else {
            return built;
        };
        let built = built.and_then(|mut b| {
            let started = std::time::Instant::now();
            b.files
                .extend(indexer.index(&b.files).map_err(|d| vec![d])?);
            b.timings.push(("search index", started.elapsed()));
            Ok(b)
        });
        self.search = Some(indexer);
        built
    }

    /// Builds again after the sources named in `changed` (paths from the site
    /// root) changed since the last call; they must be all that changed. When
    /// they are Markdown sources that keep their shape (the common edit: text,
    /// title, summary), only those documents are parsed and checked again and
    /// only the pages that show them are planned and rendered: the rest of the
    /// site, its plan and its warnings are the last build's. Anything else
    /// builds in full. Either way the result equals a clean [`build`].
    pub fn rebuild(
        &mut self,
        sources: &Sources,
        options: &BuildOptions,
        changed: &[String],
    ) -> Result<Built, Vec<Diagnostic>> {
        match self.rebuild_changes(sources, options, changed) {
            Some(built) => built,
            None => self.build(sources, options),
        }
    }

    /// `None` when the changes need a full build.
    fn rebuild_changes(
        &mut self,
        sources: &Sources,
        options: &BuildOptions,
        changed: &[String],
    ) -> Option<Result<Built, Vec<Diagnostic>>> {
        let mut clock = Clock::start();
        let mut last = self.last.take()?;
        // Without a deferred index, the index needs every page.
        if (last.config.search && self.search.is_some() && !self.defer_search)
            || last.options != *options
            || !changed
                .iter()
                .all(|p| p.starts_with("content/") && p.ends_with(".md"))
        {
            return None;
        }
        let mut docs = Vec::new();
        let changed: std::collections::BTreeSet<&String> = changed.iter().collect();
        let settings = last.config.parse_settings();
        for path in changed {
            let bytes = sources.content.get(path)?;
            let &i = last.lib.by_source.get(path)?;
            let key = fingerprint::of((last.config_fp, bytes));
            if self.parsed.get(path).is_some_and(|(k, _)| *k == key) {
                continue;
            }
            let doc = parse_source(path, bytes, &settings).ok()?;
            if !options.publishes(&doc) || doc.shape() != last.lib.docs[i].shape() {
                return None;
            }
            self.parsed.insert(path.clone(), (key, Ok(doc.clone())));
            docs.push((i, doc));
        }
        // Two new titles can swap two members even when each stays clear of
        // the other's old title: compare with the old and the new versions.
        let peers = || last.lib.docs.iter().chain(docs.iter().map(|(_, d)| d));
        if !docs
            .iter()
            .all(|(i, doc)| doc.keeps_list_place(&last.lib.docs[*i], peers().map(|d| &**d)))
        {
            return None;
        }
        clock.lap("parse");
        let lib = Arc::new(last.lib.with_changes(
            &docs,
            &last.config,
            &mut self.markdown,
            &mut last.backlinks,
        )?);
        let theme_files = theme::layered_files(sources);
        for (i, _) in &docs {
            last.doc_warnings[*i] = checks::document_warnings(
                &last.config,
                &lib,
                *i,
                sources,
                &theme_files,
                options.today,
            );
        }
        clock.lap("check and render Markdown");
        let indices: Vec<DocId> = docs.iter().map(|(i, _)| *i).collect();
        let files = match render::render_site(
            &last.config,
            &lib,
            sources,
            options.today,
            &mut self.pages,
            Some(&indices),
        ) {
            Ok(files) => files,
            Err(e) => return Some(Err(diag::sorted(e))),
        };
        clock.lap("render pages");
        last.lib = lib;
        let built = self.finish(&last, files, clock, false);
        self.last = Some(last);
        Some(built)
    }

    /// Whether a build of a site with `config` has a search index (built
    /// here, or left to the caller).
    fn has_search(&self, config: &config::Config) -> bool {
        config.search && (self.defer_search || self.search.is_some())
    }

    /// Gathers the warnings and counts the pages; the search index, when
    /// built here, is added by [`Builder::build`] (a partial rebuild never
    /// needs it: without a deferred index it builds in full).
    fn finish(
        &mut self,
        last: &Last,
        output: render::Output,
        clock: Clock,
        planned_all: bool,
    ) -> Result<Built, Vec<Diagnostic>> {
        let search = self.has_search(&last.config);
        let (files, patch) = match output {
            render::Output::All(files) => (files, None),
            render::Output::Patch(patch) => (Files::new(), Some(patch)),
        };
        let mut warnings = last.site_warnings.clone();
        warnings.extend(checks::rules_versions(&last.lib, last.options.today));
        warnings.extend(last.doc_warnings.iter().flatten().cloned());
        let pages = match &patch {
            Some(patch) => patch.iter().filter(|(p, _)| p.ends_with(".html")).count(),
            None => files.keys().filter(|p| p.ends_with(".html")).count(),
        };
        Ok(Built {
            files,
            patch,
            warnings: diag::sorted(warnings),
            pages,
            timings: clock.laps,
            planned_all,
            search,
            images_encoded: 0,
            schedule: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestSite;

    #[test]
    fn a_text_edit_plans_only_its_pages_and_equals_a_clean_build() {
        let mut site = TestSite::new()
            .file(
                "content/news/2025-01-01-a.md",
                "---\ntitle: A\norganizations: [alpha]\n---\nOld text.\n",
            )
            .file(
                "content/news/2025-01-02-b.md",
                "---\ntitle: B\n---\nOther.\n",
            )
            .file(
                "content/news/2025-01-03-c.md",
                "---\ntitle: C\n---\nThird.\n",
            );
        let mut builder = Builder::default();
        let first = builder.build(&site.sources, &TestSite::options()).unwrap();
        let path = "content/news/2025-01-01-a.md".to_string();
        site = site.file(
            &path,
            "---\ntitle: A\norganizations: [alpha]\n---\nNew text.\n",
        );
        let again = builder
            .rebuild(
                &site.sources,
                &TestSite::options(),
                std::slice::from_ref(&path),
            )
            .unwrap();
        assert!(!again.planned_all, "a text edit keeps the plan");
        let patch = again.patch.expect("a patch");
        let made: Vec<&str> = patch.iter().map(|(p, _)| &**p).collect();
        assert!(made.contains(&"news/a/index.html"), "{made:?}");
        // B shows A beside it (previous and next); C, two items away, is not made again.
        assert!(!made.contains(&"news/c/index.html"), "{made:?}");
        let mut files = first.files;
        files.extend(patch);
        assert_eq!(files, site.build().unwrap().files);

        // A new date moves the item in its lists: the whole site is planned.
        site = site.file(&path, "---\ntitle: A\ndate: 2025-02-01\n---\nNew text.\n");
        let moved = builder
            .rebuild(
                &site.sources,
                &TestSite::options(),
                std::slice::from_ref(&path),
            )
            .unwrap();
        assert!(moved.planned_all);
        assert_eq!(moved.files, site.build().unwrap().files);
    }

    #[test]
    fn an_anchor_gone_from_a_rules_version_breaks_links_to_its_folder() {
        let v1 = "content/rules/code/v1.md".to_string();
        let mut site = TestSite::new()
            .file(&v1, "---\ntitle: Code\nversion: \"1.0\"\nstatus: adopted\nadopted: 2025-01-01\n---\n## One\n\nText.\n\n## Two\n\nText.\n")
            .file(
                "content/rules/code/v2.md",
                "---\ntitle: Code\nversion: \"2.0\"\nstatus: adopted\nadopted: 2025-06-01\n---\n## Only\n\nSee [the old one](@/rules/code/#article-2).\n",
            );
        let mut builder = Builder::default();
        builder.build(&site.sources, &TestSite::options()).unwrap();
        site = site.file(&v1, "---\ntitle: Code\nversion: \"1.0\"\nstatus: adopted\nadopted: 2025-01-01\n---\nText.\n");
        let clean = site.build().err().expect("the anchor is gone");
        let again = builder
            .rebuild(
                &site.sources,
                &TestSite::options(),
                std::slice::from_ref(&v1),
            )
            .err()
            .expect("the rebuild sees it too");
        assert_eq!(again, clean);
    }

    #[test]
    fn every_error_comes_at_once_and_nothing_is_built() {
        let errors = TestSite::new()
            .file(
                "content/news/2025-01-01-a.md",
                "---\ntitle: A\norganizations: [nobody]\n---\nText.\n",
            )
            .file(
                "content/news/2025-01-02-b.md",
                "---\ntitel: B\n---\nText.\n",
            )
            .build()
            .err()
            .expect("errors");
        let codes: Vec<&str> = errors.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["unknown-reference", "unknown-field"], "{errors:#?}");
    }
}
