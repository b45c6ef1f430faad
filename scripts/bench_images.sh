#!/usr/bin/env bash
# Photos per second: gazette against Hugo on the same phone-sized photos, each
# published at 480/960/1600 px in JPEG and WebP (quality 80), caches cleared
# before every run. Needs hugo (Debian) and Pillow (PyPI) to make the photos.
# Usage: scripts/bench_images.sh [photos=40] [runs=3]
set -euo pipefail
n=${1:-40}; runs=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$work/photos" "$n" <<'PY'
import sys, os, random
from PIL import Image, ImageDraw, ImageFilter
out, n = sys.argv[1], int(sys.argv[2]); os.makedirs(out)
for i in range(n):
    r = random.Random(i)
    img = Image.new("RGB", (2400, 1800), (r.randrange(256), r.randrange(256), r.randrange(256)))
    d = ImageDraw.Draw(img)
    for _ in range(300):
        x, y = r.randrange(2400), r.randrange(1800)
        d.ellipse([x, y, x + r.randrange(20, 300), y + r.randrange(20, 300)],
                  fill=(r.randrange(256), r.randrange(256), r.randrange(256)))
    img = img.filter(ImageFilter.GaussianBlur(1.5))
    ex = Image.Exif(); ex[0x0112] = 6 if i % 2 else 1
    img.save(f"{out}/photo-{i:03}.jpg", quality=88, exif=ex.tobytes())
PY
# gazette: one page folder holding every photo.
g="$work/gazette"; mkdir -p "$g/content/news/2024-01-01-photos"
printf 'title: Bench\nbase_url: https://example.org/\nsearch: false\n' > "$g/site.yaml"
{ printf -- '---\ntitle: Photos\n---\n'; for f in "$work"/photos/*.jpg; do b=$(basename "$f"); printf '![%s](%s)\n\n' "$b" "$b"; done; } > "$g/content/news/2024-01-01-photos/index.md"
cp "$work"/photos/*.jpg "$g/content/news/2024-01-01-photos/"
# Hugo: one bundle, the same widths and formats.
h="$work/hugo"; mkdir -p "$h/content/photos" "$h/layouts/_default"
printf 'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[imaging]\nquality = 80\n' > "$h/config.toml"
printf -- '---\ntitle: Photos\n---\n' > "$h/content/photos/index.md"
cp "$work"/photos/*.jpg "$h/content/photos/"
cat > "$h/layouts/_default/single.html" <<'T'
{{ range .Resources.ByType "image" }}{{ $a := .Resize "480x q80" }}{{ $b := .Resize "960x q80" }}{{ $c := .Resize "1600x q80" }}{{ $d := .Resize "480x webp q80" }}{{ $e := .Resize "960x webp q80" }}{{ $f := .Resize "1600x webp q80" }}<img src="{{ $a.RelPermalink }}{{ $b.RelPermalink }}{{ $c.RelPermalink }}{{ $d.RelPermalink }}{{ $e.RelPermalink }}{{ $f.RelPermalink }}">{{ end }}
T
printf '{{ .Content }}' > "$h/layouts/_default/list.html"; cp "$h/layouts/_default/list.html" "$h/layouts/index.html"
bin="$root/target/release/gazette"
time_it() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
echo "photos: $n (2400×1800 JPEG, half of them turned by EXIF); runs: $runs"
for i in $(seq "$runs"); do
  rm -rf "$g/.gazette-cache" "$g/output"
  tg=$(time_it "$bin" build --root "$g" --quiet)
  rm -rf "$h/resources" "$h/public"
  th=$(time_it hugo --source "$h" --quiet)
  rm -rf "$g/output"
  tw=$(time_it "$bin" build --root "$g" --quiet)
  printf 'run %s: gazette %.2f s (%.1f photos/s), again with its cache %.2f s; hugo %.2f s (%.1f photos/s)\n' \
    "$i" "$tg" "$(echo "$n / $tg" | bc -l)" "$tw" "$th" "$(echo "$n / $th" | bc -l)"
done
