//! The text Pagefind keeps of a page, an anchor or a filter: entities
//! decoded, whitespace trimmed and collapsed.

/// Decodes entities, trims whitespace and collapses each run of whitespace
/// inside to one space, in one pass over the text rather than three regex
/// passes (`TRIM_NEWLINES`, `NEWLINES`, `EXTRANEOUS_SPACES`), with the same
/// result: a run of two or more whitespace characters, or a newline, becomes
/// one space; any other single whitespace character (a tab, a no-break
/// space) is kept as it is.
pub(super) fn normalize_content(content: &str) -> String {
    let content = html_escape::decode_html_entities(content);
    let content = content.trim_matches(char::is_whitespace);
    let mut out = String::with_capacity(content.len());
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        let mut run = 1;
        while chars.next_if(|next| next.is_whitespace()).is_some() {
            run += 1;
        }
        out.push(if run == 1 && c != '\n' { c } else { ' ' });
    }
    out
}
