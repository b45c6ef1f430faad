#!/usr/bin/env python3
"""Edit-to-output latency of `gazette watch` (or `serve`): save a source, time
until its output file (or the served page) holds the new text. Prints the
median and the spread.

Usage: edit_latency.py GAZETTE SITE_ROOT SOURCE OUTPUT_FILE [--edits N]
                       [--edit body|title|title-end] [--serve]

SOURCE is relative to SITE_ROOT (e.g. content/news/x.md), OUTPUT_FILE relative
to the output folder (e.g. news/x/index.html; for a member page edit, a page
the change fans out to). Each edit appends a unique marker word to the body,
saved the way editors save (write a temporary file, rename it over).
`--edit title` puts the marker in the front matter's title instead, which
changes what other pages show of the document (and, for a member, its place in
the directory); `--edit title-end` appends it to the title, which for a member
keeps its place. `--serve` runs `gazette serve`
on a free port and polls the page over HTTP instead of the output file.
`--search` times until the search is current instead: the bundle's record
(`pagefind/gazette-index.txt`) is rewritten after an edit (OUTPUT_FILE is
still waited for first).
"""
import argparse, os, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

p = argparse.ArgumentParser()
p.add_argument("gazette"); p.add_argument("root"); p.add_argument("source"); p.add_argument("output_file")
p.add_argument("--edits", type=int, default=20)
p.add_argument("--edit", choices=["body", "title", "title-end"], default="body")
p.add_argument("--serve", action="store_true")
p.add_argument("--search", action="store_true")
a = p.parse_args()

out = tempfile.mkdtemp(prefix="gazette-latency-")
shutil.rmtree(out)
log = open(os.environ.get("LATENCY_LOG", os.devnull), "w")
if a.serve:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([a.gazette, "serve", "--root", a.root, "--port", str(port), "--quiet"],
                            stdout=log, stderr=subprocess.DEVNULL)
else:
    proc = subprocess.Popen([a.gazette, "watch", "--root", a.root, "--output", out, "--quiet"],
                            stdout=log, stderr=subprocess.DEVNULL)
source = os.path.join(a.root, a.source)
original = open(source, "rb").read()
target = os.path.join(out, a.output_file)


def current():
    """The page now, or None."""
    if a.serve:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{a.output_file}", timeout=5) as r:
                return r.read()
        except OSError:
            return None
    try:
        return open(target, "rb").read()
    except FileNotFoundError:
        return None


def record():
    """The search bundle's record, or None."""
    try:
        return open(os.path.join(out, "pagefind/gazette-index.txt"), "rb").read()
    except FileNotFoundError:
        return None


def edited(marker):
    if a.edit == "title-end":
        start = original.index(b"\ntitle: ") + 1
        end = original.index(b"\n", start)
        line = original[start:end]
        line = line[:-1] + b" " + marker.encode() + b'"' if line.endswith(b'"') else line + b" " + marker.encode()
        return original[:start] + line + original[end:]
    if a.edit == "title":
        return original.replace(b"\ntitle: ", b"\ntitle: " + marker.encode() + b" ", 1)
    return original.replace(b"\n---\n", b"\n---\n" + marker.encode() + b"\n\n", 1)


try:
    deadline = time.time() + 300
    while current() is None or (a.search and record() is None):
        if time.time() > deadline or proc.poll() is not None:
            sys.exit("the first build did not finish")
        time.sleep(0.05)
    time.sleep(1.0)
    times = []
    for i in range(a.edits):
        marker = f"latencymarker{i}x{os.getpid()}"
        tmp = source + ".tmp~"
        with open(tmp, "wb") as f:
            f.write(edited(marker))
        before = record()
        t0 = time.perf_counter()
        os.replace(tmp, source)
        while True:
            page = current()
            if page is not None and marker.encode() in page:
                if not a.search or record() not in (None, before):
                    break
            if time.perf_counter() - t0 > 60:
                sys.exit(f"edit {i}: output not updated within 60 s")
            time.sleep(0.0005 if not a.search else 0.01)
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.3)
    what = "search current" if a.search else a.output_file
    print(f"{'serve' if a.serve else 'watch'}, {a.edit} edit, {a.source} -> {what}: median {statistics.median(times):.1f} ms "
          f"(min {min(times):.1f}, max {max(times):.1f}, n={len(times)})")
finally:
    open(source, "wb").write(original)
    proc.terminate(); proc.wait()
    shutil.rmtree(out, ignore_errors=True)
