#!/usr/bin/env bash
# Adds a migration with the same name to both providers, so SQLite and PostgreSQL never drift apart.
# Usage: scripts/add-migration.sh NameInPascalCase
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet dotnet-ef migrations add "$name" \
    --project src/EqualFooting \
    --context "${provider}EqualFootingDb" \
    --output-dir "Persistence/Migrations/$provider"
done
# The generator writes a byte-order mark and its own spacing; normalise so ./test.sh's format check passes.
dotnet format whitespace src/EqualFooting/EqualFooting.csproj
