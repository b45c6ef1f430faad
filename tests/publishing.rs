//! A publishing day: items scheduled for a later day are absent from every
//! output until then, expired notices leave lists and feeds, `check` tells
//! what a daily rebuild will change.

use crate::harness::*;

fn scheduled_site() -> tempfile::TempDir {
    site(&[
        (
            "content/news/2026-11-20-out.md",
            b"---\ntitle: Already out\n---\nSee [the notice](@/news/2026-12-01-later.md).\n",
        ),
        (
            "content/news/2026-12-01-later.md",
            b"---\ntitle: Scheduled notice\ntags: [notice]\n---\nNot yet.\n",
        ),
        (
            "content/news/2026-11-01-embargo.md",
            b"---\ntitle: Embargoed report\npublish_date: 2026-11-30T09:00\n---\nLater.\n",
        ),
        (
            "content/news/2026-10-01-old-call.md",
            b"---\ntitle: Expired call\nexpires: 2026-11-23\ntags: [notice]\n---\nClosed.\n",
        ),
        (
            "content/news/2026-11-02-open-call.md",
            b"---\ntitle: Open call\nexpires: 2026-11-24\n---\nStill open today.\n",
        ),
    ])
}

/// Every output file that mentions `text`.
fn mentions(files: &std::collections::BTreeMap<String, Vec<u8>>, text: &str) -> Vec<String> {
    files
        .iter()
        .filter(|(_, b)| b.windows(text.len()).any(|w| w == text.as_bytes()))
        .map(|(p, _)| p.clone())
        .collect()
}

#[test]
fn scheduled_news_waits_for_its_day_and_expired_notices_leave_the_lists() {
    let dir = scheduled_site();
    // The published item links to the scheduled one: an error naming the day.
    let r = on_site("build", dir.path(), &[]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("2026-11-20-out.md:4:") && r.stderr.contains("scheduled for 2026-12-01"),
        "{}",
        r.stderr
    );
    write(
        dir.path(),
        "content/news/2026-11-20-out.md",
        b"---\ntitle: Already out\n---\nPublished.\n",
    );
    let out = dir.path().join("output");
    let r = on_site("build", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = snapshot(&out);
    for title in [
        "Scheduled notice",
        "Embargoed report",
        "news/embargo/",
        "news/later/",
    ] {
        assert_eq!(mentions(&files, title), Vec::<String>::new(), "{title}");
    }
    // The expired call keeps its page, and only its page.
    assert_eq!(
        mentions(&files, "Expired call"),
        ["news/old-call/index.html"],
        "gone from lists, tags, feeds, search"
    );
    let feed = std::str::from_utf8(&files["atom.xml"]).unwrap();
    let feed = atom_syndication::Feed::read_from(feed.as_bytes()).unwrap();
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(titles, ["Already out", "Open call"]);

    // `check` says what the next daily builds change.
    let r = on_site("check", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let ahead: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("  20")).collect();
    assert_eq!(
        ahead,
        [
            "  2026-11-25  leaves lists and feeds: Open call (content/news/2026-11-02-open-call.md)",
            "  2026-11-30  publishes: Embargoed report (content/news/2026-11-01-embargo.md)",
            "  2026-12-01  publishes: Scheduled notice (content/news/2026-12-01-later.md)",
        ],
        "{}",
        r.stdout
    );

    // On its day (and with --future) the item is out, everywhere.
    for extra in [&["--today", "2026-12-01"][..], &["--future"][..]] {
        let mut args = vec!["build", "--root", dir.path().to_str().unwrap()];
        if extra[0] == "--future" {
            args.extend(["--today", TODAY]);
        }
        args.extend(extra);
        let r = run(&args);
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        let files = snapshot(&out);
        let seen = mentions(&files, "Scheduled notice");
        for place in [
            "news/later/index.html",
            "news/index.html",
            "atom.xml",
            "sitemap.xml",
            "tags/notice/index.html",
        ] {
            let place_seen = seen.iter().any(|p| p == place)
                || (place == "sitemap.xml"
                    && mentions(&files, "news/later/").contains(&place.to_string()));
            assert!(place_seen, "{place} in {seen:?} ({extra:?})");
        }
    }
}
