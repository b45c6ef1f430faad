//! Bad input: each mistake exits 1 with `path:line:col: error: message`.

use crate::harness::*;

fn errors_of(files: &[(&str, &[u8])]) -> String {
    let site = site(files);
    let r = on_site("check", site.path(), &[]);
    assert_eq!(r.code, 1, "expected errors, got: {}{}", r.stdout, r.stderr);
    r.stderr
}

#[test]
fn each_bad_input_names_file_line_and_column() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("content/about.md", b"---\ntitel: About\n---\n", "content/about.md:2:1: error: `titel`: unknown field"),
        ("content/about.md", b"", "content/about.md:1:1: error: the file is empty"),
        ("content/about.md", b"---\ntitle: x\nno end\n", "content/about.md:1:1: error: the front matter block is never closed"),
        ("content/about.md", b"# About\n", "content/about.md:1:1: error: the file does not start with a front matter block"),
        ("content/about.md", b"---\ntitle: \xFF\xFE\n---\n", "content/about.md:2:8: error: the file is not valid UTF-8"),
        ("content/about.md", b"---\ntitle: x\nextra:\n\tkey: 1\n---\n", "content/about.md:4:1: error: invalid YAML"),
        ("content/about.md", b"---\ntitle: x\ndraft: maybe\n---\n", "content/about.md:3:8: error: invalid YAML"),
        ("content/news/2025-01-01-n.md", b"---\ntitle: N\norganizations: [alpha, betta]\n---\n", "content/news/2025-01-01-n.md:3:24: error: `organizations`: no member with the slug `betta`"),
        ("content/meetings/m.md", b"---\ntitle: M\nstart: 2025-01-01T10:00\nhost: alpah\n---\n", "content/meetings/m.md:4:7: error: `host`: no member with the slug `alpah`"),
        ("content/rules/r.md", b"---\ntitle: R\nversion: 1\nstatus: trial\nsupersedes: nothing\n---\n", "content/rules/r.md:5:13: error: `supersedes`: no rules version with the slug `nothing`"),
        ("content/about.md", b"---\ntitle: A\n---\nSee [x](@/news/missing.md).\n", "content/about.md:4:5: error: link to `@/news/missing.md`: no such page"),
        ("content/about.md", b"---\ntitle: A\n---\n## Real\n\n[x](@/about.md#unreal)\n", "content/about.md:6:1: error: link to `@/about.md#unreal`"),
        ("content/about.md", b"---\ntitle: A\nslug: ../../etc\n---\n", "content/about.md:3:7: error: invalid slug `../../etc`"),
        ("content/news/x.md", b"---\ntitle: X\ndate: 2025-02-30\n---\n", "content/news/x.md:3:7: error: `date`: `2025-02-30` is not a date"),
        ("content/members/dup.md", b"---\ntitle: D\nslug: alpha\n---\n", "error: this page's URL `/members/alpha/`"),
        ("content/about.md", b"---\ntitle: A\ntemplate: fancy.html\n---\n", "content/about.md:3:11: error: no template named `fancy.html`"),
        ("templates/page.html", b"{% if %}", "templates/page.html:1:"),
    ];
    for (path, bytes, expected) in cases {
        let stderr = errors_of(&[(path, bytes)]);
        assert!(
            stderr.contains(expected),
            "{path} {:?}:\nexpected {expected:?} in\n{stderr}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn a_supersedes_cycle_is_an_error() {
    let stderr = errors_of(&[
        (
            "content/rules/a.md",
            b"---\ntitle: A\nversion: 1\nstatus: trial\nsupersedes: b\n---\n",
        ),
        (
            "content/rules/b.md",
            b"---\ntitle: B\nversion: 2\nstatus: adopted\nsupersedes: a\n---\n",
        ),
    ]);
    assert!(
        stderr.contains("content/rules/a.md:5:13: error: `supersedes: b` makes a cycle"),
        "{stderr}"
    );
}

#[test]
fn config_errors_point_into_site_yaml() {
    let site = site(&[]);
    write(site.path(), "site.yaml", b"title: T\nbase_url: example.org\nconsortium:\n  leading_units:\n    - { member: nobody, from: 2025-01-01 }\n");
    let r = on_site("build", site.path(), &[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("site.yaml:2:11: error: `example.org` is not an absolute http(s) URL"),
        "{}",
        r.stderr
    );
}

#[test]
fn every_error_is_reported_at_once_with_source_and_caret() {
    let stderr = errors_of(&[
        ("content/about.md", b"---\ntitel: About\n---\n"),
        (
            "content/news/2025-01-01-n.md",
            b"---\ntitle: N\norganizations: [betta]\n---\n",
        ),
        ("content/guides/g.md", b"---\ntitle: G\ndraft: maybe\n---\n"),
    ]);
    let scrubbed = stderr.trim_end().to_string();
    insta::assert_snapshot!(scrubbed);
}

#[test]
fn check_json_prints_one_object_per_diagnostic() {
    let site = site(&[
        ("content/about.md", b"---\ntitel: About\n---\n"),
        ("content/news/x.md", b"---\ntitle: x\n---\n"),
    ]);
    let r = on_site("check", site.path(), &["--format", "json"]);
    assert_eq!(r.code, 1);
    let objects: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(objects.len(), 2, "{}", r.stdout);
    assert_eq!(objects[0]["path"], "content/about.md");
    assert_eq!(objects[0]["line"], 2);
    assert_eq!(objects[0]["column"], 1);
    assert_eq!(objects[0]["severity"], "error");
    assert_eq!(objects[0]["code"], "unknown-field");
    assert_eq!(objects[0]["help"], "did you mean `title`?");
}

#[test]
fn check_writes_nothing_and_warns() {
    let site = site(&[(
        "content/meetings/old.md",
        b"---\ntitle: Old\nstart: 2020-01-01T10:00\n---\n",
    )]);
    let r = on_site("check", site.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("content/meetings/old.md:3:1: warning: this meeting is in the past but still `scheduled`"), "{}", r.stderr);
    assert!(!site.path().join("output").exists());
    let strict = on_site("check", site.path(), &["--deny-warnings"]);
    assert_eq!(strict.code, 1);
}

#[test]
fn references_to_a_file_that_failed_to_parse_are_not_reported_twice() {
    let stderr = errors_of(&[
        ("content/members/beta.md", b"---\ntitle: [\n---\n"),
        (
            "content/news/2025-01-01-n.md",
            b"---\ntitle: N\norganizations: [beta, gamma]\n---\nSee [b](@/members/beta.md).\n",
        ),
    ]);
    assert!(
        stderr.contains("content/members/beta.md:3:1: error: invalid YAML"),
        "{stderr}"
    );
    assert!(
        stderr.contains("no member with the slug `gamma`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("slug `beta`") && !stderr.contains("no such page"),
        "{stderr}"
    );
}
