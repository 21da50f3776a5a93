#!/bin/sh
# check-quiet.sh COMMAND [ARG…]
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs COMMAND and fails unless it exits 0 *and* prints nothing on stdout or
# stderr. Some validators (desktop-file-validate, groff -ww) report problems
# but still exit 0, so their silence is the only reliable "pass".

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG…]" >&2
  exit 2
fi

out=$("$@" 2>&1)
rc=$?

if [ -n "$out" ]; then
  printf '%s\n' "$out"
fi

if [ $rc -ne 0 ]; then
  echo "FAIL: '$*' exited with status $rc" >&2
  exit 1
fi
if [ -n "$out" ]; then
  echo "FAIL: '$*' printed diagnostics (any output counts as a failure)" >&2
  exit 1
fi
exit 0
