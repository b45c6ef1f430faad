//! Atom 1.0 feeds and the sitemap: small XML written directly.

use crate::markdown::escape_html as escape;
use std::fmt::Write as _;

pub struct FeedEntry<'a> {
    pub title: &'a str,
    pub permalink: String,
    /// RFC 3339.
    pub published: String,
    pub updated: String,
    pub summary: &'a str,
    pub content_html: &'a str,
    pub authors: &'a [String],
    /// The entry's language when it is not the feed's (an untranslated document).
    pub lang: Option<&'a str>,
}

pub struct Feed<'a> {
    pub title: &'a str,
    pub self_url: String,
    pub site_url: String,
    pub lang: &'a str,
    /// Used when the feed has no entries, so it stays deterministic.
    pub fallback_updated: String,
    pub entries: Vec<FeedEntry<'a>>,
}

pub fn atom(feed: &Feed) -> String {
    let updated = feed
        .entries
        .iter()
        .map(|e| e.updated.as_str())
        .max()
        .unwrap_or(&feed.fallback_updated);
    let mut out = String::with_capacity(
        1024 + feed
            .entries
            .iter()
            .map(|e| e.content_html.len() + 512)
            .sum::<usize>(),
    );
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n  <generator uri=\"https://example.org/gazette\">gazette</generator>\n",
        escape(feed.lang), escape(feed.title), escape(&feed.self_url), escape(&feed.site_url), escape(&feed.self_url), updated
    );
    for e in &feed.entries {
        let lang = e
            .lang
            .map(|l| format!(" xml:lang=\"{}\"", escape(l)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "  <entry{lang}>\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <id>{}</id>\n    <published>{}</published>\n    <updated>{}</updated>\n",
            escape(e.title), escape(&e.permalink), escape(&e.permalink), e.published, e.updated
        );
        let authors: Vec<&str> = if e.authors.is_empty() {
            vec![feed.title]
        } else {
            e.authors.iter().map(String::as_str).collect()
        };
        for a in authors {
            let _ = writeln!(out, "    <author><name>{}</name></author>", escape(a));
        }
        if !e.summary.is_empty() {
            let _ = writeln!(out, "    <summary>{}</summary>", escape(e.summary));
        }
        let _ = writeln!(
            out,
            "    <content type=\"html\">{}</content>\n  </entry>",
            escape(e.content_html)
        );
    }
    out.push_str("</feed>\n");
    out
}

pub fn sitemap(urls: &[(String, Option<String>)]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (loc, lastmod) in urls {
        let _ = write!(out, "  <url>\n    <loc>{}</loc>\n", escape(loc));
        if let Some(l) = lastmod {
            let _ = writeln!(out, "    <lastmod>{l}</lastmod>");
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}
