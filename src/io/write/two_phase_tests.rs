use super::*;
use std::collections::BTreeMap;
use std::sync::Arc;

fn files(list: &[(&str, &str)]) -> Files {
    list.iter()
        .map(|(p, b)| (Arc::from(*p), Arc::from(b.as_bytes())))
        .collect()
}

/// Every file and folder under `root`, with the bytes of files.
fn tree(root: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    walkdir::WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect()
}

/// One file that cannot be staged (a full disk, say) undoes the others: the
/// output keeps only what it had.
#[test]
fn a_failed_stage_removes_every_staged_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    std::fs::write(out.join("kept.html"), b"old").unwrap();
    let a = stage(&out.join("a.html"), b"new a").unwrap();
    let kept = stage(&out.join("kept.html"), b"new").unwrap();
    let failed = Err(Error::Refused("disk full".into()));
    let mut log = Log::default();
    let result = all_or_nothing(
        vec![Ok(Some(a)), failed, Ok(Some(kept)), Ok(None)],
        &mut log,
    );
    assert!(matches!(result, Err(Error::Refused(m)) if m == "disk full"));
    log.roll_back();
    assert_eq!(
        tree(out),
        BTreeMap::from([("kept.html".to_string(), Some(b"old".to_vec()))])
    );
}

/// A rename that fails midway (an immutable file) puts every renamed file
/// back and removes the folders the write created: the previous site,
/// byte for byte, and no stray.
#[test]
fn a_failed_commit_leaves_the_previous_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let first = files(&[
        ("index.html", "one"),
        ("a/index.html", "a1"),
        ("b/index.html", "b1"),
    ]);
    write_site(&out, &first).unwrap();
    let before = tree(&out);
    let second = files(&[
        ("index.html", "two"),
        ("a/index.html", "a2"),
        ("b/index.html", "b2"),
        ("c/d/index.html", "new"),
    ]);
    for n in 0..6 {
        FAIL_RENAME.set(Some(n));
        let result = write_site(&out, &second);
        FAIL_RENAME.set(None);
        assert!(result.is_err(), "rename {n} failed, so the write fails");
        assert_eq!(tree(&out), before, "after a failure at rename {n}");
    }
    write_site(&out, &second).unwrap();
    let after = tree(&out);
    assert_eq!(after.get("c/d/index.html"), Some(&Some(b"new".to_vec())));
    assert!(
        !after
            .keys()
            .any(|k| k.contains("gazette-tmp") || k.contains("gazette-old")),
        "{after:?}"
    );
}

/// A clean build into an empty folder writes in place; a failure there
/// leaves the folder as empty as it was.
#[test]
fn a_failed_fresh_write_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // A folder where a file must go makes the write fail after others were written.
    let site = files(&[("a.html", "a"), ("b/index.html", "b"), ("z.html", "z")]);
    std::fs::create_dir_all(out.join("z.html/x")).unwrap();
    assert!(write_site(&out, &site).is_err());
    assert_eq!(
        tree(&out),
        BTreeMap::from([("z.html".into(), None), ("z.html/x".into(), None)])
    );
}

/// A symbolic link planted where gazette stages a file, or as a folder of
/// the output, is refused by name, and nothing outside the output changes.
#[cfg(unix)]
#[test]
fn planted_symlinks_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("target.html"), b"theirs").unwrap();
    write_site(
        &out,
        &files(&[("index.html", "one"), ("news/index.html", "n")]),
    )
    .unwrap();
    let before = tree(&out);

    std::os::unix::fs::symlink(
        outside.join("target.html"),
        out.join(".index.html.gazette-tmp"),
    )
    .unwrap();
    let err = write_site(
        &out,
        &files(&[("index.html", "two"), ("news/index.html", "n")]),
    )
    .unwrap_err();
    assert!(err.to_string().contains(".index.html.gazette-tmp"), "{err}");
    assert_eq!(
        std::fs::read(outside.join("target.html")).unwrap(),
        b"theirs"
    );
    assert!(std::fs::symlink_metadata(out.join("index.html"))
        .unwrap()
        .is_file());
    std::fs::remove_file(out.join(".index.html.gazette-tmp")).unwrap();
    assert_eq!(tree(&out), before);

    std::fs::remove_dir_all(out.join("news")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("news")).unwrap();
    let err = write_site(
        &out,
        &files(&[("index.html", "one"), ("news/index.html", "n2")]),
    )
    .unwrap_err();
    assert!(err.to_string().contains("news"), "{err}");
    assert_eq!(
        tree(&outside),
        BTreeMap::from([("target.html".into(), Some(b"theirs".to_vec()))])
    );
}

/// A first write leaves its marker before any page: killed at any point
/// after the folder exists, the folder is gazette's and the next write
/// finishes it; a failed first write takes its marker away with the rest.
#[test]
fn the_marker_is_written_before_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    mark(&out, &out.join(MARKER), &mut Log::default()).unwrap();
    assert_eq!(tree(&out).keys().collect::<Vec<_>>(), [MARKER]);
    // A page half written when the process died.
    std::fs::write(out.join("a.html"), b"<!DOCTY").unwrap();
    let site = files(&[("a.html", "<!DOCTYPE html>"), ("b/index.html", "b")]);
    write_site(&out, &site).unwrap();
    assert_eq!(
        std::fs::read(out.join("a.html")).unwrap(),
        b"<!DOCTYPE html>"
    );
    assert!(out.join(MARKER).exists());

    // A failed first write (a folder where a file goes) removes its marker.
    let fresh = dir.path().join("fresh");
    assert!(write_site(&fresh, &files(&[("a", "a"), ("a/b", "b")])).is_err());
    assert!(!fresh.exists());
}

/// Without a marker, a folder holding only a write's staging files (its
/// `.x.gazette-tmp` and `.x.gazette-old`) is still gazette's; one holding
/// anything else, or an empty folder of someone's, is refused.
#[test]
fn a_folder_of_staging_files_is_taken_without_marker() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("news/.old.gazette-old/x")).unwrap();
    std::fs::write(out.join(".index.html.gazette-tmp"), b"half").unwrap();
    std::fs::write(out.join("news/.index.html.gazette-tmp"), b"half").unwrap();
    std::fs::write(out.join("news/.old.gazette-old/x/page.html"), b"old").unwrap();
    assert!(holds_only_staging(&out));
    let site = files(&[("index.html", "home"), ("news/index.html", "news")]);
    write_site(&out, &site).unwrap();
    assert_eq!(
        tree(&out),
        BTreeMap::from([
            (
                MARKER.to_string(),
                Some(std::fs::read(out.join(MARKER)).unwrap())
            ),
            ("index.html".into(), Some(b"home".to_vec())),
            ("news".into(), None),
            ("news/index.html".into(), Some(b"news".to_vec())),
        ])
    );

    let theirs = dir.path().join("theirs");
    std::fs::create_dir_all(theirs.join("empty")).unwrap();
    std::fs::write(theirs.join(".a.gazette-tmp"), b"x").unwrap();
    assert!(!holds_only_staging(&theirs));
    std::fs::remove_dir(theirs.join("empty")).unwrap();
    std::fs::write(theirs.join("notes.txt"), b"mine").unwrap();
    assert!(matches!(write_site(&theirs, &site), Err(Error::Refused(_))));
    assert!(theirs.join("notes.txt").exists());
}

/// A file where another needs a folder (`sitemap.xml` and `sitemap.xml/a`)
/// is refused before anything moves: the previous site stays byte for byte
/// (it once became a folder holding a staging file).
#[test]
fn a_file_where_a_folder_is_needed_is_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let site = files(&[("index.html", "home"), ("sitemap.xml", "<urlset/>")]);
    write_site(&out, &site).unwrap();
    let before = tree(&out);
    let clash = files(&[
        ("index.html", "home 2"),
        ("sitemap.xml", "<urlset/>"),
        ("sitemap.xml/a.txt", "hi"),
    ]);
    match write_site(&out, &clash) {
        Err(Error::Refused(m)) => assert!(m.contains("sitemap.xml/a.txt"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(tree(&out), before);
}

/// A rebuild removes the files the site no longer has and every folder left
/// empty, however deep, and keeps the folders that still hold a file; into
/// an empty folder nothing is reported removed.
#[test]
fn a_rebuild_removes_stale_files_and_the_folders_they_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let first = files(&[
        ("index.html", "home"),
        ("news/a/index.html", "a"),
        ("news/b/index.html", "b"),
        ("tags/x/page/2/index.html", "x2"),
        ("tags/x/index.html", "x"),
    ]);
    assert_eq!(write_site(&out, &first).unwrap().deleted, 0);
    let second = files(&[
        ("index.html", "home"),
        ("news/b/index.html", "b"),
        ("tags/x/index.html", "x"),
    ]);
    assert_eq!(write_site(&out, &second).unwrap().deleted, 2);
    let folders: Vec<String> = tree(&out)
        .into_iter()
        .filter(|(_, bytes)| bytes.is_none())
        .map(|(path, _)| path)
        .collect();
    assert_eq!(folders, ["news", "news/b", "tags", "tags/x"]);
}

/// Writing on one thread (beside the search index) and on every core give
/// the same output, fresh and over an existing site.
#[test]
fn one_thread_and_every_core_write_the_same_files() {
    let dir = tempfile::tempdir().unwrap();
    let site = files(&[
        ("index.html", "home"),
        ("news/a/index.html", "a"),
        ("news/b/index.html", "b"),
    ]);
    let changed = files(&[("index.html", "home 2"), ("news/c/index.html", "c")]);
    let mut trees = Vec::new();
    for threads in [Threads::One, Threads::All] {
        let out = dir.path().join(format!("{threads:?}"));
        begin(&out, &site, threads)
            .unwrap()
            .finish(&Files::new())
            .unwrap();
        let report = begin(&out, &changed, threads)
            .unwrap()
            .finish(&Files::new())
            .unwrap();
        assert_eq!((report.written, report.deleted), (2, 2));
        trees.push(tree(&out));
    }
    assert_eq!(trees[0], trees[1]);
    assert_eq!(trees[0].get("index.html"), Some(&Some(b"home 2".to_vec())));
}
