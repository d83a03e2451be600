#!/usr/bin/env bash
# PNGs of the portal's main pages at BASEURL, at desktop (1280x800) and phone (390x844) width, with Debian's
# headless Chromium, into OUTDIR.  Starts no portal.
set -euo pipefail
BASE=${1:?usage: screenshots.sh BASEURL OUTDIR}
OUT=${2:?usage: screenshots.sh BASEURL OUTDIR}
mkdir -p "$OUT"
source "$(cd "$(dirname "$0")" && pwd)/pages.sh"
for entry in $(pages "$BASE"); do
    name=${entry%%=*}; page=${entry#*=}
    for size in desktop=1280,800 phone=390,844; do
        /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --virtual-time-budget=8000 \
            --window-size="${size#*=}" --screenshot="$OUT/$name-${size%%=*}.png" "$BASE$page" >/dev/null 2>&1
        echo "$OUT/$name-${size%%=*}.png"
    done
done
