use super::*;

#[test]
fn get_filter_from_node() {
    let mut node = DomParsingNode::default();

    assert_eq!(node.get_attribute_pair("color"), None);

    node.current_value = "White".into();
    assert_eq!(
        node.get_attribute_pair("color"),
        Some(("color".into(), "White".into()))
    );

    assert_eq!(
        node.get_attribute_pair("color:auburn"),
        Some(("color".into(), "auburn".into()))
    );

    assert_eq!(
        node.get_attribute_pair("color:ye:llow"),
        Some(("color".into(), "ye:llow".into()))
    );
}

fn test_raw_parse(input: Vec<&'static str>) -> DomParserResult {
    use clap::CommandFactory;
    let config_args = vec![twelf::Layer::Clap(
        crate::PagefindInboundConfig::command().get_matches_from(vec![
            "pagefind",
            "--source",
            "not_important",
        ]),
    )];
    let config =
        SearchOptions::load(crate::PagefindInboundConfig::with_layers(&config_args).unwrap())
            .unwrap();
    let mut rewriter = DomParser::new(&config);
    for line in input {
        let _ = rewriter.write(line.as_bytes());
    }
    rewriter.wrap()
}

fn test_parse(mut input: Vec<&'static str>) -> DomParserResult {
    input.insert(0, "<html><body>");
    input.push("</body></html>");
    test_raw_parse(input)
}

fn test_parse_with_exclusions(
    mut input: Vec<&'static str>,
    exclusions: &[&'static str],
) -> DomParserResult {
    use clap::CommandFactory;
    let mut args = vec!["pagefind", "--source", "not_important"];
    for exclusion in exclusions {
        args.push("--exclude-selectors");
        args.push(exclusion);
    }
    let config_args = vec![twelf::Layer::Clap(
        crate::PagefindInboundConfig::command().get_matches_from(args),
    )];
    let config =
        SearchOptions::load(crate::PagefindInboundConfig::with_layers(&config_args).unwrap())
            .unwrap();
    let mut rewriter = DomParser::new(&config);
    input.insert(0, "<html><body>");
    input.push("</body></html>");
    for line in input {
        let _ = rewriter.write(line.as_bytes());
    }
    rewriter.wrap()
}

#[test]
fn unsupported_exclude_selector_does_not_halt_indexing() {
    let data = test_parse_with_exclusions(
        vec!["<p>Kept</p>", "<div class='ad'>Dropped</div>"],
        &[":not(.a b)", ".ad"],
    );

    assert_eq!(data.digest, "Kept.");
}

#[test]
fn words_weights() {
    let data = test_parse(vec![
        "<p>Weight one</p>",
        "<p data-pagefind-weight='2'>Weight two</p>",
    ]);

    assert_eq!(
        data.digest,
        "Weight one. ___PAGEFIND_WEIGHT___2 Weight two. ___END_PAGEFIND_WEIGHT___"
    )
}

#[test]
fn words_ids() {
    let data = test_parse(vec![
        "<p>Sentence one</p>",
        "<br id='break' />",
        "<p id='pid'>Sentence two</p>",
    ]);

    assert_eq!(
        data.digest,
        "Sentence one. ___PAGEFIND_ANCHOR___br:0:break ___PAGEFIND_ANCHOR___p:1:pid Sentence two."
    )
}

#[test]
fn explicit_anchor_titles() {
    let data = test_parse(vec![
        "<section id='usage' data-pagefind-title='Installation &amp; Usage'>",
        "<h2>Installation and usage</h2>",
        "</section>",
    ]);

    assert_eq!(
        data.anchor_titles.get("0:usage"),
        Some(&"Installation & Usage".to_owned())
    );
}

#[test]
fn block_tag_formatting() {
    let data = test_parse(vec![
        "<p>Sentences should have periods</p>",
        "<p>Unless one exists.</p>",
        "<div>Or it ends with punctuation:</div>",
        "<article>Except for 'quotes'</article>",
    ]);

    assert_eq!(
        data.digest,
        "Sentences should have periods. Unless one exists. Or it ends with punctuation: Except for 'quotes'."
    )
}

#[test]
fn inline_tag_formatting() {
    let data = test_parse(vec![
        "<p>Inline tags like <span>span</span>",
        " and <b>bol",
        "d</b> shouldn't have periods</p>",
        "<p>And should n<i>o</i>t add any space.</p>",
    ]);

    assert_eq!(
        data.digest,
        "Inline tags like span and bold shouldn't have periods. And should not add any space."
    )
}

#[test]
fn ignored_elements() {
    let data = test_parse(vec![
        "<p>Elements like:</p>",
        "<form>Should <b>not</b> be indexed</form>",
        "<p>forms</p>",
        "<div> As well as <div data-pagefind-ignore=''>",
        "Manually ignored <p>Elements</p></div>",
        "*crickets*</div>",
    ]);

    assert_eq!(data.digest, "Elements like: forms. As well as *crickets*.");
}

#[test]
fn return_metadata() {
    let data = test_raw_parse(vec![
        "<html><head>",
        "<meta data-pagefind-meta='image[content]' content='/kitty.jpg' property='og:image'>",
        "</head><body>",
        "<div data-pagefind-meta='type:post'></div>",
        "<h1 data-pagefind-meta='headline'>Hello World</h1>",
        "<div>This post is <span data-pagefind-meta='adj'>hella</span> good.</div>",
        "<img data-pagefind-meta='hero[src]' src='/huzzah.png'>",
        "</body></html>",
    ]);

    assert_eq!(data.meta.get("image"), Some(&"/kitty.jpg".to_owned()));
    assert_eq!(data.meta.get("type"), Some(&"post".to_owned()));
    assert_eq!(data.meta.get("headline"), Some(&"Hello World".to_owned()));
    assert_eq!(data.meta.get("adj"), Some(&"hella".to_owned()));
    assert_eq!(data.meta.get("hero"), Some(&"/huzzah.png".to_owned()));
}

#[test]
fn auto_image_metadata_decodes_entities() {
    let data = test_parse(vec![
        "<h1>Hello World</h1>",
        "<img src='/cat.png?width=400&amp;format=webp' alt='Cat &amp; dog'>",
    ]);

    assert_eq!(
        data.meta.get("image"),
        Some(&"/cat.png?width=400&format=webp".to_owned())
    );
    assert_eq!(data.meta.get("image_alt"), Some(&"Cat & dog".to_owned()));
}

#[test]
fn return_complex_metadata() {
    let data = test_raw_parse(vec![
        "<html><body>",
        "<img data-pagefind-meta='cat[src], cat-alt[alt]' src='/cat.png' alt='cat pic'>",
        "<h1 class='why?' data-pagefind-meta='headline, classname[class]'>Hello World</h1>",
        "<div data-pagefind-meta='self[data-pagefind-meta], type:post'></div>",
        "<div data-pagefind-meta='incorrect:post, self[data-pagefind-meta]'></div>",
        "</body></html>",
    ]);

    assert_eq!(data.meta.get("cat"), Some(&"/cat.png".to_owned()));
    assert_eq!(data.meta.get("cat-alt"), Some(&"cat pic".to_owned()));
    assert_eq!(data.meta.get("headline"), Some(&"Hello World".to_owned()));
    assert_eq!(data.meta.get("classname"), Some(&"why?".to_owned()));
    assert_eq!(
        data.meta.get("self"),
        Some(&"self[data-pagefind-meta], type:post".to_owned())
    );
    assert_eq!(data.meta.get("type"), Some(&"post".to_owned()));
    assert_eq!(
        data.meta.get("incorrect"),
        Some(&"post, self[data-pagefind-meta]".to_owned())
    );
}
