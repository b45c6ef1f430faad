//! A small harness: write a site into a temporary folder, run `gazette`, read back.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const TODAY: &str = "2026-11-24";

pub const BASE_CONFIG: &str =
    "title: Test Consortium\nbase_url: https://example.org/alliance/\ntimezone: Asia/Shanghai\n";

/// The smallest valid site: a config and one member; `files` are added on top.
pub fn site(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "site.yaml", BASE_CONFIG.as_bytes());
    write(
        dir.path(),
        "content/members/alpha.md",
        b"---\ntitle: Alpha Association\n---\nA member.\n",
    );
    for (path, bytes) in files {
        write(dir.path(), path, bytes);
    }
    dir
}

pub fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

/// `gazette` with a clean environment: nothing from the caller leaks in.
pub fn gazette() -> Command {
    let mut cmd = Command::cargo_bin("gazette").expect("binary");
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("GAZETTE_TODAY", TODAY)
        // Messages in English whatever the site's language, unless a test
        // removes this to see a Chinese site's own (tests/editor_mistakes.rs).
        .env("GAZETTE_LANG", "en");
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Run {
    let out = gazette().args(args).output().expect("run gazette");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `gazette <command> --root ROOT --today TODAY <extra...>`.
pub fn on_site(command: &str, root: &Path, extra: &[&str]) -> Run {
    let mut args = vec![command, "--root", root.to_str().unwrap(), "--today", TODAY];
    args.extend_from_slice(extra);
    run(&args)
}

pub fn build(root: &Path, output: &Path) -> Run {
    on_site("build", root, &["--output", output.to_str().unwrap()])
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir_files(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn walkdir_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The end-to-end fixture: a whole bilingual consortium (a copy of the demo
/// as it was when these tests were written), so editing the demo in
/// `content/` never breaks a test.
pub fn demo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/consortium")
}

/// Copies the tree `from` into `to` (made as needed); the files copied, as
/// paths relative to `from` with `/`.
pub fn copy_tree(from: &Path, to: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
            files.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    files
}

/// A built page, parsed; panics naming it when it was not built.
pub fn page(files: &BTreeMap<String, Vec<u8>>, path: &str) -> scraper::Html {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not built"));
    scraper::Html::parse_document(std::str::from_utf8(bytes).unwrap())
}

/// The JSON-LD object of `kind` (`@type`) on a page, parsed; every JSON-LD
/// script of the page must parse.
pub fn json_ld(html: &scraper::Html, kind: &str) -> serde_json::Value {
    let script = scraper::Selector::parse("script[type='application/ld+json']").unwrap();
    html.select(&script)
        .map(|s| {
            let text: String = s.text().collect();
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{e}: {text}"))
        })
        .find(|v| v["@type"] == kind)
        .unwrap_or_else(|| panic!("no JSON-LD {kind}"))
}
