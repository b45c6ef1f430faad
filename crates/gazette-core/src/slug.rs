//! Slugs: the last segment of a URL, from a file name or from front matter.
//!
//! Unicode letters are kept by default (Chinese titles stay Chinese; browsers
//! percent-encode them); `slugify: ascii` transliterates instead.

use crate::config::SlugMode;

/// Lowercases and joins runs of letters and digits with `-`.
pub fn slugify(text: &str, mode: SlugMode) -> String {
    let text = match mode {
        SlugMode::Unicode => text.to_string(),
        SlugMode::Ascii => deunicode::deunicode(text),
    };
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        let keep = match mode {
            SlugMode::Unicode => c.is_alphanumeric() || c == '_',
            SlugMode::Ascii => c.is_ascii_alphanumeric() || c == '_',
        };
        if keep {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Why an explicit `slug:` cannot be used, if it cannot.
pub fn check_explicit(slug: &str) -> Result<(), &'static str> {
    if slug.trim().is_empty() {
        return Err("the slug is empty");
    }
    if slug.contains(['/', '\\']) {
        return Err("a slug cannot contain `/` or `\\`");
    }
    if slug == "." || slug.contains("..") {
        return Err("a slug cannot contain `..`");
    }
    if slug.chars().any(|c| c.is_control()) {
        return Err("a slug cannot contain control characters");
    }
    if slug
        .chars()
        .any(|c| matches!(c, '?' | '#' | '%' | '<' | '>' | '"' | ':' | '*' | '|'))
    {
        return Err("a slug cannot contain `? # % < > \" : * |`");
    }
    if slug != slug.trim() {
        return Err("a slug cannot start or end with a space");
    }
    Ok(())
}

/// Slugs that would collide with the outputs gazette writes itself.
pub fn is_reserved(slug: &str) -> bool {
    matches!(
        slug,
        "page" | "atom.xml" | "calendar.ics" | "index.html" | "changes" | "compare" | "decisions"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugify_cases() {
        let cases = [
            (
                "Preparatory Meeting held",
                SlugMode::Unicode,
                "preparatory-meeting-held",
            ),
            ("  Hello, World!  ", SlugMode::Unicode, "hello-world"),
            (
                "党建工作联合体 筹备会",
                SlugMode::Unicode,
                "党建工作联合体-筹备会",
            ),
            ("党建", SlugMode::Ascii, "dang-jian"),
            ("Ünïcödé", SlugMode::Ascii, "unicode"),
            ("../../etc", SlugMode::Unicode, "etc"),
            ("!!!", SlugMode::Unicode, ""),
        ];
        for (input, mode, expected) in cases {
            assert_eq!(slugify(input, mode), expected, "{input}");
        }
    }

    #[test]
    fn explicit_slugs() {
        for good in ["a", "preparatory-meeting", "党建"] {
            assert!(check_explicit(good).is_ok(), "{good}");
        }
        for bad in ["", "a/b", "..", "a\\b", "x\u{7}", " a", "a?b"] {
            assert!(check_explicit(bad).is_err(), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn slugs_never_escape(input in "\\PC*", ascii in any::<bool>()) {
            let mode = if ascii { SlugMode::Ascii } else { SlugMode::Unicode };
            let slug = slugify(&input, mode);
            prop_assert!(slug.is_empty() || check_explicit(&slug).is_ok(), "{:?} -> {:?}", input, slug);
        }

        #[test]
        fn accepted_slugs_stay_one_path_segment(input in "\\PC*") {
            if check_explicit(&input).is_ok() {
                let path = std::path::Path::new(&input);
                prop_assert_eq!(path.components().count(), 1);
                let is_normal = matches!(path.components().next(), Some(std::path::Component::Normal(_)));
                prop_assert!(is_normal);
            }
        }
    }
}
