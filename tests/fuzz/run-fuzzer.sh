#!/bin/bash
# Runs one libFuzzer harness for LQ_FUZZ_SECONDS (default 60) over its committed seeds, as a
# meson test of the fuzzing build (scripts/fuzz.sh). New interesting inputs stay in the build
# folder; a crash, leak, timeout or out-of-memory input is copied into the committed corpus
# (tests/fuzz/corpus/NAME/), so every later run replays it first as a regression case.
#
# Usage: run-fuzzer.sh HARNESS SEED-DIR WORK-DIR
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
HARNESS=$1 SEEDS=$2 WORK=$3
SECONDS_EACH=${LQ_FUZZ_SECONDS:-60}
NAME=$(basename "$SEEDS")

# Absolute paths: the CLI harness changes its working folder.
mkdir -p "$WORK/corpus" "$WORK/artifacts"
WORK=$(cd "$WORK" && pwd) SEEDS=$(cd "$SEEDS" && pwd)
rm -f "$WORK"/artifacts/*

# Deaths, not just reports: UBSan halts, criticals abort (the harnesses make them fatal).
# Scratch files go to memory when it can: the session harness saves with fsync.
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
export JACK_NO_START_SERVER=1

"$HARNESS" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
  -close_fd_mask=1 -print_final_stats=1 -artifact_prefix="$WORK/artifacts/" \
  "$WORK/corpus" "$SEEDS" > "$WORK/log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$WORK/log" | tail -1)

if [ "$rc" -eq 0 ]; then
  echo "$NAME: ${runs:-?} executions in ${SECONDS_EACH} s, no crash"
  exit 0
fi

# Keep the evidence as a regression case, then show what happened.
for f in "$WORK"/artifacts/*; do
  [ -f "$f" ] || continue
  cp "$f" "$SEEDS/$(basename "$f")"
  echo "$NAME: $(basename "$f") kept in tests/fuzz/corpus/$NAME/"
done
grep -E -A40 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|property failed|CRITICAL|deadly signal' \
  "$WORK/log" | head -80
echo "$NAME: FAILED (exit $rc) after ${runs:-?} executions"
exit 1
