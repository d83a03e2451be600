#!/usr/bin/env bash
# Stops what ops/cluster/start.sh started (the nodes and haproxy by their pid files, then the standby);
# the primary (15/portal) is left to ops/postgresql, which the tests share.
set -euo pipefail
STATE=${1:-/var/tmp/portal-cluster}
for name in node-a node-b haproxy; do
    if [ -f "$STATE/$name.pid" ]; then
        kill "$(cat "$STATE/$name.pid")" 2>/dev/null || true
        rm -f "$STATE/$name.pid"
    fi
done
pg_lsclusters -h | awk '$1==15 && $2=="portal-standby" {print $4}' | grep -q online && pg_ctlcluster 15 portal-standby stop || true
echo "cluster: stopped"
