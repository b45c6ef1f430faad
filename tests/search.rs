//! The search bundle across builds into one folder: taken as it is when no
//! indexed page changed and its files are whole, made again otherwise.

use crate::harness::*;

#[test]
fn an_unchanged_site_keeps_its_bundle_and_a_damaged_bundle_is_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(&demo_root(), &root);
    let out = dir.path().join("out");
    assert_eq!(build(&root, &out).code, 0);
    let first = snapshot(&out);
    assert!(first.contains_key("pagefind/gazette-index.txt"));

    // Nothing changed: every file, the bundle's among them, stays as it was.
    let again = build(&root, &out);
    assert!(again.stdout.contains(" 0 written"), "{}", again.stdout);
    assert_eq!(snapshot(&out), first);

    // A damaged bundle is not trusted: it is made again, byte for byte.
    let fragment = first
        .keys()
        .find(|k| k.starts_with("pagefind/fragment/"))
        .unwrap()
        .clone();
    std::fs::write(out.join(&fragment), b"damaged").unwrap();
    assert_eq!(build(&root, &out).code, 0);
    assert_eq!(snapshot(&out), first);

    // A changed page changes the index.
    let news = root.join("content/news/2025-03-21-rules-adopted.md");
    let text = std::fs::read_to_string(&news).unwrap();
    std::fs::write(
        &news,
        text.replace(
            "Joint meetings are now held",
            "Joint meetings, says the zebra, are now held",
        ),
    )
    .unwrap();
    assert_eq!(build(&root, &out).code, 0);
    let after = snapshot(&out);
    assert_ne!(
        after["pagefind/gazette-index.txt"],
        first["pagefind/gazette-index.txt"]
    );
    assert!(after
        .keys()
        .filter(|k| k.starts_with("pagefind/"))
        .any(|k| after.get(k) != first.get(k) && k.contains("index/")));
}
