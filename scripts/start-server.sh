#!/usr/bin/env bash
# The production server's process (scripts/serve.ts) with its memory settings: `npm start` runs this
# after migrating, and so do the benchmarks and the reliability tests (bench/server.ts), so that
# what is measured is what is deployed. `exec` leaves node itself to receive SIGTERM.
#
#   SERVER_MAX_HEAP_MB (384)  V8's old-generation limit: without one the heap grows lazily to
#                             gigabytes under load.
#   MALLOC_ARENA_MAX (2)      glibc's malloc arenas: one per thread by default (the server,
#                             the writer's thread, libuv's pool), each holding freed memory.
#   SERVER_NODE_ARGS          more node options (the benchmarks' profiler, say).
# tsx loads the TypeScript as a require hook only: `--import tsx` also registers its ES module
# hooks, which Node 20 runs on a thread of their own, idle after start, for 22 MB resident.
# BENCHMARKS.md (issue 13, fourth pass) has the measurements behind the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# shellcheck disable=SC2086 # SERVER_NODE_ARGS is a list of options
exec node --max-old-space-size="${SERVER_MAX_HEAP_MB:-384}" ${SERVER_NODE_ARGS:-} --require tsx/cjs scripts/serve.ts "$@"
