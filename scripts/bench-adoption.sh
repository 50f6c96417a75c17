#!/usr/bin/env bash
# Times publishing an adoption report on a consultation of 10,000 published comments with
# verified emails (one decision mail each, queued in batches of 200 in the one request), on
# SQLite and, when PostgreSQL can be started here, on PostgreSQL. Runs the integration test
# `a_report_on_ten_thousand_comments_queues_every_mail` (dev profile, dependencies at
# opt-level 1) and prints the time it measures around the publish request.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/huiyin-target}"
run() {
  "$@" cargo test -p server --test adoption a_report_on_ten_thousand -- --nocapture 2>&1 \
    | grep '^BENCH' || { echo "the benchmark test failed" >&2; exit 1; }
}
echo "SQLite:"
for _ in 1 2 3; do run env; done
echo "PostgreSQL:"
for _ in 1 2 3; do run scripts/with-postgres.sh; done
