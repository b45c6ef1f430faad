use crate::PagefindInboundConfig;
use twelf::Layer;

use super::*;

#[test]
fn normalizing_content() {
    let input = "\nHello  Wor\n ld? \n \n";
    let output = normalize_content(input);

    assert_eq!(&output, "Hello Wor ld?");
}

/// The one-pass `normalize_content` against the three regexes it replaced,
/// on strings built from whitespace of every kind, entities and letters.
#[test]
fn normalizing_content_matches_the_regexes_it_replaced() {
    fn by_regexes(content: &str) -> String {
        let trim = Regex::new("^[\n\r\\s]+|[\n\r\\s]+$").unwrap();
        let newlines = Regex::new("(\n|\r\n)+").unwrap();
        let spaces = Regex::new("\\s{2,}").unwrap();
        let content = html_escape::decode_html_entities(content);
        let content = trim.replace_all(&content, "");
        let content = newlines.replace_all(&content, " ");
        spaces.replace_all(&content, " ").to_string()
    }
    let pieces = [
        "\n", "\r", "\r\n", " ", "\t", "\u{a0}", "\u{3000}", "&nbsp;", "&amp;", "a", "中", "?",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..20_000 {
        let mut input = String::new();
        for _ in 0..(state % 9) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            input.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        assert_eq!(normalize_content(&input), by_regexes(&input), "{input:?}");
    }
}

fn test_opts() -> SearchOptions {
    std::env::set_var("PAGEFIND_SOURCE", "somewhere");
    let config =
        PagefindInboundConfig::with_layers(&[Layer::Env(Some("PAGEFIND_".into()))]).unwrap();
    SearchOptions::load(config).unwrap()
}

fn test_fossick(s: String) -> Fossicker {
    let mut f = Fossicker {
        file_path: Some("test/index.html".into()),
        root_path: None,
        page_url: Some("/test/".into()),
        synthetic_content: Some(s),
        data: None,
    };

    _ = f.read_synthetic_sync(&test_opts());

    f
}

#[tokio::test]
async fn parse_file() {
    let mut f =
        test_fossick(["<html><body>", "<p>Hello World!</p>", "</body></html>"].concat());

    let (digest, words, _, _) = f.parse_digest(&test_opts());

    assert_eq!(digest, "Hello World!".to_string());
    assert_eq!(
        words,
        HashMap::from_iter([
            (
                "hello".to_string(),
                vec![FossickedWord {
                    position: 0,
                    weight: 1 * 24,
                    original_word: None,
                }]
            ),
            (
                "world".to_string(),
                vec![FossickedWord {
                    position: 1,
                    weight: 1 * 24,
                    original_word: None,
                }]
            )
        ])
    );
}

#[tokio::test]
async fn parse_chars() {
    let mut f = test_fossick(
        [
            "<html><body>",
            "<p>He&amp;llo htmltag&lt;head&gt; *beföre mid*dle after*</p>",
            "</body></html>",
        ]
        .concat(),
    );

    let mut opts = test_opts();
    opts.include_characters.extend(['<', '>', '*']);
    let (digest, words, _, _) = f.parse_digest(&opts);

    assert_eq!(
        digest,
        "He&llo htmltag<head> *beföre mid*dle after*.".to_string()
    );
    assert_eq!(
        words,
        HashMap::from_iter([
            (
                "he".to_string(),
                vec![FossickedWord {
                    position: 0,
                    weight: 12,
                    original_word: None,
                }]
            ),
            (
                "llo".to_string(),
                vec![FossickedWord {
                    position: 0,
                    weight: 12,
                    original_word: None,
                }]
            ),
            (
                "hello".to_string(),
                vec![FossickedWord {
                    position: 0,
                    weight: 24,
                    original_word: None,
                }]
            ),
            (
                "htmltag<head>".to_string(),
                vec![FossickedWord {
                    position: 1,
                    weight: 24,
                    original_word: None,
                }]
            ),
            (
                "htmltag".to_string(),
                vec![FossickedWord {
                    position: 1,
                    weight: 12,
                    original_word: None,
                }]
            ),
            (
                "head".to_string(),
                vec![FossickedWord {
                    position: 1,
                    weight: 12,
                    original_word: None,
                }]
            ),
            (
                "*before".to_string(),
                vec![FossickedWord {
                    position: 2,
                    weight: 24,
                    original_word: Some("*beföre".to_string()),
                }]
            ),
            (
                "before".to_string(),
                vec![FossickedWord {
                    position: 2,
                    weight: 24,
                    original_word: Some("beföre".to_string()),
                }]
            ),
            (
                "mid*dle".to_string(),
                vec![FossickedWord {
                    position: 3,
                    weight: 24,
                    original_word: None,
                }]
            ),
            (
                "mid".to_string(),
                vec![FossickedWord {
                    position: 3,
                    weight: 12,
                    original_word: None,
                }]
            ),
            (
                "dle".to_string(),
                vec![FossickedWord {
                    position: 3,
                    weight: 12,
                    original_word: None,
                }]
            ),
            (
                "after*".to_string(),
                vec![FossickedWord {
                    position: 4,
                    weight: 24,
                    original_word: None,
                }]
            )
        ])
    );
}

#[tokio::test]
async fn parse_weighted_file() {
    let mut f = test_fossick(
        [
            "<html><body>",
            "<div>The",
            "<p data-pagefind-weight='2'>Quick Brown</p>",
            "Fox",
            "<p data-pagefind-weight='0.5'>Jumps Over</p>",
            "<p data-pagefind-weight='0.00001'>Ryan</p></div>",
            "</body></html>",
        ]
        .concat(),
    );

    let (digest, words, _, _) = f.parse_digest(&test_opts());

    assert_eq!(digest, "The Quick Brown. Fox Jumps Over. Ryan.".to_string());
    assert_eq!(
        words,
        HashMap::from_iter([
            (
                "the".to_string(),
                vec![FossickedWord {
                    position: 0,
                    weight: 1 * 24,
                    original_word: None,
                }]
            ),
            (
                "quick".to_string(),
                vec![FossickedWord {
                    position: 1,
                    weight: 2 * 24,
                    original_word: None,
                }]
            ),
            (
                "brown".to_string(),
                vec![FossickedWord {
                    position: 2,
                    weight: 2 * 24,
                    original_word: None,
                }]
            ),
            (
                "fox".to_string(),
                vec![FossickedWord {
                    position: 3,
                    weight: 1 * 24,
                    original_word: None,
                }]
            ),
            (
                "jumps".to_string(),
                vec![FossickedWord {
                    position: 4,
                    weight: 12,
                    original_word: None,
                }]
            ),
            (
                "over".to_string(),
                vec![FossickedWord {
                    position: 5,
                    weight: 12,
                    original_word: None,
                }]
            ),
            (
                "ryan".to_string(),
                vec![FossickedWord {
                    position: 6,
                    weight: 1,
                    original_word: None,
                }]
            )
        ])
    );
}

#[tokio::test]
async fn parse_auto_weighted_file() {
    let mut f = test_fossick(
        [
            "<html><body>",
            "<h1>Pagefind</h1>",
            "<h2>Pagefind</h2>",
            "<h3>Pagefind</h3>",
            "<h4>Pagefind</h4>",
            "<h5>Pagefind</h5>",
            "<h6>Pagefind</h6>",
            "<p>Pagefind</p>",
            "<div data-pagefind-weight='0'><h1>Pagefind</h1></div>",
            "</body></html>",
        ]
        .concat(),
    );

    let (_, words, _, _) = f.parse_digest(&test_opts());

    assert_eq!(
        words,
        HashMap::from_iter([(
            "pagefind".to_string(),
            vec![
                FossickedWord {
                    position: 0,
                    weight: 7 * 24,
                    original_word: None,
                },
                FossickedWord {
                    position: 1,
                    weight: 6 * 24,
                    original_word: None,
                },
                FossickedWord {
                    position: 2,
                    weight: 5 * 24,
                    original_word: None,
                },
                FossickedWord {
                    position: 3,
                    weight: 4 * 24,
                    original_word: None,
                },
                FossickedWord {
                    position: 4,
                    weight: 3 * 24,
                    original_word: None,
                },
                FossickedWord {
                    position: 5,
                    weight: 2 * 24,
                    original_word: None,
                },
                FossickedWord {
                    position: 6,
                    weight: 1 * 24,
                    original_word: None,
                },
                FossickedWord {
                    position: 7,
                    weight: 0 * 24,
                    original_word: None,
                }
            ]
        )])
    );
}

#[tokio::test]
async fn parse_zero_weighted_compound_words() {
    let mut f = test_fossick(
        [
            "<html><body>",
            "<div data-pagefind-weight='0'>",
            "<p>Simple text and compound.word.with.periods</p>",
            "</div>",
            "</body></html>",
        ]
        .concat(),
    );

    let (_, words, _, _) = f.parse_digest(&test_opts());

    for (_, word_positions) in words {
        for position in word_positions {
            assert_eq!(position.weight, 0, "Expected all words to have weight 0");
        }
    }
}

#[tokio::test]
async fn parse_bad_weights() {
    let mut f = test_fossick(
        [
            "<html><body>",
            "<p data-pagefind-weight='lots'>The</p>",
            "<p data-pagefind-weight='99999999'>Quick</p>",
            "<p data-pagefind-weight='-1234'>Brown</p>",
            "<p data-pagefind-weight='65.4'>Fox</p>",
            "</body></html>",
        ]
        .concat(),
    );

    let (_, words, _, _) = f.parse_digest(&test_opts());

    assert_eq!(
        words,
        HashMap::from_iter([
            (
                "the".to_string(),
                vec![FossickedWord {
                    position: 0,
                    weight: 24,
                    original_word: None,
                }]
            ),
            (
                "quick".to_string(),
                vec![FossickedWord {
                    position: 1,
                    weight: 240,
                    original_word: None,
                }]
            ),
            (
                "brown".to_string(),
                vec![FossickedWord {
                    position: 2,
                    weight: 0,
                    original_word: None,
                }]
            ),
            (
                "fox".to_string(),
                vec![FossickedWord {
                    position: 3,
                    weight: 240,
                    original_word: None,
                }]
            )
        ])
    );
}

#[tokio::test]
async fn parse_nbsp() {
    let mut f = test_fossick(
        [
            "<html lang='ja'><body>",
            "<p>Hello&nbsp;👋</p>",
            "</body></html>",
        ]
        .concat(),
    );

    let (_, words, _, _) = f.parse_digest(&test_opts());

    let mut words = words.keys().collect::<Vec<_>>();
    words.sort();
    assert_eq!(words, vec!["hello", "👋"]);
}

#[cfg(feature = "extended")]
#[tokio::test]
async fn parse_weights_through_segmentation() {
    let mut f = test_fossick(
        [
            "<html lang='zh'><body>",
            "<h1 id='my-title'>哎呀！ 我的错。</h1>",
            "</body></html>",
        ]
        .concat(),
    );

    let (content, words, _, _) = f.parse_digest(&test_opts());

    let mut keys = words.keys().collect::<Vec<_>>();
    keys.sort();
    // 的错 spans the boundary between the segments 我的 and 错,
    // and is indexed so that neither segmentation of it is unsearchable
    assert_eq!(keys, vec!["哎呀", "我的", "的错", "错"]);

    // It is indexed as part of 我的, the segment it starts in, so that an
    // excerpt highlights 我的 rather than only 错
    let position = |word: &str| words[word][0].position;
    assert_eq!(position("的错"), position("我的"));
    assert_eq!(position("错"), position("我的") + 1);

    assert_eq!(
        content,
        "哎呀\u{200b}！ \u{200b}我的\u{200b}错\u{200b}。"
    );
}

#[cfg(feature = "extended")]
#[test]
fn segmentation_keeps_grapheme_clusters_whole() {
    for input in ["ช่วยวิกิพีเดียได้", "สปีชีส์", "ฉันชอบกินข้าวผัดที่ร้านริมน้ำ"] {
        let words: Vec<&str> = segment_words(input).collect();
        assert_eq!(words.concat(), input);
        for word in &words {
            let first = word.chars().next().unwrap();
            assert!(
                !unicode_normalization::char::is_combining_mark(first),
                "{input:?} segmented as {words:?}: {word:?} starts with a combining mark"
            );
        }
    }
}

#[cfg(feature = "extended")]
#[tokio::test]
async fn segmentation_parity_when_presplitting() {
    fn get_comparison_segmentations(full_input: &'static str) -> (Vec<String>, Vec<String>) {
        let chunked_input = full_input
            .split_whitespace()
            .filter(|w| !w.starts_with("___"))
            .collect::<Vec<_>>();
        let clean_input = chunked_input.join(" ");

        let mut legitimate_output = segment_words(clean_input.as_str())
            .filter(|w| w.chars().any(|c| !c.is_whitespace()))
            .map(Into::into)
            .collect::<Vec<_>>();
        let mut chunked_output = chunked_input
            .into_iter()
            .flat_map(|inp| {
                segment_words(inp)
                    .filter(|w| w.chars().any(|c| !c.is_whitespace()))
                    .collect::<Vec<_>>()
            })
            .map(Into::into)
            .collect::<Vec<_>>();

        legitimate_output.sort();
        chunked_output.sort();
        (legitimate_output, chunked_output)
    }
    {
        let full_zh_input = "___PAGEFIND_AUTO_WEIGHT___7 擁有遠端帳號權限 ___END_PAGEFIND_WEIGHT___

    我們建議大多數具有遠端帳號權限的使用者，採用 ___PAGEFIND_ANCHOR___a:0:my-link Certbot 這個 ACME 客戶端。它可以自動執行憑證的頒發、安裝，甚至不需要停止你的伺服器；Certbot 也提供專家模式，給不想要自動設定的使用者。Certbot 操作簡單，適用於許多系統；並且具有完善的文檔。參考 Certbot 官網，以獲取對於不同系統和網頁伺服器的操作說明。

    如果 Certbot 不能滿足你的需求，或是你想嘗試別的客戶端，還有很多 ACME 用戶端可供選擇。在你選定 ACME 客戶端軟體後，請參閱該客戶端的文檔。
    ___PAGEFIND_WEIGHT___44
    如果你正在嘗試使用不同的 ACME 用戶端，請使用我們的測試環境以免超過憑證頒發與更新的速率限制。
    沒有遠端帳號權限

    在沒有遠端帳號權限的情況下，最好的辦法是使用服務業者所提供的現有支援。如果你的業者支援 ___PAGEFIND_ANCHOR___a:1:my-second-link Let’s Encrypt，那麼他們就能幫助你申請免費憑證；安裝並設定自動更新。某些業者會需要你在控制介面或聯繫客服以開啟 Let’s Encrypt 服務。也有些業者會為所有客戶自動設定並安裝憑證。

    查看支援 Let’s Encrypt 的業者列表，確認你提供商的是否有出現在列表上。如果有的話，請按照他們的文檔設定 Let’s Encrypt 憑證。 ___END_PAGEFIND_WEIGHT___";

        let (legitimate_zh_output, chunked_zh_output) =
            get_comparison_segmentations(full_zh_input);
        assert_eq!(legitimate_zh_output, chunked_zh_output);
    }

    {
        let full_zh_cn_input = "没有命令行访问权限

    在没有命令行访问权限的情况下，___PAGEFIND_AUTO_WEIGHT___7 最好的办法是使用您托管服务提供商提供的内置功能。 支持 Let’s Encrypt 的服务商能替您自动完成免费证书的申请、安装、续期步骤。 某些服务商可能需要您在控制面板中开启相关选项， 也有一些服务商会自动为所有客户申请并安装证书。

    如果您的服务商存在于我们的服务商列表中， 参照其文档设置 Let’s Encrypt ___END_PAGEFIND_WEIGHT___ 证书即可。

    如果您的托管服务提供商不支持 ___PAGEFIND_ANCHOR___a:0:my-link Let’s Encrypt，您可以与他们联系请求支持。 我们尽力使添加 Let’s Encrypt 支持变得非常容易，提供商（注：非中国国内提供商）通常很乐意听取客户的建议！

    如果您的托管服务提供商不想集成 Let’s Encrypt，但支持上传自定义证书，您可以在自己的计算机上安装 Certbot 并使用手动模式（Manual Mode）。 在手动模式下，您需要将指定文件上传到您的网站以证明您的控制权。 然后，Certbot 将获取您可以上传到提供商的证书。 我们不建议使用此选项，因为它非常耗时，并且您需要在证书过期时重复此步骤。 对于大多数人来说，最好从提供商处请求 Let’s Encrypt 支持。若您的提供商不打算兼容，建议您更换提供商。
    获取帮助

    如果您对选择 ACME 客户端，使用特定客户端或与 Let’s Encrypt 相关的任何其他内容有疑问，请前往我们的社区论坛获取帮助。";

        let (legitimate_zh_cn_output, chunked_zh_cn_output) =
            get_comparison_segmentations(full_zh_cn_input);
        assert_eq!(legitimate_zh_cn_output, chunked_zh_cn_output);
    }

    {
        let full_ja_input = "___PAGEFIND_AUTO_WEIGHT___7 シェルへのアクセス権を持っている場合

        シェルアクセスができるほとんどの人には、Certbot という ACME クライアントを使うのがおすすめです。 ___END_PAGEFIND_WEIGHT___ 証明書の発行とインストールを、ダウンタイムゼロで自動化できます。 自動設定を使いたくない人のために、エキスパートモードも用意されています。 とても簡単に使え、多数のオペレーティングシステムで動作し、たくさんのドキュメントもあります。 Certbot のウェブサイトでは、各オペレーティングシステムやウェブサーバーごとの個別の設定方法について解説されています。

        Certbot があなたの要件を満たさない場合や、他のクライアントを試してみたい場合には、Certbot の他にもたくさんの ACME クライアントが利用できます。 ACME クライアントを自分で選んだ場合は、そのクライアントのドキュメントを参照してください。

        別の ACME クライアントを使って実験を行う場合は、 ___PAGEFIND_ANCHOR___a:0:my-link 私たちが用意したステージング環境を利用して、レート・リミットの制限を受けないように気をつけてください。
        シェルへのアクセス権を持っていない場合

        シェルアクセスができない場合に Let’s Encrypt を利用する一番良い方法は、ホスティング・プロバイダが用意したサポートを利用することです。 もし、あなたが利用するホスティング・プロバイダが Let’s Encrypt をサポートしている場合、あなたの代わりに無料の証明書をリクエスト、インストールし、自動的に最新の状態に更新してくれます。 一部のホスティング・プロバイダでは、この機能は自分で設定から有効にする必要がある場合があります。 それ以外のプロバイダでは、すべてのユーザーのために、自動で証明書が発行・インストールされるようになっています。

        あなたが利用しているホスティング・プロバイダが Let’s Encrypt をサポートしているかどうかは、 ホスティング・プロバイダのリストで確認してください。 もしサポートされている場合は、ホスティング・プロバイダのドキュメンに書かれている Let’s Encrypt の設定方法に従ってください。";

        let (legitimate_ja_output, chunked_ja_output) =
            get_comparison_segmentations(full_ja_input);
        assert_eq!(legitimate_ja_output, chunked_ja_output);
    }
}

#[cfg(not(target_os = "windows"))]
#[test]
fn building_url() {
    std::env::set_var("PAGEFIND_SITE", "hello/world");
    let config =
        PagefindInboundConfig::with_layers(&[Layer::Env(Some("PAGEFIND_".into()))]).unwrap();
    let opts = SearchOptions::load(config).unwrap();

    let cwd = std::env::current_dir().unwrap();

    let p: PathBuf = cwd.join::<PathBuf>("hello/world/index.html".into());
    assert_eq!(&build_url(&p, None, &opts), "/");

    let p: PathBuf = cwd.join::<PathBuf>("hello/world/about/index.html".into());
    assert_eq!(&build_url(&p, None, &opts), "/about/");

    let p: PathBuf = cwd.join::<PathBuf>("hello/world/about.html".into());
    assert_eq!(&build_url(&p, None, &opts), "/about.html");

    let p: PathBuf = cwd.join::<PathBuf>("hello/world/about/index.htm".into());
    assert_eq!(&build_url(&p, None, &opts), "/about/index.htm");

    let p: PathBuf = cwd.join::<PathBuf>("hello/world/index.html".into());
    let root: PathBuf = cwd.join::<PathBuf>("hello".into());
    assert_eq!(&build_url(&p, Some(&root), &opts), "/world/");

    let p: PathBuf = cwd.join::<PathBuf>("hello/world/100%/C#/why?.html".into());
    assert_eq!(&build_url(&p, None, &opts), "/100%25/C%23/why%3F.html");
}

#[cfg(not(target_os = "windows"))]
#[test]
fn building_urls_with_characters_that_need_encoding() {
    std::env::set_var("PAGEFIND_SITE", "hello/world");
    let config =
        PagefindInboundConfig::with_layers(&[Layer::Env(Some("PAGEFIND_".into()))]).unwrap();
    let opts = SearchOptions::load(config).unwrap();

    let cwd = std::env::current_dir().unwrap();

    let p: PathBuf = cwd.join::<PathBuf>("hello/world/Müsli.html".into());
    assert_eq!(&build_url(&p, None, &opts), "/M%C3%BCsli.html");

    let p: PathBuf = cwd.join::<PathBuf>("hello/world/Müsli/index.html".into());
    assert_eq!(&build_url(&p, None, &opts), "/M%C3%BCsli/");

    let p: PathBuf = cwd.join::<PathBuf>("hello/world/a b/c#d?e.html".into());
    assert_eq!(&build_url(&p, None, &opts), "/a%20b/c%23d%3Fe.html");

    // A literal percent in the file name is encoded, so the URL points back at
    // the file that is on disk rather than at the one it looks like it names.
    let p: PathBuf = cwd.join::<PathBuf>("hello/world/M%C3%BCsli.html".into());
    assert_eq!(&build_url(&p, None, &opts), "/M%25C3%25BCsli.html");
}

#[cfg(target_os = "windows")]
#[test]
fn building_windows_urls() {
    std::env::set_var("PAGEFIND_SITE", "C:\\hello\\world");
    let config =
        PagefindInboundConfig::with_layers(&[Layer::Env(Some("PAGEFIND_".into()))]).unwrap();
    let opts = SearchOptions::load(config).unwrap();

    let p: PathBuf = "C:\\hello\\world\\index.html".into();
    assert_eq!(&build_url(&p, None, &opts), "/");

    let p: PathBuf = "C:\\hello\\world\\about\\index.html".into();
    assert_eq!(&build_url(&p, None, &opts), "/about/");

    let p: PathBuf = "C:\\hello\\world\\about\\index.htm".into();
    assert_eq!(&build_url(&p, None, &opts), "/about/index.htm");
}
