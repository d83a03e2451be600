#!/usr/bin/env bash
# Installs and starts what the test suite talks to, if it is missing: Debian's Chromium and ChromeDriver
# (browser tests), python3-astropy (the reference VOTable reader), python3-pyvo and STILTS (the Virtual
# Observatory clients that read the cone search), python3-owslib (the OGC API client that reads /stac and
# /records), xmllint (libxml2-utils: the OAI-PMH answers checked against their XML schemas), python3-rdflib
# (reads the asset pages' JSON-LD), python3-feedparser (reads the search feeds), Spectral from npm into
# ops/spectral (the OpenAPI linter), stac-node-validator from npm into ops/stac-validator (the STAC validator,
# with the schemas kept beside it), axe-core and the Nu HTML Checker from npm into ops/page-checks (the pages'
# accessibility and markup checks; the checker runs on Debian's OpenJDK 17),
# JupyterHub with the classic Notebook (the launch tests' compute facility), GAVO DaCHS on PostgreSQL 15 with
# the portal's own resources (the real TAP/ObsCore/RegTAP peer), the portal's own PostgreSQL cluster for the
# catalogue's second backend (ops/postgresql), and mount and chattr for the disk-fault tests
# (a small tmpfs, the immutable flag).  Idempotent; needs root (CI and the development machines run as root).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
/usr/bin/python3 -c "import astropy.io.votable" 2>/dev/null || need+=(python3-astropy)
/usr/bin/python3 -c "import pyvo" 2>/dev/null || need+=(python3-pyvo)
[ -x /usr/bin/stilts ] || need+=(stilts)
/usr/bin/python3 -c "import owslib.ogcapi.records" 2>/dev/null || need+=(python3-owslib)
[ -x /usr/bin/xmllint ] || need+=(libxml2-utils)
/usr/bin/python3 -c "import rdflib" 2>/dev/null || need+=(python3-rdflib)
/usr/bin/python3 -c "import feedparser" 2>/dev/null || need+=(python3-feedparser)
[ -x /usr/bin/java ] || need+=(openjdk-17-jre-headless)
[ -x /usr/bin/jupyterhub ] || need+=(jupyterhub)
[ -x /usr/bin/jupyter-notebook ] || need+=(jupyter-notebook)
command -v mount >/dev/null || need+=(mount)
command -v chattr >/dev/null || need+=(e2fsprogs)

if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "test peers: ${need[*]} missing; run this script as root to install them" >&2
        exit 1
    fi
    echo "test peers: installing ${need[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # Name only what is missing: naming installed packages may upgrade them (PostgreSQL is pinned for DaCHS).
    apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${need[@]}" >/dev/null
fi
echo "test peers: $(/usr/bin/chromium --version 2>/dev/null | head -n1); $(/usr/bin/chromedriver --version | head -n1)"
echo "test peers: astropy $(/usr/bin/python3 -c 'import astropy; print(astropy.__version__)'); pyvo $(/usr/bin/python3 -c 'import pyvo; print(pyvo.__version__)'); jupyterhub $(/usr/bin/jupyterhub --version)"

# Spectral, pinned in ops/spectral/package.json, installed beside it (node_modules is not committed).
spectral="$HERE/spectral/node_modules/.bin/spectral"
if [ ! -x "$spectral" ] || [ "$("$spectral" --version 2>/dev/null)" != "$(sed -n 's/.*"@stoplight\/spectral-cli": "\(.*\)".*/\1/p' "$HERE/spectral/package.json")" ]; then
    (cd "$HERE/spectral" && npm install --no-audit --no-fund --loglevel=error >/tmp/portal-spectral-install.log 2>&1) || { tail -n 20 /tmp/portal-spectral-install.log >&2; exit 1; }
fi
echo "test peers: spectral $("$spectral" --version)"

# stac-node-validator, pinned in ops/stac-validator/package.json, installed beside it the same way.
validator="$HERE/stac-validator/node_modules/stac-node-validator/package.json"
wanted=$(sed -n 's/.*"stac-node-validator": "\(.*\)".*/\1/p' "$HERE/stac-validator/package.json")
if [ ! -f "$validator" ] || ! grep -q "\"version\": \"$wanted\"" "$validator"; then
    (cd "$HERE/stac-validator" && npm install --no-audit --no-fund --loglevel=error >/tmp/portal-stac-validator-install.log 2>&1) || { tail -n 20 /tmp/portal-stac-validator-install.log >&2; exit 1; }
fi
echo "test peers: stac-node-validator $wanted; owslib $(/usr/bin/python3 -c 'import owslib; print(owslib.__version__)')"

# axe-core and vnu-jar, pinned in ops/page-checks/package.json, installed beside it the same way.  Without
# scripts: vnu-jar's own step would download a Java when none is found, and the checker runs on Debian's.
checks="$HERE/page-checks"
installed() { node -p "require('$checks/node_modules/$1/package.json').version" 2>/dev/null; }
wanted() { node -p "require('$checks/package.json').dependencies['$1']"; }
if [ "$(installed axe-core)" != "$(wanted axe-core)" ] || [ "$(installed vnu-jar)" != "$(wanted vnu-jar)" ]; then
    (cd "$checks" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >/tmp/portal-page-checks-install.log 2>&1) || { tail -n 20 /tmp/portal-page-checks-install.log >&2; exit 1; }
fi
echo "test peers: axe-core $(installed axe-core); vnu-jar $(installed vnu-jar) on $(/usr/bin/java -version 2>&1 | head -n1)"
bash "$HERE/jupyterhub/start.sh"

# The TAP peer: installed and loaded once (setup.sh re-imports when data-samples/dachs changed), then started.
stamp=/var/gavo/state/portal-samples.sha256
want=$(cat "$HERE"/dachs/*.py "$HERE"/dachs/*.sh "$HERE"/dachs/gavo.rc "$HERE"/dachs/defaultmeta.txt \
    "$HERE"/../data-samples/dachs/*/q.rd "$HERE"/../data-samples/dachs/portalobs/data/obs.csv | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    bash "$HERE/dachs/setup.sh" >/tmp/portal-dachs-setup.log 2>&1 || { tail -n 40 /tmp/portal-dachs-setup.log >&2; exit 1; }
    echo "$want" > "$stamp"
else
    # A machine that already has DaCHS loaded still starts with PostgreSQL down: processes do not outlive
    # a session.  Tests change rows and put them back; reloading makes sure an interrupted run left nothing.
    pg_lsclusters -h | awk '$1==15 && $2=="main" {print $4}' | grep -q online || pg_ctlcluster 15 main start
    su dachsroot -c "dachs imp portalobs/q" >/tmp/portal-dachs-setup.log 2>&1 || { tail -n 40 /tmp/portal-dachs-setup.log >&2; exit 1; }
fi
bash "$HERE/dachs/start.sh"

# The catalogue's PostgreSQL backend: a cluster of its own (15/portal, 127.0.0.1:5433) beside DaCHS's.
bash "$HERE/postgresql/start.sh"
