#!/usr/bin/env python3
# test-cli-snapshot.py — `lacquer render --chain SESSION.lacquer [--snapshot NAME]`: the
# master is rendered with that snapshot's chain (or the session's current chain), checked
# sample by sample against the gain each chain sets; unknown names and misuse are refused
# with the documented exit status, a message naming the file and no output. TAP output.
#
# Usage: test-cli-snapshot.py LACQUER
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile

# The TAP runner the render tests share.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "render"))
from tap import case, check, run_cases  # noqa: E402

LACQUER = sys.argv[1]
RATE = 48000


def run(*args):
    p = subprocess.run([LACQUER] + list(args), capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def write_float_wav(path, frames):
    """Stereo 32-bit float; frames: list of (left, right)."""
    data = struct.pack("<%df" % (2 * len(frames)), *[v for f in frames for v in f])
    fmt = struct.pack("<HHIIHH", 3, 2, RATE, RATE * 8, 8, 32)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(data)) + data
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", len(body)) + body)


def read_float_wav(path):
    """The samples of a 32-bit float WAV, whatever other chunks libsndfile adds."""
    with open(path, "rb") as f:
        raw = f.read()
    pos, fmt, data = 12, None, None
    while pos + 8 <= len(raw):
        cid, size = raw[pos:pos + 4], struct.unpack("<I", raw[pos + 4:pos + 8])[0]
        body = raw[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", body[:16])
        elif cid == b"data":
            data = body
        pos += 8 + size + (size & 1)
    assert fmt is not None and data is not None, path
    # WAVE_FORMAT_EXTENSIBLE (0xFFFE) carries float in its sub-format; 32 bits either way.
    assert fmt[0] in (3, 0xFFFE) and fmt[5] == 32, fmt
    return struct.unpack("<%df" % (len(data) // 4), data)


def chain(output_gain_db):
    """Every stage bypassed but the output gain: the master is the mix times its gain."""
    return {"lacquer_chain": 1, "input_gain_db": 0, "output_gain_db": output_gain_db,
            "eq": {"bypass": True, "bands": []},
            "limiter": {"bypass": True, "ceiling_dbtp": -1, "lookahead_ms": 1.5,
                        "release_ms": 50}}


def render(mix, out, *extra):
    if os.path.exists(out):
        os.unlink(out)
    return run("render", mix, "-o", out, "--bits", "32f", "--dither", "none", *extra)


def gain_db(mix_samples, out_samples):
    """The gain from mix to master, fitted over the second half (past the gain ramp), and the
    largest deviation of any sample from that gain."""
    half = len(mix_samples) // 2
    num = sum(a * b for a, b in zip(mix_samples[half:], out_samples[half:]))
    den = sum(a * a for a in mix_samples[half:])
    g = num / den
    err = max(abs(b - g * a) for a, b in zip(mix_samples[half:], out_samples[half:]))
    return 20 * math.log10(g), err


TMP = tempfile.mkdtemp(prefix="lacquer-snapshot-")
MIX = os.path.join(TMP, "mix.wav")
OUT = os.path.join(TMP, "master.wav")
SESSION = os.path.join(TMP, "song.lacquer")
FRAMES = [(0.25 * math.sin(2 * math.pi * 440 * i / RATE),
           0.2 * math.sin(2 * math.pi * 1000 * i / RATE)) for i in range(RATE)]
MIX_SAMPLES = [v for f in FRAMES for v in f]


def write_json(name, value):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        json.dump(value, f)
    return path


def check_gain(extra, want):
    code, _, err = render(MIX, OUT, "--chain", SESSION, *extra)
    check(code == 0 and os.path.exists(OUT), "exit %d: %s" % (code, err))
    got, dev = gain_db(MIX_SAMPLES, read_float_wav(OUT))
    check(abs(got - want) < 0.001 and dev < 1e-5,
          "gain %+.4f dB (want %+.1f), largest deviation %.2g" % (got, want, dev))


def check_refused(args, status, *fragments):
    code, _, err = render(MIX, OUT, *args)
    check(code == status and not os.path.exists(OUT), "exit %d: %s" % (code, err))
    for fragment in fragments:
        check(fragment in err, "“%s” does not mention “%s”" % (err.strip(), fragment))


@case("render with the session's current chain")
def current_chain():
    check_gain([], -3.0)


@case("render with the session's snapshot Quiet")
def snapshot_quiet():
    check_gain(["--snapshot", "Quiet"], -12.0)


@case("render with the session's snapshot “Loud one”")
def snapshot_loud():
    check_gain(["--snapshot", "Loud one"], -6.0)


@case("unknown snapshot: exit 2, names the file, the name and the snapshots there")
def unknown_snapshot():
    check_refused(["--chain", SESSION, "--snapshot", "Loudest"], 2,
                  "song.lacquer", "Loudest", "“Quiet”", "“Loud one”")


@case("snapshot in a session without snapshots: exit 2")
def no_snapshots():
    empty = write_json("empty.lacquer", {"lacquer_session": 1, "mix": "mix.wav"})
    check_refused(["--chain", empty, "--snapshot", "A"], 2, "empty.lacquer", "no snapshots")


@case("--snapshot with a chain preset: exit 1")
def snapshot_with_preset():
    preset = write_json("warm.json", chain(-1.0))
    check_refused(["--chain", preset, "--snapshot", "Quiet"], 1, "--snapshot")


@case("--snapshot without --chain: exit 1")
def snapshot_without_chain():
    check_refused(["--snapshot", "Quiet"], 1, "--snapshot")


@case("invalid session: exit 2 naming the file")
def invalid_session():
    bad = write_json("bad.lacquer", {"lacquer_session": 1, "snapshots": [{"name": "A"}]})
    check_refused(["--chain", bad, "--snapshot", "A"], 2, "bad.lacquer", "snapshots")


def main():
    write_float_wav(MIX, FRAMES)
    write_json("song.lacquer", {"lacquer_session": 1, "mix": "mix.wav", "chain": chain(-3.0),
                                "snapshots": [{"name": "Quiet", "chain": chain(-12.0)},
                                              {"name": "Loud one", "chain": chain(-6.0)}]})
    try:
        return run_cases()
    finally:
        shutil.rmtree(TMP)


if __name__ == "__main__":
    sys.exit(main())
