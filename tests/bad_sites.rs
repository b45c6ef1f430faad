//! The corpus of bad sites in `tests/fixtures/bad/`: each is the base site in
//! `tests/fixtures/base/` with one mistake an editor makes. Every one must fail
//! with a diagnostic that names the file the mistake is in; the whole report is
//! snapshotted (reviewed by hand when accepted).

use crate::harness::{copy_tree, on_site};
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn every_bad_site_fails_with_a_diagnostic_naming_the_mistake() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures().join("bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 25, "the corpus has {} sites", cases.len());
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixtures().join("base"), dir.path());
        let changed = copy_tree(&case, dir.path());
        let run = on_site("check", dir.path(), &[]);
        assert_eq!(run.code, 1, "{name}: {}{}", run.stdout, run.stderr);
        let first = run.stderr.lines().next().unwrap_or_default();
        assert!(
            changed.iter().any(|f| first.starts_with(f.as_str())),
            "{name}: the first diagnostic should name one of {changed:?}:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("= help:"),
            "{name}: no hint:\n{}",
            run.stderr
        );
        insta::assert_snapshot!(format!("bad__{name}"), run.stderr);
    }
}

#[test]
fn the_base_site_is_good() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("base"), dir.path());
    let run = on_site("check", dir.path(), &["--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
