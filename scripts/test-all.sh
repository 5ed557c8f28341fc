#!/usr/bin/env bash
# The whole test suite: lint, typecheck, unit + integration tests, production build, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Lint";            npx eslint --max-warnings 0 .
step "Typecheck";       npx tsc --noEmit
step "Unit and integration tests (SQLite)"; npx vitest run
step "Production build"; npx next build
step "End-to-end (SQLite)"; npx playwright test
