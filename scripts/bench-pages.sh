#!/usr/bin/env bash
# Anonymous page speed beside nginx (issue "Fast"): the release build with the demo content
# and 1,000 published comments on consultation 1, then wrk (64 connections, 2 threads) against
# the portal's `/`, a policy page and that consultation page, and against nginx serving the
# same bytes as static files, in one run on this machine. Also: the server's resident memory
# idle and under load, cold start to the first answered page, and the stripped binary's size.
# Prints Markdown for docs/benchmarks.md; asserts nothing.
# Usage: scripts/bench-pages.sh [seconds per run, default 15]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-15}
target=${CARGO_TARGET_DIR:-$root/target}
bin=$target/release/huiyin
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  echo "installing Debian's wrk and nginx (one time)" >&2
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk nginx-light >/dev/null
fi
(cd "$root" && make -s site-release server-release >/dev/null)
data=$(mktemp -d /tmp/huiyin-pages-bench.XXXXXX)
chmod 755 "$data"
port=$((3900 + RANDOM % 50))
nginx_port=$((port + 50))
export HUIYIN_DATA_DIR=$data HUIYIN_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=$root/target/site RUST_LOG=warn
unset DATABASE_URL SMTP_HOST
"$bin" seed-demo >/dev/null
python3 - "$data/huiyin.db" <<'PY'
import datetime, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
now = datetime.datetime.now(datetime.timezone.utc)
ts = lambda t: t.strftime('%Y-%m-%d %H:%M:%S.%f+00:00')
cols = [r[1] for r in c.execute("PRAGMA table_info(comments)")]
row = dict(zip(cols, c.execute("SELECT * FROM comments WHERE consultation_id = 1 AND status = 'published' LIMIT 1").fetchone()))
start = c.execute("SELECT COALESCE(MAX(id), 0) FROM comments").fetchone()[0] + 1
for i in range(1000):
    r = dict(row)
    r['id'] = start + i
    r["tracking_number"] = f"HY-2030-{i + 1:06d}"
    r['body'] = f"关于第{i % 9 + 1}条的意见（{i}）：建议明确办理时限，公开办理结果，方便群众监督。"
    r['created_at'] = ts(now - datetime.timedelta(minutes=i))
    if 'email' in r: r['email'] = f"bench{i}@example.test"
    c.execute(f"INSERT INTO comments ({','.join(r)}) VALUES ({','.join('?' * len(r))})", list(r.values()))
c.commit()
PY
policy=$(sqlite3 "$data/huiyin.db" "SELECT id FROM policies WHERE status = 'published' ORDER BY id LIMIT 1" 2>/dev/null \
  || python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT id FROM policies WHERE status = 'published' ORDER BY id LIMIT 1\").fetchone()[0])" "$data/huiyin.db")
pages=(/ "/policies/$policy" /consultations/1)

rss() { awk '/^VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$1/status"; }
start_ns=$(date +%s%N)
"$bin" serve >"$data/serve.log" 2>&1 &
server=$!
nginx_pid=
trap 'kill $server 2>/dev/null || true; [ -n "$nginx_pid" ] && kill $nginx_pid 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.01; done
cold_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
# The search index and the open-data archive are built at a first start: wait for both.
for _ in $(seq 600); do grep -q "open-data archive rebuilt" "$data/serve.log" && grep -q "search index built" "$data/serve.log" && break; sleep 0.1; done
sleep 1
idle=$(rss $server)

# The same bytes for nginx: each page as an anonymous visitor gets it.
www=$data/www
mkdir -p "$www/policies" "$www/consultations"
for p in "${pages[@]}"; do
  file=$www$p.html; [ "$p" = / ] && file=$www/index.html
  curl -sf "http://127.0.0.1:$port$p" -o "$file"
done
chmod -R a+rX "$www"
cat >"$data/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $data/nginx.pid;
error_log $data/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $www;
    location / { default_type text/html; try_files \$uri \$uri.html \$uri/index.html =404; }
  }
}
EOF
nginx -c "$data/nginx.conf" -p "$data" &
nginx_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/"; do sleep 0.05; done

# wrk's summary: requests per second and the 99th percentile latency. The visitor has been
# here before (the CSRF cookie every first answer sets), as most page views are.
visitor="huiyin_csrf=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
measure() {
  wrk -t2 -c64 -d"${seconds}s" --latency -H "Cookie: $visitor" "$1" 2>&1 | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { p99 = $2 }
    / [0-9]+ requests in/ { n = $1 }
    /Non-2xx/ { bad = $NF }
    END { printf "%s|%s|%s|%s", rps, p99, n, (bad == "" ? 0 : bad) }'
}
echo "| page | Huiyin req/s | p99 | nginx req/s | p99 | ratio | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
peak=0
for p in "${pages[@]}"; do
  IFS='|' read -r h_rps h_p99 _ h_bad <<<"$(measure "http://127.0.0.1:$port$p")"
  now=$(awk '/^VmRSS/ {print $2}' "/proc/$server/status"); [ "$now" -gt "$peak" ] && peak=$now
  IFS='|' read -r n_rps n_p99 _ _ <<<"$(measure "http://127.0.0.1:$nginx_port$p")"
  ratio=$(awk -v a="$h_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", a / b }')
  echo "| \`$p\` | ${h_rps%.*} | $h_p99 | ${n_rps%.*} | $n_p99 | $ratio | $h_bad |"
done
hwm=$(awk '/^VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server/status")
strip -o "$data/huiyin-stripped" "$bin"
size=$(stat -c %s "$data/huiyin-stripped")
echo
echo "| measure | figure |"
echo "| --- | --- |"
echo "| server RSS, idle (index open, archive written) | $idle |"
echo "| server RSS, under load (highest seen after a run; peak VmHWM) | $((peak / 1024)) MiB; $hwm |"
echo "| cold start to the first answered page (fresh data dir, demo seeded) | $cold_ms ms |"
echo "| release binary, stripped | $((size / 1024 / 1024)) MiB ($size bytes) |"
echo
echo "Machine: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB; $(date -u +%Y-%m-%d)."
