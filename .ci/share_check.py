"""Share metadata and structured data of a built site, read back by extruct
(uniform mode: `og:type` reads as `@type`): every page has Open Graph with an
absolute URL; news pages are NewsArticles, meetings Events with a status,
members and the home page Organizations; every image URL is absolute and
names a file the site has, with its size. Usage: share_check.py SITE_DIR BASE_URL"""

import pathlib
import sys

import extruct

site, base = pathlib.Path(sys.argv[1]), sys.argv[2]
problems, seen = [], {"NewsArticle": 0, "Event": 0, "Organization": 0}
statuses = set()


def check(cond, page, what):
    if not cond:
        problems.append(f"{page}: {what}")


def published(url):
    """The output file an absolute URL of the site names."""
    rel = url[len(base):] if url.startswith(base) else None
    return rel is not None and (site / rel).is_file()


for path in sorted(site.rglob("index.html")):
    rel = path.relative_to(site).as_posix()
    if rel.startswith("pagefind/"):
        continue
    html = path.read_text(encoding="utf-8")
    if 'http-equiv="refresh"' in html:
        continue  # an alias: a redirect, not a page to share
    data = extruct.extract(html, base_url=base, syntaxes=["opengraph", "json-ld"], uniform=True)
    og = data["opengraph"][0] if data["opengraph"] else {}
    check(og.get("og:url", "").startswith(base), rel, f"og:url {og.get('og:url')!r}")
    check(og.get("og:title"), rel, "no og:title")
    check(og.get("og:locale") in ("zh_CN", "en_US"), rel, f"og:locale {og.get('og:locale')!r}")
    if "og:image" in og:
        check(published(og["og:image"]), rel, f"og:image {og['og:image']} is not a file of the site")
        check(og.get("og:image:width", "").isdigit() and og.get("og:image:height", "").isdigit(), rel, "og:image without its size")
    kind = rel.split("/")[1] if rel.startswith("zh/") else rel.split("/")[0]
    items = data["json-ld"]
    types = [i.get("@type") for i in items]
    for item in items:
        t = item.get("@type")
        if t in seen:
            seen[t] += 1
        for image in item.get("image", []):
            check(published(image), rel, f"JSON-LD image {image} is not a file of the site")
        if t == "NewsArticle":
            for key in ("headline", "datePublished", "author", "publisher", "mainEntityOfPage"):
                check(key in item, rel, f"NewsArticle without {key}")
            check(og.get("@type") == "article" and "article:published_time" in og, rel, "a news item's og:type and time")
        if t == "Event":
            for key in ("name", "startDate", "eventStatus", "eventAttendanceMode", "organizer"):
                check(key in item, rel, f"Event without {key}")
            check(item.get("eventStatus", "").startswith("https://schema.org/Event"), rel, "eventStatus")
            statuses.add(item.get("eventStatus", "").rsplit("/", 1)[-1])
            check("location" in item, rel, "Event without location")
    depth = rel.count("/") - (1 if rel.startswith("zh/") else 0)
    if kind == "news" and depth == 2 and "page/" not in rel:
        check("NewsArticle" in types, rel, f"news page without NewsArticle: {types}")
    if kind == "meetings" and depth == 2 and not rel.split("/")[-2] in ("decisions", "page"):
        check("Event" in types, rel, f"meeting page without Event: {types}")
    if kind == "members" and depth == 2:
        check("Organization" in types, rel, f"member page without Organization: {types}")
    if rel not in ("index.html", "zh/index.html", "404.html", "zh/404.html"):
        crumbs = next((i for i in items if i.get("@type") == "BreadcrumbList"), None)
        check(crumbs is not None, rel, "no BreadcrumbList")
        if crumbs:
            entries = crumbs.get("itemListElement", [])
            check([e.get("position") for e in entries] == list(range(1, len(entries) + 1)), rel, "breadcrumb positions")
            check(len(entries) >= 2 and all(e.get("item", "").startswith(base) for e in entries[:-1]), rel, "breadcrumb items")
            seen["BreadcrumbList"] = seen.get("BreadcrumbList", 0) + 1
    if rel in ("index.html", "zh/index.html"):
        org = next((i for i in items if i.get("@type") == "Organization"), {})
        check(len(org.get("member", [])) >= 2, rel, "the home page's Organization lists no members")

check(all(seen.values()), "site", f"structured data of every type: {seen}")
check({"EventScheduled", "EventRescheduled", "EventCancelled"} <= statuses, "site", f"event statuses {statuses}")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"share metadata: {seen['NewsArticle']} news articles, {seen['Event']} events, {seen['Organization']} organizations, {seen.get('BreadcrumbList', 0)} breadcrumb trails; statuses {sorted(statuses)}")
