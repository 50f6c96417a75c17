#!/usr/bin/env bash
# Time and memory of the pages that used to load everything, on a big database: 100,000
# comments awaiting moderation (a 60,000-copy campaign and 40,000 others) and 10,000
# published policies, in SQLite. Release build; each page fetched 7 times, the median and
# the slowest reported; the server's peak resident memory read from /proc afterwards.
# Usage: scripts/bench-large.sh [comments] [policies]    (prints a Markdown table)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
comments=${1:-100000}
policies=${2:-10000}
target=${CARGO_TARGET_DIR:-$root/target}
bin=$target/release/huiyin
(cd "$root" && make -s server-release >/dev/null)
data=$(mktemp -d /tmp/huiyin-bench.XXXXXX)
port=$((3300 + RANDOM % 200))
export HUIYIN_DATA_DIR=$data HUIYIN_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=$root/target/site RUST_LOG=warn
unset DATABASE_URL SMTP_HOST
"$bin" seed-demo >/dev/null

python3 - "$data/huiyin.db" "$comments" "$policies" <<'PY'
import random, sqlite3, sys, datetime
db, n_comments, n_policies = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
c = sqlite3.connect(db)
now = datetime.datetime.now(datetime.timezone.utc)
ts = lambda t: t.strftime('%Y-%m-%d %H:%M:%S.%f+00:00')
consultation = c.execute("SELECT id FROM consultations ORDER BY id LIMIT 1").fetchone()[0]
start = c.execute("SELECT COALESCE(MAX(id), 0) FROM comments").fetchone()[0] + 1
campaign = n_comments * 6 // 10
rows = []
for i in range(n_comments):
    cid = start + i
    same = i < campaign
    body = "坚决反对第一条的规定，请予删除。" if same else f"关于第{i % 9 + 1}条的第{i}条意见：建议明确办理时限和责任部门。"
    rows.append((f"HY-2026-{900000 + i:07d}", consultation, None, body, "市民", f"c{i}@example.test", "", 1, 0,
                 None, ts(now), "awaiting_moderation", None, None, None, None, ts(now - datetime.timedelta(seconds=n_comments - i)),
                 None, "online", None, start if same else None, "zh-Hans"))
c.executemany("""INSERT INTO comments (tracking_number, consultation_id, article_anchor, body, display_name, email, ip,
  consent, flagged, verify_token_hash, verified_at, status, reject_reason, moderator_note, moderated_by, moderated_at,
  created_at, redacted_body, channel, signature, cluster_id, locale) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", rows)
depts = [r[0] for r in c.execute("SELECT id FROM departments")]
today = datetime.date.today()
prow = []
for i in range(n_policies):
    on = today - datetime.timedelta(days=random.randint(0, 3 * 365))
    prow.append((f"性能测试政策文件第{i}号", f"深府〔{on.year}〕{i}号", random.choice(depts), "open_government",
                 on.isoformat(), "published", "第一条 为测试列表性能，制定本文件。\n第二条 本文件自发布之日起施行。",
                 ts(now), ts(now), ts(now)))
c.executemany("""INSERT INTO policies (title, doc_number, department_id, category, published_on, status, body,
  reminder_sent_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)""", prow)
c.commit()
PY

start=$(date +%s.%N)
"$bin" serve >"$data/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
ready=$(echo "$(date +%s.%N) - $start" | bc)

jar=$data/cookies
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/login" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$token" --data-urlencode "username=editor" \
  --data-urlencode "password=huiyin-demo-editor" --data-urlencode "next=/staff" "http://127.0.0.1:$port/login"

campaign_group=$(python3 -c "import sqlite3;print(sqlite3.connect('$data/huiyin.db').execute(\"SELECT cluster_id FROM comments WHERE status='awaiting_moderation' AND cluster_id IS NOT NULL GROUP BY cluster_id ORDER BY COUNT(*) DESC LIMIT 1\").fetchone()[0])")
echo "| page | median | slowest of 7 | HTTP | bytes |"
echo "| --- | --- | --- | --- | --- |"
for path in / /policies "/policies?page=500" /timeliness /departments/zwfw /staff/moderation "/staff/moderation?page=200" "/staff/moderation?cluster=$campaign_group" "/staff/moderation?cluster=$campaign_group&page=1000"; do
  times=()
  for _ in 1 2 3 4 5 6 7; do
    out=$(curl -s -o "$data/page" -w '%{time_total} %{http_code} %{size_download}' -b "$jar" "http://127.0.0.1:$port$path")
    times+=("${out%% *}")
    code=$(echo "$out" | cut -d' ' -f2); size=$(echo "$out" | cut -d' ' -f3)
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | sed -n 4p); slowest=$(echo "$sorted" | tail -1)
  printf '| `%s` | %.0f ms | %.0f ms | %s | %s |\n' "$path" "$(echo "$median * 1000" | bc)" "$(echo "$slowest * 1000" | bc)" "$code" "$size"
done
echo
echo "Server start on this database (migrations, timeliness facts of $policies policies): ${ready%.*} s."
echo "Server peak resident memory: $(grep VmHWM /proc/$pid/status | awk '{print $2/1024 " MiB"}')."
