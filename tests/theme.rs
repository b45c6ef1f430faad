//! The default theme's identity from site.yaml, and the footnotes, images and
//! task lists of its pages.

use crate::harness::*;
use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn brand_settings_give_logo_favicon_accent_and_hero() {
    let png = {
        // A real 300×120 PNG: photos of the site are decoded and published clean.
        let mut b = Vec::new();
        image::RgbaImage::from_pixel(300, 120, image::Rgba([10, 20, 30, 255]))
            .write_to(&mut std::io::Cursor::new(&mut b), image::ImageFormat::Png)
            .unwrap();
        b
    };
    let config = format!(
        "{BASE_CONFIG}brand:\n  logo: /images/logo.png\n  accent: \"#123456\"\n  hero_image: {{ src: /images/hall.png, alt: The hall }}\n"
    );
    let site = site(&[
        ("site.yaml", config.as_bytes()),
        ("static/images/logo.png", &png),
        ("static/images/hall.png", &png),
        ("content/_index.md", b"---\ntitle: Welcome\n---\nHello.\n"),
        (
            "content/news/2026-01-01-x.md",
            b"---\ntitle: X\n---\nText[^1] and ![a hall](/images/hall.png).\n\n[^1]: A note.\n",
        ),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let r = build(site.path(), &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let home = Html::parse_document(&std::fs::read_to_string(out.join("index.html")).unwrap());
    let logo = home
        .select(&sel(".site-title img"))
        .next()
        .expect("logo in the header");
    assert_eq!(logo.value().attr("src"), Some("/alliance/images/logo.png"));
    assert_eq!(
        (logo.value().attr("width"), logo.value().attr("height")),
        (Some("300"), Some("120"))
    );
    let icon = home.select(&sel("link[rel=icon]")).next().expect("favicon");
    assert_eq!(icon.value().attr("href"), Some("/alliance/images/logo.png"));
    let style: String = home
        .select(&sel("head style"))
        .flat_map(|s| s.text())
        .collect();
    assert!(style.contains("--accent: #123456"), "{style}");
    let hero = home.select(&sel(".hero img")).next().expect("hero image");
    assert_eq!(hero.value().attr("alt"), Some("The hall"));
    assert_eq!(
        home.select(&sel("h1"))
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
        "Welcome"
    );
    // A news page: the image sized, the footnote linked both ways.
    let news =
        Html::parse_document(&std::fs::read_to_string(out.join("news/x/index.html")).unwrap());
    let img = news.select(&sel(".prose img")).next().unwrap();
    assert_eq!(img.value().attr("width"), Some("300"));
    let reference = news
        .select(&sel(".footnote-ref a"))
        .next()
        .expect("footnote reference");
    let note_id = reference
        .value()
        .attr("href")
        .unwrap()
        .trim_start_matches('#')
        .to_string();
    let note = news
        .select(&sel(&format!("li[id='{note_id}']")))
        .next()
        .expect("the note");
    let back = note
        .select(&sel("a.footnote-back"))
        .next()
        .expect("a way back");
    assert_eq!(
        back.value().attr("href").map(|h| h.trim_start_matches('#')),
        reference.value().attr("id")
    );

    // Without a logo: the theme's own icon, written to the site.
    let plain = crate::harness::site(&[]);
    let out2 = dir.path().join("plain");
    assert_eq!(build(plain.path(), &out2).code, 0);
    let page = std::fs::read_to_string(out2.join("index.html")).unwrap();
    assert!(
        page.contains("<link rel=\"icon\" href=\"/alliance/favicon.svg\">"),
        "{page}"
    );
    assert!(out2.join("favicon.svg").exists());
}

#[test]
fn brand_mistakes_are_located() {
    let config = format!("{BASE_CONFIG}brand:\n  logo: images/logo.png\n  accent: red\n  hero_image: {{ src: /images/x.png }}\n");
    let site = site(&[("site.yaml", config.as_bytes())]);
    let r = on_site("check", site.path(), &[]);
    assert_eq!(r.code, 1);
    for (line, text) in [
        (5, "is not a path under the site"),
        (6, "`red` is not a colour"),
        (7, "needs an `alt` text"),
    ] {
        assert!(
            r.stderr.contains(&format!("site.yaml:{line}:")) && r.stderr.contains(text),
            "{line} {text}: {}",
            r.stderr
        );
    }
}

#[test]
fn pages_show_their_breadcrumbs_and_their_neighbours_in_the_section() {
    let dir = site(&[
        (
            "content/news/2024-12-01-a.md",
            b"---\ntitle: First\n---\nA.\n",
        ),
        (
            "content/news/2024-12-05-b.md",
            b"---\ntitle: Second\n---\nB.\n",
        ),
        (
            "content/news/2024-12-10-c.md",
            b"---\ntitle: Third\n---\nC.\n",
        ),
    ]);
    let r = on_site("build", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = snapshot(&dir.path().join("output"));
    let html = page(&files, "news/b/index.html");
    let select = |s: &str| -> Vec<String> {
        let sel = scraper::Selector::parse(s).unwrap();
        html.select(&sel)
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    };
    assert_eq!(select(".breadcrumbs li"), ["Home", "News", "Second"]);
    // The list shows the newest first: the one before is newer.
    assert_eq!(select(".pager-previous .pager-title"), ["Third"]);
    assert_eq!(select(".pager-next .pager-title"), ["First"]);
    let rel = scraper::Selector::parse("a[rel=prev]").unwrap();
    assert_eq!(
        html.select(&rel)
            .next()
            .and_then(|a| a.value().attr("href")),
        Some("/alliance/news/c/")
    );
    // The newest has no previous one.
    let newest = page(&files, "news/c/index.html");
    assert!(newest
        .select(&scraper::Selector::parse(".pager-previous").unwrap())
        .next()
        .is_none());
    // The trail as structured data: positions in order, absolute addresses.
    let trail = json_ld(&html, "BreadcrumbList");
    let items = trail["itemListElement"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[1]["item"], "https://example.org/alliance/news/");
    assert_eq!(items[2]["name"], "Second");
    // The section's list is the section itself: Home › News.
    let list = page(&files, "news/index.html");
    let sel = scraper::Selector::parse(".breadcrumbs li").unwrap();
    let crumbs: Vec<String> = list
        .select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(crumbs, ["Home", "News"]);
}
