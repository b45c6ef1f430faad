//! Photos and attachments end to end: a phone photo stored sideways with its
//! GPS position, in a page folder with a PDF, published upright, without
//! metadata, with its copies; a link to a missing file is a located error.

use crate::harness::*;

const PHOTO: &[u8] = include_bytes!("fixtures/photos/phone-photo.jpg");
const PDF: &[u8] = include_bytes!("fixtures/photos/minutes.pdf");

fn has_metadata(bytes: &[u8]) -> bool {
    bytes.windows(6).any(|w| w == b"Exif\0\0")
        || bytes.windows(4).any(|w| w == b"II*\0" || w == b"MM\0*")
        || bytes.windows(4).any(|w| w == b"EXIF" || w == b"XMP ")
}

fn photo_site() -> tempfile::TempDir {
    site(&[
        ("site.yaml", format!("{BASE_CONFIG}language: zh\nlanguages: [en]\n").as_bytes()),
        ("content/news/2024-12-13-meeting/index.md", "---\ntitle: 筹备会议\n---\n![五家单位代表合影](phone.jpg \"会后合影\")\n\n附：[会议纪要](minutes.pdf)\n".as_bytes()),
        ("content/news/2024-12-13-meeting/index.en.md", b"---\ntitle: Preparatory meeting\nattachments: [{ file: /files/form.pdf, title: Registration form }]\n---\n![Group photo](phone.jpg)\n\nThe [minutes](minutes.pdf).\n"),
        ("static/files/form.pdf", PDF),
        ("content/news/2024-12-13-meeting/phone.jpg", PHOTO),
        ("content/news/2024-12-13-meeting/minutes.pdf", PDF),
        ("static/images/gps.jpg", PHOTO),
    ])
}

#[test]
fn a_sideways_gps_photo_is_published_upright_and_clean() {
    assert!(has_metadata(PHOTO), "the fixture carries EXIF with GPS");
    let dir = photo_site();
    let out = dir.path().join("output");
    let r = on_site("build", dir.path(), &["--verbose"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("images encoded: "), "{}", r.stdout);

    // Every published raster is clean: the page folder's, its copies and static/'s.
    let mut rasters = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if [".jpg", ".png", ".webp"].iter().any(|e| name.ends_with(e)) {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !has_metadata(&bytes),
                "{} keeps metadata",
                entry.path().display()
            );
            let shown = image::load_from_memory(&bytes).unwrap();
            assert!(shown.height() > shown.width(), "{name} stands upright");
            rasters += 1;
        }
    }
    assert!(rasters >= 4, "{rasters} rasters");
    // Published once, under the main language's page.
    let folder = out.join("news/meeting");
    for name in ["phone.jpg", "phone.477w.webp", "minutes.pdf"] {
        assert!(folder.join(name).is_file(), "{name}");
    }
    assert!(!out.join("en/news/meeting/phone.jpg").exists());

    for (path, meta, listed_first) in [
        ("news/meeting/index.html", "（PDF，729 B）", None),
        (
            "en/news/meeting/index.html",
            "(PDF, 729 B)",
            Some("/alliance/files/form.pdf"),
        ),
    ] {
        let html = std::fs::read_to_string(out.join(path)).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let img = doc
            .select(&scraper::Selector::parse("picture img").unwrap())
            .next()
            .unwrap_or_else(|| panic!("{path}: no <picture>"));
        assert_eq!(img.value().attr("width"), Some("477"), "{path}");
        assert_eq!(img.value().attr("height"), Some("720"), "{path}");
        assert_eq!(
            img.value().attr("src"),
            Some("/alliance/news/meeting/phone.jpg")
        );
        let webp = doc
            .select(&scraper::Selector::parse("picture source[type=\"image/webp\"]").unwrap())
            .next()
            .expect("a WebP source");
        assert_eq!(
            webp.value().attr("srcset"),
            Some("/alliance/news/meeting/phone.477w.webp 477w")
        );
        assert!(html.contains(meta), "{path}: {meta}");
        let listed = doc
            .select(&scraper::Selector::parse(".attachments a").unwrap())
            .map(|a| a.value().attr("href").unwrap_or_default().to_string())
            .collect::<Vec<_>>();
        // `attachments:` comes first, with its title; then the text's links.
        let expected: Vec<&str> = listed_first
            .into_iter()
            .chain(["/alliance/news/meeting/minutes.pdf"])
            .collect();
        assert_eq!(listed, expected, "{path}");
        if listed_first.is_some() {
            assert!(
                html.contains(">Registration form</a> <span class=\"file-meta\">(PDF, 729 B)"),
                "{html}"
            );
        }
    }
    let zh = std::fs::read_to_string(out.join("news/meeting/index.html")).unwrap();
    assert!(zh.contains("<figure>") && zh.contains("<figcaption>会后合影</figcaption>"));

    // Built again: every photo comes from the cache.
    let again = on_site("build", dir.path(), &["--verbose"]);
    assert!(
        again.stdout.contains("images encoded: 0"),
        "{}",
        again.stdout
    );
}

#[test]
fn a_link_to_a_missing_file_is_a_located_error_and_a_photo_without_alt_a_warning() {
    let dir = site(&[
        (
            "content/news/2024-12-13-a/index.md",
            b"---\ntitle: A\n---\nSee [the minutes](minutes.pdf).\n\n![](photo.jpg)\n\n![The icon](/favicon.svg) ![Again](/alliance/favicon.svg)\n",
        ),
        ("content/news/2024-12-13-a/photo.jpg", PHOTO),
        (
            "content/news/2024-12-14-b.md",
            b"---\ntitle: B\n---\nThe [form](/files/missing.pdf) and [a page](/meetings/).\n",
        ),
    ]);
    let r = on_site("check", dir.path(), &[]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains(
            "content/news/2024-12-13-a/index.md:4:5: error: link to `minutes.pdf`: no such file"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "content/news/2024-12-14-b.md:4:5: error: link to `/files/missing.pdf`: no such file"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("static/files/missing.pdf"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("/meetings/`"),
        "a page's URL is no file: {}",
        r.stderr
    );
    // Fixed, the page builds; the photo without alt text is a warning at its line.
    write(dir.path(), "content/news/2024-12-13-a/minutes.pdf", PDF);
    std::fs::remove_file(dir.path().join("content/news/2024-12-14-b.md")).unwrap();
    let r = on_site("check", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "content/news/2024-12-13-a/index.md:6:1: warning: this image has no alt text"
        ),
        "{}",
        r.stderr
    );
    // The built-in theme's files are files of the site, with or without the base path.
    assert!(!r.stderr.contains("favicon"), "{}", r.stderr);
}

#[test]
fn a_decompression_bomb_is_refused_with_its_path() {
    let dir = site(&[
        (
            "site.yaml",
            format!("{BASE_CONFIG}images: {{ max_pixels: 1000 }}\n").as_bytes(),
        ),
        ("static/images/huge.jpg", PHOTO),
    ]);
    let r = on_site("check", dir.path(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("static/images/huge.jpg: error: 720×477 pixels"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("images.max_pixels"), "{}", r.stderr);
}

#[test]
fn a_news_card_shows_a_small_copy_of_the_items_photo() {
    let dir = photo_site();
    let r = on_site("build", dir.path(), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = snapshot(&dir.path().join("output"));
    let list = page(&files, "news/index.html");
    let thumb = scraper::Selector::parse(".item.has-thumb img.item-thumb").unwrap();
    let img = list.select(&thumb).next().expect("a card picture");
    let attr = |name: &str| img.value().attr(name).unwrap_or("").to_string();
    // The phone photo is 477 wide upright: no copy is narrower than 480, so
    // the card shows the photo itself, sized as shown, lazily.
    let src = attr("src");
    let rel = src.strip_prefix("/alliance/").expect("under the base path");
    let shown = image::load_from_memory(&files[rel]).unwrap();
    assert_eq!(
        (attr("width"), attr("height")),
        (shown.width().to_string(), shown.height().to_string())
    );
    assert_eq!(attr("loading"), "lazy");
    // A photo of the text is described there: beside the title it is decoration.
    assert_eq!(attr("alt"), "");
    assert!(attr("srcset").contains(" 477w"), "{}", attr("srcset"));
}
