//! Lists of documents: the home page, paginated sections and tags, with
//! their paginators and section introductions.

use super::{Job, LangIndex, MakeContext, Planner, NO_KEY};
use crate::fingerprint;
use crate::site::DocId;
use crate::view;
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// The page numbers a paginator links to: the first, the last and two either side
/// of the current one (so a list of 1,000 pages does not link every page from
/// every page), each with whether numbers were skipped before it.
pub(crate) fn page_window(current: usize, total: usize) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = Vec::new();
    for p in 1..=total {
        if p == 1 || p == total || p.abs_diff(current) <= 2 {
            let gap = out.last().is_some_and(|&(last, _)| p > last + 1);
            out.push((p, gap));
        }
    }
    out
}

impl<'a> Planner<'a> {
    /// The pages of a list, `per_page` items each; `extra` adds fields (and
    /// `extra_deps` the documents they show) to every page.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn paginate(
        &'a self,
        ix: &'a LangIndex,
        section: &str,
        items: &'a [DocId],
        per_page: usize,
        template: &str,
        kind: &'static str,
        extra: Arc<dyn Fn() -> Map<String, Value> + Send + Sync + 'a>,
        extra_deps: &[DocId],
        extra_key: u64,
    ) -> Vec<Job<'a>> {
        let per = per_page.max(1);
        let chunks: Vec<&'a [DocId]> = if items.is_empty() {
            vec![&[][..]]
        } else {
            items.chunks(per).collect()
        };
        let total = chunks.len();
        let section = section.to_string();
        let page_path = move |prefix: &str, section: &str, n: usize| {
            if n == 1 {
                format!("{prefix}{section}")
            } else {
                format!("{prefix}{section}page/{n}/")
            }
        };
        chunks
            .into_iter()
            .enumerate()
            .map(|(k, chunk)| {
                let n = k + 1;
                let path = page_path(&ix.prefix, &section, n);
                let extra = extra.clone();
                let section = section.clone();
                let mut deps = chunk.to_vec();
                deps.extend_from_slice(extra_deps);
                let context: MakeContext<'a> = Box::new(move || {
                    let path = page_path(&ix.prefix, &section, n);
                    // Other languages may have fewer pages, or not this tag: the
                    // switcher leads to the section's first page (or the tag index).
                    let in_lang = match section.strip_prefix("tags/") {
                        Some(_) => "tags/".to_string(),
                        None => section.clone(),
                    };
                    let mut ctx = self.base(ix, &path, kind, self.list_translations(&in_lang));
                    ctx.insert("pages".into(), self.list(chunk));
                    let url = |p: usize| view::url_path(self.config, &page_path(&ix.prefix, &section, p));
                    ctx.insert(
                        "paginator".into(),
                        json!({
                            "current": n,
                            "total": total,
                            "previous": (n > 1).then(|| url(n - 1)),
                            "next": (n < total).then(|| url(n + 1)),
                            "pages": page_window(n, total).into_iter().map(|(p, gap)| json!({ "number": p, "url": url(p), "gap_before": gap })).collect::<Vec<_>>(),
                        }),
                    );
                    ctx.extend(extra());
                    ctx
                });
                Self::page_job(
                    format!("{path}index.html"),
                    template,
                    &format!("templates/{template}"),
                    deps,
                    fingerprint::of((n, total, extra_key)),
                    context,
                )
            })
            .collect()
    }

    pub(crate) fn intro(&self, ix: &LangIndex, section: &str) -> Value {
        ix.intros.get(section).map_or(Value::Null, |&i| json!({ "title": self.lib.docs[i].common.title, "content": self.lib.rendered[i].html }))
    }

    pub(crate) fn intro_deps(ix: &LangIndex, section: &str) -> Vec<DocId> {
        ix.intros.get(section).copied().into_iter().collect()
    }

    pub(crate) fn section_extra(
        &'a self,
        ix: &'a LangIndex,
        name: &'static str,
    ) -> Arc<dyn Fn() -> Map<String, Value> + Send + Sync + 'a> {
        Arc::new(move || {
            let mut m = Map::new();
            m.insert("section".into(), json!(name));
            m.insert("intro".into(), self.intro(ix, name));
            m
        })
    }

    pub(crate) fn home_job(&'a self, ix: &'a LangIndex) -> Job<'a> {
        let config = self.config;
        let lib = self.lib;
        let upcoming = &ix.upcoming[..ix.upcoming.len().min(5)];
        let news = &ix.news[..ix.news.len().min(5)];
        let in_force = self.rules_in_force(ix);
        let rules_upcoming: Vec<DocId> = ix
            .rules_docs
            .iter()
            .flat_map(|d| d.upcoming.iter().copied())
            .collect();
        let mut deps: Vec<DocId> = upcoming
            .iter()
            .chain(news)
            .chain(&in_force)
            .chain(&rules_upcoming)
            .copied()
            .collect();
        deps.extend(
            config
                .leading_units
                .iter()
                .filter_map(|t| lib.member_in_lang(&t.member, &ix.lang)),
        );
        deps.extend(Self::intro_deps(ix, ""));
        let context: MakeContext<'a> = Box::new(move || {
            let mut home = self.base(ix, &ix.prefix, "home", self.list_translations(""));
            let terms: Vec<Value> = config
                .leading_units
                .iter()
                .map(|t| {
                    json!({
                        "member": view::to_value(view::Reference::member(config, lib, &t.member, lib.member_in_lang(&t.member, &ix.lang))),
                        "from": t.from.to_string(),
                        "to": t.to.map(|d| d.to_string()),
                        "current": t.covers(self.today),
                    })
                })
                .collect();
            home.insert(
                "leading_unit".into(),
                terms
                    .iter()
                    .find(|t| t["current"] == json!(true))
                    .cloned()
                    .unwrap_or(Value::Null),
            );
            home.insert("leading_units".into(), Value::Array(terms));
            home.insert("upcoming_meetings".into(), self.list(upcoming));
            home.insert("latest_news".into(), self.list(news));
            home.insert("rules_in_force".into(), self.list(&in_force));
            home.insert("rules_upcoming".into(), self.list(&rules_upcoming));
            home.insert("intro".into(), self.intro(ix, ""));
            home
        });
        Self::page_job(
            format!("{}index.html", ix.prefix),
            "index.html",
            "templates/index.html",
            deps,
            NO_KEY,
            context,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn paginators_link_the_ends_and_the_neighbours() {
        /// Current page, pages, and the numbers linked with whether a gap precedes each.
        type Case = (usize, usize, &'static [(usize, bool)]);
        let cases: &[Case] = &[
            (1, 1, &[(1, false)]),
            (1, 3, &[(1, false), (2, false), (3, false)]),
            (
                5,
                10,
                &[
                    (1, false),
                    (3, true),
                    (4, false),
                    (5, false),
                    (6, false),
                    (7, false),
                    (10, true),
                ],
            ),
            (10, 10, &[(1, false), (8, true), (9, false), (10, false)]),
        ];
        for &(current, total, want) in cases {
            assert_eq!(
                page_window(current, total),
                want,
                "page {current} of {total}"
            );
        }
    }
}
