//! Markdown to HTML by transforming pulldown-cmark events: heading anchors, the
//! table of contents, numbered articles for rules, internal `@/` links, safe mode.
//!
//! Two passes over a body: [`scan`] collects what other documents need to know
//! (anchors, links to check, articles, the first paragraph) and [`render`] writes
//! HTML once every link can be resolved.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleStyle {
    /// "Article 1"
    English,
    /// "第一条"
    Chinese,
}

#[derive(Debug, Clone, Copy, Hash)]
pub struct MarkdownOptions {
    pub smart_punctuation: bool,
    pub safe: bool,
    pub external_new_tab: bool,
    pub external_nofollow: bool,
    /// Number level-2 headings as articles (rules documents).
    pub articles: Option<ArticleStyle>,
    /// Chinese punctuation around what the page adds (a file's type and size).
    pub chinese: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub number: usize,
    pub anchor: String,
    /// "Article 3" or "第三条".
    pub label: String,
    /// The heading text without any number the author wrote.
    pub title: String,
    /// The Markdown source of the article's body, for the changes page.
    pub text: String,
}

/// An `@/path.md#anchor` link found in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct InternalLink {
    /// Path under `content/`, as written after `@/`.
    pub target: String,
    pub anchor: Option<String>,
    /// Byte range of the link in the body.
    pub start: usize,
    pub len: usize,
}

/// A link or image to what may be a file of the site (`photo.jpg`, `/files/a.pdf`).
#[derive(Debug, Clone, PartialEq)]
pub struct LocalRef {
    pub url: String,
    pub start: usize,
    pub len: usize,
    pub image: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub toc: Vec<TocEntry>,
    /// Every heading's level and byte offset, for the skipped-level check.
    pub headings: Vec<(u8, usize)>,
    pub anchors: HashSet<String>,
    pub links: Vec<InternalLink>,
    /// Every other link and image destination that is not another site's
    /// (with its byte range): checked and resolved against the site's files.
    pub locals: Vec<LocalRef>,
    /// Byte offsets of images without alt text.
    pub images_without_alt: Vec<usize>,
    pub articles: Vec<Article>,
    pub first_paragraph: String,
}

fn parser_options(options: &MarkdownOptions) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if options.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}

/// The anchor of a heading: its text lowercased, words joined by `-`, CJK kept.
pub fn heading_anchor(text: &str) -> String {
    let slug = crate::slug::slugify(text, crate::config::SlugMode::Unicode);
    if slug.is_empty() {
        "section".into()
    } else {
        slug
    }
}

fn unique(anchor: String, used: &mut HashSet<String>) -> String {
    if used.insert(anchor.clone()) {
        return anchor;
    }
    (1..)
        .map(|i| format!("{anchor}-{i}"))
        .find(|candidate| used.insert(candidate.clone()))
        .expect("an unused suffix exists")
}

/// Chinese numerals for article numbers: 1 → 一, 11 → 十一, 20 → 二十, 105 → 一百零五.
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const UNITS: [&str; 4] = ["", "十", "百", "千"];
    if n == 0 {
        return DIGITS[0].into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let digits: Vec<usize> = n.to_string().bytes().map(|b| (b - b'0') as usize).collect();
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, &d) in digits.iter().enumerate() {
        let unit = digits.len() - 1 - i;
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push_str(DIGITS[0]);
            pending_zero = false;
        }
        // 十一 rather than 一十一 when ten leads the number.
        if !(d == 1 && unit == 1 && out.is_empty()) {
            out.push_str(DIGITS[d]);
        }
        out.push_str(UNITS[unit]);
    }
    out
}

pub fn article_label(n: usize, style: ArticleStyle) -> String {
    match style {
        ArticleStyle::English => format!("Article {n}"),
        ArticleStyle::Chinese => format!("第{}条", chinese_numeral(n)),
    }
}

/// Drops a number the author already wrote ("Article 3 —", "第三条") from a heading.
fn strip_written_number(title: &str) -> &str {
    let t = title.trim_start();
    let rest = if let Some(rest) = t
        .strip_prefix("Article ")
        .or_else(|| t.strip_prefix("article "))
    {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return title;
        }
        &rest[digits..]
    } else if let Some(rest) = t.strip_prefix('第') {
        match rest.find('条') {
            Some(i)
                if rest[..i]
                    .chars()
                    .all(|c| "零一二三四五六七八九十百千0123456789".contains(c)) =>
            {
                &rest[i + '条'.len_utf8()..]
            }
            _ => return title,
        }
    } else {
        return title;
    };
    rest.trim_start_matches([' ', '.', ':', '-', '—', '–', '、', '：', '　'])
        .trim()
}

/// First pass: headings, anchors, internal links, articles, first paragraph.
pub fn scan(body: &str, options: &MarkdownOptions) -> Scan {
    let mut scan = Scan::default();
    let mut heading: Option<(HeadingLevel, Option<String>, String)> = None;
    let mut in_first_paragraph = false;
    let mut first_done = false;
    let mut nesting = 0usize;
    let mut article_starts: Vec<(usize, usize)> = Vec::new();
    let mut pending_explicit: Vec<Option<String>> = Vec::new();
    let mut image_alt: Option<(usize, bool)> = None;

    for (event, range) in Parser::new_ext(body, parser_options(options)).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id.map(|s| s.to_string()), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, text)) = heading.take() {
                    pending_explicit.push(id.clone());
                    let level_n = level as u8;
                    scan.headings.push((level_n, range.start));
                    let (anchor, title) = if level == HeadingLevel::H2 && options.articles.is_some()
                    {
                        let n = scan.articles.len() + 1;
                        let style = options.articles.unwrap_or(ArticleStyle::English);
                        let clean = strip_written_number(&text).to_string();
                        let anchor = unique(format!("article-{n}"), &mut scan.anchors);
                        let label = article_label(n, style);
                        article_starts.push((range.start, range.end));
                        scan.articles.push(Article {
                            number: n,
                            anchor: anchor.clone(),
                            label: label.clone(),
                            title: clean.clone(),
                            text: String::new(),
                        });
                        let shown = if clean.is_empty() {
                            label
                        } else {
                            format!("{label} {clean}")
                        };
                        (anchor, shown)
                    } else {
                        let anchor = unique(
                            id.unwrap_or_else(|| heading_anchor(&text)),
                            &mut scan.anchors,
                        );
                        (anchor, text)
                    };
                    scan.toc.push(TocEntry {
                        level: level_n,
                        id: anchor,
                        title,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, has_alt)) = image_alt.as_mut() {
                    *has_alt |= !t.trim().is_empty();
                }
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
                if in_first_paragraph {
                    scan.first_paragraph.push_str(&t);
                }
            }
            Event::SoftBreak if in_first_paragraph => scan.first_paragraph.push(SOFT_BREAK),
            Event::HardBreak if in_first_paragraph => scan.first_paragraph.push(' '),
            Event::Start(Tag::Paragraph) if !first_done && nesting == 0 => {
                in_first_paragraph = true
            }
            Event::End(TagEnd::Paragraph) if in_first_paragraph => {
                in_first_paragraph = false;
                first_done = !scan.first_paragraph.trim().is_empty();
            }
            Event::Start(Tag::Image { dest_url, .. }) if !dest_url.starts_with("@/") => {
                image_alt = Some((range.start, false));
                if !is_external(&dest_url) {
                    scan.locals.push(LocalRef {
                        url: dest_url.to_string(),
                        start: range.start,
                        len: range.len(),
                        image: true,
                    });
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, false)) = image_alt.take() {
                    scan.images_without_alt.push(start);
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
                if !dest_url.starts_with("@/") && !is_external(&dest_url) =>
            {
                scan.locals.push(LocalRef {
                    url: dest_url.to_string(),
                    start: range.start,
                    len: range.len(),
                    image: false,
                });
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(path) = dest_url.strip_prefix("@/") {
                    let (target, anchor) = match path.split_once('#') {
                        Some((t, a)) => (t.to_string(), Some(a.to_string())),
                        None => (path.to_string(), None),
                    };
                    scan.links.push(InternalLink {
                        target,
                        anchor,
                        start: range.start,
                        len: range.len(),
                    });
                }
            }
            Event::Start(
                Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_),
            ) => nesting += 1,
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition,
            ) => nesting = nesting.saturating_sub(1),
            _ => {}
        }
    }
    // An article's text runs from the end of its heading to the next level-2 heading.
    for i in 0..article_starts.len() {
        let from = article_starts[i].1;
        let to = article_starts.get(i + 1).map_or(body.len(), |next| next.0);
        scan.articles[i].text = body[from..to].trim().to_string();
    }
    scan.first_paragraph = join_soft_breaks(&scan.first_paragraph)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    scan
}

pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The five are ASCII: the text is scanned as bytes and copied a stretch
    // at a time.
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(entity);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
    out
}

fn is_script_url(url: &str) -> bool {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    compact.starts_with("javascript:")
        || compact.starts_with("vbscript:")
        || compact.starts_with("data:text/html")
}

fn is_external(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//")
}

/// Second pass: HTML. See [`render_page`].
pub fn render<'a>(
    body: &'a str,
    scan: &Scan,
    options: &MarkdownOptions,
    base_path: &str,
    resolve: &dyn Fn(&InternalLink) -> Option<String>,
) -> String {
    render_page(body, scan, options, base_path, resolve, &|_| None).html
}

/// A body as HTML, with what the page shows beside it.
pub struct RenderedBody {
    pub html: String,
    /// A rules version's articles as blocks, for the changes page.
    pub articles: Vec<Vec<blocks::Node>>,
    /// The files its links point at, in order.
    pub attachments: Vec<Attachment>,
}

/// Second pass: HTML, and for a rules version its articles as blocks for
/// the changes page (made from the same events). `resolve` turns an internal link into its URL (links that
/// do not resolve were reported by the library; they render as `#`). A path
/// from the site's root (`/images/a.png`) gets the base path (`/alliance/`), so
/// pages work wherever the site is published.
pub fn render_page<'a>(
    body: &'a str,
    scan: &Scan,
    options: &MarkdownOptions,
    base_path: &str,
    resolve: &dyn Fn(&InternalLink) -> Option<String>,
    files: &dyn Fn(&str) -> Option<LocalFile>,
) -> RenderedBody {
    let mut pictures: HashMap<String, Picture> = HashMap::new();
    let mut attached: HashMap<String, (String, String)> = HashMap::new();
    let mut heading_index = 0;
    let mut link_index = 0;
    let mut article_index = 0;
    // Internal links resolve in order of appearance; script URLs go in safe mode.
    let mut destination = |dest_url: CowStr<'a>, link_index: &mut usize| -> CowStr<'a> {
        let file = (!dest_url.starts_with("@/") && !is_external(&dest_url))
            .then(|| files(&dest_url))
            .flatten();
        if let Some(file) = file {
            if let Some(p) = file.picture {
                pictures.insert(file.url.clone(), p);
            }
            if let Some(a) = file.attachment {
                attached.insert(file.url.clone(), a);
            }
            file.url.into()
        } else if dest_url.starts_with("@/") {
            let link = scan.links.get(*link_index);
            *link_index += 1;
            link.and_then(resolve).unwrap_or_else(|| "#".into()).into()
        } else if options.safe && is_script_url(&dest_url) {
            "#".into()
        } else if dest_url.starts_with('/') && !dest_url.starts_with("//") && base_path != "/" {
            format!("{}{}", base_path.trim_end_matches('/'), dest_url).into()
        } else {
            dest_url
        }
    };
    let events = Parser::new_ext(body, parser_options(options)).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            classes,
            attrs,
            ..
        }) => {
            let entry = scan.toc.get(heading_index);
            heading_index += 1;
            let id = entry.map(|e| CowStr::from(e.id.clone()));
            let mut events = vec![Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            })];
            if level == HeadingLevel::H2 && options.articles.is_some() {
                if let Some(article) = scan.articles.get(article_index) {
                    events.push(Event::InlineHtml(
                        format!(
                            "<span class=\"article-number\">{}</span> ",
                            escape_html(&article.label)
                        )
                        .into(),
                    ));
                }
                article_index += 1;
            }
            events
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = destination(dest_url, &mut link_index);
            if is_external(&dest)
                && (options.external_new_tab || options.external_nofollow)
                && link_type != LinkType::Email
            {
                let mut rel = vec!["noopener"];
                if options.external_nofollow {
                    rel.push("nofollow");
                }
                let target = if options.external_new_tab {
                    " target=\"_blank\""
                } else {
                    ""
                };
                let title = if title.is_empty() {
                    String::new()
                } else {
                    format!(" title=\"{}\"", escape_html(&title))
                };
                let html = format!(
                    "<a href=\"{}\"{title} rel=\"{}\"{target}>",
                    escape_html(&dest),
                    rel.join(" ")
                );
                return vec![Event::InlineHtml(html.into())];
            }
            vec![Event::Start(Tag::Link {
                link_type,
                dest_url: dest,
                title,
                id,
            })]
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = destination(dest_url, &mut link_index);
            vec![Event::Start(Tag::Image {
                link_type,
                dest_url: dest,
                title,
                id,
            })]
        }
        Event::Html(html) | Event::InlineHtml(html) if options.safe => vec![Event::Text(html)],
        other => vec![other],
    });
    let mut events: Vec<Event> = events.flatten().collect();
    drop_cjk_soft_breaks(&mut events);
    let attachments = pictures::rewrite(&mut events, &pictures, &attached, options.chinese);
    let articles = if options.articles.is_some() {
        blocks::articles(&events)
    } else {
        vec![]
    };
    notes::rewrite(&mut events);
    scroll::focusable(&mut events);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    RenderedBody {
        html,
        articles,
        attachments,
    }
}

pub mod blocks;
mod pictures;
mod scroll;
mod soft_breaks;
pub use pictures::{Attachment, LocalFile, Picture};
use soft_breaks::{drop_cjk_soft_breaks, join_soft_breaks, SOFT_BREAK};
mod notes;

#[cfg(test)]
mod tests;
