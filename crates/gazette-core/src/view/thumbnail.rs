//! A document's picture in lists and cards: its own (`image:`, a member's
//! `logo:`, else the first photo of its text), as a small copy the image
//! pipeline already made, with the copies for sharper screens.

use crate::config::Config;
use crate::content::Meta;
use crate::media::{Local, MediaKind, Photo};
use crate::site::{DocId, Site};
use serde::Serialize;

/// A card's picture: `<img src srcset sizes width height alt loading=lazy>`.
#[derive(Debug, Serialize)]
pub struct Thumbnail {
    pub src: String,
    pub srcset: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// The widest copy a card shows by default (wider ones are in `srcset`).
const CARD_WIDTH: u32 = 480;

/// Document `i`'s own photo: its output path, its size as shown, and its
/// alt text when the front matter gives one (a photo of the text is
/// described there, beside the text that explains it).
pub(super) fn photo_of(lib: &Site, i: DocId) -> Option<(&str, Photo, Option<String>)> {
    let doc = &lib.docs[i];
    let own = match &doc.meta {
        Meta::News(n) => n.image.as_ref(),
        Meta::Member(m) => m.logo.as_ref(),
        _ => None,
    };
    let found = |url: &str, alt: Option<&str>| match lib.media.resolve(doc, url) {
        Local::Found(path, file) => match &file.kind {
            MediaKind::Photo(photo) => Some((path, *photo, alt.map(str::to_string))),
            _ => None,
        },
        _ => None,
    };
    own.and_then(|img| found(&img.src, Some(&img.alt)))
        .or_else(|| {
            lib.rendered[i]
                .scan
                .locals
                .iter()
                .filter(|l| l.image)
                .find_map(|l| found(&l.url, None))
        })
}

/// The card picture of document `i`, if it has a photo.
pub fn of(config: &Config, lib: &Site, i: DocId) -> Option<Thumbnail> {
    let (path, photo, alt) = photo_of(lib, i)?;
    let copies: Vec<_> = lib
        .media
        .copies(path, &photo)
        .into_iter()
        .filter(|c| c.format == photo.format)
        .collect();
    let shown = copies
        .iter()
        .filter(|c| c.width <= CARD_WIDTH)
        .max_by_key(|c| c.width)
        .or_else(|| copies.iter().min_by_key(|c| c.width))?;
    let url = |p: &str| super::url_path(config, p);
    Some(Thumbnail {
        src: url(&shown.path),
        srcset: copies
            .iter()
            .map(|c| format!("{} {}w", url(&c.path), c.width))
            .collect::<Vec<_>>()
            .join(", "),
        width: shown.width,
        height: gazette_images::scaled_height(photo.width, photo.height, shown.width),
        // Beside the item's title, a photo without its own description is
        // decoration: a screen reader would read the title twice.
        alt: alt.unwrap_or_default(),
    })
}
