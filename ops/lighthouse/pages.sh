# The pages Lighthouse scores and the screenshots show, as "name=path" lines, for the portal at $1: the asset and
# the source are the first the portal itself lists, so the list holds on any catalogue.
pages() {
    local base=$1 asset source
    asset=$(curl -fsS "$base/api/search?q=herschel&size=1" | /usr/bin/python3 -c "import sys, json, urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)['hits'][0]['id'], safe=''))")
    source=$(curl -fsS "$base/sources" | grep -o 'href="/sources/[^"]*"' | grep -v '/sources/new' | head -n 1 | cut -d'"' -f2)
    printf '%s\n' "home=/" "results=/search?q=herschel+pacs" "ground-results=/search?q=sentinel-2+alps&mission=Sentinel-2" \
        "object-results=/search?q=M31" "asset=/assets/$asset" "basket=/basket" "sources=/sources" "source=$source"
}

# The curation forms, scored and shown signed in (run.sh and screenshots.sh, when PORTAL_LH_USER is set).
signed_in_pages() {
    printf '%s\n' "import=/curate/import" "record-form=/curate/record" "new-source=/sources/new"
}
