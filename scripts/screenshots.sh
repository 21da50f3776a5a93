#!/bin/bash
# scripts/screenshots.sh [BUILD_DIR [OUT_DIR]]
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes the README's screenshots from the real application on a private X server:
#   data/screenshots/empty.png        the first run: open a mix or try the demo
#   data/screenshots/main.png         the demo session playing (mix selected, a loop on the
#                                     verse): playhead, live meters and live spectrum
#   data/screenshots/reference.png    the reference selected (key 3), a loop dragged on the
#                                     waveform and the playhead moved (Right)
#   data/screenshots/preferences.png  Preferences (Ctrl+,)
#   data/screenshots/shortcuts.png    Keyboard Shortcuts (Ctrl+?)
#   data/screenshots/chain-WxH-N.png  the chain at 1024x600, 1280x800 and 1920x1080, scrolled
#                                     from the top (1) to the end: every control of it
#   data/screenshots/export.png       the export dialog (target, format, dither)
#   data/screenshots/platforms-mono.png  the Platforms page, the player monitoring in Mono
#   data/screenshots/check.png        the Check page: the mix-readiness report
#   data/screenshots/codec.png        the Codec page: an MP3 128 preview of the demo master
#                                     driven into the limiter at -0.1 dBTP, heard as a source
#   data/screenshots/abx-result.png   a blind A/B/X test of the mix against the master, run by
#                                     keys to its result
# OUT_DIR (default data/screenshots) is where they are written.
# The run is hermetic (temporary home, settings in memory) and drives the app only with
# keys, clicks and its command line, like a person would. Needs xvfb-run, xdotool and
# ImageMagick (import, identify); scripts/dev.sh test installs them.
# Sound goes to an ALSA "file" device writing to /dev/null over a "null" one (TESTING.md §2):
# it plays far faster than real time, so playback is shown on a loop, which it goes round
# and round while the meters measure it live.

set -euo pipefail
cd "$(dirname "$0")/.."

build=$(realpath -m "${1:-build}")
app=$build/src/lacquer
out=$(realpath -m "${2:-data/screenshots}")
[ -x "$app" ] || { echo "$app not found: build first (scripts/dev.sh test, or ninja -C $build)" >&2; exit 1; }
for tool in xvfb-run xdotool import identify dbus-run-session; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
mkdir -p "$out"

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export HOME=$W/home XDG_CONFIG_HOME=$W/home/.config XDG_CACHE_HOME=$W/home/.cache \
       XDG_DATA_HOME=$W/home/.local/share XDG_RUNTIME_DIR=$W/run
mkdir -p "$HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
cat > "$W/asound.conf" <<'CONF'
pcm.!default {
    type file
    slave.pcm { type null }
    file "/dev/null"
    format "raw"
}
CONF
export ALSA_CONFIG_PATH=$W/asound.conf
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$build/data \
       GDK_BACKEND=x11 GSK_RENDERER=cairo GDK_DEBUG=gl-disable GTK_A11Y=none \
       JACK_NO_START_SERVER=1 LC_ALL=C.UTF-8 LACQUER_APP=$app LACQUER_OUT=$out
unset DISPLAY WAYLAND_DISPLAY

dbus-run-session -- xvfb-run -a -s '-screen 0 1920x1200x24 -nolisten tcp' bash -euo pipefail -c '
  shot () {   # shot WINDOW_ID NAME
    sleep 0.8
    import -window "$1" "$LACQUER_OUT/$2.png"
    echo "$2.png: $(identify -format "%wx%h, %k colours" "$LACQUER_OUT/$2.png")"
  }
  wait_window () {   # wait_window TITLE-REGEX -> window id
    timeout 60 xdotool search --sync --onlyvisible --name "$1" | head -n1
  }

  # 1. First run: the empty state.
  "$LACQUER_APP" >/dev/null 2>&1 & pid=$!
  win=$(wait_window "^Lacquer\$")
  shot "$win" empty
  kill $pid; wait $pid 2>/dev/null || true

  # 2. The demo session, opened from the command line, playing: a loop dragged across the
  #    verse on the waveform, then Space (keys go to the window under the pointer: there is
  #    no window manager).
  "$LACQUER_APP" --demo >/dev/null 2>&1 & pid=$!
  win=$(wait_window "^Demo Mix — Lacquer\$")
  sleep 0.5
  xdotool mousemove --window "$win" 330 190 mousedown 1 \
          mousemove --window "$win" 480 190 mousemove --window "$win" 640 190 mouseup 1
  xdotool mousemove --window "$win" 600 400 key space
  sleep 2
  shot "$win" main
  xdotool mousemove --window "$win" 600 400 key space

  # 3. Select the reference, drag another loop across the waveform, move the playhead.
  xdotool mousemove --window "$win" 600 400
  xdotool key 3
  xdotool mousemove --window "$win" 420 190 mousedown 1 \
          mousemove --window "$win" 520 190 mousemove --window "$win" 620 190 mouseup 1
  xdotool mousemove --window "$win" 600 400 key Right Right Right
  shot "$win" reference

  # 4. The chain at GNOME'"'"'s smallest supported size and two common ones. The window is
  #    resized (there is no window manager to do it); the chain view is scrolled with the
  #    wheel over its scrollbar, a screen at a time, down to its end.
  xdotool mousemove --window "$win" 600 400 key alt+c
  for size in 1024x600 1280x800 1920x1080; do
    w=${size%x*} h=${size#*x}
    xdotool windowsize "$win" "$w" "$h"
    # The chain view ends left of the meters (290 px, a margin and a gap of 12 px, and the
    # window'"'"'s 5 px frame); its scrollbar is its last few pixels.
    xdotool mousemove --window "$win" $((w - 324)) $((h - 150))
    for i in $(seq 40); do xdotool click 4; done
    last=
    for i in $(seq 16); do
      shot "$win" "chain-$size-$i"
      sum=$(identify -format "%#" "$LACQUER_OUT/chain-$size-$i.png")
      if [ "$sum" = "$last" ]; then   # the end: the same as the one before
        rm "$LACQUER_OUT/chain-$size-$i.png"
        echo "(chain-$size-$i.png: the end, removed)"
        break
      fi
      last=$sum
      xdotool click 5
    done
  done

  # 5. The export dialog, where dither is chosen.
  xdotool windowsize "$win" 1280 800
  xdotool mousemove --window "$win" 600 100 key ctrl+e
  dialog=$(wait_window "^Export Master\$")
  shot "$dialog" export
  xdotool mousemove --window "$dialog" 100 100 key Escape
  sleep 0.5
  xdotool mousemove --window "$win" 600 100 key alt+a

  # 6. Translation: the Platforms page (Ctrl+Page Down from the Chain page) with the player
  #    in Mono (M), and the mix check (Alt+H).
  xdotool mousemove --window "$win" 600 400 key ctrl+Next
  xdotool key m
  sleep 1
  shot "$win" platforms-mono
  xdotool key m
  xdotool key alt+h
  sleep 1
  shot "$win" check

  # 7. Codecs: the master driven 9 dB into the limiter at -0.1 dBTP (Alt+I and Alt+G reach
  #    the chain'"'"'s input gain and ceiling), an MP3 128 preview of it on the Codec page (Alt+D,
  #    K), heard as a source (C); then the chain goes back (Ctrl+Z twice) and the mix is heard.
  xdotool key alt+c
  sleep 0.5
  xdotool key alt+i ctrl+a type 9
  xdotool key Return
  xdotool key alt+g ctrl+a type -- -0.1
  xdotool key Return
  sleep 1
  xdotool key alt+d k
  sleep 12
  xdotool key c
  sleep 1
  shot "$win" codec
  xdotool key k ctrl+z ctrl+z 1
  xdotool key alt+a

  # 8. Preferences and Keyboard Shortcuts, from their accelerators.
  xdotool key ctrl+comma
  prefs=$(wait_window "^Preferences\$")
  shot "$prefs" preferences
  xdotool mousemove --window "$prefs" 100 100 key Escape
  sleep 0.5
  xdotool mousemove --window "$win" 600 400 key ctrl+question
  keys=$(wait_window "^Keyboard Shortcuts\$")
  shot "$keys" shortcuts

  # 9. A blind A/B/X test, the mix against the master, run by keys alone to its result.
  xdotool mousemove --window "$keys" 100 100 key Escape
  sleep 0.5
  xdotool mousemove --window "$win" 600 400 key shift+ctrl+b
  abx=$(wait_window "^Blind A/B/X Test\$")
  sleep 0.5
  xdotool mousemove --window "$abx" 100 100 key alt+s
  sleep 2
  for i in $(seq 16); do xdotool key a b x 1; sleep 0.1; done
  shot "$abx" abx-result

  kill $pid; wait $pid 2>/dev/null || true
'
