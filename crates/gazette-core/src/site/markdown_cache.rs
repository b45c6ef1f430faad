//! Rendering documents' Markdown, and the cache that keeps it between builds.

use super::{Rendered, Site};
use crate::config::Config;
use crate::content::{Document, Kind};
use crate::fingerprint::{self, Fingerprint};
use crate::markdown::{
    self, ArticleStyle, InternalLink, LocalFile, MarkdownOptions, Picture, Scan,
};
use crate::media::{Local, MediaKind};
use std::collections::HashMap;
use std::sync::Arc;

/// Markdown scans and renders of the previous build, keyed by source path, so a
/// rebuild only redoes documents whose text, options or link targets changed.
#[derive(Default)]
pub struct MarkdownCache {
    pub(super) scans: HashMap<String, (u64, Arc<Scan>)>,
    pub(super) rendered: HashMap<String, (u64, Arc<Rendered>)>,
}

/// What rendering a document's Markdown reads of the configuration: its
/// Markdown options and the base path its links carry. [`Site::render`] gets
/// only this, and its fingerprint is part of the cache key of the scan and of
/// the rendered HTML, so the key cannot miss a setting the rendering reads.
#[derive(Debug, Clone, Hash)]
pub(super) struct MarkdownSettings {
    pub(super) options: MarkdownOptions,
    base_path: String,
}

pub(super) fn markdown_settings(config: &Config, doc: &Document) -> MarkdownSettings {
    MarkdownSettings {
        options: markdown_options(config, doc),
        base_path: config.base_path.clone(),
    }
}

fn markdown_options(config: &Config, doc: &Document) -> MarkdownOptions {
    let articles = (doc.kind == Kind::Rules && !doc.is_section_index).then(|| {
        if doc.lang.starts_with("zh") {
            ArticleStyle::Chinese
        } else {
            ArticleStyle::English
        }
    });
    MarkdownOptions {
        smart_punctuation: config.markdown.smart_punctuation,
        safe: config.markdown.safe,
        external_new_tab: config.markdown.external_links_new_tab,
        external_nofollow: config.markdown.external_links_nofollow,
        articles,
        chinese: doc.lang.starts_with("zh"),
    }
}

impl Site {
    /// What a document's rendered Markdown depends on: its scan, its summary and
    /// what its links resolve to (without formatting their URLs).
    pub(super) fn rendered_key(&self, doc: &Document, scan_key: u64, scan: &Scan) -> u64 {
        let mut key = Fingerprint::new().with(scan_key).with(&doc.common.summary);
        for link in &scan.links {
            let target = self.link_target(doc, &link.target);
            key.push(target.map(|t| (&self.docs[t].url_path, self.docs[t].fingerprint)));
        }
        // The files it links and shows: their place, size and copies.
        key.push(self.media.settings_key());
        for local in &scan.locals {
            key.push(self.media.key_of(self.media.resolve(doc, &local.url)));
        }
        for (file, _) in &doc.common.attachments {
            key.push(self.media.key_of(self.media.resolve(doc, file)));
        }
        key.finish()
    }

    pub(super) fn render(
        &self,
        doc: &Document,
        scan: &Arc<Scan>,
        settings: &MarkdownSettings,
    ) -> Rendered {
        let body = markdown::render_page(
            &doc.body,
            scan,
            &settings.options,
            &settings.base_path,
            &|link| self.link_url(doc, link, &settings.base_path),
            &|url| self.local_file(doc, url, &settings.base_path),
        );
        let html = body.html;
        let summary = doc
            .common
            .summary
            .clone()
            .unwrap_or_else(|| scan.first_paragraph.clone());
        Rendered {
            fingerprint: fingerprint::of((&html, &summary)),
            html,
            scan: scan.clone(),
            summary,
            articles: body.articles,
            attachments: self.attachments(doc, body.attachments, &settings.base_path),
        }
    }

    /// The files `attachments:` names, with their titles (else their file
    /// names), then those the text links to that it does not name.
    fn attachments(
        &self,
        doc: &Document,
        linked: Vec<markdown::Attachment>,
        base_path: &str,
    ) -> Vec<markdown::Attachment> {
        let mut out: Vec<markdown::Attachment> = Vec::new();
        for (file, title) in &doc.common.attachments {
            let Local::Found(path, found) = self.media.resolve(doc, file) else {
                continue; // reported by `check_files`
            };
            let (kind, size) = crate::media::file_label(path, found.len);
            let url = crate::urls::url_under(base_path, path, None);
            if out.iter().any(|a| a.url == url) {
                continue;
            }
            let name = title
                .clone()
                .unwrap_or_else(|| path.rsplit('/').next().unwrap_or(path).to_string());
            out.push(markdown::Attachment {
                url,
                name,
                kind,
                size,
            });
        }
        for a in linked {
            if !out.iter().any(|o| o.url == a.url) {
                out.push(a);
            }
        }
        out
    }

    /// A link or image of `doc` to a file of the site, as the page shows it.
    fn local_file(&self, doc: &Document, url: &str, base_path: &str) -> Option<LocalFile> {
        let Local::Found(out, file) = self.media.resolve(doc, url) else {
            return None;
        };
        let at = |path: &str| crate::urls::url_under(base_path, path, None);
        let picture = match &file.kind {
            MediaKind::Photo(photo) => {
                let copies = self.media.copies(out, photo);
                let srcset = |format| {
                    copies
                        .iter()
                        .filter(|c| c.format == format)
                        .map(|c| format!("{} {}w", at(&c.path), c.width))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let src = copies
                    .iter()
                    .rfind(|c| c.format == photo.format)
                    .map_or_else(|| at(out), |c| at(&c.path));
                let webp = srcset(gazette_images::Format::Webp);
                Some(Picture {
                    width: photo.width,
                    height: photo.height,
                    src,
                    srcset: srcset(photo.format),
                    webp: (photo.format != gazette_images::Format::Webp && !webp.is_empty())
                        .then_some(webp),
                    full: at(out),
                })
            }
            _ => None,
        };
        let attachment = match &file.kind {
            MediaKind::File => Some(crate::media::file_label(out, file.len)),
            _ => None,
        };
        Some(LocalFile {
            url: at(out),
            picture,
            attachment,
        })
    }

    fn link_url(&self, from: &Document, link: &InternalLink, base_path: &str) -> Option<String> {
        let target = self.link_target(from, &link.target)?;
        let doc = &self.docs[target];
        // `@/rules/<document>/` goes to the document's own page.
        let path = match super::rules_folder_link(&link.target) {
            Some(_) if self.document_in(&link.target, &from.lang).is_none() => {
                doc.rules_document_path().unwrap_or(&doc.url_path)
            }
            _ => &doc.url_path,
        };
        Some(crate::urls::url_under(
            base_path,
            path,
            link.anchor.as_deref(),
        ))
    }
}
