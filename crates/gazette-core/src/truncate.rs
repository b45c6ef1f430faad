//! Tera's `truncate` filter, with the same output, without its cost: Tera's
//! collects every grapheme cluster of the text into a vector before cutting,
//! on every list item's summary and every page's description. This one stops
//! at the cluster where the cut falls, and does not look at a text whose bytes
//! are already no more than the length asked for.

use serde_json::Value;
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// `text | truncate(length=200, end="…")`: the first `length` grapheme
/// clusters followed by `end`, or the text itself when it has no more than
/// `length` (Tera's defaults: 255 and "…").
pub fn truncate(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg(format!("`truncate` needs text, got `{value}`")))?;
    let length = match args.get("length") {
        Some(l) => l.as_u64().ok_or_else(|| {
            tera::Error::msg(format!("`truncate`: `length` must be a count, got `{l}`"))
        })? as usize,
        None => 255,
    };
    let end = match args.get("end") {
        Some(e) => e.as_str().ok_or_else(|| {
            tera::Error::msg(format!("`truncate`: `end` must be text, got `{e}`"))
        })?,
        None => "…",
    };
    // A cluster is at least one byte.
    if text.len() <= length {
        return Ok(value.clone());
    }
    Ok(match text.grapheme_indices(true).nth(length) {
        Some((cut, _)) => Value::String(format!("{}{end}", &text[..cut])),
        None => value.clone(),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tera::{Context, Tera};

    fn render(tera: &mut Tera, text: &str, length: usize, end: Option<&str>) -> String {
        let mut context = Context::new();
        context.insert("text", text);
        let args = match end {
            Some(end) => format!("length={length}, end={end:?}"),
            None => format!("length={length}"),
        };
        tera.render_str(&format!("{{{{ text | truncate({args}) }}}}"), &context)
            .unwrap()
    }

    fn ours() -> Tera {
        let mut tera = Tera::default();
        tera.register_filter("truncate", super::truncate);
        tera
    }

    #[test]
    fn cuts_between_clusters_and_leaves_short_text() {
        let mut tera = ours();
        assert_eq!(render(&mut tera, "合肥召开推进会", 4, None), "合肥召开…");
        assert_eq!(
            render(&mut tera, "e\u{301}te\u{301}", 1, Some("")),
            "e\u{301}"
        );
        assert_eq!(render(&mut tera, "short", 5, None), "short");
        assert_eq!(render(&mut tera, "a b c", 2, Some("...")), "a ...");
    }

    proptest! {
        /// The same text as Tera's own filter, for text with combining marks,
        /// CJK, emoji sequences and line breaks.
        #[test]
        fn matches_teras_own_truncate(
            text in "[a-z 合肥\u{301}\u{200d}👩🏽\r\n]{0,40}",
            length in 0usize..45,
            end in proptest::option::of("[.…x]{0,3}"),
        ) {
            let theirs = render(&mut Tera::default(), &text, length, end.as_deref());
            prop_assert_eq!(render(&mut ours(), &text, length, end.as_deref()), theirs);
        }
    }
}
