//! A document's page; for a rules version also its changes pages, and for
//! a rules document kept in a folder the document's own page (the version in
//! force) at a URL that never changes.

use super::index::{meeting, RulesDoc};
use super::pages::{Decision, DocumentPage, Page, Relations, RulesRelations};
use super::{Job, LangIndex, Planner};
use crate::content::Meta;
use crate::site::DocId;
use crate::view;

/// Where a rules version stands on the build's day, for its banner.
fn standing(doc: &RulesDoc, i: DocId) -> &'static str {
    let position = |v: DocId| doc.versions.iter().position(|&x| x == v);
    if doc.in_force == Some(i) {
        "in_force"
    } else if doc.upcoming.contains(&i) {
        "upcoming"
    } else if doc
        .in_force
        .and_then(position)
        .is_some_and(|k| position(i).is_some_and(|p| p < k))
    {
        "earlier"
    } else {
        "not_in_force"
    }
}

impl<'a> Planner<'a> {
    /// A document's page, and for a rules version its changes pages.
    pub(crate) fn document_jobs(&'a self, ix: &'a LangIndex, i: DocId) -> Vec<Job<'a>> {
        let doc = &self.lib.docs[i];
        let mut jobs = Vec::new();
        if let (Meta::Rules(_), Some(&k)) = (&doc.meta, ix.rules_doc_of.get(&i)) {
            let rules = &ix.rules_docs[k];
            let at = rules.versions.iter().position(|&v| v == i);
            if let Some(prev) = at.and_then(|p| p.checked_sub(1)).map(|p| rules.versions[p]) {
                jobs.push(self.changes_job(ix, format!("{}changes/", doc.url_path), prev, i));
            }
            if let (Some(current), "earlier") = (rules.in_force, standing(rules, i)) {
                jobs.push(self.changes_job(ix, format!("{}compare/", doc.url_path), i, current));
            }
        }
        jobs.push(self.page_of(ix, i, doc.url_path.clone(), false));
        jobs
    }

    /// The own pages of a rules document kept in a folder: `rules/<document>/`
    /// shows the version in force (else the next to take effect), and
    /// `rules/<document>/changes/` what that version changed.
    pub(crate) fn rules_document_jobs(&'a self, ix: &'a LangIndex, k: usize) -> Vec<Job<'a>> {
        let rules = &ix.rules_docs[k];
        let Some(folder) = &rules.folder else {
            return vec![];
        };
        let path = format!("{}rules/{folder}/", ix.prefix);
        let shown = rules.shown();
        let mut jobs = vec![self.page_of(ix, shown, path.clone(), true)];
        let at = rules.versions.iter().position(|&v| v == shown);
        if let Some(prev) = at.and_then(|p| p.checked_sub(1)).map(|p| rules.versions[p]) {
            jobs.push(self.changes_job(ix, format!("{path}changes/"), prev, shown));
        }
        jobs
    }

    /// Document `i`'s page at `path` (its own URL, or its rules document's).
    fn page_of(
        &'a self,
        ix: &'a LangIndex,
        i: DocId,
        path: String,
        document_page: bool,
    ) -> Job<'a> {
        let doc = &self.lib.docs[i];
        let relations = match &doc.meta {
            Meta::Rules(_) => self.rules_relations(ix, i),
            Meta::Meeting(_) => Relations::Meeting {
                adopted_here: self.adopted_not_decided(ix, i),
            },
            Meta::Member(_) => {
                let links = ix.member_links.get(&doc.slug).cloned().unwrap_or_default();
                let decisions = ix
                    .deciding
                    .iter()
                    .filter(|m| links.hosted.contains(m) || links.attended.contains(m))
                    .map(|&m| self.decision(ix, m))
                    .collect();
                Relations::Member {
                    hosted: links.hosted,
                    attended: links.attended,
                    news: links.news,
                    decisions,
                }
            }
            // A kind shows no other documents unless it says so here.
            _ => Relations::None,
        };
        let page = Page::Document(DocumentPage {
            doc: i,
            neighbours: if document_page {
                (None, None)
            } else {
                ix.neighbours.get(&i).copied().unwrap_or_default()
            },
            document_page,
            relations,
        });
        self.page_job(
            ix,
            path,
            "index.html",
            doc.template_name(),
            &doc.source,
            page,
        )
    }

    /// What a rules version's page shows beside itself: every version of its
    /// document, the one in force and those to come, the meetings that
    /// discussed it and the decisions that name it.
    fn rules_relations(&self, ix: &LangIndex, i: DocId) -> Relations {
        let lib = self.lib;
        let doc = &lib.docs[i];
        let Some(rules) = ix.rules_doc_of.get(&i).map(|&k| &ix.rules_docs[k]) else {
            return Relations::None;
        };
        let at = rules.versions.iter().position(|&v| v == i).unwrap_or(0);
        let folder = rules.folder.as_deref();
        let named = |slug: &str| slug == doc.slug || folder == Some(slug);
        let discussed_at = ix
            .meetings
            .iter()
            .copied()
            .filter(|&m| meeting(&lib.docs[m]).is_some_and(|m| m.rules.iter().any(|r| named(r))))
            .collect();
        let mut deciding: Vec<DocId> = ix
            .decided_on
            .iter()
            .filter(|(slug, _)| named(slug))
            .flat_map(|(_, ms)| ms.iter().copied())
            .collect();
        deciding.sort_by_key(|&m| {
            std::cmp::Reverse((meeting(&lib.docs[m]).map(|m| m.start.instant), m))
        });
        deciding.dedup();
        Relations::Rules(Box::new(RulesRelations {
            versions: rules.versions.clone(),
            in_force: rules.in_force,
            upcoming: rules.upcoming.clone(),
            previous: at.checked_sub(1).map(|p| rules.versions[p]),
            successor: rules.versions.get(at + 1).copied(),
            standing: standing(rules, i),
            folder: rules.folder.clone(),
            // Search finds the document's own page, not this copy of it.
            shown_by_document: folder.is_some() && rules.shown() == i,
            discussed_at,
            deciding,
        }))
    }

    /// A meeting's outcome for the decisions register and member pages: the
    /// meeting (with its decisions) and the rules versions it adopted.
    pub(crate) fn decision(&self, ix: &LangIndex, m: DocId) -> Decision {
        Decision {
            meeting: m,
            adopted: self.adopted_not_decided(ix, m),
        }
    }

    /// The rules versions adopted at meeting `m` (their `adopted_at`) that none
    /// of its written decisions names already: each adoption is said once.
    fn adopted_not_decided(&self, ix: &LangIndex, m: DocId) -> Vec<DocId> {
        let lib = self.lib;
        let decided: std::collections::HashSet<&str> = view::Shown::of(lib, m)
            .decisions
            .iter()
            .flatten()
            .map(|&(_, v)| lib.docs[v].slug.as_str())
            .collect();
        ix.adopted_at
            .get(&lib.docs[m].slug)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&v| !decided.contains(lib.docs[v].slug.as_str()))
            .collect()
    }

    /// The changes page at `path` from rules version `old` to `new`.
    fn changes_job(&'a self, ix: &'a LangIndex, path: String, old: DocId, new: DocId) -> Job<'a> {
        let source = &self.lib.docs[new].source;
        let page = Page::Changes { old, new };
        self.page_job(ix, path, "index.html", "rules_changes.html", source, page)
    }
}
