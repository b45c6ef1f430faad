#!/usr/bin/env bash
# Long lists, timed: a main menu of N items in site.yaml, and one news item
# with N tags (N tag pages, each listing it). Time must grow linearly with N.
# A benchmark, not a test: the figures go in docs/performance.md.
#
#   scripts/long_lists.sh [path/to/gazette] [N...]     (default N: 2500 5000 10000)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
gazette=${1:-$here/target/release/gazette}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(2500 5000 10000)
work=$(mktemp -d /tmp/gazette-lists.XXXXXX)
trap 'rm -rf "$work"' EXIT
for n in "${sizes[@]}"; do
  for kind in menu tags; do
    root="$work/$kind$n"
    python3 - "$kind" "$n" "$root" <<'PY'
import os, sys
kind, n, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(f"{root}/content/news"); os.makedirs(f"{root}/content/members")
open(f"{root}/content/members/a.md", "w").write("---\ntitle: A\n---\nA.\n")
config = "title: T\nbase_url: https://example.org/\nsearch: false\n"
tags = ""
if kind == "menu":
    config += "menus:\n  main:\n" + "".join(
        f'    - {{ name: Item {i}, url: "https://example.org/{i}" }}\n' for i in range(n))
else:
    tags = "tags: [" + ", ".join(f"tag{i}" for i in range(n)) + "]\n"
open(f"{root}/site.yaml", "w").write(config)
open(f"{root}/content/news/2025-01-01-n.md", "w").write(f"---\ntitle: N\n{tags}---\nText.\n")
PY
    for run in 1 2; do
      rm -rf "$work/out"
      /usr/bin/time -f "$kind $n, run $run: %e s wall, %M KB peak" \
        "$gazette" build --quiet --root "$root" --output "$work/out" --today 2026-11-24
    done
  done
done
