//! Checking references between documents: links and their anchors, members,
//! rules, translations, URLs claimed twice.

use super::{alias_path, doc_offset_position, Site};
use crate::config::Config;
use crate::content::{Document, Meta};
use crate::diag::{Code, Diagnostic};
use crate::markdown::Scan;
use std::collections::{BTreeMap, HashSet};

impl Site {
    pub(super) fn check_links(
        &self,
        scans: &[&Scan],
        unparsed: &[String],
        held: &std::collections::HashMap<String, String>,
    ) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for (doc, scan) in self.docs.iter().zip(scans) {
            for link in &scan.links {
                // Positions cost a walk over the text: work them out for errors only.
                let at = |d: Diagnostic| {
                    let whole = doc_offset_position(doc, link.start);
                    d.at(whole.0, whole.1)
                        .underline(crate::diag::chars_in(&doc.body, link.start, link.len).min(80))
                };
                match self.link_target(doc, &link.target) {
                    None => {
                        // A source that failed to parse was reported already.
                        let source = format!("content/{}", link.target);
                        if unparsed.contains(&source) {
                            continue;
                        }
                        if let Some(why) = held.get(&source) {
                            errors.push(at(Diagnostic::error(
                                Code::BrokenLink,
                                &doc.source,
                                format!("link to `@/{}`: the page is not published by this build ({why})", link.target),
                            ))
                            .localized(crate::diag::messages::HELD_LINK, &[("target", &link.target)])
                            .help("publish this page no earlier than the one it links to (`publish_date:`), or link once it is out"));
                        } else {
                            errors.push(at(self.no_such_page(&doc.source, &link.target)));
                        }
                    }
                    Some(target) => {
                        let versions = self.anchor_holders(doc, &link.target, target);
                        if let Some(anchor) = &link.anchor {
                            if !versions
                                .iter()
                                .any(|v| scans[v.index()].anchors.contains(anchor))
                            {
                                // Sorted, so ties in the suggestion are decided the same way every build.
                                let mut known: Vec<&str> = scans[target.index()]
                                    .anchors
                                    .iter()
                                    .map(String::as_str)
                                    .collect();
                                known.sort_unstable();
                                let mut d = at(Diagnostic::error(
                                    Code::BrokenAnchor,
                                    &doc.source,
                                    format!("link to `@/{}#{anchor}`: the page has no heading with that anchor", link.target),
                                ));
                                d = match crate::diag::closest(anchor, &known) {
                                    Some(k) => d.help(format!("did you mean `#{k}`?")),
                                    None if known.is_empty() => {
                                        d.help("the target page has no headings")
                                    }
                                    None => d.help(format!("its anchors: {}", known.join(", "))),
                                };
                                errors.push(d);
                            }
                        }
                    }
                }
            }
        }
        errors
    }

    /// A link from `source` to `@/<target>`, a page the site does not have,
    /// with the closest page there is as a hint.
    fn no_such_page(&self, source: &str, target: &str) -> Diagnostic {
        let known: Vec<&str> = self
            .by_source
            .keys()
            .filter_map(|s| s.strip_prefix("content/"))
            .collect();
        let d = Diagnostic::error(
            Code::BrokenLink,
            source,
            format!("link to `@/{target}`: no such page"),
        )
        .localized(crate::diag::messages::BROKEN_LINK, &[("target", target)]);
        match crate::diag::closest(target, &known) {
            Some(k) => d.help(format!("did you mean `@/{k}`?")),
            None => d.help("internal links name a file under `content/`, e.g. `@/news/2024-12-13-preparatory.md`"),
        }
    }

    /// The documents whose anchors a link from `from` to `target` (written
    /// `link_target`) may mean: the target itself, or, for `@/rules/<document>/`,
    /// every version of the document in the target's language (its page shows
    /// whichever version is in force).
    pub(super) fn anchor_holders(
        &self,
        from: &Document,
        link_target: &str,
        target: super::DocId,
    ) -> Vec<super::DocId> {
        match super::rules_folder_link(link_target) {
            Some(folder) if self.document_in(link_target, &from.lang).is_none() => self
                .docs
                .enumerate()
                .filter(|(_, d)| {
                    d.lang == self.docs[target].lang && d.slug.starts_with(&format!("{folder}/"))
                })
                .map(|(i, _)| i)
                .collect(),
            _ => vec![target],
        }
    }

    /// Links to files of the site that it does not have: an error at the
    /// link, like a link to a missing page. (A missing image is a warning,
    /// from `checks`: the page still reads.)
    pub(super) fn check_files(&self, scans: &[&Scan]) -> Vec<Diagnostic> {
        self.docs
            .iter()
            .zip(scans)
            .flat_map(|(doc, scan)| self.missing_files(doc, scan))
            .collect()
    }

    /// One document's links and `attachments:` to files the site lacks.
    pub(super) fn missing_files(&self, doc: &Document, scan: &Scan) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for (file, _) in &doc.common.attachments {
            if matches!(
                self.media.resolve(doc, file),
                crate::media::Local::Found(..)
            ) {
                continue;
            }
            errors.push(
                    Diagnostic::error(
                        Code::MissingFile,
                        &doc.source,
                        format!("`attachments`: no such file `{file}`"),
                    )
                    .at_pos(doc.locate(&["attachments"], Some(file)))
                    .help(if doc.folder.is_some() {
                        "put the file beside this page's `index.md`, or a path under `static/` such as `/files/x.pdf`"
                    } else {
                        "name a file under `static/` (`/files/x.pdf`), or make this page a folder with the file beside it"
                    }),
                );
        }
        for local in scan.locals.iter().filter(|l| !l.image) {
            if self.media.resolve(doc, &local.url) != crate::media::Local::Missing {
                continue;
            }
            let (line, column) = doc_offset_position(doc, local.start);
            let help = if local.url.starts_with('/') {
                format!(
                    "put the file at `static{}`, or fix the path",
                    local.url.split(['?', '#']).next().unwrap_or_default()
                )
            } else if doc.folder.is_some() {
                "put the file beside this page's `index.md`, or fix the name".to_string()
            } else {
                "make this page a folder (`content/news/x/index.md`) with the file beside it, or link `/files/…` under `static/`".to_string()
            };
            errors.push(
                Diagnostic::error(
                    Code::MissingFile,
                    &doc.source,
                    format!("link to `{}`: no such file", local.url),
                )
                .localized(crate::diag::messages::MISSING_FILE, &[("url", &local.url)])
                .at(line, column)
                .underline(crate::diag::chars_in(&doc.body, local.start, local.len).min(80))
                .help(help),
            );
        }
        errors
    }

    pub(super) fn check_references(
        &self,
        config: &Config,
        unparsed: &HashSet<String>,
    ) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let has_member = |slug: &str| self.members.contains_key(slug) || unparsed.contains(slug);
        let has_rules = |slug: &str| self.names_rules(slug) || unparsed.contains(slug);
        let has_meeting = |slug: &str| self.meetings.contains_key(slug) || unparsed.contains(slug);
        let meeting_slugs: Vec<&str> = self.meetings.keys().map(String::as_str).collect();
        let member_slugs: Vec<&str> = self.members.keys().map(String::as_str).collect();
        let rules_slugs: Vec<&str> = self.rules.keys().map(String::as_str).collect();
        let unknown = |doc: &Document, key: &str, value: &str, what: &str, known: &[&str]| {
            let mut d = Diagnostic::error(
                Code::UnknownReference,
                &doc.source,
                format!("`{key}`: no {what} with the slug `{value}`"),
            )
            .at_pos(doc.locate(&[key], Some(value)));
            d = match crate::diag::closest(value, known) {
                Some(k) => d.help(format!("did you mean `{k}`?")),
                None => d.help(format!(
                    "{what} slugs come from file names under `content/{}/`",
                    match what {
                        "member" => "members",
                        "meeting" => "meetings",
                        _ => "rules",
                    }
                )),
            };
            d
        };
        for doc in &self.docs {
            let member_refs: Vec<(&str, &String)> = match &doc.meta {
                Meta::News(n) => n
                    .organizations
                    .iter()
                    .map(|m| ("organizations", m))
                    .collect(),
                Meta::Meeting(m) => m
                    .host
                    .iter()
                    .map(|h| ("host", h))
                    .chain(m.attendees.iter().map(|a| ("attendees", a)))
                    .collect(),
                _ => vec![],
            };
            for (key, slug) in member_refs {
                if !has_member(slug) {
                    errors.push(unknown(doc, key, slug, "member", &member_slugs));
                }
            }
            if let Meta::Meeting(m) = &doc.meta {
                for slug in &m.rules {
                    if !has_rules(slug) {
                        errors.push(unknown(doc, "rules", slug, "rules document", &rules_slugs));
                    }
                }
                for slug in m.decisions.iter().flat_map(|d| &d.rules) {
                    if !has_rules(slug) {
                        let d = unknown(doc, "rules", slug, "rules document", &rules_slugs)
                            .at_pos(doc.locate(&["decisions", "rules"], Some(slug)));
                        errors.push(d);
                    }
                }
            }
            if let Meta::Rules(r) = &doc.meta {
                if let Some(meeting) = &r.adopted_at {
                    if !has_meeting(meeting) {
                        errors.push(unknown(
                            doc,
                            "adopted_at",
                            meeting,
                            "meeting",
                            &meeting_slugs,
                        ));
                    }
                }
                if let Some(prev) = &r.supersedes {
                    if !has_rules(prev) {
                        let others: Vec<&str> = rules_slugs
                            .iter()
                            .copied()
                            .filter(|s| *s != doc.slug)
                            .collect();
                        errors.push(unknown(doc, "supersedes", prev, "rules version", &others));
                    } else if self.rules.contains_key(prev)
                        && (prev == &doc.slug || self.supersedes_chain(doc).is_none())
                    {
                        errors.push(
                            Diagnostic::error(Code::SupersedesCycle, &doc.source, format!("`supersedes: {prev}` makes a cycle of versions"))
                                .at_pos(doc.locate(&["supersedes"], Some(prev)))
                                .help("each version supersedes an older one; the first version has no `supersedes`"),
                        );
                    }
                }
            }
        }
        for term in &config.leading_units {
            if !has_member(&term.member) {
                let mut d = Diagnostic::error(
                    Code::UnknownReference,
                    crate::config::CONFIG_FILE,
                    format!("leading unit: no member with the slug `{}`", term.member),
                )
                .at_pos(term.position);
                if let Some(k) = crate::diag::closest(&term.member, &member_slugs) {
                    d = d.help(format!("did you mean `{k}`?"));
                }
                errors.push(d);
            }
        }
        // Two sources must not claim one URL (pages, or an alias over a page).
        let mut claimed: BTreeMap<String, &str> = BTreeMap::new();
        for doc in &self.docs {
            if let Some(first) = claimed.insert(doc.url_path.clone(), &doc.source) {
                errors.push(
                    Diagnostic::error(
                        Code::DuplicateUrl,
                        &doc.source,
                        format!(
                            "this page's URL `/{}` is also claimed by {first}",
                            doc.url_path
                        ),
                    )
                    .at(1, 1)
                    .help("rename one of the files or give it another `slug:`"),
                );
                claimed.insert(doc.url_path.clone(), first);
            }
        }
        for doc in &self.docs {
            for alias in &doc.common.aliases {
                let path = alias_path(alias);
                if let Some(owner) = claimed.get(&path) {
                    errors.push(
                        Diagnostic::error(
                            Code::DuplicateUrl,
                            &doc.source,
                            format!("the alias `{alias}` is the URL of {owner}"),
                        )
                        .at_pos(doc.locate(&["aliases"], Some(alias)))
                        .help("an alias must be an old URL that no page uses now"),
                    );
                } else {
                    claimed.insert(path, &doc.source);
                }
            }
        }
        errors
    }
}

impl Site {
    /// Every `@/` link of a menu in `site.yaml` must name a document that
    /// [`Site::document_in`] finds, as the menus do (unless that document's
    /// source failed to parse and is reported already).
    /// Links to missing pages in the bodies of sources whose front matter
    /// failed (see [`super::Absent::bodies`]).
    pub(super) fn check_unparsed_links(
        &self,
        config: &Config,
        absent: &super::Absent,
    ) -> Vec<Diagnostic> {
        let options = crate::markdown::MarkdownOptions {
            smart_punctuation: false,
            safe: config.markdown.safe,
            external_new_tab: false,
            external_nofollow: false,
            articles: None,
            chinese: false,
        };
        let exists = |target: &str| {
            self.link_target_in(&config.language, target).is_some()
                || absent
                    .unparsed
                    .iter()
                    .any(|u| u.strip_prefix("content/") == Some(target))
                || absent.held.contains_key(&format!("content/{target}"))
        };
        let mut errors = Vec::new();
        for (source, body, first_line) in &absent.bodies {
            let scan = crate::markdown::scan(body, &options);
            for link in scan.links.iter().filter(|l| !exists(&l.target)) {
                let (line, column) = crate::diag::line_col(body, link.start);
                errors.push(
                    self.no_such_page(source, &link.target)
                        .at(first_line + line - 1, column)
                        .underline(crate::diag::chars_in(body, link.start, link.len).min(80)),
                );
            }
        }
        errors
    }

    pub(super) fn check_menu_links(&self, config: &Config, unparsed: &[String]) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let mut seen = HashSet::new();
        for settings in config.per_language.values() {
            let menus = &settings.menus;
            for item in menus.main.iter().flatten().chain(&menus.footer) {
                let Some(target) = item.url.as_deref().and_then(|u| u.strip_prefix("@/")) else {
                    continue;
                };
                let path = target.split('#').next().unwrap_or(target);
                let source = format!("content/{path}");
                let found = self.document_in(path, &config.language).is_some()
                    || unparsed.iter().any(|u| u == &source);
                if !found && seen.insert((source.clone(), item.position)) {
                    errors.push(
                        Diagnostic::error(
                            Code::BrokenLink,
                            crate::config::CONFIG_FILE,
                            format!("the menu links `@/{path}`, which is not a page of the site"),
                        )
                        .at_pos(item.position)
                        .help(format!("write the path of a file under content/, e.g. `@/about.md` for content/about.md (no `{source}` exists)")),
                    );
                }
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::TestSite;

    #[test]
    fn links_and_anchors_are_checked_where_they_are_written() {
        let errors = TestSite::new()
            .file("content/news/2025-01-01-a.md", "---\ntitle: A\n---\n## Part\n\nText.\n")
            .file(
                "content/news/2025-01-02-b.md",
                "---\ntitle: B\n---\nSee [a](@/news/2025-01-01-a.md#part),\n[nothing](@/news/2025-01-01-a.md#whole) and [gone](@/news/gone.md).\n",
            )
            .build()
            .err()
            .expect("errors");
        let found: Vec<(&str, Option<usize>, Option<usize>)> = errors
            .iter()
            .map(|d| (d.code.as_str(), d.line, d.column))
            .collect();
        assert_eq!(
            found,
            [
                ("broken-anchor", Some(5), Some(1)),
                ("broken-link", Some(5), Some(45))
            ],
            "{errors:#?}"
        );
    }
}
