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

#[test]
fn new_gives_a_chinese_title_a_short_address_and_writes_translations_beside_it() {
    let dir = site(&[(
        "site.yaml",
        format!("{BASE_CONFIG}language: zh\nlanguages: [en]\n").as_bytes(),
    )]);
    let root = dir.path().to_str().unwrap();
    let title = "成员单位在合肥举行党建工作推进会";
    let new = |args: &[&str]| {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        all.extend(["--root", root]);
        let r = run(&all);
        assert_eq!(r.code, 0, "{args:?}: {}{}", r.stdout, r.stderr);
        std::path::PathBuf::from(r.stdout.trim())
    };
    let first = new(&["news", title, "--date", "2024-12-13"]);
    let second = new(&["news", title, "--date", "2024-12-13", "--folder"]);
    let english = new(&[
        "news",
        "Members meet in Hefei",
        "--lang",
        "en",
        "--translation-of",
        first.to_str().unwrap(),
    ]);
    assert_eq!(
        english,
        first.with_file_name(format!("2024-12-13-{title}.en.md"))
    );
    let meeting = new(&["meeting", "联席会议", "--start", "2025-01-05T09:30"]);
    assert!(
        meeting.ends_with("content/meetings/2025-01-05-联席会议.md"),
        "{meeting:?}"
    );
    let given = new(&[
        "news",
        title,
        "--date",
        "2024-12-14",
        "--slug",
        "party-building-hefei",
    ]);
    assert!(
        given.ends_with("content/news/2024-12-14-party-building-hefei.md"),
        "{given:?}"
    );
    let r = run(&["new", "news", "x", "--slug", "a/b", "--root", root]);
    assert_eq!(r.code, 1, "{}", r.stderr);

    // Published, every address is short ASCII, the translation shares it.
    for file in [&first, &second, &english, &meeting, &given] {
        let text = std::fs::read_to_string(file)
            .unwrap()
            .replace("draft: true", "");
        std::fs::write(file, text).unwrap();
    }
    let r = on_site("build", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = snapshot(&dir.path().join("output"));
    for page in [
        "news/2024-12-13-1/index.html",
        "news/2024-12-13-2/index.html",
        "en/news/2024-12-13-1/index.html",
        "meetings/2025-01-05-1/index.html",
        "news/party-building-hefei/index.html",
    ] {
        assert!(files.contains_key(page), "{page}");
    }
    for path in files.keys().filter(|p| p.ends_with("index.html")) {
        let segment = path.rsplit('/').nth(1).unwrap_or("");
        assert!(segment.is_ascii() && segment.len() <= 60, "{path}");
    }
    let english = page(&files, "en/news/2024-12-13-1/index.html");
    let zh_link = english
        .select(&scraper::Selector::parse("link[hreflang=zh]").unwrap())
        .next()
        .and_then(|l| l.value().attr("href"))
        .map(str::to_string);
    assert_eq!(
        zh_link.as_deref(),
        Some("https://example.org/alliance/news/2024-12-13-1/")
    );
}

#[test]
fn a_mainland_site_shows_its_filing_numbers_on_every_page_and_is_warned_without() {
    let config =
        "title: 联合体\nbase_url: https://consortium.org.cn/\nlanguage: zh\nlanguages: [en]\n";
    let dir = site(&[
        ("site.yaml", format!("{config}beian:\n  icp: 皖ICP备2024012345号-1\n  police: 皖公网安备34010402000001号\n").as_bytes()),
        ("content/news/2024-12-13-x.md", "---\ntitle: 新闻\n---\n正文。\n".as_bytes()),
    ]);
    let r = on_site("build", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = snapshot(&dir.path().join("output"));
    assert!(
        files.contains_key("beian-police.svg"),
        "the emblem is shipped, not hot-linked"
    );
    let link = scraper::Selector::parse(".site-footer .beian a").unwrap();
    let mut pages = 0;
    for path in files.keys().filter(|p| p.ends_with(".html")) {
        let html = page(&files, path);
        let links: Vec<(String, String)> = html
            .select(&link)
            .map(|a| {
                (
                    a.text().collect::<String>(),
                    a.value().attr("href").unwrap_or("").to_string(),
                )
            })
            .collect();
        assert_eq!(
            links,
            [
                (
                    "皖ICP备2024012345号-1".to_string(),
                    "https://beian.miit.gov.cn/".to_string()
                ),
                (
                    "皖公网安备34010402000001号".to_string(),
                    "https://beian.mps.gov.cn/#/query/webSearch?code=34010402000001".to_string()
                ),
            ],
            "{path}"
        );
        let emblem = scraper::Selector::parse(".beian img").unwrap();
        let src = html
            .select(&emblem)
            .next()
            .and_then(|i| i.value().attr("src"))
            .unwrap_or("");
        assert_eq!(src, "/beian-police.svg", "{path}");
        pages += 1;
    }
    assert!(pages > 10, "{pages}");

    // Without them: a warning at base_url; a malformed number: a located error.
    write(dir.path(), "site.yaml", config.as_bytes());
    let r = on_site("check", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("site.yaml:2:1: warning") && r.stderr.contains("beian"),
        "{}",
        r.stderr
    );
    write(
        dir.path(),
        "site.yaml",
        format!("{config}beian:\n  icp: 皖ICP备2024号\n").as_bytes(),
    );
    let r = on_site("check", dir.path(), &[]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("site.yaml:6:8: error") && r.stderr.contains("beian.icp"),
        "{}",
        r.stderr
    );
    // An English site, or one elsewhere, is not warned.
    write(
        dir.path(),
        "site.yaml",
        config.replace(".org.cn", ".org").as_bytes(),
    );
    let r = on_site("check", dir.path(), &[]);
    assert!(!r.stderr.contains("beian"), "{}", r.stderr);
}

fn meta(html: &scraper::Html, property: &str) -> Option<String> {
    let s = scraper::Selector::parse(&format!(
        "meta[property='{property}'], meta[name='{property}']"
    ))
    .unwrap();
    html.select(&s)
        .next()
        .and_then(|m| m.value().attr("content"))
        .map(str::to_string)
}

#[test]
fn pages_carry_open_graph_and_structured_data_with_absolute_pictures() {
    const PHOTO: &[u8] = include_bytes!("fixtures/photos/wide.jpg");
    let dir = site(&[
        ("site.yaml", format!("{BASE_CONFIG}language: zh\nlanguages: [en]\nbrand: {{ logo: /images/logo.png }}\n").as_bytes()),
        ("static/images/logo.png", include_bytes!("fixtures/photos/tiny.png")),
        ("content/news/2024-12-13-x/index.md", "---\ntitle: 筹备会议</script><b>\nauthors: [李明]\n---\n会议在合肥召开。\n\n![合影](photo.jpg)\n".as_bytes()),
        ("content/news/2024-12-13-x/photo.jpg", PHOTO),
        ("content/meetings/2024-12-20-online.md", "---\ntitle: 线上会议\nstart: 2024-12-20T14:00\nend: 2024-12-20T16:00\nstatus: cancelled\nonline: https://meet.example.org/room\nhost: alpha\n---\n取消。\n".as_bytes()),
    ]);
    let r = on_site("build", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = snapshot(&dir.path().join("output"));

    let news = page(&files, "news/x/index.html");
    let image = meta(&news, "og:image").unwrap();
    let rel = image
        .strip_prefix("https://example.org/alliance/")
        .expect("absolute");
    let (w, h) = image::load_from_memory(&files[rel])
        .map(|i| (i.width(), i.height()))
        .unwrap();
    assert_eq!(meta(&news, "og:image:width"), Some(w.to_string()));
    assert_eq!(meta(&news, "og:image:height"), Some(h.to_string()));
    assert_eq!(meta(&news, "og:locale").as_deref(), Some("zh_CN"));
    assert_eq!(meta(&news, "og:type").as_deref(), Some("article"));
    assert_eq!(
        meta(&news, "article:published_time").as_deref(),
        Some("2024-12-13")
    );
    assert_eq!(
        meta(&news, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    let article = json_ld(&news, "NewsArticle");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(
        article["headline"], "筹备会议</script><b>",
        "a title cannot close the script"
    );
    assert_eq!(article["image"][0], image.as_str());
    assert_eq!(article["author"][0]["name"], "李明");
    assert_eq!(
        article["publisher"]["logo"],
        "https://example.org/alliance/images/logo.png"
    );

    let meeting = page(&files, "meetings/online/index.html");
    let event = json_ld(&meeting, "Event");
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["eventStatus"], "https://schema.org/EventCancelled");
    assert_eq!(
        event["eventAttendanceMode"],
        "https://schema.org/OnlineEventAttendanceMode"
    );
    assert_eq!(event["location"]["@type"], "VirtualLocation");
    assert_eq!(event["startDate"], "2024-12-20T14:00:00+08:00");
    assert_eq!(event["organizer"]["name"], "Alpha Association");
    assert_eq!(meta(&meeting, "article:published_time"), None);
    // No picture of its own: the logo, a raster, absolute.
    assert_eq!(
        meta(&meeting, "og:image").as_deref(),
        Some("https://example.org/alliance/images/logo.png")
    );

    let home = page(&files, "en/index.html");
    let org = json_ld(&home, "Organization");
    assert_eq!(org["@type"], "Organization");
    assert_eq!(org["member"][0]["name"], "Alpha Association");
    assert_eq!(
        meta(&home, "og:url").as_deref(),
        Some("https://example.org/alliance/en/")
    );
    assert_eq!(meta(&home, "og:locale").as_deref(), Some("en_US"));
}

#[test]
fn an_svg_logo_is_drawn_as_a_png_for_link_previews() {
    let logo = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 40" width="80" height="40"><rect width="80" height="40" fill="#a4161a"/></svg>"##;
    let dir = site(&[
        (
            "site.yaml",
            format!("{BASE_CONFIG}brand: {{ logo: /images/logo.svg }}\n").as_bytes(),
        ),
        ("static/images/logo.svg", logo.as_bytes()),
    ]);
    let r = on_site("build", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = snapshot(&dir.path().join("output"));
    let home = page(&files, "index.html");
    assert_eq!(
        meta(&home, "og:image").as_deref(),
        Some("https://example.org/alliance/images/logo.share.png")
    );
    assert_eq!(meta(&home, "og:image:width").as_deref(), Some("600"));
    assert_eq!(meta(&home, "og:image:height").as_deref(), Some("300"));
    let png = image::load_from_memory(&files["images/logo.share.png"])
        .unwrap()
        .to_rgba8();
    assert_eq!(png.dimensions(), (600, 300));
    assert_eq!(
        png.get_pixel(300, 150).0,
        [0xa4, 0x16, 0x1a, 0xff],
        "drawn, not blank"
    );
    // A share_image given is used instead, and nothing is drawn.
    write(
        dir.path(),
        "site.yaml",
        format!(
            "{BASE_CONFIG}brand: {{ logo: /images/logo.svg, share_image: /images/share.png }}\n"
        )
        .as_bytes(),
    );
    write(
        dir.path(),
        "static/images/share.png",
        include_bytes!("fixtures/photos/tiny.png"),
    );
    let r = on_site("build", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = snapshot(&dir.path().join("output"));
    assert!(!files.contains_key("images/logo.share.png"));
    assert_eq!(
        meta(&page(&files, "news/index.html"), "og:image").as_deref(),
        Some("https://example.org/alliance/images/share.png")
    );
}

#[test]
fn chinese_pages_use_chinese_punctuation_around_theme_text() {
    let dir = site(&[
        ("site.yaml", format!("{BASE_CONFIG}language: zh\nlanguages: [en]\n").as_bytes()),
        ("content/members/beta.md", "---\ntitle: 乙协会\n---\n成员。\n".as_bytes()),
        ("content/members/alpha.md", "---\ntitle: 甲协会\n---\n成员。\n".as_bytes()),
        ("content/news/2024-12-13-x.md", "---\ntitle: 新闻\norganizations: [alpha, beta]\ntags: [党建]\n---\n正文。\n".as_bytes()),
        ("content/news/2024-12-13-x.en.md", b"---\ntitle: News\norganizations: [alpha, beta]\ntags: [party]\n---\nText.\n"),
        ("content/rules/code/v1.en.md", b"---\ntitle: Working Rules\nversion: \"1.0\"\nstatus: adopted\nadopted: 2024-12-01\neffective: 2027-01-01\n---\n## Purpose\n\nTo work together.\n"),
        ("content/rules/code/v1.md", "---\ntitle: 工作规则\nversion: \"1.0\"\nstatus: adopted\nadopted: 2024-12-01\neffective: 2027-01-01\n---\n## 目的\n\n合作。\n".as_bytes()),
    ]);
    let r = on_site("build", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = snapshot(&dir.path().join("output"));
    let text = |path: &str, selector: &str| -> String {
        let html = page(&files, path);
        let s = scraper::Selector::parse(selector).unwrap();
        html.select(&s)
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
            .join("|")
    };
    let news_meta = text("news/x/index.html", "main .item-meta");
    assert!(
        news_meta.contains("相关单位：甲协会、乙协会"),
        "{news_meta}"
    );
    let banner = text("rules/code/v1/index.html", ".status-banner");
    assert!(banner.contains("施行日期：2027年1月1日。"), "{banner}");
    assert_eq!(text("tags/index.html", ".count"), "（1）");
    assert!(text("index.html", ".site-footer").contains("订阅更新"));
    // English pages keep theirs.
    let en_meta = text("en/news/x/index.html", "main .item-meta");
    assert!(en_meta.contains("Organizations: "), "{en_meta}");
    assert_eq!(text("en/tags/index.html", ".count"), " (1)");
    // And the spaces between their words (a Chinese page has none there).
    let home = text("en/index.html", ".status-banner");
    assert!(home.contains(") takes effect on 1 January 2027."), "{home}");
    let zh_home = text("index.html", ".status-banner");
    assert!(
        zh_home.contains("（版本 1.0）施行日期：2027年1月1日。"),
        "{zh_home}"
    );
}
