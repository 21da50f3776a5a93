#!/bin/bash
# Lacquer's two set-up commands for a fresh Debian 12 / Ubuntu machine:
#   scripts/dev.sh run [FILE…]   install what is missing, build, start Lacquer (the demo
#                                session when no file is given)
#   scripts/dev.sh test          install what is missing, build, run every test, then the
#                                headless suites under ASan/UBSan (scripts/sanitize.sh) and
#                                each fuzzer for 60 s (scripts/fuzz.sh); ends with one line
#                                "N passed, N failed" for all of it
# Extra arguments after "test" go to meson test (e.g. --suite dsp) and run only the normal
# build's tests.
set -uo pipefail
cd "$(dirname "$0")/.."

. scripts/lib.sh

build () {
  if [ ! -f build/build.ninja ]; then
    meson setup build "$@" || return 1
  fi
  ninja -C build
}

cmd=${1:-}
shift || true
case "$cmd" in
  run)
    install_missing $BUILD_PKGS || exit 1
    build || exit 1
    # With no file, the built-in demo session (a mix and a reference Lacquer generates).
    [ $# -eq 0 ] && set -- --demo
    GSETTINGS_SCHEMA_DIR="$PWD/build/data" exec ./build/src/lacquer "$@"
    ;;
  test)
    install_missing $BUILD_PKGS $TEST_PKGS || exit 1
    build || exit 1
    # Hermetic: tests write nothing into the real home, settings live in memory, GTK draws
    # with cairo on a private X server and session bus the run starts and stops.
    W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
    export HOME=$W/home XDG_CONFIG_HOME=$W/home/.config XDG_CACHE_HOME=$W/home/.cache \
           XDG_DATA_HOME=$W/home/.local/share XDG_RUNTIME_DIR=$W/run
    mkdir -p "$HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
    export GSETTINGS_BACKEND=memory GDK_BACKEND=x11 GSK_RENDERER=cairo GDK_DEBUG=gl-disable \
           GTK_A11Y=none JACK_NO_START_SERVER=1 LC_ALL=C.UTF-8
    unset DISPLAY WAYLAND_DISPLAY
    run_normal () {
      dbus-run-session -- xvfb-run -a -s '-screen 0 1920x1200x24 -nolisten tcp' \
        scripts/mtest.sh "$@"
    }
    # With meson test arguments, only the normal build's tests run.
    [ $# -gt 0 ] && { run_normal build "$@"; exit $?; }
    # Everything: the normal suite, the headless suites under ASan and UBSan, the threaded
    # tests under ThreadSanitizer and each fuzzer for a minute; one closing line for all.
    rc=0
    run_normal --no-total build || rc=1
    scripts/sanitize.sh --no-total || rc=1
    scripts/tsan.sh || rc=1
    scripts/fuzz.sh --no-total 60 || rc=1
    scripts/mtest.sh --total build build-asan build-tsan build-fuzz || rc=1
    exit $rc
    ;;
  *)
    echo "usage: scripts/dev.sh run [FILE…] | scripts/dev.sh test [MESON-TEST-ARGS…]" >&2
    exit 1
    ;;
esac
