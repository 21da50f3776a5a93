# scripts/lib.sh — sourced by dev.sh, sanitize.sh and fuzz.sh: the packages a build needs and
# one way to install the missing ones (apt-get as root, sudo otherwise).
# shellcheck shell=bash

# libebur128 is only the tests' oracle, but the default configuration builds the tests.
BUILD_PKGS="build-essential pkg-config meson ninja-build gettext python3
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  portaudio19-dev libasound2-dev libsndfile1-dev libfftw3-dev libsoxr-dev
  desktop-file-utils appstream libglib2.0-bin libebur128-dev libtag1-dev"
TEST_PKGS="ffmpeg sox xvfb xauth xdotool imagemagick
  dbus dbus-daemon libgtk-4-bin groff-base libxml2-utils
  flac python3-mutagen"
# libFuzzer lives in compiler-rt (Debian 12: clang 14).
FUZZ_PKGS="clang libclang-rt-14-dev"

install_missing () {
  local missing=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' \
      || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "Installing:$missing"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends $missing
}
