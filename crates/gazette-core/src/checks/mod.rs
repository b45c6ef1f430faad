//! Warnings: things that build but that an editor probably wants to fix.

use crate::config::Config;
use crate::content::meeting::MeetingStatus;
use crate::content::{Document, Kind, Meta};
use crate::diag::{Code, Diagnostic};
use crate::site::{doc_offset_position, DocId, Rendered, Site};
use crate::source::Sources;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

pub mod output_tree;
mod site_config;

/// Every warning of a build.
pub fn warnings(
    config: &Config,
    lib: &Site,
    sources: &Sources,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let theme_files = crate::theme::layered_files(sources);
    let mut out = site_warnings(config, lib, sources);
    out.extend(rules_versions(lib, today));
    for i in lib.docs.ids() {
        out.extend(document_warnings(
            config,
            lib,
            i,
            sources,
            &theme_files,
            today,
        ));
    }
    out
}

/// Warnings about the site as a whole that depend only on the shape of its
/// documents (see [`crate::content::Document::shape`]), its source paths and
/// its configuration: a rebuild that changes none of them keeps these.
pub fn site_warnings(config: &Config, lib: &Site, sources: &Sources) -> Vec<Diagnostic> {
    let mut out = members_without_meetings(lib);
    out.extend(case_clashes(sources));
    out.extend(site_config::rotation(config));
    out.extend(site_config::example_base_url(config, sources));
    out.extend(site_config::missing_beian(config, sources));
    out.extend(folders_without_channel(lib, sources));
    out.extend(changed_without_updated(config, lib, sources));
    out
}

/// The properties of an event that calendar apps show, and its SEQUENCE.
fn event_fields(ics: &str) -> Option<(Vec<(String, String)>, String)> {
    // Unfold continuation lines (RFC 5545 3.1) before reading properties.
    let unfolded = ics.replace("\r\n ", "").replace("\n ", "");
    let mut shown = Vec::new();
    let mut sequence = None;
    for line in unfolded.lines() {
        let (name, value) = line.split_once(':')?;
        let key = name.split(';').next().unwrap_or(name);
        match key {
            "DTSTART" | "DTEND" | "STATUS" => shown.push((key.to_string(), value.to_string())),
            "SEQUENCE" => sequence = Some(value.to_string()),
            _ => {}
        }
    }
    shown.sort();
    Some((shown, sequence.unwrap_or_default()))
}

/// A meeting whose time or status differs from the calendar published by
/// the last build while its SEQUENCE (from `updated:`) does not: calendar
/// apps that subscribed keep the old event.
fn changed_without_updated(config: &Config, lib: &Site, sources: &Sources) -> Vec<Diagnostic> {
    if sources.published_calendars.is_empty() {
        return vec![];
    }
    let mut out = Vec::new();
    for (i, doc) in lib.docs.enumerate() {
        let Meta::Meeting(m) = &doc.meta else {
            continue;
        };
        let path = format!("{}meeting.ics", doc.url_path);
        let Some(old) = sources.published_calendars.get(&path) else {
            continue;
        };
        let Some(old) = std::str::from_utf8(old).ok().and_then(event_fields) else {
            continue;
        };
        let summary = lib.rendered.get(i).map_or("", |r| r.summary.as_str());
        let day = m.start.date();
        let new = crate::calendar::calendar(config, &doc.common.title, &[(doc, m, summary)], day);
        let Some(new) = event_fields(&new) else {
            continue;
        };
        if new.0 != old.0 && new.1 == old.1 {
            let key = if doc.common.updated.is_some() {
                "updated"
            } else {
                "start"
            };
            out.push(
                Diagnostic::warning(
                    Code::NotUpdated,
                    &doc.source,
                    "the meeting's time or status changed since the published calendar, but `updated` did not",
                )
                .at_pos(doc.locate(&[key], None))
                .help("set `updated:` to the time of the change (e.g. `updated: 2026-11-20T10:00`), so subscribers' calendar apps replace the event"),
            );
        }
    }
    out
}

/// Warnings about one document's own text and front matter.
pub fn document_warnings(
    config: &Config,
    lib: &Site,
    i: DocId,
    sources: &Sources,
    theme_files: &BTreeMap<String, crate::source::ThemeFile>,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let (doc, rendered) = (&lib.docs[i], &lib.rendered[i]);
    let mut out = missing_images(config, doc, rendered, &lib.media, theme_files);
    out.extend(skipped_heading_levels(doc, rendered));
    out.extend(placeholders(doc, sources));
    if let Meta::Meeting(m) = &doc.meta {
        if m.status == MeetingStatus::Scheduled && m.end.unwrap_or(m.start).date() < today {
            out.push(
                Diagnostic::warning(
                    Code::PastScheduled,
                    &doc.source,
                    "this meeting is in the past but still `scheduled`",
                )
                .at_pos(doc.locate(&["start"], None))
                .help("set `status: held` (and add the minutes), `postponed` or `cancelled`"),
            );
        }
    }
    out
}

/// Texts `gazette new` wrote for the editor to replace, left in a document
/// that is published (drafts may keep them).
fn placeholders(doc: &Document, sources: &Sources) -> Vec<Diagnostic> {
    if doc.common.draft {
        return vec![];
    }
    let Some(text) = sources
        .content
        .get(&doc.source)
        .and_then(|b| crate::source::decode(b))
    else {
        return vec![];
    };
    // One pass over the text for all the placeholders (a search per
    // placeholder read every page sixteen times).
    static FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new(crate::scaffold::PLACEHOLDERS)
                .expect("the placeholders are a handful of short strings")
        });
    let mut first: BTreeMap<usize, usize> = BTreeMap::new();
    for found in FINDER.find_overlapping_iter(text) {
        first
            .entry(found.pattern().as_usize())
            .or_insert(found.start());
    }
    first
        .into_iter()
        .map(|(pattern, at)| (at, crate::scaffold::PLACEHOLDERS[pattern]))
        .map(|(at, p)| {
            let (line, column) = crate::diag::line_col(text, at);
            Diagnostic::warning(
                Code::Placeholder,
                &doc.source,
                format!(
                    "“{p}” is the example text `gazette new` wrote, and this page is published"
                ),
            )
            .at(line, column)
            .underline(p.chars().count())
            .help("write the real text, or keep `draft: true` until it is ready")
            .localized(crate::diag::messages::PLACEHOLDER, &[("text", p)])
        })
        .collect()
}

/// A top folder of `content/` holding dated items (`2026-11-28-x.md`) that
/// no kind or channel claims: they would be published as plain pages, most
/// likely a channel not (or no longer) named in `site.yaml`.
fn folders_without_channel(lib: &Site, sources: &Sources) -> Vec<Diagnostic> {
    let mut folders: BTreeMap<&str, &str> = BTreeMap::new();
    for doc in lib
        .docs
        .iter()
        .filter(|d| d.kind == Kind::Page && d.channel.is_none())
    {
        let rel = doc.source.strip_prefix("content/").unwrap_or(&doc.source);
        let Some((folder, file)) = rel.split_once('/') else {
            continue;
        };
        let dated = file.get(..11).is_some_and(|p| {
            p.ends_with('-') && NaiveDate::parse_from_str(&p[..10], "%Y-%m-%d").is_ok()
        });
        if dated && !file.contains('/') {
            folders.entry(folder).or_insert(&doc.source);
        }
    }
    let text = sources
        .config
        .as_deref()
        .and_then(crate::source::decode)
        .unwrap_or("");
    let yaml = crate::frontmatter::Yaml {
        path: crate::config::CONFIG_FILE,
        text,
        first_line: 1,
    };
    let position = if text.lines().any(|l| l.starts_with("channels:")) {
        yaml.locate(&["channels"], None)
    } else {
        crate::diag::Position {
            line: 1,
            column: 1,
            len: 1,
        }
    };
    folders
        .into_iter()
        .map(|(folder, example)| {
            Diagnostic::warning(
                Code::Channel,
                crate::config::CONFIG_FILE,
                format!("content/{folder}/ holds dated items such as {example}, but `channels:` names no channel `{folder}`: they are published as plain pages"),
            )
            .at_pos(position)
            .help(format!("add `channels: {{ {folder}: {{ like: news, title: {{ zh: …, en: … }} }} }}` to site.yaml, or move the files"))
        })
        .collect()
}

/// Where an author's `status` contradicts the dates, which decide what is in
/// force: an `adopted` version that a newer version in force replaces, and a
/// `superseded` version whose successor has not yet taken effect (readers
/// are shown it in force until then).
pub fn rules_versions(lib: &Site, today: NaiveDate) -> Vec<Diagnostic> {
    use crate::content::rules::RulesStatus;
    let mut out = Vec::new();
    // Each version in its own language's chain of its document (a newest
    // version not yet translated still follows a translated one).
    for (v, doc) in lib.docs.enumerate() {
        let Meta::Rules(r) = &doc.meta else {
            continue;
        };
        let versions = lib.document_versions_in(doc, &doc.lang);
        let rules = lib.rules_versions(&versions);
        let Some(k) = versions.iter().position(|&x| x == v) else {
            continue;
        };
        if rules.len() != versions.len() {
            continue;
        }
        let standing = lib.standing_on(&versions, today);
        let replaced = standing.latest_started.is_some_and(|l| l > k);
        let diagnostic = match r.status {
            RulesStatus::Adopted if replaced => {
                let newer = &lib.docs[versions[standing.latest_started.unwrap_or(k)]];
                Diagnostic::warning(
                    Code::AdoptedNotNewest,
                    &doc.source,
                    format!(
                        "this version is `adopted`, but the newer {} is in force",
                        newer.source
                    ),
                )
                .help("set `status: superseded` on the version that no longer applies")
            }
            RulesStatus::Superseded if !replaced => {
                let next = versions.get(k + 1).map(|&n| (&lib.docs[n], rules[k + 1]));
                let message = match next {
                    Some((n, nr)) => match nr.starts() {
                        Some(day) => format!(
                            "this version is marked `superseded`, but {} takes effect only on {day} (its `{}`), so this version stays in force until then",
                            n.source,
                            if nr.effective.is_some() { "effective" } else { "adopted" }
                        ),
                        None => format!(
                            "this version is marked `superseded`, but {} has no `effective` or `adopted` date, so it is not in force",
                            n.source
                        ),
                    },
                    None => "this version is marked `superseded`, but no version follows it".to_string(),
                };
                Diagnostic::warning(Code::SupersededEarly, &doc.source, message).help(
                    "the dates decide what readers see: keep the status it had until the successor's day, or give the successor its `effective` date",
                )
            }
            _ => continue,
        };
        out.push(diagnostic.at_pos(doc.locate(&["status"], None)));
    }
    out
}

/// A member that neither hosted nor attended any meeting.
fn members_without_meetings(lib: &Site) -> Vec<Diagnostic> {
    let mut seen: HashSet<&str> = HashSet::new();
    for doc in &lib.docs {
        if let Meta::Meeting(m) = &doc.meta {
            seen.extend(m.host.iter().map(String::as_str));
            seen.extend(m.attendees.iter().map(String::as_str));
        }
    }
    lib.docs
        .iter()
        .filter(|d| matches!(d.meta, Meta::Member(_)) && !d.is_section_index)
        .filter(|d| !seen.contains(d.slug.as_str()))
        .map(|d| {
            Diagnostic::warning(
                Code::MemberWithoutMeeting,
                &d.source,
                format!(
                    "the member `{}` is not the host or an attendee of any meeting",
                    d.slug
                ),
            )
            .at(1, 1)
            .help(
                "add it to a meeting's `attendees:` (or `host:`), or ignore this for a new member",
            )
        })
        .collect()
}

/// Whether an image source points at a file of the site that is not there:
/// not one of the site's files (`media`: `static/`, page folders, a page
/// folder's own files by a relative path) nor among the theme's static files
/// (`theme_files`, as layered by [`crate::theme::layered_files`]). A path from
/// the root may carry the base path.
fn image_is_missing(
    config: &Config,
    media: &crate::media::Media,
    theme_files: &BTreeMap<String, crate::source::ThemeFile>,
    doc: &Document,
    src: &str,
) -> bool {
    if src.contains("://") || src.starts_with("//") || src.starts_with("data:") || src.is_empty() {
        return false;
    }
    if matches!(media.resolve(doc, src), crate::media::Local::Found(..)) {
        return false;
    }
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let path = path
        .strip_prefix(config.base_path.as_str())
        .unwrap_or(path)
        .trim_start_matches('/');
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    !media.files.contains_key(decoded.as_ref())
        && !theme_files.contains_key(&format!("static/{decoded}"))
}

fn missing_images(
    config: &Config,
    doc: &Document,
    rendered: &Rendered,
    media: &crate::media::Media,
    theme_files: &BTreeMap<String, crate::source::ThemeFile>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let warn = |source: &str, src: &str| {
        Diagnostic::warning(
            Code::MissingImage,
            source,
            format!("the image `{src}` is not a file of the site"),
        )
        .help("put the file under `static/` (`static/images/x.jpg` is `/images/x.jpg`), or fix the path")
    };
    let front: Vec<(&str, &str)> = match &doc.meta {
        Meta::News(n) => n.image.iter().map(|i| ("image", i.src.as_str())).collect(),
        Meta::Member(m) => m.logo.iter().map(|i| ("logo", i.src.as_str())).collect(),
        _ => vec![],
    };
    for (key, src) in front {
        if image_is_missing(config, media, theme_files, doc, src) {
            out.push(warn(&doc.source, src).at_pos(doc.locate(&[key, "src"], Some(src))));
        }
    }
    for image in rendered.scan.locals.iter().filter(|l| l.image) {
        let src = &image.url;
        if image_is_missing(config, media, theme_files, doc, src) {
            let (line, column) = doc_offset_position(doc, image.start);
            let mut d = warn(&doc.source, src).at(line, column);
            if !src.starts_with('/') && doc.folder.is_some() {
                d = d.help("put the photo beside this page's `index.md`, or fix the name");
            }
            out.push(d);
        }
    }
    for offset in &rendered.scan.images_without_alt {
        let (line, column) = doc_offset_position(doc, *offset);
        out.push(
            Diagnostic::warning(
                Code::MissingAlt,
                &doc.source,
                "this image has no alt text: screen readers cannot say what it shows",
            )
            .at(line, column)
            .help("describe the picture between the brackets: `![五家单位代表合影](photo.jpg)`"),
        );
    }
    out
}

/// A heading more than one level deeper than the one before it (`##` then `####`):
/// screen readers navigate by levels, and the table of contents loses its shape.
fn skipped_heading_levels(doc: &Document, rendered: &Rendered) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The page title is the level-1 heading.
    let mut previous = 1u8;
    for &(level, offset) in &rendered.scan.headings {
        if level > previous + 1 {
            let (line, column) = doc_offset_position(doc, offset);
            out.push(
                Diagnostic::warning(
                    Code::HeadingLevel,
                    &doc.source,
                    format!("a level-{level} heading after a level-{previous} one skips a level"),
                )
                .at(line, column)
                .help(format!("use {} here", "#".repeat(previous as usize + 1))),
            );
        }
        previous = level;
    }
    out
}

/// Two sources whose paths differ only by case: one hides the other on a
/// case-insensitive file system (Windows, macOS).
fn case_clashes(sources: &Sources) -> Vec<Diagnostic> {
    let mut by_lower: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    let paths = sources
        .content
        .keys()
        .cloned()
        .chain(sources.static_files.keys().map(|k| format!("static/{k}")));
    for path in paths {
        if let Some(first) = by_lower.insert(path.to_lowercase(), path.clone()) {
            out.push(
                Diagnostic::warning(
                    Code::CaseClash,
                    &path,
                    format!("`{path}` and `{first}` differ only by case"),
                )
                .help("on Windows and macOS only one of them survives a checkout: rename one"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::TestSite;

    #[test]
    fn warnings_name_past_scheduled_meetings_and_skipped_levels() {
        let built = TestSite::new()
            .file(
                "content/meetings/2025-01-01-old.md",
                "---\ntitle: Old\nstart: 2025-01-01T09:00\nattendees: [alpha]\n---\nText.\n",
            )
            .file(
                "content/news/2025-01-02-n.md",
                "---\ntitle: N\n---\n## A\n\n#### B\n",
            )
            .build()
            .unwrap();
        let codes: Vec<(&str, &str)> = built
            .warnings
            .iter()
            .map(|w| (w.path.as_str(), w.code.as_str()))
            .collect();
        assert!(
            codes.contains(&("content/meetings/2025-01-01-old.md", "past-scheduled")),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("content/news/2025-01-02-n.md", "heading-level")),
            "{codes:?}"
        );
    }

    #[test]
    fn a_version_not_yet_effective_leaves_the_previous_one_in_force() {
        // The testing day is 2026-11-24.
        let site = |effective: &str| {
            TestSite::new()
                .file("content/rules/r.md", "---\ntitle: R\nversion: \"1.0\"\nstatus: adopted\nadopted: 2025-01-01\n---\n## A\n\nOld.\n")
                .file("content/rules/r-v2.md", &format!("---\ntitle: R\nversion: \"2.0\"\nstatus: adopted\nadopted: 2026-11-01\neffective: {effective}\nsupersedes: r\n---\n## A\n\nNew.\n"))
        };
        let later = site("2027-01-01");
        let built = later.build().unwrap();
        assert!(
            !built
                .warnings
                .iter()
                .any(|w| w.code.as_str() == "adopted-not-newest"),
            "{:?}",
            built.warnings
        );
        let home = later.page("index.html");
        let section = &home[home.find("rules-title").unwrap()..];
        let (in_force, announced) = section.split_at(section.find("is-upcoming").unwrap());
        assert!(
            in_force.contains("Version 1.0") && !in_force.contains("Version 2.0"),
            "{in_force}"
        );
        // The version to come is announced beside it.
        assert!(announced.contains("Version 2.0"), "{announced}");
        // Once effective, the new version is in force and the old one should be marked.
        let now = site("2026-11-20");
        let built = now.build().unwrap();
        assert!(
            built
                .warnings
                .iter()
                .any(|w| w.code.as_str() == "adopted-not-newest" && w.path == "content/rules/r.md"),
            "{:?}",
            built.warnings
        );
        let home = now.page("index.html");
        let in_force = &home[home.find("rules-title").unwrap()..];
        assert!(in_force.contains("Version 2.0"), "{in_force}");
    }
}
