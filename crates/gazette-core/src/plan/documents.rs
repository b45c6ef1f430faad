//! A document's own page; for a rules version also its changes pages, and for
//! a rules document kept in a folder the document's own page (the version in
//! force) at a URL that never changes.

use super::index::{meeting, MemberLinks, RulesDoc};
use super::{Job, LangIndex, MakeContext, Planner, NO_KEY};
use crate::changes;
use crate::content::Meta;
use crate::fingerprint;
use crate::site::DocId;
use crate::view;
use serde_json::{json, Map, Value};

type Relations<'a> = Box<dyn Fn() -> Map<String, Value> + Send + Sync + 'a>;

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
        let lib = self.lib;
        let doc = &lib.docs[i];
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
        let lib = self.lib;
        let config = self.config;
        let doc = &lib.docs[i];
        let mut deps = vec![i];
        let relations: Relations<'a> = match &doc.meta {
            Meta::Rules(_) => self.rules_relations(ix, i, &mut deps),
            Meta::Meeting(_) => {
                let adopted = self.adopted_not_decided(ix, i);
                deps.extend(&adopted);
                Box::new(move || {
                    let mut relations = Map::new();
                    relations.insert("adopted_here".into(), self.list(&adopted));
                    relations
                })
            }
            Meta::Member(_) => {
                let links = ix.member_links.get(&doc.slug);
                let deciding: Vec<DocId> = links.map_or(vec![], |l| {
                    ix.deciding
                        .iter()
                        .copied()
                        .filter(|m| l.hosted.contains(m) || l.attended.contains(m))
                        .collect()
                });
                if let Some(l) = links {
                    deps.extend(l.hosted.iter().chain(&l.attended).chain(&l.news));
                }
                for &m in &deciding {
                    deps.extend(self.decision_deps(ix, m));
                }
                Box::new(move || {
                    let empty = MemberLinks::default();
                    let links = links.unwrap_or(&empty);
                    let mut relations = Map::new();
                    relations.insert("meetings_hosted".into(), self.list(&links.hosted));
                    relations.insert("meetings_attended".into(), self.list(&links.attended));
                    relations.insert("news".into(), self.list(&links.news));
                    relations.insert(
                        "decisions".into(),
                        deciding
                            .iter()
                            .map(|&m| self.decision_entry(ix, m))
                            .collect(),
                    );
                    relations.insert(
                        "terms".into(),
                        config
                            .leading_units
                            .iter()
                            .filter(|t| t.member == doc.slug)
                            .map(|t| json!({ "from": t.from.to_string(), "to": t.to.map(|d| d.to_string()), "current": t.covers(self.today) }))
                            .collect(),
                    );
                    relations
                })
            }
            _ => Box::new(Map::new),
        };
        let key = match &doc.meta {
            // Which lists the member is in decides which relation each dependency fills.
            Meta::Member(_) => ix.member_links.get(&doc.slug).map_or(0, |l| {
                fingerprint::of((l.hosted.len(), l.attended.len(), l.news.len()))
            }),
            _ => fingerprint::of(document_page),
        };
        let p = path.clone();
        let context: MakeContext<'a> = Box::new(move || {
            let page = view::PageView::of(config, lib, i, self.today);
            // A rules document's own page is the same page in every language.
            let translations = match p.strip_prefix(&ix.prefix) {
                Some(in_lang) if document_page => self.list_translations(in_lang),
                _ => view::to_value(&page.translations),
            };
            let mut ctx = self.base(ix, &p, doc.kind.section().unwrap_or("page"), translations);
            let mut page = view::to_value(page);
            if let Value::Object(fields) = &mut page {
                fields.extend(relations());
                fields.insert("document_page".into(), json!(document_page));
                if document_page {
                    fields.insert("shown_by_document".into(), json!(false));
                }
            }
            ctx.insert("page".into(), page);
            ctx
        });
        Self::page_job(
            format!("{path}index.html"),
            doc.template_name(),
            &doc.source,
            deps,
            key,
            context,
        )
    }

    /// What a rules version's page shows beside itself: every version of its
    /// document, the one in force and those to come, the meetings that
    /// discussed it and the decisions that name it.
    fn rules_relations(
        &'a self,
        ix: &'a LangIndex,
        i: DocId,
        deps: &mut Vec<DocId>,
    ) -> Relations<'a> {
        let lib = self.lib;
        let config = self.config;
        let doc = &lib.docs[i];
        let Some(rules) = ix.rules_doc_of.get(&i).map(|&k| &ix.rules_docs[k]) else {
            return Box::new(Map::new);
        };
        let at = rules.versions.iter().position(|&v| v == i).unwrap_or(0);
        let previous = at.checked_sub(1).map(|p| rules.versions[p]);
        let successor = rules.versions.get(at + 1).copied();
        let folder: Option<&'a str> = rules.folder.as_deref();
        let discussed: Vec<DocId> = ix
            .meetings
            .iter()
            .copied()
            .filter(|&m| {
                meeting(&lib.docs[m]).is_some_and(|m| {
                    m.rules
                        .iter()
                        .any(|r| *r == doc.slug || Some(r.as_str()) == folder)
                })
            })
            .collect();
        let named = move |slug: &str| slug == doc.slug || folder == Some(slug);
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
        deps.extend(&rules.versions);
        deps.extend(&discussed);
        deps.extend(&deciding);
        let standing = standing(rules, i);
        Box::new(move || {
            let summary = |v: DocId| self.views.summary(v).clone();
            let mut relations = Map::new();
            relations.insert(
                "versions".into(),
                rules
                    .versions
                    .iter()
                    .map(|&v| {
                        let mut s = summary(v);
                        s["current"] = json!(v == i);
                        s["in_force"] = json!(rules.in_force == Some(v));
                        s["upcoming"] = json!(rules.upcoming.contains(&v));
                        s
                    })
                    .collect(),
            );
            relations.insert("standing".into(), json!(standing));
            // Search finds the document's own page, not this copy of it.
            relations.insert(
                "shown_by_document".into(),
                json!(folder.is_some() && rules.shown() == i),
            );
            relations.insert(
                "in_force".into(),
                rules.in_force.map_or(Value::Null, summary),
            );
            relations.insert("upcoming".into(), self.list(&rules.upcoming));
            relations.insert("supersedes".into(), previous.map_or(Value::Null, summary));
            relations.insert(
                "superseded_by".into(),
                successor.map_or(Value::Null, summary),
            );
            relations.insert(
                "changes_url".into(),
                previous.map_or(Value::Null, |_| {
                    json!(view::url_path(config, &format!("{}changes/", doc.url_path)))
                }),
            );
            relations.insert(
                "compare_url".into(),
                if standing == "earlier" {
                    json!(view::url_path(config, &format!("{}compare/", doc.url_path)))
                } else {
                    Value::Null
                },
            );
            relations.insert("discussed_at".into(), self.list(&discussed));
            relations.insert(
                "decisions".into(),
                deciding
                    .iter()
                    .map(|&m| {
                        let mut entry = summary(m);
                        let kept: Vec<Value> = meeting(&lib.docs[m])
                            .map(|mt| {
                                mt.decisions
                                    .iter()
                                    .zip(entry["decisions"].as_array().cloned().unwrap_or_default())
                                    .filter(|(d, _)| d.rules.iter().any(|r| named(r)))
                                    .map(|(_, v)| v)
                                    .collect()
                            })
                            .unwrap_or_default();
                        entry["decisions"] = Value::Array(kept);
                        entry
                    })
                    .collect(),
            );
            relations
        })
    }

    /// A meeting's outcome for the decisions register and member pages: the
    /// meeting (with its decisions) and the rules versions it adopted.
    pub(crate) fn decision_entry(&self, ix: &LangIndex, m: DocId) -> Value {
        let adopted = self.adopted_not_decided(ix, m);
        json!({ "meeting": self.views.summary(m), "adopted": self.list(&adopted) })
    }

    pub(crate) fn decision_deps(&self, ix: &LangIndex, m: DocId) -> Vec<DocId> {
        let mut deps = vec![m];
        deps.extend(self.adopted_not_decided(ix, m));
        deps
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
    pub(crate) fn changes_job(
        &'a self,
        ix: &'a LangIndex,
        path: String,
        old: DocId,
        new: DocId,
    ) -> Job<'a> {
        let p = path.clone();
        Self::page_job(
            format!("{path}index.html"),
            "rules_changes.html",
            &self.lib.docs[new].source,
            vec![old, new],
            NO_KEY,
            Box::new(move || {
                let (before, after) = (&self.lib.rendered[old], &self.lib.rendered[new]);
                let changes = changes::compare(
                    &before.scan.articles,
                    &before.articles,
                    &after.scan.articles,
                    &after.articles,
                );
                let count =
                    |k: changes::ChangeKind| changes.iter().filter(|c| c.change == k).count();
                let mut ctx = self.base(ix, &p, "rules_changes", Value::Array(vec![]));
                ctx.insert("page".into(), self.views.summary(new).clone());
                ctx.insert("previous".into(), self.views.summary(old).clone());
                ctx.insert(
                    "counts".into(),
                    json!({
                        "added": count(changes::ChangeKind::Added),
                        "removed": count(changes::ChangeKind::Removed),
                        "reworded": count(changes::ChangeKind::Reworded),
                        "unchanged": count(changes::ChangeKind::Unchanged),
                        "moved": changes.iter().filter(|c| c.moved).count(),
                    }),
                );
                ctx.insert("changes".into(), json!(changes));
                ctx
            }),
        )
    }
}
