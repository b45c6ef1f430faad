//! Writing a built site: only files whose bytes changed are written (each one
//! atomically), stale files are removed, and only in a folder gazette made.

use super::{io_error, Error};
use gazette_core::files::{Bytes, Files};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file that marks a folder as gazette's output, safe to clean.
pub use gazette_core::checks::output_tree::MARKER;
use gazette_core::checks::output_tree::{is_kept_name, MOVED_ASIDE, STAGED};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub deleted: usize,
}

fn absolute(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Canonicalise the longest existing ancestor, keep the rest as written.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut out = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

/// Refuses output folders that would hold or overwrite the sources.
pub fn check_location(root: &Path, output: &Path) -> Result<(), Error> {
    let root = absolute(root);
    let output = absolute(output);
    if root.starts_with(&output) {
        return Err(Error::Refused(format!(
            "refusing to write into {}: it contains the site itself",
            output.display()
        )));
    }
    for source_dir in ["content", "static", "templates", "themes"] {
        if output.starts_with(root.join(source_dir)) {
            return Err(Error::Refused(format!(
                "refusing to write into {}: it is inside the site's `{source_dir}/`",
                output.display()
            )));
        }
    }
    Ok(())
}

pub use gazette_core::files::is_contained;

/// Makes `output` hold exactly `files`. Into an empty or missing folder the
/// files are written directly; over an existing site each changed file is
/// staged beside its place, then all are renamed into place. Either way a
/// failure puts back what was there (files and folders) and leaves no stray.
pub fn write_site(output: &Path, files: &Files) -> Result<WriteReport, Error> {
    begin(output, files, Threads::All)?.finish(&Files::new())
}

/// How many threads write a set of files.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Threads {
    /// Every core: nothing else is running.
    All,
    /// The calling thread alone, while other work (the search index) has the
    /// other cores: on ext4, files created from two threads at once make
    /// them wait on each other's locks (spinning), which takes CPU from the
    /// work running beside them.
    One,
}

/// Begins writing `files` into `output` (see [`Pending`]) on `threads`.
pub fn begin(output: &Path, files: &Files, threads: Threads) -> Result<Pending, Error> {
    refuse_outside(files.keys())?;
    let marker = output.join(MARKER);
    // The output folder itself may be a link the user chose (to a web root):
    // it is followed; links inside it never are.
    let fresh = match std::fs::metadata(output) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => return Err(io_error(output, e)),
        Ok(m) if !m.is_dir() => {
            return Err(Error::Refused(format!(
                "{} exists and is not a folder",
                output.display()
            )))
        }
        Ok(_) => {
            let empty = std::fs::read_dir(output)
                .map_err(|e| io_error(output, e))?
                .next()
                .is_none();
            // A first build killed before its marker was written leaves at
            // most gazette's staging files: that folder is still gazette's.
            if !empty && !is_regular_file(&marker) && !holds_only_staging(output) {
                return Err(Error::Refused(format!(
                    "refusing to clean {}: gazette did not create it (no {MARKER} file); remove it or choose another --output",
                    output.display()
                )));
            }
            empty
        }
    };
    if let Some(clash) = tree_clash(files) {
        return Err(Error::Refused(clash));
    }
    let mut pending = Pending {
        output: output.to_path_buf(),
        fresh,
        log: Log::default(),
        staged: Vec::new(),
        handled: HashSet::new(),
        unchanged: 0,
    };
    // The marker goes first: a build killed at any later point leaves a
    // folder the next build recognises as its own and finishes.
    let begun = mark(output, &marker, &mut pending.log)
        .and_then(|()| pending.stage(files.iter().collect(), threads));
    match begun {
        Ok(()) => Ok(pending),
        Err(e) => {
            pending.abandon();
            Err(e)
        }
    }
}

/// Creates the output folder if needed and its marker if missing, logged so
/// that a failed first write leaves nothing behind.
fn mark(output: &Path, marker: &Path, log: &mut Log) -> Result<(), Error> {
    if !output.is_dir() {
        std::fs::create_dir_all(output).map_err(|e| io_error(output, e))?;
        log.0.push(Done::CreatedFolder(output.to_path_buf()));
    }
    if !is_regular_file(marker) {
        write_new(
            marker,
            b"This folder is written by gazette; its contents are replaced on every build.\n",
        )?;
        log.0.push(Done::Placed(marker.to_path_buf()));
    }
    Ok(())
}

/// Whether every file under `output` is one a write stages (`.x.gazette-tmp`,
/// or `.x.gazette-old` moved aside, a folder's contents included) in folders
/// that hold them: all an interrupted write can leave besides its marker.
/// An empty folder inside is not gazette's trace, so it is not taken.
fn holds_only_staging(output: &Path) -> bool {
    let kept = |e: &walkdir::DirEntry| is_kept_name(&e.file_name().to_string_lossy());
    walkdir::WalkDir::new(output)
        .follow_links(false)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !(kept(e) && e.file_type().is_dir()))
        .all(|e| match e {
            Ok(e) if e.file_type().is_dir() => {
                std::fs::read_dir(e.path()).is_ok_and(|mut entries| entries.next().is_some())
            }
            Ok(e) => kept(&e),
            Err(_) => false,
        })
}

/// A file standing where another file needs a folder (`a` and `a/b`): such
/// a set cannot be written whole, so it is refused before anything moves.
/// (The build reports it at its source; this guards every caller.)
fn tree_clash<V>(files: &BTreeMap<Arc<str>, V>) -> Option<String> {
    files.keys().find_map(|path| {
        let inside = gazette_core::files::first_inside(files, path)?;
        Some(format!(
            "refusing to write `{path}`: `{inside}` needs a folder there"
        ))
    })
}

fn is_regular_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// Phase one for `files`: their folders, then each file staged beside its
/// place (or, into an empty folder, written in place) on every core: writing
/// is most of a build. Unchanged files are left alone (and not returned).
fn stage_all(
    output: &Path,
    files: Vec<(&Arc<str>, &Bytes)>,
    fresh: bool,
    threads: Threads,
    log: &mut Log,
) -> Result<Vec<Staged>, Error> {
    // Folders first, in order, so a file standing where a folder is needed
    // is moved once.
    let mut dirs: Vec<&Path> = files
        .iter()
        .filter_map(|(rel, _)| Path::new(&***rel).parent())
        .collect();
    dirs.dedup();
    for dir in dirs {
        make_folder(output, &output.join(dir), log)?;
    }
    let place = |(rel, bytes): &(&Arc<str>, &Bytes)| {
        let path = output.join(&***rel);
        if fresh {
            return write_new(&path, bytes).map(|()| Some(Staged::direct(path)));
        }
        match std::fs::symlink_metadata(&path) {
            Ok(m)
                if m.is_file()
                    && m.len() == bytes.len() as u64
                    && std::fs::read(&path).is_ok_and(|old| old[..] == bytes[..]) =>
            {
                Ok(None)
            }
            _ => stage(&path, bytes).map(Some),
        }
    };
    let staged: Vec<Result<Option<Staged>, Error>> = match threads {
        Threads::All => files.par_iter().map(place).collect(),
        Threads::One => files.iter().map(place).collect(),
    };
    all_or_nothing(staged, log)
}

/// What a write did so far, in order, so that a failure can undo it.
#[derive(Default)]
struct Log(Vec<Done>);

enum Done {
    /// A folder that did not exist.
    CreatedFolder(PathBuf),
    /// A file (or folder) moved aside to `backup` to make room at `path`.
    MovedAside { path: PathBuf, backup: PathBuf },
    /// A new file at `path` (where nothing was, or what was is moved aside).
    Placed(PathBuf),
}

impl Log {
    /// Puts back what was there: newest first.
    fn roll_back(self) {
        for done in self.0.into_iter().rev() {
            match done {
                Done::CreatedFolder(dir) => {
                    let _ = std::fs::remove_dir(dir);
                }
                Done::MovedAside { path, backup } => {
                    let _ = std::fs::rename(backup, path);
                }
                Done::Placed(path) => {
                    let _ = std::fs::remove_file(path);
                }
            }
        }
    }

    /// The write went through: what was moved aside goes.
    fn finish(self) {
        for done in self.0 {
            if let Done::MovedAside { backup, .. } = done {
                let _ = match std::fs::symlink_metadata(&backup) {
                    Ok(m) if m.is_dir() => std::fs::remove_dir_all(&backup),
                    _ => std::fs::remove_file(&backup),
                };
            }
        }
    }
}

/// A file written beside its place, waiting to be renamed over it (or, into
/// an empty folder, already in place).
struct Staged {
    temporary: Option<PathBuf>,
    path: PathBuf,
}

impl Staged {
    fn direct(path: PathBuf) -> Staged {
        Staged {
            temporary: None,
            path,
        }
    }
}

/// A path beside `path` for gazette's own use: `.name<ending>` (`.index.html.gazette-tmp`).
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{suffix}"))
}

/// Creates a file of gazette's output that must not exist yet.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    create_exclusive(path, bytes, foreign)
}

/// Creates a file that must not exist yet (O_EXCL: never through a symlink,
/// never over anything); `taken` says why when something is there. A file
/// that cannot be written whole is removed.
fn create_exclusive(path: &Path, bytes: &[u8], taken: fn(&Path) -> Error) -> Result<(), Error> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                taken(path)
            } else {
                io_error(path, e)
            }
        })?;
    std::io::Write::write_all(&mut file, bytes).map_err(|e| {
        let _ = std::fs::remove_file(path);
        io_error(path, e)
    })
}

fn foreign(path: &Path) -> Error {
    Error::Refused(format!(
        "{} is in the way: gazette writes its own file there and never writes through a link or over something it did not make; remove it",
        path.display()
    ))
}

/// Phase one of a write: the new bytes go to a temporary file in the same
/// folder, created new (a stale one of gazette's, a plain file, is replaced;
/// anything else there is an error naming it).
fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, Error> {
    let temporary = beside(path, STAGED);
    if std::fs::symlink_metadata(&temporary).is_ok_and(|m| m.is_file()) {
        std::fs::remove_file(&temporary).map_err(|e| io_error(&temporary, e))?;
    }
    write_new(&temporary, bytes)?;
    Ok(Staged {
        temporary: Some(temporary),
        path: path.to_path_buf(),
    })
}

/// When any file could not be staged (a full disk, a read-only folder), removes
/// the ones that were and reports the first error: the site stays as it was.
fn all_or_nothing(
    staged: Vec<Result<Option<Staged>, Error>>,
    log: &mut Log,
) -> Result<Vec<Staged>, Error> {
    let mut ok = Vec::new();
    let mut first_error = None;
    for s in staged {
        match s {
            Ok(Some(s)) => ok.push(s),
            Ok(None) => {}
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        None => Ok(ok),
        Some(e) => {
            discard(ok, log);
            Err(e)
        }
    }
}

/// Staged files that will not be committed: temporary ones are removed,
/// those written in place (into an empty folder) are logged for the roll
/// back to remove.
fn discard(staged: impl IntoIterator<Item = Staged>, log: &mut Log) {
    for s in staged {
        match s.temporary {
            Some(t) => {
                let _ = std::fs::remove_file(t);
            }
            None => log.0.push(Done::Placed(s.path)),
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Tests make the n-th rename of a commit fail, as an immutable file would.
    static FAIL_RENAME: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

fn rename(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(test)]
    if let Some(n) = FAIL_RENAME.get() {
        if n == 0 {
            return Err(std::io::Error::other("injected failure"));
        }
        FAIL_RENAME.set(Some(n - 1));
    }
    std::fs::rename(from, to)
}

/// Moves whatever stands at `path` aside, logged so a failure can put it back.
fn move_aside(path: &Path, log: &mut Log) -> Result<(), Error> {
    let backup = beside(path, MOVED_ASIDE);
    match std::fs::symlink_metadata(&backup) {
        Ok(m) if m.is_dir() => {
            std::fs::remove_dir_all(&backup).map_err(|e| io_error(&backup, e))?
        }
        Ok(_) => std::fs::remove_file(&backup).map_err(|e| io_error(&backup, e))?,
        Err(_) => {}
    }
    rename(path, &backup).map_err(|e| io_error(path, e))?;
    log.0.push(Done::MovedAside {
        path: path.to_path_buf(),
        backup,
    });
    Ok(())
}

/// Phase two: moves each old file aside and renames the staged one into place
/// (no new space needed). Every step is logged, so a failure midway puts the
/// previous site back. A build killed before this leaves the previous site
/// whole; the next build removes the temporary files.
fn commit(staged: Vec<Staged>, log: &mut Log) -> Result<(), Error> {
    let mut pending = staged.into_iter();
    while let Some(s) = pending.next() {
        let Some(temporary) = s.temporary else {
            log.0.push(Done::Placed(s.path));
            continue;
        };
        let step = (|| {
            if std::fs::symlink_metadata(&s.path).is_ok() {
                move_aside(&s.path, log)?;
            }
            rename(&temporary, &s.path).map_err(|e| io_error(&s.path, e))?;
            log.0.push(Done::Placed(s.path.clone()));
            Ok(())
        })();
        if let Err(e) = step {
            let _ = std::fs::remove_file(&temporary);
            discard(pending, log);
            return Err(e);
        }
    }
    Ok(())
}

/// Creates a folder inside the output, one level at a time (each logged),
/// moving aside files that stand in its way. A symbolic link on the way is
/// refused: writing through it could reach outside the output folder.
fn make_folder(output: &Path, dir: &Path, log: &mut Log) -> Result<(), Error> {
    let mut levels: Vec<&Path> = dir
        .ancestors()
        .take_while(|a| a.starts_with(output) && *a != output)
        .collect();
    levels.reverse();
    for level in levels {
        match std::fs::symlink_metadata(level) {
            Ok(m) if m.is_dir() => continue,
            Ok(m) if m.file_type().is_symlink() => return Err(foreign(level)),
            Ok(_) => move_aside(level, log)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(level, e)),
        }
        std::fs::create_dir(level).map_err(|e| io_error(level, e))?;
        log.0.push(Done::CreatedFolder(level.to_path_buf()));
    }
    Ok(())
}

fn remove_stale<V>(output: &Path, files: &BTreeMap<Arc<str>, V>) -> Result<usize, Error> {
    let keep: HashSet<PathBuf> = files.keys().map(|k| output.join(&**k)).collect();
    // The folders that still hold a file of the site; every other folder is
    // empty once its stale files are gone.
    let holding: HashSet<&Path> = keep
        .iter()
        .flat_map(|path| path.ancestors().skip(1))
        .collect();
    let mut deleted = 0;
    let mut emptied = Vec::new();
    for entry in walkdir::WalkDir::new(output)
        .follow_links(false)
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map_or_else(|| output.to_path_buf(), Path::to_path_buf);
            io_error(
                &path,
                e.into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot walk")),
            )
        })?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            if !holding.contains(path) {
                emptied.push(path.to_path_buf());
            }
        } else if path != output.join(MARKER) && !keep.contains(path) {
            std::fs::remove_file(path).map_err(|e| io_error(path, e))?;
            deleted += 1;
        }
    }
    // Deepest first, so emptied parents go too.
    emptied.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in emptied {
        match std::fs::remove_dir(&dir) {
            Err(e) if e.kind() != std::io::ErrorKind::DirectoryNotEmpty => {
                return Err(io_error(&dir, e))
            }
            _ => {}
        }
    }
    Ok(deleted)
}

/// Writes a new source file (`init`, `new`); refuses to replace one.
pub fn create_new_source(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
    }
    create_exclusive(path, text.as_bytes(), |path| {
        Error::Refused(format!(
            "{} exists already; gazette never overwrites a source",
            path.display()
        ))
    })
}

mod changes;
pub use changes::write_changes;
mod pending;
use pending::refuse_outside;
pub use pending::Pending;

#[cfg(test)]
mod two_phase_tests;
