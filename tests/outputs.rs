//! The demo site's outputs parsed back: HTML structure, links, feeds, calendars, sitemap.

use crate::harness::*;
use scraper::{Html, Selector};
use std::collections::BTreeMap;

fn demo_build() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let r = build(&demo_root(), &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.is_empty(),
        "the demo builds without warnings: {}",
        r.stderr
    );
    let files = snapshot(&out);
    (dir, files)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Maps a root-relative URL under `/alliance/` to an output file.
fn target(files: &BTreeMap<String, Vec<u8>>, url: &str) -> bool {
    let path = url.split('#').next().unwrap();
    let Some(rel) = path.strip_prefix("/alliance/") else {
        return false;
    };
    let rel = percent_decode(rel);
    if rel.is_empty() || rel.ends_with('/') {
        files.contains_key(&format!("{rel}index.html"))
    } else {
        files.contains_key(&rel)
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn every_page_is_accessible_and_every_internal_link_resolves() {
    let (_dir, files) = demo_build();
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let root = html.select(&sel("html")).next().unwrap();
        if html
            .select(&sel("meta[http-equiv=refresh]"))
            .next()
            .is_some()
        {
            continue; // alias redirect pages
        }
        let lang = if path.starts_with("zh/") { "zh" } else { "en" };
        assert_eq!(root.value().attr("lang"), Some(lang), "{path}");
        for landmark in [
            "header",
            "nav",
            "main#main",
            "footer",
            "a.skip-link[href='#main']",
            "h1",
        ] {
            assert!(
                html.select(&sel(landmark)).next().is_some(),
                "{path} lacks {landmark}"
            );
        }
        // Every image is described, but for the header's logo, which sits
        // beside the site's name and says nothing more (an empty alt).
        for img in html.select(&sel("img:not(.site-title img)")) {
            assert!(
                img.value().attr("alt").is_some_and(|a| !a.is_empty()),
                "{path}: image without alt"
            );
            // Sized from the file, so the page does not jump while it loads.
            assert!(
                img.value().attr("width").is_some() && img.value().attr("height").is_some(),
                "{path}: image without width and height"
            );
        }
        for img in html.select(&sel(".site-title img")) {
            assert_eq!(img.value().attr("alt"), Some(""), "{path}");
        }
        for (selector, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
        ] {
            for el in html.select(&sel(selector)) {
                let url = el.value().attr(attr).unwrap();
                // A subscription is the calendar's own address under webcal:.
                if let Some(rest) = url.strip_prefix("webcal://example.org") {
                    assert!(target(&files, rest), "{path}: broken subscription {url}");
                    continue;
                }
                if url.starts_with("http") || url.starts_with("mailto:") || url.starts_with('#') {
                    continue;
                }
                assert!(
                    url.starts_with("/alliance/"),
                    "{path}: {url} ignores the base path"
                );
                assert!(target(&files, url), "{path}: broken link {url}");
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "checked {checked} links");
}

#[test]
fn pages_of_each_kind_show_their_data() {
    let (_dir, files) = demo_build();
    let page = |p: &str| Html::parse_document(std::str::from_utf8(&files[p]).unwrap());
    let text = |h: &Html, s: &str| {
        h.select(&sel(s))
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
    };

    let home = page("index.html");
    assert!(
        text(&home, ".leading-unit-name")[0].contains("Hua'an Securities Foundation"),
        "2026's leading unit"
    );
    assert!(text(&home, "section")
        .iter()
        .any(|s| s.contains("Annual joint meeting 2026")));

    let meetings = page("meetings/index.html");
    let upcoming = text(
        &meetings,
        "section[aria-labelledby=upcoming-title] .item-title",
    );
    assert_eq!(upcoming, ["Annual joint meeting 2026"]);
    let past = text(&meetings, "section[aria-labelledby=past-title] .item-title");
    assert_eq!(past.len(), 5);
    assert_eq!(
        past[0], "Rules review meeting",
        "past meetings newest first"
    );
    assert_eq!(text(&meetings, ".is-cancelled .badge-cancelled").len(), 1);

    let rules = page("rules/working-rules/index.html");
    let articles = text(&rules, ".articles h2 .article-number");
    assert_eq!(
        articles,
        (1..=7).map(|n| format!("Article {n}")).collect::<Vec<_>>()
    );
    assert!(rules.select(&sel("h2#article-4")).next().is_some());
    assert_eq!(text(&rules, ".versions li").len(), 3);

    let list = page("rules/index.html");
    assert_eq!(
        text(&list, ".item-title"),
        ["Working Rules of the Party Building Work Consortium"],
        "one entry per document"
    );

    let changes = page("rules/working-rules/changes/index.html");
    assert_eq!(
        text(&changes, ".change-added").len(),
        2,
        "the counter and the added article"
    );
    assert!(changes
        .select(&sel(".change-reworded ins"))
        .next()
        .is_some());

    let member = page("members/huaan-securities-foundation/index.html");
    let body = text(&member, "main").join(" ");
    assert!(body.contains("Preparatory meeting"), "hosted meetings");
    assert!(
        body.contains("takes over as leading unit"),
        "news naming it"
    );
    assert!(body.contains("(current)"), "its current term");

    let news_list = page("news/index.html");
    assert_eq!(text(&news_list, ".items > li").len(), 5, "paginate_by: 5");
    assert!(files.contains_key("news/page/2/index.html"));
    assert!(
        !files.keys().any(|k| k.contains("draft-notes")),
        "drafts are not built"
    );

    assert!(
        std::str::from_utf8(&files["2024/12/preparatory-meeting/index.html"])
            .unwrap()
            .contains("url=/alliance/news/preparatory-meeting-held/")
    );
    assert!(std::str::from_utf8(&files["_redirects"]).unwrap().contains(
        "/alliance/2024/12/preparatory-meeting/ /alliance/news/preparatory-meeting-held/ 301"
    ));
    // The same moves for Apache and nginx.
    assert!(std::str::from_utf8(&files[".htaccess"]).unwrap().contains(
        "Redirect 301 \"/alliance/2024/12/preparatory-meeting/\" \"/alliance/news/preparatory-meeting-held/\""
    ));
    assert!(std::str::from_utf8(&files["redirects.nginx.conf"]).unwrap().contains(
        "location = \"/alliance/2024/12/preparatory-meeting/\" { return 301 \"/alliance/news/preparatory-meeting-held/\"; }"
    ));
}

#[test]
fn feeds_parse_as_atom() {
    let (_dir, files) = demo_build();
    for path in ["atom.xml", "news/atom.xml", "tags/rules/atom.xml"] {
        let feed = atom_syndication::Feed::read_from(&files[path][..])
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(!feed.entries().is_empty(), "{path}");
        for entry in feed.entries() {
            assert!(
                entry.links()[0]
                    .href()
                    .starts_with("https://example.org/alliance/"),
                "{path}"
            );
            assert!(entry.content().is_some());
        }
    }
    let all = atom_syndication::Feed::read_from(&files["atom.xml"][..]).unwrap();
    let titles: Vec<&str> = all.entries().iter().map(|e| e.title().as_str()).collect();
    // Newest first, the news written in Chinese only among them.
    assert_eq!(
        titles[..2],
        [
            "成员单位在合肥举行党建工作推进会",
            "Annual joint meeting announced for 17 December"
        ],
        "newest first"
    );
}

#[test]
fn calendars_parse_as_icalendar() {
    use icalendar::{Calendar, Component, EventLike};
    let (_dir, files) = demo_build();
    let text = std::str::from_utf8(&files["meetings/calendar.ics"]).unwrap();
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    let calendar: Calendar = text.parse().expect("valid iCalendar");
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 6);
    for e in &events {
        for key in [
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "LAST-MODIFIED",
            "SEQUENCE",
            "SUMMARY",
            "URL",
            "STATUS",
        ] {
            assert!(
                e.property_value(key).is_some(),
                "{key} in {:?}",
                e.get_summary()
            );
        }
        // Never stamped after the build's day (2026-11-24).
        assert!(e.property_value("DTSTAMP").unwrap() <= "20261124T000000Z");
    }
    let cancelled: Vec<_> = events
        .iter()
        .filter(|e| e.property_value("STATUS") == Some("CANCELLED"))
        .collect();
    assert_eq!(cancelled.len(), 1);
    assert_eq!(
        cancelled[0].get_location(),
        Some("Provincial Plastics Association, Hefei")
    );
    let single: Calendar = std::str::from_utf8(&files["meetings/preparatory-meeting/meeting.ics"])
        .unwrap()
        .parse()
        .unwrap();
    let e = single.events().next().unwrap();
    assert_eq!(
        e.property_value("DTSTART"),
        Some("20241213T063000Z"),
        "14:30 in Shanghai"
    );
    assert_eq!(
        e.get_uid(),
        Some("alliance/meetings/preparatory-meeting@example.org")
    );
}

#[test]
fn sitemap_lists_existing_pages_and_robots_points_at_it() {
    let (_dir, files) = demo_build();
    let xml = std::str::from_utf8(&files["sitemap.xml"]).unwrap();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut in_loc = false;
    let mut locs = Vec::new();
    loop {
        match reader.read_event().expect("well-formed sitemap") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"loc" => in_loc = true,
            quick_xml::events::Event::Text(t) if in_loc => {
                locs.push(t.unescape().unwrap().into_owned());
                in_loc = false;
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(locs.len() > 30);
    for loc in &locs {
        let url = loc.strip_prefix("https://example.org").expect("absolute");
        assert!(target(&files, url), "sitemap entry without a page: {loc}");
    }
    assert!(std::str::from_utf8(&files["robots.txt"])
        .unwrap()
        .contains("Sitemap: https://example.org/alliance/sitemap.xml"));
}

#[test]
fn base_url_can_be_overridden_at_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let r = run(&[
        "build",
        "--root",
        demo_root().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--today",
        TODAY,
        "--base-url",
        "https://consortium.example.com",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("href=\"/news/\""),
        "links follow the new base path"
    );
    assert!(!home.contains("/alliance/"));
    // Calendar events keep the UIDs of the site as site.yaml publishes it, so
    // a calendar fetched from a preview or a mirror names the same events.
    let uids = |ics: &[u8]| -> Vec<String> {
        let calendar: icalendar::Calendar = std::str::from_utf8(ics).unwrap().parse().unwrap();
        calendar
            .components
            .iter()
            .filter_map(|c| match c {
                icalendar::CalendarComponent::Event(e) => {
                    icalendar::Component::get_uid(e).map(str::to_string)
                }
                _ => None,
            })
            .collect()
    };
    let moved = uids(&std::fs::read(out.join("meetings/calendar.ics")).unwrap());
    let (_dir, files) = demo_build();
    let published = uids(&files["meetings/calendar.ics"]);
    assert!(!published.is_empty());
    assert_eq!(moved, published);
    assert!(
        published
            .iter()
            .all(|u| u.ends_with("@example.org") && u.starts_with("alliance/meetings/")),
        "{published:?}"
    );
}

#[test]
fn main_of_each_kind_snapshot() {
    let (_dir, files) = demo_build();
    for (name, path) in [
        ("news", "news/preparatory-meeting-held/index.html"),
        ("meeting", "meetings/preparatory-meeting/index.html"),
        ("rules", "rules/working-rules/v1/index.html"),
        (
            "member",
            "members/provincial-plastics-association/index.html",
        ),
        ("page", "about/index.html"),
    ] {
        let html = std::str::from_utf8(&files[path]).unwrap();
        let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap() + 7];
        insta::assert_snapshot!(name, main);
    }
}

#[test]
fn the_chinese_edition_is_built_under_zh_and_linked_both_ways() {
    let (_dir, files) = demo_build();
    let page = |p: &str| {
        String::from_utf8(
            files
                .get(p)
                .unwrap_or_else(|| panic!("{p} missing"))
                .clone(),
        )
        .unwrap()
    };
    for p in [
        "zh/index.html",
        "zh/news/index.html",
        "zh/rules/working-rules/index.html",
        "zh/rules/working-rules-trial/index.html",
        "zh/rules/working-rules/changes/index.html",
        "zh/news/rules-adopted/index.html",
        "zh/atom.xml",
        "zh/meetings/calendar.ics",
        "zh/404.html",
    ] {
        assert!(files.contains_key(p), "{p} missing");
    }
    // hreflang both ways, and a visible switcher.
    let en = Html::parse_document(&page("rules/working-rules/index.html"));
    let alt = en
        .select(&sel("link[rel=alternate][hreflang=zh]"))
        .next()
        .expect("hreflang link to zh");
    assert_eq!(
        alt.value().attr("href"),
        Some("https://example.org/alliance/zh/rules/working-rules/")
    );
    assert!(en
        .select(&sel("nav.languages a[hreflang=zh][lang=zh]"))
        .next()
        .is_some());
    let zh = Html::parse_document(&page("zh/rules/working-rules/index.html"));
    let back = zh
        .select(&sel("link[rel=alternate][hreflang=en]"))
        .next()
        .expect("hreflang link to en");
    assert_eq!(
        back.value().attr("href"),
        Some("https://example.org/alliance/rules/working-rules/")
    );
    // Chinese article numbers, past ten too in the numeral unit tests.
    let zh_rules = page("zh/rules/working-rules/index.html");
    assert!(
        zh_rules.contains("第一条") && zh_rules.contains("第七条"),
        "articles are numbered in Chinese"
    );
    // Theme strings and dates in Chinese.
    let zh_news = page("zh/news/rules-adopted/index.html");
    assert!(
        zh_news.contains("2025年3月21日"),
        "dates are written the Chinese way"
    );
    let zh_home = page("zh/index.html");
    assert!(zh_home.contains("党建工作联合体"));
    let en_home = page("index.html");
    assert!(
        !en_home.contains("联合体通过工作规则"),
        "no Chinese items in English lists"
    );
    assert!(
        zh_home.contains("年度联席会议定于12月17日召开"),
        "a translated item is listed in Chinese on the Chinese home"
    );
}

#[test]
fn search_indexes_documents_per_language_and_works_without_a_server() {
    let (_dir, files) = demo_build();
    for p in [
        "search/index.html",
        "zh/search/index.html",
        "pagefind/pagefind-ui.js",
        "pagefind/pagefind-entry.json",
    ] {
        assert!(files.contains_key(p), "{p} missing");
    }
    let entry: serde_json::Value =
        serde_json::from_slice(&files["pagefind/pagefind-entry.json"]).unwrap();
    let languages = entry["languages"]
        .as_object()
        .expect("languages in the entry file");
    assert!(
        languages.contains_key("en") && languages.contains_key("zh"),
        "{entry}"
    );
    // Documents are indexed with their section; lists, the home page and search are not.
    let indexed = |p: &str| {
        let html = Html::parse_document(std::str::from_utf8(&files[p]).unwrap());
        let main = html.select(&sel("main")).next().unwrap();
        let body = main.value().attr("data-pagefind-body").is_some();
        let filter = main
            .value()
            .attr("data-pagefind-filter")
            .and_then(|f| f.split_once(':'))
            .filter(|(name, _)| ["Section", "栏目"].contains(name))
            .map(|(_, value)| value)
            .map(str::to_string);
        (body, filter)
    };
    assert_eq!(
        indexed("news/rules-adopted/index.html"),
        (true, Some("News".into()))
    );
    assert_eq!(
        indexed("zh/rules/working-rules/index.html"),
        (true, Some("章程规则".into()))
    );
    assert!(indexed("members/huaan-securities-foundation/index.html").0);
    for not_indexed in [
        "index.html",
        "news/index.html",
        "tags/index.html",
        "search/index.html",
    ] {
        assert_eq!(indexed(not_indexed), (false, None), "{not_indexed}");
    }
    // Without JavaScript the page says so and links the lists.
    let search = std::str::from_utf8(&files["zh/search/index.html"]).unwrap();
    let html = Html::parse_document(search);
    let noscript = html
        .select(&sel("noscript"))
        .next()
        .expect("noscript")
        .inner_html();
    assert!(noscript.contains("搜索需要 JavaScript") && noscript.contains("/alliance/zh/news/"));
    assert!(
        search.contains("/alliance/pagefind/pagefind-ui.js"),
        "the bundle is under the base path"
    );
}

#[test]
fn drafts_are_never_indexed() {
    let dir = crate::harness::site(&[(
        "content/news/2025-01-01-secret.md",
        b"---\ntitle: Secret plan\ndraft: true\n---\nZebraword.\n",
    )]);
    let out = tempfile::tempdir().unwrap();
    let run = crate::harness::on_site(
        "build",
        dir.path(),
        &[
            "--drafts",
            "--output",
            out.path().join("s").to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(out.path().join("s/news/secret/index.html")).unwrap();
    assert!(page.contains("Zebraword") && !page.contains("data-pagefind-body"));
}
