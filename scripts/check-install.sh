#!/bin/bash
# check-install.sh SOURCE_ROOT [MESON-SETUP-ARG…]
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Configures SOURCE_ROOT into a temporary build directory with a temporary
# prefix, runs `meson install`, and checks that the installed tree is a
# working application:
#   - binary, desktop entry, metainfo, schema (compiled by the post-install
#     step), MIME package, icons, translations and man page are in place;
#   - `lacquer --version` prints the project version;
#   - the installed schema is readable through GSettings;
#   - `lacquer analyze` measures a generated tone, in text and in JSON;
#   - `lacquer render` writes tags through the installed tag writer module;
#   - `LANGUAGE=ru lacquer --help` prints Russian and LANGUAGE=de German.
# A fresh configuration is needed because the locale directory is compiled
# into the binary, so a DESTDIR copy of an existing build would not find its
# translations.

set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 SOURCE_ROOT [MESON-SETUP-ARG…]" >&2
  exit 2
fi
src=$(cd "$1" && pwd) || exit 2
shift

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
prefix=$W/prefix
failures=0

fail () { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass () { echo "ok: $*"; }

python=$(command -v python3) || { echo "FAIL: python3 not found" >&2; exit 1; }

# Project facts from the top-level meson.build
version=$(sed -n "s/^ *version: *'\([^']*\)'.*/\1/p" "$src/meson.build" | head -n1)
app_id=$(sed -n "s/^ *app_id *= *'\([^']*\)'.*/\1/p" "$src/meson.build" | head -n1)
if [ -z "$version" ] || [ -z "$app_id" ]; then
  echo "FAIL: cannot read version or app_id from $src/meson.build" >&2
  exit 1
fi

# Keep the run hermetic: nothing touches the real home or dconf.
export HOME=$W/home XDG_CONFIG_HOME=$W/home/.config XDG_CACHE_HOME=$W/home/.cache \
       XDG_DATA_HOME=$W/home/.local/share GSETTINGS_BACKEND=memory
mkdir -p "$HOME"
unset DESTDIR

echo "# configuring and installing into a temporary prefix"
if ! meson setup --prefix="$prefix" -Dtests=false "$@" "$W/build" "$src" >"$W/setup.log" 2>&1; then
  cat "$W/setup.log" >&2
  echo "FAIL: meson setup" >&2
  exit 1
fi
if ! meson install -C "$W/build" >"$W/install.log" 2>&1; then
  tail -n 60 "$W/install.log" >&2
  echo "FAIL: meson install" >&2
  exit 1
fi

# --- installed files --------------------------------------------------------
share=$prefix/share
bin=$prefix/bin/lacquer
for f in \
  "$bin" \
  "$share/applications/$app_id.desktop" \
  "$share/metainfo/$app_id.metainfo.xml" \
  "$share/glib-2.0/schemas/io.github.lacquer.Lacquer.gschema.xml" \
  "$share/glib-2.0/schemas/gschemas.compiled" \
  "$share/mime/packages/$app_id.xml" \
  "$share/icons/hicolor/scalable/apps/$app_id.svg" \
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
do
  if [ -e "$f" ]; then pass "installed ${f#"$prefix"/}"; else fail "missing ${f#"$prefix"/}"; fi
done
while read -r lang; do
  case "$lang" in ''|'#'*) continue ;; esac
  f=$share/locale/$lang/LC_MESSAGES/lacquer.mo
  if [ -e "$f" ]; then pass "installed ${f#"$prefix"/}"; else fail "missing ${f#"$prefix"/}"; fi
done < "$src/po/LINGUAS"
if grep -q "'lacquer-gui'" "$src/src/meson.build" 2>/dev/null; then
  f=$prefix/libexec/lacquer-gui
  if [ -x "$f" ]; then pass "installed ${f#"$prefix"/}"; else fail "missing ${f#"$prefix"/}"; fi
fi
if grep -q "subdir('doc')" "$src/meson.build"; then
  f=$share/man/man1/lacquer.1
  if [ -e "$f" ]; then pass "installed ${f#"$prefix"/}"; else fail "missing ${f#"$prefix"/}"; fi
fi
if [ -e "$share/mime/mime.cache" ] && grep -q "x-lacquer-session" "$share/mime/globs2" 2>/dev/null; then
  pass "MIME database knows *.lacquer"
else
  fail "update-mime-database did not register application/x-lacquer-session"
fi

[ -x "$bin" ] || { echo "FAIL: no installed binary; $failures failure(s)" >&2; exit 1; }

# --- the installed binary ----------------------------------------------------
out=$(LC_ALL=C.UTF-8 "$bin" --version 2>&1); rc=$?
if [ $rc -eq 0 ] && printf '%s' "$out" | grep -qF "$version"; then
  pass "lacquer --version: $out"
else
  fail "lacquer --version (exit $rc) did not print $version: $out"
fi

if command -v gsettings >/dev/null; then
  out=$(GSETTINGS_SCHEMA_DIR=$share/glib-2.0/schemas gsettings get io.github.lacquer.Lacquer buffer-size 2>&1)
  if [ "$out" = "uint32 512" ]; then
    pass "installed schema readable: buffer-size = $out"
  else
    fail "gsettings get io.github.lacquer.Lacquer buffer-size: $out"
  fi
fi

# A 1 kHz sine at -20 dBFS on both channels of a 48 kHz stereo file measures
# -20 LUFS (EBU Tech 3341, case 1, shifted by 3 dB).
wav=$W/tone.wav
"$python" - "$wav" <<'PY'
import math, struct, sys, wave
rate, seconds, amp = 48000, 5, 10 ** (-20 / 20)
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(2)
    w.setsampwidth(2)
    w.setframerate(rate)
    frames = bytearray()
    for n in range(rate * seconds):
        v = int(round(amp * 32767 * math.sin(2 * math.pi * 1000 * n / rate)))
        frames += struct.pack("<hh", v, v)
    w.writeframes(bytes(frames))
PY

out=$(LC_ALL=C.UTF-8 "$bin" analyze "$wav" 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -n "$out" ]; then
  pass "lacquer analyze (text) exits 0"
else
  fail "lacquer analyze $wav exited $rc: $out"
fi

json=$(LC_ALL=C.UTF-8 "$bin" analyze --json "$wav" 2>"$W/analyze.err"); rc=$?
if [ $rc -ne 0 ]; then
  fail "lacquer analyze --json exited $rc: $(cat "$W/analyze.err")"
elif printf '%s' "$json" | "$python" -c '
import json, sys
text = sys.stdin.read().strip()
try:
    obj = json.loads(text)
except ValueError:  # one object per line
    obj = json.loads(text.splitlines()[0])
if isinstance(obj, list):
    obj = obj[0]
keys = ["integrated_lufs", "loudness_range_lu", "true_peak_dbtp", "sample_peak_dbfs",
        "max_momentary_lufs", "max_short_term_lufs", "plr_db", "duration_s",
        "sample_rate", "channels"]
missing = [k for k in keys if k not in obj]
if missing:
    sys.exit("missing keys: %s" % missing)
if obj["sample_rate"] != 48000 or obj["channels"] != 2 or abs(obj["duration_s"] - 5) > 0.01:
    sys.exit("wrong format: %r" % obj)
if abs(obj["integrated_lufs"] + 20.0) > 0.5:
    sys.exit("integrated_lufs %r, expected about -20" % obj["integrated_lufs"])
'; then
  pass "lacquer analyze --json: all keys, about -20 LUFS"
else
  fail "lacquer analyze --json output: $json"
fi

# The tag writer is a module the binary opens from the installed module directory (not from
# the build tree, which the tests' LACQUER_MODULE_DIR names).
out=$(env -u LACQUER_MODULE_DIR LC_ALL=C.UTF-8 "$bin" render "$wav" -o "$W/tagged.flac" \
        --title "Installed" --isrc USRC17607839 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -s "$W/tagged.flac" ]; then
  pass "lacquer render --title --isrc writes its tags through the installed module"
else
  fail "lacquer render with tags (exit $rc): $out"
fi

# --- translations -------------------------------------------------------------
en=$(LC_ALL=C.UTF-8 LANGUAGE=en "$bin" --help 2>&1)
ru=$(LC_ALL=C.UTF-8 LANGUAGE=ru "$bin" --help 2>&1)
de=$(LC_ALL=C.UTF-8 LANGUAGE=de "$bin" --help 2>&1)
if printf '%s' "$ru" | "$python" -c 'import sys; sys.exit(not any("\u0400" <= c <= "\u04ff" for c in sys.stdin.read()))'; then
  pass "LANGUAGE=ru lacquer --help prints Russian"
else
  fail "LANGUAGE=ru lacquer --help prints no Russian: $ru"
fi
if [ -n "$de" ] && [ "$de" != "$en" ]; then
  pass "LANGUAGE=de lacquer --help prints German"
else
  fail "LANGUAGE=de lacquer --help is not translated"
fi

if [ $failures -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "install check passed"
