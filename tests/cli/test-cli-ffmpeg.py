#!/usr/bin/env python3
# test-cli-ffmpeg.py — `lacquer analyze --json` against ffmpeg's ebur128 filter on signals
# neither program made: sox synthesises pink noise, a chord with tremolo whose level changes
# (so the loudness range is not trivial) and an exponential sweep. ffmpeg prints one decimal,
# so integrated loudness must agree within 0.1 LU; the loudness range within 0.2 LU (the
# rounding plus two histogram implementations) and the true peak within 0.2 dB (ffmpeg
# oversamples to 192 kHz with swresample, Lacquer with its own polyphase filter).
#
# Exits 77 (skip) when ffmpeg or sox is missing.
#
# Usage: test-cli-ffmpeg.py LACQUER
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

LACQUER = sys.argv[1]
TOLERANCE = {"I": 0.1, "LRA": 0.2, "Peak": 0.2}
KEYS = {"I": "integrated_lufs", "LRA": "loudness_range_lu", "Peak": "true_peak_dbtp"}


def sox(*args):
    # -R: repeatable noise, so a run that passes passes every time.
    subprocess.run(["sox", "-R"] + list(args), check=True, capture_output=True)


def make_signals(d):
    p = lambda name: os.path.join(d, name)
    sox("-n", "-r", "44100", "-c", "2", p("pink.flac"), "synth", "30", "pinknoise",
        "vol", "-15dB")
    sox("-n", "-r", "48000", "-c", "4", p("chord4.wav"), "synth", "15", "sine", "220",
        "sine", "277.18", "sine", "329.63", "sine", "440")
    sox(p("chord4.wav"), p("loud.wav"), "remix", "1,3", "2,4", "tremolo", "5", "60",
        "vol", "-10dB")
    sox(p("chord4.wav"), p("soft.wav"), "remix", "1,3", "2,4", "tremolo", "3", "40",
        "vol", "-24dB")
    sox(p("loud.wav"), p("soft.wav"), p("loud.wav"), p("chord.flac"))
    sox("-n", "-r", "96000", "-c", "1", "-b", "24", p("sweep.wav"), "synth", "20",
        "sine", "40:20000", "vol", "-8dB", "fade", "0.1", "20", "0.1")
    return [p("pink.flac"), p("chord.flac"), p("sweep.wav")]


def ffmpeg_summary(path):
    out = subprocess.run(["ffmpeg", "-nostats", "-hide_banner", "-i", path,
                          "-af", "ebur128=peak=true", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    summary = out[out.rindex("Summary:"):]
    values = {}
    for key in ("I", "LRA", "Peak"):
        m = re.search(r"^\s*%s:\s*(-?[0-9.]+|-inf)" % key, summary, re.M)
        values[key] = float(m.group(1))
    return values


def main():
    if not shutil.which("ffmpeg") or not shutil.which("sox"):
        print("ffmpeg or sox is not installed: skipping")
        return 77
    d = tempfile.mkdtemp(prefix="lacquer-ffmpeg-")
    failures = 0
    worst = {k: 0.0 for k in KEYS}
    try:
        for path in make_signals(d):
            ref = ffmpeg_summary(path)
            p = subprocess.run([LACQUER, "analyze", "--json", path], capture_output=True,
                               text=True, timeout=120)
            if p.returncode != 0:
                print("FAIL %s: lacquer exit %d: %s" % (path, p.returncode, p.stderr))
                failures += 1
                continue
            ours = json.loads(p.stdout)
            for key, json_key in KEYS.items():
                diff = ours[json_key] - ref[key]
                worst[key] = max(worst[key], abs(diff))
                ok = abs(diff) <= TOLERANCE[key] + 1e-9
                failures += not ok
                print("%s %-10s %-4s lacquer %7.2f  ffmpeg %6.1f  diff %+.2f (tolerance %.1f)"
                      % ("ok  " if ok else "FAIL", os.path.basename(path), key,
                         ours[json_key], ref[key], diff, TOLERANCE[key]))
    finally:
        shutil.rmtree(d, ignore_errors=True)
    print("largest |difference|: I %.2f LU, LRA %.2f LU, true peak %.2f dB"
          % (worst["I"], worst["LRA"], worst["Peak"]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
