//! Channels from `site.yaml`: a section of news-like items (通知公告) with its
//! own list, pages, feed, menu entry, search filter, home-page block and
//! `gazette new`, and its mistakes located in site.yaml.

use crate::harness::*;
use scraper::{Html, Selector};

fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&Selector::parse(css).unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    html.select(&Selector::parse(css).unwrap())
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

const CONFIG: &str = "title: Test Consortium\nbase_url: https://example.org/alliance/\ntimezone: Asia/Shanghai\nlanguages:\n  zh: { title: 联合体 }\nchannels:\n  notices:\n    like: news\n    title: { zh: 通知公告, en: Notices }\n    weight: 1\n";

fn notices_site() -> tempfile::TempDir {
    site(&[
        ("site.yaml", CONFIG.as_bytes()),
        ("content/news/2026-11-01-open-day.md", b"---\ntitle: Open day\n---\nNews.\n"),
        (
            "content/notices/2026-11-20-registration.md",
            b"---\ntitle: Registration for the annual meeting\ntags: [meetings]\norganizations: [alpha]\n---\nName your delegates by 5 December.\n",
        ),
        (
            "content/notices/2026-11-20-registration.zh.md",
            "---\ntitle: 关于报名参加年度会议的通知\n---\n请于12月5日前报送参会人员名单。\n".as_bytes(),
        ),
        (
            "content/notices/2026-10-09-office-hours.zh.md",
            "---\ntitle: 秘书处办公时间调整\n---\n自10月9日起调整。\n".as_bytes(),
        ),
    ])
}

#[test]
fn a_channel_gets_lists_pages_feeds_menus_search_and_a_home_block() {
    let dir = notices_site();
    let out = dir.path().join("output");
    let r = build(dir.path(), &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = snapshot(&out);
    for (lang, prefix, title) in [("en", "", "Notices"), ("zh", "zh/", "通知公告")] {
        // Its list, newest first, the untranslated item listed in its own language.
        let list = page(&files, &format!("{prefix}notices/index.html"));
        assert_eq!(texts(&list, "h1"), [title], "{lang}");
        let items = texts(&list, ".item-title a");
        assert_eq!(items.len(), 2, "{lang}: {items:?}");
        // In the header, marked current on its own pages, not the news.
        let current = texts(&list, ".site-nav [aria-current=page]");
        assert_eq!(current, [title], "{lang}");
        let nav = texts(&list, ".site-nav a");
        let at = |name: &str| nav.iter().position(|n| n == name);
        assert!(
            at(title) > at(if lang == "en" { "News" } else { "新闻" }),
            "{lang}: {nav:?}"
        );
        // Its own feed, parsed back, linked from every page's head.
        let feed = &files[&format!("{prefix}notices/atom.xml")][..];
        let feed = atom_syndication::Feed::read_from(feed).unwrap();
        assert_eq!(feed.entries().len(), 2, "{lang}");
        assert!(
            feed.title().as_str().ends_with(title),
            "{lang}: {}",
            feed.title().as_str()
        );
        let feeds = attrs(&list, "link[type='application/atom+xml']", "href");
        assert!(
            feeds.contains(&format!("/alliance/{prefix}notices/atom.xml")),
            "{feeds:?}"
        );
        // Its items are filed under its title in search.
        let item = page(&files, &format!("{prefix}notices/registration/index.html"));
        let filter = attrs(&item, "main", "data-pagefind-filter");
        assert!(
            filter[0].ends_with(&format!(":{title}")),
            "{lang}: {filter:?}"
        );
        // The home page shows its latest items under its title.
        let home = page(&files, &format!("{prefix}index.html"));
        let block = texts(&home, "section[aria-labelledby=channel-notices-title] h2");
        assert_eq!(block, [title], "{lang}");
        let linked = attrs(
            &home,
            "section[aria-labelledby=channel-notices-title] .item-title a",
            "href",
        );
        assert_eq!(linked.len(), 2, "{lang}");
    }
    // The news stay the news; the site feed carries both.
    let news = page(&files, "news/index.html");
    assert_eq!(texts(&news, ".item-title a"), ["Open day"]);
    let site_feed = String::from_utf8(files["atom.xml"].clone()).unwrap();
    assert!(
        site_feed.contains("Registration for the annual meeting") && site_feed.contains("Open day")
    );
    // A member named by a notice lists it.
    let alpha = page(&files, "members/alpha/index.html");
    assert!(alpha.html().contains("/alliance/notices/registration/"));
}

#[test]
fn gazette_new_writes_into_a_channel() {
    let dir = notices_site();
    let root = dir.path().to_str().unwrap();
    let r = run(&["new", "--root", root, "notices", "Office closed on Friday"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = r.stdout.trim();
    assert!(dir.path().join(written).exists() || std::path::Path::new(written).exists());
    assert!(
        written.contains("content/notices/") && written.ends_with("-office-closed-on-friday.md"),
        "{written}"
    );
    let text = std::fs::read_to_string(written).unwrap();
    assert!(
        text.contains("title: \"Office closed on Friday\"") && text.contains("date: "),
        "{text}"
    );
    let r = run(&["new", "--root", root, "circulars", "X"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("notices"),
        "the channels are listed: {}",
        r.stderr
    );
}

#[test]
fn channel_mistakes_are_located_in_site_yaml() {
    let bad = CONFIG.replace("like: news", "like: meeting") + "  members:\n    like: news\n";
    let dir = site(&[("site.yaml", bad.as_bytes())]);
    let r = on_site("check", dir.path(), &[]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("site.yaml:8:"),
        "`like:` located: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains("cannot be like `meeting`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("site.yaml:11:"),
        "the clash located: {}",
        r.stderr
    );
    assert!(r.stderr.contains("clashes with a section"), "{}", r.stderr);

    // A folder of dated items that no channel claims (one removed from site.yaml).
    let dir = site(&[(
        "content/circulars/2026-11-20-x.md",
        b"---\ntitle: X\n---\nText.\n",
    )]);
    let r = on_site("check", dir.path(), &[]);
    assert!(
        r.stderr.contains("warning[channel]") || r.stderr.contains("channel"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("content/circulars/"), "{}", r.stderr);
    assert!(r.stderr.contains("site.yaml:1:"), "{}", r.stderr);
}

#[test]
fn untranslated_can_be_hidden_per_channel() {
    let config = CONFIG.to_string() + "untranslated: { notices: hide }\n";
    let dir = notices_site();
    write(dir.path(), "site.yaml", config.as_bytes());
    let out = dir.path().join("output");
    let r = build(dir.path(), &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = snapshot(&out);
    // The Chinese-only notice leaves the English list, not the Chinese one.
    let en = page(&files, "notices/index.html");
    assert_eq!(
        texts(&en, ".item-title a"),
        ["Registration for the annual meeting"]
    );
    let zh = page(&files, "zh/notices/index.html");
    assert_eq!(texts(&zh, ".item-title a").len(), 2);
}
