#!/usr/bin/env bash
# Records real responses of the local DaCHS (start.sh first) as test fixtures and as the portal's
# recorded TAP sample data.  Rerun after changing data-samples/dachs; the outputs are committed.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TAP=${TAP:-http://127.0.0.1:${DACHS_PORT:-8090}/tap}
FIX="$ROOT/tests/Connectors.Tests/Fixtures/VoTable/dachs"
SAMPLES="$ROOT/data-samples/tap"
mkdir -p "$FIX" "$SAMPLES"

query() { # out format maxrec adql
    curl -sf -o "$1" "$TAP/sync" --data-urlencode REQUEST=doQuery --data-urlencode LANG=ADQL \
        --data-urlencode "RESPONSEFORMAT=$2" --data-urlencode "MAXREC=$3" --data-urlencode "QUERY=$4"
}

PAGE="SELECT TOP 40 * FROM ivoa.obscore WHERE obs_publisher_did > 'ivo://portal.test/portalobs?jw' ORDER BY obs_publisher_did"
query "$FIX/obscore-page.td.xml" votable/td 1000 "$PAGE"
query "$FIX/obscore-page.b.xml" votable 1000 "$PAGE"
query "$FIX/obscore-page.b2.xml" votable/b2 1000 "$PAGE"
query "$FIX/native-page.b2.xml" votable/b2 1000 "SELECT TOP 25 * FROM portalobs.obs ORDER BY obs_publisher_did"
query "$FIX/overflow.xml" votable/td 5 "SELECT obs_publisher_did, t_min FROM ivoa.obscore"
query "$FIX/error.xml" votable/td 10 "SELECT * FROM nowhere.t"
query "$FIX/regtap-resources.b2.xml" votable/b2 1000 "SELECT * FROM rr.resource ORDER BY ivoid"
query "$FIX/regtap-interfaces.xml" votable/td 1000 "SELECT * FROM rr.capability NATURAL JOIN rr.interface ORDER BY ivoid, cap_index, intf_index"

# The recorded harvest the portal seeds from when no TAP server is reachable: the whole ObsCore
# table in keyset pages of 1,000 rows, as the TAP connector asks for it, and the registry tables.
# The pages are read from portalobs.obs, whose text columns are unicode: DaCHS's ivoa.obscore view
# declares its text columns ASCII char and serves "ρ Oph" as "? Oph".
last=""
n=0
while :; do
    n=$((n + 1))
    where=""
    [ -n "$last" ] && where="WHERE obs_publisher_did > '$last' "
    out="$SAMPLES/obscore-page-$n.xml"
    query "$out" votable/b2 1000 "SELECT TOP 1000 * FROM portalobs.obs ${where}ORDER BY obs_publisher_did ASC"
    rows=$(/usr/bin/python3 -c "from astropy.io.votable import parse_single_table as p; import sys, warnings; warnings.simplefilter('ignore'); t = p(sys.argv[1]).array; print(len(t), t['obs_publisher_did'][-1] if len(t) else '')" "$out")
    count=${rows%% *}
    if [ "$count" = "0" ]; then rm "$out"; break; fi
    last=${rows#* }
    [ "$count" -lt 1000 ] && break
done
for t in resource capability interface res_subject res_role; do
    query "$SAMPLES/rr-$t.xml" votable/b2 100000 "SELECT * FROM rr.$t"
done
curl -sf -o "$ROOT/tests/Connectors.Tests/Fixtures/Tap/capabilities-dachs.xml" "$TAP/capabilities"
ls -la "$FIX" "$SAMPLES"
