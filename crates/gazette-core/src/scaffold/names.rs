//! The name `gazette new` gives a new source: its file name and, when the
//! title makes a poor address, an explicit `slug:`.
//!
//! A Chinese title slugified whole becomes a URL of 150+ characters once
//! percent-encoded, and a machine transliteration misreads polyphones (行 in
//! 银行 and 举行). So a title that gives a non-ASCII slug keeps its words in
//! the file name, for the editor, and gets a short ASCII `slug:` for the
//! address: the date and a number for dated kinds (`2024-12-13-1`, as
//! Chinese news and government sites number their items), the kind and a
//! number otherwise (`member-3`). A long Latin title is cut at a word.

use crate::config::SlugMode;
use crate::content::Kind;
use chrono::NaiveDate;

/// The longest address segment `new` makes.
pub const MAX_SLUG: usize = 60;

/// The longest file-name stem `new` makes from a title, in characters.
const MAX_FILE_STEM: usize = 40;

/// A new file's stem (before any date prefix) and its `slug:` line, if any.
#[derive(Debug, PartialEq, Eq)]
pub struct Named {
    pub stem: String,
    pub slug: Option<String>,
}

/// Names a new document titled `title`. `explicit` is `--slug`; `taken`
/// holds the slugs already used in the document's section.
pub fn name(
    title: &str,
    mode: SlugMode,
    explicit: Option<&str>,
    kind: Kind,
    date: NaiveDate,
    taken: &[String],
) -> Result<Named, String> {
    if let Some(slug) = explicit {
        crate::slug::check_explicit(slug).map_err(|why| format!("--slug `{slug}`: {why}"))?;
        return Ok(Named {
            stem: slug.to_string(),
            slug: Some(slug.to_string()),
        });
    }
    let derived = crate::slug::slugify(title, mode);
    if derived.is_empty() {
        return Err(format!(
            "the title {title:?} gives an empty file name; use a title with letters or digits, or pass --slug"
        ));
    }
    if derived.is_ascii() {
        return Ok(Named {
            stem: cut_at_word(&derived, MAX_SLUG).to_string(),
            slug: None,
        });
    }
    let stem: String = derived.chars().take(MAX_FILE_STEM).collect();
    Ok(Named {
        stem: stem.trim_end_matches('-').to_string(),
        slug: Some(numbered(kind, date, taken)),
    })
}

/// The longest prefix of `slug` within `max` bytes that ends at a word.
fn cut_at_word(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    match slug[..=max].rfind('-') {
        Some(at) if at > 0 => &slug[..at],
        _ => &slug[..max],
    }
}

/// The first free `<date>-<n>` (news, meetings) or `<kind>-<n>`.
fn numbered(kind: Kind, date: NaiveDate, taken: &[String]) -> String {
    let base = match kind {
        Kind::News | Kind::Meeting => date.to_string(),
        other => other.spec().new_names[0].to_string(),
    };
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken.contains(s))
        .expect("an unbounded range has a free number")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        "2024-12-13".parse().unwrap()
    }

    #[test]
    fn a_chinese_title_keeps_its_words_in_the_file_and_gets_a_short_address() {
        let title = "成员单位在合肥举行党建工作推进会";
        let taken = vec!["2024-12-13-1".to_string()];
        let named = name(title, SlugMode::Unicode, None, Kind::News, day(), &taken).unwrap();
        assert_eq!(named.stem, "成员单位在合肥举行党建工作推进会");
        assert_eq!(named.slug.as_deref(), Some("2024-12-13-2"));
        let member = name(
            "合肥市联合会",
            SlugMode::Unicode,
            None,
            Kind::Member,
            day(),
            &[],
        )
        .unwrap();
        assert_eq!(member.slug.as_deref(), Some("member-1"));
    }

    #[test]
    fn latin_titles_are_cut_at_a_word_and_slug_wins() {
        let long = "The joint meeting of the member organizations adopts the working rules of the consortium";
        let named = name(long, SlugMode::Unicode, None, Kind::News, day(), &[]).unwrap();
        assert!(named.stem.len() <= MAX_SLUG, "{}", named.stem);
        assert_eq!(
            named.stem,
            "the-joint-meeting-of-the-member-organizations-adopts-the"
        );
        assert_eq!(named.slug, None);
        let given = name(
            "党建",
            SlugMode::Unicode,
            Some("party-building"),
            Kind::News,
            day(),
            &[],
        );
        assert_eq!(given.unwrap().slug.as_deref(), Some("party-building"));
        assert!(name("x", SlugMode::Unicode, Some("a/b"), Kind::News, day(), &[]).is_err());
    }
}
