//! A full render: plan every part of the site, make every job, add the
//! redirects, static files, sitemap and robots.txt, and keep the plan.

use super::make::make_all;
use super::redirects::{redirect_files, Move};
use super::{PageCache, Theme};
use crate::config::Config;
use crate::content::Document;
use crate::diag::{Code, Diagnostic};
use crate::feed;
use crate::fingerprint;
use crate::plan::{
    own_fingerprint, reference_fingerprint, referenced, site_fingerprint, view_fingerprint,
    LangIndex, Plan, Planned, Planner,
};
use crate::site::{alias_path, DocId, PerDoc, Site};
use crate::source::Sources;
use crate::view;
use std::collections::HashMap;

use crate::files::{Bytes, Files};

/// Plans and renders every output of the site, and keeps the plan.
pub(crate) fn render_all(
    renderer: &Planner,
    theme: &Theme,
    sources: &Sources,
    cache: &mut PageCache,
) -> Result<Files, Vec<Diagnostic>> {
    let (config, lib) = (renderer.config, renderer.lib);
    let site_fp = fingerprint::of((
        site_fingerprint(config, &theme.files, renderer.today),
        renderer.chrome_key(),
        theme.images.key(),
    ));
    let own: PerDoc<u64> = lib.docs.ids().map(|i| own_fingerprint(lib, i)).collect();
    let refs: PerDoc<u64> = lib
        .docs
        .ids()
        .map(|i| reference_fingerprint(lib, i))
        .collect();
    let view_fps: PerDoc<u64> = lib
        .docs
        .par_map(|i, _| view_fingerprint(lib, &own, &refs, i));
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
    let mut by_doc: PerDoc<Vec<u32>> = lib.docs.map(|_| Vec::new());
    for (id, job) in jobs.iter().enumerate() {
        for &d in &job.deps {
            if by_doc[d].last() != Some(&(id as u32)) {
                by_doc[d].push(id as u32);
            }
        }
    }
    let mut referrers: PerDoc<Vec<DocId>> = lib.docs.map(|_| Vec::new());
    for i in lib.docs.ids() {
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
    let collisions = alias_collisions(lib, &files);
    if !collisions.is_empty() {
        return Err(collisions);
    }
    for doc in &lib.docs {
        files.extend(
            alias_pages(config, doc)
                .into_iter()
                .map(|(p, b)| (p.into(), b)),
        );
    }
    let moves: Vec<Move> = lib
        .docs
        .iter()
        .flat_map(|doc| {
            doc.common.aliases.iter().map(move |alias| Move {
                from: view::url_path(config, &alias_path(alias)),
                to: view::url_path(config, &doc.url_path),
            })
        })
        .collect();
    for (name, text) in redirect_files(&moves) {
        files.insert(name.into(), text.into_bytes().into());
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

/// Files gazette writes beside the pages, whatever the site holds.
const OWN_FILES: &[&str] = &[
    "sitemap.xml",
    "robots.txt",
    "_redirects",
    ".htaccess",
    "redirects.nginx.conf",
    ".gazette-output",
];

/// The file an alias's redirect page is written to.
pub(crate) fn alias_file(alias: &str) -> String {
    let path = alias_path(alias);
    if path.ends_with(".html") {
        path
    } else {
        format!("{path}index.html")
    }
}

/// Aliases whose redirect page would replace a page or a file gazette
/// writes (`/index.html`, `/atom.xml`, `/news/`, `/_redirects` …), each an
/// error at its line, found before anything is written.
fn alias_collisions(lib: &Site, pages: &Files) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for doc in &lib.docs {
        for alias in &doc.common.aliases {
            let file = alias_file(alias);
            // The redirect page's path, and each folder on the way to it,
            // which must not be a file either (`/atom.xml/` needs a folder
            // where the feed is).
            let mut paths = vec![file.as_str()];
            paths.extend(file.match_indices('/').map(|(at, _)| &file[..at]));
            let own = file.starts_with(crate::search::BUNDLE)
                || paths.iter().any(|p| OWN_FILES.contains(p));
            if own || paths.iter().any(|p| pages.contains_key(*p)) {
                let what = if own {
                    "a file gazette writes itself"
                } else {
                    "a page of the site"
                };
                errors.push(
                    Diagnostic::error(
                        Code::Alias,
                        &doc.source,
                        format!(
                            "the alias `{alias}` would replace `/{}`, {what}",
                            paths
                                .iter()
                                .find(|p| pages.contains_key(**p) || OWN_FILES.contains(p))
                                .unwrap_or(&file.as_str())
                        ),
                    )
                    .at_pos(doc.locate(&["aliases"], Some(alias)))
                    .help(
                        "an alias must be an old URL that nothing on the site uses now: remove it",
                    ),
                );
            }
        }
    }
    errors
}

/// A redirect page at each of a document's old URLs.
pub(crate) fn alias_pages(config: &Config, doc: &Document) -> Vec<(String, Bytes)> {
    doc.common
        .aliases
        .iter()
        .map(|alias| {
            let target = view::url_path(config, &doc.url_path);
            let file = alias_file(alias);
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
pub(crate) fn sitemap(
    config: &Config,
    lib: &Site,
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

#[cfg(test)]
mod tests {
    use crate::testing::TestSite;

    #[test]
    fn aliases_redirect_and_static_files_win() {
        let mut site = TestSite::new().file(
            "content/news/2025-01-01-a.md",
            "---\ntitle: A & B\naliases: [/old/a/]\n---\nText.\n",
        );
        let redirect = site.page("old/a/index.html");
        assert!(
            redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/alliance/news/a/\">"),
            "{redirect}"
        );
        assert!(redirect.contains("<title>A &amp; B</title>"), "{redirect}");
        assert!(site
            .page("_redirects")
            .contains("/alliance/old/a/ /alliance/news/a/ 301"));
        site.sources
            .static_files
            .insert("news/a/index.html".into(), b"mine".to_vec());
        assert_eq!(site.page("news/a/index.html"), "mine");
        assert!(site
            .page("robots.txt")
            .contains("Sitemap: https://example.org/alliance/sitemap.xml"));
    }
}
