#!/usr/bin/env bash
# Hostile inputs, timed with the search index on: one Chinese page of a single
# repeated Han character, one of a repeated pair (标题…), a one-line body of
# `<b>`, a Chinese title, at 1, 4 and 16 MB (just under the file limit), and
# nesting past the limits (YAML flow levels, Markdown list levels), which end
# in a located error. Every build must stay linear. A benchmark, not a test:
# the figures go in docs/performance.md.
#
#   scripts/hostile.sh [path/to/gazette] [SIZES_MB...]   (default 1 4 16)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
gazette=${1:-$here/target/release/gazette}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1 4 16)
work=$(mktemp -d /tmp/gazette-hostile.XXXXXX)
trap 'rm -rf "$work"' EXIT

run() { # name file-writer-python
  local name=$1 body=$2
  rm -rf "$work/site" && mkdir -p "$work/site/content/news"
  printf 'title: 联合体\nbase_url: https://example.org/\nlanguage: zh\n' > "$work/site/site.yaml"
  python3 -c "$body" "$work/site/content/news/2025-01-01-x.md"
  for attempt in 1 2; do
    rm -rf "$work/out"
    /usr/bin/time -f "$name (run $attempt): %e s wall, %M KB peak" \
      "$gazette" build --quiet --root "$work/site" --output "$work/out" --today 2026-11-24 \
      2>&1 >/dev/null | grep -E 'wall|: error: ' || true
  done
}

for mb in "${sizes[@]}"; do
  n=$((mb * 1000000 - 100000))
  run "${mb} MB of 哈" "import sys; open(sys.argv[1],'w').write('---\ntitle: 重复\n---\n'+'哈'*($n//3)+'\n')"
  run "${mb} MB of 标题" "import sys; open(sys.argv[1],'w').write('---\ntitle: 重复\n---\n'+'标题'*($n//6)+'\n')"
  run "${mb} MB of <b>" "import sys; open(sys.argv[1],'w').write('---\ntitle: b\n---\n'+'<b>'*($n//3)+'x\n')"
  run "${mb} MB title" "import sys; open(sys.argv[1],'w').write('---\ntitle: '+'标题'*($n//6)+'\n---\n正文。\n')"
done
run "100k-level YAML" "import sys; open(sys.argv[1],'w').write('---\ntitle: t\nextra: '+'['*100000+']'*100000+'\n---\nx\n')"
run "300k-level list" "import sys; open(sys.argv[1],'w').write('---\ntitle: t\n---\n'+'- '*300000+'x\n')"
run "1M-level quote" "import sys; open(sys.argv[1],'w').write('---\ntitle: t\n---\n'+'> '*1000000+'x\n')"
