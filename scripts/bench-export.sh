#!/usr/bin/env bash
# Time and peak memory of `huiyin export` (the open-data archive) on a big database: the
# demo content plus N published comments (default 1,000,000), each with a published decision,
# in SQLite. Release build. Checks that the archive holds every comment, then prints a
# Markdown table row: comments, wall time, peak resident memory, archive size.
# Usage: scripts/bench-export.sh [comments]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
comments=${1:-1000000}
target=${CARGO_TARGET_DIR:-$root/target}
bin=$target/release/huiyin
(cd "$root" && make -s server-release >/dev/null)
data=$(mktemp -d /tmp/huiyin-export-bench.XXXXXX)
trap 'rm -rf "$data"' EXIT
export HUIYIN_DATA_DIR=$data RUST_LOG=warn
unset DATABASE_URL SMTP_HOST
"$bin" seed-demo >/dev/null

python3 - "$data/huiyin.db" "$comments" <<'PY'
import sqlite3, sys, datetime
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
now = datetime.datetime.now(datetime.timezone.utc)
ts = lambda t: t.strftime('%Y-%m-%d %H:%M:%S.%f+00:00')
# The demo consultation whose report is published: its decisions are public.
consultation = c.execute("SELECT id FROM consultations WHERE report_published = 1 ORDER BY id LIMIT 1").fetchone()[0]
start = c.execute("SELECT COALESCE(MAX(id), 0) FROM comments").fetchone()[0] + 1
outcomes = ["adopted", "partly_adopted", "not_adopted", "already_reflected", "out_of_scope"]
batch = 50_000
for lo in range(0, n, batch):
    hi = min(n, lo + batch)
    c.executemany("""INSERT INTO comments (id, tracking_number, consultation_id, article_anchor, body, display_name,
      email, ip, consent, flagged, verified_at, status, created_at, channel, locale)
      VALUES (?,?,?,?,?,?,?,?,1,0,?, 'published', ?, 'online', 'zh-Hans')""",
      [(start + i, f"HY-2026-{2000000 + i:07d}", consultation, f"art-{i % 4 + 1}",
        f"关于第{i % 4 + 1}条的第{i}条意见：建议明确办理时限、责任部门和救济途径，并公开办理结果。",
        "市民", f"c{i}@example.test", "", ts(now), ts(now)) for i in range(lo, hi)])
    c.executemany("""INSERT INTO decisions (comment_id, consultation_id, outcome, response, decided_by, decided_at)
      VALUES (?,?,?,?,NULL,?)""",
      [(start + i, consultation, outcomes[i % 5], None if i % 5 == 0 else f"第{i}条意见的答复：已研究，理由见说明。",
        ts(now)) for i in range(lo, hi)])
c.commit()
PY

out=$data/open-data.tar.gz
/usr/bin/time -f '%e %M' -o "$data/time" "$bin" export --out "$out" >"$data/export.log"
read -r secs rss_kb <"$data/time"
rows=$(tar -xzOf "$out" huiyin-open-data/comments.csv | python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(sys.stdin)) - 1)')
expected=$(python3 -c "import sqlite3;print(sqlite3.connect('$data/huiyin.db').execute(\"SELECT COUNT(*) FROM comments c JOIN consultations k ON k.id = c.consultation_id WHERE c.status='published' AND k.released = 1\").fetchone()[0])")
if [ "$rows" != "$expected" ]; then
  echo "the archive holds $rows comments, the database $expected" >&2
  exit 1
fi
size=$(stat -c %s "$out")
echo "| comments in the archive | wall time | peak resident memory | archive |"
echo "| --- | --- | --- | --- |"
printf '| %s | %s s | %s MiB | %s MiB |\n' "$rows" "$secs" "$((rss_kb / 1024))" "$((size / 1024 / 1024))"
