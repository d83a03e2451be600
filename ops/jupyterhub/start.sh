#!/usr/bin/env bash
# Starts the local JupyterHub on 127.0.0.1:$PORTAL_HUB_PORT (8000) with the portal's pre-spawn hook.
# State (database, token, user folders, hub.log, hub.pid) in $PORTAL_HUB_STATE (/var/tmp/portal-hub).
# The portal service's API token is written to $PORTAL_HUB_STATE/portal.token. Does nothing if running.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export PORTAL_HUB_STATE=${PORTAL_HUB_STATE:-/var/tmp/portal-hub}
PORT=${PORTAL_HUB_PORT:-8000}
mkdir -p "$PORTAL_HUB_STATE"
if curl -sf -o /dev/null "http://127.0.0.1:$PORT/hub/api"; then
    echo "jupyterhub: already up at http://127.0.0.1:$PORT"
    exit 0
fi
# A proxy left behind by a hub that died holds the port and answers 503: stop it, or the new hub cannot start.
pkill -f "configurable-http-proxy --ip 127.0.0.1 --port $PORT " 2>/dev/null && sleep 1 || true
[ -s "$PORTAL_HUB_STATE/portal.token" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$PORTAL_HUB_STATE/portal.token"
export PORTAL_HUB_TOKEN; PORTAL_HUB_TOKEN=$(cat "$PORTAL_HUB_STATE/portal.token")
# Debian's configurable-http-proxy finds its node modules only there when node is not Debian's own.
export NODE_PATH=/usr/share/nodejs
rm -f "$PORTAL_HUB_STATE/proxy.pid"
(cd "$PORTAL_HUB_STATE" && nohup /usr/bin/jupyterhub -f "$HERE/jupyterhub_config.py" > "$PORTAL_HUB_STATE/hub.log" 2>&1 & echo $! > "$PORTAL_HUB_STATE/hub.pid")
for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/hub/api" && break
    sleep 0.5
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/hub/api" || { tail -n 30 "$PORTAL_HUB_STATE/hub.log" >&2; exit 1; }
echo "jupyterhub: up at http://127.0.0.1:$PORT (token in $PORTAL_HUB_STATE/portal.token)"
