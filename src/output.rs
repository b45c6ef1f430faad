//! Writing a built site: only files whose bytes changed are written (each one
//! atomically), stale files are removed, and only in a folder gazette made.

use crate::error::{io_error, Error};
use crate::render::Files;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

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

/// Whether a relative output path stays inside the output folder.
pub fn is_contained(rel: &str) -> bool {
    !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

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
        .filter_map(|rel| Path::new(rel).parent())
        .collect();
    dirs.dedup();
    for dir in dirs {
        make_folder(output, &output.join(dir))?;
    }
    let written: Vec<bool> = files
        .par_iter()
        .map(|(rel, bytes)| {
            let path = output.join(rel);
            match std::fs::symlink_metadata(&path) {
                Ok(m)
                    if m.is_file()
                        && m.len() == bytes.len() as u64
                        && std::fs::read(&path).is_ok_and(|old| old[..] == bytes[..]) =>
                {
                    return Ok(false);
                }
                Ok(m) if m.is_dir() => {
                    std::fs::remove_dir_all(&path).map_err(|e| io_error(&path, e))?
                }
                _ => {}
            }
            write_atomic(output, &path, bytes)?;
            Ok(true)
        })
        .collect::<Result<_, Error>>()?;
    let mut report = WriteReport::default();
    report.written = written.iter().filter(|&&w| w).count();
    report.unchanged = written.len() - report.written;
    report.deleted = remove_stale(output, files)?;
    Ok(report)
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
    for rel in changed {
        let path = output.join(rel);
        match next.get(rel) {
            Some(bytes) => {
                if let Some(dir) = Path::new(rel).parent() {
                    make_folder(output, &output.join(dir))?;
                }
                if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
                    std::fs::remove_dir_all(&path).map_err(|e| io_error(&path, e))?;
                }
                write_atomic(output, &path, bytes)?;
                report.written += 1;
            }
            None if previous.contains_key(rel) => {
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

/// Writes through a temporary file and a rename, so no reader sees half a file.
fn write_atomic(output: &Path, path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let parent = path.parent().unwrap_or(output);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.gazette-tmp"));
    std::fs::write(&tmp, bytes).map_err(|e| io_error(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(path, e)
    })
}

fn remove_stale(output: &Path, files: &Files) -> Result<usize, Error> {
    let keep: HashSet<PathBuf> = files.keys().map(|k| output.join(k)).collect();
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
