#!/usr/bin/env bash
# Copies the pinned browser libraries (package.json here) into Web/wwwroot/lib with their licences.
# Run at development time only: the portal serves the committed files and needs no npm at run time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lib="$here/../../Web/wwwroot/lib"
cd "$here"
npm ci --no-audit --no-fund --ignore-scripts
for p in d3-array d3-geo d3-geo-projection topojson-client; do
  mkdir -p "$lib/$p"
  cp "node_modules/$p/dist/$p.min.js" "node_modules/$p/LICENSE" "$lib/$p/"
done
mkdir -p "$lib/world-atlas"
cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/LICENSE "$lib/world-atlas/"
# The results page's ground map draws this ready outline (made from the same atlas) instead of the atlas.
node ground-outline.mjs > "$lib/world-atlas/ground-outline-720x360.json"
{
  cat <<'TEXT'
Built files of the browser libraries the maps and charts use, copied from npm by `ops/web-libs/update.sh` (versions pinned in `ops/web-libs/package.json`). The world-atlas data are Natural Earth (public domain) coastlines and borders at 1:110m; `ground-outline-720x360.json` is the same land and borders projected once by `ops/web-libs/ground-outline.mjs` for the results page's ground map.

TEXT
  echo "| library | version | licence | files |"
  echo "|---|---|---|---|"
  for p in d3-array d3-geo d3-geo-projection topojson-client world-atlas; do
    v=$(node -p "require('./node_modules/$p/package.json').version")
    l=$(node -p "require('./node_modules/$p/package.json').license")
    echo "| $p | $v | $l | $(cd "$lib/$p" && ls | grep -v LICENSE | tr '\n' ' ')|"
  done
} > "$lib/VERSIONS.md"
rm -rf node_modules
