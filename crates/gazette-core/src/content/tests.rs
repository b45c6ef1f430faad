use super::*;

fn config() -> ParseSettings {
    crate::config::parse(
        "title: T\nbase_url: https://example.org/\nlanguages: [zh]\ntimezone: Asia/Shanghai\n",
    )
    .unwrap()
    .parse_settings()
}

#[test]
fn timestamps() {
    let tz: Tz = "Asia/Shanghai".parse().unwrap();
    let d = Timestamp::parse("2024-12-13", tz).unwrap();
    assert!(!d.has_time);
    assert_eq!(d.instant.to_rfc3339(), "2024-12-13T00:00:00+08:00");
    let t = Timestamp::parse("2024-12-13T14:30", tz).unwrap();
    assert_eq!(t.instant.to_rfc3339(), "2024-12-13T14:30:00+08:00");
    let z = Timestamp::parse("2024-12-13T06:30:00Z", tz).unwrap();
    assert_eq!(z.instant, t.instant);
    assert!(Timestamp::parse("13/12/2024", tz).is_none());
}

#[test]
fn placement_from_file_names() {
    let c = config();
    let doc = parse(
        "content/news/2024-12-13-preparatory-meeting.md",
        "---\ntitle: Prep\n---\nBody\n",
        &c,
    )
    .unwrap();
    assert_eq!(
        (doc.slug.as_str(), doc.url_path.as_str()),
        ("preparatory-meeting", "news/preparatory-meeting/")
    );
    assert_eq!(doc.common.date.unwrap().date().to_string(), "2024-12-13");
    let zh = parse(
        "content/news/2024-12-13-preparatory-meeting.zh.md",
        "---\ntitle: 筹备会\n---\n",
        &c,
    )
    .unwrap();
    assert_eq!(
        (zh.lang.as_str(), zh.url_path.as_str()),
        ("zh", "zh/news/preparatory-meeting/")
    );
    assert_eq!(zh.translation_key, doc.translation_key);
    let page = parse("content/guides/How To.md", "---\ntitle: G\n---\n", &c).unwrap();
    assert_eq!(page.url_path, "guides/how-to/");
    let err = parse(
        "content/news/x.fr.md",
        "---\ntitle: x\ndate: 2024-01-01\n---\n",
        &c,
    )
    .unwrap_err();
    assert_eq!(err[0].code.as_str(), "language");
}

#[test]
fn every_kind_validates_its_fields() {
    let c = config();
    let cases: &[(&str, &str, &str, usize)] = &[
        (
            "content/news/a.md",
            "---\ntitle: A\n---\n",
            "`date` is required",
            1,
        ),
        (
            "content/news/a.md",
            "---\ntitle: A\ndate: 2024-13-01\n---\n",
            "is not a date",
            3,
        ),
        (
            "content/news/a.md",
            "---\ntitle: A\ndate: 2024-01-01\nimage: { src: a.png }\n---\n",
            "needs an `alt`",
            4,
        ),
        (
            "content/meetings/m.md",
            "---\ntitle: M\n---\n",
            "`start` is required",
            1,
        ),
        (
            "content/meetings/m.md",
            "---\ntitle: M\nstart: 2025-01-01T10:00\nend: 2025-01-01T09:00\n---\n",
            "`end` is not after `start`",
            4,
        ),
        (
            "content/meetings/m.md",
            "---\ntitle: M\nstart: 2025-01-01T10:00\nstatus: helld\n---\n",
            "not a meeting status",
            4,
        ),
        (
            "content/meetings/m.md",
            "---\ntitle: M\nstart: 2025-01-01T10:00\ntimezone: Mars/Olympus\n---\n",
            "IANA",
            4,
        ),
        (
            "content/rules/r.md",
            "---\ntitle: R\nstatus: trial\n---\n",
            "`version` is required",
            1,
        ),
        (
            "content/rules/r.md",
            "---\ntitle: R\nversion: 1\nstatus: final\n---\n",
            "not a rules status",
            4,
        ),
        (
            "content/members/m.md",
            "---\ntitle: M\nwebsite: not a url\n---\n",
            "is not a URL",
            3,
        ),
        (
            "content/about.md",
            "---\ntitle: A\nslug: ../../etc\n---\n",
            "invalid slug",
            3,
        ),
        (
            "content/about.md",
            "---\ntitle: A\nversion: 2\n---\n",
            "unknown field",
            3,
        ),
        (
            "content/about.md",
            "---\ntitle: A\naliases: [\"/../x/\"]\n---\n",
            "not a clean path",
            3,
        ),
    ];
    for (path, text, message, line) in cases {
        let errs = parse(path, text, &c).expect_err(text);
        assert!(
            errs.iter()
                .any(|e| e.message.contains(message) && e.line == Some(*line)),
            "{text}: {errs:#?}"
        );
    }
}

#[test]
fn scalars_are_accepted_as_text() {
    let c = config();
    let doc = parse(
        "content/rules/r.md",
        "---\ntitle: 2025\nversion: 1.0\nstatus: trial\ntags: single\n---\n",
        &c,
    )
    .unwrap();
    assert_eq!(doc.common.title, "2025");
    assert_eq!(doc.common.tags, vec!["single"]);
    match doc.meta {
        Meta::Rules(r) => assert_eq!(r.version, "1.0"),
        _ => panic!("rules"),
    }
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn front_matter_text() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec![
            "title", "date", "slug", "tags", "start", "status", "version", "extra", "titel",
            "draft", "image",
        ]);
        let value = prop::sample::select(vec![
            "x",
            "2024-12-13",
            "[a, b]",
            "\"q\"",
            "{ src: a }",
            "",
            ":",
            "- a",
            "\t1",
            "../..",
            "2024-02-30T25:00",
            "true",
            "党建",
        ]);
        (
            prop::collection::vec((key, value), 0..8),
            "\\PC{0,40}",
            any::<bool>(),
        )
            .prop_map(|(pairs, body, closed)| {
                let yaml: String = pairs.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
                format!("---\n{yaml}{}{body}", if closed { "---\n" } else { "" })
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn parse_never_panics_on_arbitrary_text(text in "\\PC{0,200}", kind in 0usize..5) {
            let folder = ["news", "meetings", "rules", "members", "pages"][kind];
            let _ = parse(&format!("content/{folder}/x.md"), &text, &config());
        }

        #[test]
        fn parse_never_panics_on_front_matter_shapes(text in front_matter_text(), kind in 0usize..5) {
            let folder = ["news", "meetings", "rules", "members", "pages"][kind];
            match parse(&format!("content/{folder}/2024-01-01-x.md"), &text, &config()) {
                Ok(doc) => {
                    let out_path = format!("{}index.html", doc.url_path);
                    prop_assert!(crate::files::is_contained(&out_path), "{:?}", out_path);
                }
                Err(errors) => {
                    prop_assert!(!errors.is_empty());
                    for e in errors {
                        prop_assert!(e.line.is_none_or(|l| l >= 1 && l <= text.lines().count().max(1) + 1), "{:?} in {:?}", e, text);
                    }
                }
            }
        }
    }
}
