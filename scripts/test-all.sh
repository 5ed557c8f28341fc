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

# One pass after the other: side by side (6.5 min instead of 9) the contention split batches that
# tests/group-commit.test.ts needs whole, which their 25 ms bound allows under load.
step "Unit and integration tests on SQLite"
npx vitest run
if [ "$postgres" = yes ]; then
  step "Integration tests on PostgreSQL"
  TEST_DATABASE=postgresql npx vitest run
fi

# End to end too: the browser and the server keep both cores busy, and side by side the passes took
# as long and timed out.
step "End-to-end on SQLite"
npx playwright test
if [ "$postgres" = yes ]; then
  step "End-to-end on PostgreSQL"
  E2E_DATABASE_URL="$(npx tsx scripts/postgres-for-tests.ts fresh payments_desk_e2e)" npx playwright test
fi

step "Done"
echo "Screenshots of the list, a payment and a UTR search: $(ls e2e-artifacts/*/*.png | tr '\n' ' ')"
if [ "$postgres" = no ]; then echo "NOTE: the PostgreSQL passes were SKIPPED (no server at ${TEST_POSTGRES_URL})."; fi
