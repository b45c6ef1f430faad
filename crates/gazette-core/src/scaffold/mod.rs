//! What `gazette init` and `gazette new` write: the text of new sites and new
//! source files. The binary writes them, never over a file that exists.

mod names;
mod starter;
pub mod successor;

pub use names::MAX_SLUG;
pub use starter::{init_files, EXAMPLE_BASE_URL};

use crate::config::SlugMode;
use crate::content::Kind;
use chrono::NaiveDate;

/// The kind a `gazette new` argument names (`meeting` or `meetings` …).
pub fn parse_kind(name: &str) -> Option<Kind> {
    Kind::from_new_name(name)
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
    "在这里写新闻正文。",
    "会议地点",
    "会议通知。会后在这里补充会议纪要",
    "每个二级标题是一条，gazette 自动编号。",
    "本规则的目的。",
    "本规则的适用范围。",
    "单位简介。",
    "页面正文。",
];

/// The line `gazette new` puts in every new file: nothing is published until
/// the editor removes it.
const DRAFT: &str = "draft: true                   # remove this line to publish\n";
const DRAFT_ZH: &str = "draft: true                   # 删除这一行即发布\n";

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
    /// A channel's folder (`notices`) for a document of the kind it is like.
    pub channel: Option<&'a str>,
    pub title: &'a str,
    pub date: NaiveDate,
    /// Meetings: when it starts (`2026-12-01T09:30`); default: the date at 14:00.
    pub start: Option<&'a str>,
    /// A language suffix (`zh` → `x.zh.md`), `None` for the main language.
    pub lang: Option<&'a str>,
    /// The language the file is written in: its examples are in Chinese for `zh`.
    pub written_in: &'a str,
    /// `--slug`: the address segment, and the file name's stem.
    pub slug: Option<&'a str>,
    /// Slugs already used in the section, so a numbered slug is new.
    pub taken: &'a [String],
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
    let zh = new.written_in.split('-').next() == Some("zh");
    let draft = if zh { DRAFT_ZH } else { DRAFT };
    let title = format!("{}\n{}", quoted(new.title), draft.trim_end());
    let date = new.date;
    let start = new.start.map_or(format!("{date}T14:00"), str::to_string);
    match (new.kind, zh, previous) {
        (Kind::News, false, _) => format!(
            "---\ntitle: {title}\ndate: {date}\n# summary: One sentence for lists and feeds (default: the first paragraph).\n# tags: [party-building]\n# organizations: [member-slug]    # members this news is about\n# authors: [Name]\n# image: {{ src: /images/photo.jpg, alt: What the photo shows }}\n---\nWrite the news here. The first paragraph is the summary.\n"
        ),
        (Kind::News, true, _) => format!(
            "---\ntitle: {title}\ndate: {date}\n# summary: 一句话摘要，用于列表和订阅（默认取第一段）。\n# tags: [党建]\n# organizations: [member-slug]    # 新闻涉及的成员单位\n# authors: [作者]\n# image: {{ src: /images/photo.jpg, alt: 照片内容 }}\n---\n在这里写新闻正文。第一段是摘要。\n"
        ),
        (Kind::Meeting, false, _) => format!(
            "---\ntitle: {title}\nstart: {start}\n# end: {date}T17:00\nlocation: Where it takes place\nstatus: scheduled              # scheduled | held | postponed | cancelled\n# host: member-slug\n# attendees: [member-slug, other-member]\n# convener: Name\n# agenda:\n#   - First item\n# rules: [rules-slug]            # rules discussed\n# online: https://meet.example.org/room\n---\nThe announcement. After the meeting, add the minutes here and set `status: held`.\n"
        ),
        (Kind::Meeting, true, _) => format!(
            "---\ntitle: {title}\nstart: {start}\n# end: {date}T17:00\nlocation: 会议地点\nstatus: scheduled              # scheduled 已安排 | held 已召开 | postponed 延期 | cancelled 取消\n# host: member-slug             # 承办单位\n# attendees: [member-slug, other-member]\n# convener: 召集人\n# agenda:\n#   - 第一项议程\n# rules: [rules-slug]            # 讨论的规则\n# online: https://meet.example.org/room\n---\n会议通知。会后在这里补充会议纪要，并改为 `status: held`。\n"
        ),
        (Kind::Rules, _, Some((slug, (version, body)))) => {
            format!(
                "---\ntitle: {title}\nversion: {}\nstatus: draft                 # draft | trial | adopted | superseded | repealed\nsupersedes: {slug}\n# adopted: {date}\n# effective: {date}\n---\n{body}",
                quoted(&next_version(version))
            )
        }
        (Kind::Rules, false, _) => format!(
            "---\ntitle: {title}\nversion: \"1.0\"\nstatus: draft                 # draft | trial | adopted | superseded | repealed\n# adopted: {date}\n# effective: {date}\n# supersedes: v1               # in this folder, the version before by date when not given\n---\nEach level-2 heading is an article; gazette numbers them.\n\n## Purpose\n\nWhat these rules are for.\n\n## Scope\n\nWho they apply to.\n"
        ),
        (Kind::Rules, true, _) => format!(
            "---\ntitle: {title}\nversion: \"1.0\"\nstatus: draft                 # draft 草案 | trial 试行 | adopted 通过 | superseded 已被取代 | repealed 废止\n# adopted: {date}\n# effective: {date}\n# supersedes: v1               # 不写时，按日期取本文件夹中的上一版本\n---\n每个二级标题是一条，gazette 自动编号。\n\n## 目的\n\n本规则的目的。\n\n## 适用范围\n\n本规则的适用范围。\n"
        ),
        (Kind::Member, false, _) => format!(
            "---\ntitle: {title}\n# short_name: Short name\n# website: https://example.org/\njoined: {date}\n# role: Member\n# logo: {{ src: /images/logo.svg, alt: Logo of the organization }}\n# contact: {{ email: office@example.org, phone: \"+86 551 0000 0000\", address: \"Street, City\" }}\n---\nWhat the organization does.\n"
        ),
        (Kind::Member, true, _) => format!(
            "---\ntitle: {title}\n# short_name: 简称\n# website: https://example.org/\njoined: {date}\n# role: 成员单位\n# logo: {{ src: /images/logo.svg, alt: 单位标志 }}\n# contact: {{ email: office@example.org, phone: \"+86 551 0000 0000\", address: \"合肥市某路某号\" }}\n---\n单位简介。\n"
        ),
        (Kind::Page, false, _) => format!("---\ntitle: {title}\n# weight: 10\n# menu: main                    # link it from the header (or footer)\n---\nThe page's text.\n"),
        (Kind::Page, true, _) => format!("---\ntitle: {title}\n# weight: 10\n# menu: main                    # 在页头导航（或 footer 页脚）中链接本页\n---\n页面正文。\n"),
    }
}

/// Splits a rules file into its `version` value and its body.
fn version_and_body(text: &str) -> Option<(String, String)> {
    let version = crate::frontmatter::top_level_value(text, "version")?;
    let split = crate::frontmatter::split(text).ok()?;
    Some((version, split.body.to_string()))
}

/// The predecessor a new rules version starts from (see [`successor::find`]).
pub struct Predecessor<'a> {
    /// What the new version's `supersedes:` says.
    pub supersedes: &'a str,
    /// The document folder, when the versions are kept in one.
    pub folder: Option<&'a str>,
    /// File stems already taken where the new version goes.
    pub taken: Vec<&'a str>,
    /// Its source text.
    pub text: &'a str,
}

/// Where a new source file goes (from the site root) and its text.
pub fn new_file(
    slugify: SlugMode,
    new: &NewFile,
    previous: Option<Predecessor>,
) -> Result<(String, String), String> {
    let named = names::name(new.title, slugify, new.slug, new.kind, new.date, new.taken)?;
    let slug = match (&named.slug, new.kind) {
        // A rules document's folder is its address.
        (Some(short), Kind::Rules) if new.slug.is_none() => short.clone(),
        _ => named.stem.clone(),
    };
    let suffix = new.lang.map_or(String::new(), |l| format!(".{l}"));
    let name = match new.kind {
        Kind::News | Kind::Meeting => format!("{}-{slug}{suffix}.md", new.date),
        _ => format!("{slug}{suffix}.md"),
    };
    let previous = match (new.kind, previous) {
        (Kind::Rules, Some(prev)) => {
            let parsed = version_and_body(prev.text).ok_or_else(|| {
                format!(
                    "the version `{}` has no `version:` in its front matter to start from",
                    prev.supersedes
                )
            })?;
            Some((prev, parsed))
        }
        (_, Some(_)) => return Err("`--supersedes` is for rules only".to_string()),
        _ => None,
    };
    let mut text = template(
        new,
        previous
            .as_ref()
            .map(|(p, (v, b))| (p.supersedes, (v.as_str(), b.as_str()))),
    );
    if let Some(short) = named.slug.filter(|_| new.kind != Kind::Rules) {
        // After the title line: the address an editor may still change.
        let at = text.find('\n').map_or(0, |i| i + 1);
        let at = at + text[at..].find('\n').map_or(0, |i| i + 1);
        text.insert_str(at, &format!("slug: {short}\n"));
    }
    // A new version goes beside the one it supersedes: in its document's
    // folder as the next `vN`, or (older layout) under its title and number.
    let name = match &previous {
        Some((prev, (version, _))) => {
            let next = next_version(version);
            match prev.folder {
                Some(f) => format!(
                    "{f}/{}{suffix}.md",
                    successor::next_in_folder(&prev.taken, &next)
                ),
                None => {
                    let v = crate::slug::slugify(&next, slugify).replace('.', "-");
                    let base = format!("{slug}-v{v}");
                    let mut stem = base.clone();
                    let mut n = 2;
                    while prev.taken.contains(&stem.as_str()) {
                        stem = format!("{base}-{n}");
                        n += 1;
                    }
                    format!("{stem}{suffix}.md")
                }
            }
        }
        // A first version starts its document's folder.
        None if new.kind == Kind::Rules => format!("{slug}/v1{suffix}.md"),
        None => name,
    };
    let folder = match new.channel {
        Some(channel) => format!("content/{channel}"),
        None => folder(new.kind),
    };
    Ok((format!("{folder}/{name}"), text))
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
