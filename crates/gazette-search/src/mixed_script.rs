//! Chinese (or Japanese) text inside a page of a language written with spaces.
//! Pagefind segments words only on pages whose `<html lang>` needs it, so on an
//! English page `在合肥召开推进会` would be one word and 合肥 would find nothing.
//! The copy of such a page that Pagefind reads gets its CJK runs split into
//! words, with the same kind of dictionary segmenter the browser uses on the
//! query (the search page splits CJK queries the same way, see search.html).

use gazette_core::cjk::{find_cjk, is_cjk};
use icu_segmenter::WordSegmenter;

/// Languages Pagefind segments itself.
const SEGMENTED: &[&str] = &["zh", "ja", "th"];

/// The page's `<html lang>`, if any.
fn page_language(html: &str) -> Option<&str> {
    let start = html.find("<html")?;
    let tag = &html[start..start + html[start..].find('>')?];
    let value = &tag[tag.find("lang=\"")? + 6..];
    Some(&value[..value.find('"')?])
}

/// `html` with every run of CJK characters in its text (never in tags, scripts
/// or styles) split into space-separated words, unless Pagefind segments the
/// page's language itself. Borrowed unchanged when there is nothing to split.
pub fn segment_cjk_runs(html: &str) -> std::borrow::Cow<'_, str> {
    let primary = page_language(html)
        .and_then(|l| l.split('-').next())
        .unwrap_or("");
    if SEGMENTED.contains(&primary) || find_cjk(html).is_none() {
        return html.into();
    }
    let segmenter = WordSegmenter::new_dictionary(Default::default());
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while !rest.is_empty() {
        // Copy a tag (and a script's or style's whole content) as it is.
        if rest.starts_with('<') {
            let end = crate::bounded::markup_end(rest);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let text_end = rest.find('<').unwrap_or(rest.len());
        split_runs(&rest[..text_end], &segmenter, &mut out);
        rest = &rest[text_end..];
    }
    out.into()
}

/// Appends `text` with spaces around and inside each CJK run's words.
fn split_runs(text: &str, segmenter: &icu_segmenter::WordSegmenterBorrowed, out: &mut String) {
    let mut rest = text;
    while let Some(start) = find_cjk(rest) {
        out.push_str(&rest[..start]);
        let run_len = rest[start..]
            .find(|c: char| !is_cjk(c))
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + run_len];
        out.push(' ');
        let mut last = 0;
        for end in segmenter.segment_str(run).skip(1) {
            out.push_str(&run[last..end]);
            out.push(' ');
            last = end;
        }
        rest = &rest[start + run_len..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::segment_cjk_runs;

    #[test]
    fn chinese_in_an_english_page_is_split_into_words() {
        let page = "<html lang=\"en\"><body><main data-pagefind-body><p title=\"合肥市\">A meeting in Hefei (在合肥召开推进会).</p><script>var s = \"合肥\";</script></main></body></html>";
        let out = segment_cjk_runs(page);
        assert!(out.contains(" 合肥 "), "{out}");
        // Attributes and scripts are left alone, and the Latin text too.
        assert!(out.contains("title=\"合肥市\""), "{out}");
        assert!(out.contains("var s = \"合肥\";"), "{out}");
        assert!(out.contains("A meeting in Hefei ("), "{out}");
    }

    #[test]
    fn pages_pagefind_segments_itself_are_untouched() {
        for page in [
            "<html lang=\"zh\"><body>在合肥召开推进会</body></html>",
            "<html lang=\"zh-Hant\"><body>在合肥召開</body></html>",
            "<html lang=\"en\"><body>No Chinese here.</body></html>",
        ] {
            assert!(
                matches!(segment_cjk_runs(page), std::borrow::Cow::Borrowed(_)),
                "{page}"
            );
        }
    }
}
