//! Mistakes in YAML an editor makes on a Chinese keyboard or by indenting,
//! found line by line before the parser: each is named at its own line and
//! column. The parser would report most of them a line later as something
//! else ("mapping values are not allowed"), and some it accepts silently: a
//! list item indented under the one above becomes more of that item's text
//! (two agenda items merged), `[党建，会议]` is one tag.

use super::Yaml;
use crate::diag::messages as msg;
use crate::diag::{Code, Diagnostic};

/// The YAML lines of `yaml` with what the checks need.
struct Line<'a> {
    /// 0-based, within the YAML.
    index: usize,
    text: &'a str,
    /// Leading ASCII spaces.
    indent: usize,
    /// After the indentation.
    rest: &'a str,
}

impl Line<'_> {
    /// A list item (`- …`): the column of its dash and its content.
    fn item(&self) -> Option<&str> {
        self.rest
            .strip_prefix("- ")
            .or_else(|| (self.rest == "-").then_some(""))
    }

    /// The key-like word that starts the line (after any `- `), possibly
    /// empty, and what follows it after any spaces.
    fn word(&self) -> (&str, &str) {
        let rest = self.item().unwrap_or(self.rest);
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        (word, after.trim_start_matches(' '))
    }

    /// A `key:` at the start of the line (after any `- `): the key and what
    /// follows the colon.
    fn key(&self) -> Option<(&str, &str)> {
        let (key, after) = self.word();
        let after = after.strip_prefix(':')?;
        (!key.is_empty()).then_some((key, after))
    }

    /// The content of a list item or key that is a plain scalar (text that a
    /// more indented line would continue).
    fn plain_scalar(&self) -> bool {
        let value = match (self.key(), self.item()) {
            (Some((_, after)), _) => after.trim(),
            (None, Some(item)) => item.trim(),
            (None, None) => return false,
        };
        !value.is_empty() && !value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '#'])
    }
}

/// The message catalogues' id of a mistake, with its arguments.
type Id<'a> = (&'static str, &'a [(&'static str, &'a str)]);

/// A diagnostic at `line` (0-based in the YAML), char column `column` (1-based).
fn at(
    yaml: &Yaml,
    line: &Line,
    column: usize,
    len: usize,
    id: Id,
    message: String,
    help: &str,
) -> Diagnostic {
    Diagnostic::error(Code::Yaml, yaml.path, message)
        .at(yaml.first_line + line.index, column)
        .underline(len)
        .help(help.to_string())
        .localized(id.0, id.1)
}

/// The 1-based char column of byte `offset` in `line`.
fn column(line: &str, offset: usize) -> usize {
    line[..offset].chars().count() + 1
}

/// Every such mistake in the YAML text of `yaml`.
pub fn check(yaml: &Yaml) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut previous: Option<Line> = None;
    // Inside a block scalar (`key: |`): its lines are text, up to a line
    // indented no more than its key.
    let mut block_of: Option<usize> = None;
    for (index, text) in yaml.text.lines().enumerate() {
        let text = text.trim_end_matches('\r');
        let indent = text.len() - text.trim_start_matches(' ').len();
        let rest = &text[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if let Some(key_indent) = block_of {
            if indent > key_indent {
                continue;
            }
            block_of = None;
        }
        let line = Line {
            index,
            text,
            indent,
            rest,
        };
        full_width(yaml, &line, &mut out);
        if let Some(prev) = &previous {
            indentation(yaml, prev, &line, &mut out);
        }
        if let Some((_, after)) = line.key() {
            let value = after.split(" #").next().unwrap_or("").trim();
            if value.starts_with(['|', '>']) {
                block_of = Some(indent);
            }
        }
        previous = Some(line);
    }
    out
}

/// Full-width punctuation where YAML needs its ASCII syntax.
fn full_width(yaml: &Yaml, line: &Line, out: &mut Vec<Diagnostic>) {
    let text = line.text;
    if let Some(at_byte) =
        text[..line.indent.max(text.len() - text.trim_start().len())].find('\u{3000}')
    {
        out.push(at(
            yaml,
            line,
            column(text, at_byte),
            1,
            (msg::YAML_FULL_WIDTH_SPACE_INDENT, &[]),
            "a full-width space `　` in the indentation".into(),
            "indent with ASCII spaces (half-width), as the lines around it",
        ));
        return;
    }
    for dash in ['－', '—', '–'] {
        if line.rest.starts_with(dash) {
            out.push(at(
                yaml,
                line,
                line.indent + 1,
                1,
                (msg::YAML_FULL_WIDTH_DASH, &[("dash", &dash.to_string())]),
                format!("`{dash}` starts this line, where a list item needs the ASCII `-`"),
                "write a list item as `- item`, with the ASCII hyphen and a space",
            ));
            return;
        }
    }
    // `title：…` — the key and a full-width colon.
    let (key, after_key) = line.word();
    if !key.is_empty() && after_key.starts_with('：') {
        let offset = text.len() - after_key.len();
        out.push(at(
            yaml,
            line,
            column(text, offset),
            1,
            (msg::YAML_FULL_WIDTH_COLON, &[("key", key)]),
            format!("the full-width colon `：` after `{key}`: YAML needs the ASCII colon `:`"),
            &format!("write `{key}: …` with the half-width colon and a space"),
        ));
        return;
    }
    if let Some((key, after)) = line.key() {
        let offset = text.len() - after.len();
        if after.starts_with('\u{3000}') {
            out.push(at(
                yaml,
                line,
                column(text, offset),
                1,
                (msg::YAML_FULL_WIDTH_SPACE_AFTER, &[("key", key)]),
                format!("a full-width space `　` after `{key}:`: YAML needs an ASCII space there"),
                &format!("write `{key}: …` with a half-width space"),
            ));
            return;
        }
        if !after.is_empty() && !after.starts_with([' ', '/']) {
            out.push(at(yaml, line, column(text, offset) - 1, 1, (msg::YAML_NO_SPACE, &[("key", key)]),
                format!("no space after `{key}:`, so YAML reads `{key}:{}` as text, not a key and its value", after.chars().take(12).collect::<String>()),
                &format!("put a space after the colon: `{key}: …`")));
            return;
        }
        flow_list(yaml, line, key, after, out);
    }
}

/// `[党建，会议]`: a full-width comma (or brackets) in a list written on one line.
fn flow_list(yaml: &Yaml, line: &Line, key: &str, after: &str, out: &mut Vec<Diagnostic>) {
    let value = after.trim_start();
    let offset = line.text.len() - value.len();
    if value.starts_with(['【', '［']) {
        out.push(at(
            yaml,
            line,
            column(line.text, offset),
            1,
            (msg::YAML_FULL_WIDTH_BRACKET, &[("key", key)]),
            format!(
                "`{key}` starts with a full-width bracket, so YAML reads it as text, not a list"
            ),
            "write a list on one line as `[a, b]` with half-width brackets and commas",
        ));
        return;
    }
    if !value.starts_with('[') {
        return;
    }
    let mut quote = None;
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '，' | '、') => {
                out.push(at(yaml, line, column(line.text, offset + i), 1, (msg::YAML_FULL_WIDTH_COMMA, &[("key", key), ("comma", &c.to_string())]),
                    format!("the full-width `{c}` in `{key}`: YAML reads the items on both sides as one"),
                    "separate the items with a half-width comma: `[党建, 会议]`"));
                return;
            }
            (None, ']') => return,
            _ => {}
        }
    }
}

/// A line indented where the line above makes it part of something else.
fn indentation(yaml: &Yaml, prev: &Line, line: &Line, out: &mut Vec<Diagnostic>) {
    let (Some(_), Some(_)) = (line.item(), prev.item()) else {
        if let (Some((key, _)), None, Some((prev_key, _))) = (line.key(), line.item(), prev.key()) {
            if line.indent > prev.indent && prev.plain_scalar() && prev.item().is_none() {
                out.push(at(yaml, line, line.indent + 1, key.chars().count(),
                    (msg::YAML_KEY_INDENTED_MORE, &[("key", key), ("above", prev_key), ("spaces", &(line.indent - prev.indent).to_string())]),
                    format!("`{key}:` is indented more than `{prev_key}:` above, whose value is text: YAML cannot read it as a key"),
                    &format!("keys of one mapping start in the same column: remove {} space(s)", line.indent - prev.indent)));
            }
        }
        return;
    };
    if line.indent > prev.indent && prev.plain_scalar() {
        out.push(at(yaml, line, line.indent + 1, 1, (msg::YAML_ITEM_INDENTED_MORE, &[("column", &(prev.indent + 1).to_string())]),
            "this list item is indented more than the item above, so YAML reads it as more of that item's text".into(),
            &format!("items of one list line up: put this `-` in column {}", prev.indent + 1)));
    } else if line.indent < prev.indent && line.indent > 0 {
        // Less than the items above, more than nothing: a list of its own
        // that no key owns.
        out.push(at(
            yaml,
            line,
            line.indent + 1,
            1,
            (
                msg::YAML_ITEM_INDENTED_LESS,
                &[("column", &(prev.indent + 1).to_string())],
            ),
            "this list item is indented less than the items above it".into(),
            &format!(
                "items of one list line up: put this `-` in column {}",
                prev.indent + 1
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(text: &str) -> Vec<(usize, usize, String)> {
        let yaml = Yaml {
            path: "x.md",
            text,
            first_line: 2,
        };
        check(&yaml)
            .into_iter()
            .map(|d| (d.line.unwrap(), d.column.unwrap(), d.message))
            .collect()
    }

    #[test]
    fn chinese_keyboard_punctuation_is_named_at_its_column() {
        let found = lint("title：筹备会议\ndate: 2026-01-01\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (2, 6));
        assert!(found[0].2.contains("`：`"), "{found:?}");
        assert_eq!(lint("tags: [党建，会议]\n")[0].1, 10);
        assert_eq!(lint("title:　筹备\n")[0].1, 7);
        assert_eq!(lint("title:筹备\n")[0].1, 6);
        assert_eq!(lint("agenda:\n  － 审议\n")[0].0, 3);
        assert_eq!(lint("agenda:\n\u{3000}- 审议\n")[0].0, 3);
        // What is fine stays fine.
        for ok in [
            "summary: 时间：上午，地点：合肥\n",
            "tags: [\"党建，会议\", b]\n",
            "online: https://meet.example.org/x\n",
            "agenda:\n  - https://example.org/a\n  - b\n",
            "summary: |\n  第一行：\n    - 缩进的文字\n  title：x\n",
            "summary: 很长的\n  摘要\n",
            "decisions:\n  - text: 通过\n    rules: [a]\n",
            "menu:\n  main:\n    weight: 3\n",
        ] {
            assert_eq!(lint(ok), vec![], "{ok}");
        }
    }

    #[test]
    fn indentation_mistakes_are_named_at_their_line() {
        let merged = lint("agenda:\n  - 审议工作规则\n    - 确定牵头单位\n");
        assert_eq!(merged.len(), 1, "{merged:?}");
        assert_eq!((merged[0].0, merged[0].1), (4, 5));
        assert!(merged[0].2.contains("indented more than the item above"));
        let key = lint("title: 新闻\n  date: 2026-01-03\n");
        assert_eq!((key[0].0, key[0].1), (3, 3));
        assert!(key[0].2.contains("`date:` is indented more than `title:`"));
        let less = lint("agenda:\n  - a\n - b\n");
        assert_eq!((less[0].0, less[0].1), (4, 2));
    }
}
