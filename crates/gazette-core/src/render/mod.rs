//! Every output file of a site, rendered in memory: the [`crate::plan`]'s jobs
//! made into bytes through the theme, plus redirects, static files, the
//! sitemap and robots.txt.
//!
//! A job whose inputs (its documents, its own key, the site-wide inputs, what
//! its template functions read last time) are unchanged since the build that
//! filled the [`PageCache`] reuses that build's bytes. A clean build is a build
//! with an empty cache, so watch and build share one code path.

mod full;
mod make;
mod partial;
mod redirects;

pub(crate) use full::alias_file;
use full::render_all;
use partial::render_changes;

use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::fingerprint::Fingerprint;
use crate::plan::{Plan, Planner};
use crate::site::{DocId, Site};
use crate::source::Sources;
use crate::theme::{self, Read, TemplateData};
use crate::view::Views;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

pub use crate::files::{Bytes, Files, Patch};

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
    /// The theme being parsed on a thread of its own (see [`PageCache::preload_theme`]).
    preloading: Option<std::thread::JoinHandle<(u64, ParsedTheme)>>,
}

pub(crate) struct Cached {
    fingerprint: u64,
    reads: Vec<(Read, u64)>,
    bytes: Bytes,
}

/// The theme, loaded and checked against the documents' `template:` names.
pub(crate) struct Theme {
    files: BTreeMap<String, crate::source::ThemeFile>,
    tera: tera::Tera,
    data: Arc<TemplateData>,
    /// Of the theme files and the main language, to keep the parsed templates.
    key: u64,
    strings: theme::Strings,
    /// The sizes written into pages' `<img>` tags.
    images: crate::media::ImageSizes,
}

/// The theme's templates, parsed, and its strings, kept while its files stay the same.
pub(crate) type LoadedTheme = (u64, tera::Tera, theme::Strings);

/// A theme's strings and templates as parsed, or what is wrong with them.
type ParsedTheme = (
    Result<theme::Strings, Vec<Diagnostic>>,
    Result<tera::Tera, Vec<Diagnostic>>,
);

/// The key a parsed theme is kept by: its files and the site's main language.
fn theme_key(files: &BTreeMap<String, crate::source::ThemeFile>, language: &str) -> u64 {
    let mut key = Fingerprint::new().with(language);
    for (path, file) in files {
        key.push((path, &file.bytes));
    }
    key.finish()
}

fn parse_theme(files: &BTreeMap<String, crate::source::ThemeFile>, language: &str) -> ParsedTheme {
    (
        theme::load_strings(files, language),
        theme::load_templates(files),
    )
}

impl PageCache {
    /// Starts parsing the theme on a thread of its own, unless the kept one
    /// is current: it needs nothing of the content, so it runs while the
    /// sources are parsed and their Markdown rendered (whose parallel loops
    /// leave a core partly idle), rather than before the pages on one core.
    pub(crate) fn preload_theme(&mut self, sources: &Sources, language: &str) {
        let files = theme::layered_files(sources);
        let key = theme_key(&files, language);
        if self.theme.as_ref().is_some_and(|(k, ..)| *k == key) {
            return;
        }
        let language = language.to_string();
        self.preloading = Some(std::thread::spawn(move || {
            (key, parse_theme(&files, &language))
        }));
    }
}

pub(crate) fn load_theme(
    config: &Arc<Config>,
    lib: &Arc<Site>,
    sources: &Sources,
    today: NaiveDate,
    cache: &mut PageCache,
) -> Result<Theme, Vec<Diagnostic>> {
    let files = theme::layered_files(sources);
    let key = theme_key(&files, &config.language);
    let preloaded = cache
        .preloading
        .take()
        .and_then(|thread| thread.join().ok())
        .filter(|(k, _)| *k == key);
    let (mut tera, strings) = match (cache.theme.take(), preloaded) {
        (Some((k, tera, strings)), _) if k == key => (tera, strings),
        (_, parsed) => {
            match parsed.map_or_else(|| parse_theme(&files, &config.language), |(_, p)| p) {
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
                        Code::Template,
                        &doc.source,
                        format!("no template named `{name}`"),
                    )
                    .at_pos(doc.locate(&["template"], Some(name)))
                    .help(format!(
                        "put `{name}` in `templates/`, or use one of the theme's: {}",
                        theme::template_names().collect::<Vec<_>>().join(", ")
                    )),
                );
            }
        }
    }
    if !errors.is_empty() {
        cache.theme = Some((key, tera, strings));
        return Err(errors);
    }
    let views = Arc::new(Views::new(config.clone(), lib.clone(), today));
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
        images: crate::media::ImageSizes::of(config, &lib.media),
    })
}

/// Renders the site. Outputs whose inputs did not change since the build that
/// filled `cache` are taken from it. `changed` names documents that changed
/// without changing shape since that build (config, theme and the set of
/// sources unchanged); with it only their pages are planned again. Without it,
/// or without a plan, the whole site is planned.
pub fn render_site(
    config: &Arc<Config>,
    lib: &Arc<Site>,
    sources: &Sources,
    today: NaiveDate,
    cache: &mut PageCache,
    changed: Option<&[DocId]>,
) -> Result<Output, Vec<Diagnostic>> {
    let theme = load_theme(config, lib, sources, today, cache)?;
    let renderer = Planner {
        config,
        lib,
        views: &theme.data.views,
        today,
        sites: Planner::sites(config, lib, today),
        site_image: crate::view::share::site_image(lib, config),
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
            views: Arc::new(Views::new(config.clone(), lib.clone(), today)),
            strings: strings.clone(),
        }),
    );
    std::thread::spawn(move || drop(data));
    cache.theme = Some((key, tera, strings));
    files
}
