use super::*;

trait Mock {
    fn word(&mut self, word: &str, page_number: usize, locs: Vec<i32>);
}
impl Mock for HashMap<String, PackedWord> {
    fn word(&mut self, word: &str, page_number: usize, locs: Vec<i32>) {
        let page = PackedPage {
            page_number,
            locs,
            meta_locs: vec![],
        };
        match self.get_mut(word) {
            Some(w) => w.pages.push(page),
            None => {
                let _ = self.insert(
                    word.into(),
                    PackedWord {
                        word: word.into(),
                        pages: vec![page],
                        additional_variants: vec![],
                    },
                );
            }
        }
    }
}

fn test_words() -> HashMap<String, PackedWord> {
    let mut words = HashMap::new();
    words.word("apple", 1, vec![20, 40, 60]);
    words.word("apple", 5, vec![3, 6, 9]);
    words.word("apricot", 5, vec![45, 3432, 6003]);
    words.word("banana", 5, vec![100, 500, 900, 566]);
    words.word("peach", 5, vec![383, 2, 678]);

    words
}

/// The same postings, but held as diacritic variants rather than on the word itself
fn test_variant_words() -> HashMap<String, PackedWord> {
    let mut words = test_words();
    for word in words.values_mut() {
        word.additional_variants.push(PackedVariant {
            form: format!("{}\u{0301}", word.word),
            pages: std::mem::take(&mut word.pages),
        });
    }
    words
}

#[test]
fn build_index_chunks() {
    let chunks = chunk_index(test_words(), 8);

    assert_eq!(chunks.len(), 3);
    assert_eq!(chunks[0][0].word, "apple");
    assert_eq!(chunks[1][0].word, "apricot");
    assert_eq!(chunks[1][1].word, "banana");
    assert_eq!(chunks[2][0].word, "peach");
}

#[test]
fn build_index_chunks_from_variant_words() {
    let chunks = chunk_index(test_variant_words(), 8);

    assert_eq!(chunks.len(), 3);
    assert_eq!(chunks[0][0].word, "apple");
    assert_eq!(chunks[1][0].word, "apricot");
    assert_eq!(chunks[1][1].word, "banana");
    assert_eq!(chunks[2][0].word, "peach");
}

#[test]
fn build_chunk_meta() {
    let chunks = chunk_index(test_words(), 8);
    let meta = chunk_meta(&chunks);
    assert_eq!(meta.len(), 3);
    assert_eq!(
        meta[0],
        MetaChunk {
            from: "apple".into(),
            to: "apple".into(), // Not trimmed to "app" since that would make to < from
            hash: "".into(),
        }
    );
    assert_eq!(
        meta[1],
        MetaChunk {
            from: "apr".into(),
            to: "b".into(),
            hash: "".into(),
        }
    );
    assert_eq!(
        meta[2],
        MetaChunk {
            from: "p".into(),
            to: "peach".into(),
            hash: "".into(),
        }
    );
}

#[test]
fn common_prefix() {
    assert_eq!(
        get_prefixes(("apple", "apricot")),
        ("app".into(), "apr".into())
    );
    assert_eq!(
        get_prefixes(("cataraman", "yacht")),
        ("c".into(), "y".into())
    );
    assert_eq!(
        get_prefixes(("cath", "cathartic")),
        ("cath".into(), "catha".into())
    );
    // This should be an invalid state, but just in case:
    assert_eq!(
        get_prefixes(("catha", "cath")),
        ("catha".into(), "cath".into())
    );
}
