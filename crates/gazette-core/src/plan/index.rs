//! One language's share of the site, sorted for display: news, upcoming and
//! past meetings, rules, members, pages, tags, and what points at each member.

use super::Planner;
use crate::content::{Document, Kind, ListOrder, Meta};
use crate::site::{DocId, Site};
use crate::view;
use std::collections::{BTreeMap, HashMap};

/// What one language of the site holds, sorted for display.
pub(crate) struct LangIndex {
    pub(crate) lang: String,
    pub(crate) prefix: String,
    /// The lists of the kinds listed in one sequence (news, members, plain
    /// pages, and any kind whose list is not meetings' or rules'), sorted as
    /// their [`ListOrder`] says.
    pub(crate) lists: BTreeMap<Kind, Vec<DocId>>,
    /// Each channel's items (by the channel's place in `config.channels`), newest first.
    pub(crate) channels: Vec<Vec<DocId>>,
    /// The news and every channel's items, newest first: the site's feed.
    pub(crate) stream: Vec<DocId>,
    pub(crate) upcoming: Vec<DocId>,
    pub(crate) past: Vec<DocId>,
    /// Upcoming, then past.
    pub(crate) meetings: Vec<DocId>,
    /// Every meeting, soonest first, even those the list hides untranslated:
    /// a meeting is one event whatever language its page is written in.
    pub(crate) calendar: Vec<DocId>,
    /// Newest version of each rules document.
    pub(crate) rules_heads: Vec<DocId>,
    /// The version `/rules/` lists for each document (see [`RulesDoc::shown`]).
    pub(crate) rules_shown: Vec<DocId>,
    /// Each rules document with its versions, in the order of `rules_heads`.
    pub(crate) rules_docs: Vec<RulesDoc>,
    /// Rules version → its document's place in `rules_docs`.
    pub(crate) rules_doc_of: HashMap<DocId, usize>,
    /// Meeting slug → the rules versions adopted at it.
    pub(crate) adopted_at: HashMap<String, Vec<DocId>>,
    /// Rules slug (a version's, or a document folder's) → the meetings with a
    /// decision that names it, latest first.
    pub(crate) decided_on: HashMap<String, Vec<DocId>>,
    /// Meetings that decided something or adopted rules, latest first.
    pub(crate) deciding: Vec<DocId>,
    pub(crate) tags: BTreeMap<String, (String, Vec<DocId>)>,
    pub(crate) intros: HashMap<String, DocId>,
    /// Rules slug → the version that supersedes it.
    pub(crate) successors: HashMap<String, DocId>,
    /// Member slug → what other documents say about it.
    pub(crate) member_links: HashMap<String, MemberLinks>,
    /// A listed news item, notice, meeting or member → the items before and
    /// after it in its list, as the list shows them.
    pub(crate) neighbours: HashMap<DocId, (Option<DocId>, Option<DocId>)>,
}

/// One rules document in one language: its versions and which binds today.
pub(crate) struct RulesDoc {
    /// `content/rules/<folder>/`: the document has its own pages there.
    pub(crate) folder: Option<String>,
    /// Oldest first.
    pub(crate) versions: Vec<DocId>,
    /// The newest version in force on the build's day.
    pub(crate) in_force: Option<DocId>,
    /// Adopted versions newer than the one in force that take effect later.
    pub(crate) upcoming: Vec<DocId>,
}

impl RulesDoc {
    /// The version the document's own page and the lists show: the one in
    /// force, else the next to take effect, else the newest.
    pub(crate) fn shown(&self) -> DocId {
        self.in_force
            .or_else(|| self.upcoming.first().copied())
            .unwrap_or(self.versions[self.versions.len() - 1])
    }

    fn of(lib: &Site, head: DocId, lang: &str, today: chrono::NaiveDate) -> RulesDoc {
        let mut versions = lib
            .supersedes_chain_in(&lib.docs[head], lang)
            .unwrap_or_default();
        versions.reverse();
        versions.push(head);
        let standing = lib.standing_on(&versions, today);
        RulesDoc {
            folder: match &lib.docs[head].meta {
                Meta::Rules(r) => r.document.clone(),
                _ => None,
            },
            in_force: standing.in_force.map(|k| versions[k]),
            upcoming: standing.upcoming.iter().map(|&k| versions[k]).collect(),
            versions,
        }
    }
}

/// What other documents say about one member: meetings hosted and attended, news.
#[derive(Default, Clone)]
pub(crate) struct MemberLinks {
    pub(crate) hosted: Vec<DocId>,
    pub(crate) attended: Vec<DocId>,
    pub(crate) news: Vec<DocId>,
}

pub(crate) fn sort_newest_first(lib: &Site, items: &mut [DocId]) {
    items.sort_by(|&a, &b| {
        let (da, db) = (&lib.docs[a], &lib.docs[b]);
        db.common
            .date
            .cmp(&da.common.date)
            .then_with(|| da.source.cmp(&db.source))
    });
}

pub(crate) fn by_weight_then_title(lib: &Site, items: &mut [DocId]) {
    items.sort_by(|&a, &b| lib.docs[a].list_key().cmp(&lib.docs[b].list_key()));
}

pub(crate) fn meeting(doc: &Document) -> Option<&crate::content::meeting::Meeting> {
    match &doc.meta {
        Meta::Meeting(m) => Some(m),
        _ => None,
    }
}

impl LangIndex {
    /// The list of a kind listed in one sequence (see [`LangIndex::lists`]).
    pub(crate) fn list(&self, kind: Kind) -> &[DocId] {
        self.lists.get(&kind).map_or(&[], Vec::as_slice)
    }
}

impl Planner<'_> {
    pub(crate) fn index(&self, lang: &str) -> LangIndex {
        let lib = self.lib;
        let mut ix = LangIndex {
            lang: lang.to_string(),
            prefix: self.config.lang_prefix(lang),
            lists: BTreeMap::new(),
            channels: vec![vec![]; self.config.channels.len()],
            stream: vec![],
            upcoming: vec![],
            past: vec![],
            meetings: vec![],
            calendar: vec![],
            rules_heads: vec![],
            rules_shown: vec![],
            rules_docs: vec![],
            rules_doc_of: HashMap::new(),
            adopted_at: HashMap::new(),
            decided_on: HashMap::new(),
            deciding: vec![],
            tags: BTreeMap::new(),
            intros: HashMap::new(),
            successors: HashMap::new(),
            member_links: HashMap::new(),
            neighbours: HashMap::new(),
        };
        // Readers of `lang` see each document in `lang` when it is translated,
        // else in its original language (unless the section hides those).
        let shown: Vec<DocId> = lib
            .docs
            .ids()
            .filter(|&i| lib.is_shown_in(i, lang))
            .collect();
        let listed = |i: DocId| {
            let doc = &lib.docs[i];
            doc.lang == lang || self.config.untranslated.shows(doc.section())
        };
        for &i in shown.iter().filter(|&&i| listed(i)) {
            let doc = &lib.docs[i];
            if let Some(prev) = lib.previous_version(doc) {
                ix.successors.entry(prev.to_string()).or_insert(i);
            }
        }
        let mut calendar = Vec::new();
        for &i in &shown {
            let doc = &lib.docs[i];
            if let Meta::Meeting(_) = &doc.meta {
                calendar.push(i);
            }
            if !listed(i) {
                continue;
            }
            if doc.is_section_index {
                ix.intros.insert(doc.section().unwrap_or("").to_string(), i);
                if doc.kind == Kind::Page && doc.url_path != ix.prefix {
                    ix.lists.entry(Kind::Page).or_default().push(i);
                }
                continue;
            }
            // An expired notice keeps its page, out of every list.
            if doc.has_expired(self.today) {
                continue;
            }
            for tag in &doc.common.tags {
                ix.tags
                    .entry(view::tag_slug(self.config, tag))
                    .or_insert_with(|| (tag.clone(), vec![]))
                    .1
                    .push(i);
            }
            // A channel's items are its own; meetings and rules have lists of
            // their own shape; every other kind is one sequence.
            match (&doc.channel, doc.kind.spec().list, &doc.meta) {
                (Some(name), _, _) => {
                    let c = self.config.channels.iter().position(|c| &c.name == name);
                    if let Some(items) = c.and_then(|c| ix.channels.get_mut(c)) {
                        items.push(i);
                    }
                }
                (None, Some(ListOrder::Meetings), Meta::Meeting(m)) => {
                    let last_day = m.end.unwrap_or(m.start).date();
                    if last_day >= self.today {
                        ix.upcoming.push(i)
                    } else {
                        ix.past.push(i)
                    }
                }
                (None, Some(ListOrder::Rules), _) => {
                    if !ix.successors.contains_key(&doc.slug) {
                        ix.rules_heads.push(i)
                    }
                }
                _ => ix.lists.entry(doc.kind).or_default().push(i),
            }
        }
        for (kind, items) in &mut ix.lists {
            match kind.spec().list {
                Some(ListOrder::Newest) => sort_newest_first(lib, items),
                _ => by_weight_then_title(lib, items),
            }
        }
        for items in &mut ix.channels {
            sort_newest_first(lib, items);
        }
        ix.stream = ix
            .list(Kind::News)
            .iter()
            .chain(ix.channels.iter().flatten())
            .copied()
            .collect();
        sort_newest_first(lib, &mut ix.stream);
        let start = |i: &DocId| meeting(&lib.docs[*i]).map(|m| m.start.instant);
        ix.upcoming.sort_by_key(|i| (start(i), *i));
        ix.past.sort_by_key(|i| std::cmp::Reverse((start(i), *i)));
        calendar.sort_by_key(|i| (start(i), *i));
        ix.calendar = calendar;
        by_weight_then_title(lib, &mut ix.rules_heads);
        for (_, items) in ix.tags.values_mut() {
            sort_newest_first(lib, items);
        }
        ix.meetings = ix.upcoming.iter().chain(&ix.past).copied().collect();
        for &i in &ix.meetings {
            let Some(m) = meeting(&lib.docs[i]) else {
                continue;
            };
            if let Some(h) = &m.host {
                ix.member_links.entry(h.clone()).or_default().hosted.push(i);
            }
            for a in &m.attendees {
                ix.member_links
                    .entry(a.clone())
                    .or_default()
                    .attended
                    .push(i);
            }
        }
        for &head in &ix.rules_heads {
            let doc = RulesDoc::of(lib, head, lang, self.today);
            for &v in &doc.versions {
                ix.rules_doc_of.insert(v, ix.rules_docs.len());
                if let Meta::Rules(r) = &lib.docs[v].meta {
                    if let Some(m) = &r.adopted_at {
                        ix.adopted_at.entry(m.clone()).or_default().push(v);
                    }
                }
            }
            ix.rules_shown.push(doc.shown());
            ix.rules_docs.push(doc);
        }
        // Latest first, as the meetings list shows past meetings.
        let mut by_start = ix.meetings.clone();
        by_start.sort_by_key(|i| std::cmp::Reverse((start(i), *i)));
        for &i in &by_start {
            let Some(m) = meeting(&lib.docs[i]) else {
                continue;
            };
            for slug in m.decisions.iter().flat_map(|d| &d.rules) {
                let meetings = ix.decided_on.entry(slug.clone()).or_default();
                if meetings.last() != Some(&i) {
                    meetings.push(i);
                }
            }
            if !m.decisions.is_empty() || ix.adopted_at.contains_key(&lib.docs[i].slug) {
                ix.deciding.push(i);
            }
        }
        for &i in &ix.stream {
            if let Meta::News(n) = &lib.docs[i].meta {
                for o in &n.organizations {
                    ix.member_links.entry(o.clone()).or_default().news.push(i);
                }
            }
        }
        let sequences = [ix.list(Kind::News), ix.list(Kind::Member), &ix.meetings[..]]
            .into_iter()
            .chain(ix.channels.iter().map(Vec::as_slice));
        let mut neighbours = HashMap::new();
        for items in sequences {
            for (k, &i) in items.iter().enumerate() {
                let before = k.checked_sub(1).map(|b| items[b]);
                neighbours.insert(i, (before, items.get(k + 1).copied()));
            }
        }
        ix.neighbours = neighbours;
        ix
    }

    /// The rules versions in force on the build's day, one per document: the
    /// newest that is adopted and effective (a version that takes effect later
    /// leaves the previous one in force until then).
    pub(crate) fn rules_in_force(&self, ix: &LangIndex) -> Vec<DocId> {
        ix.rules_docs.iter().filter_map(|d| d.in_force).collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{id, TestSite};

    fn meetings() -> TestSite {
        TestSite::new()
            .file("content/meetings/2026-12-01-next.md", "---\ntitle: Next\nstart: 2026-12-01T10:00\nhost: alpha\n---\nSoon.\n")
            .file("content/meetings/2026-11-24-today.md", "---\ntitle: Today\nstart: 2026-11-24T09:00\n---\nNow.\n")
            .file("content/meetings/2025-01-01-old.md", "---\ntitle: Old\nstart: 2025-01-01T09:00\nstatus: held\nattendees: [alpha]\n---\nDone.\n")
            .file("content/meetings/2026-03-01-spring.md", "---\ntitle: Spring\nstart: 2026-03-01T09:00\nstatus: held\n---\nDone.\n")
    }

    #[test]
    fn meetings_split_on_today_soonest_and_latest_first() {
        let site = meetings();
        let (config, lib) = site.site();
        let planner = crate::plan::Planner {
            config: &config,
            lib: &lib,
            views: &crate::view::Views::new(
                config.clone(),
                lib.clone(),
                crate::testing::TODAY.parse().unwrap(),
            ),
            today: crate::testing::TODAY.parse().unwrap(),
            sites: Default::default(),
            site_image: None,
        };
        let ix = planner.index("en");
        let titles = |ids: &[crate::site::DocId]| -> Vec<String> {
            ids.iter()
                .map(|&i| lib.docs[i].common.title.clone())
                .collect()
        };
        // A meeting on the build's day is still upcoming.
        assert_eq!(titles(&ix.upcoming), ["Today", "Next"]);
        assert_eq!(titles(&ix.past), ["Spring", "Old"]);
        assert_eq!(titles(&ix.meetings), ["Today", "Next", "Spring", "Old"]);
        let alpha = &ix.member_links["alpha"];
        assert_eq!(
            alpha.hosted,
            [id(&lib, "content/meetings/2026-12-01-next.md")]
        );
        assert_eq!(
            alpha.attended,
            [id(&lib, "content/meetings/2025-01-01-old.md")]
        );
        // Untranslated, they are listed in Chinese too, in English.
        assert_eq!(titles(&planner.index("zh").meetings), titles(&ix.meetings));
    }
}
