//! The watch invariant: after any sequence of edits, applied through the same
//! `Session` that `gazette watch` uses, the output folder is byte-identical to a
//! clean build of the final sources (or, after a bad edit, to the last good one).

use crate::harness::{snapshot, write, TODAY};
use gazette::live::session::Session;
use gazette::BuildOptions;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const MEMBERS: [&str; 3] = ["alpha", "beta", "gamma"];
const TAGS: [&str; 3] = ["party-building", "rules", "党建"];

/// A news item as the model knows it.
#[derive(Debug, Clone)]
struct News {
    title: String,
    date: u8,
    tags: Vec<usize>,
    org: Option<usize>,
    body: String,
    /// Links to another news item by number (may be dangling: an error),
    /// and whether to its `#part` heading (an error when it has none).
    link: Option<(u8, bool)>,
    /// Whether the body has a `## Part` heading.
    heading: bool,
    broken_yaml: bool,
}

#[derive(Debug, Clone)]
enum Edit {
    Body(u8, String),
    Title(u8, String),
    Tags(u8, Vec<usize>),
    Add(u8, String),
    Delete(u8),
    Rename(u8, u8),
    BreakYaml(u8),
    Link(u8, Option<(u8, bool)>),
    Heading(u8, bool),
    MemberTitle(usize, String),
    MemberBody(usize, String),
    Template(Option<u8>),
    MeetingStatus(bool),
    RulesArticle(String),
    /// Retitles the superseded version, which the newer one's pages name.
    OldRulesTitle(String),
    /// The site's title, and whether Chinese is among its languages.
    Site(String, bool),
    /// Writes (`Some`) or removes (`None`) the Chinese translation of an item.
    Translation(u8, Option<String>),
    /// Writes or removes the home page text, English (`false`) or Chinese.
    HomeText(bool, Option<String>),
    /// Writes or removes a plain page, which the home page text links to.
    Page(Option<String>),
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = "[a-z党建轮值 ]{0,12}";
    prop_oneof![
        (0..6u8, text).prop_map(|(n, t)| Edit::Body(n, t)),
        (0..6u8, "[A-Za-z会议 ]{1,10}").prop_map(|(n, t)| Edit::Title(n, t)),
        (0..6u8, prop::collection::vec(0..3usize, 0..3)).prop_map(|(n, t)| Edit::Tags(n, t)),
        (0..6u8, "[a-z]{1,8}").prop_map(|(n, t)| Edit::Add(n, t)),
        (0..6u8).prop_map(Edit::Delete),
        (0..6u8, 0..6u8).prop_map(|(a, b)| Edit::Rename(a, b)),
        (0..6u8).prop_map(Edit::BreakYaml),
        (0..6u8, prop::option::of((0..6u8, any::<bool>()))).prop_map(|(a, b)| Edit::Link(a, b)),
        (0..6u8, any::<bool>()).prop_map(|(n, h)| Edit::Heading(n, h)),
        (0..3usize, "[A-Za-z ]{1,10}").prop_map(|(m, t)| Edit::MemberTitle(m, t)),
        (0..3usize, text).prop_map(|(m, t)| Edit::MemberBody(m, t)),
        prop::option::of(0..3u8).prop_map(Edit::Template),
        any::<bool>().prop_map(Edit::MeetingStatus),
        "[a-z ]{1,20}".prop_map(Edit::RulesArticle),
        "[A-Za-z ]{1,10}".prop_map(Edit::OldRulesTitle),
        ("[A-Za-z]{1,10}", prop::bool::weighted(0.8)).prop_map(|(t, zh)| Edit::Site(t, zh)),
        (0..6u8, prop::option::of("[a-z党建 ]{1,10}")).prop_map(|(n, t)| Edit::Translation(n, t)),
        (any::<bool>(), prop::option::of(text)).prop_map(|(zh, t)| Edit::HomeText(zh, t)),
        prop::option::of("[A-Za-z ]{1,10}").prop_map(Edit::Page),
    ]
}

fn news_path(n: u8) -> String {
    format!("content/news/2025-03-{:02}-item-{n}.md", n + 1)
}

fn news_text(n: &News) -> String {
    if n.broken_yaml {
        return format!("---\ntitle: [{}\n---\n{}\n", n.title, n.body);
    }
    let tags: Vec<&str> = n.tags.iter().map(|&t| TAGS[t]).collect();
    let mut s = format!(
        "---\ntitle: \"{}\"\ndate: 2025-03-{:02}\ntags: [{}]\n",
        n.title,
        n.date,
        tags.join(", ")
    );
    if let Some(o) = n.org {
        s.push_str(&format!("organizations: [{}]\n", MEMBERS[o]));
    }
    s.push_str("---\n");
    s.push_str(&n.body);
    if n.heading {
        s.push_str("\n\n## Part\n\nMore.\n");
    }
    if let Some((l, anchor)) = n.link {
        let target = news_path(l);
        s.push_str(&format!(
            "\n\nSee [the other item](@/{}{}).\n",
            target.trim_start_matches("content/"),
            if anchor { "#part" } else { "" }
        ));
    }
    s
}

struct Model {
    news: BTreeMap<u8, News>,
}

fn site_yaml(title: &str, zh: bool) -> String {
    let languages = if zh { "languages: [zh]\n" } else { "" };
    format!("title: {title}\n{languages}base_url: https://example.org/alliance/\ntimezone: Asia/Shanghai\npaginate_by: 2\nconsortium:\n  leading_units:\n    - {{ member: alpha, from: 2025-01-01, to: 2025-12-31 }}\n")
}

fn initial(root: &Path) -> Model {
    write(root, "site.yaml", site_yaml("Test", true).as_bytes());
    for (i, m) in MEMBERS.iter().enumerate() {
        write(
            root,
            &format!("content/members/{m}.md"),
            format!("---\ntitle: Member {i}\n---\nAbout {m}.\n").as_bytes(),
        );
    }
    write(
        root,
        "content/meetings/2025-06-01-joint.md",
        meeting_text(false).as_bytes(),
    );
    write(root, "content/rules/v1.md", rules_v1("Rules").as_bytes());
    write(root, "content/rules/v2.md", rules_v2("new text").as_bytes());
    let mut news = BTreeMap::new();
    for n in 0..3u8 {
        let item = News {
            title: format!("Item {n}"),
            date: n + 1,
            tags: vec![n as usize % 3],
            org: Some(n as usize % 3),
            body: format!("Body {n}."),
            link: None,
            heading: n == 1,
            broken_yaml: false,
        };
        write(root, &news_path(n), news_text(&item).as_bytes());
        news.insert(n, item);
    }
    Model { news }
}

fn meeting_text(held: bool) -> String {
    format!(
        "---\ntitle: Joint meeting\nstart: 2025-06-01T09:00\nlocation: Hefei\nhost: beta\nattendees: [alpha, gamma]\nrules: [v2]\nstatus: {}\n---\nAgenda.\n",
        if held { "held" } else { "scheduled" }
    )
}

fn rules_v1(title: &str) -> String {
    format!("---\ntitle: \"{title}\"\nversion: \"1.0\"\nstatus: superseded\n---\n## Scope\n\nOld text.\n")
}

fn rules_v2(text: &str) -> String {
    format!("---\ntitle: Rules\nversion: \"2.0\"\nstatus: adopted\nsupersedes: v1\n---\n## Scope\n\n{text}\n")
}

/// Applies one edit to the disk and the model; returns the paths it touched.
fn apply(root: &Path, model: &mut Model, e: &Edit) -> Vec<String> {
    let mut touched = Vec::new();
    let rewrite = |model: &mut Model, n: u8, touched: &mut Vec<String>| {
        if let Some(item) = model.news.get(&n) {
            write(root, &news_path(n), news_text(item).as_bytes());
            touched.push(news_path(n));
        }
    };
    match e {
        Edit::Body(n, t) => {
            if let Some(i) = model.news.get_mut(n) {
                i.body = t.clone();
            }
            rewrite(model, *n, &mut touched);
        }
        Edit::Title(n, t) => {
            if let Some(i) = model.news.get_mut(n) {
                i.title = t.trim().to_string() + "x";
                i.broken_yaml = false;
            }
            rewrite(model, *n, &mut touched);
        }
        Edit::Tags(n, t) => {
            if let Some(i) = model.news.get_mut(n) {
                i.tags = t.clone();
                i.tags.sort();
                i.tags.dedup();
            }
            rewrite(model, *n, &mut touched);
        }
        Edit::Add(n, t) => {
            model.news.entry(*n).or_insert(News {
                title: format!("New {t}"),
                date: n + 1,
                tags: vec![],
                org: None,
                body: t.clone(),
                link: None,
                heading: false,
                broken_yaml: false,
            });
            rewrite(model, *n, &mut touched);
        }
        Edit::Delete(n) => {
            if model.news.remove(n).is_some() {
                std::fs::remove_file(root.join(news_path(*n))).unwrap();
                touched.push(news_path(*n));
            }
        }
        Edit::Rename(a, b) => {
            if a != b && model.news.contains_key(a) && !model.news.contains_key(b) {
                let mut item = model.news.remove(a).unwrap();
                item.date = b + 1;
                std::fs::rename(root.join(news_path(*a)), root.join(news_path(*b))).unwrap();
                // The date lives in the file name; the content moves as it is.
                model.news.insert(*b, item);
                touched.push(news_path(*a));
                touched.push(news_path(*b));
            }
        }
        Edit::BreakYaml(n) => {
            if let Some(i) = model.news.get_mut(n) {
                i.broken_yaml = true;
            }
            rewrite(model, *n, &mut touched);
        }
        Edit::Link(a, b) => {
            if let Some(i) = model.news.get_mut(a) {
                i.link = *b;
            }
            rewrite(model, *a, &mut touched);
        }
        Edit::Heading(n, h) => {
            if let Some(i) = model.news.get_mut(n) {
                i.heading = *h;
            }
            rewrite(model, *n, &mut touched);
        }
        Edit::MemberBody(m, t) => {
            let path = format!("content/members/{}.md", MEMBERS[*m]);
            write(
                root,
                &path,
                format!("---\ntitle: Member {m}\n---\n{t}\n").as_bytes(),
            );
            touched.push(path);
        }
        Edit::MemberTitle(m, t) => {
            let path = format!("content/members/{}.md", MEMBERS[*m]);
            write(
                root,
                &path,
                format!("---\ntitle: \"{}x\"\n---\nAbout.\n", t.trim()).as_bytes(),
            );
            touched.push(path);
        }
        Edit::Template(variant) => {
            let path = "templates/news.html".to_string();
            match variant {
                None => {
                    let _ = std::fs::remove_file(root.join(&path));
                }
                Some(v) => write(
                    root,
                    &path,
                    // Variant 2 reads other documents through template functions.
                    format!("{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page.title }}}}</h1><p>variant {v}</p>{}{{% endblock content %}}",
                        if *v == 2 { "{% set b = member(slug=\"beta\") %}{% set m = get_page(path=\"@/meetings/2025-06-01-joint.md\") %}<p>{{ b.title }} {{ m.status }} {{ url_for(path=\"@/members/gamma.md\") }}</p>" } else { "" }).as_bytes(),
                ),
            }
            touched.push(path);
        }
        Edit::MeetingStatus(held) => {
            let path = "content/meetings/2025-06-01-joint.md".to_string();
            write(root, &path, meeting_text(*held).as_bytes());
            touched.push(path);
        }
        Edit::Site(t, zh) => {
            write(root, "site.yaml", site_yaml(t, *zh).as_bytes());
            touched.push("site.yaml".to_string());
        }
        Edit::Translation(n, text) => {
            let path = news_path(*n).replace(".md", ".zh.md");
            write_or_remove(
                root,
                &path,
                text.as_ref().map(|t| {
                    format!(
                        "---\ntitle: \"译 {t}\"\ndate: 2025-03-{:02}\ntags: [党建]\n---\n{t}\n",
                        n + 1
                    )
                }),
            );
            touched.push(path);
        }
        Edit::HomeText(zh, text) => {
            let path = if *zh {
                "content/_index.zh.md"
            } else {
                "content/_index.md"
            };
            write_or_remove(
                root,
                path,
                text.as_ref()
                    .map(|t| format!("---\ntitle: Home\n---\n{t} [About](@/about.md)\n")),
            );
            touched.push(path.to_string());
        }
        Edit::Page(text) => {
            let path = "content/about.md";
            write_or_remove(
                root,
                path,
                text.as_ref()
                    .map(|t| format!("---\ntitle: \"{}x\"\n---\nAbout us.\n", t.trim())),
            );
            touched.push(path.to_string());
        }
        Edit::OldRulesTitle(t) => {
            let path = "content/rules/v1.md".to_string();
            write(root, &path, rules_v1(&format!("{}x", t.trim())).as_bytes());
            touched.push(path);
        }
        Edit::RulesArticle(t) => {
            let path = "content/rules/v2.md".to_string();
            write(root, &path, rules_v2(t).as_bytes());
            touched.push(path);
        }
    }
    touched
}

fn write_or_remove(root: &Path, path: &str, text: Option<String>) {
    match text {
        Some(t) => write(root, path, t.as_bytes()),
        None => {
            let _ = std::fs::remove_file(root.join(path));
        }
    }
}

fn options() -> BuildOptions {
    BuildOptions {
        drafts: false,
        future: false,
        base_url: None,
        today: chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap(),
    }
}

/// The files of a clean build of what is on disk now, or `None` if it fails.
fn clean_build(root: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let sources = gazette::io::read::read_site(root, &root.join("output")).unwrap();
    gazette::build(&sources, &options()).ok().map(|b| {
        b.files
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_vec()))
            .collect()
    })
}

fn output_now(output: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = snapshot(output);
    files.remove(gazette::io::write::MARKER);
    files
}

fn cases_or(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    // 40 sequences in CI; PROPTEST_CASES=300 for a longer local run.
    #![proptest_config(ProptestConfig::with_cases(cases_or(40)))]
    #[test]
    fn incremental_output_equals_a_clean_build(edits in prop::collection::vec(edit(), 1..10)) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut model = initial(root);
        let output = root.join("output");
        let (mut session, first) = Session::open(root, Some(output.clone()), options()).unwrap();
        prop_assert!(first.result.is_ok(), "{:?}", first.result);
        session.poll_search(true).unwrap();
        let mut last_good = clean_build(root).unwrap();
        prop_assert_eq!(&output_now(&output), &last_good);
        for e in &edits {
            let touched = apply(root, &mut model, e);
            let paths: Vec<PathBuf> = touched.iter().map(|t| session.root.join(t)).collect();
            let rebuild = session.apply(&paths).unwrap();
            session.poll_search(true).unwrap();
            if let Some(clean) = clean_build(root) {
                if let Some(r) = &rebuild {
                    prop_assert!(r.result.is_ok(), "incremental failed where clean passed after {:?}", e);
                }
                last_good = clean;
            } else if let Some(r) = &rebuild {
                prop_assert!(r.result.is_err(), "incremental passed where clean failed after {:?}", e);
            }
            let now = output_now(&output);
            let differing: Vec<&String> = now
                .keys()
                .chain(last_good.keys())
                .filter(|k| now.get(*k) != last_good.get(*k))
                .collect();
            prop_assert!(differing.is_empty(), "after {:?}: {:?} differ", e, differing);
        }
    }
}

#[test]
fn editor_noise_does_not_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    initial(root);
    let (mut session, _) = Session::open(root, Some(root.join("output")), options()).unwrap();
    for noise in [
        "content/news/.item.md.swp",
        "content/news/item.md~",
        "content/news/4913",
        "output/index.html",
        "README.md",
    ] {
        write(root, noise, b"x");
        let r = session.apply(&[session.root.join(noise)]).unwrap();
        assert!(r.is_none(), "{noise} triggered a rebuild");
    }
}

/// An edit read on watch's fast path follows the same rules as a clean read:
/// an oversized file or a link out of the site is refused with the same
/// diagnostic, and fixing it recovers.
#[test]
fn an_edited_file_is_read_by_the_site_readers_rules() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    initial(root);
    let (mut session, _) = Session::open(root, Some(root.join("output")), options()).unwrap();
    let path = news_path(0);
    let clean_errors = |root: &Path| {
        let sources = gazette::io::read::read_site(root, &root.join("output")).expect("readable");
        gazette::build(&sources, &options())
            .err()
            .expect("a clean build fails")
    };
    let big = [
        b"---\ntitle: Big\ndate: 2025-03-01\n---\n".as_slice(),
        &vec![b'a'; (gazette::io::read::MAX_SOURCE_BYTES + 1) as usize],
    ]
    .concat();
    write(root, &path, &big);
    let r = session.apply(&[session.root.join(&path)]).unwrap().unwrap();
    let errors = r.result.expect_err("the oversized file is refused");
    assert_eq!(errors, clean_errors(root));
    assert!(
        errors.iter().any(|d| d.code.as_str() == "too-large"),
        "{errors:?}"
    );

    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.md"), b"---\ntitle: X\n---\nx\n").unwrap();
        std::fs::remove_file(root.join(&path)).unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.md"), root.join(&path)).unwrap();
        let r = session.apply(&[session.root.join(&path)]).unwrap().unwrap();
        let errors = r.result.expect_err("the link out of the site is refused");
        assert_eq!(errors, clean_errors(root));
        assert!(
            errors.iter().any(|d| d.code.as_str() == "symlink"),
            "{errors:?}"
        );
        std::fs::remove_file(root.join(&path)).unwrap();
    }

    write(
        root,
        &path,
        news_text(&News {
            title: "Back".into(),
            date: 1,
            tags: vec![],
            org: None,
            body: "Fine.".into(),
            link: None,
            heading: false,
            broken_yaml: false,
        })
        .as_bytes(),
    );
    let r = session.apply(&[session.root.join(&path)]).unwrap().unwrap();
    assert!(r.result.is_ok(), "{:?}", r.result);
    session.poll_search(true).unwrap();
    assert_eq!(output_now(&root.join("output")), clean_build(root).unwrap());
}

#[test]
fn a_new_folder_of_content_is_picked_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    initial(root);
    let output = root.join("output");
    let (mut session, _) = Session::open(root, Some(output.clone()), options()).unwrap();
    write(
        root,
        "content/about/history.md",
        b"---\ntitle: History\n---\nOld days.\n",
    );
    let r = session
        .apply(&[session.root.join("content/about")])
        .unwrap()
        .unwrap();
    assert!(r.result.is_ok());
    assert!(r.planned_all, "a new source changes the plan");
    assert!(output.join("about/history/index.html").is_file());
    session.poll_search(true).unwrap();
    assert_eq!(output_now(&output), clean_build(root).unwrap());
}

/// Pages whose templates read other documents (`member`, `get_page`, `url_for`)
/// are rendered again when those documents change.
#[test]
fn template_function_reads_are_dependencies() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut model = initial(root);
    let output = root.join("output");
    let (mut session, _) = Session::open(root, Some(output.clone()), options()).unwrap();
    for e in [
        Edit::Template(Some(2)),
        Edit::MemberTitle(1, "Renamed beta".into()),
        Edit::MeetingStatus(true),
        Edit::MemberTitle(2, "Renamed gamma".into()),
    ] {
        let touched = apply(root, &mut model, &e);
        let paths: Vec<PathBuf> = touched.iter().map(|t| session.root.join(t)).collect();
        let r = session.apply(&paths).unwrap().unwrap();
        assert!(r.result.is_ok(), "{e:?}: {:?}", r.result);
        session.poll_search(true).unwrap();
        assert_eq!(
            output_now(&output),
            clean_build(root).unwrap(),
            "after {e:?}"
        );
    }
    let page = std::fs::read_to_string(output.join("news/item-0/index.html")).unwrap();
    assert!(page.contains("Renamed betax"), "{page}");
}

/// Makes one edit on disk and lets the session rebuild it, as watch would.
fn save(session: &mut Session, model: &mut Model, e: &Edit) -> gazette::live::session::Rebuild {
    let root = session.root.clone();
    let touched = apply(&root, model, e);
    let paths: Vec<PathBuf> = touched.iter().map(|t| root.join(t)).collect();
    session.apply(&paths).unwrap().expect("a source changed")
}

/// A change to a document's text, which keeps its place in the site, plans and
/// renders only the outputs that show it: no whole-site planning.
#[test]
fn a_text_edit_renders_only_the_pages_that_show_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut model = initial(root);
    let output = root.join("output");
    let (mut session, _) = Session::open(root, Some(output.clone()), options()).unwrap();
    session.poll_search(true).unwrap();

    // Item 2 is the newest: on its page, the news list, the home page, the feeds
    // and its tag's pages. Not on the other items' pages or the members list.
    let r = save(
        &mut session,
        &mut model,
        &Edit::Body(2, "changed words".into()),
    );
    assert!(r.result.is_ok(), "{:?}", r.result);
    assert!(!r.planned_all, "a text edit re-planned the whole site");
    for shown in [
        "news/item-2/index.html",
        "news/index.html",
        "index.html",
        "atom.xml",
    ] {
        assert!(
            r.outputs_changed.iter().any(|p| p == shown),
            "{shown} not updated: {:?}",
            r.outputs_changed
        );
    }
    for other in [
        "news/item-0/index.html",
        "members/index.html",
        "sitemap.xml",
    ] {
        assert!(
            !r.outputs_changed.iter().any(|p| p == other),
            "{other} rewritten"
        );
    }
    let page = std::fs::read_to_string(output.join("news/item-2/index.html")).unwrap();
    assert!(page.contains("changed words"));
    session.poll_search(true).unwrap();
    assert_eq!(output_now(&output), clean_build(root).unwrap());

    // A member's text shows in the pages of the news that name it (its summary).
    let r = save(
        &mut session,
        &mut model,
        &Edit::MemberBody(0, "new profile".into()),
    );
    assert!(r.result.is_ok() && !r.planned_all);
    session.poll_search(true).unwrap();
    assert_eq!(output_now(&output), clean_build(root).unwrap());

    // Removing a heading that another item links to is an error, found without
    // a full build and then reported in full.
    let r = save(&mut session, &mut model, &Edit::Link(0, Some((1, true))));
    assert!(r.result.is_ok());
    let r = save(&mut session, &mut model, &Edit::Heading(1, false));
    let errors = r.result.expect_err("a link to a removed heading");
    assert!(
        errors
            .iter()
            .any(|d| d.code.as_str() == "broken-anchor" && d.path.contains("item-0")),
        "{errors:?}"
    );
}

/// Translations, the home page text and the language list change through the
/// same session, and each step equals a clean build.
#[test]
fn translations_and_the_home_text_follow_edits() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut model = initial(root);
    let output = root.join("output");
    let (mut session, _) = Session::open(root, Some(output.clone()), options()).unwrap();
    let mut check = |session: &mut Session, e: Edit, ok: bool| {
        let r = save(session, &mut model, &e);
        assert_eq!(r.result.is_ok(), ok, "{e:?}: {:?}", r.result);
        session.poll_search(true).unwrap();
        if ok {
            assert_eq!(
                output_now(&output),
                clean_build(root).unwrap(),
                "after {e:?}"
            );
        }
    };
    let read = |path: &str| std::fs::read_to_string(output.join(path)).unwrap_or_default();

    check(
        &mut session,
        Edit::Translation(0, Some("党建".into())),
        true,
    );
    assert!(read("zh/news/item-0/index.html").contains("译 党建"));
    assert!(read("news/item-0/index.html").contains("/alliance/zh/news/item-0/"));

    // The home text links to a page that does not exist yet: an error, kept
    // until the page is written.
    check(
        &mut session,
        Edit::HomeText(false, Some("Welcome".into())),
        false,
    );
    check(&mut session, Edit::Page(Some("About".into())), true);
    assert!(read("index.html").contains("Welcome"));
    check(
        &mut session,
        Edit::HomeText(true, Some("欢迎".into())),
        true,
    );
    assert!(read("zh/index.html").contains("欢迎"));

    check(&mut session, Edit::Translation(0, None), true);
    assert!(!output.join("zh/news/item-0/index.html").exists());
    // A Chinese home text without the English one is a text of its own.
    check(&mut session, Edit::HomeText(false, None), true);
    assert!(read("zh/index.html").contains("欢迎"));
    check(&mut session, Edit::HomeText(true, None), true);
    assert!(!read("index.html").contains("Welcome"));
}

/// A member's new title re-renders the pages that show it without planning
/// the site again, unless it moves the member in the list sorted by title.
#[test]
fn a_title_that_keeps_its_list_place_is_a_partial_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut model = initial(root);
    let output = root.join("output");
    let (mut session, _) = Session::open(root, Some(output.clone()), options()).unwrap();
    // Titles "Member 0", "Member 1", "Member 2"; the edit appends an "x".
    for (edit, moves) in [
        (Edit::MemberTitle(1, "Member 1 renamed".into()), false),
        (Edit::MemberTitle(0, "Member 3".into()), true),
        (Edit::MemberTitle(2, "Member 0".into()), true),
    ] {
        let r = save(&mut session, &mut model, &edit);
        assert!(r.result.is_ok(), "{edit:?}: {:?}", r.result);
        assert_eq!(r.planned_all, moves, "{edit:?}");
        session.poll_search(true).unwrap();
        assert_eq!(
            output_now(&output),
            clean_build(root).unwrap(),
            "after {edit:?}"
        );
    }
    // The directory lists every member on one page, though `paginate_by` is 2.
    let list = std::fs::read_to_string(output.join("members/index.html")).unwrap();
    let at = |t: &str| list.find(t).unwrap_or_else(|| panic!("{t} not listed"));
    assert!(at("Member 0x") < at("Member 1 renamedx") && at("Member 1 renamedx") < at("Member 3x"));
    // Item 1 names beta (member 1): its page shows the new title.
    let page = std::fs::read_to_string(output.join("news/item-1/index.html")).unwrap();
    assert!(page.contains("Member 1 renamedx"), "{page}");

    // Two titles saved together that swap places, though neither passes the
    // other's old title, still re-plan.
    // alpha "Member 3x" → "Member 2a", beta "Member 1 renamedx" → "Member 2b".
    write(
        root,
        "content/members/alpha.md",
        b"---\ntitle: Member 2a\n---\nAbout.\n",
    );
    write(
        root,
        "content/members/beta.md",
        b"---\ntitle: Member 2b\n---\nAbout.\n",
    );
    let r = session
        .apply(&[
            root.join("content/members/alpha.md"),
            root.join("content/members/beta.md"),
        ])
        .unwrap()
        .unwrap();
    assert!(r.result.is_ok() && r.planned_all);
    session.poll_search(true).unwrap();
    assert_eq!(output_now(&output), clean_build(root).unwrap());
}
