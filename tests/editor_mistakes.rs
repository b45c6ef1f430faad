//! The mistakes editors make on a Chinese keyboard and with indentation,
//! each named at its own line and column with carets under what it means,
//! in Chinese on a Chinese site and in English otherwise; a file whose front
//! matter fails still has its broken links reported in the same run.

use crate::harness::*;

fn mistakes(language: &str) -> tempfile::TempDir {
    site(&[
        ("site.yaml", format!("{BASE_CONFIG}language: {language}\n").as_bytes()),
        ("content/members/alpha.md", "---\ntitle: 甲协会\n---\n成员。\n".as_bytes()),
        ("content/news/2026-01-02-colon.md", "---\ntitle：筹备会议\n---\n正文见[纪要](@/news/没有这篇.md)。\n".as_bytes()),
        ("content/meetings/2026-01-05-agenda.md", "---\ntitle: 会议\nstart: 2026-01-05T09:00\nagenda:\n  - 审议工作规则\n    - 确定牵头单位\n---\n正文。\n".as_bytes()),
        ("content/news/2026-01-03-indent.md", "---\ntitle: 新闻\n  date: 2026-01-03\n---\n正文。\n".as_bytes()),
        ("content/news/2026-01-04-comma.md", "---\ntitle: 新闻\ntags: [党建，会议]\n---\n正文。\n".as_bytes()),
    ])
}

/// `gazette check` with `GAZETTE_LANG` as given (the harness sets `en`).
fn check_in(root: &std::path::Path, lang: Option<&str>) -> (std::process::Output, String) {
    let mut cmd = gazette();
    cmd.env_remove("GAZETTE_LANG").args([
        "check",
        "--root",
        root.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    if let Some(lang) = lang {
        cmd.env("GAZETTE_LANG", lang);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stderr)
}

/// Each error's first line, and the caret line under the source line.
fn located(stderr: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = stderr.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("content/"))
        .map(|(i, l)| (l.to_string(), lines.get(i + 3).unwrap_or(&"").to_string()))
        .collect()
}

#[test]
fn editors_mistakes_are_located_and_named_in_chinese_on_a_chinese_site() {
    let dir = mistakes("zh");
    let (out, stderr) = check_in(dir.path(), None);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let r = Run {
        code: 1,
        stdout: String::new(),
        stderr,
    };
    let found = located(&r.stderr);
    let expect = [
        ("content/meetings/2026-01-05-agenda.md:6:5: 错误：这一项比上一项缩进得多", "  |     ^"),
        ("content/news/2026-01-02-colon.md:2:6: 错误：`title` 后面是全角冒号 `：`", "  |      ^^"),
        // The body's broken link, though its front matter failed; the carets
        // stand under the link, past two Chinese characters (four columns).
        ("content/news/2026-01-02-colon.md:4:4: 错误：链接 `@/news/没有这篇.md` 指向的页面不存在", "  |       ^^^^^^^^^^^^^^^^^^^^^^^^^^"),
        ("content/news/2026-01-03-indent.md:3:3: 错误：`date:` 比上面的 `title:` 缩进得多", "  |   ^^^^"),
        ("content/news/2026-01-04-comma.md:3:10: 错误：`tags` 中用了全角的 `，`", "  |            ^^"),
    ];
    assert_eq!(found.len(), expect.len(), "{}", r.stderr);
    for ((line, carets), (start, want)) in found.iter().zip(expect) {
        assert!(line.starts_with(start), "{line}\n  wanted {start}");
        assert_eq!(carets, want, "{line}");
    }
    assert!(r.stderr.contains("= 提示："), "{}", r.stderr);
    assert!(r.stderr.trim_end().ends_with("共 5 个错误"), "{}", r.stderr);
}

#[test]
fn the_same_mistakes_read_in_english_elsewhere_or_when_asked() {
    let dir = mistakes("en");
    let r = on_site("check", dir.path(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("2:6: error: the full-width colon `：` after `title`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("this list item is indented more than the item above"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.trim_end().ends_with("error: 5 error(s)"),
        "{}",
        r.stderr
    );
    // GAZETTE_LANG chooses, whatever the site's language.
    let (_, stderr) = check_in(dir.path(), Some("zh"));
    assert!(stderr.contains("错误：`title` 后面是全角冒号"), "{stderr}");
    // JSON stays English for tools.
    let r = on_site("check", dir.path(), &["--format", "json"]);
    assert!(
        r.stdout.contains("\"message\":\"the full-width colon"),
        "{}",
        r.stdout
    );
}
