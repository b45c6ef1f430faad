#!/usr/bin/env bash
# Whole-process benchmark: gazette against Hugo on the same generated content.
#
#   scripts/bench.sh [PAGES...]        (default: 1000 3000 10000)
#
# For each size it generates a corpus twice with scripts/gen_corpus.py
# (gazette's own layout, and --flavor hugo with equivalent templates), then:
#   - wall time: hyperfine, the two tools alternating in one run, a fresh
#     output folder before every run (`--prepare`), 2 warm-ups, 5 runs;
#   - peak memory: /usr/bin/time -v, three runs each (PEAK_RUNS), the median;
#   - pages written: HTML files in the output.
# and prints one table row per size with the gazette/Hugo ratios.
# By default gazette builds as it does by default, with its Pagefind index, and
# is compared with Hugo followed by the Pagefind CLI (`pagefind_extended
# --site`, npm's pagefind 1.6.0, installed into the work folder): the default
# build against its peer. SEARCH=0 builds gazette with `search: false` and
# compares it with Hugo alone. Then, per size, `gazette watch` is timed from a
# saved edit to the search bundle being current (scripts/edit_latency.py
# --search, EDITS edits, default 5).
# RUNS, WARMUP and PEAK_RUNS (default 5, 2, 3) shorten the protocol for the
# largest corpora.
# CLEAN=aside moves each run's output aside (a rename) instead of deleting it
# before the next run; everything goes at the end. On ext4 without a journal
# (this project's build machine), every file created skips each inode freed
# in the last 1-6 minutes in its group (`recently_deleted` in the kernel's
# fs/ext4/ialloc.c), so a run right after `rm -rf` of ~4,000 files pays
# 0.2-0.3 ms per file it creates, for either tool, by how many runs came
# before: the default (CLEAN=rm) keeps that cost, CLEAN=aside measures the
# tools without it.
# Needs Debian's hugo and hyperfine (installed with apt-get when missing).
# Never run from CI: timings belong in the README, not in a test.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
gen="$here/scripts/gen_corpus.py"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 3000 10000)
SEARCH=${SEARCH:-1}

need=()
command -v hugo >/dev/null || need+=(hugo)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} from Debian" >&2
  apt-get install -y -q "${need[@]}" >&2
fi

# The binary as installed (README: `cargo install --profile dist`).
cargo build --profile dist --manifest-path "$here/Cargo.toml" >&2
gazette="$here/target/dist/gazette"
work=$(mktemp -d /tmp/gazette-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ "$SEARCH" = 1 ]; then
  npm install --prefix "$work/pf" --no-audit --no-fund pagefind@1.6.0 >&2
  pagefind=$(find "$work/pf/node_modules" -path '*bin/pagefind_extended' -type f | head -1)
  [ -x "$pagefind" ] || { echo "no pagefind_extended binary in the npm package" >&2; exit 1; }
fi

latency=()
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

peak_kb() { # command... → median peak RSS in KB over PEAK_RUNS runs; stops on a failed build
  for _ in $(seq "${PEAK_RUNS:-3}"); do
    rm -rf "$work/out"
    if ! /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt"; then
      echo "failed: $*" >&2; cat "$work/stderr.txt" >&2; exit 1
    fi
    awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$work/time.txt"
  done | median
}

echo "| pages | gazette median | Hugo median | gazette ÷ Hugo | gazette peak RSS | Hugo peak RSS | HTML pages (gazette / Hugo) |"
echo "|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  plain="$work/plain-$n"; hugo_site="$work/hugo-$n"
  python3 "$gen" --pages "$n" --out "$plain" >/dev/null
  # Hugo builds no search index; compare like with like (SEARCH=1 keeps gazette's).
  [ "$SEARCH" = 1 ] || echo "search: false" >> "$plain/site.yaml"
  python3 "$gen" --pages "$n" --out "$hugo_site" --flavor hugo >/dev/null
  g_cmd="$gazette build --root $plain --output $work/out --quiet --today 2026-11-24"
  h_cmd="hugo --quiet --source $hugo_site --destination $work/out"
  # Hugo then the Pagefind CLI over its output: what a Hugo site with search runs.
  # (A script, so that hyperfine and /usr/bin/time run it as one command; the
  # peak is the larger of the two steps'.)
  if [ "$SEARCH" = 1 ]; then
    printf 'set -e\nhugo --quiet --source %s --destination %s\n%s --site %s --silent\n' \
      "$hugo_site" "$work/out" "$pagefind" "$work/out" > "$work/hugo-search-$n.sh"
    h_cmd="sh $work/hugo-search-$n.sh"
  fi
  prepare="rm -rf $work/out"
  [ "${CLEAN:-rm}" = aside ] && prepare="mkdir -p $work/old && if [ -e $work/out ]; then mv $work/out $work/old/\$\$; fi"
  hyperfine --style none --warmup "${WARMUP:-2}" --runs "${RUNS:-5}" --prepare "$prepare" \
    --export-json "$work/h-$n.json" -n gazette "$g_cmd" -n hugo "$h_cmd" >&2
  read -r g_med h_med < <(python3 - "$work/h-$n.json" <<'EOF'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
print(f'{r["gazette"]:.2f} {r["hugo"]:.2f}')
EOF
)
  # shellcheck disable=SC2086
  g_rss=$(peak_kb $g_cmd)
  rm -rf "$work/out"; $g_cmd >/dev/null; g_pages=$(find "$work/out" -name '*.html' | wc -l)
  # shellcheck disable=SC2086
  h_rss=$(peak_kb $h_cmd)
  rm -rf "$work/out"; $h_cmd >/dev/null; h_pages=$(find "$work/out" -name '*.html' | wc -l)
  ratio=$(python3 -c "print(f'{$g_med/$h_med:.2f}')")
  echo "| $n | ${g_med} s | ${h_med} s | $ratio | $((g_rss / 1024)) MB | $((h_rss / 1024)) MB | $g_pages / $h_pages |"
  if [ "$SEARCH" = 1 ]; then
    first=("$plain"/content/news/*.md)
    news=${first[0]#"$plain/"}
    slug=$(basename "$news" .md | sed 's/^[0-9]*-[0-9]*-[0-9]*-//')
    latency+=("| $n | $(python3 "$here/scripts/edit_latency.py" "$gazette" "$plain" "$news" "news/$slug/index.html" \
      --edits "${EDITS:-5}" --search | sed 's/.*: //') |")
  fi
done
if [ ${#latency[@]} -gt 0 ]; then
  echo
  echo "| pages | watch: edit saved → search current |"
  echo "|---|---|"
  printf '%s\n' "${latency[@]}"
fi
