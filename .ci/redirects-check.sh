#!/usr/bin/env bash
# The redirect files read back by the servers they are for: nginx (Debian's
# nginx-light) must accept the demo's `redirects.nginx.conf` and a site whose
# aliases hold `$`, Chinese, a space, `*` and `:`, and answer each old address
# with a 301 to its page; Apache (Debian's apache2) the same with `.htaccess`,
# when it is installed.
#
#   .ci/redirects-check.sh path/to/gazette
set -euo pipefail
gazette=$(realpath "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/gazette-redirects.XXXXXX)
nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -f "$work/apache/httpd.pid" ] && kill "$(cat "$work/apache/httpd.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A site at a base path, one page (a `$` in its slug) with the aliases a
# real site could carry.
"$gazette" init "$work/site" >/dev/null
sed -i 's|^base_url: .*|base_url: https://example.org/alliance/|' "$work/site/site.yaml"
cat > "$work/site/content/news/2025-01-01-fees.md" <<'EOF'
---
title: Moved
slug: "fees$2025"
aliases: ["/2024/a$b/", "/旧闻/筹备会议/", "/old news/page one/", "/x*y/:z/"]
---
This page moved.
EOF
"$gazette" build --quiet --today 2026-11-24 --root "$work/site" --output "$work/out"
"$gazette" build --quiet --today 2026-11-24 --root "$here" --output "$work/demo"

# Each old address as a browser sends it (percent-encoded UTF-8).
old=("/alliance/2024/a\$b/" "/alliance/%E6%97%A7%E9%97%BB/%E7%AD%B9%E5%A4%87%E4%BC%9A%E8%AE%AE/"
     "/alliance/old%20news/page%20one/" "/alliance/x*y/:z/")
expect_301() { # port, server name
  for path in "${old[@]}"; do
    # `$` may come back encoded (nginx) or not (Apache): the same URL.
    got=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$1$path" | sed 's/%24/$/g')
    if [ "$got" != "301 http://127.0.0.1:$1/alliance/news/fees\$2025/" ]; then
      echo "$2: $path answered '$got', not a 301 to /alliance/news/fees$2025/" >&2
      exit 1
    fi
  done
  echo "$2: ${#old[@]} old addresses (\$, Chinese, spaces, * and :) redirect with 301"
}

mkdir -p "$work/nginx/logs"
nginx_conf() { # redirects file, port
  cat <<EOF
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events {}
http {
  access_log off;
  server {
    listen 127.0.0.1:$2;
    root $work/empty;
    include $1;
  }
}
EOF
}
nginx_conf "$work/demo/redirects.nginx.conf" 18401 > "$work/nginx/demo.conf"
nginx -q -t -p "$work/nginx" -c "$work/nginx/demo.conf"
nginx_conf "$work/out/redirects.nginx.conf" 18402 > "$work/nginx/site.conf"
nginx -q -t -p "$work/nginx" -c "$work/nginx/site.conf"
echo "nginx -t: the demo's and the test site's redirects.nginx.conf are valid"
nginx -p "$work/nginx" -c "$work/nginx/site.conf" &
nginx_pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:18402/" && break; sleep 0.1; done
expect_301 18402 nginx

apache=$(command -v apache2 || echo /usr/sbin/apache2)
if [ -x "$apache" ]; then
  mkdir -p "$work/apache"
  modules=/usr/lib/apache2/modules
  cat > "$work/apache/httpd.conf" <<EOF
ServerName localhost
Listen 127.0.0.1:18403
PidFile $work/apache/httpd.pid
ErrorLog $work/apache/error.log
LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule alias_module $modules/mod_alias.so
DocumentRoot $work/out
<Directory $work/out>
  AllowOverride FileInfo
  Require all granted
</Directory>
EOF
  "$apache" -t -f "$work/apache/httpd.conf" 2>&1 | grep -v "Syntax OK" || true
  "$apache" -k start -f "$work/apache/httpd.conf"
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:18403/" && break; sleep 0.1; done
  expect_301 18403 "Apache (.htaccess)"
else
  echo "Apache is not installed: .htaccess not read back"
fi
