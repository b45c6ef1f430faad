#!/usr/bin/env bash
# Kill -9 during a build, then build again: the next build must succeed with
# no cleanup by hand, whatever the moment of the kill.
#
#   scripts/interrupt.sh [TRIALS] [PAGES]     (default: 50 trials, 1000 pages)
#
# Odd trials kill a first build (into a missing output folder), even trials a
# build over an existing site whose sources changed (so files are staged and
# renamed). Each kill comes at a random moment between 30 % and 110 % of a whole
# build's time (the end of a build is when it writes).
# Prints one line per failure and a summary; exits 1 if any next build failed.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
trials=${1:-50}
pages=${2:-1000}
# GAZETTE=path runs another binary (an older build, to see the failures).
if [ -z "${GAZETTE:-}" ]; then
  cargo build --release --manifest-path "$here/Cargo.toml" >&2
fi
gazette=${GAZETTE:-$here/target/release/gazette}
work=$(mktemp -d /tmp/gazette-interrupt.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 "$here/scripts/gen_corpus.py" --pages "$pages" --out "$work/site" >/dev/null

start=$(date +%s%N)
"$gazette" build -q --root "$work/site" --output "$work/probe"
took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "a whole build takes ${took_ms} ms; killing within that" >&2

failed=0
for trial in $(seq "$trials"); do
  out="$work/out"
  if (( trial % 2 )); then
    rm -rf "$out"
  else
    [ -d "$out" ] || "$gazette" build -q --root "$work/site" --output "$out"
    # A source edit, so that the build over the old site rewrites pages.
    echo "Edit $trial." >> "$(ls "$work"/site/content/news/*.md | head -1)"
  fi
  "$gazette" build -q --root "$work/site" --output "$out" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v t="$took_ms" -v r="$RANDOM" 'BEGIN {printf "%.3f", t * (0.3 + 0.8 * r / 32768) / 1000}')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if ! "$gazette" build -q --root "$work/site" --output "$out" >"$work/log" 2>&1; then
    failed=$((failed + 1))
    echo "trial $trial: the next build failed:" >&2
    cat "$work/log" >&2
  elif [ -n "$(find "$out" -name '*.gazette-tmp' -o -name '*.gazette-old')" ]; then
    failed=$((failed + 1))
    echo "trial $trial: staging files left after the next build" >&2
  fi
done
echo "$trials kills, $failed next builds failed"
[ "$failed" -eq 0 ]
