#!/usr/bin/env bash
# Lighthouse's four category scores (phone preset) for the portal's main pages, as a table; the audits below
# 90 that cost points are listed under each page. A benchmark, not a test: it starts nothing, point it at a portal.
#   bash ops/lighthouse/run.sh [BASE_URL]      http://127.0.0.1:5080 by default
#   PORTAL_LH_USER=name PORTAL_LH_PASSWORD=... bash ops/lighthouse/run.sh [BASE_URL]   also the curation forms
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
# With PORTAL_LH_USER and PORTAL_LH_PASSWORD (an account of that portal), the curation forms are scored too.
entries=$(pages "$BASE")
headers='{}'
if [ -n "${PORTAL_LH_USER:-}" ]; then
    cookie=$(bash "$HERE/sign-in.sh" "$BASE")
    headers=$(/usr/bin/python3 -c 'import json, sys; print(json.dumps({"Cookie": sys.argv[1]}))' "$cookie")
    entries="$entries $(signed_in_pages)"
fi
for entry in $entries; do
    page=${entry#*=}
    CHROME_PATH=/usr/bin/chromium "$HERE/node_modules/.bin/lighthouse" "$BASE$page" --quiet --extra-headers="$headers" \
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
