#!/usr/bin/env bash
# Pathological inputs, timed: a 5 MB meeting title, a 5 MB news title and a
# rules document whose two versions differ in every one of 200,000 words.
# Each build must stay well under 2 s (linear in the input). A benchmark,
# not a test: the figures go in docs/performance.md.
#
#   scripts/pathological.sh [path/to/gazette]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
gazette=${1:-$here/target/release/gazette}
work=$(mktemp -d /tmp/gazette-pathological.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/site/content/"{meetings,members,news,rules}
printf 'title: T\nbase_url: https://example.org/\nsearch: false\n' > "$work/site/site.yaml"
printf -- '---\ntitle: A\n---\nA member.\n' > "$work/site/content/members/a.md"
python3 - "$work/site/content" <<'PY'
import sys
root = sys.argv[1]
open(f"{root}/meetings/m.md", "w").write('---\ntitle: "' + "Joint meeting " * 375000 + '"\nstart: 2026-12-01T10:00\nattendees: [a]\n---\nText.\n')
open(f"{root}/news/2025-01-01-n.md", "w").write('---\ntitle: "' + "News title " * 470000 + '"\n---\nText.\n')
old = " ".join(f"w{i}" for i in range(200000))
new = " ".join(f"v{i}" for i in range(200000))
open(f"{root}/rules/r.md", "w").write('---\ntitle: R\nversion: "1"\nstatus: superseded\n---\n## One\n\n' + old + "\n")
open(f"{root}/rules/r2.md", "w").write('---\ntitle: R\nversion: "2"\nstatus: adopted\nsupersedes: r\n---\n## One\n\n' + new + "\n")
PY
for run in 1 2 3; do
  rm -rf "$work/out"
  /usr/bin/time -f "run $run: %e s wall, %M KB peak" "$gazette" build --quiet --root "$work/site" --output "$work/out" --today 2026-11-24
done
