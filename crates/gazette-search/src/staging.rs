//! The folder Pagefind reads a build's pages from (see `build` in the crate
//! root). It is in memory where the system offers a tmpfs, so a copy left
//! behind would hold RAM until a reboot: every stage is removed when the
//! build ends, by [`remove_all`] when the process is stopped by a signal,
//! and on the next start when the process that made it no longer runs.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

const PREFIX: &str = "gazette-search-";

/// Stages of this process, for [`remove_all`].
static ACTIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

static NEXT: AtomicU64 = AtomicU64::new(0);

/// Where stages are made: a tmpfs when there is one, else the temporary folder.
fn base() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    }
}

/// A stage folder, removed when dropped.
pub struct Stage {
    path: PathBuf,
}

impl Stage {
    pub fn new() -> std::io::Result<Stage> {
        Self::new_in(&base())
    }

    fn new_in(base: &Path) -> std::io::Result<Stage> {
        remove_stale(base);
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = base.join(format!(
            "{PREFIX}{}-{}-{nanos:x}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir(&path)?;
        if let Ok(mut active) = ACTIVE.lock() {
            active.push(path.clone());
        }
        Ok(Stage { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
        if let Ok(mut active) = ACTIVE.lock() {
            active.retain(|p| *p != self.path);
        }
    }
}

/// Removes every stage of this process: what a signal handler calls before
/// the process exits.
pub fn remove_all() {
    remove_active_under(Path::new("/"));
}

/// Removes the stages of this process under `base` (tests name their own base:
/// other tests of the same process may be indexing meanwhile).
fn remove_active_under(base: &Path) {
    // A build holding the lock is between two lines of `Stage`: it is never
    // held long, but a handler must not wait on a thread it interrupted.
    if let Ok(active) = ACTIVE.try_lock() {
        for path in active.iter().filter(|p| p.starts_with(base)) {
            let _ = std::fs::remove_dir_all(path);
        }
    }
}

/// The process that made a stage, from its name (`gazette-search-<pid>-…`).
fn owner(name: &str) -> Option<u32> {
    name.strip_prefix(PREFIX)?.split('-').next()?.parse().ok()
}

/// Whether a process runs, where the system says (`/proc`); elsewhere every
/// process is taken to run, and nothing is removed.
fn runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// Removes the stages whose process no longer runs, and stages named the
/// way earlier versions named them (no process id) once an hour old.
fn remove_stale(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(PREFIX) {
            continue;
        }
        let stale = match owner(&name) {
            Some(pid) => pid != std::process::id() && !runs(pid),
            None => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > Duration::from_secs(3600)),
        };
        if stale {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_go_when_dropped_when_their_process_is_gone_and_on_remove_all() {
        let base = tempfile::tempdir().unwrap();
        let stage = Stage::new_in(base.path()).unwrap();
        std::fs::write(stage.path().join("a.html"), "x").unwrap();
        let path = stage.path().to_path_buf();
        drop(stage);
        assert!(!path.exists());

        // A stage of a process that no longer runs (a process id above
        // Linux's largest) goes at the next start.
        let orphan = base.path().join(format!("{PREFIX}4194304999-0-1"));
        std::fs::create_dir(&orphan).unwrap();
        let live = Stage::new_in(base.path()).unwrap();
        if Path::new("/proc").is_dir() {
            assert!(!orphan.exists());
        }
        // A signal: every stage of this process goes (here only this test's:
        // `remove_all` would also take the stage of an index test running
        // beside it, which once failed CI under load).
        remove_active_under(base.path());
        assert!(!live.path().exists());
    }
}
