//! Rebuilding while an editor types: a [`Session`] keeps the sources in memory,
//! applies the paths a file watcher reports, and rebuilds through the same
//! [`Builder`] a clean build uses, so every rebuild equals a clean build.

use crate::io::read as fs;
use crate::io::write as output;
use crate::io::{io_error, Error};
use gazette_core::diag::Diagnostic;
use gazette_core::files::{Files, Patch};
use gazette_core::search::BUNDLE;
use gazette_core::source::{is_editor_temp, Sources};
use gazette_core::{BuildOptions, Builder};
use gazette_search::Pagefind as SearchCache;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The source folders a site reads (besides `site.yaml`).
pub const SOURCE_DIRS: [&str; 4] = ["content", "templates", "static", "themes"];

/// What one rebuild did, for the one-line report.
#[derive(Debug, Clone)]
pub struct Rebuild {
    /// Source paths that changed (relative to the site root).
    pub changed: Vec<String>,
    /// Output paths whose bytes changed or that were removed.
    pub outputs_changed: Vec<String>,
    pub pages_changed: usize,
    pub took: Duration,
    /// Stage timings of the build (and of writing).
    pub timings: Vec<(&'static str, Duration)>,
    /// Whether the whole site was planned, or only the pages showing the change.
    pub planned_all: bool,
    /// `Err` holds the diagnostics; the last good output stays in place.
    pub result: Result<Vec<Diagnostic>, Vec<Diagnostic>>,
}

/// A site being watched: its sources in memory and its last good output.
pub struct Session {
    pub root: PathBuf,
    /// Where `watch` writes; `None` for `serve`, which serves from memory.
    pub output: Option<PathBuf>,
    /// The output folder to ignore while reading sources.
    skip: PathBuf,
    pub options: BuildOptions,
    builder: Builder,
    pub sources: Sources,
    /// The last good build.
    pub files: Option<Files>,
    search: Search,
}

/// The search index, built in the background: at 10,000 pages Pagefind takes
/// seconds, and an edit must show in milliseconds. Until a new index is
/// ready, the previous one stays in the output.
#[derive(Default)]
struct Search {
    /// Lent to the thread that builds the index.
    cache: Option<SearchCache>,
    running: Option<(Instant, Indexing)>,
    /// Pages changed since the running index (if any) started.
    stale: bool,
    /// The site has a search index at all.
    wanted: bool,
}

type Indexing = JoinHandle<(SearchCache, Result<Patch, Diagnostic>)>;

/// What a finished background index did.
pub struct SearchUpdate {
    pub outputs_changed: Vec<String>,
    pub took: Duration,
    pub result: Result<(), Diagnostic>,
}

/// A relative path under the site, `/`-separated, or `None` outside it.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = rel.iter().map(|c| c.to_str()).collect::<Option<_>>()?;
    Some(parts.join("/"))
}

/// Whether a changed path can matter to the build.
fn is_source(rel: &str) -> bool {
    if rel.split('/').any(is_editor_temp) {
        return false;
    }
    rel == gazette_core::config::CONFIG_FILE
        || SOURCE_DIRS
            .iter()
            .any(|d| rel == *d || rel.starts_with(&format!("{d}/")))
}

impl Session {
    /// Reads the site and builds it once. Fails only when the site cannot be read.
    pub fn open(
        root: &Path,
        output: Option<PathBuf>,
        options: BuildOptions,
    ) -> Result<(Session, Rebuild), Error> {
        let root = root.canonicalize().map_err(|e| io_error(root, e))?;
        let skip_root = root.clone();
        let skip = output.clone().unwrap_or_else(|| root.join("output"));
        let sources = fs::read_site(&root, &skip)?;
        let mut session = Session {
            root,
            output,
            skip,
            options,
            builder: crate::with_image_store(Builder::with_deferred_search(), &skip_root),
            sources,
            files: None,
            search: Search {
                cache: Some(SearchCache::default()),
                ..Search::default()
            },
        };
        let first = session.rebuild(vec![])?;
        Ok((session, first))
    }

    /// Takes in the paths a watcher reported, then rebuilds if any is a source.
    /// `Ok(None)`: nothing that matters changed.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Result<Option<Rebuild>, Error> {
        let skip = self
            .skip
            .canonicalize()
            .unwrap_or_else(|_| self.skip.clone());
        let mut changed: Vec<String> = paths
            .iter()
            .filter(|p| !p.starts_with(&skip) && !p.starts_with(&self.skip))
            .filter_map(|p| relative(&self.root, p))
            .filter(|rel| is_source(rel))
            .collect();
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            return Ok(None);
        }
        let only_content_files = changed.iter().all(|rel| {
            rel.starts_with("content/")
                && rel.ends_with(".md")
                && std::fs::symlink_metadata(self.root.join(rel))
                    .map(|m| !m.is_dir())
                    .unwrap_or(true)
        });
        if only_content_files {
            // The same rules as a full read: size limit, symlinks kept in the
            // site, and the problems a clean build would report.
            for rel in &changed {
                self.sources.problems.retain(|p| p.path != *rel);
                match fs::read_content_file(&self.root, rel)? {
                    Some(fs::FileRead::Bytes(bytes)) => {
                        self.sources.content.insert(rel.clone(), bytes);
                    }
                    Some(fs::FileRead::Refused(problem)) => {
                        self.sources.content.remove(rel);
                        self.sources.problems.push(problem);
                    }
                    Some(fs::FileRead::Skipped) | None => {
                        self.sources.content.remove(rel);
                    }
                }
            }
        } else {
            // Folders, templates, themes, static files, site.yaml: read it all again
            // (only parsing and rendering are incremental).
            self.sources = fs::read_site(&self.root, &self.skip)?;
        }
        self.rebuild(changed).map(Some)
    }

    /// Forgets every cache and reads the sources again (after an internal failure).
    pub fn reset(&mut self) {
        self.builder = crate::with_image_store(Builder::with_deferred_search(), &self.root);
        if let Ok(sources) = fs::read_site(&self.root, &self.skip) {
            self.sources = sources;
        }
    }

    /// Builds the current sources; on success writes (watch) or keeps (serve) them.
    pub fn rebuild(&mut self, changed: Vec<String>) -> Result<Rebuild, Error> {
        let started = Instant::now();
        let result = self.builder.rebuild(&self.sources, &self.options, &changed);
        let mut built = match result {
            Err(diagnostics) => {
                return Ok(Rebuild {
                    changed,
                    outputs_changed: vec![],
                    pages_changed: 0,
                    took: started.elapsed(),
                    timings: vec![],
                    planned_all: true,
                    result: Err(diagnostics),
                })
            }
            Ok(built) => built,
        };
        let mut timings = built.timings.clone();
        let write_started = Instant::now();
        self.search.wanted = built.search;
        let written = match (built.patch.take(), self.files.as_mut()) {
            (Some(patch), Some(files)) => write_patch(self.output.as_deref(), files, patch),
            (Some(_), None) => unreachable!("a patch follows a build"),
            (None, _) => self.write_all(&mut built.files),
        };
        let outputs_changed = match written {
            Ok(changed) => changed,
            Err(e) => {
                // The output and our copy of it may differ from what the
                // builder last made: build everything next time.
                self.builder = crate::with_image_store(Builder::with_deferred_search(), &self.root);
                return Err(e);
            }
        };
        timings.push(("compare and write", write_started.elapsed()));
        let pages_changed = outputs_changed
            .iter()
            .filter(|p| p.ends_with(".html"))
            .count();
        if built.search && (self.files.is_none() || pages_changed > 0) {
            self.search.stale = true;
        }
        if built.patch.is_none() && !built.files.is_empty() {
            self.files = Some(built.files);
        }
        Ok(Rebuild {
            changed,
            outputs_changed,
            pages_changed,
            took: started.elapsed(),
            timings,
            planned_all: built.planned_all,
            result: Ok(built.warnings),
        })
    }
}

impl Session {
    /// Writes a whole build (keeping the last search index until the next
    /// one is ready); returns the outputs that changed.
    fn write_all(&self, files: &mut Files) -> Result<Vec<String>, Error> {
        if self.search.wanted {
            if let Some(previous) = &self.files {
                let bundle = (
                    std::ops::Bound::Included(BUNDLE),
                    std::ops::Bound::Unbounded,
                );
                files.extend(
                    previous
                        .range::<str, _>(bundle)
                        .take_while(|(p, _)| p.starts_with(BUNDLE))
                        .map(|(p, b)| (p.clone(), b.clone())),
                );
            }
        }
        let changed = differences(self.files.as_ref(), files);
        if let Some(output) = &self.output {
            match &self.files {
                None => output::write_site(output, files)?,
                Some(previous) => output::write_changes(output, previous, files, &changed)?,
            };
        }
        Ok(changed)
    }

    /// Whether a search index is being built or waits to be.
    pub fn search_pending(&self) -> bool {
        self.search.running.is_some() || (self.search.stale && self.search.wanted)
    }

    /// Starts the search index when pages changed and none is being built;
    /// takes in a finished index (writing it for `watch`). With `wait`, blocks
    /// until the index matches the current pages. `Ok(None)`: nothing finished.
    pub fn poll_search(&mut self, wait: bool) -> Result<Option<SearchUpdate>, Error> {
        loop {
            if let Some((started, running)) = self.search.running.take() {
                if !wait && !running.is_finished() {
                    self.search.running = Some((started, running));
                    return Ok(None);
                }
                let (cache, result) = running.join().unwrap_or_else(|_| {
                    (
                        SearchCache::default(),
                        Err(gazette_search::failed("the indexer stopped")),
                    )
                });
                self.search.cache = Some(cache);
                if !self.search.wanted {
                    return Ok(None);
                }
                if self.search.stale {
                    // Pages changed while it ran: index them again.
                    self.start_search();
                    continue;
                }
                return self.take_search(result, started).map(Some);
            }
            if self.search.stale && self.search.wanted {
                self.start_search();
                if wait {
                    continue;
                }
            }
            return Ok(None);
        }
    }

    fn start_search(&mut self) {
        self.search.stale = false;
        let (Some(files), Some(mut cache)) = (self.files.clone(), self.search.cache.take()) else {
            return;
        };
        let thread = std::thread::spawn(move || {
            let result = gazette_search::index(&files, &mut cache);
            (cache, result)
        });
        self.search.running = Some((Instant::now(), thread));
    }

    fn take_search(
        &mut self,
        result: Result<Patch, Diagnostic>,
        started: Instant,
    ) -> Result<SearchUpdate, Error> {
        let Some(previous) = &self.files else {
            return Ok(SearchUpdate {
                outputs_changed: vec![],
                took: started.elapsed(),
                result: Ok(()),
            });
        };
        let bundle = match result {
            Ok(bundle) => bundle,
            Err(d) => {
                return Ok(SearchUpdate {
                    outputs_changed: vec![],
                    took: started.elapsed(),
                    result: Err(d),
                })
            }
        };
        let mut files: Files = previous
            .iter()
            .filter(|(p, _)| !p.starts_with(BUNDLE))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect();
        files.extend(bundle);
        let outputs_changed = differences(Some(previous), &files);
        if let Some(output) = &self.output {
            output::write_changes(output, previous, &files, &outputs_changed)?;
        }
        self.files = Some(files);
        Ok(SearchUpdate {
            outputs_changed,
            took: started.elapsed(),
            result: Ok(()),
        })
    }
}

/// Puts a patch over the last build's files and writes what changed; on
/// failure the files stay as they were.
fn write_patch(
    output: Option<&Path>,
    files: &mut Files,
    patch: Patch,
) -> Result<Vec<String>, Error> {
    let mut changed = Vec::new();
    let mut undo = Vec::new();
    for (path, bytes) in patch {
        let same = files
            .get(&path)
            .is_some_and(|old| Arc::ptr_eq(old, &bytes) || old[..] == bytes[..]);
        if !same {
            changed.push(path.to_string());
            undo.push((path.clone(), files.insert(path, bytes)));
        }
    }
    changed.sort();
    changed.dedup();
    if let Some(output) = output {
        // Nothing is removed, so the files serve as their own previous state.
        if let Err(e) = output::write_changes(output, files, files, &changed) {
            for (path, old) in undo.into_iter().rev() {
                match old {
                    Some(bytes) => files.insert(path, bytes),
                    None => files.remove(&path),
                };
            }
            return Err(e);
        }
    }
    Ok(changed)
}

/// Output paths that differ between two builds (added, changed or removed),
/// sorted: one walk over both sorted maps, no lookups.
fn differences(old: Option<&Files>, new: &Files) -> Vec<String> {
    use std::cmp::Ordering;
    let Some(old) = old else {
        return new.keys().map(|p| p.to_string()).collect();
    };
    let mut out = Vec::new();
    let (mut a, mut b) = (old.iter().peekable(), new.iter().peekable());
    loop {
        let order = match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((pa, _)), Some((pb, _))) => pa.cmp(pb),
        };
        match order {
            Ordering::Less => out.extend(a.next().map(|(p, _)| p.to_string())),
            Ordering::Greater => out.extend(b.next().map(|(p, _)| p.to_string())),
            Ordering::Equal => {
                let ((path, was), (_, now)) =
                    (a.next().expect("peeked"), b.next().expect("peeked"));
                if !std::sync::Arc::ptr_eq(was, now) && was[..] != now[..] {
                    out.push(path.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_noise() {
        assert!(is_source("content/news/x.md"));
        assert!(is_source("site.yaml"));
        assert!(is_source("content"));
        assert!(is_source("themes/t/templates/base.html"));
        assert!(!is_source("content/news/.x.md.swp"));
        assert!(!is_source("content/news/4913"));
        assert!(!is_source("content/news/x.md~"));
        assert!(!is_source("output/index.html"));
        assert!(!is_source("README.md"));
        assert!(!is_source(".git/index"));
    }
}
