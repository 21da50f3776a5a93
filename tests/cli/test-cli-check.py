#!/usr/bin/env python3
# test-cli-check.py — `lacquer check` as scripts see it. A clean mix made here (filtered
# noise, centred, at about -19 LUFS, faded out) must raise nothing; each broken copy of it
# must raise exactly its own finding, with the value, the time and the exit status the
# defect implies: a clipped run at 2.5 s, DC of a known size, an anti-phase stretch from 3.0
# to 4.5 s, a side-heavy low end, 2 s of leading silence, a cut-off ending and 16-bit depth.
# TAP output.
#
# Usage: test-cli-check.py LACQUER
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import math
import os
import random
import subprocess
import sys
import tempfile
import wave

LACQUER = sys.argv[1]
RATE = 48000
results = []


def report(name, ok, detail=""):
    results.append(ok)
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), name))
    for text in detail.splitlines():
        print("# " + text)
    sys.stdout.flush()


def run(*args):
    p = subprocess.run([LACQUER] + list(args), capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def quantize(v, bits=24):
    """The value a sample has once written (and read back as float)."""
    scale = float(2 ** (bits - 1))
    return max(-scale, min(scale - 1, round(v * scale))) / scale


def write_wav(path, left, right, bits=24):
    scale = float(2 ** (bits - 1))
    top = 2 ** (bits - 1) - 1
    out = bytearray()
    for l, r in zip(left, right):
        for v in (l, r):
            q = max(-top - 1, min(top, int(round(v * scale))))
            out += q.to_bytes(bits // 8, "little", signed=True)
    with wave.open(path, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(bits // 8)
        w.setframerate(RATE)
        w.writeframes(bytes(out))


def clean_mix(seconds=12.0):
    """Noise low-passed twice at 2 kHz (little above 16 kHz), mostly common to both channels
    (correlation near 1, side 23 dB under the mid), 0.2 s fade-in, 1 s fade-out, then 0.5 s
    of silence."""
    rng = random.Random(1234)
    n = int(seconds * RATE)
    k = 1.0 - math.exp(-2.0 * math.pi * 2000.0 / RATE)
    state = [0.0] * 6
    left, right = [], []
    fade_in, fade_out_end = int(0.2 * RATE), n - int(0.5 * RATE)
    fade_out = fade_out_end - RATE
    for i in range(n):
        src = (rng.gauss(0, 1), rng.gauss(0, 1), rng.gauss(0, 1))
        for j in range(3):
            state[2 * j] += k * (src[j] - state[2 * j])
            state[2 * j + 1] += k * (state[2 * j] - state[2 * j + 1])
        common, u, v = state[1], state[3], state[5]
        g = 0.29
        if i < fade_in:
            g *= i / fade_in
        elif i >= fade_out_end:
            g = 0.0
        elif i >= fade_out:
            g *= (fade_out_end - i) / RATE
        left.append(g * (common + 0.1 * u))
        right.append(g * (common + 0.1 * v))
    return left, right


def check(path, *extra):
    rc, out, err = run("check", "--json", *extra, path)
    try:
        obj = json.loads(out)
    except ValueError:
        obj = None
    return rc, obj, err


def findings(obj, severity=None):
    return [f for f in obj["findings"] if severity is None or f["severity"] == severity]


def not_ok(obj):
    return sorted((f["id"], f["channel"]) for f in obj["findings"] if f["severity"] != "ok")


def find(obj, ident, channel=None):
    for f in obj["findings"]:
        if f["id"] == ident and f["channel"] == channel:
            return f
    return None


def expect_only(name, path, expected, rc_expected, extra_check=None):
    rc, obj, err = check(path)
    if obj is None:
        report(name, False, "rc %d, stderr %s" % (rc, err))
        return None
    got = not_ok(obj)
    ok = rc == rc_expected and got == expected
    detail = "rc %d (want %d), not ok: %s (want %s)" % (rc, rc_expected, got, expected)
    if ok and extra_check is not None:
        ok, more = extra_check(obj)
        detail += "\n" + more
    report(name, ok, detail)
    return obj


def main():
    tmp = tempfile.mkdtemp(prefix="lq-check-")
    left, right = clean_mix()
    n = len(left)

    clean = os.path.join(tmp, "clean.wav")
    write_wav(clean, left, right)
    rc, obj, err = check(clean)
    report("the clean mix exits 0 with every finding ok",
           rc == 0 and obj is not None and obj["status"] == "ok" and not not_ok(obj),
           "rc %d, %s\n%s" % (rc, not_ok(obj) if obj else None, err))
    loud = find(obj, "loudness") if obj else None
    report("the clean mix sits inside -18...-20 LUFS",
           loud is not None and -20.0 <= loud["value"] <= -18.0, str(loud))

    # JSON shape: the documented keys, in every finding, with null for what does not apply.
    keys = {"id", "severity", "channel", "value", "unit", "threshold", "setting", "times",
            "times_total", "title", "reason"}
    shape = obj is not None and all(set(f) == keys for f in obj["findings"]) and \
        {"file", "profile", "settings_version", "status", "sample_rate", "channels",
         "duration_s", "format", "encoding", "findings"} == set(obj)
    report("JSON keys are the documented ones", shape, json.dumps(obj)[:400] if obj else "")
    ids = [f["id"] for f in obj["findings"]] if obj else []
    report("every check is reported", ids == [
        "sample-peak", "true-peak", "loudness", "plr", "clipping", "dc-offset", "dc-offset",
        "negative-correlation", "low-end-mono", "high-frequency-energy", "leading-silence",
        "trailing-silence", "cut-off-ending", "sample-rate", "bit-depth", "lossy-input"], str(ids))

    # A clipped run: five full-scale samples from frame 120000 (2.5 s) in the left channel.
    l2 = list(left)
    for i in range(120000, 120005):
        l2[i] = 1.0
    path = os.path.join(tmp, "clipped.wav")
    write_wav(path, l2, right)

    def clip_times(o):
        f = find(o, "clipping")
        t = f["times"]
        good = f["value"] == 1 and len(t) == 1 and abs(t[0]["start_s"] - 2.5) < 1e-6 and \
            abs(t[0]["duration_s"] - 5 / RATE) < 1e-6 and t[0]["channel"] == 0
        return good, json.dumps(f)
    expect_only("a clipped run at 2.5 s is a problem at its time (exit 4)", path,
                [("clipping", None)] + ([("sample-peak", None), ("true-peak", None)]), 4,
                clip_times)
    rc, out, err = run("check", path)
    report("the text report gives the run's time", rc == 4 and "0:02.500" in out, out)
    # Full scale rounds to zero from below: the report says 0.00, never -0.00.
    report("a full-scale sample peak reads 0.00 dBFS, not -0.00",
           "Sample peak: 0.00 dBFS" in out and "-0.00" not in out, out)

    # DC offset: +0.003 on the right channel (about -50 dBFS, over the -60 dBFS convention);
    # the expected mean is taken from the samples as written (the noise has a little of its
    # own).
    path = os.path.join(tmp, "dc.wav")
    shifted = [x + 0.003 for x in right]
    write_wav(path, left, shifted)
    mean = sum(quantize(x) for x in shifted) / n

    def dc_value(o):
        f = find(o, "dc-offset", 1)
        return abs(f["value"] - 20 * math.log10(abs(mean))) < 0.01 and f["threshold"] == -60, \
            "want %.4f dBFS: %s" % (20 * math.log10(abs(mean)), json.dumps(f))
    expect_only("DC of 0.003 in the right channel is advice at -50.5 dBFS (exit 0)", path,
                [("dc-offset", 1)], 0, dc_value)

    # Anti-phase from 3.0 s to 4.5 s: one stretch of negative correlation.
    r2 = [(-l if 144000 <= i < 216000 else r) for i, (l, r) in enumerate(zip(left, right))]
    path = os.path.join(tmp, "antiphase.wav")
    write_wav(path, left, r2)

    def stretch(o):
        f = find(o, "negative-correlation")
        t = f["times"]
        return f["value"] == 1 and len(t) == 1 and abs(t[0]["start_s"] - 3.0) < 1e-6 and \
            abs(t[0]["duration_s"] - 1.5) < 1e-6, json.dumps(f)
    # Anti-phase is also side-heavy at every frequency, the low end included.
    expect_only("an anti-phase stretch 3.0-4.5 s is a problem at its time (exit 4)", path,
                [("low-end-mono", None), ("negative-correlation", None)], 4, stretch)

    # A side-heavy low end: a 50 Hz tone at 0.05 in antiphase between the channels, from the
    # end of the fade-in to the start of the fade-out (where it would outweigh the noise).
    tone = [0.05 * math.sin(2 * math.pi * 50 * i / RATE) if 0.2 * RATE <= i < n - 1.5 * RATE
            else 0.0 for i in range(n)]
    path = os.path.join(tmp, "side-bass.wav")
    write_wav(path, [a + b for a, b in zip(left, tone)], [a - b for a, b in zip(right, tone)])

    def side(o):
        f = find(o, "low-end-mono")
        return f["value"] > 0.0, json.dumps(f)
    expect_only("bass in the side is a problem (exit 4)", path, [("low-end-mono", None)], 4, side)
    clean_side = find(obj, "low-end-mono")["value"]
    report("the clean mix's low end is centred", clean_side < -15.0, str(clean_side))

    # 2 s of leading silence, before the fade-in's own first frames under -60 dBFS.
    path = os.path.join(tmp, "lead.wav")
    zeros = [0.0] * (2 * RATE)
    write_wav(path, zeros + left, zeros + right)
    quiet = 10 ** (-60 / 20)
    first = next(i for i in range(n)
                 if max(abs(quantize(left[i])), abs(quantize(right[i]))) > quiet)

    def lead(o):
        f = find(o, "leading-silence")
        t = f["times"]
        return len(t) == 1 and t[0]["start_s"] == 0 and \
            round(t[0]["duration_s"] * RATE) == 2 * RATE + first, \
            "want %d frames: %s" % (2 * RATE + first, json.dumps(f))
    expect_only("2 s of leading silence is advice (exit 0)", path,
                [("leading-silence", None)], 0, lead)

    # Cut off in the middle of the music.
    path = os.path.join(tmp, "cut.wav")
    write_wav(path, left[:6 * RATE], right[:6 * RATE])
    expect_only("a file stopping mid-music has a cut-off ending (exit 4)", path,
                [("cut-off-ending", None)], 4)

    # 16-bit: advice by default, fine in the relaxed profile.
    path = os.path.join(tmp, "16bit.wav")
    write_wav(path, left, right, bits=16)
    expect_only("a 16-bit mix is advice", path, [("bit-depth", None)], 0)
    rc, o, err = check(path, "--profile", "relaxed")
    report("the relaxed profile takes 16-bit", rc == 0 and o is not None and not not_ok(o),
           str(not_ok(o) if o else err))

    # A named setting moves a threshold: the clean mix's loudness fails a -16...-14 window.
    rc, o, err = check(clean, "--set", "loudness-min-lufs=-16", "--set", "loudness-max-lufs=-14")
    f = find(o, "loudness") if o else None
    report("--set moves a threshold by name", rc == 0 and f is not None and
           f["severity"] == "advice" and f["threshold"] == -16 and
           f["setting"] == "loudness-min-lufs", str(f))

    # Usage and input errors keep their statuses; an unreadable file outranks problems.
    rc, out, err = run("check", "--profile", "loose", clean)
    report("an unknown profile is a usage error (exit 1)", rc == 1 and "loose" in err, err)
    rc, out, err = run("check", "--set", "no-such=1", clean)
    report("an unknown setting is a usage error (exit 1)", rc == 1 and "no-such" in err, err)
    rc, out, err = run("check")
    report("no file is a usage error (exit 1)", rc == 1, err)
    missing = os.path.join(tmp, "missing.wav")
    rc, out, err = run("check", "--json", missing, os.path.join(tmp, "cut.wav"))
    report("a missing file exits 2, names the file and still checks the rest",
           rc == 2 and "missing.wav" in err and len(out.splitlines()) == 1, err + out[:200])

    for name in os.listdir(tmp):
        os.unlink(os.path.join(tmp, name))
    os.rmdir(tmp)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


sys.exit(main())
