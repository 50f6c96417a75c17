#!/usr/bin/env bash
# Keeps a shared build cache from filling the disk: every build of a workspace crate or test
# binary leaves its artifacts under a new hash, and nothing removes the old ones. Keeps the
# newest artifact of each name (one rebuild at worst), drops incremental state. Runs only
# when the disk holding the cache has less than MIN_FREE_GB (default 20) free, or always
# with --force.
set -euo pipefail
dir=${CARGO_TARGET_DIR:-$(cd "$(dirname "$0")/.." && pwd)/target}
[ -d "$dir" ] || exit 0
free_gb=$(df -Pk "$dir" | awk 'NR==2 {print int($4 / 1024 / 1024)}')
if [ "${1:-}" != "--force" ] && [ "$free_gb" -ge "${MIN_FREE_GB:-20}" ]; then
  exit 0
fi
echo "==> pruning old build artifacts in $dir (${free_gb} GB free)"
python3 - "$dir" <<'PY'
import collections, os, re, sys
root = sys.argv[1]
workspace = {"app", "backend", "server", "domain", "migrations", "frontend"}
freed = 0
for deps in (os.path.join(root, p, "deps") for p in ("debug", "release")):
    if not os.path.isdir(deps):
        continue
    groups = collections.defaultdict(list)
    for f in os.listdir(deps):
        path = os.path.join(deps, f)
        m = re.match(r"^(lib)?([A-Za-z0-9_]+)-[0-9a-f]{16}(\..*)?$", f)
        if not m or not os.path.isfile(path):
            continue
        name, ext = m.group(2), m.group(3) or ""
        if name in workspace or (ext == "" and os.access(path, os.X_OK)):
            groups[(name, ext)].append(path)
    for paths in groups.values():
        paths.sort(key=os.path.getmtime, reverse=True)
        for old in paths[1:]:
            freed += os.path.getsize(old)
            os.remove(old)
print(f"freed {freed / 1e9:.1f} GB")
PY
rm -rf "$dir"/debug/incremental "$dir"/release/incremental
