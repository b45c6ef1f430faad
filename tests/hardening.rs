//! Inputs meant to break gazette: generated sites, huge and deeply nested files,
//! symbolic links, awkward file names, unsafe Markdown, interrupted builds.

use crate::harness::{build, on_site, site, snapshot, write};
use gazette::BuildOptions;
use gazette_core::source::Sources;
use proptest::prelude::*;

fn options() -> BuildOptions {
    BuildOptions {
        drafts: false,
        future: false,
        base_url: None,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    }
}

/// Front matter lines, right and wrong, the way editors write them.
fn front_matter_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z会议 ]{0,12}".prop_map(|t| format!("title: {t}")),
        Just("title: \"Quoted: title\"".to_string()),
        Just("date: 2025-03-01".to_string()),
        "[0-9/:T-]{0,20}".prop_map(|d| format!("date: {d}")),
        Just("start: 2025-03-01T09:00".to_string()),
        "[a-z]{0,8}".prop_map(|s| format!("status: {s}")),
        Just("status: held".to_string()),
        Just("version: \"1.0\"".to_string()),
        Just("status: adopted".to_string()),
        prop::sample::select(vec!["alpha", "beta", "nobody", ""])
            .prop_map(|m| format!("organizations: [{m}]")),
        prop::sample::select(vec!["alpha", "ghost"]).prop_map(|m| format!("host: {m}")),
        prop::sample::select(vec!["v1", "v2", "x"]).prop_map(|m| format!("supersedes: {m}")),
        "[a-z./ ]{0,10}".prop_map(|s| format!("slug: {s}")),
        Just("tags: [a, b, 党建]".to_string()),
        Just("draft: true".to_string()),
        Just("image: { src: x.png }".to_string()),
        Just("extra: { anything: [1, 2] }".to_string()),
        "\\PC{0,20}",
    ]
}

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-z 党建]{0,30}",
            Just("## Article".to_string()),
            Just("#### Deep".to_string()),
            Just("[x](@/news/n0.md)".to_string()),
            Just("[x](@/news/n1.md#missing)".to_string()),
            Just("<script>alert(1)</script>".to_string()),
            Just("![](/nowhere.png)".to_string()),
            Just("> > > quoted".to_string()),
            Just("- [ ] task\n  - nested".to_string()),
            Just("| a | b |\n|---|---|\n| 1 | 2 |".to_string()),
            Just("[^1]\n\n[^1]: note".to_string()),
            "\\PC{0,40}",
        ],
        0..6,
    )
    .prop_map(|parts| parts.join("\n\n"))
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(front_matter_line(), 0..6),
        markdown(),
        any::<bool>(),
    )
        .prop_map(|(lines, body, fenced)| {
            if fenced {
                format!("---\n{}\n---\n{body}\n", lines.join("\n"))
            } else {
                format!("{}\n{body}", lines.join("\n"))
            }
        })
}

fn generated_site() -> impl Strategy<Value = Sources> {
    let folders = prop::sample::select(vec![
        "news/n0.md",
        "news/n1.md",
        "news/2025-01-01-n2.md",
        "meetings/m0.md",
        "rules/v1.md",
        "rules/v2.md",
        "members/alpha.md",
        "members/beta.md",
        "about.md",
        "_index.md",
        "news/n0.zh.md",
    ]);
    (
        prop::collection::btree_map(folders, document(), 1..8),
        any::<bool>(),
    )
        .prop_map(|(docs, zh)| {
            let mut sources = Sources {
                config: Some(
                    format!(
                        "title: T\nbase_url: https://example.org/a/\n{}",
                        if zh { "languages: [zh]\n" } else { "" }
                    )
                    .into_bytes(),
                ),
                ..Sources::default()
            };
            for (path, text) in docs {
                sources
                    .content
                    .insert(format!("content/{path}"), text.into_bytes());
            }
            sources
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The whole pipeline on generated sites: never a panic; either files or
    /// diagnostics that each name a file (and a line when it is a source).
    #[test]
    fn any_site_builds_or_explains_why(sources in generated_site()) {
        match gazette::build(&sources, &options()) {
            Ok(built) => prop_assert!(built.files.contains_key("index.html")),
            Err(diagnostics) => {
                prop_assert!(!diagnostics.is_empty());
                for d in &diagnostics {
                    prop_assert!(!d.path.is_empty());
                    prop_assert!(!d.message.is_empty());
                }
            }
        }
    }
}

#[test]
fn oversized_sources_are_refused_with_their_size() {
    let big = vec![b'a'; (gazette::io::read::MAX_SOURCE_BYTES + 1) as usize];
    let dir = site(&[("content/news/2025-01-01-huge.md", &big)]);
    let run = on_site("check", dir.path(), &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/news/2025-01-01-huge.md: error: the file is 16 MB"),
        "{}",
        run.stderr
    );
}

#[test]
fn long_lists_and_deep_nesting_build() {
    let mut body = String::from("---\ntitle: Stress\ndate: 2025-01-01\n---\n");
    for i in 0..10_000 {
        body.push_str(&format!("- item {i}\n"));
    }
    body.push('\n');
    // As deep as gazette reads (deeper is a located error: tests/hostile.rs).
    body.push_str(&"> ".repeat(100));
    body.push_str("deep quote\n\n");
    for depth in 0..90 {
        body.push_str(&"  ".repeat(depth));
        body.push_str("- nested\n");
    }
    body.push_str(&format!("\n{}x{}\n", "*".repeat(5_000), "*".repeat(5_000)));
    let dir = site(&[("content/news/2025-01-01-stress.md", body.as_bytes())]);
    let out = tempfile::tempdir().unwrap();
    let run = build(dir.path(), &out.path().join("site"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(out.path().join("site/news/stress/index.html")).unwrap();
    assert!(page.contains("item 9999"));
    assert!(page.contains("deep quote"));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_and_loops_are_refused() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.md", b"---\ntitle: Secret\n---\nx\n");
    let dir = site(&[]);
    let news = dir.path().join("content/news");
    std::fs::create_dir_all(&news).unwrap();
    symlink(
        outside.path().join("secret.md"),
        news.join("2025-01-01-secret.md"),
    )
    .unwrap();
    symlink(news.join("loop-b.md"), news.join("loop-a.md")).unwrap();
    symlink(news.join("loop-a.md"), news.join("loop-b.md")).unwrap();
    let run = on_site("check", dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/news/2025-01-01-secret.md: error: a symbolic link to")
            && run.stderr.contains("outside the site"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/news/loop-a.md: error: a symbolic link that leads nowhere (or loops)"
        ),
        "{}",
        run.stderr
    );
    // A link inside the site is fine.
    let dir = site(&[(
        "content/news/2025-01-01-real.md",
        b"---\ntitle: Real\n---\nx\n",
    )]);
    symlink(
        dir.path().join("content/news/2025-01-01-real.md"),
        dir.path().join("content/news/2025-01-02-alias.md"),
    )
    .unwrap();
    assert_eq!(on_site("check", dir.path(), &[]).code, 0);
}

#[test]
fn file_names_with_spaces_cjk_and_capitals_build() {
    let dir = site(&[
        (
            "content/news/2025-01-01-Spring Forum 党建.md",
            b"---\ntitle: Spring\n---\nx\n",
        ),
        (
            "content/About Us.md",
            "---\ntitle: About\n---\nSee [news](<@/news/2025-01-01-Spring Forum 党建.md>).\n"
                .as_bytes(),
        ),
        (
            "static/images/Logo Final.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
    ]);
    let out = tempfile::tempdir().unwrap();
    let site_out = out.path().join("site");
    let run = build(dir.path(), &site_out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site_out.join("news/spring-forum-党建/index.html").is_file());
    assert!(site_out.join("about-us/index.html").is_file());
    assert!(site_out.join("images/Logo Final.svg").is_file());
    let about = std::fs::read_to_string(site_out.join("about-us/index.html")).unwrap();
    assert!(
        about.contains("href=\"/alliance/news/spring-forum-%E5%85%9A%E5%BB%BA/\""),
        "links are percent-encoded"
    );
}

#[test]
fn sources_differing_only_by_case_are_warned_about() {
    let dir = site(&[
        ("static/files/notes.txt", b"a"),
        ("static/files/Notes.txt", b"b"),
    ]);
    let run = on_site("check", dir.path(), &[]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains(
            "warning: `static/files/notes.txt` and `static/files/Notes.txt` differ only by case"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(on_site("check", dir.path(), &["--deny-warnings"]).code, 1);
}

#[test]
fn safe_mode_escapes_html_and_drops_script_links() {
    let config = format!(
        "{}markdown: {{ safe: true }}\n",
        crate::harness::BASE_CONFIG
    );
    let dir = site(&[
        ("site.yaml", config.as_bytes()),
        (
            "content/news/2025-01-01-x.md",
            b"---\ntitle: X\n---\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) [ok](https://example.org/) [data](data:text/html;base64,PHNjcmlwdD4=) [Mixed](JaVaScRiPt:alert(2))\n\n<img src=x onerror=alert(1)>\n",
        ),
    ]);
    let out = tempfile::tempdir().unwrap();
    let run = build(dir.path(), &out.path().join("site"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(out.path().join("site/news/x/index.html")).unwrap();
    let main = &page[page.find("<main").unwrap()..];
    assert!(!main.contains("<script>alert"), "raw script passed through");
    assert!(main.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !main.to_lowercase().contains("javascript:"),
        "a javascript: link survived"
    );
    assert!(!main.contains("data:text/html"), "a data: link survived");
    assert!(!main.contains("<img src=x"), "raw img passed through");
    assert!(main.contains("href=\"https://example.org/\""));
}

#[test]
fn an_unwritable_output_is_reported_with_its_path() {
    let dir = site(&[]);
    let run = on_site("build", dir.path(), &["--output", "/proc/gazette-output"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("/proc/gazette-output"),
        "{}",
        run.stderr
    );
}

/// A site of `count` news items `n0`…, each with `body`; and their paths.
#[cfg(unix)]
fn news_site(count: usize, body: &str) -> (tempfile::TempDir, Vec<String>) {
    let files: Vec<(String, Vec<u8>)> = (0..count)
        .map(|i| {
            let text = format!("---\ntitle: News {i}\n---\n{body}\n");
            (
                format!("content/news/2025-01-01-n{i}.md"),
                text.into_bytes(),
            )
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    (site(&refs), files.into_iter().map(|(p, _)| p).collect())
}

/// Starts `gazette build` of `root` into `output` and kills it (SIGKILL)
/// after `delay_ms`, finished or not.
#[cfg(unix)]
fn kill_build_after(root: &std::path::Path, output: &std::path::Path, delay_ms: u64) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--quiet", "--today", "2026-11-24", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(delay_ms));
    let _ = child.kill();
    let _ = child.wait();
}

/// Killing a build while it writes leaves every file whole: old or new bytes,
/// never half a file, and the next build completes the site.
#[cfg(unix)]
#[test]
fn a_killed_build_leaves_whole_files_and_the_next_build_finishes() {
    let (dir, files) = news_site(400, &"Old text. ".repeat(200));
    let out = tempfile::tempdir().unwrap();
    let site_out = out.path().join("site");
    assert_eq!(build(dir.path(), &site_out).code, 0);
    for p in &files {
        let text = std::fs::read_to_string(dir.path().join(p)).unwrap();
        std::fs::write(dir.path().join(p), text.replace("Old text.", "New text!")).unwrap();
    }
    for delay_ms in [5u64, 20, 60] {
        kill_build_after(dir.path(), &site_out, delay_ms);
        for i in 0..400 {
            let page = site_out.join(format!("news/n{i}/index.html"));
            let html = std::fs::read_to_string(&page).unwrap();
            assert!(
                html.trim_end().ends_with("</html>"),
                "{} is cut short",
                page.display()
            );
            assert!(html.contains("Old text.") != html.contains("New text!"));
        }
    }
    assert_eq!(build(dir.path(), &site_out).code, 0);
    let leftovers: Vec<_> = walkdir::WalkDir::new(&site_out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".gazette-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    let html = std::fs::read_to_string(site_out.join("news/n399/index.html")).unwrap();
    assert!(html.contains("New text!"));
}

/// A first build killed at any moment (into a folder that did not exist)
/// leaves a folder the next build takes as its own and finishes.
#[cfg(unix)]
#[test]
fn a_killed_first_build_never_bricks_its_output() {
    let (dir, _) = news_site(300, &"Text. ".repeat(300));
    let out = tempfile::tempdir().unwrap();
    for (trial, delay_ms) in [0u64, 3, 10, 25, 50, 100, 200, 400].into_iter().enumerate() {
        let site_out = out.path().join(format!("site{trial}"));
        kill_build_after(dir.path(), &site_out, delay_ms);
        let next = build(dir.path(), &site_out);
        assert_eq!(next.code, 0, "killed after {delay_ms} ms: {}", next.stderr);
        assert!(site_out.join("news/n299/index.html").is_file());
    }
}

/// Sources whose outputs cannot all be written (a file where other files
/// need a folder, a file in the search bundle's folder) fail `check` at the
/// source, as `build` fails, and the failed build leaves the previous site
/// byte for byte (one such build once turned `sitemap.xml` into a folder).
#[test]
fn outputs_that_clash_fail_check_and_leave_the_site_as_it_was() {
    let dir = site(&[
        (
            "content/news/2025-01-01-a.md",
            b"---\ntitle: A\n---\nText.\n",
        ),
        ("content/about.md", b"---\ntitle: About\n---\nAbout us.\n"),
    ]);
    let out = tempfile::tempdir().unwrap();
    let site_out = out.path().join("site");
    assert_eq!(build(dir.path(), &site_out).code, 0);
    let before = snapshot(&site_out);
    let cases: [(&str, &str); 5] = [
        (
            "static/sitemap.xml/a.txt",
            "`/sitemap.xml` is a file where `/sitemap.xml/a.txt` needs a folder",
        ),
        ("static/news", "`/news` is a file where `/news/"),
        (
            "static/about",
            "`/about` is a file where `/about/index.html` needs a folder",
        ),
        (
            "static/pagefind/x.js",
            "where gazette writes the search index",
        ),
        ("static/pagefind", "`/pagefind` takes `/pagefind/`"),
    ];
    for (file, message) in cases {
        write(dir.path(), file, b"x");
        let check = on_site("check", dir.path(), &[]);
        assert_eq!(check.code, 1, "{file}: {}", check.stderr);
        assert!(
            check.stderr.contains(&format!("{file}: error: ")) && check.stderr.contains(message),
            "{file}: {}",
            check.stderr
        );
        assert!(check.stderr.contains("output-clash") || check.stderr.contains("error"));
        assert_eq!(build(dir.path(), &site_out).code, 1, "{file}");
        assert!(snapshot(&site_out) == before, "{file} changed the site");
        std::fs::remove_file(dir.path().join(file)).unwrap();
        let _ = std::fs::remove_dir(dir.path().join(file).parent().unwrap());
    }
    assert_eq!(build(dir.path(), &site_out).code, 0);
}

/// An SVG claiming an absurd size (`width="1e308"`) is an error at its
/// attribute, not an `<img width="4294967295">`.
#[test]
fn an_absurd_svg_size_is_a_located_error() {
    let svg =
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"\n     width=\"1e308\" height=\"40\"></svg>\n";
    let dir = site(&[
        ("static/images/huge.svg", svg.as_slice()),
        (
            "content/news/2025-01-01-a.md",
            b"---\ntitle: A\n---\n![Logo](/images/huge.svg)\n",
        ),
    ]);
    let check = on_site("check", dir.path(), &[]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("static/images/huge.svg:2:13: error: this SVG says it is `1e308` pixels"),
        "{}",
        check.stderr
    );
}
