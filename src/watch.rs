//! Rebuilding while an editor types: a [`Session`] keeps the sources in memory,
//! applies the paths a file watcher reports, and rebuilds through the same
//! [`Builder`] a clean build uses, so every rebuild equals a clean build.

use crate::error::{Diagnostic, Error};
use crate::render::Files;
use crate::source::{is_editor_temp, Sources};
use crate::{fs, output, BuildOptions, Builder};
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, new_debouncer_opt, DebounceEventResult, NoCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
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
    rel == crate::config::CONFIG_FILE
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
        let root = root
            .canonicalize()
            .map_err(|e| crate::error::io_error(root, e))?;
        let skip = output.clone().unwrap_or_else(|| root.join("output"));
        let sources = fs::read_site(&root, &skip)?;
        let mut session = Session {
            root,
            output,
            skip,
            options,
            builder: Builder::default(),
            sources,
            files: None,
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
                    .map(|m| m.is_file())
                    .unwrap_or(true)
        });
        if only_content_files {
            for rel in &changed {
                match std::fs::read(self.root.join(rel)) {
                    Ok(bytes) => {
                        self.sources.content.insert(rel.clone(), bytes);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        self.sources.content.remove(rel);
                    }
                    Err(e) => return Err(crate::error::io_error(&self.root.join(rel), e)),
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
        self.builder = Builder::default();
        if let Ok(sources) = fs::read_site(&self.root, &self.skip) {
            self.sources = sources;
        }
    }

    /// Builds the current sources; on success writes (watch) or keeps (serve) them.
    pub fn rebuild(&mut self, changed: Vec<String>) -> Result<Rebuild, Error> {
        let started = Instant::now();
        let result = self.builder.build(&self.sources, &self.options);
        let built = match result {
            Err(diagnostics) => {
                return Ok(Rebuild {
                    changed,
                    outputs_changed: vec![],
                    pages_changed: 0,
                    took: started.elapsed(),
                    timings: vec![],
                    result: Err(diagnostics),
                })
            }
            Ok(built) => built,
        };
        let mut timings = built.timings.clone();
        let write_started = Instant::now();
        let outputs_changed = differences(self.files.as_ref(), &built.files);
        if let Some(output) = &self.output {
            match &self.files {
                None => {
                    output::write_site(output, &built.files)?;
                }
                Some(previous) => {
                    output::write_changes(output, previous, &built.files, &outputs_changed)?;
                }
            }
        }
        timings.push(("compare and write", write_started.elapsed()));
        let pages_changed = outputs_changed
            .iter()
            .filter(|p| p.ends_with(".html"))
            .count();
        self.files = Some(built.files);
        Ok(Rebuild {
            changed,
            outputs_changed,
            pages_changed,
            took: started.elapsed(),
            timings,
            result: Ok(built.warnings),
        })
    }
}

/// Output paths that differ between two builds (added, changed or removed).
fn differences(old: Option<&Files>, new: &Files) -> Vec<String> {
    let Some(old) = old else {
        return new.keys().cloned().collect();
    };
    let mut out: Vec<String> = new
        .iter()
        .filter(|(path, bytes)| {
            old.get(*path)
                .is_none_or(|o| !std::sync::Arc::ptr_eq(o, bytes) && o[..] != bytes[..])
        })
        .map(|(p, _)| p.clone())
        .collect();
    out.extend(old.keys().filter(|p| !new.contains_key(*p)).cloned());
    out.sort();
    out
}

/// Keeps a file watcher alive; dropping it stops the events.
pub struct Watcher {
    _inner: Box<dyn std::any::Any>,
}

/// Watches a site's sources (never its output) and sends each settled batch of
/// changed paths. `poll` uses periodic scanning for file systems without events.
pub fn watch(root: &Path, poll: bool, sender: Sender<Vec<PathBuf>>) -> notify::Result<Watcher> {
    let handler = move |result: DebounceEventResult| {
        if let Ok(events) = result {
            // Reads (ours included: a rebuild opens every source) are not changes.
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
                .flat_map(|e| e.event.paths)
                .collect();
            if !paths.is_empty() {
                let _ = sender.send(paths);
            }
        }
    };
    // Short enough to feel instant, long enough to gather an editor's
    // write-then-rename or a checkout's burst into one rebuild.
    let settle = Duration::from_millis(20);
    let targets = watch_targets(root);
    if poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(300));
        let mut d = new_debouncer_opt::<_, notify::PollWatcher, NoCache>(
            settle, None, handler, NoCache, config,
        )?;
        for (path, mode) in targets {
            d.watch(&path, mode)?;
        }
        Ok(Watcher {
            _inner: Box::new(d),
        })
    } else {
        let mut d = new_debouncer(settle, None, handler)?;
        for (path, mode) in targets {
            d.watch(&path, mode)?;
        }
        Ok(Watcher {
            _inner: Box::new(d),
        })
    }
}

/// The root itself (not recursively: it holds the output folder) for `site.yaml`
/// and new source folders, and each source folder recursively.
fn watch_targets(root: &Path) -> Vec<(PathBuf, RecursiveMode)> {
    let mut targets = vec![(root.to_path_buf(), RecursiveMode::NonRecursive)];
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            targets.push((path, RecursiveMode::Recursive));
        }
    }
    targets
}

/// Whether a batch of paths created a source folder the watcher does not cover yet.
pub fn needs_rewatch(root: &Path, paths: &[PathBuf]) -> bool {
    paths.iter().any(|p| {
        p.parent() == Some(root)
            && p.is_dir()
            && p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| SOURCE_DIRS.contains(&n))
    })
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
