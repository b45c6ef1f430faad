//! What `gazette init` and `gazette new` write: the text of new sites and new
//! source files. The binary writes them, never over a file that exists.

use crate::config::SlugMode;
use crate::content::Kind;
use chrono::{Datelike, NaiveDate};

/// The kind a `gazette new` argument names (`meeting` or `meetings` …).
pub fn parse_kind(name: &str) -> Option<Kind> {
    Some(match name {
        "news" => Kind::News,
        "meeting" | "meetings" => Kind::Meeting,
        "rules" => Kind::Rules,
        "member" | "members" => Kind::Member,
        "page" => Kind::Page,
        _ => return None,
    })
}

/// The example texts `gazette new` writes for the editor to replace: a
/// published document that still holds one gets a warning.
pub const PLACEHOLDERS: &[&str] = &[
    "Write the news here.",
    "Where it takes place",
    "The announcement. After the meeting, add the minutes here",
    "Each level-2 heading is an article; gazette numbers them.",
    "What these rules are for.",
    "Who they apply to.",
    "What the organization does.",
    "The page's text.",
];

/// The line `gazette new` puts in every new file: nothing is published until
/// the editor removes it.
const DRAFT: &str = "draft: true                   # remove this line to publish\n";

/// The folder new sources of a kind go in, from the site root.
pub fn folder(kind: Kind) -> String {
    match kind.section() {
        Some(section) => format!("content/{section}"),
        None => "content".to_string(),
    }
}

/// YAML string literal (double-quoted, escaped).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// What `gazette new` needs to know.
pub struct NewFile<'a> {
    pub kind: Kind,
    pub title: &'a str,
    pub date: NaiveDate,
    /// Meetings: when it starts (`2026-12-01T09:30`); default: the date at 14:00.
    pub start: Option<&'a str>,
    /// A language suffix (`zh` → `x.zh.md`), `None` for the main language.
    pub lang: Option<&'a str>,
}

/// The next version number: `2.0` → `3.0`, `1` → `2`, anything else gets `-next`.
fn next_version(previous: &str) -> String {
    let (major, rest) = previous.split_once('.').unwrap_or((previous, ""));
    match major.parse::<u64>() {
        Ok(m) if rest.chars().all(|c| c.is_ascii_digit() || c == '.') => {
            if rest.is_empty() {
                (m + 1).to_string()
            } else {
                format!("{}.0", m + 1)
            }
        }
        _ => format!("{previous}-next"),
    }
}

/// The front matter and body of a new file of `kind`.
fn template(new: &NewFile, previous: Option<(&str, (&str, &str))>) -> String {
    let title = format!("{}\n{}", quoted(new.title), DRAFT.trim_end());
    let date = new.date;
    let start = new.start.map_or(format!("{date}T14:00"), str::to_string);
    match new.kind {
        Kind::News => format!(
            "---\ntitle: {title}\ndate: {date}\n# summary: One sentence for lists and feeds (default: the first paragraph).\n# tags: [party-building]\n# organizations: [member-slug]    # members this news is about\n# authors: [Name]\n# image: {{ src: /images/photo.jpg, alt: What the photo shows }}\n---\nWrite the news here. The first paragraph is the summary.\n"
        ),
        Kind::Meeting => format!(
            "---\ntitle: {title}\nstart: {start}\n# end: {date}T17:00\nlocation: Where it takes place\nstatus: scheduled              # scheduled | held | postponed | cancelled\n# host: member-slug\n# attendees: [member-slug, other-member]\n# convener: Name\n# agenda:\n#   - First item\n# rules: [rules-slug]            # rules discussed\n# online: https://meet.example.org/room\n---\nThe announcement. After the meeting, add the minutes here and set `status: held`.\n"
        ),
        Kind::Rules => match previous {
            Some((slug, (version, body))) => {
                format!(
                    "---\ntitle: {title}\nversion: {}\nstatus: draft                 # draft | trial | adopted | superseded | repealed\nsupersedes: {slug}\n# adopted: {date}\n# effective: {date}\n---\n{body}",
                    quoted(&next_version(version))
                )
            }
            None => format!(
                "---\ntitle: {title}\nversion: \"1.0\"\nstatus: draft                 # draft | trial | adopted | superseded | repealed\n# adopted: {date}\n# effective: {date}\n# supersedes: previous-version-slug\n---\nEach level-2 heading is an article; gazette numbers them.\n\n## Purpose\n\nWhat these rules are for.\n\n## Scope\n\nWho they apply to.\n"
            ),
        },
        Kind::Member => format!(
            "---\ntitle: {title}\n# short_name: Short name\n# website: https://example.org/\njoined: {date}\n# role: Member\n# logo: {{ src: /images/logo.svg, alt: Logo of the organization }}\n# contact: {{ email: office@example.org, phone: \"+86 551 0000 0000\", address: \"Street, City\" }}\n---\nWhat the organization does.\n"
        ),
        Kind::Page => format!("---\ntitle: {title}\n# weight: 10\n---\nThe page's text.\n"),
    }
}

/// Splits a rules file into its `version` value and its body.
fn version_and_body(text: &str) -> Option<(String, String)> {
    let split = crate::frontmatter::split(text).ok()?;
    let version = split
        .yaml
        .lines()
        .find_map(|l| l.strip_prefix("version:"))
        .map(|v| {
            v.split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\''])
                .to_string()
        })?;
    Some((version, split.body.to_string()))
}

/// The predecessor a new rules version starts from.
pub struct Predecessor<'a> {
    /// Its slug, as `--supersedes` names it.
    pub slug: &'a str,
    /// Its source text.
    pub text: &'a str,
}

/// Where a new source file goes (from the site root) and its text.
pub fn new_file(
    slugify: SlugMode,
    new: &NewFile,
    previous: Option<Predecessor>,
) -> Result<(String, String), String> {
    let slug = crate::slug::slugify(new.title, slugify);
    if slug.is_empty() {
        return Err(format!(
            "the title {:?} gives an empty file name; use a title with letters or digits",
            new.title
        ));
    }
    let suffix = new.lang.map_or(String::new(), |l| format!(".{l}"));
    let name = match new.kind {
        Kind::News | Kind::Meeting => format!("{}-{slug}{suffix}.md", new.date),
        _ => format!("{slug}{suffix}.md"),
    };
    let previous = match (new.kind, previous) {
        (Kind::Rules, Some(prev)) => {
            let parsed = version_and_body(prev.text).ok_or_else(|| {
                format!(
                    "{}/{}{suffix}.md: no `version:` in its front matter to start from",
                    folder(Kind::Rules),
                    prev.slug
                )
            })?;
            Some((prev.slug, parsed))
        }
        (_, Some(_)) => return Err("`--supersedes` is for rules only".to_string()),
        _ => None,
    };
    let text = template(
        new,
        previous
            .as_ref()
            .map(|(s, (v, b))| (*s, (v.as_str(), b.as_str()))),
    );
    // A new version keeps its title; its file (and URL) gets the version number.
    let name = match &previous {
        Some((prev, (version, _))) if *prev == slug => {
            let v = crate::slug::slugify(&next_version(version), slugify).replace('.', "-");
            format!("{slug}-v{v}{suffix}.md")
        }
        _ => name,
    };
    Ok((format!("{}/{name}", folder(new.kind)), text))
}

/// The address `init` writes when none is given; `check` warns while it stays.
pub const EXAMPLE_BASE_URL: &str = "https://example.org/";

/// The files of a new site, relative to its folder, with their text.
/// `base_url` is where the site will be published (default: the example).
pub fn init_files(today: NaiveDate, base_url: Option<&str>) -> Vec<(String, String)> {
    let base_url = base_url.unwrap_or(EXAMPLE_BASE_URL);
    let year = today.year();
    let meeting_day = today + chrono::Days::new(30);
    vec![
        ("site.yaml".into(), format!(
"# The site's settings. Every key is documented in gazette's README; an unknown
# key is an error, so a typo cannot go unnoticed.
title: Our Consortium                 # shown in every page's header
description: Member organizations working together
base_url: {base_url}        # where the site will be published (a path is fine)
language: en                          # the main language; translations are x.zh.md files
# languages: [zh]                     # further languages, each built under /zh/ …
timezone: Asia/Shanghai               # dates without an offset are in this zone
theme: default
paginate_by: 10
slugify: unicode                      # or ascii: transliterate titles in URLs
markdown:
  safe: false                         # true escapes raw HTML in Markdown
  smart_punctuation: true
consortium:
  # The rotating leading unit: member slugs (file names under content/members/).
  leading_units:
    - {{ member: example-member, from: {year}-01-01, to: {year}-12-31 }}
"
        )),
        (".gitignore".into(), "# gazette builds into output/; it is made from the sources, never edited.\n/output/\n".into()),
        ("README.md".into(),
"# Our consortium's site

Written in Markdown, built with [gazette](https://example.org/gazette).

- `content/news/` — news items, one file each: `YYYY-MM-DD-short-title.md`
- `content/meetings/` — joint meetings: the announcement, then the minutes
- `content/rules/` — working rules, one file per version (`supersedes:` links them)
- `content/members/` — member organizations
- `content/*.md` — other pages (`_index.md` is the home page's introduction)

Start a file with `gazette new news \"Title\"` (or meeting, rules, member, page).
Check your changes with `gazette check`; preview with `gazette serve` and open
the address it prints. Errors name the file, line and column, and say how to
fix them.
".into()),
        ("content/_index.md".into(), "---\ntitle: Welcome\n---\nThe member organizations of our consortium publish their news, meetings and rules here.\n".into()),
        ("content/about.md".into(), "---\ntitle: About\nweight: 1\n---\nWho we are and how the consortium works.\n".into()),
        ("content/members/example-member.md".into(), format!("---\ntitle: Example Member Association\nshort_name: Example\njoined: {year}-01-01\nrole: Leading unit\n---\nAn example member organization: write your first member here.\n")),
        (format!("content/news/{today}-site-launched.md"), format!("---\ntitle: Our site is online\ndate: {today}\ntags: [announcements]\norganizations: [example-member]\n---\nThe consortium's news, meetings and rules are now published here.\n\nSee the [working rules](@/rules/working-rules.md).\n")),
        (format!("content/meetings/{meeting_day}-first-joint-meeting.md"), format!("---\ntitle: First joint meeting\nstart: {meeting_day}T14:00\nend: {meeting_day}T16:00\nlocation: Meeting room of the leading unit\nhost: example-member\nattendees: [example-member]\nagenda:\n  - Adopt the working rules\nrules: [working-rules]\nstatus: scheduled\n---\nAll member organizations are invited.\n")),
        ("content/rules/working-rules.md".into(), format!("---\ntitle: Working Rules\nversion: \"1.0\"\nstatus: adopted\nadopted: {today}\n---\n## Purpose\n\nThe consortium coordinates the work of its members.\n\n## Leading unit\n\nMembers take turns as the leading unit, one year each.\n")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_count_up() {
        assert_eq!(next_version("2.0"), "3.0");
        assert_eq!(next_version("1"), "2");
        assert_eq!(next_version("1.2.3"), "2.0");
        assert_eq!(next_version("trial"), "trial-next");
    }

    #[test]
    fn rules_files_split_into_version_and_body() {
        let (v, b) =
            version_and_body("---\ntitle: R\nversion: \"2.0\" # now\n---\n## A\n\nText.\n")
                .unwrap();
        assert_eq!(v, "2.0");
        assert_eq!(b, "## A\n\nText.\n");
    }
}
