//! Soft line breaks between Chinese characters: dropped (a space there would
//! show as a gap), kept elsewhere as a space.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Stands for a soft break in text gathered by [`scan`] until the characters
/// around it are known.
pub(super) const SOFT_BREAK: char = '\u{1}';

/// Each [`SOFT_BREAK`] as nothing between two CJK characters, else a space.
pub(super) fn join_soft_breaks(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let around = |i: usize, step: isize| {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < chars.len() {
            if chars[j as usize] != SOFT_BREAK {
                return Some(chars[j as usize]);
            }
            j += step;
        }
        None
    };
    chars
        .iter()
        .enumerate()
        .filter_map(|(i, &c)| match c {
            SOFT_BREAK if crate::cjk::joins(around(i, -1), around(i, 1)) => None,
            SOFT_BREAK => Some(' '),
            c => Some(c),
        })
        .collect()
}

/// Drops the soft breaks between two CJK characters, looking through inline
/// markup (`*党建*` then a break then `联合体` still joins); a hard break, a
/// code span or inline HTML beside the break keeps it.
pub(super) fn drop_cjk_soft_breaks(events: &mut Vec<Event<'_>>) {
    let is_inline_tag = |e: &Event| {
        matches!(
            e,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
                | Event::End(
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link
                )
        )
    };
    let text_at = |e: &Event<'_>, last: bool| match e {
        Event::Text(t) => {
            if last {
                t.chars().next_back()
            } else {
                t.chars().next()
            }
        }
        _ => None,
    };
    let mut drop = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if !matches!(e, Event::SoftBreak) {
            continue;
        }
        let before = events[..i]
            .iter()
            .rev()
            .find(|e| !is_inline_tag(e))
            .and_then(|e| text_at(e, true));
        let after = events[i + 1..]
            .iter()
            .find(|e| !is_inline_tag(e))
            .and_then(|e| text_at(e, false));
        if crate::cjk::joins(before, after) {
            drop.push(i);
        }
    }
    // One pass, whatever the number of breaks dropped.
    let mut drop = drop.into_iter().peekable();
    let mut index = 0;
    events.retain(|_| {
        let keep = drop.peek() != Some(&index);
        if !keep {
            drop.next();
        }
        index += 1;
        keep
    });
}
