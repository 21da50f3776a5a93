#!/bin/bash
# Runs meson test and ends with the line "N passed, N failed".
# TAP tests count each case ("ok"/"not ok" lines), other tests count once, from meson's
# testlog JSON; a TAP program that dies before its plan completes counts as a failure.
#
#   scripts/mtest.sh BUILD [MESON-TEST-ARGS…]              run, then the closing line
#   scripts/mtest.sh --no-total BUILD [MESON-TEST-ARGS…]   run only (exit status says)
#   scripts/mtest.sh --total BUILD…                        one closing line for the last runs
#                                                          in every BUILD (normal, sanitizer,
#                                                          fuzzing); a BUILD without a log
#                                                          (its build failed) counts a failure
mode=run
case "${1:-}" in --no-total|--total) mode=${1#--}; shift ;; esac
rc=0
if [ "$mode" = total ]; then
  DIRS=("$@")
else
  B=${1:-build}; shift $(( $# > 0 ? 1 : 0 ))
  DIRS=("$B")
  rm -f "$B"/meson-logs/testlog*.json          # never count a stale log
  meson test -C "$B" --print-errorlogs "$@"; rc=$?
  [ "$mode" = no-total ] && exit $rc
fi
read -r PASS FAIL SKIP < <(python3 - "${DIRS[@]}" <<'PY'
import glob, json, os, re, sys
passed = failed = skipped = 0
for build in sys.argv[1:]:
    logs = glob.glob(os.path.join(build, 'meson-logs', 'testlog*.json'))
    if not logs:
        print('no test log in %s: its build or test run failed' % build, file=sys.stderr)
        failed += 1
    for path in logs:
        lines = open(path).read().splitlines()
        for line in lines:
            if not line.strip():
                continue
            t = json.loads(line)
            result = t['result']
            out = t.get('stdout') or ''
            cases = re.findall(r'^(ok|not ok)\b[^\n#]*(#\s*(SKIP|TODO)[^\n]*)?', out, re.M)
            if t.get('protocol', '') == 'tap' or (cases and re.search(r'^1\.\.\d+', out, re.M)):
                for status, _, directive in cases:
                    # TAP: SKIP is skipped; a TODO case is a known gap, not a failure.
                    if directive.upper() in ('SKIP', 'TODO'):
                        skipped += 1
                    elif status == 'ok':
                        passed += 1
                    else:
                        failed += 1
                # A crash or a missing plan fails the program even when every case printed ok.
                if result in ('FAIL', 'TIMEOUT', 'ERROR', 'UNEXPECTEDPASS') and not any(
                        s == 'not ok' for s, _, _ in cases):
                    failed += 1
                if not cases and result == 'SKIP':
                    skipped += 1
            elif result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
print(passed, failed, skipped)
PY
)
[ "${SKIP:-0}" -gt 0 ] && echo "(${SKIP} skipped)"
echo "${PASS:-0} passed, ${FAIL:-0} failed"
[ "$rc" -eq 0 ] && [ "${FAIL:-0}" -eq 0 ]
