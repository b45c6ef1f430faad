//! A write begun before all of a site's files are made (see [`Pending`]).

use super::{
    commit, discard, remove_stale, stage_all, tree_clash, Log, Staged, Threads, WriteReport,
};
use crate::io::Error;
use gazette_core::files::{is_contained, Bytes, Files};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// A write begun with some of a site's files (its pages) while the rest (the
/// search bundle) is still being made: those files are staged (or, into an
/// empty folder, written) and nothing of the previous site has moved yet.
/// [`Pending::finish`] completes it with the whole set, [`Pending::abandon`]
/// puts everything back as it was.
pub struct Pending {
    pub(super) output: PathBuf,
    pub(super) fresh: bool,
    pub(super) log: Log,
    pub(super) staged: Vec<Staged>,
    /// The files handled so far, written or found unchanged.
    pub(super) handled: HashSet<Arc<str>>,
    pub(super) unchanged: usize,
}

impl Pending {
    /// Makes the output hold exactly the files given to [`begin`] and `more`:
    /// stages `more`, renames every staged file into place, and removes what
    /// the site no longer has. (The files of `begin` are not needed again:
    /// their bytes may be gone.)
    pub fn finish(mut self, more: &Files) -> Result<WriteReport, Error> {
        let rest: Vec<(&Arc<str>, &Bytes)> = more
            .iter()
            .filter(|(path, _)| !self.handled.contains(*path))
            .collect();
        // Every path of the site, for the tree check and the removal of
        // stale files. Only new paths can make a clash that [`begin`] has
        // not refused already.
        let all: BTreeMap<Arc<str>, ()> = self
            .handled
            .iter()
            .chain(rest.iter().map(|(p, _)| *p))
            .map(|path| (Arc::clone(path), ()))
            .collect();
        let clash = if rest.is_empty() {
            None
        } else {
            tree_clash(&all)
        };
        let checked = refuse_outside(rest.iter().map(|(p, _)| *p))
            .and_then(|()| clash.map_or(Ok(()), |clash| Err(Error::Refused(clash))));
        if let Err(e) = checked.and_then(|()| self.stage(rest, Threads::All)) {
            self.abandon();
            return Err(e);
        }
        let report = WriteReport {
            written: self.staged.len(),
            unchanged: self.unchanged,
            deleted: 0,
        };
        let mut log = std::mem::take(&mut self.log);
        if let Err(e) = commit(std::mem::take(&mut self.staged), &mut log) {
            log.roll_back();
            return Err(e);
        }
        log.finish();
        // Into a folder that was empty, nothing can be stale.
        let deleted = if self.fresh {
            0
        } else {
            remove_stale(&self.output, &all)?
        };
        Ok(WriteReport { deleted, ..report })
    }

    /// Puts back what was there before [`begin`] (what dropping an unfinished
    /// write does too).
    pub fn abandon(self) {}

    /// Stages `files` (see [`stage_all`]), remembering them as handled.
    pub(super) fn stage(
        &mut self,
        files: Vec<(&Arc<str>, &Bytes)>,
        threads: Threads,
    ) -> Result<(), Error> {
        let count = files.len();
        self.handled
            .extend(files.iter().map(|(p, _)| Arc::clone(p)));
        let staged = stage_all(&self.output, files, self.fresh, threads, &mut self.log)?;
        self.unchanged += count - staged.len();
        self.staged.extend(staged);
        Ok(())
    }
}

/// An unfinished write puts back what was there: staged files go, files
/// written into an empty folder go, folders made go.
impl Drop for Pending {
    fn drop(&mut self) {
        let mut log = std::mem::take(&mut self.log);
        discard(std::mem::take(&mut self.staged), &mut log);
        log.roll_back();
    }
}

/// Refuses any path that would leave the output folder.
pub(super) fn refuse_outside<'a>(
    mut paths: impl Iterator<Item = &'a Arc<str>>,
) -> Result<(), Error> {
    match paths.find(|p| !is_contained(p)) {
        Some(bad) => Err(Error::Refused(format!(
            "refusing to write `{bad}`: outside the output folder"
        ))),
        None => Ok(()),
    }
}
