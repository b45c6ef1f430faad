//! Machine-read outputs of a plan: Atom feeds and iCalendar files.

use super::index::meeting;
use super::{Job, LangIndex, Make, Planner};
use crate::content::{Document, Meta};
use crate::feed::{self, Feed, FeedEntry};
use crate::fingerprint;
use crate::site::DocId;
use crate::view;

/// Items per feed: the newest ones, with full content.
pub const FEED_LIMIT: usize = 20;

impl<'a> Planner<'a> {
    pub(crate) fn feed_job(
        &'a self,
        ix: &'a LangIndex,
        title: String,
        path: String,
        items: &'a [DocId],
    ) -> Job<'a> {
        let items = &items[..items.len().min(FEED_LIMIT)];
        let p = path.clone();
        Job {
            path,
            deps: items.to_vec(),
            key: fingerprint::of(&title),
            make: Make::File(Box::new(move || {
                let fallback = self.today.format("%Y-%m-%dT00:00:00Z").to_string();
                let entries = items
                    .iter()
                    .map(|&i| {
                        let doc = &self.lib.docs[i];
                        let published = doc
                            .common
                            .date
                            .map_or(fallback.clone(), |d| d.instant.to_rfc3339());
                        FeedEntry {
                            title: &doc.common.title,
                            permalink: view::permalink(self.config, &doc.url_path),
                            updated: doc
                                .common
                                .updated
                                .map_or(published.clone(), |d| d.instant.to_rfc3339()),
                            published,
                            summary: &self.lib.rendered[i].summary,
                            content_html: &self.lib.rendered[i].html,
                            authors: match &doc.meta {
                                Meta::News(n) => &n.authors,
                                _ => &[],
                            },
                            lang: (doc.lang != ix.lang).then_some(doc.lang.as_str()),
                        }
                    })
                    .collect();
                let feed = Feed {
                    title: &title,
                    self_url: view::permalink(self.config, &p),
                    site_url: view::permalink(self.config, &ix.prefix),
                    lang: &ix.lang,
                    fallback_updated: fallback,
                    entries,
                };
                feed::atom(&feed).into_bytes()
            })),
        }
    }

    pub(crate) fn calendar_job(
        &'a self,
        title: String,
        path: String,
        meetings: Vec<DocId>,
    ) -> Job<'a> {
        Job {
            path,
            key: fingerprint::of(&title),
            deps: meetings.clone(),
            make: Make::File(Box::new(move || {
                let lib = self.lib;
                let items: Vec<(&Document, &crate::content::meeting::Meeting, &str)> = meetings
                    .iter()
                    .filter_map(|&i| {
                        Some((
                            &*lib.docs[i],
                            meeting(&lib.docs[i])?,
                            lib.rendered[i].summary.as_str(),
                        ))
                    })
                    .collect();
                crate::calendar::calendar(self.config, &title, &items, self.today).into_bytes()
            })),
        }
    }
}
