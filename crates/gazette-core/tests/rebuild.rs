//! The rebuild invariant, in memory: after any sequence of edits, a `Builder`
//! that rebuilds incrementally gives exactly what a clean build of the final
//! sources gives (the same files, warnings and errors; after a failed build,
//! the last good files stay).
//!
//! Edits reach every front-matter key of every kind and every `site.yaml` key:
//! the keys are read from the schemas, so a key added there is edited here the
//! day it is added, and a rebuild it makes stale fails this test. Bodies,
//! translations, `_index.md`, templates, theme strings and static files are
//! edited too. `GAZETTE_REBUILD_CASES` sets the number of cases (default 600; CI time is the limit, `GAZETTE_REBUILD_CASES=3000` for a longer run).

use gazette_core::content::{front_matter_schema, Kind};
use gazette_core::files::Files;
use gazette_core::source::{Sources, ThemeFile};
use gazette_core::{BuildOptions, Builder};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};
use std::collections::BTreeMap;

const KINDS: [Kind; 5] = [
    Kind::News,
    Kind::Meeting,
    Kind::Rules,
    Kind::Member,
    Kind::Page,
];

/// Values to try for a front-matter key, valid and not; unknown keys get the
/// generic ones, so a new key is still edited (and mostly refused) at once.
fn front_matter_values(key: &str) -> &'static [&'static str] {
    match key {
        "title" => &["\"Alpha\"", "\"党建联合体\"", "\"Zeta\"", "\"\""],
        "slug" => &["custom-slug", "other", "\"../x\""],
        "summary" => &["\"Short.\"", "\"摘要\""],
        "date" => &["2025-03-01", "2025-04-10T09:00", "2026-12-30", "not-a-date"],
        "updated" => &["2025-05-01", "2026-01-02T10:00"],
        "draft" => &["true", "false"],
        "publish_date" => &["2026-11-20", "2026-12-02", "2026-11-24T18:00", "tomorrow"],
        "expires" => &["2026-11-23", "2026-11-24", "2027-01-01", "never"],
        "tags" => &["[a, b]", "[党建]", "[]", "[\"!!\"]"],
        "aliases" => &["[/old/path/]", "[/old/page.html]", "[]", "[/../x/]"],
        "attachments" => &[
            "[minutes.pdf]",
            "[{ file: minutes.pdf, title: 会议纪要 }]",
            "[{ file: /images/b.jpg, title: Photo }]",
            "[missing.pdf]",
            "[]",
        ],
        "weight" => &["1", "5", "-3"],
        "template" => &["page.html", "news.html", "custom.html", "missing.html"],
        "organizations" => &["[alpha]", "[alpha, beta]", "[nobody]", "[]"],
        "authors" => &["[Li]", "[Li, Wang]", "[]"],
        "image" => &[
            "{ src: /images/a.png, alt: A photo }",
            "{ src: /images/none.png, alt: X }",
        ],
        "start" => &["2026-12-01T10:00", "2025-01-01T09:00", "2026-11-24", "soon"],
        "end" => &["2026-12-01T12:00", "2025-01-01T11:00", "2026-12-03"],
        "timezone" => &["Asia/Shanghai", "Europe/Berlin", "Nowhere/X"],
        "location" => &["Hefei", "合肥"],
        "online" => &["https://meet.example.org/x", "not a url"],
        "convener" => &["Wang", "李"],
        "host" => &["alpha", "beta", "nobody"],
        "attendees" => &["[alpha, beta]", "[gamma]", "[]", "[nobody]"],
        "agenda" => &["[One, Two]", "[]"],
        "status" => &[
            "scheduled",
            "held",
            "postponed",
            "cancelled",
            "draft",
            "trial",
            "adopted",
            "superseded",
            "repealed",
        ],
        "rules" => &[
            "[working-rules]",
            "[working-rules-v2]",
            "[code]",
            "[code/v1]",
            "[]",
            "[nope]",
        ],
        "decisions" => &[
            "[Adopt the plan.]",
            "[{ text: Adopt version 2, rules: [code/v2] }, { text: Rotate, rules: [code] }]",
            "[{ text: Keep it, rules: [working-rules-v2] }]",
            "[{ text: Nothing, rules: [nope] }]",
            "[]",
        ],
        "adopted_at" => &["joint-meeting", "first-meeting", "nope"],
        "rescheduled_from" => &["2026-11-20T10:00", "later"],
        "version" => &["\"1.0\"", "\"2.0\"", "\"3\""],
        "adopted" => &["2025-01-01", "2026-01-01", "2026-11-30"],
        "effective" => &["2025-02-01", "2027-01-01", "2026-11-24"],
        "supersedes" => &["working-rules", "working-rules-v2", "v1", "code/v2", "nope"],
        "short_name" => &["Alpha", "甲"],
        "website" => &["https://alpha.example.org/", "nope"],
        "joined" => &["2020-01-01", "2024-06-01"],
        "left" => &["2026-01-01"],
        "logo" => &["{ src: /images/a.png, alt: Logo }"],
        "contact" => &[
            "{ email: a@example.org }",
            "{ phone: \"+86 1\", address: Hefei }",
        ],
        "role" => &["Leading unit", "Member"],
        "menu" => &[
            "main",
            "[main, footer]",
            "{ main: { weight: 3, name: Here } }",
            "header",
        ],
        "extra" => &["{ color: red }", "{ n: 1 }"],
        _ => &["x", "1", "[a]", "{ a: b }"],
    }
}

/// Values to try for a `site.yaml` key.
const TINY_PNG: &[u8] = include_bytes!("../../../tests/fixtures/photos/tiny.png");
const WIDE_PHOTO: &[u8] = include_bytes!("../../../tests/fixtures/photos/wide.jpg");
const PHONE_PHOTO: &[u8] = include_bytes!("../../../tests/fixtures/photos/phone-photo.jpg");
const FOLDER_PHOTO: &str = "content/news/2025-01-05-folder/photo.jpg";
const FOLDER_PDF: &str = "content/news/2025-01-05-folder/minutes.pdf";

fn config_values(key: &str) -> &'static [&'static str] {
    match key {
        "title" => &["Test Consortium", "联合体"],
        "description" => &["About us", "简介"],
        "base_url" => &["https://example.org/", "https://example.org/alliance/", "not-a-url"],
        "language" => &["en", "zh"],
        "languages" => &[
            "[zh]",
            "[]",
            "[zh, fr]",
            "{ zh: { title: 联合体, footer: 页脚, menus: { main: [{ section: news }, { name: 关于, url: \"@/about.md\" }] } } }",
            "{ fr: { title: Consortium }, zh: null }",
        ],
        "footer" => &["A footer line", "页脚"],
        "images" => &[
            "{ widths: [16, 300] }",
            "{ formats: [], quality: 60 }",
            "{ max_pixels: 1000 }",
            "{ keep_metadata: true }",
            "{ widths: [0] }",
        ],
        "meeting_duration" => &["60", "90", "0"],
        "menus" => &[
            "{ main: [{ section: news }, { name: About, url: \"@/about.md\" }], footer: [{ name: Partner, url: \"https://partner.example.org/\" }] }",
            "{ footer: [{ name: Rules, url: \"@/rules/working-rules.md#article-1\" }] }",
            "{ main: [{ name: Gone, url: \"@/gone.md\" }] }",
            "{ main: [{ section: nope }] }",
        ],
        "untranslated" => &["hide", "show", "{ news: hide, meetings: hide }", "{ members: hide, pages: show }", "sometimes"],
        "timezone" => &["Asia/Shanghai", "UTC", "Bad/Zone"],
        "theme" => &["default", "custom"],
        "paginate_by" => &["1", "2", "10", "0"],
        "slugify" => &["unicode", "ascii", "bogus"],
        "search" => &["false", "true"],
        "markdown" => &[
            "{ safe: true }",
            "{ smart_punctuation: false }",
            "{ external_links_new_tab: true, external_links_nofollow: true }",
            "{ unknown: 1 }",
        ],
        "consortium" => &[
            "{ leading_units: [{ member: alpha, from: 2025-01-01, to: 2025-12-31 }, { member: beta, from: 2026-01-01 }] }",
            "{ leading_units: [] }",
            "{ leading_units: [{ member: nobody, from: 2025-01-01 }] }",
        ],
        "channels" => &[
            "{ notices: { like: news, title: { en: Notices, zh: 通知公告 }, weight: 1 } }",
            "{ notices: { title: Circulars, weight: -1 }, work: { like: news, weight: 2 } }",
            "{ work: { like: news } }",
            "{ notices: { like: meeting } }",
            "{ news: { like: news } }",
        ],
        "extra" => &["{ color: red }"],
        "brand" => &[
            "{ logo: /images/a.png }",
            "{ logo: /images/logo.svg }",
            "{ logo: /images/logo.svg, share_image: /images/a.png }",
            "{ share_image: nope.png }",
        ],
        "beian" => &[
            "{ icp: 皖ICP备2024012345号-1, police: 皖公网安备34010402000001号 }",
            "{ icp: 京ICP备05000000号 }",
            "{ icp: 皖ICP备12号 }",
        ],
        _ => &["x", "1"],
    }
}

const BODIES: &[&str] = &[
    "Plain text.\n",
    "First line\n第二行中文\n\n## Part\n\nMore.\n",
    "See [alpha](@/members/alpha.md) and [the rules](@/rules/working-rules.md).\n",
    "See [the code in force](@/rules/code/#article-2) and [its first version](@/rules/code/v1.md).\n",
    "See [an item](@/news/2025-03-01-item-0.md#part).\n",
    "See [nothing](@/news/nope.md).\n",
    "## Purpose\n\nText one.\n\n## Scope\n\nText two.\n\n## Amendment\n\nText three.\n",
    "![A photo](/images/a.png)\n\n#### Skipped level\n",
    "<b>raw</b> html and a [link](https://example.org/).\n",
    // Articles with a table, a list and a footnote, as rules really have them.
    "## Purpose\n\n| Year | Unit |\n|---|---|\n| 2025 | Alpha |\n| 2026 | Beta |\n\n- convenes[^n]\n- keeps the minutes\n\n## Scope\n\nAll.\n\n[^n]: As agreed.\n",
    "## Purpose\n\n| Year | Unit |\n|---|---|\n| 2025 | Alpha |\n| 2026 | Gamma |\n| 2027 | Beta |\n\n- convenes[^n]\n- keeps and files the minutes\n- publishes\n\n## Scope\n\nAll[^m].\n\n[^n]: As agreed each year.\n[^m]: Every member.\n",
    "",
];

const TEMPLATES: &[&str] = &[
    "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endblock content %}",
    "{% extends \"base.html\" %}{% block content %}{% set m = member(slug=\"alpha\", lang=lang) %}<p>{{ m.title }}</p>{% set p = get_page(path=\"news/2025-03-01-item-0.md\") %}<p>{{ p.title }}</p>{% endblock content %}",
    "{% extends \"base.html\" %}{% block content %}{{ t(key=\"news\", lang=lang) }}{% endblock content %}",
    "{% extends \"base.html\" %}{% block content %}{{ page.nope.nope }}{% endblock content %}",
];

const TEMPLATE_NAMES: &[&str] = &["news.html", "member.html", "custom.html", "index.html"];

/// A Markdown source as a map of front-matter lines and a body.
#[derive(Debug, Clone)]
struct Doc {
    fields: BTreeMap<String, String>,
    body: String,
}

impl Doc {
    fn new(fields: &[(&str, &str)], body: &str) -> Doc {
        Doc {
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.to_string(),
        }
    }

    fn text(&self) -> Vec<u8> {
        let mut s = String::from("---\n");
        for (k, v) in &self.fields {
            s.push_str(&format!("{k}: {v}\n"));
        }
        s.push_str("---\n");
        s.push_str(&self.body);
        s.into_bytes()
    }
}

/// The site as the test edits it.
#[derive(Debug, Clone)]
struct Site {
    config: BTreeMap<String, String>,
    docs: BTreeMap<String, Doc>,
    templates: BTreeMap<String, String>,
    /// The site's theme folder: `i18n/en.yaml` and the like.
    theme: BTreeMap<String, String>,
    statics: BTreeMap<String, Vec<u8>>,
    /// Files of the page folder `content/news/2025-01-05-folder/`.
    photos: BTreeMap<String, Vec<u8>>,
}

impl Site {
    fn start() -> Site {
        let mut docs = BTreeMap::new();
        let mut add = |path: &str, fields: &[(&str, &str)], body: &str| {
            docs.insert(path.to_string(), Doc::new(fields, body));
        };
        for m in ["alpha", "beta", "gamma"] {
            add(
                &format!("content/members/{m}.md"),
                &[
                    ("title", &format!("\"{m} association\"")),
                    ("short_name", m),
                ],
                "A member.\n",
            );
        }
        add(
            "content/members/alpha.zh.md",
            &[("title", "\"甲协会\"")],
            "成员。\n",
        );
        add(
            "content/news/2025-01-05-folder/index.md",
            &[("title", "\"In a folder\"")],
            "![The group](photo.jpg \"After the meeting\")\n\nThe [minutes](minutes.pdf).\n",
        );
        add(
            "content/news/2025-01-05-folder/index.zh.md",
            &[("title", "\"文件夹\"")],
            "![合影](photo.jpg)![合影](/images/b.jpg)\n\n[纪要](minutes.pdf)\n",
        );
        for n in 0..3 {
            add(
                &format!("content/news/2025-03-0{}-item-{n}.md", n + 1),
                &[
                    ("title", &format!("\"Item {n}\"")),
                    ("tags", "[a]"),
                    ("organizations", "[alpha]"),
                ],
                "Text.\n\n## Part\n\nMore.\n",
            );
        }
        add(
            "content/news/2025-03-01-item-0.zh.md",
            &[("title", "\"新闻\"")],
            "中文。\n",
        );
        add(
            "content/meetings/2026-12-01-joint-meeting.md",
            &[
                ("title", "\"Joint meeting\""),
                ("start", "2026-12-01T14:00"),
                ("host", "alpha"),
                ("attendees", "[alpha, beta]"),
                ("rules", "[working-rules]"),
                ("decisions", "[{ text: Adopt the code, rules: [code/v2] }]"),
            ],
            "Agenda.\n",
        );
        add(
            "content/meetings/2025-01-01-first-meeting.md",
            &[
                ("title", "\"First meeting\""),
                ("start", "2025-01-01T09:00"),
                ("status", "held"),
            ],
            "Minutes.\n",
        );
        add(
            "content/rules/working-rules.md",
            &[
                ("title", "\"Working Rules\""),
                ("version", "\"1.0\""),
                ("status", "superseded"),
                ("adopted", "2024-01-01"),
            ],
            "## Purpose\n\nOld.\n\n## Scope\n\nAll.\n",
        );
        add(
            "content/rules/working-rules-v2.md",
            &[
                ("title", "\"Working Rules\""),
                ("version", "\"2.0\""),
                ("status", "adopted"),
                ("adopted", "2025-01-01"),
                ("supersedes", "working-rules"),
            ],
            "## Purpose\n\nNew.\n\n## Scope\n\nAll.\n",
        );
        // A rules document kept in a folder: versions in order of their dates.
        add(
            "content/rules/code/v1.md",
            &[
                ("title", "\"Code\""),
                ("version", "\"1\""),
                // Marked superseded before v2 takes effect: the dates decide.
                ("status", "superseded"),
                ("adopted", "2024-06-01"),
                ("adopted_at", "first-meeting"),
            ],
            "## Purpose\n\n| Year | Unit |\n|---|---|\n| 2025 | Alpha |\n\n- convenes[^n]\n\n## Scope\n\nAll.\n\n## Trial\n\nOne year.\n\n[^n]: As agreed.\n",
        );
        add(
            "content/rules/code/v2.md",
            &[
                ("title", "\"Code\""),
                ("version", "\"2\""),
                ("status", "adopted"),
                ("adopted", "2026-11-01"),
                ("effective", "2026-12-01"),
            ],
            "## Scope\n\nAll.\n\n## Purpose\n\nFirst, again.\n",
        );
        add(
            "content/rules/code/v1.zh.md",
            &[
                ("title", "\"守则\""),
                ("version", "\"1\""),
                ("status", "adopted"),
            ],
            "## 宗旨\n\n第一。\n",
        );
        add(
            "content/about.md",
            &[("title", "\"About\""), ("weight", "1")],
            "About us.\n",
        );
        // A channel's items, in both languages.
        add(
            "content/notices/2025-03-02-notice-0.md",
            &[("title", "\"Notice\""), ("organizations", "[alpha]")],
            "Register by Friday.\n",
        );
        add(
            "content/notices/2025-03-02-notice-0.zh.md",
            &[("title", "\"通知\"")],
            "周五前报名。\n",
        );
        add("content/_index.md", &[("title", "\"Welcome\"")], "Hello.\n");
        add("content/_index.zh.md", &[("title", "\"欢迎\"")], "你好。\n");
        let config = [
            ("title", "Test Consortium"),
            ("base_url", "https://example.org/alliance/"),
            ("languages", "[zh]"),
            ("timezone", "Asia/Shanghai"),
            ("paginate_by", "2"),
            ("search", "false"),
            ("consortium", config_values("consortium")[0]),
            ("channels", config_values("channels")[0]),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        Site {
            config,
            docs,
            templates: BTreeMap::new(),
            theme: BTreeMap::new(),
            statics: [("images/a.png".to_string(), TINY_PNG.to_vec())].into(),
            photos: [
                (FOLDER_PHOTO.to_string(), PHONE_PHOTO.to_vec()),
                (FOLDER_PDF.to_string(), b"%PDF-1.4".to_vec()),
            ]
            .into(),
        }
    }

    fn sources(&self) -> Sources {
        let mut config = String::new();
        for (k, v) in &self.config {
            config.push_str(&format!("{k}: {v}\n"));
        }
        Sources {
            config: Some(config.into_bytes()),
            content: self
                .docs
                .iter()
                .map(|(p, d)| (p.clone(), d.text()))
                .collect(),
            templates: self
                .templates
                .iter()
                .map(|(name, text)| {
                    (
                        name.clone(),
                        ThemeFile {
                            origin: format!("templates/{name}"),
                            bytes: text.clone().into_bytes(),
                        },
                    )
                })
                .collect(),
            theme: self
                .theme
                .iter()
                .map(|(path, text)| {
                    (
                        path.clone(),
                        ThemeFile {
                            origin: format!("themes/default/{path}"),
                            bytes: text.clone().into_bytes(),
                        },
                    )
                })
                .collect(),
            static_files: self.statics.clone(),
            content_files: self.photos.clone(),
            problems: vec![],
            published_calendars: BTreeMap::new(),
        }
    }

    fn kind_of(path: &str) -> Kind {
        match path.split('/').nth(1) {
            Some("news" | "notices" | "work") => Kind::News,
            Some("meetings") => Kind::Meeting,
            Some("rules") => Kind::Rules,
            Some("members") => Kind::Member,
            _ => Kind::Page,
        }
    }

    fn doc_path(&self, n: usize) -> Option<String> {
        let len = self.docs.len();
        (len > 0).then(|| self.docs.keys().nth(n % len).cloned())?
    }

    /// Applies an edit; returns the source paths it changed.
    fn apply(&mut self, edit: &Edit) -> Vec<String> {
        match *edit {
            Edit::SetField { doc, key, value } => {
                let Some(path) = self.doc_path(doc) else {
                    return vec![];
                };
                let keys = front_matter_keys(Site::kind_of(&path));
                let key = keys[key % keys.len()];
                let values = front_matter_values(key);
                let value = values[value % values.len()];
                let d = self.docs.get_mut(&path).expect("doc");
                d.fields.insert(key.to_string(), value.to_string());
                vec![path]
            }
            Edit::RemoveField { doc, key } => {
                let Some(path) = self.doc_path(doc) else {
                    return vec![];
                };
                let keys = front_matter_keys(Site::kind_of(&path));
                let key = keys[key % keys.len()];
                self.docs.get_mut(&path).expect("doc").fields.remove(key);
                vec![path]
            }
            Edit::Body { doc, body } => {
                let Some(path) = self.doc_path(doc) else {
                    return vec![];
                };
                self.docs.get_mut(&path).expect("doc").body = BODIES[body % BODIES.len()].into();
                vec![path]
            }
            Edit::Add { kind, n, only_zh } => {
                let kind = KINDS[kind % KINDS.len()];
                let (path, fields): (String, Vec<(&str, &str)>) = match kind {
                    // The third goes to a channel, named in site.yaml or not.
                    Kind::News => (
                        match n {
                            3 => "content/work/2025-06-03-new-3.md".to_string(),
                            2 => "content/notices/2025-06-02-new-2.md".to_string(),
                            _ => format!("content/news/2025-06-0{n}-new-{n}.md"),
                        },
                        vec![("title", "\"New\"")],
                    ),
                    Kind::Meeting => (
                        format!("content/meetings/new-{n}.md"),
                        vec![("title", "\"New\""), ("start", "2026-12-05T10:00")],
                    ),
                    Kind::Rules => (
                        if n % 2 == 0 {
                            format!("content/rules/code/v{}.md", n + 3)
                        } else {
                            format!("content/rules/new-{n}.md")
                        },
                        vec![
                            ("title", "\"New rules\""),
                            ("version", "\"1.0\""),
                            ("status", "draft"),
                        ],
                    ),
                    Kind::Member => (
                        format!("content/members/new-{n}.md"),
                        vec![("title", "\"New member\"")],
                    ),
                    Kind::Page => (
                        format!("content/guides/new-{n}.md"),
                        vec![("title", "\"Guide\"")],
                    ),
                };
                // A document may be written in one extra language only.
                let path = if only_zh {
                    path.replace(".md", ".zh.md")
                } else {
                    path
                };
                self.docs.insert(path.clone(), Doc::new(&fields, "New.\n"));
                vec![path]
            }
            Edit::Delete { doc } => {
                let Some(path) = self.doc_path(doc) else {
                    return vec![];
                };
                self.docs.remove(&path);
                vec![path]
            }
            Edit::Rename { doc, n } => {
                let Some(path) = self.doc_path(doc) else {
                    return vec![];
                };
                let new = path.replace(".md", &format!("-r{n}.md"));
                if self.docs.contains_key(&new) {
                    return vec![];
                }
                let d = self.docs.remove(&path).expect("doc");
                self.docs.insert(new.clone(), d);
                vec![path, new]
            }
            Edit::Translate { doc, present } => {
                let Some(path) = self.doc_path(doc) else {
                    return vec![];
                };
                if path.ends_with(".zh.md") {
                    return vec![];
                }
                let zh = path.replace(".md", ".zh.md");
                if present {
                    let mut d = self.docs[&path].clone();
                    d.fields.insert("title".into(), "\"中文标题\"".into());
                    d.body = "中文正文\n第二行。\n".into();
                    self.docs.insert(zh.clone(), d);
                } else {
                    self.docs.remove(&zh);
                }
                vec![zh]
            }
            Edit::Index { which, text } => {
                let path = [
                    "content/_index.md",
                    "content/_index.zh.md",
                    "content/news/_index.md",
                    "content/rules/_index.zh.md",
                ][which % 4];
                match text {
                    Some(b) => {
                        self.docs.insert(
                            path.into(),
                            Doc::new(&[("title", "\"Intro\"")], BODIES[b % BODIES.len()]),
                        );
                    }
                    None => {
                        self.docs.remove(path);
                    }
                }
                vec![path.into()]
            }
            Edit::SetConfig { key, value } => {
                let keys = config_keys();
                let key = keys[key % keys.len()];
                let values = config_values(key);
                self.config
                    .insert(key.into(), values[value % values.len()].into());
                vec!["site.yaml".into()]
            }
            Edit::RemoveConfig { key } => {
                let keys = config_keys();
                self.config.remove(keys[key % keys.len()]);
                vec!["site.yaml".into()]
            }
            Edit::Template { name, text } => {
                let name = TEMPLATE_NAMES[name % TEMPLATE_NAMES.len()];
                match text {
                    Some(t) => {
                        self.templates
                            .insert(name.into(), TEMPLATES[t % TEMPLATES.len()].into());
                    }
                    None => {
                        self.templates.remove(name);
                    }
                }
                vec![format!("templates/{name}")]
            }
            Edit::ThemeString { lang, value } => {
                let (path, builtin) = [
                    (
                        "i18n/en.yaml",
                        include_str!("../../../themes/default/i18n/en.yaml"),
                    ),
                    (
                        "i18n/zh.yaml",
                        include_str!("../../../themes/default/i18n/zh.yaml"),
                    ),
                ][lang % 2];
                match value {
                    Some(v) => {
                        let text =
                            builtin.replacen("news:", &format!("news: Tidings {v}\nold_news:"), 1);
                        self.theme.insert(path.into(), text);
                    }
                    None => {
                        self.theme.remove(path);
                    }
                }
                vec![format!("themes/default/{path}")]
            }
            Edit::Static { which, present } => {
                let path = [
                    "images/a.png",
                    "images/b.jpg",
                    "news/index.html",
                    "images/logo.svg",
                ][which % 4];
                if present {
                    let bytes = match which % 4 {
                        0 => TINY_PNG.to_vec(),
                        1 => WIDE_PHOTO.to_vec(),
                        // A logo that link previews get drawn as a PNG.
                        3 => br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#a4161a"/></svg>"##.to_vec(),
                        _ => format!("bytes of {path}").into_bytes(),
                    };
                    self.statics.insert(path.into(), bytes);
                } else {
                    self.statics.remove(path);
                }
                vec![format!("static/{path}")]
            }
            Edit::Photo { which, present } => {
                let path = [FOLDER_PHOTO, FOLDER_PDF][which % 2];
                let bytes = [PHONE_PHOTO, WIDE_PHOTO, b"%PDF-1.7 other"][which % 3];
                if present {
                    self.photos.insert(path.into(), bytes.to_vec());
                } else {
                    self.photos.remove(path);
                }
                vec![path.to_string()]
            }
        }
    }
}

fn front_matter_keys(kind: Kind) -> Vec<&'static str> {
    let mut keys = front_matter_schema(kind).keys.to_vec();
    keys.push("extra");
    keys
}

fn config_keys() -> Vec<&'static str> {
    let mut keys = gazette_core::config::SCHEMA.keys.to_vec();
    keys.push("extra");
    keys
}

#[derive(Debug, Clone)]
enum Edit {
    SetField {
        doc: usize,
        key: usize,
        value: usize,
    },
    RemoveField {
        doc: usize,
        key: usize,
    },
    Body {
        doc: usize,
        body: usize,
    },
    Add {
        kind: usize,
        n: u8,
        only_zh: bool,
    },
    Delete {
        doc: usize,
    },
    Rename {
        doc: usize,
        n: u8,
    },
    Translate {
        doc: usize,
        present: bool,
    },
    Index {
        which: usize,
        text: Option<usize>,
    },
    SetConfig {
        key: usize,
        value: usize,
    },
    RemoveConfig {
        key: usize,
    },
    Template {
        name: usize,
        text: Option<usize>,
    },
    ThemeString {
        lang: usize,
        value: Option<u8>,
    },
    Static {
        which: usize,
        present: bool,
    },
    /// A page folder's photo changed (another photo, of another size),
    /// added or removed; its PDF likewise.
    Photo {
        which: usize,
        present: bool,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = 0..64usize;
    prop_oneof![
        6 => (n.clone(), n.clone(), n.clone()).prop_map(|(doc, key, value)| Edit::SetField { doc, key, value }),
        2 => (n.clone(), n.clone()).prop_map(|(doc, key)| Edit::RemoveField { doc, key }),
        4 => (n.clone(), n.clone()).prop_map(|(doc, body)| Edit::Body { doc, body }),
        2 => (n.clone(), 1..4u8, any::<bool>()).prop_map(|(kind, n, only_zh)| Edit::Add { kind, n, only_zh }),
        1 => n.clone().prop_map(|doc| Edit::Delete { doc }),
        1 => (n.clone(), 1..3u8).prop_map(|(doc, n)| Edit::Rename { doc, n }),
        2 => (n.clone(), any::<bool>()).prop_map(|(doc, present)| Edit::Translate { doc, present }),
        1 => (n.clone(), prop::option::of(n.clone())).prop_map(|(which, text)| Edit::Index { which, text }),
        2 => (n.clone(), n.clone()).prop_map(|(key, value)| Edit::SetConfig { key, value }),
        1 => n.clone().prop_map(|key| Edit::RemoveConfig { key }),
        1 => (n.clone(), prop::option::of(n.clone())).prop_map(|(name, text)| Edit::Template { name, text }),
        1 => (n.clone(), prop::option::of(0..3u8)).prop_map(|(lang, value)| Edit::ThemeString { lang, value }),
        1 => (n.clone(), any::<bool>()).prop_map(|(which, present)| Edit::Static { which, present }),
        1 => (n.clone(), any::<bool>()).prop_map(|(which, present)| Edit::Photo { which, present }),
    ]
}

fn options() -> BuildOptions {
    BuildOptions {
        drafts: false,
        future: false,
        base_url: None,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"),
    }
}

/// What a build leaves a reader: the files, or the errors.
type Outcome = Result<(Files, Vec<String>), Vec<String>>;

fn clean(sources: &Sources) -> Outcome {
    let rendered = |d: &gazette_core::diag::Diagnostic| format!("{d:?}");
    match Builder::default().build(sources, &options()) {
        Ok(built) => Ok((built.files, built.warnings.iter().map(rendered).collect())),
        Err(errors) => Err(errors.iter().map(rendered).collect()),
    }
}

/// Runs one sequence of edits through an incremental builder, checking each
/// rebuild against a clean build.
fn check(edits: &[Edit]) -> Result<(), TestCaseError> {
    let mut site = Site::start();
    let mut builder = Builder::default();
    let sources = site.sources();
    let first = builder.build(&sources, &options());
    prop_assert!(first.is_ok(), "the starting site builds: {:?}", first.err());
    let mut files = first.expect("checked").files;
    for (step, e) in edits.iter().enumerate() {
        let changed = site.apply(e);
        let sources = site.sources();
        let expected = clean(&sources);
        let rendered = |d: &gazette_core::diag::Diagnostic| format!("{d:?}");
        match builder.rebuild(&sources, &options(), &changed) {
            Ok(built) => {
                match built.patch {
                    Some(patch) => files.extend(patch),
                    None => files = built.files,
                }
                let warnings: Vec<String> = built.warnings.iter().map(rendered).collect();
                match &expected {
                    Ok((want, want_warnings)) => {
                        let differ: Vec<&str> = want
                            .iter()
                            .filter(|(p, b)| files.get(*p) != Some(*b))
                            .map(|(p, _)| &**p)
                            .chain(
                                files
                                    .keys()
                                    .filter(|p| !want.contains_key(*p))
                                    .map(|p| &**p),
                            )
                            .collect();
                        prop_assert!(
                            differ.is_empty(),
                            "step {step} {e:?}: outputs differ from a clean build: {differ:?}"
                        );
                        prop_assert_eq!(
                            &warnings,
                            want_warnings,
                            "step {} {:?}: warnings",
                            step,
                            e
                        );
                    }
                    Err(errors) => prop_assert!(
                        false,
                        "step {step} {e:?}: rebuild succeeded, clean build failed: {errors:?}"
                    ),
                }
            }
            Err(errors) => {
                let errors: Vec<String> = errors.iter().map(rendered).collect();
                prop_assert_eq!(Err(errors), expected.map(|_| ()), "step {} {:?}", step, e);
            }
        }
    }
    Ok(())
}

/// Runs the cases, half on each of two test threads.
fn run_half() {
    let cases: u32 = std::env::var("GAZETTE_REBUILD_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(600);
    let mut runner = TestRunner::new(ProptestConfig {
        cases: cases.div_ceil(2),
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let result = runner.run(&prop::collection::vec(edit(), 1..7), |edits| check(&edits));
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn rebuilds_equal_clean_builds() {
    run_half();
}

#[test]
fn rebuilds_equal_clean_builds_too() {
    run_half();
}

#[test]
fn every_key_is_edited() {
    // The edits above reach each key through the schemas; make sure the
    // schemas are not empty and every kind's keys have values to try.
    for kind in KINDS {
        let keys = front_matter_keys(kind);
        assert!(keys.contains(&"title"), "{kind:?}");
        for key in keys {
            assert!(!front_matter_values(key).is_empty(), "{key}");
        }
    }
    assert!(config_keys().len() >= 12);
}
