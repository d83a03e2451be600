#!/usr/bin/env bash
# The figures of Indexer/BENCHMARKS.md ("Several nodes on PostgreSQL"), on the deployment ops/cluster/start.sh brought up:
# an import of N generated records into the PostgreSQL catalogue through the command line (records/s), node b
# rebuilding its index from the catalogue and catching up (records/s), and /api/search through haproxy with both
# nodes and with node a alone (requests/s, p50/p99, bench-http).
#   bash ops/cluster/bench.sh [N] [STATE]      N records (1,000,000 by default)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
N=${1:-1000000}
STATE=${2:-/var/tmp/portal-cluster}
source "$HERE/cluster.env"
indexer="$ROOT/Indexer/bin/Release/net10.0/DiscoveryPortal.Indexer.dll"
work=$(mktemp -d /var/tmp/portal-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# N records in the import's CSV shape, ids new to the catalogue (a run's own prefix).
run=$(date +%s)
/usr/bin/python3 - "$N" "$run" > "$work/records.csv" <<'PY'
import sys, random
n, run = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(7)
words = "nebula galaxy cluster pulsar quasar spectra survey imaging mosaic radio infrared ultraviolet xray photometry transit exoplanet".split()
print("id,title,domain,description,mission,start,end")
for i in range(n):
    t = " ".join(rnd.choice(words) for _ in range(4))
    year = 1990 + i % 35
    print(f"bench{run}-{i},{t.title()} {i},Space Science,{t} observations number {i} from the bench,Hubble,{year}-01-01,{year}-02-01")
PY
echo "import: $N records into $DATABASE"
start=$(date +%s.%N)
PORTAL_Catalog__Backend=postgresql \
PORTAL_Catalog__ConnectionString="Host=127.0.0.1;Port=$PRIMARY_PORT;Database=$DATABASE;Username=portal;Password=portal" \
PORTAL_Catalog__IndexPath="$work/cli.index" \
    dotnet "$indexer" import "$work/records.csv" | tail -n 2
end=$(date +%s.%N)
echo "import: $(/usr/bin/python3 -c "print(f'{$N/($end-$start):,.0f} records/s ({$end-$start:.1f} s)')")"
echo "catalogue: $(su postgres -c "psql -tA -p $PRIMARY_PORT -d $DATABASE -c \"SELECT (SELECT count(*) FROM assets) || ' records, ' || pg_size_pretty(pg_database_size('$DATABASE'))\"")"

# Node b rebuilds its index from the catalogue: stopped, its index deleted, started again.
kill "$(cat "$STATE/node-b.pid")"; while kill -0 "$(cat "$STATE/node-b.pid")" 2>/dev/null; do sleep 0.2; done
rm -rf "$STATE/node-b.index" "$STATE/node-b.pid"
start=$(date +%s.%N)
bash "$HERE/node.sh" b "$STATE"
end=$(date +%s.%N)
total=$(su postgres -c "psql -tA -p $PRIMARY_PORT -d $DATABASE -c 'SELECT count(*) FROM assets WHERE withdrawn_at IS NULL'")
echo "catch-up: node b indexed $total records in $(/usr/bin/python3 -c "print(f'{$end-$start:.1f} s, {$total/($end-$start):,.0f} records/s')"); index $(du -sh "$STATE/node-b.index" | cut -f1); node b RSS $(($(ps -o rss= -p "$(cat "$STATE/node-b.pid")") / 1024)) MB"

echo "search through haproxy, two nodes:"
dotnet "$indexer" bench-http --url "http://127.0.0.1:$LB_PORT" --seconds 20 | tail -n 4
kill "$(cat "$STATE/node-b.pid")"; while kill -0 "$(cat "$STATE/node-b.pid")" 2>/dev/null; do sleep 0.2; done
rm -f "$STATE/node-b.pid"
sleep 3 # haproxy takes node b out (two failed checks a second apart)
echo "search through haproxy, node a alone:"
dotnet "$indexer" bench-http --url "http://127.0.0.1:$LB_PORT" --seconds 20 | tail -n 4
bash "$HERE/node.sh" b "$STATE"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
