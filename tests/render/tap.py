# tap.py — the TAP runner the render tests share: register cases with @case, fail them with
# check () or skip them with SkipTest, then run () prints the plan and one line per case.
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

results = []

class SkipTest(Exception):
    pass

def case(name):
    def wrap(fn):
        results.append((name, fn))
        return fn
    return wrap

def check(cond, what):
    if not cond:
        raise AssertionError(what)

def run_cases():
    """Runs every case; returns the exit status (1 when any failed)."""
    print(f'1..{len(results)}')
    failed = 0
    for n, (name, fn) in enumerate(results, 1):
        try:
            fn()
            print(f'ok {n} - {name}')
        except SkipTest as e:
            print(f'ok {n} - {name} # SKIP {e}')
        except Exception as e:
            failed += 1
            print(f'not ok {n} - {name}')
            for line in str(e).splitlines():
                print(f'# {line}')
        sys.stdout.flush()
    return 1 if failed else 0
