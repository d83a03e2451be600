#!/usr/bin/env bash
# Stops the local JupyterHub (it stops its proxy and user servers with it).
set -euo pipefail
STATE=${PORTAL_HUB_STATE:-/var/tmp/portal-hub}
if [ -f "$STATE/hub.pid" ] && kill -0 "$(cat "$STATE/hub.pid")" 2>/dev/null; then
    kill -TERM "$(cat "$STATE/hub.pid")"
    for _ in $(seq 1 40); do kill -0 "$(cat "$STATE/hub.pid")" 2>/dev/null || break; sleep 0.25; done
fi
rm -f "$STATE/hub.pid"
echo "jupyterhub: stopped"
