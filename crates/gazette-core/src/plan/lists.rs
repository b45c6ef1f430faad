//! Lists of documents: the home page, the sections' and channels' lists and
//! the tags', split into pages, with their section introductions.

use super::pages::{Home, Listed, Listing, Page, TagEntry};
use super::{Job, LangIndex, Planner};
use crate::content::{Kind, ListOrder};
use crate::site::DocId;

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

/// How many of each list the home page shows.
const HOME_ITEMS: usize = 5;

impl<'a> Planner<'a> {
    /// The pages of a list of `items`, `per_page` each, every page with the
    /// same introduction and halves (`upcoming`, `past`).
    #[allow(clippy::too_many_arguments)]
    fn listing_jobs(
        &'a self,
        ix: &'a LangIndex,
        of: Listed,
        list_path: String,
        items: &[DocId],
        per_page: usize,
        template: &str,
        halves: (Option<Vec<DocId>>, Option<Vec<DocId>>),
    ) -> Vec<Job<'a>> {
        let chunks: Vec<&[DocId]> = if items.is_empty() {
            vec![&[]]
        } else {
            items.chunks(per_page.max(1)).collect()
        };
        let total = chunks.len();
        let intro = match of {
            Listed::Tag { .. } => None,
            _ => ix.intros.get(list_path.trim_end_matches('/')).copied(),
        };
        chunks
            .into_iter()
            .enumerate()
            .map(|(k, chunk)| {
                let number = k + 1;
                let path = match number {
                    1 => list_path.clone(),
                    n => format!("{list_path}page/{n}/"),
                };
                let listing = Listing {
                    of: of.clone(),
                    list_path: list_path.clone(),
                    items: chunk.to_vec(),
                    number,
                    total,
                    intro,
                    upcoming: halves.0.clone(),
                    past: halves.1.clone(),
                };
                self.theme_page(ix, &path, template, Page::List(listing))
            })
            .collect()
    }

    /// A built-in kind's list: news by pages, the directories on one page.
    pub(crate) fn kind_list_jobs(&'a self, ix: &'a LangIndex, kind: Kind) -> Vec<Job<'a>> {
        let (Some(order), Some(section)) = (kind.spec().list, kind.section()) else {
            return vec![];
        };
        let (per_page, halves) = match order {
            ListOrder::Newest => (self.config.paginate_by, (None, None)),
            ListOrder::Meetings => (
                usize::MAX,
                (Some(ix.upcoming.clone()), Some(ix.past.clone())),
            ),
            ListOrder::Rules => (usize::MAX, (Some(self.rules_upcoming(ix)), None)),
            ListOrder::Weight => (usize::MAX, (None, None)),
        };
        self.listing_jobs(
            ix,
            Listed::Kind(kind),
            format!("{section}/"),
            self.kind_items(ix, kind),
            per_page,
            "list.html",
            halves,
        )
    }

    /// A channel's list, by pages like the news.
    pub(crate) fn channel_list_jobs(&'a self, ix: &'a LangIndex, c: usize) -> Vec<Job<'a>> {
        let (Some(channel), Some(items)) = (self.config.channels.get(c), ix.channels.get(c)) else {
            return vec![];
        };
        self.listing_jobs(
            ix,
            Listed::Channel(c),
            format!("{}/", channel.name),
            items,
            self.config.paginate_by,
            "list.html",
            (None, None),
        )
    }

    /// A tag's list.
    pub(crate) fn tag_jobs(&'a self, ix: &'a LangIndex, slug: &str) -> Vec<Job<'a>> {
        let Some((name, items)) = ix.tags.get(slug) else {
            return vec![];
        };
        let of = Listed::Tag {
            slug: slug.to_string(),
            name: name.clone(),
            lang: self.tag_lang(ix, items),
        };
        let path = format!("tags/{slug}/");
        let per_page = self.config.paginate_by;
        self.listing_jobs(ix, of, path, items, per_page, "tag.html", (None, None))
    }

    /// Every tag with its count.
    pub(crate) fn tag_index(&self, ix: &LangIndex) -> Page {
        Page::Tags(
            ix.tags
                .iter()
                .map(|(slug, (name, items))| TagEntry {
                    slug: slug.clone(),
                    name: name.clone(),
                    count: items.len(),
                    lang: self.tag_lang(ix, items),
                })
                .collect(),
        )
    }

    /// Adopted rules versions that take effect after the build's day.
    fn rules_upcoming(&self, ix: &LangIndex) -> Vec<DocId> {
        ix.rules_docs
            .iter()
            .flat_map(|d| d.upcoming.iter().copied())
            .collect()
    }

    pub(crate) fn home_job(&'a self, ix: &'a LangIndex) -> Job<'a> {
        let first = |items: &[DocId]| items[..items.len().min(HOME_ITEMS)].to_vec();
        let home = Home {
            upcoming: first(&ix.upcoming),
            news: first(ix.list(Kind::News)),
            rules_in_force: self.rules_in_force(ix),
            rules_upcoming: self.rules_upcoming(ix),
            leaders: self
                .config
                .leading_units
                .iter()
                .map(|t| self.lib.member_in_lang(&t.member, &ix.lang))
                .collect(),
            intro: ix.intros.get("").copied(),
            channels: ix
                .channels
                .iter()
                .enumerate()
                .map(|(c, items)| (c, first(items)))
                .collect(),
            members: ix.list(Kind::Member).to_vec(),
        };
        self.theme_page(ix, "", "index.html", Page::Home(home))
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
