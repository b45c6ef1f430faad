//! What Pagefind reads is kept within bounds its parser and segmenters stay
//! linear in: elements nested at most [`MAX_DEPTH`] deep (deeper tags are
//! dropped, their text kept), and no run of CJK text longer than [`MAX_RUN`]
//! characters without a break (a space is put in; real Chinese text has
//! punctuation long before). Pagefind's Chinese segmentation and its element
//! stack both grew with the square of such runs: a page of one repeated Han
//! character took a minute per megabyte.

use gazette_core::cjk::{find_cjk, is_cjk};

/// Elements deeper than this are left out of the indexed copy.
pub const MAX_DEPTH: usize = 64;

/// CJK characters in a row without punctuation or a space, at most.
pub const MAX_RUN: usize = 200;

/// Elements with no closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Punctuation that ends a run of Chinese for a segmenter.
fn breaks_run(c: char) -> bool {
    c.is_whitespace() || "。，、；：！？…—（）《》「」『』“”‘’".contains(c)
}

fn tag_name(tag: &str) -> &str {
    let t = tag.trim_start_matches(['<', '/']);
    let end = t
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(t.len());
    &t[..end]
}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The closing tag of the script or style element `rest` starts with.
fn raw_text_close(rest: &str) -> Option<&'static str> {
    if starts_with_ignoring_case(rest, "<script") {
        Some("</script>")
    } else if starts_with_ignoring_case(rest, "<style") {
        Some("</style>")
    } else {
        None
    }
}

/// Where the markup `rest` starts with ends: a tag, a comment, or a script
/// or style element with its whole content (never text to index).
pub fn markup_end(rest: &str) -> usize {
    if let Some(close) = raw_text_close(rest) {
        rest.find(close).map_or(rest.len(), |i| i + close.len())
    } else if rest.starts_with("<!--") {
        rest.find("-->").map_or(rest.len(), |i| i + 3)
    } else {
        rest.find('>').map_or(rest.len(), |i| i + 1)
    }
}

/// `html` with deep elements dropped and long CJK runs broken.
pub fn bounded(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 64);
    // Per open element: whether its tag was kept.
    let mut open: Vec<bool> = Vec::new();
    let mut kept_depth = 0usize;
    let mut run = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = markup_end(rest);
            let tag = &rest[..end];
            let name = tag_name(tag);
            let keep = if tag.starts_with("</") {
                match open.pop() {
                    Some(true) => {
                        kept_depth -= 1;
                        true
                    }
                    Some(false) => false,
                    None => true,
                }
            } else if tag.starts_with("<!")
                || tag.starts_with("<?")
                || raw_text_close(tag).is_some()
            {
                true
            } else if VOID.iter().any(|void| void.eq_ignore_ascii_case(name)) || tag.ends_with("/>")
            {
                kept_depth < MAX_DEPTH
            } else {
                let keep = kept_depth < MAX_DEPTH;
                open.push(keep);
                if keep {
                    kept_depth += 1;
                }
                keep
            };
            if keep {
                out.push_str(tag);
            }
            run = 0;
            rest = &rest[end..];
            continue;
        }
        let text_end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..text_end];
        if find_cjk(text).is_none() {
            // No run here, and any character ends the one before.
            if !text.is_empty() {
                run = 0;
            }
            out.push_str(text);
            rest = &rest[text_end..];
            continue;
        }
        // Copied a stretch at a time: a space goes in only where a run is
        // broken.
        let mut copied = 0;
        for (at, c) in text.char_indices() {
            if is_cjk(c) && !breaks_run(c) {
                if run == MAX_RUN {
                    out.push_str(&text[copied..at]);
                    out.push(' ');
                    copied = at;
                    run = 0;
                }
                run += 1;
            } else {
                run = 0;
            }
        }
        out.push_str(&text[copied..]);
        rest = &rest[text_end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_elements_are_dropped_and_their_text_kept() {
        let deep = "<b>".repeat(1000) + "x" + &"</b>".repeat(1000);
        let out = bounded(&format!("<main>{deep}</main>"));
        assert_eq!(out.matches("<b>").count(), MAX_DEPTH - 1);
        assert_eq!(out.matches("</b>").count(), MAX_DEPTH - 1);
        assert!(out.contains('x') && out.ends_with("</main>"));
        // Unclosed tags too, without quadratic work.
        let unclosed = "<b>".repeat(200_000);
        assert_eq!(bounded(&unclosed).matches("<b>").count(), MAX_DEPTH);
    }

    #[test]
    fn long_cjk_runs_are_broken_and_real_text_is_not() {
        let text = "联席会议每季度召开一次，牵头单位负责召集。".repeat(50);
        assert_eq!(bounded(&text), text);
        let run = "哈".repeat(1000);
        let out = bounded(&format!("<p>{run}</p>"));
        assert_eq!(out.matches(' ').count(), 4);
        assert_eq!(out.chars().filter(|&c| c == '哈').count(), 1000);
        // Tags and attributes are never changed.
        let tag = format!("<a title=\"{run}\">x</a>");
        assert_eq!(bounded(&tag), tag);
    }
}
