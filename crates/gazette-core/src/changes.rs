//! Article-by-article changes between two versions of a rules document.

use crate::markdown::{escape_html, Article};
use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Reworded,
    Unchanged,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleChange {
    pub change: ChangeKind,
    pub old_label: Option<String>,
    pub new_label: Option<String>,
    pub old_title: Option<String>,
    pub new_title: Option<String>,
    /// Anchor of the article in the new version, when it is there.
    pub anchor: Option<String>,
    /// The text with `<del>`/`<ins>` marks (escaped HTML).
    pub diff_html: String,
}

/// Joins the lines of each paragraph, so the diff wraps like prose.
fn unwrap_lines(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Above this many bytes (old and new together, about 7,000 English words)
/// an article is compared paragraph by paragraph, not word by word: Myers'
/// diff costs up to the product of the two lengths, and a page must not take
/// seconds to make.
const WORD_DIFF_LIMIT: usize = 40_000;

/// Above this many paragraphs, an article is shown as replaced whole.
const PARAGRAPH_DIFF_LIMIT: usize = 2_000;

fn marked(old: &str, new: &str) -> String {
    let (old, new) = (unwrap_lines(old), unwrap_lines(new));
    let (old, new) = (old.as_str(), new.as_str());
    let config = {
        let mut c = TextDiff::configure();
        c.algorithm(Algorithm::Myers);
        c
    };
    let diff = if old.len() + new.len() <= WORD_DIFF_LIMIT {
        config.diff_unicode_words(old, new)
    } else if old.lines().count() + new.lines().count() <= PARAGRAPH_DIFF_LIMIT {
        config.diff_lines(old, new)
    } else {
        return format!(
            "<del>{}</del><ins>{}</ins>",
            escape_html(old),
            escape_html(new)
        );
    };
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let text = escape_html(change.value());
        match change.tag() {
            ChangeTag::Equal => out.push_str(&text),
            ChangeTag::Delete => out.push_str(&format!("<del>{text}</del>")),
            ChangeTag::Insert => out.push_str(&format!("<ins>{text}</ins>")),
        }
    }
    out.replace("</del><del>", "").replace("</ins><ins>", "")
}

fn pair(old: &Article, new: &Article) -> ArticleChange {
    let same = old.text == new.text && old.title == new.title;
    ArticleChange {
        change: if same {
            ChangeKind::Unchanged
        } else {
            ChangeKind::Reworded
        },
        old_label: Some(old.label.clone()),
        new_label: Some(new.label.clone()),
        old_title: Some(old.title.clone()),
        new_title: Some(new.title.clone()),
        anchor: Some(new.anchor.clone()),
        diff_html: if same {
            escape_html(&new.text)
        } else {
            marked(&old.text, &new.text)
        },
    }
}

/// Aligns articles by title; articles whose titles changed in place count as reworded.
pub fn compare(old: &[Article], new: &[Article]) -> Vec<ArticleChange> {
    let old_titles: Vec<&str> = old.iter().map(|a| a.title.as_str()).collect();
    let new_titles: Vec<&str> = new.iter().map(|a| a.title.as_str()).collect();
    let mut changes = Vec::new();
    let removed = |a: &Article| ArticleChange {
        change: ChangeKind::Removed,
        old_label: Some(a.label.clone()),
        new_label: None,
        old_title: Some(a.title.clone()),
        new_title: None,
        anchor: None,
        diff_html: format!("<del>{}</del>", escape_html(&unwrap_lines(&a.text))),
    };
    let added = |a: &Article| ArticleChange {
        change: ChangeKind::Added,
        old_label: None,
        new_label: Some(a.label.clone()),
        old_title: None,
        new_title: Some(a.title.clone()),
        anchor: Some(a.anchor.clone()),
        diff_html: format!("<ins>{}</ins>", escape_html(&unwrap_lines(&a.text))),
    };
    for op in similar::capture_diff_slices(Algorithm::Myers, &old_titles, &new_titles) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                changes.extend((0..len).map(|k| pair(&old[old_index + k], &new[new_index + k])));
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => changes.extend(old[old_index..old_index + old_len].iter().map(removed)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => changes.extend(new[new_index..new_index + new_len].iter().map(added)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let both = old_len.min(new_len);
                changes.extend((0..both).map(|k| pair(&old[old_index + k], &new[new_index + k])));
                changes.extend(
                    old[old_index + both..old_index + old_len]
                        .iter()
                        .map(removed),
                );
                changes.extend(new[new_index + both..new_index + new_len].iter().map(added));
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_articles_are_compared_by_paragraph() {
        // 200,000 words on each side, every word changed: word by word this
        // would be quadratic; by paragraph it is one replaced paragraph.
        let old: String = (0..200_000).map(|i| format!("w{i} ")).collect();
        let new: String = (0..200_000).map(|i| format!("v{i} ")).collect();
        let out = marked(&old, &new);
        assert!(out.starts_with("<del>w0 "), "{}", &out[..40]);
        assert!(out.contains("<ins>v0 "));
        // Short articles are still marked word by word.
        assert_eq!(marked("a b c", "a x c"), "a <del>b</del><ins>x</ins> c");
    }

    fn article(n: usize, title: &str, text: &str) -> Article {
        Article {
            number: n,
            anchor: format!("article-{n}"),
            label: format!("Article {n}"),
            title: title.into(),
            text: text.into(),
        }
    }

    #[test]
    fn added_removed_reworded() {
        let old = [
            article(1, "Purpose", "To unite."),
            article(2, "Members", "Five members."),
            article(3, "Fees", "None."),
        ];
        let new = [
            article(1, "Purpose", "To unite."),
            article(2, "Members", "Six members."),
            article(3, "Meetings", "Quarterly."),
        ];
        let changes = compare(&old, &new);
        let kinds: Vec<_> = changes.iter().map(|c| c.change).collect();
        assert_eq!(
            kinds,
            [
                ChangeKind::Unchanged,
                ChangeKind::Reworded,
                ChangeKind::Reworded
            ]
        );
        assert_eq!(
            changes[1].diff_html,
            "<del>Five</del><ins>Six</ins> members."
        );
        let fewer = compare(&old, &new[..1]);
        assert_eq!(
            fewer
                .iter()
                .filter(|c| c.change == ChangeKind::Removed)
                .count(),
            2
        );
        let more = compare(&new[..1], &new);
        assert_eq!(
            more.iter()
                .filter(|c| c.change == ChangeKind::Added)
                .count(),
            2
        );
    }

    #[test]
    fn chinese_words_are_compared_finely() {
        let html = marked("每季度召开一次", "每半年召开一次");
        assert!(
            html.contains("<del>") && html.contains("召开一次"),
            "{html}"
        );
    }
}
