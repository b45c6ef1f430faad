//! Regions that scroll sideways take keyboard focus: a code block (`<pre>`)
//! and a table (in a `.table-scroll` box) are wider than a phone, and a
//! reader without a mouse must be able to reach and scroll them (WCAG 2.1.1;
//! axe's `scrollable-region-focusable`).

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::escape_html;

/// Rewrites code blocks and tables of `events` as focusable scroll regions.
/// Runs last, just before HTML is written: earlier passes read the blocks.
pub(super) fn focusable(events: &mut Vec<Event<'_>>) {
    let mut out = Vec::with_capacity(events.len() + 8);
    for event in events.drain(..) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let class = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        let lang = info.split([' ', ',']).next().unwrap_or("");
                        if lang.is_empty() {
                            String::new()
                        } else {
                            format!(" class=\"language-{}\"", escape_html(lang))
                        }
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                out.push(Event::Html(
                    format!("<pre tabindex=\"0\"><code{class}>").into(),
                ));
            }
            Event::End(TagEnd::CodeBlock) => out.push(Event::Html("</code></pre>\n".into())),
            Event::Start(Tag::Table(aligns)) => {
                out.push(Event::Html(
                    "<div class=\"table-scroll\" tabindex=\"0\">".into(),
                ));
                out.push(Event::Start(Tag::Table(aligns)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>\n".into()));
            }
            other => out.push(other),
        }
    }
    *events = out;
}

#[cfg(test)]
mod tests {
    use crate::markdown::{render, scan, MarkdownOptions};

    #[test]
    fn code_blocks_and_tables_take_focus() {
        let body = "```rust\nlet x = 1 < 2;\n```\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n";
        let options = MarkdownOptions {
            smart_punctuation: false,
            safe: false,
            external_new_tab: false,
            external_nofollow: false,
            articles: None,
            chinese: false,
        };
        let html = render(body, &scan(body, &options), &options, "/", &|_| None);
        assert!(html.contains("<pre tabindex=\"0\"><code class=\"language-rust\">let x = 1 &lt; 2;\n</code></pre>"), "{html}");
        assert!(
            html.contains("<div class=\"table-scroll\" tabindex=\"0\"><table>"),
            "{html}"
        );
        assert!(
            html.contains("<th style=\"text-align: right\">b</th>"),
            "alignment kept: {html}"
        );
        assert!(html.contains("</table>\n</div>"), "{html}");
    }
}
