//! The versions of rules documents: which version each one follows, and the
//! chain from a version back to the first.

use super::{DocId, PerDoc, Site};
use crate::content::rules::{RulesVersion, Standing};
use crate::content::{Document, Meta};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// In a document folder, a version without `supersedes` follows the version
/// before it by the day it starts (`effective`, else `adopted`; undated
/// versions, drafts, last), then by file name. Read from each version's first
/// language, so that every translation agrees.
pub(super) fn implied_previous(
    docs: &PerDoc<Arc<Document>>,
    rules: &HashMap<String, Vec<DocId>>,
) -> HashMap<String, String> {
    let mut folders: HashMap<&str, Vec<&Document>> = HashMap::new();
    for group in rules.values() {
        let doc = &docs[group[0]];
        if let Meta::Rules(r) = &doc.meta {
            if let Some(folder) = &r.document {
                folders.entry(folder).or_default().push(doc);
            }
        }
    }
    let mut out = HashMap::new();
    for versions in folders.values_mut() {
        versions.sort_by_key(|d| {
            let starts = match &d.meta {
                Meta::Rules(r) => r.starts(),
                _ => None,
            };
            (starts.is_none(), starts, d.slug.clone())
        });
        for pair in versions.windows(2) {
            if matches!(&pair[1].meta, Meta::Rules(r) if r.supersedes.is_none()) {
                out.insert(pair[1].slug.clone(), pair[0].slug.clone());
            }
        }
    }
    out
}

impl Site {
    /// Rules slug → the version that follows it by [`Site::previous_version`]
    /// (the first by source path when two claim one), for walking a document
    /// forward from any version.
    pub(super) fn following(&self) -> HashMap<String, String> {
        let mut firsts: Vec<&Document> = self
            .rules
            .values()
            .map(|group| &*self.docs[group[0]])
            .collect();
        firsts.sort_by(|a, b| a.source.cmp(&b.source));
        let mut out = HashMap::new();
        for doc in firsts {
            if let Some(previous) = self.previous_version(doc) {
                out.entry(previous.to_string())
                    .or_insert_with(|| doc.slug.clone());
            }
        }
        out
    }

    /// Every version of the document `doc` is a version of, oldest first,
    /// each in `lang` where it is written in it.
    pub fn document_versions_in(&self, doc: &Document, lang: &str) -> Vec<DocId> {
        let mut head = doc;
        let mut seen = HashSet::from([doc.slug.as_str()]);
        while let Some(next) = self.next_version.get(&head.slug) {
            match self.rules_in_lang(next, lang) {
                Some(&n) if seen.insert(next.as_str()) => head = &self.docs[n],
                _ => break,
            }
        }
        let mut chain = self.supersedes_chain_in(head, lang).unwrap_or_default();
        chain.reverse();
        chain.extend(self.rules_in_lang(&head.slug, lang).copied());
        chain
    }

    /// Where the versions of a document (oldest first) stand on `day`.
    pub fn standing_on(&self, versions: &[DocId], day: NaiveDate) -> Standing {
        Standing::on(&self.rules_versions(versions), day)
    }

    /// The rules data of each version (others are left out).
    pub fn rules_versions(&self, versions: &[DocId]) -> Vec<&RulesVersion> {
        versions
            .iter()
            .filter_map(|&v| match &self.docs[v].meta {
                Meta::Rules(r) => Some(r),
                _ => None,
            })
            .collect()
    }

    /// The version a meeting means by `slug` in its `rules:` or decisions: a
    /// version's slug names that version; a document folder's name the
    /// version adopted at the meeting, else the one in force on its day, else
    /// the next to take effect (a meeting that prepared it), else the newest.
    pub fn rules_at_meeting(&self, slug: &str, meeting: &Document) -> Option<DocId> {
        let Meta::Meeting(m) = &meeting.meta else {
            return self.rules_in_lang(slug, &meeting.lang).copied();
        };
        if self.rules.contains_key(slug) {
            return self.rules_in_lang(slug, &meeting.lang).copied();
        }
        let head = &self.docs[*self.rules_in_lang(slug, &meeting.lang)?];
        let versions = self.document_versions_in(head, &meeting.lang);
        let rules = self.rules_versions(&versions);
        let day = m.start.instant.with_timezone(&m.timezone).date_naive();
        let adopted_here = versions
            .iter()
            .zip(&rules)
            .find(|(_, r)| r.adopted_at.as_deref() == Some(meeting.slug.as_str()));
        let to_come = || {
            versions.iter().zip(&rules).find(|(_, r)| {
                r.status != crate::content::rules::RulesStatus::Draft
                    && r.starts().is_some_and(|s| s > day)
            })
        };
        adopted_here
            .map(|(&v, _)| v)
            .or_else(|| Standing::on(&rules, day).in_force.map(|k| versions[k]))
            .or_else(|| to_come().map(|(&v, _)| v))
            .or_else(|| versions.last().copied())
    }

    /// The slug of the version `doc` follows: its `supersedes`, else the one
    /// its folder's order implies.
    pub fn previous_version<'s>(&'s self, doc: &'s Document) -> Option<&'s str> {
        match &doc.meta {
            Meta::Rules(r) => r
                .supersedes
                .as_deref()
                .or_else(|| self.implied_previous.get(&doc.slug).map(String::as_str)),
            _ => None,
        }
    }

    /// The versions from `doc` back to the first, or `None` on a cycle.
    pub fn supersedes_chain(&self, doc: &Document) -> Option<Vec<DocId>> {
        self.supersedes_chain_in(doc, &doc.lang)
    }

    /// The same, each earlier version in `lang` when it is written in it (a
    /// newest version not yet translated still leads to translated ones).
    pub fn supersedes_chain_in(&self, doc: &Document, lang: &str) -> Option<Vec<DocId>> {
        let mut chain = Vec::new();
        let mut seen = HashSet::new();
        let mut current = doc;
        seen.insert(current.slug.clone());
        while let Some(prev) = self.previous_version(current) {
            let Some(&next) = self.rules_in_lang(prev, lang) else {
                break;
            };
            if !seen.insert(prev.to_string()) {
                return None;
            }
            chain.push(next);
            current = &self.docs[next];
        }
        Some(chain)
    }

    /// The rules version with this slug in `lang`, or in any language. A
    /// document folder's name stands for its newest version.
    pub fn rules_in_lang(&self, slug: &str, lang: &str) -> Option<&DocId> {
        let group = match self.rules.get(slug) {
            Some(group) => group,
            None => self.rules.get(self.newest_in_folder(slug)?)?,
        };
        self.in_lang(group, lang)
    }

    /// The slug of the newest version in the folder `content/rules/<folder>/`:
    /// the one no other version of the folder follows.
    fn newest_in_folder(&self, folder: &str) -> Option<&str> {
        let in_folder: Vec<&str> = self
            .rules
            .keys()
            .filter(|s| s.split_once('/').is_some_and(|(f, _)| f == folder))
            .map(String::as_str)
            .collect();
        let followed: HashSet<&str> = in_folder
            .iter()
            .filter_map(|s| {
                let doc = &self.docs[*self.rules.get(*s)?.first()?];
                self.previous_version(doc)
            })
            .collect();
        let mut heads: Vec<&str> = in_folder
            .into_iter()
            .filter(|s| !followed.contains(s))
            .collect();
        heads.sort();
        heads.first().copied()
    }

    /// Whether a meeting `rules:` or decision names a rules version or document.
    pub fn names_rules(&self, slug: &str) -> bool {
        self.rules.contains_key(slug) || self.newest_in_folder(slug).is_some()
    }
}
