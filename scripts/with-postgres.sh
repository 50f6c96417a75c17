#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server (Debian's binaries), started here as
# the `postgres` user (initdb refuses root) on a free loopback port, stopped afterwards.
# Tests run it with fsync off (nothing they check needs the disk); HUIYIN_PG_FSYNC=on keeps
# PostgreSQL's default, for benchmarks of durable writes.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/huiyin-pg.XXXXXX)
port=${HUIYIN_PG_PORT:-54329}
while (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
run_pg() {
  if [ "$(id -u)" = 0 ]; then chown -R postgres "$dir"; su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
cleanup() { run_pg "$bin/pg_ctl -D $dir/data -m fast stop" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
run_pg "$bin/initdb -D $dir/data -A trust -U huiyin -E UTF8 --locale=C.UTF-8" >/dev/null
run_pg "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${HUIYIN_PG_FSYNC:-off}' -l $dir/log -w start" >/dev/null
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
export HUIYIN_TEST_POSTGRES="postgres://huiyin@127.0.0.1:$port/postgres"
"$@"
