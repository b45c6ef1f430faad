//! The source line under a diagnostic: cut around the error when long, with
//! the carets placed by display width.

/// How many characters of a source line are shown at most: a minified file
/// or a pasted blob can hold a line of 300 KB.
const SHOWN_CHARS: usize = 160;

/// `line` cut to [`SHOWN_CHARS`] around column `col` (1-based, in
/// characters), with `…` where it was cut, and the column in what is shown.
pub(super) fn window(line: &str, col: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= SHOWN_CHARS {
        return (line.to_string(), col);
    }
    let start = col
        .saturating_sub(1)
        .saturating_sub(SHOWN_CHARS / 3)
        .min(count - SHOWN_CHARS);
    let end = start + SHOWN_CHARS;
    let mut shown: String = if start > 0 {
        "…".into()
    } else {
        String::new()
    };
    shown.extend(line.chars().skip(start).take(SHOWN_CHARS));
    if end < count {
        shown.push('…');
    }
    (shown, col - start + usize::from(start > 0))
}

/// The space before the carets under `line` and the carets, for a span of
/// `len` characters from column `col` (1-based, in characters): measured in
/// terminal columns, where a Chinese character takes two, so the carets
/// stand under what they mean. Tabs are kept, as the terminal expands them.
pub(super) fn caret_line(line: &str, col: usize, len: usize) -> (String, String) {
    use unicode_width::UnicodeWidthChar;
    let width = |c: char| c.width().unwrap_or(0);
    let mut pad = String::new();
    for c in line.chars().take(col.saturating_sub(1)) {
        match c {
            '\t' => pad.push('\t'),
            c => pad.extend(std::iter::repeat_n(' ', width(c))),
        }
    }
    let spanned: Vec<char> = line.chars().skip(col.saturating_sub(1)).take(len).collect();
    // What lies past the line's end (a missing value) counts one column each.
    let carets = spanned.iter().map(|&c| width(c)).sum::<usize>() + (len - spanned.len());
    (pad, "^".repeat(carets.max(1)))
}

#[cfg(test)]
mod tests {
    use crate::diag::{Code, Diagnostic};

    #[test]
    fn a_long_source_line_is_shown_cut_around_the_error() {
        let line = format!("{}target{}", "x".repeat(5000), "y".repeat(5000));
        let d = Diagnostic::error(Code::Test, "a.md", "here")
            .at(1, 5001)
            .underline(6);
        let text = d.render(Some(&line));
        let shown = text.lines().nth(2).unwrap();
        let carets = text.lines().nth(3).unwrap();
        assert!(shown.chars().count() < 200, "{shown}");
        assert!(shown.contains("…x") && shown.contains("y…"), "{shown}");
        // The carets still stand under the word.
        let at = carets.chars().position(|c| c == '^').unwrap();
        let under: String = shown.chars().skip(at).take(6).collect();
        assert_eq!(under, "target", "{shown}\n{carets}");
    }
}
