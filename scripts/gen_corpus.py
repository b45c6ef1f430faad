#!/usr/bin/env python3
"""Generate a deterministic consortium-site corpus for benchmarks.

Usage:
    gen_corpus.py --pages N --out DIR [--flavor plain|hugo|zola] [--seed S]

    N      number of Markdown content files to write (members are at least 5)
    DIR    site root to create; it must not exist or must be empty
    S      random seed (default 1); the same N, flavor and seed always give
           byte-identical files, on any machine (Python 3 standard library only)

What it writes: DIR/content/{news,meetings,rules,members}/*.md, about 70% news
items, 15% meeting announcements, 5% working-rules versions and 10% member
organizations. Every file is YAML front matter between `---` lines and a
Markdown body of about 2-6 KB: `##`/`###` headings, paragraphs, bullet and
numbered lists, emphasis, inline links to other hosts, links between pages,
pipe tables in some files, footnotes in some, a fenced code block in a few,
and a few paragraphs of Chinese in about a third. About 1% of news items are
drafts, and no page links to a draft.

Front matter of the plain flavor (gazette's own layout, see the editors' guide in the README):
    news      title, date, summary, tags, organizations (member slugs), draft
    meetings  title, date, start, end (+08:00), location, convener, host,
              attendees (member slugs), agenda, status (scheduled|held|cancelled)
    rules     title, version, status (draft|trial|adopted|superseded), adopted,
              supersedes (the previous version, when there is one); the body
              is numbered articles: "## Article 1 ...", "## Article 2 ..."
    members   title (organization name), short_name, website, joined

Flavors (the same documents and bodies, different packaging):
    plain  site.yaml; links between pages written `@/news/news-00001.md`.
    hugo   hugo.yaml and layouts/; custom keys stay as page params, `date`
           is added to every page; links written `/news/news-00001/`.
    zola   config.toml, content/_index.md and one _index.md per section,
           templates/; only Zola's own keys at the top of the front matter:
           summary -> description, tags -> taxonomies.tags, the rest under
           extra:, and `date` added to every page; links `@/news/...md`.

The hugo and zola templates are deliberately minimal and equivalent, so the two
tools do the same work: a base layout with a nav bar, one page template (title,
date, tag links, body), section lists and tag pages paginated 10 a page, a tag
index, one site feed of the 20 newest pages with their full content, and each
tool's built-in sitemap. Both leave code blocks unhighlighted.

When it finishes it prints what it wrote and how many HTML pages a build should
make (pages + home + list pages + tag index + tag pages); Hugo and Zola each
also write one `page/1/` redirect per paginated list.
"""

import argparse
import math
import os
import random
from collections import Counter
from datetime import date, datetime, timedelta, timezone

SECTIONS = ["news", "meetings", "rules", "members"]
PER_PAGE = 10  # list pages and tag pages
FEED_LIMIT = 20  # entries in the site feed
FIRST_DAY = date(2015, 1, 1)  # dates run from here for about 12 years
CORPUS_TODAY = date(2026, 1, 1)  # meetings after this day are "scheduled"
BEIJING = timezone(timedelta(hours=8))

# ---------------------------------------------------------------------------
# Vocabulary: fixed word lists, so that no outside data is needed.

WORDS = (
    "consortium member association foundation meeting rotation leading unit joint "
    "council standard organization provincial committee exchange cooperation plan "
    "trial article review coordination platform resource sharing innovation report "
    "work rules study learning activity branch instructor guidance civil affairs "
    "social enterprise culture education securities plastics commerce cross-border "
    "publication agenda minutes secretariat quarterly annual budget volunteer "
    "training seminar delegation partnership framework principle responsibility "
    "service community research survey outreach evaluation governance policy"
).split()

TAGS = [
    "party-building", "joint-meeting", "rotation", "training", "exchange",
    "standards", "culture", "education", "commerce", "plastics", "finance",
    "volunteering", "annual-report", "seminar", "policy", "innovation",
    "cooperation", "governance", "youth", "community", "charity", "research",
    "digital", "heritage", "environment", "compliance", "media", "events",
    "delegation", "announcement",
]

CITIES = ["Hefei", "Wuhu", "Bengbu", "Anqing", "Huangshan", "Lu'an", "Chuzhou"]
SURNAMES = ["Yang", "Li", "Wang", "Zhang", "Chen", "Zhao", "Zhou", "Wu"]
ORG_KINDS = ["Association", "Foundation", "Society", "Federation", "Chamber"]
ORG_FIELDS = ["Securities", "Plastics", "Culture", "Education", "Commerce",
              "Volunteer Service", "Cross-border Trade", "Social Work", "Heritage"]
ARTICLE_TOPICS = ["General provisions", "Membership", "Leading unit", "Rotation",
                  "Joint meetings", "Secretariat", "Resource sharing", "Finance",
                  "Publicity", "Supervision", "Amendments", "Interpretation",
                  "Entry into force", "Supplementary provisions"]

# Chinese sentences are put together from consortium-style phrases.
ZH_OPENERS = ["会议指出，", "会议强调，", "据悉，", "下一步，", "会上，", "与会代表一致认为，", ""]
ZH_SUBJECTS = ["各会员单位", "轮值牵头单位", "联合体秘书处", "省民政厅综合党委",
               "党建指导员", "联席会议", "五家协会", "各成员单位党组织"]
ZH_VERBS = ["研究讨论了", "审议通过了", "认真学习了", "部署推进了", "交流分享了",
            "共同签署了", "进一步完善了", "听取了"]
ZH_OBJECTS = ["《工作规则（试行）》", "年度工作计划", "党建工作经验", "联席会议制度",
              "资源共享机制", "轮值牵头单位工作安排", "规范化建设方案", "社会组织党建工作要点"]
ZH_CLAUSES = ["进一步加强协同配合", "推动社会组织规范化建设", "实现共建共享、合作共赢",
              "搭建交流学习平台", "提升党建工作质量", "形成工作合力",
              "把党建优势转化为发展优势", "推动联合体工作走深走实"]


class Writer:
    """Text helpers around one random generator (the only source of variety)."""

    def __init__(self, rng):
        self.rng = rng

    def word(self):
        return self.rng.choice(WORDS)

    def sentence(self, n=None):
        words = [self.word() for _ in range(n or self.rng.randint(8, 18))]
        if self.rng.random() < 0.25:  # a little emphasis
            i = self.rng.randrange(1, len(words))
            words[i] = self.rng.choice(["*{}*", "**{}**", "`{}`"]).format(words[i])
        return " ".join(words).capitalize() + "."

    def paragraph(self, sentences=None):
        return " ".join(self.sentence() for _ in range(sentences or self.rng.randint(3, 6)))

    def title(self, n):
        return " ".join(self.word() for _ in range(n)).capitalize()

    def zh_sentence(self):
        r = self.rng
        return (r.choice(ZH_OPENERS) + r.choice(ZH_SUBJECTS) + r.choice(ZH_VERBS)
                + r.choice(ZH_OBJECTS) + "，" + r.choice(ZH_CLAUSES) + "。")

    def zh_paragraph(self):
        return "".join(self.zh_sentence() for _ in range(self.rng.randint(3, 6)))

    def external_link(self):
        n = self.rng.randint(100, 999)
        return f"[the {self.word()} notice](https://www.example.org/notices/{n}.html)"


# ---------------------------------------------------------------------------
# The plan: every document and its front matter, decided before any body.

def plan(pages, rng):
    """Return [(section, slug, fields)] for `pages` documents."""
    w = Writer(rng)
    n_members = max(5, pages // 10)
    n_rules = max(1, pages * 5 // 100)
    n_meetings = max(1, pages * 15 // 100)
    n_news = max(1, pages - n_members - n_rules - n_meetings)
    docs = []

    members = [f"member-{i:04d}" for i in range(1, n_members + 1)]
    for i, slug in enumerate(members):
        field = rng.choice(ORG_FIELDS)
        docs.append(("members", slug, {
            "title": f"Provincial {field} {rng.choice(ORG_KINDS)} No. {i + 1}",
            "short_name": "P" + "".join(p[0] for p in field.split()) + str(i + 1),
            "website": f"https://{slug}.example.org/",
            "joined": FIRST_DAY + timedelta(days=rng.randint(0, 3000)),
        }))

    # Rules come as documents of 1-3 versions linked by `supersedes`; every
    # version but the last is superseded, the last is draft, trial or adopted.
    made, doc_no = 0, 0
    while made < n_rules:
        doc_no += 1
        versions = min(rng.randint(1, 3), n_rules - made)
        name = f"Working Rules of the {w.title(1)} Committee"
        day = FIRST_DAY + timedelta(days=rng.randint(0, 3500))
        prev = None
        for v in range(1, versions + 1):
            last = v == versions
            status = rng.choice(["adopted"] * 6 + ["trial"] * 3 + ["draft"]) if last else "superseded"
            fields = {
                "title": name + (" (Trial)" if status == "trial" else ""),
                "version": f"1.{v - 1}",
                "status": status,
            }
            if status != "draft":
                fields["adopted"] = day
            if prev:
                fields["supersedes"] = prev
            slug = f"rules-{doc_no:03d}-v{v}"
            docs.append(("rules", slug, fields))
            prev, made = slug, made + 1
            day += timedelta(days=rng.randint(90, 400))

    for i in range(n_meetings):
        day = FIRST_DAY + timedelta(days=rng.randint(0, 4300))
        begin = datetime(day.year, day.month, day.day, rng.choice([9, 14]), 30 * rng.randint(0, 1),
                         tzinfo=BEIJING)
        if day > CORPUS_TODAY:
            status = "scheduled"
        else:
            status = rng.choice(["held"] * 9 + ["cancelled"])
        docs.append(("meetings", f"meeting-{i + 1:05d}", {
            "title": f"Joint Meeting on {w.title(2).title()}",
            "date": day,
            "start": begin,
            "end": begin + timedelta(hours=rng.choice([2, 3])),
            "location": f"{rng.choice(CITIES)}, activity room {rng.randint(1, 20)}",
            "convener": f"Vice Chairman {rng.choice(SURNAMES)}",
            "host": rng.choice(members),
            "attendees": sorted(rng.sample(members, min(len(members), rng.randint(3, 6)))),
            "agenda": [w.title(rng.randint(4, 7)) for _ in range(rng.randint(2, 4))],
            "status": status,
        }))

    for i in range(n_news):
        docs.append(("news", f"news-{i + 1:05d}", {
            "title": w.title(rng.randint(4, 7)),
            "date": FIRST_DAY + timedelta(days=rng.randint(0, 4300)),
            "summary": w.sentence(14).replace("*", "").replace("`", ""),
            "tags": sorted(rng.sample(TAGS, rng.randint(1, 4))),
            "organizations": sorted(rng.sample(members, min(len(members), rng.randint(1, 3)))),
            "draft": rng.random() < 0.01,
        }))
    return docs


# ---------------------------------------------------------------------------
# Markdown bodies.

def body(section, fields, w, link):
    """A Markdown body of about 2-6 KB for one document.

    `link(section, slug)` turns a page into the flavor's link target;
    `link(None, None)` picks a random published page.
    """
    r = w.rng
    out = []
    footnotes = r.random() < 0.25
    chinese = r.random() < 1 / 3

    if section == "rules":
        out.append(w.paragraph(2))
        for n in range(1, r.randint(8, 12) + 1):
            out.append(f"## Article {n} {ARTICLE_TOPICS[(n - 1) % len(ARTICLE_TOPICS)]}")
            out.append(w.paragraph(r.randint(2, 3)))
            if r.random() < 0.35:
                out.append("\n".join(f"{k}. {w.sentence(9)}" for k in range(1, r.randint(3, 5) + 1)))
            if chinese and r.random() < 0.25:
                out.append(w.zh_sentence() + w.zh_sentence())
        if fields.get("supersedes"):
            out.append(f"These rules replace [version of the previous text]({link('rules', fields['supersedes'])}).")
        return "\n\n".join(out) + "\n"

    # Opening: one paragraph with an outside link.
    out.append(w.paragraph(r.randint(2, 4)) + f" The details are in {w.external_link()}.")
    if section == "meetings":
        out.append("## Agenda")
        out.append("\n".join(f"{k}. {item}" for k, item in enumerate(fields["agenda"], 1)))
        out.append("## Participants")
        out.append("\n".join(f"- [{m}]({link('members', m)}), {w.title(3).lower()}"
                             for m in fields["attendees"]))
    for s in range(r.randint(2, 3)):
        out.append(f"## {w.title(r.randint(3, 5))}")
        out.append(w.paragraph())
        roll = r.random()
        if roll < 0.25:
            out.append("\n".join(f"- {w.sentence(r.randint(6, 10))}" for _ in range(r.randint(3, 5))))
        elif roll < 0.45:
            out.append("\n".join(f"{k}. {w.sentence(r.randint(6, 10))}" for k in range(1, r.randint(3, 5) + 1)))
        elif roll < 0.60:
            rows = ["| Unit | Role | Members |", "|---|---|---:|"]
            rows += [f"| {w.title(2)} | {w.word()} | {r.randint(3, 400)} |" for _ in range(r.randint(3, 5))]
            out.append("\n".join(rows))
        elif roll < 0.62:
            out.append("```text\n" + "\n".join(w.sentence(5) for _ in range(3)) + "\n```")
        elif roll < 0.80:
            out.append(f"### {w.title(3)}")
            out.append(w.paragraph(r.randint(2, 3)))
        if r.random() < 0.7:
            out.append(f"See *{w.word()}* in [the related item]({link(None, None)}) "
                       f"and the **{w.word()}** notes.")
        if s == 0 and footnotes:
            out.append(f"The plan was discussed[^1] by the {w.word()} committee.")
        if r.random() < 0.5:
            out.append(w.paragraph())
    if chinese:
        out.append("### 中文摘要")
        out += [w.zh_paragraph() for _ in range(r.randint(2, 3))]
    if footnotes:
        out.append(f"[^1]: {w.sentence(9)}")
    return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Front matter per flavor, and a tiny YAML writer (enough for these values).

DATE_KEY = {"news": "date", "meetings": "date", "rules": "adopted", "members": "joined"}


def page_date(section, fields):
    """The date Hugo and Zola sort by (a draft rules version has none: FIRST_DAY)."""
    return fields.get(DATE_KEY[section], FIRST_DAY)


def front_matter(flavor, section, fields):
    if flavor == "plain":
        return fields
    if flavor == "hugo":
        return {**fields, "date": page_date(section, fields)}
    # zola: only Zola's own keys at the top level
    out = {"title": fields["title"], "date": page_date(section, fields)}
    if "summary" in fields:
        out["description"] = fields["summary"]
    if "draft" in fields:
        out["draft"] = fields["draft"]
    if fields.get("tags"):
        out["taxonomies"] = {"tags": fields["tags"]}
    own = ("title", "date", "summary", "tags", "draft")
    # datetimes under extra are kept as strings
    out["extra"] = {k: (v.isoformat() if isinstance(v, (date, datetime)) else v)
                    for k, v in fields.items() if k not in own}
    return out


def yaml_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float, date, datetime)):
        return v.isoformat() if isinstance(v, (date, datetime)) else str(v)
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_lines(fields, indent=0):
    pad = " " * indent
    lines = []
    for key, value in fields.items():
        if isinstance(value, dict):
            if value:
                lines.append(f"{pad}{key}:")
                lines += yaml_lines(value, indent + 2)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:" + ("" if value else " []"))
            lines += [f"{pad}  - {yaml_scalar(v)}" for v in value]
        else:
            lines.append(f"{pad}{key}: {yaml_scalar(value)}")
    return lines


# ---------------------------------------------------------------------------
# Site files per flavor.

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def site_files(flavor, out):
    if flavor == "plain":
        write(f"{out}/site.yaml", PLAIN_SITE)
    elif flavor == "hugo":
        write(f"{out}/hugo.yaml", HUGO_CONFIG)
        for name, text in HUGO_LAYOUTS.items():
            write(f"{out}/layouts/{name}", text)
    else:
        write(f"{out}/config.toml", ZOLA_CONFIG)
        write(f"{out}/content/_index.md", '+++\ntitle = "Home"\n+++\n')
        for s in SECTIONS:
            write(f"{out}/content/{s}/_index.md",
                  f'+++\ntitle = "{s.title()}"\nsort_by = "date"\npaginate_by = {PER_PAGE}\n+++\n')
        for name, text in ZOLA_TEMPLATES.items():
            write(f"{out}/templates/{name}", text)


def expected_pages(docs):
    """HTML pages a build should write, not counting page/1/ redirects."""
    live = [(s, f) for s, _, f in docs if not f.get("draft")]
    per_section = Counter(s for s, _ in live)
    per_tag = Counter(t for _, f in live for t in f.get("tags", []))
    lists = sum(math.ceil(n / PER_PAGE) for n in per_section.values())
    tag_pages = sum(math.ceil(n / PER_PAGE) for n in per_tag.values())
    return {
        "pages": len(live), "home": 1, "section lists": lists,
        "tag index": 1, "tag pages": tag_pages,
        "page/1 redirects": len(per_section) + len(per_tag),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True, help="number of content files")
    ap.add_argument("--out", required=True, help="site root to create (must be empty)")
    ap.add_argument("--flavor", choices=["plain", "hugo", "zola"], default="plain")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.pages < 1:
        ap.error("--pages must be at least 1")
    if os.path.exists(args.out) and os.listdir(args.out):
        ap.error(f"{args.out} exists and is not empty")

    rng = random.Random(args.seed)
    docs = plan(args.pages, rng)
    published = [(s, slug) for s, slug, f in docs if not f.get("draft")]
    if args.flavor == "hugo":
        def target(s, slug):
            return f"/{s}/{slug}/"
    else:
        def target(s, slug):
            return f"@/{s}/{slug}.md"

    def link(section, slug):
        return target(*(rng.choice(published) if section is None else (section, slug)))

    site_files(args.flavor, args.out)
    w = Writer(rng)
    for section, slug, fields in docs:
        text = body(section, fields, w, link)
        fm = "\n".join(yaml_lines(front_matter(args.flavor, section, fields)))
        write(f"{args.out}/content/{section}/{slug}.md", f"---\n{fm}\n---\n\n{text}")

    counts = Counter(s for s, _, _ in docs)
    exp = expected_pages(docs)
    html = sum(v for k, v in exp.items() if k != "page/1 redirects")
    print(f"wrote {len(docs)} files to {args.out} ({args.flavor}): "
          + ", ".join(f"{s} {counts[s]}" for s in SECTIONS))
    print(f"expected HTML pages: {html} ("
          + ", ".join(f"{k} {v}" for k, v in exp.items() if k != "page/1 redirects")
          + f"), plus {exp['page/1 redirects']} page/1 redirects in Hugo and Zola")


# ---------------------------------------------------------------------------
# Configuration and templates. Hugo and Zola get the same pages: nav bar,
# title, date, tag links and body; lists and tag pages of 10 with previous/
# next links; a tag index; a feed of the 20 newest pages; the built-in sitemap.

PLAIN_SITE = f"""title: Benchmark Consortium
base_url: https://example.org/
language: en
timezone: Asia/Shanghai
paginate_by: {PER_PAGE}
"""

HUGO_CONFIG = f"""baseURL: https://example.org/
title: Benchmark Consortium
languageCode: en
paginate: {PER_PAGE}
buildFuture: true
disableKinds: [robotsTXT]
outputs:
  home: [HTML, RSS]
  section: [HTML]
  taxonomy: [HTML]
  term: [HTML]
  page: [HTML]
taxonomies:
  tag: tags
markup:
  highlight:
    codeFences: false
"""

HUGO_NAV = """<nav><a href="{{ "/" | relURL }}">Home</a> <a href="{{ "/news/" | relURL }}">News</a>
<a href="{{ "/meetings/" | relURL }}">Meetings</a> <a href="{{ "/rules/" | relURL }}">Rules</a>
<a href="{{ "/members/" | relURL }}">Members</a> <a href="{{ "/tags/" | relURL }}">Tags</a></nav>"""

HUGO_PAGER = """<nav>{{ with .Paginator.Prev }}<a href="{{ .URL }}">Previous</a>{{ end }}
{{ with .Paginator.Next }}<a href="{{ .URL }}">Next</a>{{ end }}</nav>"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title>
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | absURL }}"></head>
<body><header>""" + HUGO_NAV + """</header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time></p>
{{ with .Params.tags }}<ul>{{ range . }}<li><a href="{{ "/tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}
</ul>""" + HUGO_PAGER + """{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>
{{ range first 10 (where .Site.RegularPages "Section" "news").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>{{ end }}
""",
    "index.rss.xml": """<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0"><channel><title>{{ .Site.Title }}</title><link>{{ .Permalink }}</link>
<description>{{ .Site.Title }}</description>
{{ range first """ + str(FEED_LIMIT) + """ .Site.RegularPages.ByDate.Reverse }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" }}</pubDate><guid>{{ .Permalink }}</guid>
<description>{{ .Content | html }}</description></item>
{{ end }}</channel></rss>
""",
}

ZOLA_CONFIG = f"""base_url = "https://example.org"
title = "Benchmark Consortium"
default_language = "en"
generate_feeds = true
feed_filenames = ["atom.xml"]
feed_limit = {FEED_LIMIT}
build_search_index = false
compile_sass = false
taxonomies = [{{ name = "tags", paginate_by = {PER_PAGE} }}]
"""

ZOLA_NAV = """<nav><a href="{{ get_url(path="/") }}">Home</a> <a href="{{ get_url(path="@/news/_index.md") }}">News</a>
<a href="{{ get_url(path="@/meetings/_index.md") }}">Meetings</a> <a href="{{ get_url(path="@/rules/_index.md") }}">Rules</a>
<a href="{{ get_url(path="@/members/_index.md") }}">Members</a> <a href="{{ get_url(path="tags") }}/">Tags</a></nav>"""

ZOLA_LIST = """<ul>
{% for p in paginator.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a> <time>{{ p.date }}</time></li>{% endfor %}
</ul><nav>{% if paginator.previous %}<a href="{{ paginator.previous | safe }}">Previous</a>{% endif %}
{% if paginator.next %}<a href="{{ paginator.next | safe }}">Next</a>{% endif %}</nav>"""

ZOLA_TEMPLATES = {
    "base.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title>
<link rel="alternate" type="application/atom+xml" href="{{ get_url(path="atom.xml") }}"></head>
<body><header>""" + ZOLA_NAV + """</header>
<main>{% block main %}{% endblock %}</main></body></html>
""",
    "index.html": """{% extends "base.html" %}{% block main %}<h1>{{ config.title }}</h1><ul>
{% set news = get_section(path="news/_index.md") %}{% for p in news.pages | slice(end=10) %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>{% endfor %}
</ul>{% endblock %}
""",
    "section.html": """{% extends "base.html" %}{% block title %}{{ section.title }} | {{ config.title }}{% endblock %}
{% block main %}<h1>{{ section.title }}</h1>""" + ZOLA_LIST + """{% endblock %}
""",
    "page.html": """{% extends "base.html" %}{% block title %}{{ page.title }} | {{ config.title }}{% endblock %}
{% block main %}<article><h1>{{ page.title }}</h1><p><time>{{ page.date }}</time></p>
{% if page.taxonomies.tags %}<ul>{% for t in page.taxonomies.tags %}<li><a href="{{ get_taxonomy_url(kind="tags", name=t) | safe }}">{{ t }}</a></li>{% endfor %}</ul>{% endif %}
{{ page.content | safe }}</article>{% endblock %}
""",
    "taxonomy_list.html": """{% extends "base.html" %}{% block title %}Tags | {{ config.title }}{% endblock %}
{% block main %}<h1>Tags</h1><ul>
{% for term in terms %}<li><a href="{{ term.permalink | safe }}">{{ term.name }}</a> ({{ term.page_count }})</li>{% endfor %}
</ul>{% endblock %}
""",
    "taxonomy_single.html": """{% extends "base.html" %}{% block title %}{{ term.name }} | {{ config.title }}{% endblock %}
{% block main %}<h1>{{ term.name }}</h1>""" + ZOLA_LIST + """{% endblock %}
""",
    "atom.xml": """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ lang }}"><title>{{ config.title }}</title>
<link rel="self" type="application/atom+xml" href="{{ feed_url | safe }}"/>
<link rel="alternate" type="text/html" href="{{ config.base_url | safe }}"/>
<updated>{{ last_updated | date(format="%+") }}</updated><id>{{ feed_url | safe }}</id>
{% for page in pages %}<entry><title>{{ page.title }}</title>
<published>{{ page.date | date(format="%+") }}</published><updated>{{ page.date | date(format="%+") }}</updated>
<author><name>Benchmark Consortium</name></author>
<link rel="alternate" type="text/html" href="{{ page.permalink | safe }}"/><id>{{ page.permalink | safe }}</id>
<content type="html">{{ page.content }}</content></entry>
{% endfor %}</feed>
""",
}

if __name__ == "__main__":
    main()
