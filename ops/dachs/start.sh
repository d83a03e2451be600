#!/usr/bin/env bash
# Starts PostgreSQL and DaCHS on 127.0.0.1:$DACHS_PORT (8090) and fills the RegTAP tables from DaCHS's
# own OAI-PMH interface.  Run as root after setup.sh; does nothing that is already running.
set -euo pipefail
PORT=${DACHS_PORT:-8090}
if ! pg_lsclusters -h | awk '$1==15 && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster 15 main start
fi
if ! curl -sf -o /dev/null "http://127.0.0.1:$PORT/tap/availability"; then
    dachs serv start   # daemonises as user gavo; pid in /var/gavo/state/web.pid
    for _ in $(seq 1 60); do
        curl -sf -o /dev/null "http://127.0.0.1:$PORT/tap/availability" && break
        sleep 0.5
    done
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/tap/availability"
fi
su dachsroot -c "/usr/bin/python3 /var/gavo/inputs/rr/load_registry.py http://127.0.0.1:$PORT/oai.xml"
echo "dachs: up at http://127.0.0.1:$PORT/tap"
