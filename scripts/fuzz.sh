#!/bin/bash
# scripts/fuzz.sh [--no-total] [SECONDS] — builds the libFuzzer harnesses (tests/fuzz: chain
# JSON, session files, audio decode and analysis, command-line arguments) with clang, ASan and
# UBSan in build-fuzz/, then runs each for SECONDS (default 60), two at a time on two cores.
# Fails on any crash, leak, hang or broken property, and keeps the input that did it in
# tests/fuzz/corpus/NAME/ as a regression case (commit it with the fix). Ends with
# "N passed, N failed" (one per harness) unless --no-total (scripts/dev.sh test adds it up).
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

TOTAL=1
[ "${1:-}" = --no-total ] && { TOTAL=0; shift; }
SECS=${1:-60}
case "$SECS" in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [--no-total] [SECONDS]" >&2; exit 1 ;; esac
B=build-fuzz

install_missing $BUILD_PKGS $FUZZ_PKGS || exit 1
rm -f "$B"/meson-logs/testlog*.json            # a failed build must not count an old run
if [ ! -f "$B/build.ninja" ]; then
  # Coverage for every library (fuzzer-no-link); the harnesses link libFuzzer itself. The
  # engine's one C++ file (TagLib) makes the links C++ ones: clang++, which knows libFuzzer.
  CC=clang CXX=clang++ meson setup "$B" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link -Dcpp_args=-fsanitize=fuzzer-no-link \
    >/dev/null || exit 1
fi
HARNESSES=$(sed -n "s/^  '\([a-z-]*\)': *\[.*/\1/p" tests/fuzz/meson.build)
ninja -C "$B" tests/lsan.supp $(for h in $HARNESSES; do echo "tests/fuzz/fuzz-$h"; done) \
  >/dev/null || exit 1

LQ_FUZZ_SECONDS=$SECS scripts/mtest.sh --no-total "$B" --suite fuzz --no-rebuild \
  --num-processes "$(( $(nproc) < 2 ? 1 : 2 ))"
rc=$?
for h in $HARNESSES; do
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/tests/fuzz/work/$h/log" 2>/dev/null)
  echo "fuzz $h: ${runs:-no} executions in $SECS s"
done
[ "$TOTAL" -eq 1 ] && { scripts/mtest.sh --total "$B" || rc=1; }
exit $rc
