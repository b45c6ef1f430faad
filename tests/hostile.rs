//! Inputs an attacker (or an unlucky editor) writes: aliases over gazette's
//! own files, path segments no file system takes, nesting past the limits,
//! a page that repeats one pair of Han characters, an interrupted build with
//! its search staging in memory, and a link planted in the output under
//! `watch`. Each ends in a located error or a correct build; none changes
//! anything outside the output.

use crate::harness::{build, on_site, site, write, TODAY};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn news(front: &str, body: &str) -> String {
    format!("---\ntitle: Item\ndate: 2025-01-01\n{front}---\n{body}\n")
}

#[test]
fn aliases_over_pages_and_gazettes_own_files_are_located_errors() {
    for (alias, replaced) in [
        ("/index.html", "/index.html"),
        ("/atom.xml", "/atom.xml"),
        ("/_redirects", "/_redirects"),
        ("/.gazette-output", "/.gazette-output"),
        ("/news/", "/news/index.html"),
        ("/404.html", "/404.html"),
    ] {
        let dir = site(&[(
            "content/news/2025-01-01-item.md",
            news(&format!("aliases: [\"{alias}\"]\n"), "Text.").as_bytes(),
        )]);
        let check = on_site("check", dir.path(), &[]);
        assert_eq!(check.code, 1, "{alias}: {}", check.stderr);
        assert!(
            check.stderr.contains("content/news/2025-01-01-item.md:4:")
                && check
                    .stderr
                    .contains(&format!("the alias `{alias}` would replace"))
                && check.stderr.contains(replaced),
            "{alias}: {}",
            check.stderr
        );
        let out = tempfile::tempdir().unwrap();
        let run = build(dir.path(), &out.path().join("site"));
        assert_eq!(run.code, 1);
        assert!(!out.path().join("site").exists(), "nothing is written");
    }
}

#[test]
fn a_tag_or_slug_too_long_for_a_file_name_is_a_located_error() {
    let tag = "党建".repeat(150);
    let dir = site(&[
        (
            "content/news/2025-01-01-item.md",
            news(&format!("tags: [{tag}]\n"), "Text.").as_bytes(),
        ),
        (
            "content/news/2025-01-02-other.md",
            news(&format!("slug: {}\n", "a".repeat(300)), "Text.").as_bytes(),
        ),
    ]);
    let check = on_site("check", dir.path(), &[]);
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.contains("content/news/2025-01-01-item.md:4:")
            && check.stderr.contains("the tag `")
            && check.stderr.contains("900 bytes long"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("content/news/2025-01-02-other.md:4:"),
        "{}",
        check.stderr
    );
    assert!(!check.stderr.contains("os error"), "{}", check.stderr);
}

#[test]
fn nesting_past_the_limits_ends_quickly_in_a_located_error() {
    let yaml = format!(
        "---\ntitle: T\nextra: {}{}\n---\nx\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let list = format!(
        "---\ntitle: T\ndate: 2025-01-01\n---\nFine.\n\n{}x\n",
        "- ".repeat(300_000)
    );
    let dir = site(&[
        ("content/deep-yaml.md", yaml.as_bytes()),
        ("content/deep-list.md", list.as_bytes()),
    ]);
    let check = on_site("check", dir.path(), &[]);
    assert_eq!(check.code, 1);
    assert!(
        check
            .stderr
            .contains("content/deep-yaml.md:3:40: error: the YAML nests deeper than 32 levels"),
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("content/deep-list.md:7:1: error: this line nests"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_page_repeating_one_pair_of_han_characters_builds_with_search() {
    let body = "标题".repeat(50_000);
    let dir = site(&[
        (
            "site.yaml",
            b"title: T\nbase_url: https://example.org/\nlanguage: zh\n",
        ),
        (
            "content/news/2025-01-01-item.md",
            news("", &body).as_bytes(),
        ),
    ]);
    let out = tempfile::tempdir().unwrap();
    let run = build(dir.path(), &out.path().join("site"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out
        .path()
        .join("site/pagefind/pagefind-entry.json")
        .is_file());
}

/// The search staging folders of process `pid`.
fn stages_of(pid: u32) -> Vec<std::path::PathBuf> {
    let prefix = format!("gazette-search-{pid}-");
    [Path::new("/dev/shm").to_path_buf(), std::env::temp_dir()]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect()
}

/// A site whose search step takes a few seconds: Chinese pages of text
/// without repetition.
fn slow_search_site() -> tempfile::TempDir {
    let han: Vec<char> = ('\u{4e00}'..'\u{9fa5}').collect();
    let mut seed = 7u64;
    let mut files = vec![];
    for n in 0..6 {
        let body: String = (0..200_000)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                han[(seed >> 33) as usize % han.len()]
            })
            .collect();
        files.push((
            format!("content/news/2025-01-0{}-n{n}.md", n + 1),
            news("", &body),
        ));
    }
    let dir = site(&[(
        "site.yaml",
        b"title: T\nbase_url: https://example.org/\nlanguage: zh\n",
    )]);
    for (path, text) in files {
        write(dir.path(), &path, text.as_bytes());
    }
    dir
}

#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_build_or_server_leaves_no_search_staging() {
    let dir = slow_search_site();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    for args in [
        vec!["build", "--output", output.to_str().unwrap()],
        vec!["serve", "--port", "0"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(&args)
            .args(["--root", dir.path().to_str().unwrap(), "--today", TODAY])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        let deadline = Instant::now() + Duration::from_secs(60);
        while stages_of(pid).is_empty() {
            assert!(Instant::now() < deadline, "{args:?}: no staging appeared");
            assert!(
                child.try_wait().unwrap().is_none(),
                "{args:?} ended before staging"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let status = Command::new("kill")
            .args(["-INT", &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let code = child.wait().unwrap();
        assert_eq!(code.code(), Some(130), "{args:?}");
        assert!(stages_of(pid).is_empty(), "{args:?}: {:?}", stages_of(pid));
    }
}

#[cfg(unix)]
#[test]
fn watch_never_deletes_through_a_link_planted_in_the_output() {
    let dir = site(&[(
        "content/news/2025-03-01-hello.md",
        news("", "Hello.").as_bytes(),
    )]);
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let outside = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args([
            "watch",
            "--root",
            dir.path().to_str().unwrap(),
            "--today",
            TODAY,
        ])
        .args(["--output", output.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let page = output.join("news/hello/index.html");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !page.is_file() {
        assert!(Instant::now() < deadline, "no first build");
        std::thread::sleep(Duration::from_millis(50));
    }
    // `output/news` becomes a link to a folder outside holding the same path.
    write(outside.path(), "hello/index.html", b"not gazette's");
    std::fs::rename(output.join("news"), out.path().join("news-moved")).unwrap();
    std::os::unix::fs::symlink(outside.path(), output.join("news")).unwrap();
    std::fs::remove_file(dir.path().join("content/news/2025-03-01-hello.md")).unwrap();
    std::thread::sleep(Duration::from_secs(3));
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        std::fs::read(outside.path().join("hello/index.html")).unwrap(),
        b"not gazette's"
    );
}
