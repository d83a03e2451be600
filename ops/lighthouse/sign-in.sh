#!/usr/bin/env bash
# Signs in to the portal at $1 as the account named by PORTAL_LH_USER with PORTAL_LH_PASSWORD and prints the
# Cookie header value the signed-in pages need (antiforgery and session cookies). Make the account first:
#   PORTAL_NEW_PASSWORD=... dotnet run --project Indexer -- user add NAME --role curator --sources ...
set -euo pipefail
BASE=${1:?usage: sign-in.sh BASEURL}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
token=$(curl -fsS -c "$jar" "$BASE/account/login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$token" ] || { echo "sign-in: no form token on $BASE/account/login" >&2; exit 1; }
status=$(curl -sS -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' "$BASE/account/login" \
    --data-urlencode "name=${PORTAL_LH_USER:?set PORTAL_LH_USER}" --data-urlencode "password=${PORTAL_LH_PASSWORD:?set PORTAL_LH_PASSWORD}" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "returnUrl=/")
[ "$status" = 302 ] || [ "$status" = 303 ] || { echo "sign-in: the portal answered $status, not a redirect: wrong name or password?" >&2; exit 1; }
awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
echo
