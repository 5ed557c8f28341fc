#!/usr/bin/env bash
# The whole test suite: lint, typecheck, schema sync, unit + integration tests and end-to-end
# tests, each on SQLite and then on PostgreSQL (TEST_POSTGRES_URL, default
# postgresql://postgres@127.0.0.1:5432/postgres). Without a reachable PostgreSQL the
# PostgreSQL passes are skipped with a message; in CI (CI=true) that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Lint";        npx eslint --max-warnings 0 .
step "Schema sync"; npx tsx scripts/db-sync.ts --check
# The build leaves type checking to tsc right after it (next.config.mjs), which then covers the whole
# project and the route types the build generates: one check instead of two.
step "Production build"
TYPECHECK_AFTER_BUILD=1 npx next build
step "Typecheck";   npx tsc --noEmit

postgres=no
if npx tsx scripts/postgres-for-tests.ts check; then
  postgres=yes
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at ${TEST_POSTGRES_URL}; CI must run both databases." >&2
  exit 1
else
  echo "NOTE: PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: the PostgreSQL passes are SKIPPED."
  echo "      Start PostgreSQL (or set TEST_POSTGRES_URL) to run them."
fi

step "Unit and integration tests on SQLite (PostgreSQL alongside)"
# The two passes share nothing (each test file migrates a database of its own), and much of the
# PostgreSQL pass waits on the server rather than the CPU: side by side they take about 6.5 minutes
# on two cores against 9 one after the other. The PostgreSQL output is printed when it ends.
pg_pid=""
pg_log="$(mktemp)"
trap 'if [ -n "$pg_pid" ]; then kill "$pg_pid" 2>/dev/null || true; fi; rm -f "$pg_log"' EXIT
if [ "$postgres" = yes ]; then TEST_DATABASE=postgresql npx vitest run > "$pg_log" 2>&1 & pg_pid=$!; fi
sqlite_status=0; npx vitest run || sqlite_status=$?
if [ "$postgres" = yes ]; then
  pg_status=0; wait "$pg_pid" || pg_status=$?
  pg_pid=""
  step "Integration tests on PostgreSQL (ran alongside)"
  cat "$pg_log"
  [ "$pg_status" -eq 0 ] || { echo "FAILED: the integration tests on PostgreSQL (above)." >&2; exit 1; }
fi
[ "$sqlite_status" -eq 0 ] || { echo "FAILED: the unit and integration tests on SQLite (further above)." >&2; exit 1; }

# End to end the passes run one after the other: the browser and the server keep both cores busy,
# and side by side they took as long and timed out.
step "End-to-end on SQLite"
npx playwright test
if [ "$postgres" = yes ]; then
  step "End-to-end on PostgreSQL"
  E2E_DATABASE_URL="$(npx tsx scripts/postgres-for-tests.ts fresh payments_desk_e2e)" npx playwright test
fi

step "Done"
echo "Screenshots of the list, a payment and a UTR search: $(ls e2e-artifacts/*/*.png | tr '\n' ' ')"
if [ "$postgres" = no ]; then echo "NOTE: the PostgreSQL passes were SKIPPED (no server at ${TEST_POSTGRES_URL})."; fi
