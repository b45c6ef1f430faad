//! Machine-read outputs of a plan: Atom feeds and iCalendar files.

use super::index::meeting;
use super::{Job, LangIndex, Planner};
use crate::content::{Document, Meta};
use crate::feed::{self, Feed, FeedEntry};
use crate::site::DocId;
use crate::view;

/// Items per feed: the newest ones, with full content.
pub const FEED_LIMIT: usize = 20;

/// A machine-read file, by what it carries.
#[derive(Debug, Hash)]
pub(crate) enum MachineFile {
    /// An Atom feed of the newest items.
    Feed { title: String, items: Vec<DocId> },
    /// An iCalendar file of meetings.
    Calendar { title: String, meetings: Vec<DocId> },
}

impl MachineFile {
    /// Every document the file carries.
    pub(crate) fn shows(&self) -> Vec<DocId> {
        match self {
            MachineFile::Feed { items, .. } => items.clone(),
            MachineFile::Calendar { meetings, .. } => meetings.clone(),
        }
    }
}

impl<'a> Planner<'a> {
    /// The feed at `<section>atom.xml` (under the language's prefix) of the newest `items`.
    pub(crate) fn feed_job(
        &'a self,
        ix: &'a LangIndex,
        title: String,
        section: String,
        items: &[DocId],
    ) -> Job<'a> {
        let items = items[..items.len().min(FEED_LIMIT)].to_vec();
        let path = format!("{}{section}atom.xml", ix.prefix);
        self.file_job(ix, path, MachineFile::Feed { title, items })
    }

    /// The bytes of a machine file planned at `path`.
    pub(crate) fn machine_bytes(&self, ix: &LangIndex, path: &str, file: &MachineFile) -> Vec<u8> {
        match file {
            MachineFile::Feed { title, items } => self.feed(ix, path, title, items),
            MachineFile::Calendar { title, meetings } => {
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
                crate::calendar::calendar(self.config, title, &items, self.today).into_bytes()
            }
        }
    }

    fn feed(&self, ix: &LangIndex, path: &str, title: &str, items: &[DocId]) -> Vec<u8> {
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
            title,
            self_url: view::permalink(self.config, path),
            site_url: view::permalink(self.config, &ix.prefix),
            lang: &ix.lang,
            fallback_updated: fallback,
            entries,
        };
        feed::atom(&feed).into_bytes()
    }
}
