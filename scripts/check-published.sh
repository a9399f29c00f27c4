#!/usr/bin/env bash
# Publishes the site as the README's production section does, starts the published output from another directory
# with its content root given, and fetches a page with its style sheet and scripts (and the live pages' scripts):
# the check that the build output alone (no wwwroot, no appsettings.json) can no longer pass for a deployment.
# Usage: scripts/check-published.sh   (needs python3; uses a throwaway SQLite database)
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/equalfooting-published.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish src/EqualFooting.Web -c Release -o "$work/app" -nologo -v quiet -clp:ErrorsOnly
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

# Started from elsewhere on purpose: the content root comes from --contentRoot, not from the working directory.
(cd "$work" && exec dotnet app/EqualFooting.Web.dll --contentRoot "$work/app" --urls "http://127.0.0.1:$port" \
  --ConnectionStrings:Default="Data Source=$work/check.db" --Demo:Enabled=false >"$work/log" 2>&1) &
pid=$!

base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/log"; echo "The published site exited." >&2; exit 1; }
  sleep 1
done

python3 - "$base" <<'PY'
import re, sys, urllib.request
base = sys.argv[1]
def get(path):
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return r.status, r.headers.get("Content-Type", ""), r.read()
status, _, html = get("/")
assert status == 200, f"/ answered {status}"
assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"', html.decode())
paths = [a or b for a, b in assets] + ["/js/session.js", "/lib/signalr/signalr.min.js"]
assert any(".css" in p for p in paths), "The home page links no style sheet"
for path in paths:
    status, kind, body = get(path)
    assert status == 200 and len(body) > 0, f"{path} answered {status} with {len(body)} bytes"
    print(f"published: {path} {status} {kind} {len(body)} bytes")
PY
echo "The published output serves its pages, style sheet and scripts."
