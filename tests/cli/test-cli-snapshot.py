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
import struct
import subprocess
import sys
import tempfile

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


def main():
    tmp = tempfile.mkdtemp(prefix="lacquer-snapshot-")
    mix = os.path.join(tmp, "mix.wav")
    frames = [(0.25 * math.sin(2 * math.pi * 440 * i / RATE),
               0.2 * math.sin(2 * math.pi * 1000 * i / RATE)) for i in range(RATE)]
    write_float_wav(mix, frames)
    mix_samples = [v for f in frames for v in f]

    session = os.path.join(tmp, "song.lacquer")
    with open(session, "w") as f:
        json.dump({"lacquer_session": 1, "mix": "mix.wav", "chain": chain(-3.0),
                   "snapshots": [{"name": "Quiet", "chain": chain(-12.0)},
                                 {"name": "Loud one", "chain": chain(-6.0)}]}, f)
    out = os.path.join(tmp, "master.wav")

    for name, extra, want in (("current chain", [], -3.0),
                              ("snapshot Quiet", ["--snapshot", "Quiet"], -12.0),
                              ("snapshot “Loud one”", ["--snapshot", "Loud one"], -6.0)):
        code, _, err = render(mix, out, "--chain", session, *extra)
        if code != 0 or not os.path.exists(out):
            report("render with the session's " + name, False, "exit %d: %s" % (code, err))
            continue
        got, dev = gain_db(mix_samples, read_float_wav(out))
        report("render with the session's %s: %+.4f dB (want %+.1f)" % (name, got, want),
               abs(got - want) < 0.001 and dev < 1e-5, "largest deviation %.2g" % dev)

    code, _, err = render(mix, out, "--chain", session, "--snapshot", "Loudest")
    report("unknown snapshot: exit 2, names the file, the name and the snapshots there",
           code == 2 and "song.lacquer" in err and "Loudest" in err and "Quiet" in err
           and "Loud one" in err and not os.path.exists(out), "exit %d: %s" % (code, err))

    empty = os.path.join(tmp, "empty.lacquer")
    with open(empty, "w") as f:
        json.dump({"lacquer_session": 1, "mix": "mix.wav"}, f)
    code, _, err = render(mix, out, "--chain", empty, "--snapshot", "A")
    report("snapshot in a session without snapshots: exit 2",
           code == 2 and "empty.lacquer" in err and not os.path.exists(out),
           "exit %d: %s" % (code, err))

    preset = os.path.join(tmp, "warm.json")
    with open(preset, "w") as f:
        json.dump(chain(-1.0), f)
    code, _, err = render(mix, out, "--chain", preset, "--snapshot", "Quiet")
    report("--snapshot with a chain preset: exit 1", code == 1 and not os.path.exists(out),
           "exit %d: %s" % (code, err))
    code, _, err = render(mix, out, "--snapshot", "Quiet")
    report("--snapshot without --chain: exit 1", code == 1 and not os.path.exists(out),
           "exit %d: %s" % (code, err))

    bad = os.path.join(tmp, "bad.lacquer")
    with open(bad, "w") as f:
        f.write('{"lacquer_session": 1, "snapshots": [{"name": "A"}]}')
    code, _, err = render(mix, out, "--chain", bad, "--snapshot", "A")
    report("invalid session: exit 2 naming the file",
           code == 2 and "bad.lacquer" in err and not os.path.exists(out),
           "exit %d: %s" % (code, err))

    for name in os.listdir(tmp):
        os.unlink(os.path.join(tmp, name))
    os.rmdir(tmp)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
