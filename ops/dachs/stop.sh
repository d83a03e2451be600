#!/usr/bin/env bash
# Stops DaCHS (the pid in /var/gavo/state/web.pid) and, with --all, PostgreSQL.
set -u
dachs serv stop || true
if [ "${1:-}" = "--all" ]; then
    pg_ctlcluster 15 main stop || true
fi
