//! The articles of a rules version as trees of blocks, made from the same
//! events as its page (links resolved, CJK soft breaks dropped), so that the
//! changes page can show each article as it renders and mark what changed
//! inside paragraphs, list items and table cells.
//!
//! A footnote goes with the articles that cite it: each article's tree ends
//! with the notes it cites, numbered as on the version's page.

use super::escape_html;
use crate::cjk::is_cjk;
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};
use std::collections::HashMap;

/// A block of an article.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A block of other blocks: a list, an item, a quote, a table and its parts.
    Block {
        tag: &'static str,
        attrs: String,
        children: Vec<Node>,
    },
    /// A block of words: a paragraph, a heading, a table cell, a tight item's
    /// text (its `tag` is then empty: no element of its own).
    Text {
        tag: &'static str,
        attrs: String,
        words: Vec<Word>,
    },
    /// Shown as written and compared whole: code, HTML blocks, rules.
    Whole { html: String },
}

/// One word, space, character of Chinese or atom (image, code span, note
/// reference) with the inline elements it sits in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Word {
    /// Open and close tags of the inline elements around it, outermost first.
    pub context: Vec<(String, &'static str)>,
    /// Its HTML.
    pub html: String,
    /// What it is compared by: its HTML, or for a note reference the note's
    /// label (renumbering by notes cited earlier is not a change).
    pub key: String,
    /// Whether it is white space (which joins changes around it).
    pub space: bool,
}

impl Node {
    /// The element's name; an untagged text is "".
    pub fn tag(&self) -> &'static str {
        match self {
            Node::Block { tag, .. } | Node::Text { tag, .. } => tag,
            Node::Whole { .. } => "",
        }
    }

    /// What the node says, as plain HTML of its words: equal keys, equal nodes.
    pub fn key(&self) -> String {
        let mut out = String::from(self.tag());
        self.push_key(&mut out);
        out
    }

    fn push_key(&self, out: &mut String) {
        match self {
            // Attributes (a list's start, a note's number, alignment) are
            // not what an article says.
            Node::Block { tag, children, .. } => {
                out.push_str(tag);
                out.push('[');
                for c in children {
                    c.push_key(out);
                }
                out.push(']');
            }
            Node::Text { tag, words, .. } => {
                out.push_str(tag);
                out.push('{');
                for w in words {
                    for (open, _) in &w.context {
                        out.push_str(open);
                    }
                    out.push_str(&w.key);
                }
                out.push('}');
            }
            Node::Whole { html } => out.push_str(html),
        }
    }
}

/// Splits text into words: runs of letters and digits, runs of white space,
/// each CJK character, each other character.
pub fn split_words(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Letters,
        Space,
        Alone,
    }
    let class = |c: char| {
        if is_cjk(c) {
            Class::Alone
        } else if c.is_whitespace() {
            Class::Space
        } else if c.is_alphanumeric() || c == '_' {
            Class::Letters
        } else {
            Class::Alone
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut last: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        if let Some(l) = last {
            if l != k || k == Class::Alone {
                out.push(&text[start..i]);
                start = i;
            }
        }
        last = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// A block being read.
struct Open {
    tag: &'static str,
    attrs: String,
    children: Vec<Node>,
    words: Option<Vec<Word>>,
    /// A footnote definition's label: the block goes to the notes.
    note: Option<String>,
}

impl Open {
    fn block(tag: &'static str, attrs: String) -> Open {
        Open {
            tag,
            attrs,
            children: vec![],
            words: None,
            note: None,
        }
    }

    fn text(tag: &'static str, attrs: String) -> Open {
        Open {
            words: Some(vec![]),
            ..Open::block(tag, attrs)
        }
    }

    fn close(self) -> Node {
        match self.words {
            Some(words) => Node::Text {
                tag: self.tag,
                attrs: self.attrs,
                words,
            },
            None => Node::Block {
                tag: self.tag,
                attrs: self.attrs,
                children: self.children,
            },
        }
    }
}

/// Reads the articles of a body (each level-2 heading starts one) from its
/// page's events. Text before the first article is not part of any.
pub fn articles(events: &[Event<'_>]) -> Vec<Vec<Node>> {
    let mut reader = Reader::default();
    for e in events {
        reader.event(e);
    }
    reader.finish()
}

#[derive(Default)]
struct Reader {
    articles: Vec<Vec<Node>>,
    /// Per article, the notes it cites, in order.
    cited: Vec<Vec<String>>,
    numbers: HashMap<String, usize>,
    notes: HashMap<String, Vec<Node>>,
    stack: Vec<Open>,
    context: Vec<(String, &'static str)>,
    in_heading: bool,
    /// Raw HTML or code being gathered into a [`Node::Whole`].
    whole: Option<(String, &'static str)>,
    /// Alternative text of an image being read, with its tag's start.
    image: Option<(String, String)>,
    table: Vec<Alignment>,
    in_head: bool,
    cell: usize,
}

impl Reader {
    fn push_node(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(open) => open.children.push(node),
            None => {
                if let Some(article) = self.articles.last_mut() {
                    article.push(node);
                }
            }
        }
    }

    fn open(&mut self, open: Open) {
        self.end_loose_text();
        self.stack.push(open);
    }

    fn close(&mut self) {
        self.end_loose_text();
        if let Some(open) = self.stack.pop() {
            if open.words.is_some() {
                // Inline elements never run past their block.
                self.context.clear();
            }
            match open.note {
                Some(label) => {
                    self.notes.entry(label).or_insert(open.children);
                }
                None => {
                    let node = open.close();
                    self.push_node(node);
                }
            }
        }
    }

    /// A tight item's text ends where a block inside the item starts.
    fn end_loose_text(&mut self) {
        if self
            .stack
            .last()
            .is_some_and(|o| o.tag.is_empty() && o.words.is_some())
        {
            let node = self.stack.pop().map(Open::close);
            if let Some(node) = node {
                self.push_node(node);
            }
        }
    }

    fn word(&mut self, html: String, space: bool) {
        let key = html.clone();
        self.word_keyed(html, key, space);
    }

    fn word_keyed(&mut self, html: String, key: String, space: bool) {
        if self.in_heading && self.stack.is_empty() {
            return;
        }
        if let Some((alt, _)) = &mut self.image {
            alt.push_str(&html);
            return;
        }
        if self.stack.last().is_none_or(|o| o.words.is_none()) {
            if self.stack.is_empty() {
                // Loose inline content directly in an article (it does not
                // happen in Markdown, but raw events might): a paragraph.
                self.stack.push(Open::text("p", String::new()));
            } else {
                self.stack.push(Open::text("", String::new()));
            }
        }
        let context = self.context.clone();
        if let Some(words) = self.stack.last_mut().and_then(|o| o.words.as_mut()) {
            words.push(Word {
                context,
                html,
                key,
                space,
            });
        }
    }

    fn text(&mut self, text: &str) {
        for w in split_words(text) {
            let space = w.trim().is_empty();
            self.word(escape_html(w), space);
        }
    }

    fn event(&mut self, e: &Event<'_>) {
        if let Some((html, end)) = &mut self.whole {
            match e {
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                    html.push_str(end);
                    let html = std::mem::take(html);
                    self.whole = None;
                    self.push_node(Node::Whole { html });
                }
                // Code, or an HTML block that safe mode turned into text.
                Event::Text(t) => html.push_str(&escape_html(t)),
                Event::Html(h) | Event::InlineHtml(h) => html.push_str(h),
                _ => {}
            }
            return;
        }
        match e {
            // Every level-2 heading starts an article, as in `scan`.
            Event::Start(Tag::Heading { level, .. }) if *level == HeadingLevel::H2 => {
                while !self.stack.is_empty() {
                    self.close();
                }
                self.articles.push(vec![]);
                self.cited.push(vec![]);
                self.in_heading = true;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2))
                if self.in_heading && self.stack.is_empty() =>
            {
                self.in_heading = false;
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.open(Open::text(heading_tag(*level), String::new()))
            }
            Event::Start(Tag::Paragraph) => self.open(Open::text("p", String::new())),
            Event::Start(Tag::BlockQuote(_)) => self.open(Open::block("blockquote", String::new())),
            Event::Start(Tag::List(Some(start))) => self.open(Open::block(
                "ol",
                if *start == 1 {
                    String::new()
                } else {
                    format!(" start=\"{start}\"")
                },
            )),
            Event::Start(Tag::List(None)) => self.open(Open::block("ul", String::new())),
            Event::Start(Tag::Item) => self.open(Open::block("li", String::new())),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.end_loose_text();
                let mut open = Open::block("li", String::new());
                open.note = Some(label.to_string());
                self.stack.push(open);
            }
            Event::Start(Tag::Table(alignments)) => {
                self.table = alignments.clone();
                self.open(Open::block("table", String::new()));
            }
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.cell = 0;
                self.open(Open::block("thead", String::new()));
                self.open(Open::block("tr", String::new()));
            }
            Event::Start(Tag::TableRow) => {
                if self.stack.last().is_some_and(|o| o.tag == "table") {
                    self.open(Open::block("tbody", String::new()));
                }
                self.cell = 0;
                self.open(Open::block("tr", String::new()));
            }
            Event::Start(Tag::TableCell) => {
                let align = match self.table.get(self.cell) {
                    Some(Alignment::Left) => " style=\"text-align: left\"",
                    Some(Alignment::Center) => " style=\"text-align: center\"",
                    Some(Alignment::Right) => " style=\"text-align: right\"",
                    _ => "",
                };
                self.cell += 1;
                let tag = if self.in_head { "th" } else { "td" };
                self.open(Open::text(tag, align.to_string()));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.end_loose_text();
                let open = match kind {
                    CodeBlockKind::Fenced(info) if !info.is_empty() => {
                        let lang = info.split([' ', ',']).next().unwrap_or_default();
                        format!(
                            "<pre tabindex=\"0\"><code class=\"language-{}\">",
                            escape_html(lang)
                        )
                    }
                    _ => "<pre tabindex=\"0\"><code>".to_string(),
                };
                self.whole = Some((open, "</code></pre>"));
            }
            Event::Start(Tag::HtmlBlock) => {
                self.end_loose_text();
                self.whole = Some((String::new(), ""));
            }
            Event::Start(Tag::Emphasis) => self.context.push(("<em>".into(), "</em>")),
            Event::Start(Tag::Strong) => self.context.push(("<strong>".into(), "</strong>")),
            // `<del>` marks deletions on the changes page.
            Event::Start(Tag::Strikethrough) => self.context.push(("<s>".into(), "</s>")),
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                let title = title_attr(title);
                self.context.push((
                    format!("<a href=\"{}\"{title}>", escape_html(dest_url)),
                    "</a>",
                ));
            }
            // An external link as `render` writes it (with its `rel`); its end is `TagEnd::Link`.
            Event::InlineHtml(h) if h.starts_with("<a href=") && h.contains(" rel=\"noopener") => {
                self.context.push((h.to_string(), "</a>"))
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let title = title_attr(title);
                self.image = Some((
                    String::new(),
                    format!("<img src=\"{}\"{title}", escape_html(dest_url)),
                ));
            }
            Event::End(TagEnd::Image) => {
                if let Some((alt, start)) = self.image.take() {
                    self.word(format!("{start} alt=\"{alt}\">"), false);
                }
            }
            Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {
                self.context.pop();
            }
            Event::End(TagEnd::TableHead) => {
                self.close();
                self.close();
                self.in_head = false;
            }
            Event::End(TagEnd::Table) => {
                if self.stack.last().is_some_and(|o| o.tag == "tbody") {
                    self.close();
                }
                self.close();
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::TableRow
                | TagEnd::TableCell,
            ) => self.close(),
            Event::Text(t) => self.text(t),
            Event::Code(c) => self.word(format!("<code>{}</code>", escape_html(c)), false),
            Event::InlineHtml(h) | Event::Html(h) => self.word(h.to_string(), false),
            Event::SoftBreak => self.word(" ".into(), true),
            Event::HardBreak => self.word("<br>".into(), false),
            Event::Rule => {
                self.end_loose_text();
                self.push_node(Node::Whole {
                    html: "<hr>".into(),
                })
            }
            Event::TaskListMarker(done) => {
                let (class, mark) = if *done {
                    ("task task-done", "☑")
                } else {
                    ("task", "☐")
                };
                self.word(format!("<span class=\"{class}\">{mark}</span>"), false);
            }
            Event::FootnoteReference(label) => {
                let label = label.to_string();
                let next = self.numbers.len() + 1;
                let n = *self.numbers.entry(label.clone()).or_insert(next);
                if let Some(cited) = self.cited.last_mut() {
                    if !cited.contains(&label) {
                        cited.push(label.clone());
                    }
                }
                self.word_keyed(
                    format!("<sup class=\"footnote-ref\">{n}</sup>"),
                    format!("[^{label}]"),
                    false,
                );
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Vec<Vec<Node>> {
        while !self.stack.is_empty() {
            self.close();
        }
        let mut articles = std::mem::take(&mut self.articles);
        for (article, cited) in articles.iter_mut().zip(&self.cited) {
            let notes: Vec<Node> = cited
                .iter()
                .filter_map(|label| {
                    let body = self.notes.get(label)?;
                    Some(Node::Block {
                        tag: "li",
                        attrs: format!(
                            " value=\"{}\"",
                            self.numbers.get(label).copied().unwrap_or(0)
                        ),
                        children: body.clone(),
                    })
                })
                .collect();
            if !notes.is_empty() {
                article.push(Node::Block {
                    tag: "ol",
                    attrs: " class=\"article-notes\"".into(),
                    children: notes,
                });
            }
        }
        articles
    }
}

/// ` title="…"`, or nothing for an empty title.
fn title_attr(title: &str) -> String {
    if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape_html(title))
    }
}

fn heading_tag(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}
