//! The files `gazette init` writes: a small site that builds, with commented
//! examples of the settings, in English or (`--language zh`) in Chinese.

use chrono::{Datelike, NaiveDate};

/// The address `init` writes when none is given; `check` warns while it stays.
pub const EXAMPLE_BASE_URL: &str = "https://example.org/";

/// The texts that differ between an English and a Chinese starter site.
struct Texts {
    title: &'static str,
    description: &'static str,
    /// Comment lines of `site.yaml` naming the other language.
    languages: &'static str,
    readme: &'static str,
    welcome: (&'static str, &'static str),
    about: (&'static str, &'static str, &'static str),
    member: (&'static str, &'static str, &'static str, &'static str),
    launched: (&'static str, &'static str, &'static str, &'static str),
    meeting: (&'static str, &'static str, &'static str, &'static str),
    rules: (&'static str, &'static str),
    /// The comments of `site.yaml`, in the order they appear.
    comments: [&'static str; 10],
}

const ENGLISH: Texts = Texts {
    title: "Our Consortium",
    description: "Member organizations working together",
    languages: "# languages: [zh]                     # further languages, each built under /zh/ …\n# untranslated: show                  # list untranslated documents in every language (or hide)\n# channels:                           # sections beside the news, each a folder content/<name>/\n#   notices: { like: news, title: Notices, weight: 1 }  # or title: { en: Notices, zh: 通知公告 }\n",
    readme: "# Our consortium's site

Written in Markdown, built with [gazette](https://example.org/gazette).

- `content/news/` — news items, one file each: `YYYY-MM-DD-short-title.md`
- `content/meetings/` — joint meetings: the announcement, then the minutes
- `content/rules/<document>/` — working rules, one folder per document and one file per version (`v1.md`, `v2.md`…); `/rules/<document>/` shows the version in force
- `content/members/` — member organizations
- `content/*.md` — other pages (`_index.md` is the home page's introduction)

Start a file with `gazette new news \"Title\"` (or meeting, rules, member, page).
Check your changes with `gazette check`; preview with `gazette serve` and open
the address it prints. Errors name the file, line and column, and say how to
fix them.
",
    welcome: ("Welcome", "The member organizations of our consortium publish their news, meetings and rules here."),
    about: ("About", "About", "Who we are and how the consortium works."),
    member: ("Example Member Association", "Example", "Leading unit", "An example member organization: write your first member here."),
    launched: ("Our site is online", "announcements", "The consortium's news, meetings and rules are now published here.", "See the [working rules](@/rules/working-rules/)."),
    meeting: ("First joint meeting", "Meeting room of the leading unit", "Adopt the working rules", "All member organizations are invited."),
    rules: ("Working Rules", "## Purpose\n\nThe consortium coordinates the work of its members.\n\n## Leading unit\n\nMembers take turns as the leading unit, one year each.\n"),
    comments: [
        "# The site's settings. Every key is documented in gazette's docs/reference.md; an unknown\n# key is an error, so a typo cannot go unnoticed.",
        "# shown in every page's header",
        "# where the site will be published (a path is fine)",
        "# the main language; translations are x.<code>.md files",
        "# footer: A line for the foot of every page",
        "# dates without an offset are in this zone",
        "# or ascii: transliterate titles in URLs",
        "# true escapes raw HTML in Markdown",
        "# The header's links: sections, pages (`@/about.md`) and other addresses. Pages\n# can also ask for a place themselves with `menu: main` in their front matter.",
        "# The rotating leading unit: member slugs (file names under content/members/).",
    ],
};

const CHINESE: Texts = Texts {
    title: "我们的联合体",
    description: "成员单位携手共建",
    languages: "# languages: [en]                     # 其他语言，各自生成在 /en/ 下\n# untranslated: show                  # 未翻译的文档在每种语言中列出（或 hide 隐藏）\n# channels:                           # 新闻之外的栏目，每个栏目一个文件夹 content/<名称>/\n#   notices: { like: news, title: 通知公告, weight: 1 }  # 多语言：title: { zh: 通知公告, en: Notices }\n# beian:                              # 在中国大陆托管的网站须在每页底部展示备案号\n#   icp: 皖ICP备2024012345号-1          # ICP 备案号，链接到工信部备案管理系统\n#   police: 皖公网安备34010402000001号   # 公安联网备案号，带备案图标，链接到全国互联网安全管理服务平台\n",
    readme: "# 联合体网站

用 Markdown 撰写，由 [gazette](https://example.org/gazette) 生成。

- `content/news/`：新闻，每条一个文件，文件名如 `YYYY-MM-DD-short-title.md`
- `content/meetings/`：联席会议，先发通知，会后补充纪要
- `content/rules/<文件夹>/`：工作规则，每个规则一个文件夹，每个版本一个文件（`v1.md`、`v2.md`……）；`/rules/<文件夹>/` 显示现行版本
- `content/members/`：成员单位
- `content/*.md`：其他页面（`_index.md` 是首页的引言）

用 `gazette new news \"标题\"` 新建文件（或 meeting、rules、member、page）。
用 `gazette check` 检查修改；用 `gazette serve` 预览并打开它显示的地址。
错误信息会指出文件、行和列，并说明如何修正。
",
    welcome: ("欢迎", "联合体各成员单位在这里发布新闻、会议和工作规则。"),
    about: ("关于我们", "关于", "我们是谁，联合体如何运作。"),
    member: ("示例协会", "示例", "牵头单位", "一个示例成员单位：在这里写下第一家成员单位。"),
    launched: ("网站正式上线", "公告", "联合体的新闻、会议和规则今后在这里发布。", "请参阅[工作规则](@/rules/working-rules/)。"),
    meeting: ("第一次联席会议", "牵头单位会议室", "审议工作规则", "请各成员单位参加。"),
    rules: ("工作规则", "## 目的\n\n联合体协调各成员单位的工作。\n\n## 牵头单位\n\n成员单位轮流担任牵头单位，每家一年。\n"),
    comments: [
        "# 网站设置。每个键的说明见 gazette 的 docs/reference.md；未知的键会报错，拼写错误不会被忽略。",
        "# 显示在每个页面的页头",
        "# 网站发布的地址（可以带路径）",
        "# 主要语言；译文文件名为 x.<语言代码>.md",
        "# footer: 每个页面页脚的一行文字",
        "# 未注明时区的时间按此时区理解",
        "# 或 ascii：网址中的标题转写为拉丁字母",
        "# true 表示转义 Markdown 中的原始 HTML",
        "# 页头导航：栏目、页面（`@/about.md`）和其他网址。页面也可以在\n# 前置信息中写 `menu: main`，自行加入导航。",
        "# 轮值牵头单位：成员单位的 slug（content/members/ 下的文件名）。",
    ],
};

/// The files of a new site, relative to its folder, with their text.
/// `base_url` is where the site will be published (default: the example);
/// `language` is the site's main language (`zh` writes a Chinese site).
pub fn init_files(
    today: NaiveDate,
    base_url: Option<&str>,
    language: &str,
) -> Vec<(String, String)> {
    let base_url = base_url.unwrap_or(EXAMPLE_BASE_URL);
    let t = if language.split('-').next() == Some("zh") {
        &CHINESE
    } else {
        &ENGLISH
    };
    let year = today.year();
    let meeting_day = today + chrono::Days::new(30);
    let Texts {
        title,
        description,
        languages,
        readme,
        comments: c,
        ..
    } = t;
    vec![
        ("site.yaml".into(), format!(
"{}
title: {title}                 {}
description: {description}
base_url: {base_url}        {}
language: {language}                          {}
{languages}{}
timezone: Asia/Shanghai               {}
theme: default
paginate_by: 10
slugify: unicode                      {}
markdown:
  safe: false                         {}
  smart_punctuation: true
{}
menus:
  main:
    - {{ section: news }}
    - {{ section: meetings }}
    - {{ section: rules }}
    - {{ section: members }}
    - {{ section: search }}
consortium:
  {}
  leading_units:
    - {{ member: example-member, from: {year}-01-01, to: {year}-12-31 }}
", c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9].trim_start()
        )),
        (".gitignore".into(), "# gazette builds into output/; it is made from the sources, never edited.\n/output/\n# Resized and cleaned photos, kept between builds; safe to delete.\n/.gazette-cache/\n".into()),
        ("README.md".into(), readme.to_string()),
        ("content/_index.md".into(), format!("---\ntitle: {}\n---\n{}\n", t.welcome.0, t.welcome.1)),
        ("content/about.md".into(), format!("---\ntitle: {}\nweight: 1\nmenu: {{ main: {{ weight: 10, name: {} }} }}\n---\n{}\n", t.about.0, t.about.1, t.about.2)),
        ("content/members/example-member.md".into(), format!("---\ntitle: {}\nshort_name: {}\njoined: {year}-01-01\nrole: {}\n---\n{}\n", t.member.0, t.member.1, t.member.2, t.member.3)),
        (format!("content/news/{today}-site-launched.md"), format!("---\ntitle: {}\ndate: {today}\ntags: [{}]\norganizations: [example-member]\n---\n{}\n\n{}\n", t.launched.0, t.launched.1, t.launched.2, t.launched.3)),
        (format!("content/meetings/{meeting_day}-first-joint-meeting.md"), format!("---\ntitle: {}\nstart: {meeting_day}T14:00\nend: {meeting_day}T16:00\nlocation: {}\nhost: example-member\nattendees: [example-member]\nagenda:\n  - {}\nrules: [working-rules]\nstatus: scheduled\n---\n{}\n", t.meeting.0, t.meeting.1, t.meeting.2, t.meeting.3)),
        ("content/rules/working-rules/v1.md".into(), format!("---\ntitle: {}\nversion: \"1.0\"\nstatus: adopted\nadopted: {today}\n---\n{}", t.rules.0, t.rules.1)),
    ]
}
