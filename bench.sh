#!/usr/bin/env bash
# Runs one benchmark, building in Release first: ./bench.sh NAME [--option value …]; ./bench.sh --list names them.
# The last line printed is "RESULT NAME key=value …". Figures and machines are kept in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")"
# session-fanout holds one socket per SignalR client in the bench and one in the server; take the hard limit.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
dotnet build bench/EqualFooting.Bench -c Release -v quiet -nologo -clp:ErrorsOnly >&2
exec dotnet bench/EqualFooting.Bench/bin/Release/net10.0/EqualFooting.Bench.dll "$@"
