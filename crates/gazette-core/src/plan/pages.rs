//! What each planned output shows, as plain data: the documents it lists and
//! the numbers that place it. A page reports the documents it shows itself
//! ([`Page::shows`]), so no job lists its dependencies by hand; its
//! fingerprint key is the data itself. [`super::context`] turns a page into
//! the context its template reads.

use crate::content::Kind;
use crate::site::DocId;

/// One page of the site, by what it shows.
#[derive(Debug, Hash)]
pub(crate) enum Page {
    Home(Home),
    /// A page of a section's list (a kind's or a channel's) or of a tag's.
    List(Listing),
    /// Every tag with its count.
    Tags(Vec<TagEntry>),
    Document(DocumentPage),
    /// What rules version `new` changed from `old`.
    Changes {
        old: DocId,
        new: DocId,
    },
    /// Every decision of every meeting, latest first.
    Decisions(Vec<Decision>),
    Search,
    NotFound,
}

#[derive(Debug, Hash)]
pub(crate) struct Home {
    pub(crate) upcoming: Vec<DocId>,
    pub(crate) news: Vec<DocId>,
    pub(crate) rules_in_force: Vec<DocId>,
    pub(crate) rules_upcoming: Vec<DocId>,
    /// Each leading unit's member page in the reader's language, by term.
    pub(crate) leaders: Vec<Option<DocId>>,
    pub(crate) intro: Option<DocId>,
    /// Each channel (its place in `config.channels`) with its latest items.
    pub(crate) channels: Vec<(usize, Vec<DocId>)>,
    /// Every member, for the consortium's structured data.
    pub(crate) members: Vec<DocId>,
}

/// What a list is of.
#[derive(Debug, Clone, Hash)]
pub(crate) enum Listed {
    /// A built-in kind's section.
    Kind(Kind),
    /// A channel, by its place in `config.channels`.
    Channel(usize),
    /// A tag, by its slug and name, with the language of its name when only
    /// documents of another language carry it.
    Tag {
        slug: String,
        name: String,
        lang: Option<String>,
    },
}

/// One page of a list.
#[derive(Debug, Hash)]
pub(crate) struct Listing {
    pub(crate) of: Listed,
    /// Under the language's prefix: `news/`, `tags/党建/`.
    pub(crate) list_path: String,
    /// The items on this page.
    pub(crate) items: Vec<DocId>,
    /// This page's number and the number of pages.
    pub(crate) number: usize,
    pub(crate) total: usize,
    pub(crate) intro: Option<DocId>,
    /// Meetings: the two halves of the list. Rules: the versions to come.
    pub(crate) upcoming: Option<Vec<DocId>>,
    pub(crate) past: Option<Vec<DocId>>,
}

#[derive(Debug, Hash)]
pub(crate) struct TagEntry {
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) count: usize,
    pub(crate) lang: Option<String>,
}

/// A meeting's outcome: the meeting (with its decisions) and the rules
/// versions it adopted that none of its decisions names.
#[derive(Debug, Hash)]
pub(crate) struct Decision {
    pub(crate) meeting: DocId,
    pub(crate) adopted: Vec<DocId>,
}

/// A document's page: at its own URL, or a rules document's own page.
#[derive(Debug, Hash)]
pub(crate) struct DocumentPage {
    pub(crate) doc: DocId,
    /// `rules/<document>/`: the same page in every language.
    pub(crate) document_page: bool,
    pub(crate) relations: Relations,
    /// The items before and after it in its section's list, as shown.
    pub(crate) neighbours: (Option<DocId>, Option<DocId>),
}

/// What a document's page shows of others, by its kind.
#[derive(Debug, Hash)]
pub(crate) enum Relations {
    None,
    Meeting {
        adopted_here: Vec<DocId>,
    },
    Member {
        hosted: Vec<DocId>,
        attended: Vec<DocId>,
        news: Vec<DocId>,
        decisions: Vec<Decision>,
    },
    Rules(Box<RulesRelations>),
}

/// What a rules version's page shows beside itself.
#[derive(Debug, Hash)]
pub(crate) struct RulesRelations {
    /// Every version of its document, oldest first.
    pub(crate) versions: Vec<DocId>,
    pub(crate) in_force: Option<DocId>,
    pub(crate) upcoming: Vec<DocId>,
    pub(crate) previous: Option<DocId>,
    pub(crate) successor: Option<DocId>,
    /// `in_force`, `upcoming`, `earlier` or `not_in_force` on the build's day.
    pub(crate) standing: &'static str,
    /// The document's folder, when it has its own page (which search finds
    /// instead of this version's copy of it).
    pub(crate) folder: Option<String>,
    pub(crate) shown_by_document: bool,
    pub(crate) discussed_at: Vec<DocId>,
    /// The meetings whose decisions name it, latest first.
    pub(crate) deciding: Vec<DocId>,
}

impl Page {
    /// Every document whose views the page shows.
    pub(crate) fn shows(&self) -> Vec<DocId> {
        let mut out = Vec::new();
        let decisions = |out: &mut Vec<DocId>, ds: &[Decision]| {
            for d in ds {
                out.push(d.meeting);
                out.extend(&d.adopted);
            }
        };
        match self {
            Page::Home(h) => {
                out.extend(h.upcoming.iter().chain(&h.news));
                out.extend(h.rules_in_force.iter().chain(&h.rules_upcoming));
                out.extend(h.leaders.iter().flatten());
                out.extend(&h.intro);
                out.extend(h.channels.iter().flat_map(|(_, items)| items));
                out.extend(&h.members);
            }
            Page::List(l) => {
                out.extend(&l.items);
                out.extend(l.upcoming.iter().chain(&l.past).flatten());
                out.extend(&l.intro);
            }
            Page::Document(d) => {
                out.push(d.doc);
                out.extend(d.neighbours.0.iter().chain(&d.neighbours.1));
                match &d.relations {
                    Relations::None => {}
                    Relations::Meeting { adopted_here } => out.extend(adopted_here),
                    Relations::Member {
                        hosted,
                        attended,
                        news,
                        decisions: ds,
                    } => {
                        out.extend(hosted.iter().chain(attended).chain(news));
                        decisions(&mut out, ds);
                    }
                    Relations::Rules(r) => {
                        out.extend(&r.versions);
                        out.extend(r.discussed_at.iter().chain(&r.deciding));
                    }
                }
            }
            Page::Changes { old, new } => out.extend([*old, *new]),
            Page::Decisions(ds) => decisions(&mut out, ds),
            Page::Tags(_) | Page::Search | Page::NotFound => {}
        }
        out
    }

    /// What decides the page beside the views of the documents it shows.
    pub(crate) fn key(&self) -> u64 {
        crate::fingerprint::of(self)
    }
}
