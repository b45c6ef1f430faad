//! Rules on the content consortia really write: a version the editor marked
//! `superseded` before its successor takes effect, articles with tables,
//! lists and footnotes on the changes page, meetings that name a document.

use crate::harness::*;
use crate::rules::built_on;
use scraper::{Html, Selector};
use std::path::Path;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(html: &Html, css: &str) -> String {
    html.select(&sel(css))
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join(" | ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const CONFIG: &str = "title: 联合体\nbase_url: https://example.org/alliance/\nlanguage: zh\nlanguages:\n  en: { title: Consortium }\ntimezone: Asia/Shanghai\n";

/// A version of the working rules: the article "牵头单位" holds a table, a
/// list and a footnote, which v2 changes.
fn version(title: &str, front: &str, zh: bool, v2: bool) -> String {
    let (year, unit, duties, note) = match (zh, v2) {
        (true, false) => ("年度", "牵头单位", "- 召集联席会议\n- 做好会议记录\n", "轮值顺序由第一次联席会议商定。"),
        (true, true) => ("年度", "牵头单位", "- 召集联席会议\n- 做好会议记录并存档\n- 公布会议决定\n", "轮值顺序由联席会议每年商定。"),
        (false, false) => ("Year", "Leading unit", "- convenes the joint meetings\n- keeps the minutes\n", "The order was agreed at the first joint meeting."),
        (false, true) => ("Year", "Leading unit", "- convenes the joint meetings\n- keeps and files the minutes\n- publishes the decisions\n", "The order is agreed every year."),
    };
    let rows = if v2 {
        "| 2025 | Alpha |\n| 2026 | Gamma |\n| 2027 | Beta |\n"
    } else {
        "| 2025 | Alpha |\n| 2026 | Beta |\n"
    };
    let (members, lead) = if zh {
        ("成员", "牵头单位")
    } else {
        ("Members", "Leading unit")
    };
    format!(
        "---\ntitle: {title}\n{front}---\n## {members}\n\nFive associations.\n\n## {lead}\n\n| {year} | {unit} |\n|---|---|\n{rows}\nDuties[^1]:\n\n{duties}\n[^1]: {note}\n"
    )
}

const TRIAL: &str = "version: \"1.0-trial\"\nstatus: superseded\nadopted: 2024-12-13\n";
const V2_OLD: &str = "version: \"2.0\"\nstatus: adopted\nadopted: 2025-12-11\neffective: 2026-01-01\nsupersedes: working-rules\n";
const V2_FOLDER: &str =
    "version: \"2.0\"\nstatus: adopted\nadopted: 2025-12-11\neffective: 2026-01-01\n";

/// The site, in the older one-file-per-version layout or in a folder.
fn consortium(folder: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "site.yaml", CONFIG.as_bytes());
    let (trial, v2, v2_front) = if folder {
        (
            "content/rules/working-rules/v1",
            "content/rules/working-rules/v2",
            V2_FOLDER,
        )
    } else {
        (
            "content/rules/working-rules",
            "content/rules/working-rules-v2",
            V2_OLD,
        )
    };
    write(
        root,
        &format!("{trial}.md"),
        version("工作规则（试行方案）", TRIAL, true, false).as_bytes(),
    );
    write(
        root,
        &format!("{trial}.en.md"),
        version("Working Rules (Trial)", TRIAL, false, false).as_bytes(),
    );
    let adopted = format!("{v2_front}adopted_at: adoption\n");
    write(
        root,
        &format!("{v2}.md"),
        version("工作规则", &adopted, true, true).as_bytes(),
    );
    write(
        root,
        &format!("{v2}.en.md"),
        version("Working Rules", &adopted, false, true).as_bytes(),
    );
    let named = if folder {
        "working-rules/v2"
    } else {
        "working-rules-v2"
    };
    write(
        root,
        "content/meetings/2024-12-13-prep.md",
        b"---\ntitle: \xe7\xad\xb9\xe5\xa4\x87\xe4\xbc\x9a\nstart: 2024-12-13T09:00\nstatus: held\nrules: [working-rules]\n---\nDiscussed.\n",
    );
    write(
        root,
        "content/meetings/2025-12-11-adoption.md",
        format!("---\ntitle: Adoption\nstart: 2025-12-11T09:00\nstatus: held\nrules: [working-rules]\ndecisions:\n  - text: Adopts the working rules 2.0\n    rules: [{named}]\n---\nAdopted.\n").as_bytes(),
    );
    dir
}

fn check(root: &Path, today: &str) -> String {
    let r = run(&["check", "--root", root.to_str().unwrap(), "--today", today]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stderr
}

#[test]
fn dates_decide_what_is_in_force_over_an_early_superseded() {
    for folder in [false, true] {
        let site = consortium(folder);
        let (trial_file, document_page) = if folder {
            (
                "content/rules/working-rules/v1",
                "rules/working-rules/index.html",
            )
        } else {
            (
                "content/rules/working-rules",
                "rules/working-rules/index.html",
            )
        };
        // Between adoption (2025-12-11) and effect (2026-01-01).
        let (_out, files) = built_on(site.path(), "2025-12-20");
        for (prefix, trial, coming) in [
            ("", "版本 1.0-trial", "版本 2.0"),
            ("en/", "Version 1.0-trial", "Version 2.0"),
        ] {
            let home = page(&files, &format!("{prefix}index.html"));
            let in_force = text(&home, "[aria-labelledby=rules-title] .items");
            assert!(
                in_force.contains(trial) && !in_force.contains(coming),
                "folder {folder}, {prefix}: {in_force}"
            );
            // The version to come is announced beside it.
            let announced = text(&home, "[aria-labelledby=rules-title] .is-upcoming");
            assert!(announced.contains(coming), "{announced}");
            let list = page(&files, &format!("{prefix}rules/index.html"));
            let main = text(&list, "main");
            assert!(main.contains(trial), "{main}");
            assert!(
                text(&list, ".status-banner.is-upcoming").contains(coming),
                "{main}"
            );
            let doc = page(&files, &format!("{prefix}{document_page}"));
            assert!(
                text(&doc, ".page-header .item-meta").contains(trial),
                "{}",
                text(&doc, "main")
            );
            assert_eq!(
                doc.select(&sel(".status-banner.is-in-force")).count(),
                1,
                "{}",
                text(&doc, "main")
            );
            assert!(text(&doc, ".status-banner.is-upcoming").contains(coming));
            // Its badge follows the dates too, not the author's `superseded`.
            assert!(doc
                .select(&sel(".page-header .badge-superseded"))
                .next()
                .is_none());
        }
        let warnings = check(site.path(), "2025-12-20");
        for file in [format!("{trial_file}.md"), format!("{trial_file}.en.md")] {
            assert!(
                warnings.contains(&format!(
                    "{file}:4:1: warning: this version is marked `superseded`, but"
                )),
                "{warnings}"
            );
        }
        assert!(
            warnings.contains("takes effect only on 2026-01-01"),
            "{warnings}"
        );

        // Once 2.0 is in force, everything agrees and nothing warns.
        let (_out, files) = built_on(site.path(), "2026-01-02");
        for (prefix, trial, v2) in [
            ("", "版本 1.0-trial", "版本 2.0"),
            ("en/", "Version 1.0-trial", "Version 2.0"),
        ] {
            let home = page(&files, &format!("{prefix}index.html"));
            let in_force = text(&home, "[aria-labelledby=rules-title]");
            assert!(
                in_force.contains(v2) && !in_force.contains(trial),
                "{in_force}"
            );
            assert!(home.select(&sel(".is-upcoming")).next().is_none());
        }
        let warnings = check(site.path(), "2026-01-02");
        assert!(!warnings.contains("superseded"), "{warnings}");
    }
}

#[test]
fn an_adopted_version_left_adopted_after_its_successor_is_in_force_warns() {
    let site = consortium(false);
    let trial = version(
        "工作规则（试行方案）",
        &TRIAL.replace("superseded", "trial"),
        true,
        false,
    );
    write(
        site.path(),
        "content/rules/working-rules.md",
        trial.as_bytes(),
    );
    // A trial before its successor's day is right; after it, still `trial` is
    // not reported (only `adopted` is), and the page shows it superseded.
    assert!(!check(site.path(), "2025-12-20")
        .contains("content/rules/working-rules.md:4:1: warning: this version is marked"));
    let adopted = version(
        "工作规则（试行方案）",
        &TRIAL.replace("superseded", "adopted"),
        true,
        false,
    );
    write(
        site.path(),
        "content/rules/working-rules.md",
        adopted.as_bytes(),
    );
    let warnings = check(site.path(), "2026-01-02");
    assert!(
        warnings.contains(
            "content/rules/working-rules.md:4:1: warning: this version is `adopted`, but the newer"
        ),
        "{warnings}"
    );
    let (_out, files) = built_on(site.path(), "2026-01-02");
    let doc = page(&files, "rules/working-rules/index.html");
    assert!(
        doc.select(&sel(".page-header .badge-superseded"))
            .next()
            .is_some(),
        "{}",
        text(&doc, "main")
    );
}

#[test]
fn the_changes_page_renders_tables_lists_and_footnotes_with_marks_inside() {
    let site = consortium(true);
    let (_out, files) = built_on(site.path(), "2026-01-02");
    for prefix in ["", "en/"] {
        let path = format!("{prefix}rules/working-rules/v2/changes/index.html");
        let doc = page(&files, &path);
        let raw = String::from_utf8(files[&path].clone()).unwrap();
        assert!(!raw.contains("|---|") && !raw.contains("[^1]"), "{raw}");
        let article = doc
            .select(&sel("section.change-reworded"))
            .next()
            .unwrap_or_else(|| panic!("no reworded article: {raw}"));
        let inside = |css: &str| article.select(&sel(css)).count();
        // A real table: the changed cell is marked inside it, the new row whole.
        assert_eq!(inside("table tbody tr"), 3, "{}", article.html());
        let changed: Vec<String> = article
            .select(&sel("table td del, table td ins"))
            .map(|e| e.text().collect())
            .collect();
        assert!(
            changed.contains(&"Beta".to_string()) && changed.contains(&"Gamma".to_string()),
            "{changed:?}"
        );
        assert_eq!(inside("tr.diff-inserted"), 1);
        // A real list: the changed item marked inside, the new one whole.
        assert_eq!(inside("ul > li"), 3);
        assert_eq!(inside("ul > li.diff-inserted"), 1);
        assert!(
            inside("ul > li:nth-child(2) ins") == 1,
            "{}",
            article.html()
        );
        // The footnote under its article, its change marked.
        assert_eq!(inside("ol.article-notes > li"), 1, "{}", article.html());
        assert!(inside("ol.article-notes ins") + inside("ol.article-notes del") > 0);
        assert_eq!(inside("sup.footnote-ref"), 1);
        // The unchanged article is shown as it renders, without marks.
        let same = doc.select(&sel("section.change-unchanged")).next().unwrap();
        assert_eq!(same.select(&sel("del, ins")).count(), 0);
        assert_eq!(same.select(&sel("p")).count(), 1);
    }
}

#[test]
fn a_meeting_names_the_version_of_its_day_and_an_adoption_is_said_once() {
    let site = consortium(true);
    let (_out, files) = built_on(site.path(), "2026-01-02");
    // The meeting of 2024 discussed the trial, not 2.0 adopted later.
    let prep = page(&files, "meetings/prep/index.html");
    let discussed = text(&prep, ".facts");
    assert!(
        discussed.contains("1.0-trial") && !discussed.contains("2.0"),
        "{discussed}"
    );
    // The adoption meeting names 2.0 (adopted there) and lists its adoption once.
    let adoption = page(&files, "meetings/adoption/index.html");
    assert!(
        text(&adoption, ".facts").contains("2.0"),
        "{}",
        text(&adoption, ".facts")
    );
    let decisions: Vec<String> = adoption
        .select(&sel("ul.decisions > li"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(decisions.len(), 1, "{decisions:?}");
    // Without a decision naming it, `adopted_at` still says it.
    write(
        site.path(),
        "content/meetings/2025-12-11-adoption.md",
        b"---\ntitle: Adoption\nstart: 2025-12-11T09:00\nstatus: held\ndecisions:\n  - Thanks the drafting group\n---\nAdopted.\n",
    );
    let (_out, files) = built_on(site.path(), "2026-01-02");
    let adoption = page(&files, "meetings/adoption/index.html");
    assert_eq!(adoption.select(&sel("ul.decisions > li")).count(), 2);
}

#[test]
fn a_successor_written_in_one_language_still_decides() {
    // 2.0 exists in English only: the Chinese trial is still checked against it.
    let site = consortium(false);
    std::fs::remove_file(site.path().join("content/rules/working-rules-v2.md")).unwrap();
    let warnings = check(site.path(), "2025-12-20");
    assert!(
        warnings.contains(
            "content/rules/working-rules.md:4:1: warning: this version is marked `superseded`"
        ),
        "{warnings}"
    );
    assert!(!check(site.path(), "2026-01-02").contains("marked `superseded`"));
}
