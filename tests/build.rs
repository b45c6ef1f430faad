//! Building: output folder safety, determinism, drafts, stale files.

use crate::harness::*;

#[test]
fn two_builds_give_identical_bytes() {
    let out1 = tempfile::tempdir().unwrap();
    let out2 = tempfile::tempdir().unwrap();
    let (o1, o2) = (out1.path().join("site"), out2.path().join("site"));
    assert_eq!(build(&demo_root(), &o1).code, 0);
    assert_eq!(build(&demo_root(), &o2).code, 0);
    let (a, b) = (snapshot(&o1), snapshot(&o2));
    assert!(a.len() > 40, "the demo site has many files: {}", a.len());
    assert_eq!(a, b);
}

#[test]
fn a_failed_build_changes_nothing_and_a_good_one_removes_stale_files() {
    let site = site(&[
        (
            "content/news/2025-01-01-a.md",
            b"---\ntitle: A\n---\nText.\n",
        ),
        (
            "content/news/2025-01-02-b.md",
            b"---\ntitle: B\n---\nText.\n",
        ),
    ]);
    let out = site.path().join("output");
    assert_eq!(build(site.path(), &out).code, 0);
    let before = snapshot(&out);
    assert!(before.contains_key("news/b/index.html"));

    write(
        site.path(),
        "content/news/2025-01-02-b.md",
        b"---\ntitle: B\norganizations: [nobody]\n---\n",
    );
    std::fs::remove_file(site.path().join("content/news/2025-01-01-a.md")).unwrap();
    let failed = build(site.path(), &out);
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert!(failed.stderr.contains("nothing was written"));
    assert_eq!(
        snapshot(&out),
        before,
        "a failed build must leave the output byte-identical"
    );

    write(
        site.path(),
        "content/news/2025-01-02-b.md",
        b"---\ntitle: B\n---\nText.\n",
    );
    let good = build(site.path(), &out);
    assert_eq!(good.code, 0, "{}", good.stderr);
    let after = snapshot(&out);
    assert!(
        !after.contains_key("news/a/index.html"),
        "stale page removed"
    );
    assert!(
        !std::path::Path::new(&out.join("news/a")).exists(),
        "emptied folder removed"
    );
    assert!(good.stdout.contains("removed"), "{}", good.stdout);
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let site = site(&[]);
    let out = site.path().join("output");
    assert_eq!(build(site.path(), &out).code, 0);
    let page = out.join("members/alpha/index.html");
    let before = std::fs::metadata(&page).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = build(site.path(), &out);
    assert!(again.stdout.contains(" 0 written"), "{}", again.stdout);
    assert_eq!(
        std::fs::metadata(&page).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn refuses_folders_it_did_not_create_or_that_hold_the_site() {
    let site = site(&[]);
    let foreign = site.path().join("mine");
    write(&foreign, "precious.txt", b"keep me");
    let r = build(site.path(), &foreign);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("did not create it"), "{}", r.stderr);
    assert_eq!(
        std::fs::read(foreign.join("precious.txt")).unwrap(),
        b"keep me"
    );

    for bad in [
        site.path().to_path_buf(),
        site.path().parent().unwrap().to_path_buf(),
        site.path().join("content/out"),
    ] {
        let r = build(site.path(), &bad);
        assert_eq!(r.code, 1, "{}", bad.display());
        assert!(r.stderr.contains("refusing"), "{}", r.stderr);
    }
    assert!(site.path().join("content/members/alpha.md").exists());
}

#[test]
fn drafts_only_with_the_flag() {
    let site = site(&[(
        "content/news/2025-01-01-d.md",
        b"---\ntitle: D\ndraft: true\n---\n",
    )]);
    let out = site.path().join("output");
    assert_eq!(build(site.path(), &out).code, 0);
    assert!(!out.join("news/d/index.html").exists());
    let r = on_site("build", site.path(), &["--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(out.join("news/d/index.html").exists());
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(run(&["build", "--today", "yesterday"]).code, 2);
    assert_eq!(run(&["frobnicate"]).code, 2);
}

#[test]
fn bom_and_crlf_sources_build() {
    let site = site(&[(
        "content/about.md",
        b"\xEF\xBB\xBF---\r\ntitle: About\r\n---\r\nHello\r\n",
    )]);
    let out = site.path().join("output");
    let r = build(site.path(), &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = std::fs::read_to_string(out.join("about/index.html")).unwrap();
    assert!(html.contains("<h1>About</h1>"));
}
