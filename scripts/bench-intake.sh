#!/usr/bin/env bash
# Comment intake (issue "Fast"): the release build with the demo content, on SQLite and then
# on PostgreSQL (fsync on), each taking
#   1. a sustained run: 256 keep-alive connections posting comments for 60 s, as fast as
#      answers come;
#   2. a burst of 75,000 submissions over 1,500 connections, as fast as they go.
# Each comment comes from its own client address (X-Forwarded-For through a trusted "proxy"
# on loopback) and email, so the rate limits, the honeypot and validation all stay on. The
# load generator (server/examples/intake_load.rs) then checks in the database that every
# receipt's comment is stored, and that every refusal was a 429 or 503 with Retry-After and
# the citizen's text on the page. Prints Markdown for docs/benchmarks.md; times nothing
# against a goal (it fails only when a check fails).
# Usage: scripts/bench-intake.sh [seconds, default 60; 0 runs the burst only] [burst, default 75000]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
burst=${2:-75000}
target=${CARGO_TARGET_DIR:-$root/target}
bin=$target/release/huiyin
load=$target/release/examples/intake_load

if [ -z "${HUIYIN_BENCH_INNER:-}" ]; then
  (cd "$root" && make -s site-release server-release >/dev/null \
    && cargo build -q --release -p server --example intake_load)
  echo "| database | run | connections | seconds | receipts | receipts/s | p50 | p99 | max | 429 | 503 | other | receipts stored |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  HUIYIN_BENCH_INNER=1 "$0" "$seconds" "$burst"
  HUIYIN_BENCH_INNER=1 HUIYIN_PG_FSYNC=on "$root/scripts/with-postgres.sh" "$0" "$seconds" "$burst" | grep '^|'
  echo
  echo "Machine: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB, ext4 on $(df --output=source / | tail -n 1); $(date -u +%Y-%m-%d)."
  exit 0
fi

# One database: SQLite in a fresh data dir, or the PostgreSQL server with-postgres started.
data=$(mktemp -d /tmp/huiyin-intake.XXXXXX)
port=$((3950 + RANDOM % 40))
export HUIYIN_DATA_DIR=$data HUIYIN_ADDR=127.0.0.1:$port HUIYIN_TRUSTED_PROXIES=127.0.0.1/32 \
  LEPTOS_SITE_ROOT=$root/target/site RUST_LOG=warn
unset SMTP_HOST
if [ -n "${HUIYIN_TEST_POSTGRES:-}" ]; then
  export DATABASE_URL=$HUIYIN_TEST_POSTGRES
  label=PostgreSQL
  check=$DATABASE_URL
else
  unset DATABASE_URL
  label=SQLite
  check="sqlite://$data/huiyin.db?mode=ro"
fi
"$bin" seed-demo >/dev/null
"$bin" serve >"$data/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.05; done
# The search index and the open-data archive are built at a first start: let them finish.
for _ in $(seq 600); do grep -q "open-data archive rebuilt" "$data/serve.log" && grep -q "search index built" "$data/serve.log" && break; sleep 0.1; done

row() { # run name, connections, then the generator's JSON
  echo "$label $1: $3" >&2
  python3 - "$label" "$@" <<'PY'
import json, sys
label, run, connections, raw = sys.argv[1:5]
r = json.loads(raw)
print(f"| {label} | {run} | {connections} | {r['seconds']} | {r['receipts']:,} | {r['receipts_per_s']:,} "
      f"| {r['p50_ms']} ms | {r['p99_ms']} ms | {r['max_ms']} ms | {r['refused_429']} | {r['refused_503']:,} "
      f"| {len(r['other_statuses'])} | {r['receipts_stored']:,} of {r['receipts']:,} |")
PY
}
if [ "$seconds" != 0 ]; then # 0: the burst only
  out=$("$load" --addr "127.0.0.1:$port" --consultation 1 --connections 256 --seconds "$seconds" --database-url "$check" --run s$$) || { echo "a check failed: $out" >&2; exit 1; }
  row "sustained ${seconds} s" 256 "$out"
fi
rss=$(awk '/^VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server/status")
out=$("$load" --addr "127.0.0.1:$port" --consultation 1 --connections 1500 --total "$burst" --database-url "$check" --run b$$) || { echo "a check failed: $out" >&2; exit 1; }
row "burst of $burst" 1500 "$out"
echo "| $label | server peak RSS (VmHWM) after both runs: $(awk '/^VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server/status") (after the sustained run: $rss) | | | | | | | | | | | |"
