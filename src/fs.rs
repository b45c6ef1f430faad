//! The only module that reads the disk: a sorted walk of a site into [`Sources`],
//! every I/O error with its path.

use crate::error::{io_error, Diagnostic, Error};
use crate::source::{is_editor_temp, Sources, ThemeFile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The largest Markdown, template or theme file read. A news item is a few
/// kilobytes; a file this size is a mistake (a pasted export, a binary), and
/// refusing it keeps a build's time and memory bounded.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a site: `site.yaml`, `content/`, `templates/`, `static/`, `themes/<theme>/`.
/// `output` is skipped wherever it sits.
pub fn read_site(root: &Path, output: &Path) -> Result<Sources, Error> {
    let mut sources = Sources::default();
    let config_path = root.join(crate::config::CONFIG_FILE);
    sources.config = match std::fs::read(&config_path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_error(&config_path, e)),
    };
    let canonical_root = root.canonicalize().map_err(|e| io_error(root, e))?;
    let skip = output.canonicalize().ok();
    let mut problems = Vec::new();
    sources.content = read_tree(
        root,
        "content",
        &canonical_root,
        skip.as_deref(),
        &mut problems,
        Some(MAX_SOURCE_BYTES),
    )?
    .into_iter()
    .filter(|(path, _)| path.ends_with(".md"))
    .map(|(path, bytes)| (format!("content/{path}"), bytes))
    .collect();
    sources.templates = read_tree(
        root,
        "templates",
        &canonical_root,
        skip.as_deref(),
        &mut problems,
        Some(MAX_SOURCE_BYTES),
    )?
    .into_iter()
    .map(|(name, bytes)| {
        (
            name.clone(),
            ThemeFile {
                origin: format!("templates/{name}"),
                bytes,
            },
        )
    })
    .collect();
    sources.static_files = read_tree(
        root,
        "static",
        &canonical_root,
        skip.as_deref(),
        &mut problems,
        None,
    )?;
    let theme_name = theme_name(sources.config.as_deref());
    let theme_dir = format!("themes/{theme_name}");
    sources.theme = read_tree(
        root,
        &theme_dir,
        &canonical_root,
        skip.as_deref(),
        &mut problems,
        None,
    )?
    .into_iter()
    .filter(|(path, _)| {
        path.starts_with("templates/") || path.starts_with("static/") || path.starts_with("i18n/")
    })
    .map(|(path, bytes)| {
        (
            path.clone(),
            ThemeFile {
                origin: format!("{theme_dir}/{path}"),
                bytes,
            },
        )
    })
    .collect();
    sources.problems = problems;
    Ok(sources)
}

/// The theme `site.yaml` names, read leniently: the full check happens later.
fn theme_name(config: Option<&[u8]>) -> String {
    let text = config.and_then(crate::source::decode).unwrap_or_default();
    crate::config::peek_theme(text).unwrap_or_else(|| "default".into())
}

/// Every file under `root/dir`, keyed by its path from there with `/`, sorted.
fn read_tree(
    root: &Path,
    dir: &str,
    canonical_root: &Path,
    skip: Option<&Path>,
    problems: &mut Vec<Diagnostic>,
    limit: Option<u64>,
) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let base = root.join(dir);
    let mut files = BTreeMap::new();
    if !base.is_dir() {
        return Ok(files);
    }
    let walker = WalkDir::new(&base)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            let skipped = skip.is_some_and(|s| e.path().canonicalize().ok().as_deref() == Some(s));
            e.depth() == 0 || (!is_editor_temp(&name) && !skipped)
        });
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().map_or_else(|| base.clone(), Path::to_path_buf);
            match e.into_io_error() {
                Some(io) => io_error(&path, io),
                None => Error::Refused(format!("{}: cannot be read", path.display())),
            }
        })?;
        let rel_path = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let Some(rel) = rel_path.to_str().map(|s| s.replace('\\', "/")) else {
            problems.push(
                Diagnostic::error(
                    "file-name",
                    format!("{dir}/{}", rel_path.to_string_lossy()),
                    "the file name is not valid UTF-8",
                )
                .help("rename the file"),
            );
            continue;
        };
        let shown = format!("{dir}/{rel}");
        let mut path: PathBuf = entry.path().to_path_buf();
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(canonical_root) && target.is_file() => {
                    path = target
                }
                Ok(target) if target.starts_with(canonical_root) => continue,
                Ok(target) => {
                    problems.push(
                        Diagnostic::error(
                            "symlink",
                            &shown,
                            format!("a symbolic link to {}, outside the site", target.display()),
                        )
                        .help("copy the file into the site instead of linking to it"),
                    );
                    continue;
                }
                Err(_) => {
                    problems.push(
                        Diagnostic::error(
                            "symlink",
                            &shown,
                            "a symbolic link that leads nowhere (or loops)",
                        )
                        .help("remove or fix the link"),
                    );
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if let Some(limit) = limit {
            let size = std::fs::metadata(&path)
                .map_err(|e| io_error(&path, e))?
                .len();
            if size > limit {
                problems.push(
                    Diagnostic::error(
                        "too-large",
                        &shown,
                        format!(
                            "the file is {} MB; gazette reads sources of up to {} MB",
                            size / (1024 * 1024),
                            limit / (1024 * 1024)
                        ),
                    )
                    .help("split it into several pages, or put large files under `static/`"),
                );
                continue;
            }
        }
        let bytes = std::fs::read(&path).map_err(|e| io_error(&path, e))?;
        files.insert(rel, bytes);
    }
    Ok(files)
}
