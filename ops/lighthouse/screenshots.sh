#!/usr/bin/env bash
# PNGs of the portal's main pages at BASEURL, at desktop (1280x800) and phone (390x844) width, with Debian's
# headless Chromium, into OUTDIR.  Starts no portal.
set -euo pipefail
BASE=${1:?usage: screenshots.sh BASEURL OUTDIR}
OUT=${2:?usage: screenshots.sh BASEURL OUTDIR}
mkdir -p "$OUT"
pages=("home=/" "results=/search?q=Herschel" "asset=/assets/hst-archive%3Aul30f5420" "basket=/basket" "sources=/sources" "source=/sources/recorded-peps-stac")
for entry in "${pages[@]}"; do
    name=${entry%%=*}; page=${entry#*=}
    for size in desktop=1280,800 phone=390,844; do
        /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
            --window-size="${size#*=}" --screenshot="$OUT/$name-${size%%=*}.png" "$BASE$page" >/dev/null 2>&1
        echo "$OUT/$name-${size%%=*}.png"
    done
done
