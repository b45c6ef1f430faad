//! The search index: Pagefind, run in process over the built pages that mark
//! their content `data-pagefind-body` (documents; never lists, and never drafts).
//! Pagefind splits the index by each page's `<html lang>` and, with its
//! `extended` feature, segments Chinese words, so 党建 finds 党建工作. The
//! browser downloads only the index chunks a query needs.

mod mixed_script;

use gazette_core::diag::{Code, Diagnostic};
use gazette_core::files::{Bytes, Files, Patch};
use gazette_core::fingerprint::Fingerprint;
use gazette_core::search::{is_indexed, SearchIndexer, BUNDLE};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::sync::Arc;

/// Pagefind as the core's search index; keeps the last index while the
/// pages it was built from stay the same.
#[derive(Default)]
pub struct Pagefind {
    built: Option<(u64, Patch)>,
}

impl SearchIndexer for Pagefind {
    fn index(&mut self, files: &Files) -> Result<Patch, Diagnostic> {
        index(files, self)
    }
}

fn indexed_pages(files: &Files) -> Vec<(&Arc<str>, &Bytes)> {
    files
        .iter()
        .filter(|(path, bytes)| is_indexed(path, bytes))
        .collect()
}

/// The diagnostic of a failed index.
pub fn failed(message: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(
        Code::Search,
        BUNDLE,
        format!("building the search index failed: {message}"),
    )
    .help("set `search: false` in site.yaml to build without search, and report this")
}

/// The files of the search bundle for `files`, from the cache when no indexed
/// page changed.
pub fn index(files: &Files, cache: &mut Pagefind) -> Result<Patch, Diagnostic> {
    let pages = indexed_pages(files);
    let mut f = Fingerprint::new();
    for (path, bytes) in &pages {
        f.push((path, &bytes[..]));
    }
    let key = f.finish();
    if let Some((k, built)) = &cache.built {
        if *k == key {
            return Ok(built.clone());
        }
    }
    let built = build(&pages)?;
    cache.built = Some((key, built.clone()));
    Ok(built)
}

/// The part of a page Pagefind reads: its `<html lang>` and its `<main>`
/// region (which holds `data-pagefind-body`, the filter, the title's `<h1>`
/// and every heading's id), without the chrome around it. Chinese runs inside
/// other languages are split into words here (see `mixed_script`).
fn indexed_region(page: &[u8]) -> String {
    let page = String::from_utf8_lossy(page);
    let html_tag = page
        .find("<html")
        .and_then(|at| Some(&page[at..at + page[at..].find('>')? + 1]))
        .unwrap_or("<html>");
    let main = match (page.find("<main"), page.rfind("</main>")) {
        (Some(start), Some(end)) if start < end => &page[start..end + "</main>".len()],
        _ => &page[..],
    };
    let region = format!("<!DOCTYPE html>{html_tag}<body>{main}</body></html>");
    mixed_script::segment_cjk_runs(&region).into_owned()
}

/// Writes each page's indexed region under a temporary folder, in parallel,
/// and has Pagefind read the folder: `add_directory` is the only route of
/// Pagefind's API that parses pages in parallel (`add_html_file` and
/// `add_custom_record` take one lock per page). URLs come from the paths, as
/// they would from the output folder.
fn build(pages: &[(&Arc<str>, &Bytes)]) -> Result<Patch, Diagnostic> {
    use rayon::prelude::*;
    // In memory where the system offers a tmpfs: the copies are read once.
    let shm = std::path::Path::new("/dev/shm");
    let mut builder = tempfile::Builder::new();
    builder.prefix("gazette-search-");
    let stage = if shm.is_dir() {
        builder.tempdir_in(shm).or_else(|_| builder.tempdir())
    } else {
        builder.tempdir()
    }
    .map_err(failed)?;
    pages
        .par_iter()
        .try_for_each(|(path, bytes)| {
            let file = stage.path().join(path.as_ref());
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(file, indexed_region(bytes))
        })
        .map_err(failed)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(failed)?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .write_playground(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(failed)?;
        index
            .add_directory(stage.path().to_string_lossy().into_owned(), Some("**/*.html".into()))
            .await
            .map_err(failed)?;
        let mut out: Patch = index
            .get_files()
            .await
            .map_err(failed)?
            .into_iter()
            .map(|file| {
                let name = file.filename.to_string_lossy().replace('\\', "/");
                let name = name.trim_start_matches('/').to_string();
                (
                    Arc::from(format!("{BUNDLE}{name}")),
                    Bytes::from(file.contents),
                )
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    })
}
