//! Writes two versions of an article as one, with what changed marked inside
//! it: blocks aligned first (a changed paragraph, item, row or cell is
//! compared with its counterpart; a block with none is shown deleted or
//! inserted whole), then words inside each pair of blocks.

use super::{pairs, similarity};
use crate::cjk::is_cjk;
use crate::markdown::blocks::{Node, Word};
use similar::{capture_diff_slices, Algorithm, DiffOp, DiffTag};
use std::collections::HashMap;
use std::hash::Hash;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Deleted,
    Inserted,
}

impl Mark {
    fn tag(self) -> &'static str {
        match self {
            Mark::Deleted => "del",
            Mark::Inserted => "ins",
        }
    }

    fn class(self) -> &'static str {
        match self {
            Mark::Deleted => "diff-deleted",
            Mark::Inserted => "diff-inserted",
        }
    }
}

/// Above this many items (blocks, or words of one block) two sequences are
/// aligned by their common start and end only: Myers' diff costs up to the
/// square of the length when everything differs, and a page must not take
/// seconds to make.
const ALIGN_LIMIT: usize = 8_000;

/// Above this many candidate pairs in one changed region, blocks are paired
/// in order by kind, without comparing their texts.
const PAIRING_LIMIT: usize = 2_500;

/// How alike two blocks must be to be shown as one block changed.
const ALIKE: f64 = 0.3;

/// The changed, kept, deleted and inserted ranges from `old` to `new` (as
/// [`numbered`] gives them).
fn align(old: &[u32], new: &[u32]) -> Vec<(DiffTag, Range<usize>, Range<usize>)> {
    let ops = if old.len() + new.len() <= ALIGN_LIMIT {
        capture_diff_slices(Algorithm::Myers, old, new)
    } else {
        let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let end = old[start..]
            .iter()
            .rev()
            .zip(new[start..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let (old_mid, new_mid) = (old.len() - start - end, new.len() - start - end);
        let mut ops = vec![DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: start,
        }];
        ops.push(DiffOp::Replace {
            old_index: start,
            old_len: old_mid,
            new_index: start,
            new_len: new_mid,
        });
        ops.push(DiffOp::Equal {
            old_index: start + old_mid,
            new_index: start + new_mid,
            len: end,
        });
        ops
    };
    ops.iter()
        .map(DiffOp::as_tag_tuple)
        .filter(|(_, o, n)| !(o.is_empty() && n.is_empty()))
        .collect()
}

/// Each item as a number, equal for equal items: Myers' diff compares the
/// same items many times, and a word's key (its text and the inline elements
/// around it) or a block's text costs more to compare than a number.
fn numbered<T: Hash + Eq>(old: &[T], new: &[T]) -> (Vec<u32>, Vec<u32>) {
    let mut numbers: HashMap<&T, u32> = HashMap::with_capacity(old.len() + new.len());
    let mut number = |item| {
        let next = numbers.len() as u32;
        *numbers.entry(item).or_insert(next)
    };
    let old = old.iter().map(&mut number).collect();
    let new = new.iter().map(&mut number).collect();
    (old, new)
}

/// Inline output: opens and closes the inline elements around each word and
/// the change mark inside them, so the HTML always nests.
struct Inline<'o> {
    out: &'o mut String,
    open: Vec<(String, &'static str)>,
    mark: Option<Mark>,
}

impl<'o> Inline<'o> {
    fn new(out: &'o mut String) -> Self {
        Inline {
            out,
            open: vec![],
            mark: None,
        }
    }

    fn put(&mut self, word: &Word, mark: Option<Mark>) {
        self.put_html(&word.context, &word.html, mark);
    }

    fn put_html(&mut self, context: &[(String, &'static str)], html: &str, mark: Option<Mark>) {
        let common = self
            .open
            .iter()
            .zip(context)
            .take_while(|(a, b)| a == b)
            .count();
        if mark != self.mark || common < self.open.len() || common < context.len() {
            if let Some(m) = self.mark.take() {
                self.out.push_str(&format!("</{}>", m.tag()));
            }
            while self.open.len() > common {
                if let Some((_, close)) = self.open.pop() {
                    self.out.push_str(close);
                }
            }
            for c in &context[common..] {
                self.out.push_str(&c.0);
                self.open.push(c.clone());
            }
            if let Some(m) = mark {
                self.out.push_str(&format!("<{}>", m.tag()));
                self.mark = Some(m);
            }
        }
        self.out.push_str(html);
    }

    fn finish(mut self) {
        self.put_html(&[], "", None);
    }
}

/// One word of a block's comparison.
#[derive(Clone, Copy)]
enum Step<'w> {
    Kept(&'w Word),
    Deleted(&'w Word),
    Inserted(&'w Word),
}

/// The words of one block, old and new, with the changes marked. A change
/// of several words is one deleted run then one inserted run, kept apart by
/// a space in spaced scripts ("is chosen" → "rotates" never reads as one word).
fn write_words(old: &[Word], new: &[Word], out: &mut String) {
    fn key(w: &Word) -> (&[(String, &'static str)], &str) {
        (&w.context, &w.key)
    }
    let old_keys: Vec<_> = old.iter().map(key).collect();
    let new_keys: Vec<_> = new.iter().map(key).collect();
    let words = |ws: &[Word]| ws.iter().filter(|w| !w.space).count();
    let shorter = words(old).min(words(new));
    let (old_numbers, new_numbers) = numbered(&old_keys, &new_keys);
    // A block mostly rewritten (less than half of the shorter side kept)
    // reads better as the old text, then the new. The words both sides have
    // (counted with repeats) bound what a diff can keep: below half, the
    // diff (up to the square of the block's length) is not needed.
    if common_words(old, &old_numbers, new, &new_numbers) * 2 < shorter {
        let steps: Vec<Step> = old
            .iter()
            .map(Step::Deleted)
            .chain(new.iter().map(Step::Inserted))
            .collect();
        return write_steps(&steps, out);
    }
    let mut steps: Vec<Step> = Vec::new();
    for (tag, o, n) in align(&old_numbers, &new_numbers) {
        if tag == DiffTag::Equal {
            steps.extend(n.map(|j| Step::Kept(&new[j])));
        } else {
            steps.extend(o.map(|i| Step::Deleted(&old[i])));
            steps.extend(n.map(|j| Step::Inserted(&new[j])));
        }
    }
    let kept = steps
        .iter()
        .filter(|s| matches!(s, Step::Kept(w) if !w.space))
        .count();
    if kept * 2 < shorter {
        steps = old
            .iter()
            .map(Step::Deleted)
            .chain(new.iter().map(Step::Inserted))
            .collect();
    }
    write_steps(&steps, out);
}

/// How many words (not spaces) `old` and `new` have in common, each counted
/// as often as the side holding it fewer times has it: no alignment keeps more.
fn common_words(old: &[Word], old_numbers: &[u32], new: &[Word], new_numbers: &[u32]) -> usize {
    fn words<'a>(ws: &'a [Word], numbers: &'a [u32]) -> impl Iterator<Item = usize> + 'a {
        ws.iter()
            .zip(numbers)
            .filter(|(w, _)| !w.space)
            .map(|(_, &n)| n as usize)
    }
    let mut counts = vec![0u32; old_numbers.len() + new_numbers.len()];
    for n in words(old, old_numbers) {
        counts[n] += 1;
    }
    words(new, new_numbers)
        .filter(|&n| {
            let left = counts[n] > 0;
            counts[n] = counts[n].saturating_sub(1);
            left
        })
        .count()
}

/// Writes the steps of one block: kept words as they are, each run of
/// changes as its deleted words, then its inserted ones.
fn write_steps(steps: &[Step], out: &mut String) {
    let mut inline = Inline::new(out);
    let mut k = 0;
    while k < steps.len() {
        if let Step::Kept(w) = steps[k] {
            inline.put(w, None);
            k += 1;
            continue;
        }
        // A run: changes, and the spaces between them (on both sides).
        let mut end = k + 1;
        let mut j = k + 1;
        while j < steps.len() {
            match steps[j] {
                Step::Kept(w) if w.space => j += 1,
                Step::Kept(_) => break,
                _ => {
                    j += 1;
                    end = j;
                }
            }
        }
        let run = &steps[k..end];
        let deleted: Vec<&Word> = run
            .iter()
            .filter_map(|s| match *s {
                Step::Deleted(w) | Step::Kept(w) => Some(w),
                Step::Inserted(_) => None,
            })
            .collect();
        let added: Vec<&Word> = run
            .iter()
            .filter_map(|s| match *s {
                Step::Inserted(w) | Step::Kept(w) => Some(w),
                Step::Deleted(_) => None,
            })
            .collect();
        write_run(&mut inline, &deleted, &added);
        k = end;
    }
    inline.finish();
}

/// One run of changes: the deleted words, then the inserted ones; spaces it
/// begins or ends with stay outside the marks.
fn write_run(inline: &mut Inline<'_>, deleted: &[&Word], added: &[&Word]) {
    let trim = |words: &[&Word]| -> Range<usize> {
        let start = words.iter().take_while(|w| w.space).count();
        let end = words.len() - words[start..].iter().rev().take_while(|w| w.space).count();
        start..end
    };
    let (d, a) = (trim(deleted), trim(added));
    let (lead_side, lead) = if d.is_empty() {
        (added, a.start)
    } else {
        (deleted, d.start)
    };
    for w in &lead_side[..lead] {
        inline.put(w, None);
    }
    for w in &deleted[d.clone()] {
        inline.put(w, Some(Mark::Deleted));
    }
    if !d.is_empty() && !a.is_empty() {
        // CJK text has no spaces to keep the runs apart with.
        let cjk_edge = deleted[d.end - 1]
            .html
            .chars()
            .next_back()
            .is_some_and(is_cjk)
            || added[a.start].html.chars().next().is_some_and(is_cjk);
        if !cjk_edge {
            inline.put_html(&added[a.start].context, " ", None);
        }
    }
    for w in &added[a.clone()] {
        inline.put(w, Some(Mark::Inserted));
    }
    let (tail_side, tail) = if a.is_empty() {
        (deleted, d.end)
    } else {
        (added, a.end)
    };
    for w in &tail_side[tail..] {
        inline.put(w, None);
    }
}

fn open_tag(out: &mut String, tag: &str, attrs: &str, mark: Option<Mark>) {
    if tag.is_empty() {
        return;
    }
    out.push('<');
    out.push_str(tag);
    out.push_str(attrs);
    if let Some(m) = mark.filter(|_| !attrs.contains("class=")) {
        out.push_str(&format!(" class=\"{}\"", m.class()));
    }
    out.push('>');
}

fn close_tag(out: &mut String, tag: &str) {
    if !tag.is_empty() {
        out.push_str(&format!("</{tag}>"));
    }
}

/// A node as it renders, its words all marked with `mark` when it has one.
pub fn write_node(node: &Node, mark: Option<Mark>, out: &mut String) {
    match node {
        Node::Block {
            tag,
            attrs,
            children,
        } => {
            open_tag(out, tag, attrs, mark);
            for c in children {
                write_node(c, mark, out);
            }
            close_tag(out, tag);
        }
        Node::Text { tag, attrs, words } => {
            open_tag(out, tag, attrs, None);
            let mut inline = Inline::new(out);
            for w in words {
                inline.put(w, mark);
            }
            inline.finish();
            close_tag(out, tag);
        }
        Node::Whole { html } => match mark {
            Some(m) => out.push_str(&format!(
                "<{} class=\"diff-block\">{html}</{}>",
                m.tag(),
                m.tag()
            )),
            None => out.push_str(html),
        },
    }
}

/// Two versions of one block, as one.
fn write_pair(old: &Node, new: &Node, out: &mut String) {
    match (old, new) {
        (
            Node::Block { children: a, .. },
            Node::Block {
                tag,
                attrs,
                children: b,
            },
        ) => {
            open_tag(out, tag, attrs, None);
            write_blocks(a, b, out);
            close_tag(out, tag);
        }
        (
            Node::Text { words: a, .. },
            Node::Text {
                tag,
                attrs,
                words: b,
            },
        ) => {
            open_tag(out, tag, attrs, None);
            write_words(a, b, out);
            close_tag(out, tag);
        }
        _ if old == new => write_node(new, None, out),
        _ => {
            write_node(old, Some(Mark::Deleted), out);
            write_node(new, Some(Mark::Inserted), out);
        }
    }
}

fn same_kind(a: &Node, b: &Node) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b) && a.tag() == b.tag()
}

/// Two versions of a list of blocks, as one.
pub fn write_blocks(old: &[Node], new: &[Node], out: &mut String) {
    let old_keys: Vec<String> = old.iter().map(Node::key).collect();
    let new_keys: Vec<String> = new.iter().map(Node::key).collect();
    let (old_numbers, new_numbers) = numbered(&old_keys, &new_keys);
    for (tag, o, n) in align(&old_numbers, &new_numbers) {
        match tag {
            DiffTag::Equal => n.for_each(|j| write_node(&new[j], None, out)),
            DiffTag::Delete => o.for_each(|i| write_node(&old[i], Some(Mark::Deleted), out)),
            DiffTag::Insert => n.for_each(|j| write_node(&new[j], Some(Mark::Inserted), out)),
            DiffTag::Replace => write_region(
                &old[o.clone()],
                &old_keys[o],
                &new[n.clone()],
                &new_keys[n],
                out,
            ),
        }
    }
}

/// A changed region: each new block paired with the most alike old block of
/// its kind (in order), the others deleted or inserted whole, deletions first.
fn write_region(
    old: &[Node],
    old_keys: &[String],
    new: &[Node],
    new_keys: &[String],
    out: &mut String,
) {
    let compare = old.len() * new.len() <= PAIRING_LIMIT;
    let old_pairs: Vec<_> = if compare {
        old_keys.iter().map(|k| pairs(k)).collect()
    } else {
        vec![]
    };
    let mut partner: Vec<Option<usize>> = vec![None; new.len()];
    let mut next_old = 0;
    for (j, b) in new.iter().enumerate() {
        let candidates = (next_old..old.len()).filter(|&i| same_kind(&old[i], b));
        let best = if compare {
            let new_pairs = pairs(&new_keys[j]);
            candidates
                .map(|i| (similarity(&old_pairs[i], &new_pairs), i))
                .filter(|(s, _)| *s >= ALIKE)
                .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)))
                .map(|(_, i)| i)
        } else {
            candidates.into_iter().next()
        };
        if let Some(i) = best {
            partner[j] = Some(i);
            next_old = i + 1;
        }
    }
    let mut written_old = 0;
    for (j, b) in new.iter().enumerate() {
        // Old blocks before the next pair are deleted here, before any insertion.
        let until = partner[j..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(old.len());
        while written_old < until {
            write_node(&old[written_old], Some(Mark::Deleted), out);
            written_old += 1;
        }
        match partner[j] {
            Some(i) => {
                write_pair(&old[i], b, out);
                written_old = i + 1;
            }
            None => write_node(b, Some(Mark::Inserted), out),
        }
    }
    while written_old < old.len() {
        write_node(&old[written_old], Some(Mark::Deleted), out);
        written_old += 1;
    }
}
