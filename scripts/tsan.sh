#!/bin/bash
# ThreadSanitizer run of the tests that use threads: the spectra made from many threads at
# once (FFTW's planner lock), the whole-file analysis with its workers (spectrum and peaks
# through the threaded pass, every reading against one thread's) and the
# single-producer/single-consumer ring.
#   scripts/tsan.sh [BUILD-DIR]      (default build-tsan)
# It configures its own build (gcc, -Db_sanitize=thread), builds only those tests and runs
# them with meson test, so BUILD-DIR/meson-logs/testlog.json holds their results for
# scripts/mtest.sh to count; a failed build leaves a failing entry there instead.
# FFTW, GLib and libc are not instrumented: TSan sees our own memory accesses, the locks and
# atomics we take, and every malloc/free (FFTW's included), not FFTW's loads and stores.
set -uo pipefail
cd "$(dirname "$0")/.."
B=${1:-build-tsan}

TESTS=(spectrum-threads spectrum peaks file-analysis-threads player-ring)
TARGETS=(tests/analysis/test-analysis-spectrum-threads tests/analysis/test-analysis-spectrum
         tests/analysis/test-analysis-peaks tests/analysis/test-analysis-file-analysis-threads
         tests/player/test-player-ring)

mkdir -p "$B/meson-logs"
rm -f "$B"/meson-logs/testlog*.json            # never count a stale log

build_failed () {
  echo "tsan.sh: $1" >&2
  printf '{"name": "tsan: %s", "result": "FAIL", "protocol": "exitcode", "stdout": ""}\n' \
    "$1" > "$B/meson-logs/testlog.json"
  exit 1
}

if [ ! -f "$B/build.ninja" ]; then
  CC=gcc meson setup "$B" -Db_sanitize=thread -Db_lundef=false -Dtests=true >/dev/null \
    || build_failed "meson setup failed"
fi
ninja -C "$B" "${TARGETS[@]}" >/dev/null || build_failed "build failed"

# halt_on_error: the first report fails the test; second_deadlock_stack: both stacks of a
# lock-order inversion. exitcode 66 keeps a report apart from an assertion's abort.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 exitcode=66 ${TSAN_OPTIONS:-}"
meson test -C "$B" --no-rebuild --print-errorlogs --timeout-multiplier 5 "${TESTS[@]}"
