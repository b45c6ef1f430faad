//! Front matter: split the `---` block from the Markdown body and read its YAML,
//! with every position reported as a line and column of the whole file.
//!
//! This module and `config.rs` are the only ones that name serde_yaml (archived
//! upstream), so replacing it touches two files.

mod lint;

use crate::diag::{closest, Code, Diagnostic, Position};
use serde::de::DeserializeOwned;

/// A source file cut in two. Offsets are bytes into the text given to [`split`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// The file line (1-based) on which the YAML text starts.
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// Why a file could not be split; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub line: usize,
    pub message: String,
    pub help: String,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == "---"
}

/// Splits `text` (without a BOM) into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError {
            line: 1,
            message: "the file is empty".into(),
            help: "start it with a front matter block: `---`, `title: ...`, `---`".into(),
        });
    }
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if !is_fence(&text[..first_end]) {
        return Err(SplitError {
            line: 1,
            message: "the file does not start with a front matter block".into(),
            help: "the first line must be `---`, followed by YAML keys and a closing `---` line"
                .into(),
        });
    }
    let mut offset = first_end;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if is_fence(&text[offset..end]) {
            return Ok(Split {
                yaml: &text[first_end..offset],
                yaml_line: 2,
                body: &text[end..],
                body_offset: end,
            });
        }
        offset = end;
    }
    Err(SplitError {
        line: 1,
        message: "the front matter block is never closed".into(),
        help: "add a line with only `---` after the last YAML key".into(),
    })
}

/// The accepted keys of a YAML mapping: names, and for keys that hold a mapping
/// (or a list of mappings) the keys accepted inside. `extra` is always free.
#[derive(Debug)]
pub struct Schema {
    pub keys: &'static [&'static str],
    pub nested: &'static [(&'static str, &'static [&'static str])],
}

/// Lists and mappings nested deeper than this are an error.
pub const MAX_YAML_DEPTH: usize = 32;

/// A front matter or config YAML text, with the file line it starts on.
pub struct Yaml<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub first_line: usize,
}

impl<'a> Yaml<'a> {
    /// Parses the YAML into `T`, after checking every key against `schema`.
    /// Returns all unknown keys at once; type errors come one per file.
    pub fn parse<T: DeserializeOwned + Default>(
        &self,
        schema: &Schema,
    ) -> Result<T, Vec<Diagnostic>> {
        if let Some(too_deep) = self.too_deep() {
            return Err(vec![too_deep]);
        }
        // Named where they are, before the parser reports them a line later
        // as something else, or accepts them.
        let mistakes = lint::check(self);
        if !mistakes.is_empty() {
            return Err(mistakes);
        }
        let value: serde_yaml::Value = match serde_yaml::from_str(self.text) {
            Ok(v) => v,
            Err(e) => return Err(vec![self.yaml_error(&e)]),
        };
        let mapping = match value {
            serde_yaml::Value::Null => return Ok(T::default()),
            serde_yaml::Value::Mapping(m) => m,
            _ => {
                return Err(vec![Diagnostic::error(
                    Code::YamlShape,
                    self.path,
                    "the YAML must be a mapping of keys to values",
                )
                .at(self.first_line, 1)
                .help("write one `key: value` per line")])
            }
        };
        let mut diagnostics = Vec::new();
        self.check_keys(&mapping, schema.keys, &[], &mut diagnostics);
        for (parent, inner) in schema.nested {
            let Some(child) = mapping.get(*parent) else {
                continue;
            };
            let children: Vec<&serde_yaml::Mapping> = match child {
                serde_yaml::Value::Mapping(m) => vec![m],
                serde_yaml::Value::Sequence(items) => {
                    items.iter().filter_map(|i| i.as_mapping()).collect()
                }
                _ => vec![],
            };
            for m in children {
                self.check_keys(m, inner, &[parent], &mut diagnostics);
            }
        }
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        serde_yaml::from_str(self.text).map_err(|e| vec![self.yaml_error(&e)])
    }

    /// Nesting past [`MAX_YAML_DEPTH`] (`[[[…`, `{a: {b: …`, `- - - …`, or
    /// indentation), found in one pass before the parser sees it: the YAML
    /// parser's work grows with the square of the depth before it refuses.
    fn too_deep(&self) -> Option<Diagnostic> {
        let mut depth = 0usize;
        let (mut quote, mut escaped) = (None::<char>, false);
        for (k, line) in self.text.lines().enumerate() {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let dashes = line[indent..]
                .split_inclusive(' ')
                .take_while(|w| *w == "- ")
                .count();
            let mut deepest = depth;
            let mut previous = ' ';
            for (col, c) in line.char_indices() {
                match quote {
                    Some('"') if escaped => escaped = false,
                    Some('"') if c == '\\' => escaped = true,
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None => match c {
                        '#' if previous == ' ' => break,
                        '"' | '\'' => quote = Some(c),
                        '[' | '{' => depth += 1,
                        ']' | '}' => depth = depth.saturating_sub(1),
                        _ => {}
                    },
                }
                deepest = deepest.max(depth);
                previous = c;
                if deepest > MAX_YAML_DEPTH {
                    return Some(self.deep_at(k, col));
                }
            }
            if indent / 2 + dashes > MAX_YAML_DEPTH {
                return Some(self.deep_at(k, indent));
            }
        }
        None
    }

    fn deep_at(&self, line: usize, byte: usize) -> Diagnostic {
        let text = self.text.lines().nth(line).unwrap_or("");
        let column = text[..byte.min(text.len())].chars().count() + 1;
        Diagnostic::error(
            Code::TooDeep,
            self.path,
            format!("the YAML nests deeper than {MAX_YAML_DEPTH} levels here"),
        )
        .at(self.first_line + line, column)
        .help("front matter needs a few levels at most: check for unclosed `[` or `{`")
    }

    fn check_keys(
        &self,
        mapping: &serde_yaml::Mapping,
        known: &[&str],
        parents: &[&str],
        out: &mut Vec<Diagnostic>,
    ) {
        for key in mapping.keys() {
            let name = match key {
                serde_yaml::Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            if known.contains(&name.as_str()) || (parents.is_empty() && name == "extra") {
                continue;
            }
            let mut path: Vec<&str> = parents.to_vec();
            path.push(&name);
            let mut d = Diagnostic::error(
                Code::UnknownField,
                self.path,
                format!("`{name}`: unknown field"),
            )
            .at_pos(self.locate(&path, None))
            .localized(crate::diag::messages::UNKNOWN_FIELD, &[("key", &name)]);
            d = match closest(&name, known) {
                Some(k) => d.help(format!("did you mean `{k}`?")),
                None => d.help(format!("known fields here: {}", known.join(", "))),
            };
            out.push(d);
        }
    }

    fn yaml_error(&self, e: &serde_yaml::Error) -> Diagnostic {
        let message = e.to_string();
        // serde_yaml appends " at line L column C"; the location is reported separately.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        let (line, column) = e.location().map_or((self.first_line, 1), |l| {
            (self.first_line + l.line() - 1, l.column())
        });
        let mut d = Diagnostic::error(Code::Yaml, self.path, format!("invalid YAML: {message}"))
            .at(line, column)
            .localized(crate::diag::messages::YAML, &[("detail", &message)]);
        let line_text = self
            .text
            .lines()
            .nth(line.saturating_sub(self.first_line))
            .unwrap_or("");
        if line_text.contains('\t') || message.contains("tab") {
            d = d.help("YAML does not allow tabs for indentation: indent with spaces");
        } else if message.contains("duplicate") {
            d = d.help("each key may appear once; remove or merge the repeated one");
        } else if message.contains("invalid type") || message.contains("expected") {
            d = d.help(
                "check the value's type: text, a date, a list (`- item` lines) or `true`/`false`",
            );
        } else if message.contains("mapping values are not allowed") {
            d = d.help("a value that contains `: ` must be quoted");
        }
        d
    }

    /// The text written after `key:` on its line, unquoted: keeps `1.10` as
    /// written where YAML would read a number.
    pub fn raw_value(&self, key: &str) -> Option<String> {
        let pos = self.locate(&[key], None);
        let line = self
            .text
            .lines()
            .nth(pos.line.checked_sub(self.first_line)?)?;
        let after = line.split_once(':')?.1;
        let value = after.split(" #").next()?.trim().trim_matches(['"', '\'']);
        (!value.is_empty()).then(|| value.to_string())
    }

    /// Finds where a key (by its path of nested keys) or a value under it is
    /// written, for diagnostics about values. Falls back to the block's start.
    pub fn locate(&self, key_path: &[&str], value: Option<&str>) -> Position {
        let lines: Vec<&str> = self.text.lines().collect();
        let mut from = 0;
        let mut min_indent = 0;
        let mut found: Option<(usize, usize, usize)> = None;
        for key in key_path {
            let hit = (from..lines.len()).find_map(|i| {
                let line = lines[i];
                let content = line.trim_start_matches([' ', '-']);
                let indent = line.len() - content.len();
                let bare = content.trim_start_matches(['"', '\'']);
                let quote = content.len() - bare.len();
                (indent >= min_indent
                    && bare.starts_with(key)
                    && bare[key.len()..]
                        .trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with(':'))
                .then_some((i, indent + quote, key.chars().count()))
            });
            match hit {
                Some(h) => {
                    from = h.0 + 1;
                    min_indent = h.1 + 1;
                    found = Some(h);
                }
                None => break,
            }
        }
        let Some((key_line, key_col, key_len)) = found else {
            return Position {
                line: self.first_line,
                column: 1,
                len: 3,
            };
        };
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            for (i, line) in lines.iter().enumerate().skip(key_line) {
                if i > key_line && !line.starts_with([' ', '-', '\t']) {
                    break;
                }
                let search_from = if i == key_line { key_col + key_len } else { 0 };
                if let Some(at) = line.get(search_from..).and_then(|rest| rest.find(value)) {
                    let byte = search_from + at;
                    let column = line[..byte].chars().count() + 1;
                    return Position {
                        line: self.first_line + i,
                        column,
                        len: value.chars().count(),
                    };
                }
            }
        }
        Position {
            line: self.first_line + key_line,
            column: key_col + 1,
            len: key_len,
        }
    }
}

impl Yaml<'_> {
    /// Where each item of the list at `list_path` writes `key: value`, for
    /// items in their written order (`[("url", "@/a.md"), ("section", "news")]`):
    /// one pass from the list down, so a list of any length costs its text
    /// once (a [`Yaml::locate`] per item would read the text per item). An
    /// item not found gets the list's own position.
    pub fn locate_items(&self, list_path: &[&str], items: &[(&str, &str)]) -> Vec<Position> {
        let list = self.locate(list_path, None);
        let lines: Vec<&str> = self.text.lines().collect();
        let mut next = list.line.saturating_sub(self.first_line) + 1;
        items
            .iter()
            .map(|(key, value)| {
                if value.is_empty() {
                    return list;
                }
                let written = format!("{key}:");
                let hit = (next..lines.len()).find_map(|i| {
                    let line = lines[i];
                    let from = line.find(&written)? + written.len();
                    Some((i, line[from..].find(value)? + from))
                });
                let Some((i, byte)) = hit else { return list };
                next = i + 1;
                Position {
                    line: self.first_line + i,
                    column: lines[i][..byte].chars().count() + 1,
                    len: value.chars().count(),
                }
            })
            .collect()
    }
}

/// The value written after a top-level `key:` in a source's front matter,
/// unquoted and without its comment (`date: 2024-12-13 # …` → `2024-12-13`),
/// read line by line for tools that write sources (`new`), not for builds.
pub fn top_level_value(text: &str, key: &str) -> Option<String> {
    let split = split(text).ok()?;
    split.yaml.lines().find_map(|line| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?;
        let value = value.split(" #").next()?.trim().trim_matches(['"', '\'']);
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// Serialises a value as YAML text (used by `gazette new` to copy front matter).
pub fn to_yaml_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}

/// The fingerprint of a front matter's top-level keys and values, leaving
/// out the keys in `skipped`: what is left of the YAML decides the hash,
/// whatever keys a schema later grows. Text that does not parse hashes whole.
pub fn fingerprint_without(text: &str, skipped: &[&str]) -> u64 {
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(serde_yaml::Value::Mapping(mut map)) => {
            for key in skipped {
                map.remove(*key);
            }
            crate::fingerprint::of(serde_yaml::Value::Mapping(map))
        }
        Ok(other) => crate::fingerprint::of(other),
        Err(_) => crate::fingerprint::of(text),
    }
}

/// Reads a flat YAML mapping of strings (a theme's `i18n/<lang>.yaml`).
pub fn parse_string_map(
    path: &str,
    text: &str,
) -> Result<std::collections::BTreeMap<String, String>, Diagnostic> {
    serde_yaml::from_str::<Option<std::collections::BTreeMap<String, String>>>(text)
        .map(Option::unwrap_or_default)
        .map_err(|e| {
            let yaml = Yaml {
                path,
                text,
                first_line: 1,
            };
            let mut d = yaml.yaml_error(&e);
            d.help = Some("theme strings are `key: text` lines".into());
            d
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Default, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // only the shape is under test
    struct Sample {
        title: Option<String>,
        draft: Option<bool>,
        image: Option<Img>,
        extra: Option<serde_json::Value>,
    }
    #[derive(serde::Deserialize, Default, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Img {
        src: String,
        alt: Option<String>,
    }
    const SCHEMA: Schema = Schema {
        keys: &["title", "draft", "image"],
        nested: &[("image", &["src", "alt"])],
    };

    fn parse(text: &str) -> Result<Sample, Vec<Diagnostic>> {
        let s = split(text).expect("split");
        Yaml {
            path: "a.md",
            text: s.yaml,
            first_line: s.yaml_line,
        }
        .parse(&SCHEMA)
    }

    /// Each menu item is found after the one before, even when two items
    /// write the same value, and one not written is at its list.
    #[test]
    fn list_items_are_located_in_one_pass() {
        let text = "title: T\nmenus:\n  main:\n    - { section: news }\n    - { name: A, url: \"@/a.md\" }\n    - { name: B, url: \"@/a.md\" }\n    - { section: rules }\n";
        let yaml = Yaml {
            path: "site.yaml",
            text,
            first_line: 1,
        };
        let at = yaml.locate_items(
            &["menus", "main"],
            &[
                ("section", "news"),
                ("url", "@/a.md"),
                ("url", "@/a.md"),
                ("section", "gone"),
                ("section", "rules"),
            ],
        );
        let lines: Vec<(usize, usize)> = at.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(lines, [(4, 18), (5, 24), (6, 24), (3, 3), (7, 18)]);
    }

    #[test]
    fn split_cases() {
        type Case<'a> = (&'a str, Result<(&'a str, &'a str), usize>);
        let cases: &[Case] = &[
            ("---\ntitle: x\n---\nbody\n", Ok(("title: x\n", "body\n"))),
            (
                "---\r\ntitle: x\r\n---\r\nbody",
                Ok(("title: x\r\n", "body")),
            ),
            ("---\ntitle: x\n---", Ok(("title: x\n", ""))),
            ("---\n---\n", Ok(("", ""))),
            ("", Err(1)),
            ("   \n", Err(1)),
            ("title: x\n", Err(1)),
            ("---\ntitle: x\n", Err(1)),
        ];
        for (text, expected) in cases {
            let got = split(text).map(|s| (s.yaml, s.body)).map_err(|e| e.line);
            assert_eq!(&got, expected, "{text:?}");
        }
    }

    #[test]
    fn unknown_keys_are_all_reported_with_file_lines() {
        let errs = parse("---\ntitel: x\ndraft: true\nimage:\n  src: a.png\n  atl: b\nextra:\n  anything: 1\n---\n").unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!((errs[0].line, errs[0].column), (Some(2), Some(1)));
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `title`?"));
        assert_eq!((errs[1].line, errs[1].column), (Some(6), Some(3)));
        assert_eq!(errs[1].help.as_deref(), Some("did you mean `alt`?"));
    }

    #[test]
    fn yaml_errors_count_lines_from_the_file() {
        let errs = parse("---\ntitle: x\ndraft: [\n---\n").unwrap_err();
        assert_eq!(errs[0].line, Some(4), "{:?}", errs[0]);
        let errs = parse("---\ntitle: x\ndraft: maybe\n---\n").unwrap_err();
        assert_eq!(errs[0].line, Some(3), "{:?}", errs[0]);
        let errs = parse("---\ntitle: x\nimage:\n\tsrc: a\n---\n").unwrap_err();
        assert_eq!(errs[0].line, Some(4), "{:?}", errs[0]);
        assert!(errs[0].help.as_deref().unwrap().contains("tabs"));
    }

    #[test]
    fn locate_finds_nested_keys_and_values() {
        let y = Yaml {
            path: "a",
            text: "title: x\nattendees:\n  - one\n  - two\nimage:\n  alt: z\n",
            first_line: 2,
        };
        assert_eq!(
            y.locate(&["attendees"], Some("two")),
            Position {
                line: 5,
                column: 5,
                len: 3
            }
        );
        assert_eq!(
            y.locate(&["image", "alt"], None),
            Position {
                line: 7,
                column: 3,
                len: 3
            }
        );
        assert_eq!(y.locate(&["title"], Some("x")).column, 8);
    }
}
