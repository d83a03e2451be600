#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs the test peers, builds with warnings as errors,
# checks formatting, runs every test project and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash ops/install-test-peers.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The peers were just installed and started: a test that finds one missing fails instead of skipping.
export PORTAL_REQUIRE_PEERS=1

dotnet build DiscoveryPortal.sln -c Release -nologo -clp:ErrorsOnly
dotnet format DiscoveryPortal.sln --verify-no-changes --no-restore

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test DiscoveryPortal.sln -c Release --no-build -nologo --filter "FullyQualifiedName!~SearchApi.Tests.Cluster" 2>&1 | tee "$log" || status=$?

# The API tests on the shared host again, with the catalogue on PostgreSQL (PORTAL_TEST_BACKEND makes ApiFixture
# put it there; the store contract tests ran on both backends in the first pass).
PORTAL_TEST_BACKEND=postgresql dotnet test tests/SearchApi.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~SearchApi.Tests.AssetEndpointsTests|FullyQualifiedName~SearchApi.Tests.ConeSearch.ConeSearchTests|FullyQualifiedName~SearchApi.Tests.Formats.SearchFormatsTests|FullyQualifiedName~SearchApi.Tests.Fuzz.GetRouteFuzzTests|FullyQualifiedName~SearchApi.Tests.Hostile.ServerErrorTests|FullyQualifiedName~SearchApi.Tests.OpenApi.HttpBehaviourTests|FullyQualifiedName~SearchApi.Tests.OpenApi.OpenApiDocumentTests|FullyQualifiedName~SearchApi.Tests.ResolveEndpointsTests|FullyQualifiedName~SearchApi.Tests.SearchEndpointsTests" 2>&1 | tee -a "$log" || status=$?

# The two-node deployment and its kill tests (ops/cluster), then stopped.
bash ops/cluster/start.sh
dotnet test tests/SearchApi.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~SearchApi.Tests.Cluster" 2>&1 | tee -a "$log" || status=$?
bash ops/cluster/stop.sh

# One line for the whole run, summed over the test projects.
awk '/^(Passed|Failed)!/ {
        for (i = 1; i <= NF; i++) {
            if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
        }
    }
    END { gsub(/,/, "", p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
