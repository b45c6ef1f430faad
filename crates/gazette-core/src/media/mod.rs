//! The site's files besides its pages: `static/`, the theme's static files
//! and the files in page folders (`content/news/x/photo.jpg`), each measured
//! once per build, with where it is published and, for a photo, its resized
//! copies. Links and images in Markdown resolve here (`resolve`), the
//! photos' copies are made by `publish`.

mod publish;
mod sizes;

pub use publish::{publish, ImageCache, ImageStore};
pub use sizes::ImageSizes;

use crate::config::{Config, ImageSettings};
use crate::content::Document;
use crate::diag::{Code, Diagnostic};
use crate::fingerprint;
use crate::source::Sources;
use gazette_images::{Format, Limits};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// One file the site publishes as it is (or, for a photo, re-encoded).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MediaFile {
    /// `static/x.jpg`, `content/news/x/photo.jpg` or the theme's origin.
    pub source: String,
    pub len: u64,
    /// Of the bytes: the photo cache's key.
    pub hash: u64,
    pub kind: MediaKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MediaKind {
    /// A site's JPEG, PNG or WebP: published without metadata, with copies.
    Photo(Photo),
    /// An image published as it is (SVG, GIF, the theme's), with its size.
    Sized(u32, u32),
    /// Any other file: a PDF, a document, an archive.
    File,
}

/// A photo as shown (its orientation applied).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Photo {
    pub width: u32,
    pub height: u32,
    pub format: Format,
}

/// A resized copy of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub path: String,
    pub width: u32,
    pub format: Format,
}

impl MediaFile {
    /// Width and height as shown, for an image.
    pub fn size(&self) -> Option<(u32, u32)> {
        match self.kind {
            MediaKind::Photo(p) => Some((p.width, p.height)),
            MediaKind::Sized(w, h) => Some((w, h)),
            MediaKind::File => None,
        }
    }
}

/// The site's files by output path (`news/x/photo.jpg`, `images/logo.svg`).
#[derive(Debug, Default)]
pub struct Media {
    pub files: BTreeMap<String, MediaFile>,
    /// Source path of a page folder's file → its output path.
    by_source: HashMap<String, String>,
    pub settings: ImageSettings,
    /// The SVG logo drawn as a PNG for link previews, when the site has no
    /// `brand.share_image` (link previews ignore SVG).
    pub share_logo: Option<ShareLogo>,
}

/// A PNG made from the site's SVG logo: `images/logo.share.png`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLogo {
    pub path: String,
    /// The logo's output path.
    pub from: String,
    pub width: u32,
    pub height: u32,
}

/// How wide the PNG drawn from an SVG logo is.
const SHARE_LOGO_WIDTH: u32 = 600;

/// The PNG to draw of the logo, when it is an SVG and nothing else is given.
fn share_logo(config: &Config, files: &BTreeMap<String, MediaFile>) -> Option<ShareLogo> {
    if config.brand.share_image.is_some() {
        return None;
    }
    let from = config.brand.logo.as_deref()?.trim_start_matches('/');
    let stem = from.strip_suffix(".svg")?;
    let MediaKind::Sized(w, h) = files.get(from)?.kind else {
        return None;
    };
    let path = format!("{stem}.share.png");
    (!files.contains_key(&path) && w > 0).then(|| ShareLogo {
        height: gazette_images::svg_height(w as f32, h as f32, SHARE_LOGO_WIDTH),
        width: SHARE_LOGO_WIDTH,
        from: from.to_string(),
        path,
    })
}

/// What a link or image in a document points at, among the site's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Local<'a> {
    /// Not a file of the site: another site, an anchor, a page's URL.
    NotLocal,
    Found(&'a str, &'a MediaFile),
    /// A path to a file (by its extension) that the site does not have.
    Missing,
}

/// Extensions of files a link may point at, checked to exist.
const FILE_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "bmp", "ico", "pdf", "ofd", "doc", "docx",
    "xls", "xlsx", "ppt", "pptx", "wps", "et", "dps", "odt", "ods", "odp", "zip", "rar", "7z",
    "txt", "csv", "mp3", "mp4",
];

fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next()?;
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())
}

/// `a/./b/../c` → `a/c`; `None` when it climbs above its start.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

impl Media {
    /// Measures the site's files: `docs` place page folders' files under
    /// their page's URL. Photos that cannot be read or are too large are errors.
    pub fn new(
        config: &Config,
        sources: &Sources,
        docs: &[Arc<Document>],
        probes: &mut ImageCache,
    ) -> (Media, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        let limits = Limits {
            max_pixels: config.images.max_pixels,
        };
        // A page folder's files go under its page in the main language (else
        // the first language it is written in): published once for all.
        let mut folders: BTreeMap<&str, (bool, &str)> = BTreeMap::new();
        for doc in docs {
            if let Some(folder) = &doc.folder {
                let main = doc.lang == config.language;
                let entry = folders.entry(folder).or_insert((main, &doc.url_path));
                if main && !entry.0 {
                    *entry = (true, &doc.url_path);
                }
            }
        }
        let mut files = BTreeMap::new();
        let mut by_source = HashMap::new();
        let theme = sources
            .theme
            .iter()
            .filter_map(|(p, f)| Some((p.strip_prefix("static/")?, (f.origin.as_str(), &f.bytes))));
        for (path, (origin, bytes)) in theme {
            files.insert(
                path.to_string(),
                MediaFile {
                    source: origin.to_string(),
                    len: bytes.len() as u64,
                    hash: fingerprint::of(bytes),
                    // The theme's own images are trusted: an odd one is a file.
                    kind: kind_as_is(origin, bytes).unwrap_or(MediaKind::File),
                },
            );
        }
        let mut site_files: Vec<(String, &str, &Vec<u8>)> = Vec::new();
        for (path, bytes) in &sources.content_files {
            let folder = folders
                .range(..=path.as_str())
                .rev()
                .find(|(f, _)| path.starts_with(**f));
            match folder {
                Some((folder, (_, url))) => {
                    let out = format!("{url}{}", &path[folder.len()..]);
                    by_source.insert(path.clone(), out.clone());
                    site_files.push((out, path, bytes));
                }
                None => errors.push(
                    Diagnostic::warning(
                        Code::Image,
                        path,
                        "this file is not in a page folder, so it is not published",
                    )
                    .help("a page's files sit beside its `index.md` (`content/news/x/index.md`), or go under `static/`"),
                ),
            }
        }
        for (path, bytes) in &sources.static_files {
            site_files.push((path.clone(), "", bytes));
        }
        for (out, source, bytes) in site_files {
            let source = if source.is_empty() {
                format!("static/{out}")
            } else {
                source.to_string()
            };
            let hash = fingerprint::of(bytes);
            let format = extension(&out).as_deref().and_then(Format::from_extension);
            let kind = match format {
                Some(format) => match probes.probe(hash, bytes, format, limits) {
                    Ok(p) => MediaKind::Photo(Photo {
                        width: p.width,
                        height: p.height,
                        format,
                    }),
                    Err(problem) => {
                        errors.push(
                            Diagnostic::error(Code::Image, &source, problem.to_string()).help(
                                match problem {
                                    gazette_images::Problem::TooLarge(..) => "scale the photo down before adding it, or raise `images.max_pixels` in site.yaml",
                                    gazette_images::Problem::Unreadable(_) => "export the picture again as JPEG or PNG, or fix its extension",
                                },
                            ),
                        );
                        MediaKind::File
                    }
                },
                None => kind_as_is(&source, bytes).unwrap_or_else(|absurd| {
                    let text = String::from_utf8_lossy(&bytes[..absurd.offset]);
                    let (line, column) = crate::diag::line_col(&text, text.len());
                    errors.push(
                        Diagnostic::error(Code::Image, &source, absurd.message)
                            .at(line, column)
                            .help("give the SVG its real size in `width` and `height` (or only a `viewBox`)"),
                    );
                    MediaKind::File
                }),
            };
            files.insert(
                out,
                MediaFile {
                    source,
                    len: bytes.len() as u64,
                    hash,
                    kind,
                },
            );
        }
        let media = Media {
            share_logo: share_logo(config, &files),
            files,
            by_source,
            settings: config.images.clone(),
        };
        (media, errors)
    }

    /// What `url`, written in `doc`, points at: a path from the site's root
    /// (`/files/a.pdf`) or, in a page folder, a path from the folder (`a.pdf`).
    pub fn resolve(&self, doc: &Document, url: &str) -> Local<'_> {
        let lower = url.to_ascii_lowercase();
        if url.is_empty()
            || url.starts_with('#')
            || url.starts_with("//")
            || url.starts_with("@/")
            || lower.contains("://")
            || ["mailto:", "tel:", "data:", "javascript:"]
                .iter()
                .any(|s| lower.starts_with(s))
        {
            return Local::NotLocal;
        }
        let path = url.split(['?', '#']).next().unwrap_or(url);
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let is_file = extension(&decoded).is_some_and(|e| FILE_EXTENSIONS.contains(&e.as_str()));
        let found = match decoded.strip_prefix('/') {
            Some(rooted) => self.files.get_key_value(rooted),
            None => doc
                .folder
                .as_ref()
                .and_then(|folder| normalise(&format!("{folder}{decoded}")))
                .and_then(|source| self.by_source.get(&source))
                .and_then(|out| self.files.get_key_value(out)),
        };
        match found {
            Some((out, file)) => Local::Found(out, file),
            None if is_file => Local::Missing,
            None => Local::NotLocal,
        }
    }

    /// A photo's resized copies, narrowest first: each configured width
    /// narrower than the photo, and the photo's own width when it is not wider
    /// than the widest; each in its format and, when on, WebP.
    pub fn copies(&self, path: &str, photo: &Photo) -> Vec<Copy> {
        let widest = self.settings.widths.last().copied().unwrap_or(0);
        let mut widths: Vec<u32> = self
            .settings
            .widths
            .iter()
            .copied()
            .filter(|&w| w < photo.width)
            .collect();
        if photo.width <= widest || widths.is_empty() {
            widths.push(photo.width);
        }
        let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
        let mut formats = vec![photo.format];
        if self.settings.webp && photo.format != Format::Webp {
            formats.push(Format::Webp);
        }
        let mut out = Vec::new();
        for format in formats {
            for &width in &widths {
                let path = if width == photo.width && format == photo.format {
                    path.to_string()
                } else {
                    format!("{stem}.{width}w.{}", format.extension())
                };
                out.push(Copy {
                    path,
                    width,
                    format,
                });
            }
        }
        out
    }

    /// Of what a page showing `out` reads of it: its path, size and copies.
    pub fn key_of(&self, local: Local<'_>) -> u64 {
        match local {
            Local::Found(out, file) => fingerprint::of((out, file.len, &file.kind)),
            Local::Missing => 1,
            Local::NotLocal => 0,
        }
    }

    /// Of the settings that decide the markup of every photo.
    pub fn settings_key(&self) -> u64 {
        fingerprint::of(&self.settings)
    }
}

/// A file published as it is: an image with its size from its header (or
/// an SVG's attributes), else a plain file.
/// An image published as it is, sized; its size an error when absurd.
fn kind_as_is(source: &str, bytes: &[u8]) -> Result<MediaKind, sizes::AbsurdSize> {
    let size = match extension(source).as_deref() {
        Some("svg") => sizes::svg_size(bytes)?,
        Some("png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "bmp" | "ico") => {
            imagesize::blob_size(bytes)
                .ok()
                .map(|s| (s.width as u32, s.height as u32))
        }
        _ => None,
    };
    Ok(match size.filter(|&(w, h)| w > 0 && h > 0) {
        Some((w, h)) => MediaKind::Sized(w, h),
        None => MediaKind::File,
    })
}

/// A file's type and size as a reader sees them: `PDF`, `312 KB`.
pub fn file_label(path: &str, len: u64) -> (String, String) {
    let kind = extension(path).unwrap_or_default().to_ascii_uppercase();
    let size = if len < 1024 {
        format!("{len} B")
    } else if len < 1024 * 1024 {
        format!("{} KB", (len + 512) / 1024)
    } else {
        format!("{:.1} MB", len as f64 / (1024.0 * 1024.0))
    };
    (kind, size)
}

#[cfg(test)]
mod tests;
