//! The shape ARCHITECTURE.md promises, checked: the core's dependencies, the
//! size of the files, no import cycle between modules, nothing pointing out
//! of the repository.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !matches!(
                name,
                "target" | "tests" | ".git" | "node_modules" | "output"
            ) {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_depends_on_no_edge_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(repo())
        .args([
            "tree",
            "--offline",
            "-p",
            "gazette-core",
            "-e",
            "normal",
            "--prefix",
            "depth",
        ])
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).expect("UTF-8");
    let name = |line: &str| {
        line.trim_start_matches(|c: char| c.is_ascii_digit())
            .split(' ')
            .next()
            .unwrap_or("")
            .to_string()
    };
    let lines: Vec<&str> = tree.lines().collect();
    assert!(
        lines.iter().any(|l| name(l) == "tera"),
        "the tree lists the core's dependencies:\n{tree}"
    );
    for banned in [
        "clap",
        "notify",
        "tiny_http",
        "tokio",
        "pagefind",
        "hyper",
        "axum",
    ] {
        assert!(
            !lines.iter().any(|l| name(l) == banned),
            "gazette-core depends on {banned}:\n{tree}"
        );
    }
    // tera 1.20 depends on globwalk (for `Tera::new(glob)`, which the core never
    // calls), and globwalk on walkdir: that is the only way walkdir may enter.
    let depth = |line: &str| -> usize {
        line.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(0)
    };
    for (k, line) in lines.iter().enumerate() {
        if name(line) != "walkdir" {
            continue;
        }
        let mut ancestors = Vec::new();
        let mut want = depth(line);
        for l in lines[..k].iter().rev() {
            if want > 0 && depth(l) == want - 1 {
                ancestors.push(name(l));
                want -= 1;
            }
        }
        assert!(
            ancestors.iter().any(|a| a == "globwalk") && ancestors.iter().any(|a| a == "tera"),
            "walkdir enters gazette-core through {ancestors:?}"
        );
    }
}

#[test]
fn no_rust_file_is_over_600_lines_outside_tests() {
    let mut files = Vec::new();
    rust_files(&repo().join("src"), &mut files);
    rust_files(&repo().join("crates"), &mut files);
    assert!(files.len() > 30, "found the sources: {files:?}");
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).expect("read").lines().count();
            (n > 600).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these: {long:?}");
}

#[test]
fn no_import_cycle_between_modules() {
    let out = Command::new("python3")
        .current_dir(repo())
        .args([
            "scripts/module_cycles.py",
            "crates/gazette-core/src",
            "crates/gazette-search/src",
            "src",
        ])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn nothing_points_outside_the_repository() {
    let mut files = Vec::new();
    rust_files(&repo().join("src"), &mut files);
    rust_files(&repo().join("crates"), &mut files);
    for dir in ["scripts", "docs", ".ci", "benches", "tests"] {
        for entry in std::fs::read_dir(repo().join(dir)).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.push(repo().join("README.md"));
    files.push(repo().join("ARCHITECTURE.md"));
    // Spelt in pieces, so that this file does not name them itself.
    let outside = [
        ["..", "/shared"].concat(),
        ["shared", "/bench"].concat(),
        ["NOTES", ".md"].concat(),
        ["SPEC", ".md"].concat(),
        ["STYLE", ".md"].concat(),
    ];
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for needle in &outside {
            assert!(
                !text.contains(needle.as_str()),
                "{} names {needle}",
                f.display()
            );
        }
    }
}
