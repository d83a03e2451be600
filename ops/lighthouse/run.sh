#!/usr/bin/env bash
# Lighthouse's four category scores (phone preset) for the portal's main pages, as a table; the audits below
# 90 that cost points are listed under each page. A benchmark, not a test: it starts nothing, point it at a portal.
#   bash ops/lighthouse/run.sh [BASE_URL]      http://127.0.0.1:5080 by default
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BASE=${1:-http://127.0.0.1:5080}
command -v chromium >/dev/null || { apt-get update -qq; apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends chromium >/dev/null; }
[ -x "$HERE/node_modules/.bin/lighthouse" ] || (cd "$HERE" && npm ci --no-audit --no-fund --silent)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
source "$HERE/pages.sh"
echo "| page | performance | accessibility | best practices | SEO |"
echo "|---|---|---|---|---|"
for entry in $(pages "$BASE"); do
    page=${entry#*=}
    CHROME_PATH=/usr/bin/chromium "$HERE/node_modules/.bin/lighthouse" "$BASE$page" --quiet \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" --output=json --output-path="$out/page.json" >/dev/null 2>&1
    /usr/bin/python3 - "$out/page.json" "$page" <<'PY'
import json, sys
report, page = json.load(open(sys.argv[1])), sys.argv[2]
names = ["performance", "accessibility", "best-practices", "seo"]
print(f"| {page} | " + " | ".join(str(round(report["categories"][n]["score"] * 100)) for n in names) + " |")
for name in names:
    for ref in report["categories"][name]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 0.9:
            print(f"|   {name}: {ref['id']} {audit.get('displayValue', '')} | | | | |")
PY
done
