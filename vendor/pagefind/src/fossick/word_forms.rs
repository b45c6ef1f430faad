//! What each word indexes as (normalized, stemmed, its dotted tails), kept per
//! thread from one page to the next. A site repeats its vocabulary on every
//! page, and the forms depend on the word, the page's language (its stemmer)
//! and the `include_characters` option alone, so each word is worked out once
//! per thread instead of once per page.

use hashbrown::HashMap;
use pagefind_stem::Stemmer;
use std::cell::RefCell;

use super::splitting::{get_dotted_tails, get_indexable_words, IndexableWord};

/// Words kept per language and thread at most: past this the thread's words
/// for that language are forgotten after the page, so that a site of endless
/// distinct tokens (numbers, codes) keeps its memory bounded.
const MAX_WORDS: usize = 100_000;

type Key = (String, Vec<char>);

thread_local! {
    static KEPT: RefCell<HashMap<Key, HashMap<String, Vec<IndexableWord>>>> =
        RefCell::new(HashMap::new());
}

/// The words of one language taken from this thread's store for the length
/// of a page, and given back when dropped.
pub(super) struct WordForms<'a> {
    key: Key,
    words: HashMap<String, Vec<IndexableWord>>,
    stemmer: Option<&'a Stemmer>,
}

impl<'a> WordForms<'a> {
    pub(super) fn take(
        language: &str,
        include_characters: &[char],
        stemmer: Option<&'a Stemmer>,
    ) -> Self {
        let key = (language.to_string(), include_characters.to_vec());
        let words = KEPT
            .try_with(|kept| kept.borrow_mut().remove(&key))
            .ok()
            .flatten()
            .unwrap_or_default();
        WordForms {
            key,
            words,
            stemmer,
        }
    }

    /// The forms `word` indexes as.
    pub(super) fn of(&mut self, word: &str) -> &[IndexableWord] {
        let (stemmer, include_characters) = (self.stemmer, &self.key.1);
        self.words.entry_ref(word).or_insert_with(|| {
            let mut forms = get_indexable_words(word, stemmer, include_characters);
            let tails = get_dotted_tails(word, stemmer, include_characters, &forms);
            forms.extend(tails);
            forms
        })
    }
}

impl Drop for WordForms<'_> {
    fn drop(&mut self) {
        if self.words.len() > MAX_WORDS {
            return;
        }
        let key = std::mem::take(&mut self.key);
        let words = std::mem::take(&mut self.words);
        let _ = KEPT.try_with(|kept| kept.borrow_mut().insert(key, words));
    }
}

#[cfg(test)]
mod tests {
    use super::super::stemming::get_stemmer;
    use super::*;

    fn fresh(word: &str, language: &str, include: &[char]) -> Vec<IndexableWord> {
        let stemmer = get_stemmer(language);
        let mut forms = get_indexable_words(word, stemmer.as_ref(), include);
        let tails = get_dotted_tails(word, stemmer.as_ref(), include, &forms);
        forms.extend(tails);
        forms
    }

    #[test]
    fn kept_forms_are_those_of_the_word_in_its_own_language() {
        let words = ["Running", "nationales", "v1.2.3", "camelCase", "running"];
        // Each round takes the thread's kept words again: the second and third
        // rounds answer from the store, and must not mix the languages'
        // stemmers or `include_characters`.
        for _ in 0..3 {
            for (language, include) in [("en", &[][..]), ("fr", &[][..]), ("en", &['.'][..])] {
                let stemmer = get_stemmer(language);
                let mut forms = WordForms::take(language, include, stemmer.as_ref());
                for word in words {
                    assert_eq!(forms.of(word), fresh(word, language, include), "{word} in {language}");
                }
            }
        }
        assert_ne!(fresh("running", "en", &[]), fresh("running", "fr", &[]));
    }
}
