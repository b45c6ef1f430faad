//! What a later build will change on its own: news scheduled after the
//! build's day, and notices whose `expires:` day is still ahead. `gazette
//! check` lists them, so an editor sees what a daily rebuild publishes next.

use crate::content::Document;
use chrono::NaiveDate;

/// One change a daily rebuild will make.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Scheduled {
    /// The first day a build makes the change.
    pub day: NaiveDate,
    pub change: Change,
    pub source: String,
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The item appears: pages, lists, feeds, search, sitemap.
    Publishes,
    /// The item leaves lists and feeds; its page stays.
    Retires,
}

/// The changes ahead of `today` among `held` (left out of this build) and
/// `published` documents, soonest first.
pub fn ahead<'a>(
    held: impl IntoIterator<Item = &'a Document>,
    published: impl IntoIterator<Item = &'a Document>,
    today: NaiveDate,
) -> Vec<Scheduled> {
    let item = |doc: &Document, day, change| Scheduled {
        day,
        change,
        source: doc.source.clone(),
        title: doc.common.title.clone(),
    };
    let mut out = Vec::new();
    for doc in held {
        if doc.common.draft {
            continue;
        }
        if let Some(day) = doc.publishes_on().filter(|&d| d > today) {
            out.push(item(doc, day, Change::Publishes));
            if let Some(last) = doc.expires_on() {
                out.extend(last.succ_opt().map(|d| item(doc, d, Change::Retires)));
            }
        }
    }
    for doc in published {
        if let Some(last) = doc.expires_on().filter(|&d| d >= today) {
            out.extend(last.succ_opt().map(|d| item(doc, d, Change::Retires)));
        }
    }
    out.sort();
    out
}
