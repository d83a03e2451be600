#!/usr/bin/env bash
# The two-node deployment on one machine, all on loopback: the catalogue on a PostgreSQL 15 primary
# (cluster 15/portal, 127.0.0.1:5433, database portal_cluster) with a streaming-replication hot standby
# (cluster 15/portal-standby, 127.0.0.1:5434), two portal nodes (127.0.0.1:5181 and :5182), each with its own
# index on local disk, and haproxy in front (http://127.0.0.1:5180). Idempotent: what runs is left running.
# Needs root (Debian 12: postgresql-15 is pinned for DaCHS and never upgraded here; haproxy is installed if missing).
#   bash ops/cluster/start.sh [STATE]      state folder, /var/tmp/portal-cluster by default
#   bash ops/cluster/node.sh a|b [STATE]   (re)starts one node; bash ops/cluster/stop.sh [STATE] stops everything
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
STATE=${1:-/var/tmp/portal-cluster}
mkdir -p "$STATE"
source "$HERE/cluster.env"

# The primary: the portal's own cluster, and a database and replication role for the deployment.
bash "$ROOT/ops/postgresql/start.sh"
su postgres -c "psql -q -p $PRIMARY_PORT -d postgres -v ON_ERROR_STOP=1" <<SQL >/dev/null
SELECT 'CREATE DATABASE $DATABASE OWNER portal' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DATABASE')\gexec
SELECT 'CREATE ROLE portal_replica LOGIN REPLICATION PASSWORD ''portal_replica''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_replica')\gexec
SQL

# The hot standby: a base backup of the primary that follows its WAL stream (-R writes primary_conninfo) through a
# replication slot, so the primary keeps the WAL the standby has not replayed however long it is stopped.
standby_data=/var/lib/postgresql/15/portal-standby
primary_sql() { su postgres -c "psql -tA -p $PRIMARY_PORT -d postgres -c \"$1\""; }
standby_sql() { su postgres -c "psql -tA -p $STANDBY_PORT -d postgres -c \"$1\"" 2>/dev/null || true; }
make_standby() {
    if pg_lsclusters -h | awk '$1==15 && $2=="portal-standby"' | grep -q .; then pg_dropcluster --stop 15 portal-standby; fi
    primary_sql "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'portal_standby'" >/dev/null
    pg_createcluster 15 portal-standby -p "$STANDBY_PORT" >/dev/null
    rm -rf "$standby_data"
    su postgres -c "PGPASSWORD=portal_replica pg_basebackup -h 127.0.0.1 -p $PRIMARY_PORT -U portal_replica -D $standby_data -R -X stream -C -S portal_standby -c fast"
    { echo "listen_addresses = '127.0.0.1'"; echo "hot_standby = on"; echo "max_connections = 200"; } > /etc/postgresql/15/portal-standby/conf.d/portal.conf
}
start_standby() {
    pg_lsclusters -h | awk '$1==15 && $2=="portal-standby" {print $4}' | grep -q online || pg_ctlcluster 15 portal-standby start
}
# Caught up when it has replayed what the primary had written when asked (a standby whose WAL the primary no
# longer has never gets there, and serves an old catalogue).
caught_up() {
    local target; target=$(primary_sql "SELECT pg_current_wal_lsn()")
    for _ in $(seq 1 60); do
        [ "$(standby_sql "SELECT pg_last_wal_replay_lsn() >= '$target'::pg_lsn")" = t ] && return 0
        sleep 0.5
    done
    return 1
}
pg_lsclusters -h | awk '$1==15 && $2=="portal-standby"' | grep -q . || make_standby
start_standby
if ! caught_up; then
    echo "cluster: the standby cannot follow the primary (the WAL it needs is gone); making it again from a base backup"
    make_standby
    start_standby
    caught_up || { echo "cluster: the new standby does not follow the primary either; see /var/log/postgresql/postgresql-15-portal-standby.log" >&2; exit 1; }
fi
echo "cluster: standby on 127.0.0.1:$STANDBY_PORT, streaming from the primary"

# The load balancer.
command -v haproxy >/dev/null || { apt-get update -qq; apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends haproxy >/dev/null; }
sed "s#@STATE@#$STATE#g; s#@LB@#$LB_PORT#g; s#@A@#$NODE_A_PORT#g; s#@B@#$NODE_B_PORT#g" "$HERE/haproxy.cfg" > "$STATE/haproxy.cfg"
if [ -f "$STATE/haproxy.pid" ] && kill -0 "$(cat "$STATE/haproxy.pid")" 2>/dev/null; then
    haproxy -f "$STATE/haproxy.cfg" -p "$STATE/haproxy.pid" -D -sf "$(cat "$STATE/haproxy.pid")"
else
    haproxy -f "$STATE/haproxy.cfg" -p "$STATE/haproxy.pid" -D
fi

# The portal nodes: built once, then started from the build (a node is one process, so a kill is a kill).
[ -f "$ROOT/Web/bin/Release/net10.0/DiscoveryPortal.Web.dll" ] || dotnet build "$ROOT/Web" -c Release -nologo -clp:ErrorsOnly
for node in a b; do
    bash "$HERE/node.sh" "$node" "$STATE"
done
echo "cluster: http://127.0.0.1:$LB_PORT (haproxy) over node a http://127.0.0.1:$NODE_A_PORT and node b http://127.0.0.1:$NODE_B_PORT; state in $STATE"
