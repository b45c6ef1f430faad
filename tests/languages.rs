//! Languages: every document reaches the readers of every language, each
//! language has its own title, menus and theme strings, and `init --language zh`
//! writes a Chinese site.

use crate::harness::*;
use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, BTreeSet};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn built(root: &std::path::Path) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let r = build(root, &out);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = snapshot(&out);
    (dir, files)
}

/// The list items of a page: (link, the item's `lang` if it differs from the page's,
/// whether it shows a language label).
fn items(html: &Html, scope: &str) -> Vec<(String, Option<String>, bool)> {
    html.select(&sel(&format!("{scope} li.item")))
        .map(|li| {
            let href = li
                .select(&sel(".item-title a"))
                .next()
                .and_then(|a| a.value().attr("href"))
                .unwrap_or_default()
                .to_string();
            let label = li.select(&sel(".lang-label")).next().is_some();
            (href, li.value().attr("lang").map(str::to_string), label)
        })
        .collect()
}

fn events(ics: &[u8]) -> usize {
    let text = std::str::from_utf8(ics).unwrap();
    let calendar: icalendar::Calendar = text.parse().expect("iCalendar parses");
    calendar
        .components
        .iter()
        .filter(|c| matches!(c, icalendar::CalendarComponent::Event(_)))
        .count()
}

#[test]
fn every_language_lists_every_document_marking_the_untranslated() {
    let (_dir, files) = built(&demo_root());
    // The meetings page: as many meetings in Chinese as in English; those
    // without a Chinese version link their English page, marked as English.
    let en = items(&page(&files, "meetings/index.html"), "main");
    let zh = items(&page(&files, "zh/meetings/index.html"), "main");
    assert!(en.len() >= 5, "{en:?}");
    assert_eq!(en.len(), zh.len(), "{en:?}\n{zh:?}");
    for (href, lang, label) in &zh {
        if href.starts_with("/alliance/zh/") {
            assert_eq!((lang.as_deref(), *label), (None, false), "{href}");
        } else {
            assert_eq!((lang.as_deref(), *label), (Some("en"), true), "{href}");
        }
    }
    assert!(
        zh.iter().any(|(_, l, _)| l.is_some()),
        "the demo has untranslated meetings"
    );
    // The news written in Chinese only is listed in English, marked Chinese.
    let en_news: Vec<_> = (1..=4)
        .filter_map(|n| {
            let p = if n == 1 {
                "news/index.html".to_string()
            } else {
                format!("news/page/{n}/index.html")
            };
            files.get(&p).map(|_| items(&page(&files, &p), "main"))
        })
        .flatten()
        .collect();
    let chinese_only: Vec<_> = en_news
        .iter()
        .filter(|(h, _, _)| h.contains("/zh/news/hefei-study-session/"))
        .collect();
    assert_eq!(chinese_only.len(), 1, "{en_news:?}");
    assert_eq!(chinese_only[0].1.as_deref(), Some("zh"));
    assert!(chinese_only[0].2);
    // The home page shows the upcoming meeting in Chinese too.
    let home = page(&files, "zh/index.html");
    assert!(!items(&home, "section[aria-labelledby=upcoming-title]").is_empty());
    // Calendars carry every meeting in every language.
    assert_eq!(
        events(&files["meetings/calendar.ics"]),
        events(&files["zh/meetings/calendar.ics"])
    );
    assert_eq!(events(&files["zh/meetings/calendar.ics"]), en.len());
    // Feeds mark an entry in another language.
    let feed = std::str::from_utf8(&files["news/atom.xml"]).unwrap();
    let parsed = atom_syndication::Feed::read_from(feed.as_bytes()).expect("atom parses");
    assert!(parsed.entries().iter().any(|e| e.links()[0]
        .href()
        .contains("/zh/news/hefei-study-session/")));
    assert!(feed.contains("<entry xml:lang=\"zh\">"), "{feed}");
}

#[test]
fn a_section_can_hide_untranslated_documents_but_calendars_keep_every_meeting() {
    let site = site(&[
        (
            "site.yaml",
            format!("{BASE_CONFIG}languages: [zh]\nuntranslated: {{ news: hide, meetings: hide }}\n").as_bytes(),
        ),
        ("content/news/2026-01-01-english.md", b"---\ntitle: English only\n---\nText.\n"),
        ("content/news/2026-01-02-chinese.zh.md", b"---\ntitle: \xe4\xbb\x85\xe4\xb8\xad\xe6\x96\x87\n---\n\xe6\xad\xa3\xe6\x96\x87\xe3\x80\x82\n"),
        ("content/meetings/2026-12-01-a.md", b"---\ntitle: A meeting\nstart: 2026-12-01T10:00\n---\nText.\n"),
        ("content/meetings/2026-12-02-b.zh.md", b"---\ntitle: \xe4\xbc\x9a\xe8\xae\xae\nstart: 2026-12-02T10:00\n---\nText.\n"),
    ]);
    let (_dir, files) = built(site.path());
    let en = items(&page(&files, "news/index.html"), "main");
    let zh = items(&page(&files, "zh/news/index.html"), "main");
    assert_eq!(
        en.iter().map(|i| i.0.as_str()).collect::<Vec<_>>(),
        ["/alliance/news/english/"]
    );
    assert_eq!(
        zh.iter().map(|i| i.0.as_str()).collect::<Vec<_>>(),
        ["/alliance/zh/news/chinese/"]
    );
    assert_eq!(
        items(&page(&files, "zh/meetings/index.html"), "main").len(),
        1
    );
    assert_eq!(events(&files["meetings/calendar.ics"]), 2);
    assert_eq!(events(&files["zh/meetings/calendar.ics"]), 2);
    // Members stay listed untranslated (the default).
    assert_eq!(
        items(&page(&files, "zh/members/index.html"), "main").len(),
        1
    );
}

#[test]
fn each_language_has_its_title_footer_and_menus() {
    let config = format!(
        "{BASE_CONFIG}footer: English footer\nlanguages:\n  zh:\n    title: 联合体\n    footer: 中文页脚\n    menus:\n      main:\n        - {{ section: news }}\n        - {{ name: 合作伙伴, url: \"https://partner.example.org/\" }}\n      footer:\n        - {{ name: 联系, url: \"@/contact.md\" }}\nmenus:\n  main:\n    - {{ section: news }}\n    - {{ section: members }}\n  footer:\n    - {{ name: Contact, url: \"@/contact.md#office\" }}\n"
    );
    let site = site(&[
        ("site.yaml", config.as_bytes()),
        (
            "content/contact.md",
            b"---\ntitle: Contact\n---\n## Office\n\nCall us.\n",
        ),
        (
            "content/about.md",
            b"---\ntitle: About us\nmenu: { main: { weight: 5 } }\n---\nWho we are.\n",
        ),
    ]);
    let (_dir, files) = built(site.path());
    let text = |h: &Html, s: &str| -> Vec<String> {
        h.select(&sel(s))
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    };
    let en = page(&files, "index.html");
    assert_eq!(text(&en, ".site-title"), ["Test Consortium"]);
    assert_eq!(text(&en, ".site-nav a"), ["News", "Members", "About us"]);
    assert!(text(&en, ".site-footer p").contains(&"English footer".to_string()));
    let contact: Vec<_> = en
        .select(&sel(".site-footer a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        contact.contains(&"/alliance/contact/#office"),
        "{contact:?}"
    );
    let zh = page(&files, "zh/index.html");
    assert_eq!(text(&zh, ".site-title"), ["联合体"]);
    assert!(text(&zh, "title").iter().any(|t| t.contains("联合体")));
    // The untranslated About page keeps its place, in English, marked so.
    assert_eq!(text(&zh, ".site-nav a"), ["新闻", "合作伙伴", "About us"]);
    let about = zh
        .select(&sel(".site-nav a[href=\"/alliance/about/\"]"))
        .next()
        .expect("About in the Chinese menu");
    assert_eq!(about.value().attr("lang"), Some("en"));
    assert!(text(&zh, ".site-footer p").contains(&"中文页脚".to_string()));
    let partner = zh
        .select(&sel(".site-nav a[rel=external]"))
        .next()
        .expect("external link");
    assert_eq!(
        partner.value().attr("href"),
        Some("https://partner.example.org/")
    );
    // hreflang alternates are absolute, with a default.
    let alternates: BTreeSet<(String, String)> = en
        .select(&sel("link[rel=alternate][hreflang]"))
        .map(|l| {
            (
                l.value().attr("hreflang").unwrap().to_string(),
                l.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            ("en", "https://example.org/alliance/"),
            ("x-default", "https://example.org/alliance/"),
            ("zh", "https://example.org/alliance/zh/"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    );
}

#[test]
fn menu_mistakes_are_located_in_site_yaml() {
    let config = format!(
        "{BASE_CONFIG}menus:\n  main:\n    - {{ section: nope }}\n    - {{ name: Gone, url: \"@/gone.md\" }}\n    - {{ url: \"https://x.example/\" }}\nuntranslated: sometimes\n"
    );
    let bad = site(&[("site.yaml", config.as_bytes())]);
    let r = on_site("check", bad.path(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for (line, text) in [
        (6, "`nope` is not a section"),
        (8, "needs a `name`"),
        (9, "`sometimes` is not `show` or `hide`"),
    ] {
        assert!(
            r.stderr.contains(&format!("site.yaml:{line}:")) && r.stderr.contains(text),
            "{line} {text}: {}",
            r.stderr
        );
    }
    // A menu link to a page that does not exist (once the rest is right).
    let config =
        format!("{BASE_CONFIG}menus:\n  footer:\n    - {{ name: Gone, url: \"@/gone.md\" }}\n");
    let broken = site(&[("site.yaml", config.as_bytes())]);
    let r = on_site("check", broken.path(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("site.yaml:6:") && r.stderr.contains("`@/gone.md`"),
        "{}",
        r.stderr
    );
    // A front-matter menu that does not exist.
    let unknown = crate::harness::site(&[(
        "content/about.md",
        b"---\ntitle: About\nmenu: header\n---\nText.\n",
    )]);
    let r = on_site("check", unknown.path(), &[]);
    assert!(
        r.stderr.contains("content/about.md:3:") && r.stderr.contains("no menu `header`"),
        "{}",
        r.stderr
    );
}

/// Theme strings of one language (`language_name` aside: it names languages
/// in their own script on purpose).
fn theme_strings(lang: &str) -> BTreeSet<String> {
    let path = format!(
        "{}/themes/default/i18n/{lang}.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("language_name:"))
        .filter_map(|l| {
            l.split_once(": ")
                .map(|(_, v)| v.trim().trim_matches('"').to_string())
        })
        .filter(|v| !v.is_empty())
        .collect()
}

/// The chrome's text of a page in `lang`: text and labelling attributes outside
/// content (`.prose`, summaries, code) and outside anything marked with another language.
fn chrome_text(html: &Html, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    for node in html.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            if let Some(text) = node.value().as_text() {
                let parent = node.parent().and_then(ElementRef::wrap);
                if parent.is_some_and(|p| in_chrome(p, lang)) && !text.trim().is_empty() {
                    out.push(text.trim().to_string());
                }
            }
            continue;
        };
        if in_chrome(el, lang) {
            for attr in [
                "aria-label",
                "placeholder",
                "title",
                "alt",
                "data-placeholder",
                "data-filter",
            ] {
                if let Some(v) = el.value().attr(attr) {
                    out.push(v.to_string());
                }
            }
        }
    }
    out
}

fn in_chrome(el: ElementRef, lang: &str) -> bool {
    let mut current = Some(el);
    while let Some(e) = current {
        let v = e.value();
        if v.attr("lang").is_some_and(|l| l != lang)
            || ["script", "style", "code", "pre", "time"].contains(&v.name())
            || v.classes()
                .any(|c| ["prose", "item-summary", "intro", "article-body"].contains(&c))
        {
            return false;
        }
        current = e.parent().and_then(ElementRef::wrap);
    }
    true
}

/// Every page of `lang` (under `prefix`) shows no theme string of `other`.
fn assert_no_foreign_strings(
    files: &BTreeMap<String, Vec<u8>>,
    prefix: &str,
    lang: &str,
    other: &str,
) -> usize {
    let own = theme_strings(lang);
    let foreign: Vec<String> = theme_strings(other).difference(&own).cloned().collect();
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let in_lang = match prefix {
            "" => !path.starts_with("zh/") && !path.starts_with("en/"),
            p => path.starts_with(p),
        };
        let html = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let page_lang = html
            .root_element()
            .value()
            .attr("lang")
            .unwrap_or_default()
            .to_string();
        // Redirect stubs for aliases have no language of their own.
        if !in_lang || page_lang.is_empty() {
            continue;
        }
        assert_eq!(page_lang, lang, "{path}");
        for text in chrome_text(&html, lang) {
            for s in &foreign {
                let leaked = if s.chars().count() >= 8 {
                    text.contains(s.as_str())
                } else {
                    text == *s
                };
                assert!(
                    !leaked,
                    "{path}: the {other} theme string {s:?} shows on a {lang} page in {text:?}"
                );
            }
        }
        checked += 1;
    }
    checked
}

#[test]
fn no_theme_string_of_one_language_shows_on_the_other_languages_pages() {
    let (_dir, files) = built(&demo_root());
    let zh = assert_no_foreign_strings(&files, "zh/", "zh", "en");
    let en = assert_no_foreign_strings(&files, "", "en", "zh");
    assert!(
        zh >= 20 && en >= 20,
        "{zh} Chinese and {en} English pages checked"
    );
}

#[test]
fn init_language_zh_writes_a_chinese_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let r = run(&[
        "init",
        root.to_str().unwrap(),
        "--language",
        "zh",
        "--base-url",
        "https://dangjian.example.org/",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    assert!(
        config.contains("language: zh") && config.contains("title: 我们的联合体"),
        "{config}"
    );
    let check = on_site("check", &root, &["--deny-warnings"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let (_out, files) = built(&root);
    assert!(files.contains_key("index.html") && !files.contains_key("zh/index.html"));
    assert!(assert_no_foreign_strings(&files, "", "zh", "en") >= 8);
    let home = page(&files, "index.html");
    let nav: Vec<String> = home
        .select(&sel(".site-nav a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(
        nav,
        ["新闻", "会议", "章程规则", "成员单位", "搜索", "关于"]
    );
    // `new` writes Chinese examples on a Chinese site, which check catches once published.
    let r = run(&[
        "new",
        "--root",
        root.to_str().unwrap(),
        "news",
        "仅中文新闻",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let path = r.stdout.trim();
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains("在这里写新闻正文") && text.contains("删除这一行即发布"),
        "{text}"
    );
    let published: String = text
        .lines()
        .filter(|l| !l.starts_with("draft:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(path, published).unwrap();
    let check = on_site("check", &root, &[]);
    assert!(
        check.stderr.contains("placeholder") || check.stderr.contains("example text"),
        "{}",
        check.stderr
    );
    // An English main-language site can carry a document written in Chinese only.
    let en = tempfile::tempdir().unwrap();
    let en_root = en.path().join("site");
    assert_eq!(run(&["init", en_root.to_str().unwrap()]).code, 0);
    let mut config = std::fs::read_to_string(en_root.join("site.yaml")).unwrap();
    config = config.replace("# languages: [zh]", "languages: [zh]");
    std::fs::write(en_root.join("site.yaml"), config).unwrap();
    let r = run(&[
        "new",
        "--root",
        en_root.to_str().unwrap(),
        "news",
        "仅中文新闻",
        "--lang",
        "zh",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let path = r.stdout.trim().to_string();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("draft: true", "draft: false")
        .replace("在这里写新闻正文。", "正文。");
    std::fs::write(&path, text).unwrap();
    let check = on_site("check", &en_root, &[]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}
