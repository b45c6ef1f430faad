use super::*;

const PLAIN: MarkdownOptions = MarkdownOptions {
    smart_punctuation: true,
    safe: false,
    external_new_tab: false,
    external_nofollow: false,
    articles: None,
    chinese: false,
};

fn html(body: &str, options: &MarkdownOptions) -> String {
    let s = scan(body, options);
    render(body, &s, options, "/", &|l| {
        Some(format!("/{}/", l.target.trim_end_matches(".md")))
    })
}

#[test]
fn chinese_numerals() {
    let cases = [
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1005, "一千零五"),
    ];
    for (n, expected) in cases {
        assert_eq!(chinese_numeral(n), expected, "{n}");
    }
    assert_eq!(article_label(12, ArticleStyle::Chinese), "第十二条");
}

#[test]
fn anchors_are_unique_and_keep_cjk() {
    let s = scan(
        "# Intro\n\n## Intro\n\n## 联席会议\n\n## Custom {#mine}\n",
        &PLAIN,
    );
    let ids: Vec<_> = s.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["intro", "intro-1", "联席会议", "mine"]);
}

#[test]
fn articles_are_numbered_once() {
    let options = MarkdownOptions {
        articles: Some(ArticleStyle::English),
        ..PLAIN
    };
    let body =
        "Preamble.\n\n## General provisions\n\nText one.\n\n## Article 2 — Members\n\nText two.\n";
    let s = scan(body, &options);
    assert_eq!(s.articles.len(), 2);
    assert_eq!(s.articles[1].title, "Members");
    assert_eq!(s.articles[0].text, "Text one.");
    let out = render(body, &s, &options, "/", &|_| None);
    assert!(out.contains("<h2 id=\"article-1\"><span class=\"article-number\">Article 1</span> General provisions</h2>"), "{out}");
    let zh = MarkdownOptions {
        articles: Some(ArticleStyle::Chinese),
        ..PLAIN
    };
    let s = scan("## 第一条 总则\n\n文字\n", &zh);
    assert_eq!(
        (s.articles[0].label.as_str(), s.articles[0].title.as_str()),
        ("第一条", "总则")
    );
}

#[test]
fn internal_links_are_found_and_resolved() {
    let body = "See [the meeting](@/meetings/prep.md#minutes) and ![x](@/news/a.md).\n";
    let s = scan(body, &PLAIN);
    assert_eq!(s.links.len(), 2);
    assert_eq!(s.links[0].anchor.as_deref(), Some("minutes"));
    assert_eq!(s.links[0].start, 4);
    assert!(html(body, &PLAIN).contains("href=\"/meetings/prep/\""));
}

#[test]
fn safe_mode_escapes_html_and_script_links() {
    let options = MarkdownOptions {
        safe: true,
        ..PLAIN
    };
    let out = html(
        "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>b</b>\n",
        &options,
    );
    assert!(
        !out.contains("<script>") && out.contains("&lt;script&gt;"),
        "{out}"
    );
    assert!(out.contains("href=\"#\""), "{out}");
    assert!(!out.contains("<b>"));
    assert!(html("<b>b</b>\n", &PLAIN).contains("<b>b</b>"));
}

#[test]
fn external_links_get_rel_when_asked() {
    let options = MarkdownOptions {
        external_new_tab: true,
        ..PLAIN
    };
    let out = html("[a](https://other.org/?a=1&b=2) [b](/local/)\n", &options);
    assert!(
        out.contains(
            "<a href=\"https://other.org/?a=1&amp;b=2\" rel=\"noopener\" target=\"_blank\">a</a>"
        ),
        "{out}"
    );
    assert!(out.contains("<a href=\"/local/\">b</a>"), "{out}");
}

#[test]
fn a_line_break_between_cjk_characters_is_no_space() {
    let cases = [
        ("党建联合体\n筹备会议", "<p>党建联合体筹备会议</p>\n"),
        (
            "会议在合肥召开，\n五家成员单位参加。",
            "<p>会议在合肥召开，五家成员单位参加。</p>\n",
        ),
        ("*党建*\n联合体", "<p><em>党建</em>联合体</p>\n"),
        ("党建\n*联合体*", "<p>党建<em>联合体</em></p>\n"),
        ("党建\nwork", "<p>党建\nwork</p>\n"),
        ("work\n党建", "<p>work\n党建</p>\n"),
        ("two\nlines", "<p>two\nlines</p>\n"),
        ("党建  \n联合体", "<p>党建<br />\n联合体</p>\n"),
        ("党建\\\n联合体", "<p>党建<br />\n联合体</p>\n"),
        ("第一\n第二\n第三", "<p>第一第二第三</p>\n"),
    ];
    for (body, want) in cases {
        assert_eq!(html(body, &PLAIN), want, "{body:?}");
    }
    let s = scan("党建联合体\n筹备会议\nin Hefei\n合肥。\n\nMore.", &PLAIN);
    assert_eq!(s.first_paragraph, "党建联合体筹备会议 in Hefei 合肥。");
}

#[test]
fn first_paragraph_is_the_summary_source() {
    let s = scan(
        "# Title\n\n> quote\n\nThe *first* real\nparagraph.\n\nSecond.\n",
        &PLAIN,
    );
    assert_eq!(s.first_paragraph, "The first real paragraph.");
}

#[test]
fn rendering_snapshot() {
    let body = "Intro with \"quotes\" -- and a footnote[^1].\n\n## Tasks\n\n- [x] done\n- [ ] open\n\n| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n[^1]: The note.\n";
    insta::assert_snapshot!(html(body, &PLAIN));
}

#[test]
fn footnotes_are_numbered_as_cited_and_link_back() {
    let body = "First[^b], second[^a], first again[^b].\n\n[^a]: Note A.\n[^b]: Note B.\n[^unused]: Never cited.\n";
    let html = html(body, &PLAIN);
    // [^b] is cited first, so it is note 1, cited twice.
    assert!(
        html.contains("<a href=\"#fn-1\" id=\"fnref-1-1\">1</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#fn-2\" id=\"fnref-2-1\">2</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#fn-1\" id=\"fnref-1-2\">1</a>"),
        "{html}"
    );
    let notes = &html[html
        .find("<section class=\"footnotes\">")
        .expect("notes at the end")..];
    let b = notes.find("Note B.").unwrap();
    let a = notes.find("Note A.").unwrap();
    let unused = notes.find("Never cited.").unwrap();
    assert!(b < a && a < unused, "{notes}");
    // The note never cited follows the two cited ones as note 3.
    assert!(
        notes.contains("<li id=\"fn-3\" value=\"3\">\n<p>Never cited.</p>"),
        "{notes}"
    );
    assert!(notes.contains("<li id=\"fn-1\" value=\"1\">\n<p>Note B. <a href=\"#fnref-1-1\" class=\"footnote-back\">↩</a> <a href=\"#fnref-1-2\" class=\"footnote-back\">↩</a></p>"), "{notes}");
    // No definition left in the text.
    assert!(!html[..html.find("<section class=\"footnotes\">").unwrap()].contains("Note A."));
}

#[test]
fn task_list_boxes_are_marks_not_unlabelled_inputs() {
    let body = "- [x] Done\n- [ ] To do\n";
    let html = html(body, &PLAIN);
    assert!(!html.contains("<input"), "{html}");
    assert!(
        html.contains("<span class=\"task task-done\">☑</span> Done"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"task\">☐</span> To do"),
        "{html}"
    );
}

#[test]
fn paths_from_the_site_root_get_the_base_path() {
    let body = "![A hall](/images/hall.png) [files](/files/a.pdf) [elsewhere](//cdn.example.org/x) [here](#part)\n";
    let html = render(body, &scan(body, &PLAIN), &PLAIN, "/alliance/", &|_| None);
    assert!(html.contains("src=\"/alliance/images/hall.png\""), "{html}");
    assert!(html.contains("href=\"/alliance/files/a.pdf\""), "{html}");
    assert!(html.contains("href=\"//cdn.example.org/x\""), "{html}");
    assert!(html.contains("href=\"#part\""), "{html}");
}

proptest::proptest! {
    /// The byte scan escapes as the character-by-character loop it replaced.
    #[test]
    fn escape_html_escapes_the_five_and_copies_the_rest(text in "[a-z<>&\"' é合肥\\u{1F600}]{0,40}") {
        let mut expected = String::new();
        for c in text.chars() {
            match c {
                '&' => expected.push_str("&amp;"),
                '<' => expected.push_str("&lt;"),
                '>' => expected.push_str("&gt;"),
                '"' => expected.push_str("&quot;"),
                '\'' => expected.push_str("&#39;"),
                c => expected.push(c),
            }
        }
        proptest::prop_assert_eq!(super::escape_html(&text), expected);
    }
}
