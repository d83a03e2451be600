#!/usr/bin/env bash
# Installs GAVO DaCHS from Debian (if missing) and loads the portal's resources from data-samples/dachs:
# portalobs (2,100 ObsCore rows) and rr (RegTAP tables).  Idempotent; run as root.  Env: DACHS_PORT (8090).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PORT=${DACHS_PORT:-8090}
APT=(apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends)
export DEBIAN_FRONTEND=noninteractive

pg_online() { pg_lsclusters -h 2>/dev/null | awk '$1==15 && $2=="main" {print $4}' | grep -q online; }

# 1. PostgreSQL 15 at 15.18: pg_sphere cannot be created on 15.20 ("commutator operator @> is already
#    the commutator of operator <@"), so a fresh "dachs init" fails there.  Hold it at 15.18.
PG_PIN=${PG_PIN:-15.18-0+deb12u1}
if [ "$(dpkg-query -W -f='${Version}' postgresql-15 2>/dev/null || true)" != "$PG_PIN" ]; then
    echo "dachs: installing PostgreSQL $PG_PIN"
    pg_ctlcluster 15 main stop 2>/dev/null || true
    apt-mark unhold postgresql-15 postgresql-client-15 libpq5 >/dev/null 2>&1 || true
    apt-get update -qq
    "${APT[@]}" --allow-downgrades postgresql-15="$PG_PIN" postgresql-client-15="$PG_PIN" libpq5="$PG_PIN" || true
    [ "$(dpkg-query -W -f='${Version}' postgresql-15)" = "$PG_PIN" ]
fi
apt-mark hold postgresql-15 postgresql-client-15 libpq5 >/dev/null
# The DaCHS package's postinst creates its database: PostgreSQL must be up before it is configured.
pg_online || pg_ctlcluster 15 main start

# 2. DaCHS and pgsphere; "dpkg --configure -a" finishes an install an earlier run left half-done.
if ! dpkg-query -W -f='${Status}' gavodachs2-server 2>/dev/null | grep -q 'install ok installed'; then
    echo "dachs: installing gavodachs2-server (about a minute)"
    apt-get update -qq
    "${APT[@]}" postgresql-15-pgsphere gavodachs2-server || true
    dpkg --configure -a
    dpkg-query -W -f='${Status}' gavodachs2-server | grep -q 'install ok installed'
fi

# 3. Site configuration.
sed "s/8090/$PORT/g" "$HERE/gavo.rc" > /etc/gavo.rc
install -o dachsroot -g gavo -m 664 "$HERE/defaultmeta.txt" /var/gavo/etc/defaultmeta.txt

# 4. The portal's resources.
for rd in portalobs rr; do
    rm -rf "/var/gavo/inputs/$rd"
    cp -r "$ROOT/data-samples/dachs/$rd" "/var/gavo/inputs/$rd"
    chown -R dachsroot:gavo "/var/gavo/inputs/$rd"
done
install -o dachsroot -g gavo -m 755 "$HERE/load_registry.py" /var/gavo/inputs/rr/load_registry.py

# 5. Import (the ObsCore view first) and publish to the local registry (OAI-PMH).
su dachsroot -c "dachs imp //obscore"
su dachsroot -c "dachs imp portalobs/q"
su dachsroot -c "dachs imp rr/q"
su dachsroot -c "dachs pub //services //tap portalobs/q"
echo "dachs: set up; start it with ops/dachs/start.sh"
