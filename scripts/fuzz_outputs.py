#!/usr/bin/env python3
"""Random sites whose names collide with what gazette writes, checked twice:
`gazette check` and `gazette build` must agree (what passes check builds),
and a failed build must leave the previously built site byte for byte.

    scripts/fuzz_outputs.py GAZETTE [--cases 300] [--seed 1]

Each case adds a few of: static files named like gazette's own outputs or
sections (`news`, `sitemap.xml/a.txt`, `pagefind/x.js`, `.htaccess`…), aliases
over its files, slugs equal to its folders. Prints each disagreement and a
summary; exits 1 if there was any. A fuzzer to run by hand, not a CI test.
"""
import argparse, hashlib, os, random, shutil, subprocess, sys, tempfile

STATIC = ["news", "news/index.html/x", "sitemap.xml/a.txt", "sitemap.xml", "robots.txt/x",
          "pagefind/x.js", "pagefind", ".htaccess", "_redirects/x", "atom.xml/x", "tags",
          "index.html/x", "404.html", "search", "members/alpha", "about/index.html",
          "a.gazette-tmp", "x/.y.gazette-old", "favicon.svg/x", "style.css"]
ALIASES = ["/sitemap.xml/", "/news/", "/old/$x/", "/旧/", "/a b/", "/pagefind/", "/tags/x/",
           "/about/index.html", "/.gazette-output", "/x*y/", "/robots.txt/", "/old/", "/old/deeper/"]
SLUGS = ["pagefind", "search", "tags", "sitemap-xml", "page", "old", "atom.xml", "index"]


def tree(root):
    out = {}
    for d, dirs, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            out[os.path.relpath(p, root)] = hashlib.sha1(open(p, "rb").read()).hexdigest()
        for x in dirs:
            out[os.path.relpath(os.path.join(d, x), root) + "/"] = "dir"
    return out


def run(gazette, *args):
    return subprocess.run([gazette, *args, "--today", "2026-11-24"], capture_output=True, text=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("gazette")
    p.add_argument("--cases", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="gazette-fuzz-")
    bad = 0
    try:
        base = os.path.join(work, "base")
        subprocess.run([a.gazette, "init", base], capture_output=True, check=True)
        for case in range(a.cases):
            site = os.path.join(work, "site")
            shutil.rmtree(site, ignore_errors=True)
            shutil.copytree(base, site)
            out = os.path.join(work, "out")
            shutil.rmtree(out, ignore_errors=True)
            first = run(a.gazette, "build", "-q", "--root", site, "--output", out)
            assert first.returncode == 0, first.stderr
            before = tree(out)
            what = []
            for f in rng.sample(STATIC, rng.randint(0, 2)):
                path = os.path.join(site, "static", f)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                if not os.path.isdir(path):
                    open(path, "w").write("x")
                what.append(f"static/{f}")
            aliases = rng.sample(ALIASES, rng.randint(0, 2))
            slug = rng.choice(SLUGS + [None] * 4)
            if aliases or slug:
                fm = "---\ntitle: Fuzz\n" + (f"slug: \"{slug}\"\n" if slug else "")
                fm += "aliases: [" + ", ".join(f'"{x}"' for x in aliases) + "]\n---\nText.\n"
                kind = rng.choice(["news/2025-01-01-fuzz.md", "fuzz.md"])
                open(os.path.join(site, "content", kind), "w").write(fm)
                what.append(f"{kind} slug={slug} aliases={aliases}")
            check = run(a.gazette, "check", "-q", "--root", site)
            build = run(a.gazette, "build", "-q", "--root", site, "--output", out)
            if (check.returncode == 0) != (build.returncode == 0):
                bad += 1
                print(f"case {case}: check {check.returncode}, build {build.returncode}: {what}\n{build.stderr}")
            elif build.returncode != 0 and tree(out) != before:
                bad += 1
                print(f"case {case}: the failed build changed the site: {what}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{a.cases} cases, {bad} disagreements or changed sites")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
