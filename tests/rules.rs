//! Rules that behave like the institution's: the version in force by date at
//! a URL that never changes, permanent version URLs, honest changes pages,
//! and meeting decisions linked both ways, in both languages.

use crate::harness::*;
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::path::Path;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

pub(crate) fn built_on(root: &Path, today: &str) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let r = run(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--today",
        today,
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = snapshot(&out);
    (dir, files)
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&sel(css))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn hrefs(html: &Html, css: &str) -> Vec<String> {
    html.select(&sel(css))
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .collect()
}

/// The version a rules page shows, from its header.
fn version_shown(html: &Html) -> String {
    texts(html, ".rules .page-header .item-meta")[0].clone()
}

#[test]
fn the_version_in_force_follows_the_effective_date() {
    // Version 3.0 is adopted on 2026-11-18 and takes effect on 2027-01-01.
    let (_a, before) = built_on(&demo_root(), "2026-11-24");
    for (prefix, v2, v3) in [
        ("", "Version 2.0", "Version 3.0"),
        ("zh/", "版本 2.0", "版本 3.0"),
    ] {
        let doc = page(&before, &format!("{prefix}rules/working-rules/index.html"));
        assert!(
            version_shown(&doc).starts_with(v2),
            "{}",
            version_shown(&doc)
        );
        assert_eq!(texts(&doc, ".status-banner.is-in-force").len(), 1);
        // The next version is announced with its date and link.
        let upcoming = texts(&doc, ".status-banner.is-upcoming");
        assert!(
            upcoming.len() == 1 && upcoming[0].contains(v3),
            "{upcoming:?}"
        );
        assert!(hrefs(&doc, ".status-banner.is-upcoming a")
            .contains(&format!("/alliance/{prefix}rules/working-rules/v3/")));
        let home = page(&before, &format!("{prefix}index.html"));
        assert!(
            home.html()
                .contains(&format!("/alliance/{prefix}rules/working-rules/\"")),
            "the home page links the document"
        );
        let list = page(&before, &format!("{prefix}rules/index.html"));
        assert!(texts(&list, ".items .item-meta")[0].starts_with(v2));
        assert!(
            texts(&list, "section.is-upcoming li")[0].contains(v3.split(' ').next_back().unwrap())
        );
        // The upcoming version's own page says when it takes effect and what binds until then.
        let v3_page = page(
            &before,
            &format!("{prefix}rules/working-rules/v3/index.html"),
        );
        let banner = &texts(&v3_page, ".status-banner.is-upcoming")[0];
        assert!(banner.contains("2027"), "{banner}");
        assert_eq!(
            hrefs(&v3_page, ".status-banner.is-upcoming a"),
            [format!("/alliance/{prefix}rules/working-rules/v2/")]
        );
        // An earlier version links the one in force and the comparison with it.
        let v1 = page(
            &before,
            &format!("{prefix}rules/working-rules/v1/index.html"),
        );
        assert_eq!(
            hrefs(&v1, ".status-banner.is-not-in-force a"),
            [
                format!("/alliance/{prefix}rules/working-rules/"),
                format!("/alliance/{prefix}rules/working-rules/v1/compare/")
            ]
        );
        assert!(before.contains_key(&format!(
            "{prefix}rules/working-rules/v1/compare/index.html"
        )));
    }
    // Search indexes the document's page, not the version page it repeats.
    let v2 = std::str::from_utf8(&before["rules/working-rules/v2/index.html"]).unwrap();
    assert!(!v2.contains("data-pagefind-body"));
    let doc = std::str::from_utf8(&before["rules/working-rules/index.html"]).unwrap();
    assert!(doc.contains("data-pagefind-body"));

    let (_b, after) = built_on(&demo_root(), "2027-01-02");
    for (prefix, v3) in [("", "Version 3.0"), ("zh/", "版本 3.0")] {
        let doc = page(&after, &format!("{prefix}rules/working-rules/index.html"));
        assert!(
            version_shown(&doc).starts_with(v3),
            "{}",
            version_shown(&doc)
        );
        assert!(texts(&doc, ".status-banner.is-upcoming").is_empty());
        let v2 = page(
            &after,
            &format!("{prefix}rules/working-rules/v2/index.html"),
        );
        assert_eq!(texts(&v2, ".status-banner.is-not-in-force").len(), 1);
    }
    // Every version keeps its URL whatever is in force.
    let versions = |files: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        files
            .keys()
            .filter(|k| k.starts_with("rules/working-rules/v") && k.matches('/').count() == 3)
            .cloned()
            .collect()
    };
    assert_eq!(versions(&before), versions(&after));
}

#[test]
fn version_urls_never_change_when_a_version_is_added_and_old_urls_answer() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(&demo_root(), &root);
    let (_a, before) = built_on(&root, TODAY);
    write(
        &root,
        "content/rules/working-rules/v4.md",
        b"---\ntitle: Working Rules of the Party Building Work Consortium\nversion: \"4.0\"\nstatus: draft\n---\n## Purpose\n\nA draft.\n",
    );
    let (_b, after) = built_on(&root, TODAY);
    for v in ["v1", "v2", "v3"] {
        let path = format!("rules/working-rules/{v}/index.html");
        assert_eq!(
            version_shown(&page(&before, &path)),
            version_shown(&page(&after, &path)),
            "{path}"
        );
    }
    assert!(after.contains_key("rules/working-rules/v4/index.html"));
    // The draft changes nothing in force.
    assert!(
        version_shown(&page(&after, "rules/working-rules/index.html")).starts_with("Version 2.0")
    );
    // The URL of the older layout answers: a redirect to the version it named.
    let old = std::str::from_utf8(&before["rules/working-rules-trial/index.html"]).unwrap();
    assert!(old.contains("/alliance/rules/working-rules/v1/"), "{old}");
    let redirects = std::str::from_utf8(&before["_redirects"]).unwrap();
    assert!(
        redirects
            .contains("/alliance/rules/working-rules-trial/ /alliance/rules/working-rules/v1/ 301"),
        "{redirects}"
    );
    assert!(before.contains_key("zh/rules/working-rules-trial/index.html"));
}

#[test]
fn the_changes_page_shows_moved_articles_and_separates_runs() {
    let (_a, files) = built_on(&demo_root(), TODAY);
    let changes = page(&files, "rules/working-rules/v3/changes/index.html");
    let moved = texts(&changes, ".change-moved h2");
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert!(
        moved[0].starts_with("Article 6 → Article 8 Resource sharing"),
        "{moved:?}"
    );
    assert!(moved[0].contains("Moved"), "{moved:?}");
    // Old article 6 links into the old version, new article 8 into the new one.
    assert_eq!(
        hrefs(&changes, ".change-moved h2 a"),
        [
            "/alliance/rules/working-rules/v2/#article-6",
            "/alliance/rules/working-rules/v3/#article-8"
        ]
    );
    let html = changes.html();
    assert!(!html.contains("</del><ins>"), "runs run together");
    assert!(html.contains("<del>is chosen by rotation</del> <ins>rotates</ins>"));
    // v1 → v2: the removed trial article keeps its old number, after the
    // articles that preceded it in the old version.
    let v2 = page(&files, "rules/working-rules/v2/changes/index.html");
    let headings = texts(&v2, ".change h2");
    let removed: Vec<&String> = headings.iter().filter(|h| h.contains("Removed")).collect();
    assert_eq!(removed.len(), 1);
    assert!(
        removed[0].starts_with("Article 7 Trial period"),
        "{removed:?}"
    );
    let at = headings
        .iter()
        .position(|h| h.contains("Trial period"))
        .unwrap();
    assert!(
        headings[at - 1].contains("Resource sharing"),
        "{headings:?}"
    );
    // Chinese by character.
    let zh = page(&files, "zh/rules/working-rules/v2/changes/index.html").html();
    assert!(
        zh.contains("经<del>全体</del><ins>三分之二</ins>成员"),
        "Chinese compared by character"
    );
    // The document's own changes page shows what the version in force changed.
    let current = page(&files, "rules/working-rules/changes/index.html");
    assert!(texts(&current, ".rules-changes .page-header .item-meta")[0]
        .contains("1.0 (Trial Plan) → 2.0"));
}

#[test]
fn decisions_show_on_meeting_rules_member_and_register_pages_in_both_languages() {
    let (_a, files) = built_on(&demo_root(), TODAY);
    for prefix in ["", "zh/"] {
        let meeting = page(
            &files,
            &format!("{prefix}meetings/rules-review-meeting/index.html"),
        );
        let decided = texts(&meeting, "ul.decisions li");
        // The version adopted there is named by a decision: not said twice.
        assert_eq!(decided.len(), 3, "three decisions: {decided:?}");
        assert!(hrefs(&meeting, "ul.decisions a")
            .contains(&format!("/alliance/{prefix}rules/working-rules/v3/")));
        // The version names the meeting that adopted it.
        let v3 = page(
            &files,
            &format!("{prefix}rules/working-rules/v3/index.html"),
        );
        assert!(hrefs(&v3, ".facts a")
            .contains(&format!("/alliance/{prefix}meetings/rules-review-meeting/")));
        assert!(!texts(
            &v3,
            "section[aria-labelledby=decisions-title] ul.decisions li"
        )
        .is_empty());
        // The register lists every deciding meeting, latest first.
        let register = page(&files, &format!("{prefix}meetings/decisions/index.html"));
        let meetings = hrefs(&register, ".decision-entry h2 a");
        assert_eq!(meetings.len(), 4, "{meetings:?}");
        assert_eq!(
            meetings[0],
            format!("/alliance/{prefix}meetings/rules-review-meeting/")
        );
        assert!(meetings[3].ends_with("meetings/preparatory-meeting/"));
    }
    // Members that attended list the decisions (the demo's members are written in English).
    let member = page(&files, "members/huaan-securities-foundation/index.html");
    assert_eq!(
        texts(
            &member,
            "section[aria-labelledby=member-decisions-title] h3"
        )
        .len(),
        4
    );
    let zh = page(&files, "zh/meetings/rules-review-meeting/index.html");
    assert!(texts(&zh, "ul.decisions li")[0].starts_with("通过工作规则3.0版"));
    // A rescheduled meeting says so.
    let annual = page(&files, "meetings/annual-joint-meeting/index.html");
    assert!(texts(&annual, ".status-banner.is-rescheduled")[0].contains("10 December 2026"));
}

#[test]
fn decisions_and_adopted_at_are_checked_like_other_references() {
    let dir = site(&[
        ("content/rules/r/v1.md", b"---\ntitle: R\nversion: \"1.0\"\nstatus: adopted\nadopted_at: nowhere\n---\n## A\n\nText.\n"),
        ("content/meetings/2026-01-05-m.md", b"---\ntitle: M\nstart: 2026-01-05T10:00\nstatus: held\ndecisions:\n  - text: Adopt it.\n    rules: [r/v9]\n---\nMinutes.\n"),
        ("content/meetings/2026-01-06-n.md", b"---\ntitle: N\nstart: 2026-01-06T10:00\ndecisions:\n  - text: \"\"\n---\nMinutes.\n"),
    ]);
    let r = on_site("check", dir.path(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "content/rules/r/v1.md:5:13: error: `adopted_at`: no meeting with the slug `nowhere`"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("meeting slugs come from file names under `content/meetings/`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("content/meetings/2026-01-05-m.md:7:13: error: `rules`: no rules document with the slug `r/v9`"), "{}", r.stderr);
    assert!(r.stderr.contains("a decision without text"), "{}", r.stderr);
}

#[test]
fn the_older_layout_keeps_building_with_its_urls() {
    let v = |n: &str, extra: &str| {
        format!("---\ntitle: Code\nversion: \"{n}\"\nstatus: adopted\nadopted: 202{n}-01-01\n{extra}---\n## A\n\nText {n}.\n")
    };
    let dir = site(&[
        ("content/rules/code.md", v("1", "").as_bytes()),
        (
            "content/rules/code-v2.md",
            v("2", "supersedes: code\n").as_bytes(),
        ),
        (
            "content/rules/code-v3.md",
            v("3", "supersedes: code-v2\neffective: 2030-01-01\n").as_bytes(),
        ),
    ]);
    let (_a, files) = built_on(dir.path(), TODAY);
    for p in [
        "rules/code/index.html",
        "rules/code-v2/index.html",
        "rules/code-v2/changes/index.html",
        "rules/code-v3/index.html",
    ] {
        assert!(files.contains_key(p), "{p}");
    }
    let list = page(&files, "rules/index.html");
    assert_eq!(
        hrefs(&list, ".items .item-title a"),
        ["/alliance/rules/code-v2/"],
        "the version in force"
    );
    let v3 = page(&files, "rules/code-v3/index.html");
    assert_eq!(
        hrefs(&v3, ".status-banner.is-upcoming a"),
        ["/alliance/rules/code-v2/"]
    );
}

/// `check` compares each meeting with the calendar the last build published:
/// a new time or status without a new `updated` is a located warning, as
/// subscribers' calendar apps would keep the old event.
#[test]
fn a_changed_published_meeting_without_updated_is_a_warning() {
    let meeting = |start: &str, status: &str, updated: &str| {
        format!("---\ntitle: M\nstart: {start}\nstatus: {status}\n{updated}---\nText.\n")
    };
    let dir = site(&[(
        "content/meetings/2026-12-01-m.md",
        meeting("2026-12-01T10:00", "scheduled", "").as_bytes(),
    )]);
    let root = dir.path();
    let out = root.join("output");
    assert_eq!(build(root, &out).code, 0);
    let warned = |text: String| {
        write(root, "content/meetings/2026-12-01-m.md", text.as_bytes());
        let r = on_site("check", root, &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stderr
            .contains("warning: the meeting's time or status changed since the published calendar")
    };
    assert!(
        !warned(meeting("2026-12-01T10:00", "scheduled", "")),
        "unchanged"
    );
    assert!(
        warned(meeting("2026-12-02T10:00", "scheduled", "")),
        "moved"
    );
    assert!(
        warned(meeting("2026-12-01T10:00", "cancelled", "")),
        "cancelled"
    );
    assert!(
        !warned(meeting(
            "2026-12-02T10:00",
            "cancelled",
            "updated: 2026-11-20T09:00\n"
        )),
        "with updated"
    );
    // Once published with `updated`, a later change needs a later `updated`.
    assert_eq!(build(root, &out).code, 0);
    assert!(warned(meeting(
        "2026-12-03T10:00",
        "cancelled",
        "updated: 2026-11-20T09:00\n"
    )));
    assert!(!warned(meeting(
        "2026-12-03T10:00",
        "cancelled",
        "updated: 2026-11-21T09:00\n"
    )));
}

/// `check` asks to mark a version superseded only once its successor is in force.
#[test]
fn check_asks_to_mark_superseded_only_once_the_successor_is_in_force() {
    let check = |today: &str| {
        run(&[
            "check",
            "--root",
            demo_root().to_str().unwrap(),
            "--today",
            today,
        ])
    };
    let before = check("2026-12-31");
    assert_eq!(before.code, 0, "{}", before.stderr);
    assert!(!before.stderr.contains("is in force"), "{}", before.stderr);
    let after = check("2027-01-01");
    assert!(
        after.stderr.contains("content/rules/working-rules/v2.md:4:1: warning: this version is `adopted`, but the newer content/rules/working-rules/v3.md is in force"),
        "{}",
        after.stderr
    );
}
