#!/usr/bin/env bash
# Lighthouse (mobile emulation, Debian's Chromium) on the release build with the demo
# content: performance, accessibility, best practices and SEO of the home page, a policy,
# a consultation, search results and an adoption report. Prints Markdown for
# docs/benchmarks.md; asserts nothing (performance depends on the machine and its load).
# Usage: scripts/audit.sh (or make audit)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
bin=$target/release/huiyin
(cd "$root" && make -s tools site-release server-release >/dev/null)
audit=$root/scripts/audit
if [ ! -d "$audit/node_modules/lighthouse" ] || [ "$audit/package-lock.json" -nt "$audit/node_modules/.package-lock.json" ]; then
  (cd "$audit" && npm ci --no-audit --no-fund --loglevel=error)
fi
data=$(mktemp -d /tmp/huiyin-audit.XXXXXX)
port=$((3700 + RANDOM % 200))
export HUIYIN_DATA_DIR=$data HUIYIN_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=$root/target/site RUST_LOG=warn
unset DATABASE_URL SMTP_HOST
"$bin" seed-demo >/dev/null
"$bin" serve >"$data/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done
# The demo's rules, with their article notes.
policy=$(curl -sf "$base/search?kind=policy&q=%E6%B7%B1%E5%9C%B3%E5%B8%82%E6%94%BF%E7%AD%96%E6%80%A7%E6%96%87%E4%BB%B6%E8%A7%A3%E8%AF%BB%E5%B7%A5%E4%BD%9C%E8%A7%84%E5%AE%9A" \
  | grep -o 'href="/policies/[0-9]*"' | head -1 | cut -d'"' -f2)
# Static files are compressed by the server at start; wait for them.
for _ in $(seq 100); do [ -f "$root/target/site/pkg/huiyin_bg.wasm.br" ] && [ "$root/target/site/pkg/huiyin_bg.wasm.br" -nt "$root/target/site/pkg/huiyin_bg.wasm" ] && break; sleep 0.2; done
echo "| page | performance | accessibility | best practices | SEO | LCP | TBT | transferred |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for path in / "$policy" /consultations/1 "/search?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80" /consultations/2/report; do
  report=$data/lighthouse-$(echo "$path" | tr -c 'a-z0-9' '_').json
  "$audit/node_modules/.bin/lighthouse" "$base$path" --quiet --output=json --output-path="$report" \
    --chrome-path=/usr/bin/chromium --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1
  node -e '
    const r = require(process.argv[1]);
    const score = c => Math.round(r.categories[c].score * 100);
    const a = r.audits;
    const kb = (a["total-byte-weight"].numericValue / 1000).toFixed(1);
    console.log(`| \`${process.argv[2]}\` | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${score("seo")} | ${a["largest-contentful-paint"].displayValue} | ${a["total-blocking-time"].displayValue} | ${kb} KB |`);
    for (const [id, audit] of Object.entries(a)) {
      if (audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== "informative" && audit.scoreDisplayMode !== "notApplicable" && audit.scoreDisplayMode !== "manual")
        console.error(`  ${process.argv[2]}: ${id} ${audit.score} ${audit.displayValue ?? ""}`);
    }' "$report" "$path"
done
