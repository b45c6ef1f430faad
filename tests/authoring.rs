//! `gazette init`, `gazette new` and `gazette check --format github`.

use crate::harness::{on_site, run, site, snapshot, write, Run};

#[test]
fn init_makes_a_site_that_builds_without_warnings_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("consortium");
    let r = run(&["init", root.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in [
        "site.yaml",
        ".gitignore",
        "README.md",
        "content/rules/working-rules/v1.md",
    ] {
        assert!(root.join(f).is_file(), "{f} missing");
    }
    // One warning: the example address, at its line in site.yaml.
    let check = run(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let warnings: Vec<&str> = check.stdout.lines().collect();
    assert_eq!(warnings.len(), 1, "{}", check.stdout);
    assert!(
        warnings[0].contains("\"code\":\"example-base-url\"")
            && warnings[0].contains("\"path\":\"site.yaml\",\"line\":5"),
        "{}",
        warnings[0]
    );
    // Given the real address, none at all.
    let real = dir.path().join("real");
    let r = run(&[
        "init",
        real.to_str().unwrap(),
        "--base-url",
        "https://dangjian.example.cn/lianheti",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(real.join("site.yaml"))
        .unwrap()
        .contains("base_url: https://dangjian.example.cn/lianheti/"));
    let check = run(&["check", "--root", real.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert_eq!(
        run(&[
            "init",
            dir.path().join("bad").to_str().unwrap(),
            "--base-url",
            "nope"
        ])
        .code,
        2
    );

    // Every commented example init wrote builds once uncommented.
    for file in ["site.yaml", "content/_index.md", "content/about.md"] {
        let text = std::fs::read_to_string(real.join(file)).unwrap();
        for (n, line) in text.lines().enumerate() {
            let Some(example) = line.strip_prefix("# ") else {
                continue;
            };
            if !example.split(':').next().is_some_and(|k| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            }) {
                continue;
            }
            let mut lines: Vec<&str> = text.lines().collect();
            lines[n] = example;
            write(&real, file, (lines.join("\n") + "\n").as_bytes());
            let check = run(&["check", "--root", real.to_str().unwrap(), "--deny-warnings"]);
            assert_eq!(
                check.code,
                0,
                "{file}:{}: `{example}` uncommented: {}{}",
                n + 1,
                check.stdout,
                check.stderr
            );
            write(&real, file, text.as_bytes());
        }
    }

    // A folder with files: refused, then with --force only the missing files come.
    write(&root, "site.yaml", b"title: Mine\n");
    std::fs::remove_file(root.join("README.md")).unwrap();
    let again = run(&["init", root.to_str().unwrap()]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("is not empty"), "{}", again.stderr);
    let forced = run(&["init", root.to_str().unwrap(), "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(
        std::fs::read_to_string(root.join("site.yaml")).unwrap(),
        "title: Mine\n"
    );
    assert!(root.join("README.md").is_file());
}

#[test]
fn new_writes_each_kind_and_refuses_to_overwrite() {
    let dir = site(&[(
        "content/rules/working-rules.md",
        b"---\ntitle: Working Rules\nversion: \"1.0\"\nstatus: adopted\n---\n## Purpose\n\nWhy we work together.\n",
    )]);
    let root = dir.path().to_str().unwrap();
    let mut written = Vec::new();
    for (kind, title) in [
        ("news", "Spring 党建 forum"),
        ("meeting", "Second joint meeting"),
        ("member", "Gamma Society"),
        ("page", "Contact"),
        ("rules", "Working Rules"),
    ] {
        let mut args = vec!["new", kind, title, "--root", root, "--date", "2026-03-01"];
        if kind == "rules" {
            args.extend(["--supersedes", "working-rules"]);
        }
        let r = run(&args);
        assert_eq!(r.code, 0, "{kind}: {}", r.stderr);
        written.push(r.stdout.trim().to_string());
    }
    assert!(
        written[0].ends_with("content/news/2026-03-01-spring-党建-forum.md"),
        "{}",
        written[0]
    );
    assert!(written[1].ends_with("content/meetings/2026-03-01-second-joint-meeting.md"));
    assert!(written[2].ends_with("content/members/gamma-society.md"));
    assert!(written[3].ends_with("content/contact.md"));
    let rules = std::fs::read_to_string(&written[4]).unwrap();
    assert!(
        written[4].ends_with("content/rules/working-rules-v2-0.md"),
        "{}",
        written[4]
    );
    assert!(rules.contains("version: \"2.0\"") && rules.contains("supersedes: working-rules"));
    assert!(
        rules.contains("Why we work together."),
        "the previous text is the start"
    );
    let check = on_site("check", dir.path(), &["--format", "json"]);
    assert_eq!(check.code, 0, "new files build: {}", check.stderr);
    assert!(
        !check.stdout.contains("placeholder"),
        "drafts may keep example texts: {}",
        check.stdout
    );
    for file in &written {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains("\ndraft: true"), "{file} is not a draft");
    }
    // Published with its example text still in: a located warning each.
    let news = std::fs::read_to_string(&written[0]).unwrap();
    let published: String = news
        .lines()
        .filter(|l| !l.starts_with("draft:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&written[0], published).unwrap();
    let check = on_site("check", dir.path(), &["--format", "json"]);
    assert_eq!(check.code, 0);
    assert!(
        check.stdout.contains("\"code\":\"placeholder\"")
            && check.stdout.contains("\"line\":11,\"column\":1"),
        "{}",
        check.stdout
    );
    // A meeting's start can be given.
    let r = run(&[
        "new",
        "meeting",
        "Third",
        "--root",
        root,
        "--date",
        "2026-03-01",
        "--start",
        "2026-04-02T09:30",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(r.stdout.trim())
        .unwrap()
        .contains("\nstart: 2026-04-02T09:30\n"));
    assert_eq!(
        run(&[
            "new",
            "news",
            "X",
            "--root",
            root,
            "--start",
            "2026-04-02T09:30"
        ])
        .code,
        2
    );

    let twice = run(&["new", "page", "Contact", "--root", root]);
    assert_eq!(twice.code, 1);
    assert!(twice.stderr.contains("exists already"), "{}", twice.stderr);
    assert_eq!(run(&["new", "poem", "X", "--root", root]).code, 2);
    assert_eq!(run(&["new", "news", "!!!", "--root", root]).code, 1);
}

#[test]
fn check_annotates_github_pull_requests() {
    let dir = site(&[(
        "content/news/2025-01-01-x.md",
        b"---\ntitel: X\n---\nText.\n",
    )]);
    let r = on_site("check", dir.path(), &["--format", "github"]);
    assert_eq!(r.code, 1);
    let line = r.stdout.lines().next().unwrap_or_default();
    assert!(line.starts_with("::error file="), "{line}");
    assert!(
        line.contains("content/news/2025-01-01-x.md,line=2,col=1,title=gazette unknown-field::"),
        "{line}"
    );
    assert!(line.contains("%0Ahelp: did you mean `title`?"), "{line}");
}

/// `new rules --supersedes` from a document folder, any version of it, or a
/// file of the older layout, as many times as needed; a clear error otherwise.
#[test]
fn new_rules_versions_follow_any_version_any_number_of_times() {
    let rules = |v: &str| {
        format!("---\ntitle: Working Rules\nversion: \"{v}\"\nstatus: adopted\n---\n## Purpose\n\nVersion {v}.\n")
    };
    let dir = site(&[
        ("content/rules/working-rules/v1.md", rules("1.0").as_bytes()),
        ("content/rules/working-rules/v2.md", rules("2.0").as_bytes()),
        ("content/rules/code.md", rules("1.0").as_bytes()),
    ]);
    let root = dir.path().to_str().unwrap();
    let new = |of: &str| {
        run(&[
            "new",
            "rules",
            "Working Rules",
            "--root",
            root,
            "--date",
            "2026-03-01",
            "--supersedes",
            of,
        ])
    };
    let read = |r: &Run| std::fs::read_to_string(r.stdout.trim()).unwrap();

    let third = new("working-rules");
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert!(
        third
            .stdout
            .trim()
            .ends_with("content/rules/working-rules/v3.md"),
        "{}",
        third.stdout
    );
    let text = read(&third);
    assert!(
        text.contains("version: \"3.0\"")
            && text.contains("supersedes: v2")
            && text.contains("Version 2.0."),
        "{text}"
    );

    // The folder's newest is now the third: a fourth follows it.
    let fourth = new("working-rules");
    assert!(
        fourth
            .stdout
            .trim()
            .ends_with("content/rules/working-rules/v4.md"),
        "{}",
        fourth.stderr
    );
    assert!(read(&fourth).contains("supersedes: v3"));

    // From an older version too.
    let branch = new("working-rules/v1");
    assert_eq!(branch.code, 0, "{}", branch.stderr);
    assert!(read(&branch).contains("supersedes: v1") && read(&branch).contains("Version 1.0."));

    // The older layout: a third version is not refused for a taken name.
    let second = new("code");
    assert!(
        second
            .stdout
            .trim()
            .ends_with("content/rules/working-rules-v2-0.md"),
        "{}",
        second.stderr
    );
    let third_flat = new("working-rules-v2-0");
    assert_eq!(third_flat.code, 0, "{}", third_flat.stderr);
    assert!(third_flat
        .stdout
        .trim()
        .ends_with("content/rules/working-rules-v3-0.md"));
    assert!(read(&third_flat).contains("supersedes: working-rules-v2-0"));

    // An unknown name: what there is to name instead, and no file written.
    let before = snapshot(dir.path());
    let nope = new("nope");
    assert_eq!(nope.code, 1, "{}", nope.stderr);
    assert!(
        nope.stderr.contains("no rules document or version"),
        "{}",
        nope.stderr
    );
    assert!(
        nope.stderr.contains("working-rules (working-rules/v1"),
        "{}",
        nope.stderr
    );
    assert!(!nope.stderr.contains("os error"), "{}", nope.stderr);
    assert_eq!(snapshot(dir.path()), before);

    // Every file written builds.
    let check = on_site("check", dir.path(), &[]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}
