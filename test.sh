#!/usr/bin/env bash
# Runs every test layer: domain unit tests, HTTP integration tests on SQLite and on a throwaway PostgreSQL
# (plus a two-node test over a throwaway Redis),
# and browser tests in Debian's Chromium. Installs what is missing with apt-get first.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Participation]
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Throwaway PostgreSQL clusters started by the tests live here, so whatever happens they are stopped and removed.
export EQUALFOOTING_TEST_TMP
EQUALFOOTING_TEST_TMP=$(mktemp -d /tmp/equalfooting-tests.XXXXXX)
chmod 755 "$EQUALFOOTING_TEST_TMP"
cleanup() {
  for data in "$EQUALFOOTING_TEST_TMP"/*/data; do
    [ -f "$data/postmaster.pid" ] || continue
    pg_ctl=$(compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" | sort -V | tail -n 1)
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    else "$pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true; fi
  done
  rm -rf "$EQUALFOOTING_TEST_TMP"
  [ -z "${memory_tmp:-}" ] || rm -rf "$memory_tmp"
}
trap cleanup EXIT

dotnet tool restore >/dev/null
echo "== format"
dotnet format whitespace EqualFooting.slnx --verify-no-changes
echo "== build"
dotnet build EqualFooting.slnx -nologo -v quiet -clp:ErrorsOnly
echo "== test"
results="$EQUALFOOTING_TEST_TMP/results"
# The tests' throwaway SQLite files and browser profiles need no durability, yet every SQLite commit waits for the
# disk (synchronous=FULL): where /dev/shm has room, their temporary folder is in memory.
memory_tmp=""
if [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR==2 {print $4}')" -gt 2000000 ] 2>/dev/null; then
  memory_tmp=$(mktemp -d /dev/shm/equalfooting-tests.XXXXXX)
fi
set +e
TMPDIR="${memory_tmp:-${TMPDIR:-/tmp}}" dotnet test EqualFooting.slnx --no-build -nologo --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

# One closing line for the whole run, summed over the test assemblies' TRX reports.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
total = {"passed": 0, "failed": 0, "skipped": 0}
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    total["passed"] += int(c.get("passed", 0))
    total["failed"] += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    # xunit's skipped tests are counted in "total" but neither executed nor "notExecuted".
    total["skipped"] += max(int(c.get("total", 0)) - int(c.get("executed", 0)), int(c.get("notExecuted", 0))) + int(c.get("inconclusive", 0))
print(f"Tests: {total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
PY
# The TRX reports outlive the run (per-test durations, for finding what makes the suite slow).
mkdir -p test-results && cp "$results"/*.trx test-results/ 2>/dev/null || true
[ $status -eq 0 ] || exit $status

# Production runs the published output (README, "Several web nodes"): start it and fetch its CSS and scripts.
echo "== published output"
scripts/check-published.sh --reuse-build
