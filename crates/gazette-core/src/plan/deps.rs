//! What each output depends on, as fingerprints: the site-wide inputs, each
//! document's own text, what other documents show of it, and its views.

use crate::config::Config;
use crate::fingerprint::{self, Fingerprint};
use crate::site::{DocId, PerDoc, Site};
use crate::view::Shown;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The documents whose data shows in document `i`'s own views (summary and
/// page): what [`Shown`] gives the views, so the two cannot disagree.
pub(crate) fn referenced(lib: &Site, i: DocId) -> Vec<DocId> {
    Shown::of(lib, i).documents().collect()
}

/// What every output depends on: configuration, theme, build options.
pub(crate) fn site_fingerprint(
    config: &Config,
    theme_files: &BTreeMap<String, crate::source::ThemeFile>,
    today: NaiveDate,
) -> u64 {
    let mut f = Fingerprint::new()
        .with(format!("{config:?}"))
        .with(today.to_string());
    for (path, file) in theme_files {
        f.push((path, &file.bytes));
    }
    f.finish()
}

pub(crate) fn own_fingerprint(lib: &Site, i: DocId) -> u64 {
    fingerprint::of((lib.docs[i].fingerprint, lib.rendered[i].fingerprint))
}

/// What other documents' views show of a document (see [`crate::view::Reference`]
/// and [`crate::view::translations`]): its path and front matter, never its body.
pub(crate) fn reference_fingerprint(lib: &Site, i: DocId) -> u64 {
    let doc = &lib.docs[i];
    fingerprint::of((&doc.source, &doc.url_path, &doc.yaml))
}

/// A document's views: its own text and Markdown, and what they show of the
/// documents it names.
pub(crate) fn view_fingerprint(lib: &Site, own: &PerDoc<u64>, refs: &PerDoc<u64>, i: DocId) -> u64 {
    let mut f = Fingerprint::new().with(own[i]);
    for j in referenced(lib, i) {
        f.push(refs[j]);
    }
    f.finish()
}
