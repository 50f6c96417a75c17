#!/usr/bin/env bash
# The server for end-to-end tests: a fresh data dir, migrations, demo content, a local SMTP
# server (aiosmtpd, mail kept in $HUIYIN_E2E_MAILDIR) and then the portal itself.
set -euo pipefail
port=${1:-3100}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${HUIYIN_BIN:-$root/target/debug/huiyin}
data=$(mktemp -d /tmp/huiyin-e2e.XXXXXX)
maildir=${HUIYIN_E2E_MAILDIR:-$data/mail}
smtp_port=$((port + 1))
rm -rf "$maildir"
"$root/target/smtp-venv/bin/python" -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$maildir" &
smtp_pid=$!
trap 'kill $smtp_pid 2>/dev/null || true' EXIT
export HUIYIN_DATA_DIR=$data HUIYIN_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-$root/target/site}
export SMTP_HOST=127.0.0.1 SMTP_PORT=$smtp_port HUIYIN_MAIL_INTERVAL_SECS=1 HUIYIN_SITE_URL=http://127.0.0.1:$port
unset DATABASE_URL
"$bin" seed-demo >/dev/null
"$bin" serve
