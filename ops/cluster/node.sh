#!/usr/bin/env bash
# (Re)starts one portal node of the loopback deployment and waits until it answers /healthz.
#   bash ops/cluster/node.sh a|b [STATE]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
node=$1
STATE=${2:-/var/tmp/portal-cluster}
source "$HERE/cluster.env"
port=$([ "$node" = a ] && echo "$NODE_A_PORT" || echo "$NODE_B_PORT")
pidfile="$STATE/node-$node.pid"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "cluster: node $node runs already (pid $(cat "$pidfile"))"
    exit 0
fi
# The deployment's own sources file: none; sources are registered through the API and shared in the catalogue.
[ -f "$STATE/sources.yaml" ] || echo "sources: []" > "$STATE/sources.yaml"
primary="Host=127.0.0.1;Port=$PRIMARY_PORT;Database=$DATABASE;Username=portal;Password=portal"
cd "$ROOT/Web"
# Node a seeds an empty catalogue; both harvest on schedule, one run per source for the whole deployment.
env \
    Portal__PublicUrl="http://127.0.0.1:$LB_PORT" \
    Catalog__Backend=postgresql \
    Catalog__ConnectionString="$primary" \
    Catalog__ReadConnectionString="Host=127.0.0.1;Port=$STANDBY_PORT;Database=$DATABASE;Username=portal;Password=portal;Timeout=3" \
    Catalog__IndexPath="$STATE/node-$node.index" \
    Catalog__Sources="$STATE/sources.yaml" \
    Catalog__SeedOnStart=$([ "$node" = a ] && echo true || echo false) \
    Harvest__CheckSeconds=2 \
    SearchLimit__RequestsPerSecond=0 \
    nohup dotnet bin/Release/net10.0/DiscoveryPortal.Web.dll --urls "http://127.0.0.1:$port" >"$STATE/node-$node.log" 2>&1 &
echo $! > "$pidfile"
for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; then
        echo "cluster: node $node on http://127.0.0.1:$port (pid $(cat "$pidfile"))"
        exit 0
    fi
    kill -0 "$(cat "$pidfile")" 2>/dev/null || { tail -n 30 "$STATE/node-$node.log" >&2; exit 1; }
    sleep 0.5
done
echo "cluster: node $node did not answer in 300 s; see $STATE/node-$node.log" >&2
exit 1
