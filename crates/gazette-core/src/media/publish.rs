//! Photos as published: each original without its metadata and upright, and
//! its resized copies, made on every core and kept by the hash of the
//! photo's bytes and the settings, in memory between rebuilds and, through
//! an [`ImageStore`] the binary gives, on disk between runs. An unchanged
//! photo is never decoded again.

use super::{Media, MediaKind};
use crate::files::Bytes;
use crate::fingerprint;
use crate::source::Sources;
use gazette_images::{Format, Limits, Probe, Problem};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Bumped when the pipeline's output changes for the same input, so no
/// cache hands back a file made the old way.
const PIPELINE_VERSION: u32 = 1;

/// Encoded files kept between runs, by key. Implemented by the binary on disk.
pub trait ImageStore: Send + Sync {
    fn get(&self, key: u64) -> Option<Vec<u8>>;
    fn put(&self, key: u64, bytes: &[u8]);
}

/// What a [`crate::build::Builder`] keeps of the photos between builds.
#[derive(Default)]
pub struct ImageCache {
    probes: HashMap<u64, Result<Probe, Problem>>,
    encoded: HashMap<u64, Bytes>,
    /// The disk's cache, when the binary gives one.
    pub store: Option<Box<dyn ImageStore>>,
    /// How many files the last build encoded (cache misses).
    pub last_encoded: usize,
}

impl ImageCache {
    pub(super) fn probe(
        &mut self,
        hash: u64,
        bytes: &[u8],
        format: Format,
        limits: Limits,
    ) -> Result<Probe, Problem> {
        self.probes
            .entry(fingerprint::of((hash, format, limits)))
            .or_insert_with(|| gazette_images::probe(bytes, format, limits))
            .clone()
    }
}

fn bytes_of<'s>(sources: &'s Sources, source: &str) -> Option<&'s [u8]> {
    match source.strip_prefix("static/") {
        Some(path) => sources.static_files.get(path),
        None => sources.content_files.get(source),
    }
    .map(Vec::as_slice)
}

/// One file to make of a photo: output path, cache key, format, width
/// (none: the original).
type Work = (String, u64, Format, Option<u32>);

/// A photo to publish: its bytes, source path and format, and every file to
/// make of it (made together: it is decoded once for all its copies).
type PhotoWork<'s> = (&'s [u8], &'s str, Format, Vec<Work>);

/// Every file of the site's page folders as it is, and every photo's
/// original and copies (from the cache when made before). These go over the
/// static files a render wrote as they are.
pub fn publish(
    media: &Media,
    sources: &Sources,
    cache: &mut ImageCache,
) -> Result<Vec<(String, Bytes)>, Vec<crate::diag::Diagnostic>> {
    let settings = &media.settings;
    let mut out: Vec<(String, Bytes)> = Vec::new();
    let mut photos: Vec<PhotoWork> = Vec::new();
    for (path, file) in &media.files {
        let Some(bytes) = bytes_of(sources, &file.source) else {
            continue; // the theme's files are written by the render
        };
        match &file.kind {
            MediaKind::Photo(photo) => {
                let key = |width: Option<u32>, format: Format| {
                    fingerprint::of((
                        PIPELINE_VERSION,
                        file.hash,
                        width,
                        format,
                        settings.quality,
                        settings.keep_metadata,
                    ))
                };
                let mut work = vec![(path.clone(), key(None, photo.format), photo.format, None)];
                for copy in media.copies(path, photo) {
                    if copy.path != *path {
                        let k = key(Some(copy.width), copy.format);
                        work.push((copy.path, k, copy.format, Some(copy.width)));
                    }
                }
                photos.push((bytes, &file.source, photo.format, work));
            }
            _ if file.source.starts_with("content/") => out.push((path.clone(), bytes.into())),
            _ => {}
        }
    }
    let previous = std::mem::take(&mut cache.encoded);
    let mut failures = Vec::new();
    if let Some(logo) = &media.share_logo {
        let from = &media.files[&logo.from];
        let key = fingerprint::of((
            PIPELINE_VERSION,
            "share-logo",
            from.hash,
            logo.width,
            logo.height,
        ));
        let made = match previous.get(&key) {
            Some(b) => Ok(b.clone()),
            None => bytes_of(sources, &from.source).map_or(
                Err(gazette_images::Problem::Unreadable("not found".into())),
                |svg| gazette_images::render_svg(svg, logo.width, logo.height).map(Bytes::from),
            ),
        };
        match made {
            Ok(b) => {
                cache.encoded.insert(key, b.clone());
                out.push((logo.path.clone(), b));
            }
            Err(problem) => failures.push(
                crate::diag::Diagnostic::error(
                    crate::diag::Code::Image,
                    &from.source,
                    problem.to_string(),
                )
                .help(
                    "draw the logo with shapes only, or set `brand.share_image` to a PNG or JPEG",
                ),
            ),
        }
    }
    let store = cache.store.as_deref();
    let encoded = AtomicUsize::new(0);
    let failures = Mutex::new(failures);
    let made: Vec<Vec<(String, u64, Bytes)>> = photos
        .par_iter()
        .map(|&(bytes, source, format, ref work)| {
            let mut upright = None;
            let mut done = Vec::new();
            for (path, key, out_format, width) in work {
                let cached = previous
                    .get(key)
                    .cloned()
                    .or_else(|| store.and_then(|s| s.get(*key)).map(Bytes::from));
                let made = match cached {
                    Some(b) => Ok(b),
                    None => {
                        encoded.fetch_add(1, Ordering::Relaxed);
                        let result = match width {
                            None => gazette_images::publish_original(
                                bytes,
                                *out_format,
                                settings.quality,
                                settings.keep_metadata,
                            ),
                            Some(w) => {
                                match upright
                                    .get_or_insert_with(|| gazette_images::decode(bytes, format))
                                {
                                    Ok(u) => gazette_images::resized(
                                        u,
                                        *w,
                                        *out_format,
                                        settings.quality,
                                    ),
                                    Err(e) => Err(e.clone()),
                                }
                            }
                        };
                        result.map(|b| {
                            if let Some(s) = store {
                                s.put(*key, &b);
                            }
                            Bytes::from(b)
                        })
                    }
                };
                match made {
                    Ok(b) => done.push((path.clone(), *key, b)),
                    Err(problem) => failures.lock().expect("no panics hold it").push(
                        crate::diag::Diagnostic::error(
                            crate::diag::Code::Image,
                            source,
                            problem.to_string(),
                        )
                        .help("export the picture again as JPEG or PNG"),
                    ),
                }
            }
            done
        })
        .collect();
    let failures = failures.into_inner().expect("no panics hold it");
    cache.last_encoded = encoded.into_inner();
    for (path, key, bytes) in made.into_iter().flatten() {
        cache.encoded.insert(key, bytes.clone());
        out.push((path, bytes));
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    Ok(out)
}
