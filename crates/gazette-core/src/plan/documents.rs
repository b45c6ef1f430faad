//! A document's own page, and for a rules version its changes page.

use super::index::{meeting, MemberLinks};
use super::{Job, LangIndex, MakeContext, Planner, NO_KEY};
use crate::changes;
use crate::content::Meta;
use crate::fingerprint;
use crate::site::DocId;
use crate::view;
use serde_json::{json, Map, Value};

impl<'a> Planner<'a> {
    /// A document's page, and for a rules version its changes page.
    pub(crate) fn document_jobs(&'a self, ix: &'a LangIndex, i: DocId) -> Vec<Job<'a>> {
        let lib = self.lib;
        let config = self.config;
        let doc = &lib.docs[i];
        let mut jobs = Vec::new();
        let mut deps = vec![i];
        let relations: Box<dyn Fn() -> Map<String, Value> + Send + Sync + 'a> = match &doc.meta {
            Meta::Rules(r) => {
                let mut history: Vec<DocId> = lib.supersedes_chain(doc).unwrap_or_default();
                history.reverse();
                history.push(i);
                let mut newer = i;
                while let Some(&next) = ix.successors.get(&lib.docs[newer].slug) {
                    if history.contains(&next) {
                        break;
                    }
                    history.push(next);
                    newer = next;
                }
                let previous = r
                    .supersedes
                    .as_deref()
                    .and_then(|s| lib.rules_in_lang(s, &ix.lang))
                    .copied();
                let successor = history
                    .iter()
                    .position(|&v| v == i)
                    .and_then(|k| history.get(k + 1))
                    .copied();
                let discussed: Vec<DocId> = ix
                    .upcoming
                    .iter()
                    .chain(&ix.past)
                    .copied()
                    .filter(|&m| meeting(&lib.docs[m]).is_some_and(|m| m.rules.contains(&doc.slug)))
                    .collect();
                deps.extend(&history);
                deps.extend(previous);
                deps.extend(&discussed);
                if let Some(prev) = previous {
                    jobs.push(self.changes_job(ix, i, prev));
                }
                Box::new(move || {
                    let mut relations = Map::new();
                    relations.insert(
                        "versions".into(),
                        history
                            .iter()
                            .map(|&v| {
                                let mut s = self.views.summary(v).clone();
                                s["current"] = json!(v == i);
                                s
                            })
                            .collect(),
                    );
                    relations.insert(
                        "supersedes".into(),
                        previous.map_or(Value::Null, |p| self.views.summary(p).clone()),
                    );
                    relations.insert(
                        "superseded_by".into(),
                        successor.map_or(Value::Null, |s| self.views.summary(s).clone()),
                    );
                    relations.insert(
                        "changes_url".into(),
                        previous.map_or(Value::Null, |_| {
                            json!(view::url_path(config, &format!("{}changes/", doc.url_path)))
                        }),
                    );
                    relations.insert("discussed_at".into(), self.list(&discussed));
                    relations
                })
            }
            Meta::Member(_) => {
                let links = ix.member_links.get(&doc.slug);
                if let Some(l) = links {
                    deps.extend(l.hosted.iter().chain(&l.attended).chain(&l.news));
                }
                Box::new(move || {
                    let empty = MemberLinks::default();
                    let links = links.unwrap_or(&empty);
                    let mut relations = Map::new();
                    relations.insert("meetings_hosted".into(), self.list(&links.hosted));
                    relations.insert("meetings_attended".into(), self.list(&links.attended));
                    relations.insert("news".into(), self.list(&links.news));
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
            _ => 0,
        };
        let context: MakeContext<'a> = Box::new(move || {
            let page = view::PageView::of(config, lib, i);
            let mut ctx = self.base(
                ix,
                &doc.url_path,
                doc.kind.section().unwrap_or("page"),
                view::to_value(&page.translations),
            );
            let mut page = view::to_value(page);
            if let Value::Object(fields) = &mut page {
                fields.extend(relations());
            }
            ctx.insert("page".into(), page);
            ctx
        });
        jobs.push(Self::page_job(
            format!("{}index.html", doc.url_path),
            doc.template_name(),
            &doc.source,
            deps,
            key,
            context,
        ));
        jobs
    }

    pub(crate) fn changes_job(&'a self, ix: &'a LangIndex, i: DocId, prev: DocId) -> Job<'a> {
        let doc = &self.lib.docs[i];
        let path = format!("{}changes/", doc.url_path);
        let p = path.clone();
        Self::page_job(
            format!("{path}index.html"),
            "rules_changes.html",
            &doc.source,
            vec![i, prev],
            NO_KEY,
            Box::new(move || {
                let changes = changes::compare(
                    &self.lib.rendered[prev].scan.articles,
                    &self.lib.rendered[i].scan.articles,
                );
                let count =
                    |k: changes::ChangeKind| changes.iter().filter(|c| c.change == k).count();
                let mut ctx = self.base(ix, &p, "rules_changes", Value::Array(vec![]));
                ctx.insert("page".into(), self.views.summary(i).clone());
                ctx.insert("previous".into(), self.views.summary(prev).clone());
                ctx.insert(
                    "counts".into(),
                    json!({
                        "added": count(changes::ChangeKind::Added),
                        "removed": count(changes::ChangeKind::Removed),
                        "reworded": count(changes::ChangeKind::Reworded),
                        "unchanged": count(changes::ChangeKind::Unchanged),
                    }),
                );
                ctx.insert("changes".into(), json!(changes));
                ctx
            }),
        )
    }
}
