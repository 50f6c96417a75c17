#!/usr/bin/env bash
# The server for end-to-end tests: a fresh data dir, migrations, demo content, then serve.
set -euo pipefail
port=${1:-3100}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${HUIYIN_BIN:-$root/target/debug/huiyin}
data=$(mktemp -d /tmp/huiyin-e2e.XXXXXX)
export HUIYIN_DATA_DIR=$data HUIYIN_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-$root/target/site}
unset DATABASE_URL
"$bin" seed-demo >/dev/null
exec "$bin" serve
