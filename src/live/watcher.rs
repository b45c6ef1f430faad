//! The file watcher: settled batches of changed paths under a site's source
//! folders (never its output), by file-system events or by polling.

use super::session::SOURCE_DIRS;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, new_debouncer_opt, DebounceEventResult, NoCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

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
    // Short enough to keep an edit under 50 ms, long enough to gather an
    // editor's write-then-rename into one rebuild. A longer burst (a checkout)
    // may come in several batches: each rebuild is cheap, and the last one
    // sees every file.
    let settle = Duration::from_millis(10);
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
