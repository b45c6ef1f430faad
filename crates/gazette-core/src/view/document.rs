//! The views of one document: its summary (lists, feeds, relations) and its
//! page. The other documents they show come from [`Shown`] alone, so what a
//! document's views depend on is declared once: the plan re-renders a page
//! when a document it shows changes by reading the same [`Shown`].

use super::{permalink, tag_slug, timestamp, timestamp_in, url_path};
use crate::config::Config;
use crate::content::member::Contact;
use crate::content::rules::Standing;
use crate::content::{Document, Image, Kind, Meta};
use crate::markdown::TocEntry;
use crate::site::{DocId, Site};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

/// The other documents a document's own views show: the members and rules it
/// names (in its language when there is such a version) and its translations.
#[derive(Debug, Default)]
pub struct Shown {
    /// `organizations` of a news item, `host` then `attendees` of a meeting:
    /// each slug with the member it names, if any.
    pub members: Vec<(String, Option<DocId>)>,
    /// `rules` of a meeting that name a rules version (a document folder's
    /// name: the version in force on the meeting's day, or adopted there).
    pub rules: Vec<DocId>,
    /// Per decision of a meeting, the rules it names: each slug with the
    /// version it names (a document folder's name: see [`Site::rules_at_meeting`]).
    pub decisions: Vec<Vec<(String, DocId)>>,
    /// The meeting that adopted a rules version.
    pub adopted_at: Option<DocId>,
    /// Every version of a rules version's document, oldest first: their
    /// dates decide where it stands.
    pub versions: Vec<DocId>,
    /// Every language version of the document, its own included.
    pub translations: Vec<DocId>,
}

impl Shown {
    pub fn of(lib: &Site, i: DocId) -> Shown {
        let doc = &lib.docs[i];
        let member = |slug: &String| (slug.clone(), lib.member_in_lang(slug, &doc.lang));
        let (members, rules) = match &doc.meta {
            Meta::News(n) => (n.organizations.iter().map(member).collect(), vec![]),
            Meta::Meeting(m) => (
                m.host.iter().chain(&m.attendees).map(member).collect(),
                m.rules
                    .iter()
                    .filter_map(|r| lib.rules_at_meeting(r, doc))
                    .collect(),
            ),
            _ => (vec![], vec![]),
        };
        let decisions = match &doc.meta {
            Meta::Meeting(m) => m
                .decisions
                .iter()
                .map(|d| {
                    d.rules
                        .iter()
                        .filter_map(|r| Some((r.clone(), lib.rules_at_meeting(r, doc)?)))
                        .collect()
                })
                .collect(),
            _ => vec![],
        };
        let adopted_at = match &doc.meta {
            Meta::Rules(r) => r
                .adopted_at
                .as_deref()
                .and_then(|m| lib.meeting_in_lang(m, &doc.lang)),
            _ => None,
        };
        let versions = match &doc.meta {
            Meta::Rules(_) => lib.document_versions_in(doc, &doc.lang),
            _ => vec![],
        };
        Shown {
            members,
            rules,
            decisions,
            adopted_at,
            versions,
            translations: lib
                .translations
                .get(&doc.translation_key)
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// Every document shown, for the plan's dependencies.
    pub fn documents(&self) -> impl Iterator<Item = DocId> + '_ {
        self.members
            .iter()
            .filter_map(|(_, m)| *m)
            .chain(self.rules.iter().copied())
            .chain(self.decisions.iter().flatten().map(|(_, r)| *r))
            .chain(self.adopted_at)
            .chain(self.versions.iter().copied())
            .chain(self.translations.iter().copied())
    }
}

/// A link to another document: what a reference to it needs.
#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    pub slug: String,
    pub title: String,
    /// The language of the document named (`None` for a bare slug).
    pub lang: Option<String>,
    /// `None` for a slug that names no document.
    pub url: Option<String>,
    /// Members only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<Option<String>>,
    /// Rules versions only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

impl Reference {
    pub fn to(config: &Config, doc: &Document) -> Reference {
        Reference {
            slug: doc.slug.clone(),
            title: doc.common.title.clone(),
            lang: Some(doc.lang.clone()),
            url: Some(url_path(config, &doc.url_path)),
            short_name: match &doc.meta {
                Meta::Member(m) => Some(m.short_name.clone()),
                _ => None,
            },
            version: match &doc.meta {
                Meta::Rules(r) => Some(r.version.clone()),
                _ => None,
            },
        }
    }

    /// A rules slug as written: a version, or a document folder's name, which
    /// links the document's own page (the version in force) by its title.
    pub fn rules(config: &Config, lib: &Site, slug: &str, found: DocId) -> Reference {
        let mut r = Reference::to(config, &lib.docs[found]);
        if !lib.rules.contains_key(slug) {
            if let Some(url) = document_url(config, &lib.docs[found]) {
                r.url = Some(url);
                r.version = None;
            }
        }
        r
    }

    /// A member by slug: the document when there is one, else the bare slug.
    pub fn member(config: &Config, lib: &Site, slug: &str, found: Option<DocId>) -> Reference {
        match found {
            Some(i) => Reference::to(config, &lib.docs[i]),
            None => Reference {
                slug: slug.to_string(),
                title: slug.to_string(),
                lang: None,
                url: None,
                short_name: None,
                version: None,
            },
        }
    }
}

/// The own page of the document a rules version belongs to, when it has one:
/// `rules/<document>/`, the version in force.
pub fn document_url(config: &Config, doc: &Document) -> Option<String> {
    doc.rules_document_path().map(|path| url_path(config, path))
}

/// A tag on a document.
#[derive(Debug, Serialize)]
pub struct TagLink {
    pub name: String,
    pub url: String,
}

/// One language version of a document, for the language switcher.
#[derive(Debug, Serialize)]
pub struct Translation {
    pub lang: String,
    pub url: String,
    /// The absolute URL, for `hreflang` links.
    pub permalink: String,
    pub title: Option<String>,
}

/// The short view of a document: what lists, feeds and relations show.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub kind: Kind,
    pub source: String,
    pub slug: String,
    pub lang: String,
    pub title: String,
    pub url: String,
    pub permalink: String,
    /// HTML: the `summary` front matter, else the first paragraph.
    pub summary: String,
    /// The picture of its card in lists (see [`super::thumbnail`]).
    pub thumbnail: Option<super::thumbnail::Thumbnail>,
    pub date: Value,
    pub updated: Value,
    pub draft: bool,
    pub weight: Option<i64>,
    pub tags: Vec<TagLink>,
    pub extra: Value,
    #[serde(flatten)]
    pub details: Details,
}

/// What a summary adds for each kind.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Details {
    News(NewsDetails),
    Meeting(MeetingDetails),
    Rules(RulesDetails),
    Member(MemberDetails),
    Page(PageDetails),
}

#[derive(Debug, Serialize)]
pub struct NewsDetails {
    pub organizations: Vec<Reference>,
    pub authors: Vec<String>,
    pub image: Option<Image>,
}

#[derive(Debug, Serialize)]
pub struct MeetingDetails {
    /// RFC 3339 in the meeting's own zone (or the date alone).
    pub start: Value,
    pub end: Value,
    pub timezone: String,
    pub location: Option<String>,
    pub online: Option<String>,
    pub convener: Option<String>,
    pub status: crate::content::meeting::MeetingStatus,
    pub host: Option<Reference>,
    pub ics_url: String,
    /// The start announced before the meeting moved.
    pub rescheduled_from: Value,
    pub decisions: Vec<DecisionView>,
}

/// One decision of a meeting, with links to the rules it names.
#[derive(Debug, Serialize)]
pub struct DecisionView {
    pub text: String,
    pub rules: Vec<Reference>,
}

#[derive(Debug, Serialize)]
pub struct RulesDetails {
    pub version: String,
    pub status: crate::content::rules::RulesStatus,
    pub adopted: Option<String>,
    pub effective: Option<String>,
    /// The meeting that adopted it.
    pub adopted_at: Option<Reference>,
    /// The document's own page (`rules/<document>/`), for versions kept in a folder.
    pub document_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MemberDetails {
    pub short_name: Option<String>,
    pub website: Option<String>,
    pub joined: Option<String>,
    pub left: Option<String>,
    pub logo: Option<Image>,
    pub contact: Option<Contact>,
    pub role: Option<String>,
}

/// Plain pages add nothing.
#[derive(Debug, Serialize)]
pub struct PageDetails {}

impl Summary {
    pub fn of(config: &Config, lib: &Site, i: DocId, shown: &Shown, today: NaiveDate) -> Summary {
        let doc = &lib.docs[i];
        let prefix = config.lang_prefix(&doc.lang);
        let members = || {
            shown
                .members
                .iter()
                .map(|(slug, found)| Reference::member(config, lib, slug, *found))
        };
        let details = match &doc.meta {
            Meta::News(n) => Details::News(NewsDetails {
                organizations: members().collect(),
                authors: n.authors.clone(),
                image: n.image.clone(),
            }),
            Meta::Meeting(m) => Details::Meeting(MeetingDetails {
                start: timestamp_in(&m.start, m.timezone),
                end: m
                    .end
                    .as_ref()
                    .map_or(Value::Null, |e| timestamp_in(e, m.timezone)),
                timezone: m.timezone.name().to_string(),
                location: m.location.clone(),
                online: m.online.clone(),
                convener: m.convener.clone(),
                status: m.status,
                // The host comes first among the members a meeting names.
                host: m.host.as_ref().and_then(|_| members().next()),
                ics_url: url_path(config, &format!("{}meeting.ics", doc.url_path)),
                rescheduled_from: m
                    .rescheduled_from
                    .as_ref()
                    .map_or(Value::Null, |t| timestamp_in(t, m.timezone)),
                decisions: m
                    .decisions
                    .iter()
                    .zip(&shown.decisions)
                    .map(|(d, rules)| DecisionView {
                        text: d.text.clone(),
                        rules: rules
                            .iter()
                            .map(|(slug, r)| Reference::rules(config, lib, slug, *r))
                            .collect(),
                    })
                    .collect(),
            }),
            Meta::Rules(r) => Details::Rules(RulesDetails {
                version: r.version.clone(),
                status: shown
                    .versions
                    .iter()
                    .position(|&v| v == i)
                    .map_or(r.status, |k| {
                        let rules = lib.rules_versions(&shown.versions);
                        Standing::on(&rules, today).shown_status(&rules, k)
                    }),
                adopted: r.adopted.map(|d| d.to_string()),
                effective: r.effective.map(|d| d.to_string()),
                adopted_at: shown
                    .adopted_at
                    .map(|m| Reference::to(config, &lib.docs[m])),
                document_url: document_url(config, doc),
            }),
            Meta::Member(m) => Details::Member(MemberDetails {
                short_name: m.short_name.clone(),
                website: m.website.clone(),
                joined: m.joined.map(|d| d.to_string()),
                left: m.left.map(|d| d.to_string()),
                logo: m.logo.clone(),
                contact: m.contact.clone(),
                role: m.role.clone(),
            }),
            Meta::Page => Details::Page(PageDetails {}),
        };
        Summary {
            kind: doc.kind,
            source: doc.source.clone(),
            slug: doc.slug.clone(),
            lang: doc.lang.clone(),
            title: doc.common.title.clone(),
            url: url_path(config, &doc.url_path),
            permalink: permalink(config, &doc.url_path),
            summary: lib
                .rendered
                .get(i)
                .map(|r| r.summary.clone())
                .unwrap_or_default(),
            thumbnail: super::thumbnail::of(config, lib, i),
            date: doc.common.date.as_ref().map_or(Value::Null, timestamp),
            updated: doc.common.updated.as_ref().map_or(Value::Null, timestamp),
            draft: doc.common.draft,
            weight: doc.common.weight,
            tags: doc
                .common
                .tags
                .iter()
                .map(|t| TagLink {
                    name: t.clone(),
                    url: url_path(config, &format!("{prefix}tags/{}/", tag_slug(config, t))),
                })
                .collect(),
            extra: doc.common.extra.clone(),
            details,
        }
    }
}

/// A numbered article of a rules version.
#[derive(Debug, Serialize)]
pub struct ArticleView {
    pub number: usize,
    pub anchor: String,
    pub label: String,
    pub title: String,
}

/// What a document's own page adds to its summary.
#[derive(Debug, Serialize)]
pub struct PageView {
    #[serde(flatten)]
    pub summary: Summary,
    /// The rendered Markdown.
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub translations: Vec<Translation>,
    /// Meetings: the members attending, the agenda, the rules discussed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendees: Option<Vec<Reference>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agenda: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<Reference>>,
    /// Rules versions: the articles, for the table of contents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub articles: Option<Vec<ArticleView>>,
    /// The files its text links to (`url`, `name`, `kind`, `size`).
    pub attachments: Vec<crate::markdown::Attachment>,
    /// About how many minutes the text takes to read (at least one).
    pub reading_minutes: usize,
}

impl PageView {
    pub fn of(config: &Config, lib: &Site, i: DocId, today: NaiveDate) -> PageView {
        let doc = &lib.docs[i];
        let rendered = &lib.rendered[i];
        let shown = Shown::of(lib, i);
        let summary = Summary::of(config, lib, i, &shown, today);
        let (attendees, agenda, rules) = match &doc.meta {
            Meta::Meeting(m) => {
                let skip_host = usize::from(m.host.is_some());
                (
                    Some(
                        shown.members[skip_host..]
                            .iter()
                            .map(|(slug, found)| Reference::member(config, lib, slug, *found))
                            .collect(),
                    ),
                    Some(m.agenda.clone()),
                    Some(
                        shown
                            .rules
                            .iter()
                            .map(|&r| Reference::to(config, &lib.docs[r]))
                            .collect(),
                    ),
                )
            }
            _ => (None, None, None),
        };
        PageView {
            summary,
            content: rendered.html.clone(),
            toc: rendered.scan.toc.clone(),
            translations: translations(config, lib, &shown),
            attendees,
            agenda,
            rules,
            attachments: rendered.attachments.clone(),
            reading_minutes: crate::cjk::reading_minutes(&doc.body),
            articles: (doc.kind == Kind::Rules).then(|| {
                rendered
                    .scan
                    .articles
                    .iter()
                    .map(|a| ArticleView {
                        number: a.number,
                        anchor: a.anchor.clone(),
                        label: a.label.clone(),
                        title: a.title.clone(),
                    })
                    .collect()
            }),
        }
    }
}

/// Links to every language version of a document, its own included.
pub fn translations(config: &Config, lib: &Site, shown: &Shown) -> Vec<Translation> {
    shown
        .translations
        .iter()
        .map(|&i| Translation {
            lang: lib.docs[i].lang.clone(),
            url: url_path(config, &lib.docs[i].url_path),
            permalink: permalink(config, &lib.docs[i].url_path),
            title: Some(lib.docs[i].common.title.clone()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{id, TestSite};

    #[test]
    fn views_show_other_documents_only_through_shown() {
        let site = TestSite::new()
            .file("content/members/beta.md", "---\ntitle: Beta\n---\nB.\n")
            .file("content/members/alpha.zh.md", "---\ntitle: 甲协会\n---\n成员。\n")
            .file("content/meetings/m.md", "---\ntitle: M\nstart: 2026-12-01T10:00\nhost: alpha\nattendees: [alpha, beta]\n---\nText.\n")
            .file("content/meetings/m.zh.md", "---\ntitle: 会\nstart: 2026-12-01T10:00\nhost: alpha\n---\n正文。\n");
        let (config, lib) = site.site();
        let m = id(&lib, "content/meetings/m.md");
        let shown = Shown::of(&lib, m);
        let alpha = id(&lib, "content/members/alpha.md");
        assert_eq!(shown.members[0], ("alpha".to_string(), Some(alpha)));
        let beta = id(&lib, "content/members/beta.md");
        assert_eq!(shown.members[2], ("beta".to_string(), Some(beta)));
        let mut documents: Vec<DocId> = shown.documents().collect();
        documents.sort();
        let mut want = vec![alpha, alpha, beta, m, id(&lib, "content/meetings/m.zh.md")];
        want.sort();
        assert_eq!(documents, want);

        let page = serde_json::to_value(PageView::of(
            &config,
            &lib,
            m,
            crate::testing::TODAY.parse().unwrap(),
        ))
        .unwrap();
        assert_eq!(page["host"]["title"], "Alpha Association");
        assert_eq!(page["host"]["url"], "/alliance/members/alpha/");
        assert_eq!(page["attendees"][1]["url"], "/alliance/members/beta/");
        // A slug that names no member (checked elsewhere) shows as itself.
        let bare = serde_json::to_value(Reference::member(&config, &lib, "x", None)).unwrap();
        assert_eq!(
            bare,
            serde_json::json!({ "slug": "x", "title": "x", "lang": null, "url": null })
        );
        assert_eq!(page["translations"].as_array().unwrap().len(), 2);
        assert_eq!(page["ics_url"], "/alliance/meetings/m/meeting.ics");
        // The Chinese meeting names the Chinese version of the member.
        let zh = serde_json::to_value(PageView::of(
            &config,
            &lib,
            id(&lib, "content/meetings/m.zh.md"),
            crate::testing::TODAY.parse().unwrap(),
        ))
        .unwrap();
        assert_eq!(zh["host"]["title"], "甲协会");
    }
}
