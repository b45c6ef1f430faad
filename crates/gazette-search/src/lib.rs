//! The search index: Pagefind, run in process over the built pages that mark
//! their content `data-pagefind-body` (documents; never lists, and never drafts).
//! Pagefind splits the index by each page's `<html lang>` and, with its
//! `extended` feature, segments Chinese words, so 党建 finds 党建工作. The
//! browser downloads only the index chunks a query needs.

mod bounded;
mod mixed_script;
pub mod staging;

use gazette_core::diag::{Code, Diagnostic};
use gazette_core::files::{Bytes, Files, Patch};
use gazette_core::fingerprint::Fingerprint;
use gazette_core::search::{is_indexed, SearchIndexer, BUNDLE};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Pagefind as the core's search index; keeps the last index while the
/// pages it was built from stay the same, and Pagefind's own state between
/// builds (`watch`, `serve`), so that an edit re-reads only the pages whose
/// indexed region changed.
#[derive(Default)]
pub struct Pagefind {
    built: Option<(u64, Patch)>,
    live: Option<Live>,
    previous: Option<Previous>,
}

/// The bundle a previous build wrote, read only if its pages' key matches.
struct Previous {
    key: u64,
    hash: u64,
    load: Box<dyn FnOnce() -> Patch + Send>,
}

/// The bundle's record of what it was built from: the key of the indexed
/// pages and a hash of the bundle's other files, so that a later `gazette
/// build` over the same output can take the bundle as it is when no indexed
/// page changed (and the files are whole).
pub const RECORD: &str = "pagefind/gazette-index.txt";

/// What decides the bundle's bytes besides the pages: Pagefind's version, how
/// pages are given to it and the compressor (with [`MAX_FRAGMENTS`] and
/// [`COMPRESSION_LEVEL`]).
const METHOD: &str = "pagefind 1.6.0, main regions staged in path order, bounded, zlib-rs, v4";

/// Fragment files per language at most: past this, Pagefind bundles a few
/// pages' fragments into each file (one result fetches its group, a few KB
/// more), so a 10,000-page language writes about 1,000 files, not 10,000.
const MAX_FRAGMENTS: u32 = 1000;

/// The bundle's gzip level, against Pagefind's 9. Level 6 made the bundle
/// 0.3 % larger and compressed it in half the time; 5 adds 0.25 % more and
/// takes a further 5 % off a 1,000-source build (3,000 sources: 6.82 MB
/// against 6.80 MB at 6; 4 would be 6.87 MB for little more speed).
const COMPRESSION_LEVEL: u32 = 5;

impl Pagefind {
    /// A cache that may take the bundle a previous build wrote: `record` is
    /// that bundle's [`RECORD`], and `load` reads the whole bundle (every file
    /// under `pagefind/`), which happens only when no indexed page changed.
    /// The bundle is taken only if its files match the record.
    pub fn resume(record: &[u8], load: impl FnOnce() -> Patch + Send + 'static) -> Pagefind {
        let parsed = std::str::from_utf8(record).ok().and_then(|text| {
            let (key, hash) = text.split_once(' ')?;
            Some((
                u64::from_str_radix(key.trim(), 16).ok()?,
                u64::from_str_radix(hash.trim(), 16).ok()?,
            ))
        });
        Pagefind {
            previous: parsed.map(|(key, hash)| Previous {
                key,
                hash,
                load: Box::new(load),
            }),
            ..Pagefind::default()
        }
    }
}

/// A hash of the bundle's files but the record, in path order.
fn bundle_hash(bundle: &Patch) -> u64 {
    let mut files: Vec<&(Arc<str>, Bytes)> =
        bundle.iter().filter(|(p, _)| &**p != RECORD).collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut f = Fingerprint::new();
    for (path, bytes) in files {
        f.push((path, &bytes[..]));
    }
    f.finish()
}

/// Pagefind's state after a build: every page it read, and a fingerprint of
/// each page's indexed region.
struct Live {
    runtime: tokio::runtime::Runtime,
    index: PagefindIndex,
    regions: BTreeMap<Arc<str>, u64>,
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

/// What the index needs of a built site: each indexed page's region (see
/// [`indexed_region`]) and its fingerprint, and the key of the bundle they
/// make. Taken first, so that the pages' bytes can go while Pagefind runs.
pub struct Regions {
    key: u64,
    pages: Vec<(Arc<str>, String, u64)>,
}

impl Regions {
    pub fn of(files: &Files) -> Regions {
        use rayon::prelude::*;
        let pages: Vec<(Arc<str>, String, u64)> = indexed_pages(files)
            .par_iter()
            .map(|(path, bytes)| {
                let region = indexed_region(bytes);
                let fingerprint = gazette_core::fingerprint::of(&region);
                (Arc::clone(path), region, fingerprint)
            })
            .collect();
        let mut f = Fingerprint::new().with((METHOD, MAX_FRAGMENTS, COMPRESSION_LEVEL));
        for (path, _, fingerprint) in &pages {
            f.push((path, fingerprint));
        }
        Regions {
            key: f.finish(),
            pages,
        }
    }
}

/// The files of the search bundle for `files` (see [`Pagefind::index_regions`]).
pub fn index(files: &Files, cache: &mut Pagefind) -> Result<Patch, Diagnostic> {
    cache.index_regions(Regions::of(files))
}

impl Pagefind {
    /// The files of the search bundle for the pages of `regions`, from the
    /// cache when no indexed page changed. When the same pages are indexed as
    /// last time and only some changed, Pagefind re-reads those alone (a page
    /// replaces its earlier self in place, so the bundle is the one a clean
    /// build makes); pages added or removed mean a whole new index (Pagefind
    /// cannot forget a page, and a page's place in its list decides the
    /// bundle's bytes).
    pub fn index_regions(&mut self, regions: Regions) -> Result<Patch, Diagnostic> {
        let Regions {
            key,
            pages: regions,
        } = regions;
        if let Some((k, built)) = &self.built {
            if *k == key {
                return Ok(built.clone());
            }
        }
        if let Some(previous) = self.previous.take().filter(|p| p.key == key) {
            let bundle = (previous.load)();
            if bundle.iter().any(|(p, _)| &**p == RECORD) && bundle_hash(&bundle) == previous.hash {
                self.built = Some((key, bundle.clone()));
                return Ok(bundle);
            }
        }
        let same_pages = self.live.as_ref().is_some_and(|live| {
            live.regions.len() == regions.len()
                && regions
                    .iter()
                    .all(|(path, _, _)| live.regions.contains_key(path))
        });
        let mut built = match (same_pages, self.live.as_mut()) {
            (true, Some(live)) => update(live, regions)?,
            _ => {
                self.live = None;
                let (live, built) = build(regions)?;
                self.live = Some(live);
                built
            }
        };
        let record = format!("{key:016x} {:016x}\n", bundle_hash(&built));
        built.push((Arc::from(RECORD), Bytes::from(record.into_bytes())));
        built.sort_by(|a, b| a.0.cmp(&b.0));
        self.built = Some((key, built.clone()));
        Ok(built)
    }
}

/// Re-reads the pages whose region changed and builds the bundle again.
fn update(live: &mut Live, regions: Vec<(Arc<str>, String, u64)>) -> Result<Patch, Diagnostic> {
    let changed: Vec<(Arc<str>, String, u64)> = regions
        .into_iter()
        .filter(|(path, _, fingerprint)| live.regions.get(path) != Some(fingerprint))
        .collect();
    let Live {
        runtime,
        index,
        regions,
    } = live;
    runtime.block_on(async {
        for (path, region, fingerprint) in changed {
            index
                .add_html_file(Some(path.to_string()), None, region)
                .await
                .map_err(failed)?;
            regions.insert(path, fingerprint);
        }
        bundle(index).await
    })
}

/// The part of a page Pagefind reads: its `<html lang>` and its `<main>`
/// region (which holds `data-pagefind-body`, the filter, the title's `<h1>`
/// and every heading's id), without the chrome around it. Chinese runs inside
/// other languages are split into words here (see `mixed_script`), and the
/// region is kept within the bounds Pagefind stays linear in (see `bounded`).
fn indexed_region(page: &[u8]) -> String {
    // Pages are gazette's own UTF-8: checked at once rather than decoded by
    // chunks as `from_utf8_lossy` does.
    let page = std::str::from_utf8(page)
        .map(std::borrow::Cow::Borrowed)
        .unwrap_or_else(|_| String::from_utf8_lossy(page));
    let html_tag = page
        .find("<html")
        .and_then(|at| Some(&page[at..at + page[at..].find('>')? + 1]))
        .unwrap_or("<html>");
    let main = match (page.find("<main"), page.rfind("</main>")) {
        (Some(start), Some(end)) if start < end => &page[start..end + "</main>".len()],
        _ => &page[..],
    };
    let region = bounded::bounded(&format!(
        "<!DOCTYPE html>{html_tag}<body>{main}</body></html>"
    ));
    mixed_script::segment_cjk_runs(&region).into_owned()
}

/// Writes each page's indexed region under a temporary folder and has
/// Pagefind read the folder: `add_directory` is the only route of
/// Pagefind's API that parses pages in parallel (`add_html_file` and
/// `add_custom_record` take one lock per page). URLs come from the paths, as
/// they would from the output folder.
fn build(regions: Vec<(Arc<str>, String, u64)>) -> Result<(Live, Patch), Diagnostic> {
    let stage = staging::Stage::new().map_err(failed)?;
    // One by one, in path order: Pagefind lists a folder's pages in the order
    // the file system returns them, which on tmpfs follows the order they
    // were made, and the order of pages decides the bundle's bytes.
    regions
        .iter()
        .try_for_each(|(path, region, _)| {
            let file = stage.path().join(path.as_ref());
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(file, region)
        })
        .map_err(failed)?;
    // Pagefind reads the staged copies: the regions' text is not kept meanwhile.
    let regions: BTreeMap<Arc<str>, u64> =
        regions.into_iter().map(|(path, _, f)| (path, f)).collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(failed)?;
    let config = PagefindServiceConfig::builder()
        .write_playground(false)
        .max_fragments(MAX_FRAGMENTS)
        .compression_level(COMPRESSION_LEVEL)
        .build();
    let mut index = PagefindIndex::new(Some(config)).map_err(failed)?;
    let built = std::thread::scope(|scope| {
        runtime.block_on(async {
            index
                .add_directory(
                    stage.path().to_string_lossy().into_owned(),
                    Some("**/*.html".into()),
                )
                .await
                .map_err(failed)?;
            // Pagefind has read every staged page: the folder goes while the
            // bundle is made, on a core that stage leaves partly idle.
            let removed = scope.spawn(move || drop(stage));
            let built = bundle(&mut index).await;
            removed
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            built
        })
    })?;
    let live = Live {
        runtime,
        index,
        regions,
    };
    Ok((live, built))
}

/// The bundle's files from Pagefind's current state, sorted by path.
async fn bundle(index: &mut PagefindIndex) -> Result<Patch, Diagnostic> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(text: &str) -> Files {
        let page = |lang: &str, body: &str| {
            Bytes::from(format!("<!DOCTYPE html><html lang=\"{lang}\"><head><title>x</title></head><body><nav>Menu</nav><main data-pagefind-body><h1>Title</h1><p>{body}</p></main></body></html>").into_bytes())
        };
        [
            (Arc::from("news/a/index.html"), page("en", text)),
            (
                Arc::from("news/b/index.html"),
                page("en", "Joint meetings every quarter."),
            ),
            (
                Arc::from("zh/news/a/index.html"),
                page("zh", "联席会议每季度召开一次。"),
            ),
            (
                Arc::from("news/index.html"),
                Bytes::from(&b"<html lang=\"en\"><main>List</main></html>"[..]),
            ),
        ]
        .into_iter()
        .collect()
    }

    /// Past [`MAX_FRAGMENTS`] pages in a language, fragments share files.
    #[test]
    fn a_large_language_writes_at_most_max_fragments_fragment_files() {
        let pages = MAX_FRAGMENTS as usize + 200;
        let files: Files = (0..pages)
            .map(|i| {
                let html = format!("<!DOCTYPE html><html lang=\"en\"><body><main data-pagefind-body><h1>Page {i}</h1><p>Word{i} text.</p></main></body></html>");
                (Arc::from(format!("news/p{i}/index.html")), Bytes::from(html.into_bytes()))
            })
            .collect();
        let bundle = index(&files, &mut Pagefind::default()).unwrap();
        let fragments = bundle
            .iter()
            .filter(|(p, _)| p.starts_with("pagefind/fragment/"))
            .count();
        assert!(
            fragments > 0 && fragments <= MAX_FRAGMENTS as usize,
            "{fragments} fragment files for {pages} pages"
        );
    }

    /// Every gzipped file of the bundle (meta, word indexes, fragments)
    /// comes at [`COMPRESSION_LEVEL`], not Pagefind's 9: gzip's header
    /// records the extremes (byte 8: 2 for level 9, 4 for level 1, else 0).
    #[test]
    fn the_bundle_is_gzipped_at_the_chosen_level() {
        let bundle = index(&site("The leading unit rotates."), &mut Pagefind::default()).unwrap();
        let gzipped: Vec<&(Arc<str>, Bytes)> = bundle
            .iter()
            .filter(|(p, _)| {
                [".pf_meta", ".pf_index", ".pf_fragment"]
                    .iter()
                    .any(|e| p.ends_with(e))
            })
            .collect();
        assert!(gzipped.len() >= 3, "{gzipped:?}");
        for (path, bytes) in gzipped {
            assert_eq!(bytes[..3], [0x1f, 0x8b, 8], "{path} is not gzip");
            assert_eq!(bytes[8], 0, "{path}: gzip's extra flags say level 1 or 9");
        }
    }

    #[test]
    fn a_resumed_bundle_is_taken_as_it_is_and_a_damaged_one_is_not() {
        let files = site("The leading unit rotates.");
        let mut fresh = Pagefind::default();
        let bundle = index(&files, &mut fresh).unwrap();
        assert!(bundle.iter().any(|(p, _)| &**p == RECORD));
        assert!(bundle
            .iter()
            .any(|(p, _)| p.starts_with("pagefind/fragment/")));

        // The same pages: the bundle comes back without Pagefind running.
        let record = bundle
            .iter()
            .find(|(p, _)| &**p == RECORD)
            .unwrap()
            .1
            .clone();
        let whole = bundle.clone();
        let mut resumed = Pagefind::resume(&record, move || whole);
        assert_eq!(index(&files, &mut resumed).unwrap(), bundle);
        assert!(resumed.live.is_none(), "no index was built");

        // A damaged file: the record no longer matches, so it is built again.
        let mut damaged = bundle.clone();
        let at = damaged
            .iter()
            .position(|(p, _)| p.starts_with("pagefind/fragment/"))
            .unwrap();
        damaged[at].1 = Bytes::from(&b"damaged"[..]);
        let mut resumed = Pagefind::resume(&record, move || damaged);
        assert_eq!(index(&files, &mut resumed).unwrap(), bundle);
        assert!(resumed.live.is_some());

        // A changed page: a new index; the same pages again: Pagefind re-reads
        // only the changed one, and the bundle is the one a clean build makes.
        let changed = site("The leading unit is chosen by rotation.");
        let updated = index(&changed, &mut fresh).unwrap();
        assert_ne!(updated, bundle);
        assert_eq!(updated, index(&changed, &mut Pagefind::default()).unwrap());
    }
}
