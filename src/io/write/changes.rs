//! Writing what a rebuild changed into the output the last build wrote:
//! how `watch` and `serve` write after an edit.

use super::{
    all_or_nothing, commit, foreign, is_contained, make_folder, stage, Error, Log, WriteReport,
};
use crate::io::io_error;
use gazette_core::files::Files;
use std::path::Path;

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
    // Never through a link planted in the output: what it leads to is not
    // gazette's to change. Checked before anything is written.
    if let Some(path) = changed
        .iter()
        .map(|rel| output.join(rel))
        .find(|path| linked_on_the_way(output, path))
    {
        return Err(foreign(&path));
    }
    let mut log = Log::default();
    let written = (|| {
        let mut staged = Vec::new();
        for rel in changed {
            if let Some(bytes) = next.get(rel.as_str()) {
                if let Some(dir) = Path::new(rel).parent() {
                    make_folder(output, &output.join(dir), &mut log)?;
                }
                staged.push(stage(&output.join(rel), bytes).map(Some));
            }
        }
        let staged = all_or_nothing(staged, &mut log)?;
        let written = staged.len();
        commit(staged, &mut log)?;
        Ok(written)
    })();
    let written = match written {
        Ok(n) => {
            log.finish();
            n
        }
        Err(e) => {
            log.roll_back();
            return Err(e);
        }
    };
    let mut report = WriteReport {
        written,
        ..WriteReport::default()
    };
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

/// Whether a folder between `output` and `path` (exclusive) is a symbolic
/// link (or cannot be read), so that touching `path` could reach outside.
fn linked_on_the_way(output: &Path, path: &Path) -> bool {
    path.ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(output) && *a != output)
        .any(|level| match std::fs::symlink_metadata(level) {
            Ok(m) => m.file_type().is_symlink(),
            Err(e) => e.kind() != std::io::ErrorKind::NotFound,
        })
}
