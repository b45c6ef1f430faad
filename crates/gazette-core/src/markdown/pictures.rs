//! Photos and attachments in a body: an image of the site becomes a
//! `<picture>` with its resized copies, a titled image alone in its paragraph
//! a `<figure>` with its caption, several images in one paragraph a gallery;
//! a link to a file says its type and size and joins the page's attachments.

use super::escape_html;
use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashMap;

/// A file of the site a link or image points at, as the page links it.
#[derive(Debug, Clone, Default)]
pub struct LocalFile {
    /// With the base path.
    pub url: String,
    pub picture: Option<Picture>,
    /// Type and size (`PDF`, `312 KB`) of a file that is not an image.
    pub attachment: Option<(String, String)>,
}

/// A photo's copies, as `srcset` candidates (`url 480w, …`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    /// The widest copy in the photo's own format.
    pub src: String,
    pub srcset: String,
    pub webp: Option<String>,
    /// The published original, which a gallery opens.
    pub full: String,
}

/// A file a page links to, for its list of attachments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub url: String,
    /// The link's text.
    pub name: String,
    /// `PDF`, `DOCX`.
    pub kind: String,
    /// `312 KB`.
    pub size: String,
}

/// The column photos are shown in, for `sizes`: the whole phone screen, else
/// the reading column.
const SIZES: &str = "(max-width: 48rem) 100vw, 45rem";

/// A gallery's thumbnails: a column on phones, about 16rem wide elsewhere.
const GALLERY_SIZES: &str = "(max-width: 30rem) 100vw, 16rem";

/// Rewrites photos and file links in `events` (their URLs already resolved);
/// returns the page's attachments in order of first mention.
pub(super) fn rewrite(
    events: &mut Vec<Event<'_>>,
    pictures: &HashMap<String, Picture>,
    files: &HashMap<String, (String, String)>,
    chinese: bool,
) -> Vec<Attachment> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut attachments: Vec<Attachment> = Vec::new();
    let mut shown = 0usize;
    let old = std::mem::take(events);
    let mut i = 0;
    while i < old.len() {
        match &old[i] {
            Event::Start(Tag::Paragraph) => {
                if let Some((images, end)) = images_alone(&old, i, pictures) {
                    let titled = images.len() == 1 && !images[0].title.is_empty();
                    if images.len() >= 2 || titled {
                        let mut html = String::new();
                        if titled {
                            let img = &images[0];
                            html.push_str("<figure>");
                            html.push_str(&markup(
                                img,
                                &pictures[&img.url],
                                shown > 0,
                                false,
                                SIZES,
                            ));
                            html.push_str(&caption(&img.title));
                            html.push_str("</figure>");
                            shown += 1;
                        } else {
                            html.push_str("<div class=\"gallery\">");
                            for img in &images {
                                let picture = &pictures[&img.url];
                                html.push_str(&format!(
                                    "<figure><a href=\"{}\">{}</a>{}</figure>",
                                    escape_html(&picture.full),
                                    markup(img, picture, shown > 0, false, GALLERY_SIZES),
                                    if img.title.is_empty() {
                                        String::new()
                                    } else {
                                        caption(&img.title)
                                    }
                                ));
                                shown += 1;
                            }
                            html.push_str("</div>");
                        }
                        html.push('\n');
                        out.push(Event::Html(html.into()));
                        i = end + 1;
                        continue;
                    }
                }
                out.push(old[i].clone());
                i += 1;
            }
            Event::Start(Tag::Image { dest_url, .. })
                if pictures.contains_key(dest_url.as_ref()) =>
            {
                let (img, end) = image_at(&old, i);
                let html = markup(&img, &pictures[&img.url], shown > 0, true, SIZES);
                shown += 1;
                out.push(Event::InlineHtml(html.into()));
                i = end + 1;
            }
            Event::Start(Tag::Link { dest_url, .. }) if files.contains_key(dest_url.as_ref()) => {
                let url = dest_url.to_string();
                let (kind, size) = files[&url].clone();
                let mut name = String::new();
                let mut j = i;
                while j < old.len() {
                    match &old[j] {
                        Event::Text(t) | Event::Code(t) => name.push_str(t),
                        Event::End(TagEnd::Link) => break,
                        _ => {}
                    }
                    out.push(old[j].clone());
                    j += 1;
                }
                if j < old.len() {
                    out.push(old[j].clone());
                }
                let meta = if chinese {
                    format!("<span class=\"file-meta\">（{kind}，{size}）</span>")
                } else {
                    format!(" <span class=\"file-meta\">({kind}, {size})</span>")
                };
                out.push(Event::InlineHtml(meta.into()));
                if !attachments.iter().any(|a| a.url == url) {
                    attachments.push(Attachment {
                        url,
                        name: name.trim().to_string(),
                        kind,
                        size,
                    });
                }
                i = j + 1;
            }
            other => {
                out.push(other.clone());
                i += 1;
            }
        }
    }
    *events = out;
    attachments
}

struct Image {
    url: String,
    title: String,
    alt: String,
}

/// The image starting at `start` and the index of its end.
fn image_at(events: &[Event<'_>], start: usize) -> (Image, usize) {
    let (url, title) = match &events[start] {
        Event::Start(Tag::Image {
            dest_url, title, ..
        }) => (dest_url.to_string(), title.to_string()),
        _ => (String::new(), String::new()),
    };
    let mut alt = String::new();
    let mut depth = 0;
    let mut j = start;
    while j < events.len() {
        match &events[j] {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            _ => {}
        }
        j += 1;
    }
    (Image { url, title, alt }, j)
}

/// The images of a paragraph that holds nothing else (but spaces and line
/// breaks), each a photo of the site; and the paragraph's end.
fn images_alone(
    events: &[Event<'_>],
    start: usize,
    pictures: &HashMap<String, Picture>,
) -> Option<(Vec<Image>, usize)> {
    let mut images = Vec::new();
    let mut j = start + 1;
    while j < events.len() {
        match &events[j] {
            Event::End(TagEnd::Paragraph) => {
                return Some((images, j)).filter(|(i, _)| !i.is_empty())
            }
            Event::Start(Tag::Image { dest_url, .. })
                if pictures.contains_key(dest_url.as_ref()) =>
            {
                let (img, end) = image_at(events, j);
                images.push(img);
                j = end + 1;
            }
            Event::SoftBreak | Event::HardBreak => j += 1,
            Event::Text(t) if t.trim().is_empty() => j += 1,
            _ => return None,
        }
    }
    None
}

fn caption(title: &str) -> String {
    format!("<figcaption>{}</figcaption>", escape_html(title))
}

/// A photo's `<picture>` (or `<img>` when there is no WebP copy): sized as
/// shown, the first of a page loaded at once and the rest lazily.
fn markup(img: &Image, p: &Picture, lazy: bool, with_title: bool, sizes: &str) -> String {
    let title = if with_title && !img.title.is_empty() {
        format!(" title=\"{}\"", escape_html(&img.title))
    } else {
        String::new()
    };
    let loading = if lazy { " loading=\"lazy\"" } else { "" };
    let tag = format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" alt=\"{}\" width=\"{}\" height=\"{}\"{loading} decoding=\"async\"{title}>",
        escape_html(&p.src),
        escape_html(&p.srcset),
        escape_html(&img.alt),
        p.width,
        p.height,
    );
    match &p.webp {
        Some(webp) => format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">{tag}</picture>",
            escape_html(webp)
        ),
        None => tag,
    }
}
