//! Footnotes and task lists, rewritten for readers: footnotes numbered in the
//! order they are cited, gathered at the end with a link back to where each
//! was cited; task-list boxes as marks a screen reader can name (a disabled
//! checkbox without a label is an accessibility error).

use super::escape_html;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashMap;

/// Rewrites footnote references and definitions, and task-list markers, in place.
pub(super) fn rewrite(events: &mut Vec<Event<'_>>) {
    for e in events.iter_mut() {
        if let Event::TaskListMarker(done) = e {
            let (class, mark) = if *done {
                ("task task-done", "☑")
            } else {
                ("task", "☐")
            };
            *e = Event::InlineHtml(format!("<span class=\"{class}\">{mark}</span> ").into());
        }
    }
    if !events.iter().any(|e| {
        matches!(
            e,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
        )
    }) {
        return;
    }
    // Take the definitions out of the text.
    let mut definitions: HashMap<String, Vec<Event>> = HashMap::new();
    let mut order_written: Vec<String> = Vec::new();
    let mut text = Vec::with_capacity(events.len());
    let mut current: Option<(String, Vec<Event>, usize)> = None;
    for e in events.drain(..) {
        match (&mut current, e) {
            (None, Event::Start(Tag::FootnoteDefinition(label))) => {
                current = Some((label.to_string(), Vec::new(), 0));
            }
            (Some((_, body, depth)), Event::Start(Tag::FootnoteDefinition(l))) => {
                *depth += 1;
                body.push(Event::Start(Tag::FootnoteDefinition(l)));
            }
            (Some((label, body, depth)), Event::End(TagEnd::FootnoteDefinition)) => {
                if *depth == 0 {
                    let label = std::mem::take(label);
                    if !definitions.contains_key(&label) {
                        order_written.push(label.clone());
                    }
                    definitions.entry(label).or_insert(std::mem::take(body));
                    current = None;
                } else {
                    *depth -= 1;
                    body.push(Event::End(TagEnd::FootnoteDefinition));
                }
            }
            (Some((_, body, _)), e) => body.push(e),
            (None, e) => text.push(e),
        }
    }
    // Number the notes in the order they are cited; each citation gets its own
    // id. `cited[n - 1]` is note n's label and how often it was cited so far.
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut cited: Vec<(String, usize)> = Vec::new();
    for e in text.iter_mut() {
        if let Event::FootnoteReference(label) = e {
            let label = label.to_string();
            let n = match numbers.get(&label) {
                Some(&n) => n,
                None => {
                    cited.push((label.clone(), 0));
                    numbers.insert(label.clone(), cited.len());
                    cited.len()
                }
            };
            cited[n - 1].1 += 1;
            let times = cited[n - 1].1;
            let html = if definitions.contains_key(&label) {
                format!("<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"fnref-{n}-{times}\">{n}</a></sup>")
            } else {
                // Not defined: show what was written.
                format!("[^{}]", escape_html(&label))
            };
            *e = Event::InlineHtml(html.into());
        }
    }
    let mut notes: Vec<(usize, Vec<Event>, usize)> = Vec::new();
    for (n, (label, times)) in cited.iter().enumerate() {
        if let Some(body) = definitions.remove(label) {
            notes.push((n + 1, body, *times));
        }
    }
    // Definitions never cited still show, numbered after the cited ones.
    let mut next = cited.len();
    for label in order_written {
        if let Some(body) = definitions.remove(&label) {
            next += 1;
            notes.push((next, body, 0));
        }
    }
    *events = text;
    if notes.is_empty() {
        return;
    }
    events.push(Event::Html("<section class=\"footnotes\">\n<ol>\n".into()));
    for (n, mut body, times) in notes {
        events.push(Event::Html(
            format!("<li id=\"fn-{n}\" value=\"{n}\">").into(),
        ));
        let back: String = (1..=times)
            .map(|t| format!(" <a href=\"#fnref-{n}-{t}\" class=\"footnote-back\">↩</a>"))
            .collect();
        let at = body
            .iter()
            .rposition(|e| matches!(e, Event::End(TagEnd::Paragraph)));
        match at {
            Some(i) if !back.is_empty() => body.insert(i, Event::InlineHtml(CowStr::from(back))),
            _ if !back.is_empty() => body.push(Event::InlineHtml(CowStr::from(back))),
            _ => {}
        }
        events.extend(body);
        events.push(Event::Html("</li>\n".into()));
    }
    events.push(Event::Html("</ol>\n</section>\n".into()));
}
