//! `channels:` in `site.yaml`: sections editors add without code, such as
//! 通知公告 (notices) beside the news. A channel is like a built-in kind (today
//! `news`): its documents take that kind's front matter, template and feed,
//! under a folder, URL, title and menu place of their own.

use crate::diag::{Code, Diagnostic, Position};
use crate::frontmatter::Yaml;
use crate::kinds::{self, Kind, ListOrder};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One channel: `content/<name>/` published under `/<name>/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Channel {
    pub name: String,
    /// The built-in kind whose documents and pages it copies.
    pub like: Kind,
    /// Its title per language; a language without one uses the main language's.
    pub titles: BTreeMap<String, String>,
    /// Its order in the menu and on the home page (lower first; equal weights
    /// keep the order written).
    pub weight: i64,
    pub position: Position,
}

impl Channel {
    /// The channel's title for readers of `lang`.
    pub fn title<'a>(&'a self, lang: &str, main: &str) -> &'a str {
        self.titles
            .get(lang)
            .or_else(|| self.titles.get(main))
            .map_or(self.name.as_str(), String::as_str)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannel {
    like: Option<String>,
    title: Option<RawTitle>,
    weight: Option<i64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawTitle {
    Every(String),
    PerLanguage(BTreeMap<String, String>),
}

/// The kinds a channel may be like: those whose list is a dated stream.
fn can_be_like(kind: Kind) -> bool {
    kind.spec().list == Some(ListOrder::Newest)
}

/// Names a channel may not take: the built-in sections and gazette's own paths.
fn clashes(name: &str, languages: &[&str]) -> bool {
    kinds::sections().any(|s| s == name)
        || matches!(name, "tags" | "search" | "pagefind" | "page")
        // A language's pages live under its code: `/zh/`.
        || languages.contains(&name)
}

/// Reads `channels:`, every mistake located in `site.yaml`.
pub(super) fn channels(
    raw: Option<serde_yaml::Mapping>,
    languages: &[&str],
    yaml: &Yaml,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Channel> {
    let mut out = Vec::new();
    for (key, value) in raw.unwrap_or_default() {
        let name = match &key {
            serde_yaml::Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        let position = yaml.locate(&["channels", &name], None);
        let mut fail = |pos: Position, message: String, help: String| {
            errors.push(
                Diagnostic::error(Code::Channel, yaml.path, message)
                    .at_pos(pos)
                    .help(help),
            )
        };
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            || name.starts_with('-')
        {
            fail(
                position,
                format!("the channel name `{name}` is not a folder name gazette can publish"),
                "a channel's name is its folder and URL: lowercase letters, digits and `-`, e.g. `notices`".into(),
            );
            continue;
        }
        if clashes(&name, languages) {
            fail(
                position,
                format!("the channel `{name}` clashes with a section gazette makes itself"),
                format!(
                    "choose another name; these are taken: {}, tags, search",
                    kinds::sections().collect::<Vec<_>>().join(", ")
                ),
            );
            continue;
        }
        let raw: RawChannel = match serde_yaml::from_value(value) {
            Ok(r) => r,
            Err(e) => {
                fail(
                    position,
                    format!("the channel `{name}`: {e}"),
                    "write e.g. `notices: { like: news, title: { zh: 通知公告, en: Notices }, weight: 1 }`".into(),
                );
                continue;
            }
        };
        let like_name = raw.like.as_deref().unwrap_or("news");
        let like = Kind::from_new_name(like_name).filter(|&k| can_be_like(k));
        let Some(like) = like else {
            fail(
                yaml.locate(&["channels", &name, "like"], Some(like_name)),
                format!("the channel `{name}` cannot be like `{like_name}`"),
                "a channel is a stream of dated items: write `like: news`".into(),
            );
            continue;
        };
        let titles = match raw.title {
            None => BTreeMap::new(),
            Some(RawTitle::Every(t)) => languages
                .iter()
                .map(|l| (l.to_string(), t.clone()))
                .collect(),
            Some(RawTitle::PerLanguage(map)) => {
                for lang in map.keys().filter(|l| !languages.contains(&l.as_str())) {
                    fail(
                        yaml.locate(&["channels", &name, "title"], Some(lang)),
                        format!("the channel `{name}` has a title in `{lang}`, which is not one of the site's languages"),
                        format!("the site's languages are {}", languages.join(", ")),
                    );
                }
                map
            }
        };
        out.push(Channel {
            name,
            like,
            titles,
            weight: raw.weight.unwrap_or(0),
            position,
        });
    }
    out.sort_by_key(|c| c.weight);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<Channel>, Vec<Diagnostic>) {
        let yaml = Yaml {
            path: "site.yaml",
            text,
            first_line: 1,
        };
        let value: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        let raw = value.get("channels").and_then(|c| c.as_mapping()).cloned();
        let mut errors = Vec::new();
        let out = channels(raw, &["zh", "en"], &yaml, &mut errors);
        (out, errors)
    }

    #[test]
    fn channels_keep_their_weights_then_the_order_written() {
        let (out, errors) = read(
            "channels:\n  work:\n    title: 工作动态\n    weight: 2\n  notices:\n    title: { zh: 通知公告, en: Notices }\n    weight: 1\n  party:\n    weight: 2\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<&str> = out.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["notices", "work", "party"]);
        assert_eq!(out[0].title("en", "zh"), "Notices");
        assert_eq!(out[1].title("en", "zh"), "工作动态");
        assert_eq!(out[2].title("en", "zh"), "party");
        assert_eq!(out[0].like, Kind::News);
    }

    #[test]
    fn mistakes_are_located_in_site_yaml() {
        let (out, errors) = read(
            "title: T\nchannels:\n  zh:\n    like: news\n  news:\n    like: news\n  notices:\n    like: meeting\n  Big Name:\n    like: news\n  faq:\n    like: news\n    title: { fr: FAQ }\n",
        );
        let lines: Vec<(usize, &str)> = errors
            .iter()
            .map(|e| (e.line.unwrap(), e.message.as_str()))
            .collect();
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert_eq!(lines[0].0, 3, "a language's folder: {lines:?}");
        assert_eq!(lines[1].0, 5, "{lines:?}");
        assert!(lines[1].1.contains("clashes"));
        assert_eq!(lines[2].0, 8, "`like: meeting` is located: {lines:?}");
        assert_eq!(lines[3].0, 9);
        assert_eq!(lines[4].0, 13, "{lines:?}");
        // The channel with a stray title language is still kept.
        assert_eq!(out.len(), 1);
    }
}
