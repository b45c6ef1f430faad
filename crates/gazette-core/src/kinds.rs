//! The kinds of document, each described once: where its sources live, what
//! front matter it takes, how its list is ordered and shown, which template
//! renders it, which theme string names it and what `gazette new` calls it.
//! Every other place reads this table; a `match` over [`Kind`] without a
//! catch-all arm is where a new kind must say something of its own.

use crate::frontmatter::Schema;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    News,
    Meeting,
    Rules,
    Member,
    Page,
}

/// How a kind's list page orders and splits its documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOrder {
    /// Newest first, `paginate_by` per page (news and news-like channels).
    Newest,
    /// Upcoming soonest first, then past latest first, on one page.
    Meetings,
    /// The version of each document to show, by weight then title, on one page.
    Rules,
    /// By weight, then title, on one page.
    Weight,
}

/// Everything about a kind that is not its own data.
#[derive(Debug)]
pub struct KindSpec {
    pub kind: Kind,
    /// The content folder and URL section; plain pages have none.
    pub section: Option<&'static str>,
    /// The template of a document's page.
    pub template: &'static str,
    /// The front-matter keys it accepts (besides `extra:`).
    pub schema: &'static Schema,
    /// Its list page under `/<section>/`, when it has one.
    pub list: Option<ListOrder>,
    /// Its own Atom feed at `/<section>/atom.xml`.
    pub feed: bool,
    /// In the header when `site.yaml` lists no main menu.
    pub in_default_menu: bool,
    /// The theme string that names it (in menus, titles and the search filter).
    pub string: &'static str,
    /// The names `gazette new` takes for it.
    pub new_names: &'static [&'static str],
}

pub const KINDS: [KindSpec; 5] = [
    KindSpec {
        kind: Kind::News,
        section: Some("news"),
        template: "news.html",
        schema: &schemas::NEWS,
        list: Some(ListOrder::Newest),
        feed: true,
        in_default_menu: true,
        string: "news",
        new_names: &["news"],
    },
    KindSpec {
        kind: Kind::Meeting,
        section: Some("meetings"),
        template: "meeting.html",
        schema: &schemas::MEETING,
        list: Some(ListOrder::Meetings),
        feed: false,
        in_default_menu: true,
        string: "meetings",
        new_names: &["meeting", "meetings"],
    },
    KindSpec {
        kind: Kind::Rules,
        section: Some("rules"),
        template: "rules.html",
        schema: &schemas::RULES,
        list: Some(ListOrder::Rules),
        feed: false,
        in_default_menu: true,
        string: "rules",
        new_names: &["rules"],
    },
    KindSpec {
        kind: Kind::Member,
        section: Some("members"),
        template: "member.html",
        schema: &schemas::MEMBER,
        list: Some(ListOrder::Weight),
        feed: false,
        in_default_menu: true,
        string: "members",
        new_names: &["member", "members"],
    },
    KindSpec {
        kind: Kind::Page,
        section: None,
        template: "page.html",
        schema: &schemas::PAGE,
        list: None,
        feed: false,
        in_default_menu: false,
        string: "other_pages",
        new_names: &["page"],
    },
];

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::News,
        Kind::Meeting,
        Kind::Rules,
        Kind::Member,
        Kind::Page,
    ];

    /// This kind's row of [`KINDS`].
    pub fn spec(self) -> &'static KindSpec {
        &KINDS[self as usize]
    }

    /// The content folder (and URL section) of a kind; plain pages have none.
    pub fn section(self) -> Option<&'static str> {
        self.spec().section
    }

    /// The kind whose folder is `folder`; any other folder holds plain pages.
    pub fn from_section(folder: &str) -> Kind {
        KINDS
            .iter()
            .find(|k| k.section == Some(folder))
            .map_or(Kind::Page, |k| k.kind)
    }

    /// The kind `gazette new` names `name` (`meeting` or `meetings` …).
    pub fn from_new_name(name: &str) -> Option<Kind> {
        KINDS
            .iter()
            .find(|k| k.new_names.contains(&name))
            .map(|k| k.kind)
    }

    pub fn default_template(self) -> &'static str {
        self.spec().template
    }
}

/// The sections of the built-in kinds: `news`, `meetings` …
pub fn sections() -> impl Iterator<Item = &'static str> {
    KINDS.iter().filter_map(|k| k.section)
}

/// The keys every kind accepts, then its own.
macro_rules! keys {
    ($($extra:literal),*) => {
        &["title", "slug", "summary", "date", "updated", "draft", "tags", "aliases", "weight", "template", "menu", $($extra),*]
    };
}

const IMAGE: &[&str] = &["src", "alt"];
/// `attachments: [{ file: minutes.pdf, title: 会议纪要 }]` (or just `[minutes.pdf]`).
const ATTACHMENT: &[&str] = &["file", "title"];

/// Each kind's front-matter keys, named by its row of [`KINDS`].
mod schemas {
    use super::{Schema, ATTACHMENT, IMAGE};
    pub const NEWS: Schema = Schema {
        keys: keys![
            "organizations",
            "authors",
            "image",
            "attachments",
            "publish_date",
            "expires"
        ],
        nested: &[("image", IMAGE), ("attachments", ATTACHMENT)],
    };
    pub const MEETING: Schema = Schema {
        keys: keys![
            "start",
            "end",
            "timezone",
            "location",
            "online",
            "convener",
            "host",
            "attendees",
            "agenda",
            "status",
            "rules",
            "decisions",
            "rescheduled_from",
            "attachments"
        ],
        nested: &[
            ("decisions", &["text", "rules"]),
            ("attachments", ATTACHMENT),
        ],
    };
    pub const RULES: Schema = Schema {
        keys: keys![
            "version",
            "status",
            "adopted",
            "effective",
            "supersedes",
            "adopted_at"
        ],
        nested: &[],
    };
    pub const MEMBER: Schema = Schema {
        keys: keys![
            "short_name",
            "website",
            "joined",
            "left",
            "logo",
            "contact",
            "role",
            "attachments"
        ],
        nested: &[
            ("logo", IMAGE),
            ("contact", &["email", "phone", "address"]),
            ("attachments", ATTACHMENT),
        ],
    };
    pub const PAGE: Schema = Schema {
        keys: keys!["attachments"],
        nested: &[("attachments", ATTACHMENT)],
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_order_of_the_enum() {
        for (k, spec) in Kind::ALL.iter().zip(&KINDS) {
            assert_eq!(*k, spec.kind);
            assert_eq!(k.spec().kind, *k);
        }
        for spec in &KINDS {
            if let Some(section) = spec.section {
                assert_eq!(Kind::from_section(section), spec.kind);
            }
            for name in spec.new_names {
                assert_eq!(Kind::from_new_name(name), Some(spec.kind));
            }
        }
        assert_eq!(Kind::from_section("about"), Kind::Page);
    }
}
