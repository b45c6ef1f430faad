//! Rebuilding the site after documents changed without changing shape: only
//! their Markdown, links and anchors again.

use super::DocId;
use super::{markdown_settings, MarkdownCache, Site};
use crate::config::Config;
use crate::content::Document;
use crate::fingerprint::{self};
use crate::markdown::{self, Scan};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

impl Site {
    /// This library with some documents replaced by new versions of the same
    /// shape (same source, URL, references, list positions: see
    /// [`Document::shape`]), their Markdown rendered and their links checked,
    /// and the anchors of links into them checked again (`backlinks` finds those
    /// links, and learns the changed documents' links). `None` when that finds
    /// an error: the caller then builds in full, which reports every error.
    pub fn with_changes(
        &self,
        changed: &[(DocId, Arc<Document>)],
        config: &Config,
        cache: &mut MarkdownCache,
        backlinks: &mut Backlinks,
    ) -> Option<Site> {
        let mut lib = self.clone();
        let mut scans = Vec::with_capacity(changed.len());
        for (i, doc) in changed {
            debug_assert_eq!(lib.docs[*i].shape(), doc.shape());
            let settings = markdown_settings(config, doc);
            let key = fingerprint::of((doc.fingerprint, &settings));
            scans.push((key, Arc::new(markdown::scan(&doc.body, &settings.options))));
            lib.docs[*i] = doc.clone();
        }
        // Links from the changed documents, and anchors of links into them. A
        // link reaches a changed document only through a source in its
        // translation group, so other links are skipped without resolving them.
        let changed_set: HashSet<DocId> = changed.iter().map(|(i, _)| *i).collect();
        let reachable: HashSet<String> = changed
            .iter()
            .flat_map(|(i, doc)| {
                lib.translations
                    .get(&doc.translation_key)
                    .into_iter()
                    .flatten()
                    .chain(std::iter::once(i))
            })
            .filter_map(|&t| lib.docs[t].source.strip_prefix("content/"))
            .map(str::to_string)
            .collect();
        // `@/rules/<document>/` reaches every version in the folder: its
        // anchors may be any version's.
        let folders: Vec<String> = reachable
            .iter()
            .filter_map(|source| {
                let rest = source.strip_prefix("rules/")?;
                let (folder, file) = rest.split_once('/')?;
                (!file.contains('/')).then(|| format!("rules/{folder}"))
            })
            .collect();
        let mut reachable = reachable;
        for folder in folders {
            reachable.insert(format!("{folder}/"));
            reachable.insert(folder);
        }
        let scan_of = |t: DocId| -> &Scan {
            match changed.iter().position(|(i, _)| *i == t) {
                Some(k) => &scans[k].1,
                None => &lib.rendered[t].scan,
            }
        };
        let mut linking: Vec<DocId> = reachable
            .iter()
            .flat_map(|target| backlinks.0.get(target).into_iter().flatten().copied())
            .chain(changed_set.iter().copied())
            .collect();
        linking.sort_unstable();
        linking.dedup();
        for from in linking {
            let own = changed_set.contains(&from);
            let doc = &lib.docs[from];
            for link in &scan_of(from).links {
                if !own && !reachable.contains(link.target.as_str()) {
                    continue;
                }
                let t = lib.link_target(doc, &link.target)?;
                let Some(anchor) = &link.anchor else {
                    continue;
                };
                let versions = lib.anchor_holders(doc, &link.target, t);
                let touched = own || versions.iter().any(|v| changed_set.contains(v));
                if touched
                    && !versions
                        .iter()
                        .any(|&v| scan_of(v).anchors.contains(anchor))
                {
                    return None;
                }
            }
        }
        // A link to a missing file: the full build reports it.
        if changed
            .iter()
            .zip(&scans)
            .any(|((_, doc), (_, scan))| !lib.missing_files(doc, scan).is_empty())
        {
            return None;
        }
        for ((i, doc), (scan_key, scan)) in changed.iter().zip(scans) {
            backlinks.update(*i, &lib.rendered[*i].scan, &scan);
            let key = lib.rendered_key(doc, scan_key, &scan);
            let rendered = Arc::new(lib.render(doc, &scan, &markdown_settings(config, doc)));
            cache.scans.insert(doc.source.clone(), (scan_key, scan));
            cache
                .rendered
                .insert(doc.source.clone(), (key, rendered.clone()));
            lib.rendered[*i] = rendered;
        }
        Some(lib)
    }
}

/// Link target (a path under `content/`, as written after `@/`) → the documents
/// whose Markdown links there: what a changed document's anchors must satisfy.
#[derive(Default)]
pub struct Backlinks(HashMap<String, Vec<DocId>>);

impl Backlinks {
    pub fn of(lib: &Site) -> Self {
        let mut map: HashMap<String, Vec<DocId>> = HashMap::new();
        for (i, rendered) in lib.rendered.enumerate() {
            for link in &rendered.scan.links {
                let from = map.entry(link.target.clone()).or_default();
                if from.last() != Some(&i) {
                    from.push(i);
                }
            }
        }
        Backlinks(map)
    }

    pub(super) fn update(&mut self, i: DocId, old: &Scan, new: &Scan) {
        for link in &old.links {
            if let Some(from) = self.0.get_mut(&link.target) {
                from.retain(|&f| f != i);
            }
        }
        for link in &new.links {
            let from = self.0.entry(link.target.clone()).or_default();
            if !from.contains(&i) {
                from.push(i);
            }
        }
    }
}
