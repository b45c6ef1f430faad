//! Chinese, Japanese and Korean text in Markdown: a line break inside a
//! paragraph between two CJK characters is no word boundary, so it must not
//! become a space (browsers render the newline of a soft break as one).

/// Whether a character is Han, kana, Hangul, CJK punctuation or a full-width form.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF        // Hangul Jamo
        | 0x2E80..=0x2FDF      // CJK and Kangxi radicals
        | 0x3000..=0x303F      // CJK symbols and punctuation: 、。「」
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3100..=0x312F      // Bopomofo
        | 0x3130..=0x318F      // Hangul compatibility Jamo
        | 0x31A0..=0x31FF      // Bopomofo extended, Katakana extensions
        | 0x3200..=0x33FF      // enclosed CJK, CJK compatibility
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xA960..=0xA97F      // Hangul Jamo extended A
        | 0xAC00..=0xD7FF      // Hangul syllables and Jamo extended B
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFE30..=0xFE4F      // CJK compatibility forms
        | 0xFF00..=0xFFEF      // half-width and full-width forms: ，！？（）
        | 0x20000..=0x3FFFF    // CJK extensions B and later
    )
}

/// Where the first character of `text` that [`is_cjk`] accepts starts.
/// Bytes below 0xE1 are passed over without decoding: they begin only
/// characters below U+1000, and `is_cjk`'s ranges start at U+1100. Most of
/// the text of a page in a Latin script is such bytes.
pub fn find_cjk(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        let at = from + bytes[from..].iter().position(|&b| b >= 0xE1)?;
        // `at` is a lead byte (continuation bytes are below 0xC0).
        let c = text[at..].chars().next()?;
        if is_cjk(c) {
            return Some(at);
        }
        from = at + c.len_utf8();
    }
}

/// Whether a soft line break between `before` and `after` disappears.
pub fn joins(before: Option<char>, after: Option<char>) -> bool {
    matches!((before, after), (Some(b), Some(a)) if is_cjk(b) && is_cjk(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_breaks_join() {
        let cases = [
            ('建', '联', true),
            ('。', '党', true),
            ('议', '，', true),
            ('ア', 'イ', true),
            ('한', '국', true),
            ('Ａ', '字', true), // a full-width Latin letter
            ('建', 'a', false),
            ('a', '建', false),
            ('a', 'b', false),
            ('.', '党', false),
            ('1', '月', false),
        ];
        for (b, a, want) in cases {
            assert_eq!(joins(Some(b), Some(a)), want, "{b}{a}");
        }
        assert!(!joins(None, Some('建')));
        assert!(!joins(Some('建'), None));
    }

    proptest::proptest! {
        /// The byte scan finds what a scan of every character finds.
        #[test]
        fn find_cjk_finds_the_first_cjk_character(
            text in "[a-z ·—é\u{1000}-\u{1200}\u{3000}-\u{3010}合肥，\u{20000}\u{FFFF}]{0,40}"
        ) {
            proptest::prop_assert_eq!(find_cjk(&text), text.find(is_cjk));
        }
    }
}

/// About how many minutes `text` takes to read: Chinese characters at 400 a
/// minute, words of other scripts at 200 (the usual figures for reading on a
/// screen), rounded up, at least one. Markdown syntax counts as little.
pub fn reading_minutes(text: &str) -> usize {
    let (chinese, words) = chinese_and_words(text);
    (chinese * 60 / 400 + words * 60 / 200).div_ceil(60).max(1)
}

/// How many CJK characters `text` holds, and how many words of other
/// scripts: runs between whitespace and CJK characters that hold a letter or
/// digit. One pass over the text.
fn chinese_and_words(text: &str) -> (usize, usize) {
    let (mut chinese, mut words, mut in_word) = (0, 0, false);
    let (bytes, mut at) = (text.as_bytes(), 0);
    while let Some(&byte) = bytes.get(at) {
        // ASCII (most of Markdown, and of text in a Latin script) is read a
        // byte at a time, with the tests `char` makes of it: no decoding, and
        // no CJK range to rule out.
        if byte.is_ascii() {
            at += 1;
            if byte.is_ascii_alphanumeric() {
                words += usize::from(!in_word);
                in_word = true;
            } else if (byte as char).is_whitespace() {
                in_word = false;
            }
            continue;
        }
        let c = text[at..].chars().next().unwrap_or_default();
        at += c.len_utf8();
        if is_cjk(c) {
            chinese += 1;
            in_word = false;
        } else if c.is_whitespace() {
            in_word = false;
        } else if c.is_alphanumeric() && !in_word {
            in_word = true;
            words += 1;
        }
    }
    (chinese, words)
}

#[cfg(test)]
mod reading_tests {
    #[test]
    fn reading_time_counts_chinese_characters_and_words() {
        assert_eq!(super::reading_minutes(""), 1);
        assert_eq!(super::reading_minutes(&"联合体".repeat(400)), 3);
        assert_eq!(super::reading_minutes(&"word ".repeat(500)), 3);
        assert_eq!(
            super::reading_minutes(&format!("{}{}", "党建".repeat(200), " word".repeat(200))),
            2
        );
    }

    proptest::proptest! {
        /// The one-pass count against the two passes it replaced.
        #[test]
        fn reading_time_is_the_two_pass_count(text in "[a-z9 \t\n\x0b\u{a0}\u{3000}党建。(),-]{0,40}") {
            let chinese = text.chars().filter(|&c| super::is_cjk(c)).count();
            let words = text
                .split(|c: char| c.is_whitespace() || super::is_cjk(c))
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            proptest::prop_assert_eq!(super::chinese_and_words(&text), (chinese, words));
        }
    }
}
