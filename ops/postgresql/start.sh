#!/usr/bin/env bash
# The portal's own PostgreSQL 15 cluster for the catalogue's second backend: Debian's postgresql-15 (the
# package DaCHS runs on, pinned; never upgraded here), a cluster of its own, "portal", on 127.0.0.1:5433, so
# DaCHS's cluster (15/main, 5432) is left alone. Creates the role "portal" (password "portal") and the
# database "portal"; the tests make a database of their own per fixture. Idempotent; needs root.
#   PORTAL_PG_PORT   the port (5433)
set -euo pipefail
port=${PORTAL_PG_PORT:-5433}
if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends postgresql-15 >/dev/null
fi
if ! pg_lsclusters -h | awk '$1==15 && $2=="portal"' | grep -q .; then
    pg_createcluster 15 portal -p "$port" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    conf=/etc/postgresql/15/portal
    {
        echo "listen_addresses = '127.0.0.1'"
        echo "max_connections = 200"
        echo "shared_buffers = 128MB"
        # Tests only: a lost commit after a power cut costs a test, not data anyone keeps.
        echo "synchronous_commit = off"
        echo "wal_level = replica"
        echo "max_wal_senders = 10"
        echo "hot_standby = on"
    } > "$conf/conf.d/portal.conf"
fi
pg_lsclusters -h | awk '$1==15 && $2=="portal" {print $4}' | grep -q online || pg_ctlcluster 15 portal start
su postgres -c "psql -q -p $port -d postgres -v ON_ERROR_STOP=1" <<SQL >/dev/null
SELECT 'CREATE ROLE portal LOGIN CREATEDB PASSWORD ''portal''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal')\gexec
SELECT 'CREATE DATABASE portal OWNER portal' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'portal')\gexec
SQL
echo "postgresql: cluster 15/portal on 127.0.0.1:$port ($(/usr/lib/postgresql/15/bin/postgres --version))"
