//! Bounds a source must keep for every later step to stay linear and every
//! output path to be one the file system takes: how deep Markdown blocks
//! nest, how long a path segment is. Checked before the body is parsed, each
//! a located error with a hint.

use crate::diag::{Code, Diagnostic, Position};
use crate::frontmatter::Yaml;

/// Markdown blocks (quotes, lists) nested deeper than this are an error.
pub const MAX_MARKDOWN_DEPTH: usize = 100;

/// Bytes of one output path segment (a slug, a tag, a folder), at most:
/// file systems take 255 a name, and gazette writes `<name>.gazette-tmp`
/// beside a file while it replaces it.
pub const MAX_SEGMENT_BYTES: usize = 200;

/// How deep the blocks of one line nest: its `>` quote marks and list
/// markers, and every two columns of indentation before them (a nested
/// list's items are indented, not marked twice). Counting stops past the
/// limit, so a line costs no more than the limit to read.
fn line_depth(line: &str) -> usize {
    let spaces = line.len() - line.trim_start_matches([' ', '\t']).len();
    let indent: usize = line[..spaces]
        .chars()
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    let mut depth = indent / 2;
    let mut rest = &line[spaces..];
    while depth <= MAX_MARKDOWN_DEPTH {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let bullet = rest.starts_with(['-', '*', '+']) && rest[1..].starts_with([' ', '\t']);
        let marker = if rest.starts_with('>') || bullet {
            1
        } else if (1..=9).contains(&digits)
            && rest[digits..].starts_with(['.', ')'])
            && rest[digits + 1..].starts_with([' ', '\t'])
        {
            digits + 1
        } else {
            break;
        };
        depth += 1;
        rest = rest[marker..].trim_start_matches([' ', '\t']);
    }
    depth
}

/// A located error for the first line of `body` nested past
/// [`MAX_MARKDOWN_DEPTH`]; `body_line` is the file line the body starts on.
pub fn markdown_nesting(source: &str, body: &str, body_line: usize) -> Option<Diagnostic> {
    let k = body
        .lines()
        .position(|line| line_depth(line) > MAX_MARKDOWN_DEPTH)?;
    Some(
        Diagnostic::error(
            Code::TooDeep,
            source,
            format!("this line nests quotes, lists or indentation more than {MAX_MARKDOWN_DEPTH} levels deep, as far as gazette reads"),
        )
        .at(body_line + k, 1)
        .help("flatten the nesting: no reader follows more than a few levels"),
    )
}

/// Whether a value is too long to be one segment of an output path.
pub fn too_long_for_a_path(segment: &str) -> bool {
    segment.len() > MAX_SEGMENT_BYTES
}

/// A located error for each value that becomes one output path segment
/// (slug, tags, aliases' segments, folders) and is longer than file systems take.
pub(super) fn long_segments(
    source: &str,
    yaml: &Yaml,
    slug: &str,
    raw: &super::RawFrontMatter,
    placement: &super::placement::Placement,
    errors: &mut Vec<Diagnostic>,
) {
    let error = |what: &str, value: &str| {
        let shown: String = value.chars().take(40).collect();
        Diagnostic::error(
            Code::PathTooLong,
            source,
            format!(
                "the {what} `{shown}…` is {} bytes long; as a folder name it may be at most {}",
                value.len(),
                MAX_SEGMENT_BYTES
            ),
        )
        .help(
            "shorten it: it becomes part of the page's address (a Chinese character takes 3 bytes)",
        )
    };
    if too_long_for_a_path(slug) {
        let at = match raw.slug.as_deref() {
            Some(s) => yaml.locate(&["slug"], Some(s)),
            None => Position {
                line: 1,
                column: 1,
                len: 1,
            },
        };
        errors.push(error("slug", slug).at_pos(at));
    }
    for tag in raw.tags.iter().filter(|t| too_long_for_a_path(t)) {
        errors.push(error("tag", tag).at_pos(yaml.locate(&["tags"], Some(tag))));
    }
    for alias in &raw.aliases {
        if let Some(segment) = alias.split('/').find(|s| too_long_for_a_path(s)) {
            errors.push(
                error("alias segment", segment).at_pos(yaml.locate(&["aliases"], Some(alias))),
            );
        }
    }
    if let Some(folder) = placement.folders.iter().find(|f| too_long_for_a_path(f)) {
        errors.push(error("folder name", folder).at(1, 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_by_marks_and_indentation() {
        assert_eq!(line_depth("Text"), 0);
        assert_eq!(line_depth("- item"), 1);
        assert_eq!(line_depth("> > - 1. x"), 4);
        assert_eq!(line_depth("    - nested"), 3);
        assert_eq!(line_depth(&"- ".repeat(1000)), MAX_MARKDOWN_DEPTH + 1);
        assert_eq!(line_depth("-not a list"), 0);
        let deep = "- ".repeat(300_000);
        let started = std::time::Instant::now();
        let error = markdown_nesting("content/a.md", &format!("Fine.\n\n{deep}x\n"), 5).unwrap();
        assert!(started.elapsed().as_secs() < 2);
        assert_eq!((error.line, error.column), (Some(7), Some(1)));
        assert!(markdown_nesting("content/a.md", "> quote\n\n- a\n  - b\n", 5).is_none());
    }
}
