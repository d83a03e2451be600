#!/usr/bin/env bash
# Installs what the test suite talks to, if it is missing: Debian's Chromium and ChromeDriver for the
# browser tests. Idempotent; needs root (CI and the development machines run as root).
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)

if [ ${#need[@]} -eq 0 ]; then
    echo "test peers: chromium and chromedriver present"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "test peers: ${need[*]} missing; run this script as root to install them" >&2
    exit 1
fi

echo "test peers: installing ${need[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Name only what is missing: naming installed packages may upgrade them (PostgreSQL is pinned for DaCHS).
apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${need[@]}" >/dev/null
echo "test peers: $(/usr/bin/chromium --version 2>/dev/null | head -n1); $(/usr/bin/chromedriver --version | head -n1)"
