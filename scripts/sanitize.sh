#!/bin/bash
# scripts/sanitize.sh [--no-total] [MESON-TEST-ARGS…] — builds Lacquer with AddressSanitizer and
# UndefinedBehaviorSanitizer (gcc, -Db_sanitize=address,undefined) in build-asan/ and runs the
# headless suites (dsp, analysis, engine, cli, render, player) under the `asan` test setup:
# UBSan halts on the first report, leaks are detected, and only the known third-party leaks
# named in tests/sanitizers/*.supp are suppressed. Ends with "N passed, N failed" unless
# --no-total (scripts/dev.sh test adds it up).
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

MODE=()
[ "${1:-}" = --no-total ] && { MODE=(--no-total); shift; }
B=build-asan
SUITES=(--suite dsp --suite analysis --suite engine --suite cli --suite render --suite player)
[ $# -gt 0 ] && SUITES=("$@")

install_missing $BUILD_PKGS $TEST_PKGS || exit 1
rm -f "$B"/meson-logs/testlog*.json            # a failed build must not count an old run
if [ ! -f "$B/build.ninja" ]; then
  meson setup "$B" -Db_sanitize=address,undefined >/dev/null || exit 1
fi
ninja -C "$B" >/dev/null || exit 1

# Sanitized code runs slower: give every test three times its timeout.
export JACK_NO_START_SERVER=1 LC_ALL=C.UTF-8
scripts/mtest.sh "${MODE[@]}" "$B" --setup asan --no-rebuild --timeout-multiplier 3 "${SUITES[@]}"
