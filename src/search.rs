//! The search index: Pagefind, run in process over the built pages that mark
//! their content `data-pagefind-body` (documents; never lists, and never drafts).
//! Pagefind splits the index by each page's `<html lang>` and, with its
//! `extended` feature, segments Chinese words, so 党建 finds 党建工作. The
//! browser downloads only the index chunks a query needs.

use crate::error::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::render::{Bytes, Files, Patch};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::sync::Arc;

/// Where the index and Pagefind's scripts go in the output.
pub const BUNDLE: &str = "pagefind/";

/// The marker a page carries when it should be found.
const INDEXED: &[u8] = b"data-pagefind-body";

/// The last index, kept while the pages it was built from stay the same.
#[derive(Default)]
pub struct SearchCache {
    built: Option<(u64, Patch)>,
}

fn indexed_pages(files: &Files) -> Vec<(&Arc<str>, &Bytes)> {
    files
        .iter()
        .filter(|(path, bytes)| {
            path.ends_with(".html") && bytes.windows(INDEXED.len()).any(|w| w == INDEXED)
        })
        .collect()
}

pub(crate) fn failed(message: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(
        "search",
        BUNDLE,
        format!("building the search index failed: {message}"),
    )
    .help("set `search: false` in site.yaml to build without search, and report this")
}

/// The files of the search bundle for `files`, from the cache when no indexed
/// page changed.
pub fn index(files: &Files, cache: &mut SearchCache) -> Result<Patch, Diagnostic> {
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

fn build(pages: &[(&Arc<str>, &Bytes)]) -> Result<Patch, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(failed)?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .write_playground(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(failed)?;
        for (path, bytes) in pages {
            let html = String::from_utf8_lossy(bytes).into_owned();
            index
                .add_html_file(Some(path.to_string()), None, html)
                .await
                .map_err(failed)?;
        }
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
