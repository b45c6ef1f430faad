//! Article-by-article changes between two versions of a rules document.
//!
//! Articles are matched by what they say, not by where they stand: first
//! articles with the same heading and text, then the same heading, then
//! similar text under a new heading. A matched article out of the old order
//! has moved; one whose number changed is renumbered. Removed articles keep
//! their old number and stand where they stood in the old version.

mod markup;

use crate::markdown::blocks::{split_words, Node, Word};
use crate::markdown::{escape_html, Article};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

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
    /// Anchor of the article in the old version, when it was there.
    pub old_anchor: Option<String>,
    /// Matched out of the old order: the article was moved.
    pub moved: bool,
    /// Matched under another number (moved, or others added or removed before it).
    pub renumbered: bool,
    /// The article as it renders (paragraphs, lists, tables, its notes)
    /// with `<del>`/`<ins>` marks inside it.
    pub diff_html: String,
}

/// Joins the lines of each paragraph, so the diff wraps like prose.
fn unwrap_lines(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Above this many pairs of unmatched articles, texts are not compared for
/// similarity (each comparison is linear; the pairs are quadratic).
const SIMILARITY_PAIRS_LIMIT: usize = 40_000;

/// How alike two texts must be (shared character pairs) to be one article
/// under a new heading.
const SIMILAR: f64 = 0.5;

/// An article's blocks as its page renders them, or, when they are not
/// known, its text as one paragraph.
fn blocks_of(article: &Article, blocks: Option<&Vec<Node>>) -> Vec<Node> {
    match blocks {
        Some(b) => b.clone(),
        None => vec![Node::Text {
            tag: "p",
            attrs: String::new(),
            words: plain_words(&unwrap_lines(&article.text)),
        }],
    }
}

fn plain_words(text: &str) -> Vec<Word> {
    split_words(text)
        .into_iter()
        .map(|w| Word {
            context: vec![],
            html: escape_html(w),
            key: escape_html(w),
            space: w.trim().is_empty(),
        })
        .collect()
}

/// Plain texts with their changes marked, word by word (Chinese character
/// by character).
#[cfg(test)]
fn marked(old: &str, new: &str) -> String {
    let text = |t: &str| Node::Text {
        tag: "",
        attrs: String::new(),
        words: plain_words(&unwrap_lines(t)),
    };
    let mut out = String::new();
    markup::write_blocks(&[text(old)], &[text(new)], &mut out);
    out
}

fn written(nodes: &[Node], mark: Option<markup::Mark>) -> String {
    let mut out = String::new();
    for n in nodes {
        markup::write_node(n, mark, &mut out);
    }
    out
}

fn normalized_title(a: &Article) -> String {
    a.title.trim().to_lowercase()
}

/// Character pairs of a text, counted: a measure of content that works for
/// Chinese (no spaces) as for English. Sorted by pair (a pair is its two
/// characters in one number), so that two texts are compared in one walk.
fn pairs(text: &str) -> Vec<(u64, u32)> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut keys: Vec<u64> = chars
        .windows(2)
        .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
        .collect();
    keys.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::new();
    for key in keys {
        match out.last_mut() {
            Some((last, n)) if *last == key => *n += 1,
            _ => out.push((key, 1)),
        }
    }
    out
}

/// Dice's coefficient of two counted pair sets: 1 for the same text.
fn similarity(a: &[(u64, u32)], b: &[(u64, u32)]) -> f64 {
    let total: u32 = a.iter().chain(b).map(|(_, n)| n).sum();
    if total == 0 {
        return 0.0;
    }
    let (mut shared, mut i, mut j) = (0u32, 0, 0);
    while let (Some(&(x, m)), Some(&(y, n))) = (a.get(i), b.get(j)) {
        if x == y {
            shared += m.min(n);
        }
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    2.0 * f64::from(shared) / f64::from(total)
}

/// Old article → new article, matched by heading and text, then heading,
/// then similar text.
fn match_articles(old: &[Article], new: &[Article]) -> Vec<Option<usize>> {
    let mut to_new: Vec<Option<usize>> = vec![None; old.len()];
    let mut taken: HashSet<usize> = HashSet::new();
    let texts_old: Vec<String> = old.iter().map(|a| unwrap_lines(&a.text)).collect();
    let texts_new: Vec<String> = new.iter().map(|a| unwrap_lines(&a.text)).collect();
    type Key = fn(&Article, &str) -> String;
    let passes: [Key; 2] = [
        |a, text| format!("{}\u{0}{text}", normalized_title(a)),
        |a, _| normalized_title(a),
    ];
    for key in passes {
        let mut free: HashMap<String, Vec<usize>> = HashMap::new();
        for (j, a) in new.iter().enumerate().rev() {
            if !taken.contains(&j) {
                free.entry(key(a, &texts_new[j])).or_default().push(j);
            }
        }
        for (i, a) in old.iter().enumerate() {
            if to_new[i].is_some() {
                continue;
            }
            if let Some(j) = free.get_mut(&key(a, &texts_old[i])).and_then(Vec::pop) {
                to_new[i] = Some(j);
                taken.insert(j);
            }
        }
    }
    let old_left: Vec<usize> = (0..old.len()).filter(|&i| to_new[i].is_none()).collect();
    let new_left: Vec<usize> = (0..new.len()).filter(|j| !taken.contains(j)).collect();
    if old_left.len() * new_left.len() <= SIMILARITY_PAIRS_LIMIT {
        let old_pairs: Vec<_> = old_left.iter().map(|&i| pairs(&texts_old[i])).collect();
        let new_pairs: Vec<_> = new_left.iter().map(|&j| pairs(&texts_new[j])).collect();
        let mut scored: Vec<(f64, usize, usize)> = Vec::new();
        for (a, &i) in old_left.iter().enumerate() {
            for (b, &j) in new_left.iter().enumerate() {
                let s = similarity(&old_pairs[a], &new_pairs[b]);
                if s >= SIMILAR {
                    scored.push((s, i, j));
                }
            }
        }
        // Best first; ties in document order, so the result is deterministic.
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        for (_, i, j) in scored {
            if to_new[i].is_none() && !taken.contains(&j) {
                to_new[i] = Some(j);
                taken.insert(j);
            }
        }
    }
    to_new
}

/// The old articles whose matches keep the old order: the longest run of
/// increasing new positions (patience sorting, n log n). The others moved.
fn in_place(to_new: &[Option<usize>]) -> HashSet<usize> {
    let matched: Vec<(usize, usize)> = to_new
        .iter()
        .enumerate()
        .filter_map(|(i, j)| Some((i, (*j)?)))
        .collect();
    // tails[k]: index in `matched` of the smallest tail of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; matched.len()];
    for (m, &(_, j)) in matched.iter().enumerate() {
        let k = tails.partition_point(|&t| matched[t].1 < j);
        back[m] = k.checked_sub(1).map(|p| tails[p]);
        if k == tails.len() {
            tails.push(m);
        } else {
            tails[k] = m;
        }
    }
    let mut out = HashSet::new();
    let mut at = tails.last().copied();
    while let Some(m) = at {
        out.insert(matched[m].0);
        at = back[m];
    }
    out
}

/// The changes from `old` to `new`, in the new order, each removed article
/// after the one that preceded it in the old version. `old_blocks` and
/// `new_blocks` are the articles as their pages render them (see
/// [`crate::markdown::blocks`]).
pub fn compare(
    old: &[Article],
    old_blocks: &[Vec<Node>],
    new: &[Article],
    new_blocks: &[Vec<Node>],
) -> Vec<ArticleChange> {
    let old_nodes = |i: usize| blocks_of(&old[i], old_blocks.get(i));
    let new_nodes = |j: usize| blocks_of(&new[j], new_blocks.get(j));
    let to_new = match_articles(old, new);
    let stays = in_place(&to_new);
    let mut from_old: Vec<Option<usize>> = vec![None; new.len()];
    for (i, j) in to_new.iter().enumerate() {
        if let Some(j) = j {
            from_old[*j] = Some(i);
        }
    }
    // Removed articles, by the new article they follow (`None`: the start).
    let mut removed_after: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for i in (0..old.len()).filter(|&i| to_new[i].is_none()) {
        let anchor = (0..i)
            .rev()
            .find(|k| stays.contains(k))
            .and_then(|k| to_new[k]);
        removed_after.entry(anchor).or_default().push(i);
    }
    let removed = |i: usize| ArticleChange {
        change: ChangeKind::Removed,
        old_label: Some(old[i].label.clone()),
        new_label: None,
        old_title: Some(old[i].title.clone()),
        new_title: None,
        anchor: None,
        old_anchor: Some(old[i].anchor.clone()),
        moved: false,
        renumbered: false,
        diff_html: written(&old_nodes(i), Some(markup::Mark::Deleted)),
    };
    let mut changes: Vec<ArticleChange> = Vec::new();
    let push_removed = |changes: &mut Vec<ArticleChange>, after: Option<usize>| {
        for &i in removed_after.get(&after).into_iter().flatten() {
            changes.push(removed(i));
        }
    };
    push_removed(&mut changes, None);
    for (j, a) in new.iter().enumerate() {
        changes.push(match from_old[j] {
            Some(i) => {
                let o = &old[i];
                let (before, after) = (old_nodes(i), new_nodes(j));
                // Blocks when both are known: a note belongs to the articles citing it.
                let same_text = if i < old_blocks.len() && j < new_blocks.len() {
                    before.iter().map(Node::key).eq(after.iter().map(Node::key))
                } else {
                    unwrap_lines(&o.text) == unwrap_lines(&a.text)
                };
                let same = same_text && o.title == a.title;
                ArticleChange {
                    change: if same {
                        ChangeKind::Unchanged
                    } else {
                        ChangeKind::Reworded
                    },
                    old_label: Some(o.label.clone()),
                    new_label: Some(a.label.clone()),
                    old_title: Some(o.title.clone()),
                    new_title: Some(a.title.clone()),
                    anchor: Some(a.anchor.clone()),
                    old_anchor: Some(o.anchor.clone()),
                    moved: !stays.contains(&i),
                    renumbered: o.number != a.number,
                    diff_html: {
                        if same_text {
                            written(&after, None)
                        } else {
                            let mut out = String::new();
                            markup::write_blocks(&before, &after, &mut out);
                            out
                        }
                    },
                }
            }
            None => ArticleChange {
                change: ChangeKind::Added,
                old_label: None,
                new_label: Some(a.label.clone()),
                old_title: None,
                new_title: Some(a.title.clone()),
                anchor: Some(a.anchor.clone()),
                old_anchor: None,
                moved: false,
                renumbered: false,
                diff_html: written(&new_nodes(j), Some(markup::Mark::Inserted)),
            },
        });
        push_removed(&mut changes, Some(j));
    }
    changes
}

#[cfg(test)]
mod tests;
