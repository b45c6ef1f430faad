//! Writing a built site: only files whose bytes changed are written (each one
//! atomically), stale files are removed, and only in a folder gazette made.

use super::{io_error, Error};
use gazette_core::files::Files;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The file that marks a folder as gazette's output, safe to clean.
pub const MARKER: &str = ".gazette-output";

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

/// Makes `output` hold exactly `files`.
pub fn write_site(output: &Path, files: &Files) -> Result<WriteReport, Error> {
    if let Some(bad) = files.keys().find(|p| !is_contained(p)) {
        return Err(Error::Refused(format!(
            "refusing to write `{bad}`: outside the output folder"
        )));
    }
    let marker = output.join(MARKER);
    if output.exists() {
        if !output.is_dir() {
            return Err(Error::Refused(format!(
                "{} exists and is not a folder",
                output.display()
            )));
        }
        let empty = std::fs::read_dir(output)
            .map_err(|e| io_error(output, e))?
            .next()
            .is_none();
        if !empty && !marker.exists() {
            return Err(Error::Refused(format!(
                "refusing to clean {}: gazette did not create it (no {MARKER} file); remove it or choose another --output",
                output.display()
            )));
        }
    }
    std::fs::create_dir_all(output).map_err(|e| io_error(output, e))?;
    if !marker.exists() {
        std::fs::write(
            &marker,
            b"This folder is written by gazette; its contents are replaced on every build.\n",
        )
        .map_err(|e| io_error(&marker, e))?;
    }
    // Folders first (in order, so a file standing where a folder is needed is
    // cleared once), then the files on every core: writing is most of a build.
    let mut dirs: Vec<&Path> = files
        .keys()
        .filter_map(|rel| Path::new(&**rel).parent())
        .collect();
    dirs.dedup();
    for dir in dirs {
        make_folder(output, &output.join(dir))?;
    }
    let staged: Vec<Result<Option<Staged>, Error>> = files
        .par_iter()
        .map(|(rel, bytes)| {
            let path = output.join(&**rel);
            match std::fs::symlink_metadata(&path) {
                Ok(m)
                    if m.is_file()
                        && m.len() == bytes.len() as u64
                        && std::fs::read(&path).is_ok_and(|old| old[..] == bytes[..]) =>
                {
                    Ok(None)
                }
                _ => stage(output, &path, bytes).map(Some),
            }
        })
        .collect();
    let staged = all_or_nothing(staged)?;
    let mut report = WriteReport {
        written: staged.len(),
        unchanged: files.len() - staged.len(),
        deleted: 0,
    };
    commit(staged)?;
    report.deleted = remove_stale(output, files)?;
    Ok(report)
}

/// A file written beside its place, waiting to be renamed over it.
struct Staged {
    temporary: PathBuf,
    path: PathBuf,
}

/// Phase one of a write: the new bytes go to a temporary file in the same folder.
fn stage(output: &Path, path: &Path, bytes: &[u8]) -> Result<Staged, Error> {
    let parent = path.parent().unwrap_or(output);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = parent.join(format!(".{name}.gazette-tmp"));
    std::fs::write(&temporary, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        io_error(path, e)
    })?;
    Ok(Staged {
        temporary,
        path: path.to_path_buf(),
    })
}

/// When any file could not be staged (a full disk, a read-only folder), removes
/// the ones that were and reports the first error: the site stays as it was.
fn all_or_nothing(staged: Vec<Result<Option<Staged>, Error>>) -> Result<Vec<Staged>, Error> {
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
            for s in ok {
                let _ = std::fs::remove_file(s.temporary);
            }
            Err(e)
        }
    }
}

/// Phase two: renames every staged file into place (no new space needed). A build
/// killed before this leaves the previous site whole; the next build removes the
/// temporary files.
fn commit(staged: Vec<Staged>) -> Result<(), Error> {
    for s in staged {
        if std::fs::symlink_metadata(&s.path).is_ok_and(|m| m.is_dir()) {
            std::fs::remove_dir_all(&s.path).map_err(|e| io_error(&s.path, e))?;
        }
        std::fs::rename(&s.temporary, &s.path).map_err(|e| {
            let _ = std::fs::remove_file(&s.temporary);
            io_error(&s.path, e)
        })?;
    }
    Ok(())
}

/// Brings an output folder that holds `previous` (the last build written there)
/// up to `next`, touching only `changed` paths: how watch writes after an edit.
pub fn write_changes(
    output: &Path,
    previous: &Files,
    next: &Files,
    changed: &[String],
) -> Result<WriteReport, Error> {
    if let Some(bad) = changed.iter().find(|p| !is_contained(p)) {
        return Err(Error::Refused(format!(
            "refusing to write `{bad}`: outside the output folder"
        )));
    }
    let mut report = WriteReport::default();
    let mut staged = Vec::new();
    for rel in changed {
        if let Some(bytes) = next.get(rel.as_str()) {
            if let Some(dir) = Path::new(rel).parent() {
                make_folder(output, &output.join(dir))?;
            }
            staged.push(stage(output, &output.join(rel), bytes).map(Some));
        }
    }
    let staged = all_or_nothing(staged)?;
    report.written = staged.len();
    commit(staged)?;
    for rel in changed {
        let path = output.join(rel);
        match next.get(rel.as_str()) {
            Some(_) => {}
            None if previous.contains_key(rel.as_str()) => {
                match std::fs::remove_file(&path) {
                    Ok(()) => report.deleted += 1,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(io_error(&path, e)),
                }
                // Remove folders the removal emptied.
                let mut dir = path.parent();
                while let Some(d) = dir.filter(|d| *d != output && d.starts_with(output)) {
                    if std::fs::remove_dir(d).is_err() {
                        break;
                    }
                    dir = d.parent();
                }
            }
            None => {}
        }
    }
    report.unchanged = next.len().saturating_sub(report.written);
    Ok(report)
}

/// Creates a folder of the output, removing files that stand in its way.
fn make_folder(output: &Path, dir: &Path) -> Result<(), Error> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut ancestor = dir;
    while ancestor != output && ancestor.starts_with(output) {
        if std::fs::symlink_metadata(ancestor).is_ok_and(|m| !m.is_dir()) {
            std::fs::remove_file(ancestor).map_err(|e| io_error(ancestor, e))?;
        }
        ancestor = ancestor.parent().unwrap_or(output);
    }
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))
}

fn remove_stale(output: &Path, files: &Files) -> Result<usize, Error> {
    let keep: HashSet<PathBuf> = files.keys().map(|k| output.join(&**k)).collect();
    let mut deleted = 0;
    let mut dirs = Vec::new();
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
            dirs.push(path.to_path_buf());
        } else if path != output.join(MARKER) && !keep.contains(path) {
            std::fs::remove_file(path).map_err(|e| io_error(path, e))?;
            deleted += 1;
        }
    }
    // Deepest first, so emptied parents go too.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        if std::fs::read_dir(&dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
        {
            std::fs::remove_dir(&dir).map_err(|e| io_error(&dir, e))?;
        }
    }
    Ok(deleted)
}

/// Writes a new source file (`init`, `new`); refuses to replace one.
pub fn create_new_source(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Refused(format!(
                    "{} exists already; gazette never overwrites a source",
                    path.display()
                ))
            } else {
                io_error(path, e)
            }
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| io_error(path, e))
}

#[cfg(test)]
mod two_phase_tests {
    use super::*;

    /// One file that cannot be staged (a full disk, say) undoes the others: the
    /// output keeps only what it had.
    #[test]
    fn a_failed_stage_removes_every_staged_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("kept.html"), b"old").unwrap();
        let a = stage(out, &out.join("a.html"), b"new a").unwrap();
        let kept = stage(out, &out.join("kept.html"), b"new").unwrap();
        let failed = Err(Error::Refused("disk full".into()));
        let result = all_or_nothing(vec![Ok(Some(a)), failed, Ok(Some(kept)), Ok(None)]);
        assert!(matches!(result, Err(Error::Refused(m)) if m == "disk full"));
        let mut left: Vec<String> = std::fs::read_dir(out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["kept.html"]);
        assert_eq!(std::fs::read(out.join("kept.html")).unwrap(), b"old");
    }
}
