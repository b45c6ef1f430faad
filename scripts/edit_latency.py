#!/usr/bin/env python3
"""Edit-to-output latency of `gazette watch`: save a source, time until its
output file holds the new text. Prints the median and the spread.

Usage: edit_latency.py GAZETTE SITE_ROOT SOURCE OUTPUT_FILE [--edits N]

SOURCE is relative to SITE_ROOT (e.g. content/news/x.md), OUTPUT_FILE relative
to the output folder (e.g. news/x/index.html; for a member page edit, a page
the change fans out to). Each edit appends a unique marker word to the body,
saved the way editors save (write a temporary file, rename it over).
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

p = argparse.ArgumentParser()
p.add_argument("gazette"); p.add_argument("root"); p.add_argument("source"); p.add_argument("output_file")
p.add_argument("--edits", type=int, default=20)
a = p.parse_args()

out = tempfile.mkdtemp(prefix="gazette-latency-")
shutil.rmtree(out)
proc = subprocess.Popen([a.gazette, "watch", "--root", a.root, "--output", out, "--quiet"],
                        stdout=open(os.environ.get("LATENCY_LOG", os.devnull), "w"), stderr=subprocess.DEVNULL)
source = os.path.join(a.root, a.source)
original = open(source, "rb").read()
target = os.path.join(out, a.output_file)
try:
    deadline = time.time() + 300
    while not os.path.exists(target):
        if time.time() > deadline or proc.poll() is not None:
            sys.exit("the first build did not finish")
        time.sleep(0.05)
    time.sleep(1.0)
    times = []
    for i in range(a.edits):
        marker = f"latencymarker{i}x{os.getpid()}"
        tmp = source + ".tmp~"
        with open(tmp, "wb") as f:
            f.write(original.replace(b"\n---\n", b"\n---\n" + marker.encode() + b"\n\n", 1)
                    if a.source.endswith(".md") else original)
        t0 = time.perf_counter()
        os.replace(tmp, source)
        while True:
            try:
                if marker.encode() in open(target, "rb").read():
                    break
            except FileNotFoundError:
                pass
            if time.perf_counter() - t0 > 30:
                sys.exit(f"edit {i}: output not updated within 30 s")
            time.sleep(0.0005)
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.3)
    print(f"{a.source} -> {a.output_file}: median {statistics.median(times):.1f} ms "
          f"(min {min(times):.1f}, max {max(times):.1f}, n={len(times)})")
finally:
    open(source, "wb").write(original)
    proc.terminate(); proc.wait()
    shutil.rmtree(out, ignore_errors=True)
