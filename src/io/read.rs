//! The only module that reads the disk: a sorted walk of a site into [`Sources`],
//! every I/O error with its path.

use super::{io_error, Error};
use gazette_core::diag::{Code, Diagnostic};
use gazette_core::source::{is_editor_temp, Sources, ThemeFile};
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
    let config_path = root.join(gazette_core::config::CONFIG_FILE);
    sources.config = match std::fs::read(&config_path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_error(&config_path, e)),
    };
    let canonical_root = root.canonicalize().map_err(|e| io_error(root, e))?;
    let skip = output.canonicalize().ok();
    let mut problems = Vec::new();
    // Markdown within the source limit; a page folder's photos and PDFs as
    // `static/` files are, without it.
    let content = read_tree(
        root,
        "content",
        &canonical_root,
        skip.as_deref(),
        &mut problems,
        &|path| path.ends_with(".md").then_some(MAX_SOURCE_BYTES),
    )?;
    for (path, bytes) in content {
        let key = format!("content/{path}");
        if path.ends_with(".md") {
            sources.content.insert(key, bytes);
        } else {
            sources.content_files.insert(key, bytes);
        }
    }
    sources.templates = read_tree(
        root,
        "templates",
        &canonical_root,
        skip.as_deref(),
        &mut problems,
        &|_| Some(MAX_SOURCE_BYTES),
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
        &|_| None,
    )?;
    sources.published_calendars = published_calendars(output);
    let theme_name = theme_name(sources.config.as_deref());
    let theme_dir = format!("themes/{theme_name}");
    sources.theme = read_tree(
        root,
        &theme_dir,
        &canonical_root,
        skip.as_deref(),
        &mut problems,
        &|_| None,
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
    let text = config
        .and_then(gazette_core::source::decode)
        .unwrap_or_default();
    gazette_core::config::peek_theme(text).unwrap_or_else(|| "default".into())
}

/// Every file under `root/dir`, keyed by its path from there with `/`, sorted.
fn read_tree(
    root: &Path,
    dir: &str,
    canonical_root: &Path,
    skip: Option<&Path>,
    problems: &mut Vec<Diagnostic>,
    limit: &dyn Fn(&str) -> Option<u64>,
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
                    Code::FileName,
                    format!("{dir}/{}", rel_path.to_string_lossy()),
                    "the file name is not valid UTF-8",
                )
                .help("rename the file"),
            );
            continue;
        };
        let shown = format!("{dir}/{rel}");
        match read_file(
            entry.path(),
            entry.file_type(),
            &shown,
            canonical_root,
            limit(&rel),
        )? {
            FileRead::Bytes(bytes) => {
                files.insert(rel, bytes);
            }
            FileRead::Refused(problem) => problems.push(problem),
            FileRead::Skipped => {}
        }
    }
    Ok(files)
}

/// What reading one source file gave.
pub enum FileRead {
    Bytes(Vec<u8>),
    /// A file the site may not use (a symlink out of the site, too large).
    Refused(Diagnostic),
    /// Not a file (a folder, a symlink to a folder in the site).
    Skipped,
}

/// Reads one file as a site's walk does: a symlink is followed only within the
/// site, a file over `limit` is refused. `shown` is its path from the root.
fn read_file(
    path: &Path,
    file_type: std::fs::FileType,
    shown: &str,
    canonical_root: &Path,
    limit: Option<u64>,
) -> Result<FileRead, Error> {
    let mut path: PathBuf = path.to_path_buf();
    if file_type.is_symlink() {
        match path.canonicalize() {
            Ok(target) if target.starts_with(canonical_root) && target.is_file() => path = target,
            Ok(target) if target.starts_with(canonical_root) => return Ok(FileRead::Skipped),
            Ok(target) => {
                return Ok(FileRead::Refused(
                    Diagnostic::error(
                        Code::Symlink,
                        shown,
                        format!("a symbolic link to {}, outside the site", target.display()),
                    )
                    .help("copy the file into the site instead of linking to it"),
                ))
            }
            Err(_) => {
                return Ok(FileRead::Refused(
                    Diagnostic::error(
                        Code::Symlink,
                        shown,
                        "a symbolic link that leads nowhere (or loops)",
                    )
                    .help("remove or fix the link"),
                ))
            }
        }
    } else if !file_type.is_file() {
        return Ok(FileRead::Skipped);
    }
    if let Some(limit) = limit {
        let size = std::fs::metadata(&path)
            .map_err(|e| io_error(&path, e))?
            .len();
        if size > limit {
            return Ok(FileRead::Refused(
                Diagnostic::error(
                    Code::TooLarge,
                    shown,
                    format!(
                        "the file is {} MB; gazette reads sources of up to {} MB",
                        size / (1024 * 1024),
                        limit / (1024 * 1024)
                    ),
                )
                .help("split it into several pages, or put large files under `static/`"),
            ));
        }
    }
    let bytes = std::fs::read(&path).map_err(|e| io_error(&path, e))?;
    Ok(FileRead::Bytes(bytes))
}

/// Reads one Markdown source again after an edit, by the same rules as
/// [`read_site`]; `None` when it is gone. `rel` is its path from the root.
pub fn read_content_file(root: &Path, rel: &str) -> Result<Option<FileRead>, Error> {
    let path = root.join(rel);
    let file_type = match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(&path, e)),
        Ok(meta) => meta.file_type(),
    };
    let canonical_root = root.canonicalize().map_err(|e| io_error(root, e))?;
    read_file(
        &path,
        file_type,
        rel,
        &canonical_root,
        Some(MAX_SOURCE_BYTES),
    )
    .map(Some)
}

/// A source file's text, for `gazette new --supersedes`.
pub fn read_text(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Refused(format!(
            "{} does not exist: `--supersedes` takes the file name (without `.md`) of a version under content/rules/",
            path.display()
        )),
        _ => io_error(path, e),
    })
}

/// The site's `site.yaml`, if it can be read and parsed (the full check is the build's).
pub fn read_config(root: &Path) -> Option<gazette_core::config::Config> {
    let bytes = std::fs::read(root.join(gazette_core::config::CONFIG_FILE)).ok()?;
    gazette_core::config::parse(gazette_core::source::decode(&bytes)?).ok()
}

/// The path part of the base URL, read before the first build (`/` if unreadable).
pub fn base_path_of(root: &Path, base_url: Option<&str>) -> String {
    if let Some(url) = base_url {
        if let Ok((_, path)) = gazette_core::config::parse_base_url(url) {
            return path;
        }
    }
    read_config(root).map_or_else(|| "/".to_string(), |c| c.base_path)
}

/// The meetings' own calendars in the output folder of the last build
/// (`meetings/*/meeting.ics`, and under each language's folder), keyed by
/// output path. Missing or unreadable ones are simply not compared.
fn published_calendars(output: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut folders = vec![output.join("meetings")];
    if let Ok(entries) = std::fs::read_dir(output) {
        folders.extend(entries.flatten().map(|e| e.path().join("meetings")));
    }
    for folder in folders {
        let Ok(meetings) = std::fs::read_dir(&folder) else {
            continue;
        };
        for meeting in meetings.flatten() {
            let file = meeting.path().join("meeting.ics");
            if let (Ok(bytes), Ok(rel)) = (std::fs::read(&file), file.strip_prefix(output)) {
                out.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
            }
        }
    }
    out
}

/// The record of the search bundle in an output folder that gazette wrote
/// (it has its marker), if there is one.
pub fn previous_search_record(output: &Path) -> Option<Vec<u8>> {
    if !output.join(super::write::MARKER).is_file() {
        return None;
    }
    std::fs::read(output.join(gazette_search::RECORD)).ok()
}

/// The search bundle in an output folder, keyed by output path: `pagefind/…`.
pub fn previous_search_bundle(output: &Path) -> gazette_core::files::Patch {
    let bundle = output.join(gazette_core::search::BUNDLE);
    WalkDir::new(&bundle)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(output)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(e.path()).ok()?;
            Some((
                std::sync::Arc::from(rel),
                gazette_core::files::Bytes::from(bytes),
            ))
        })
        .collect()
}
