#!/usr/bin/env python3
# test-cli-json.py — hostile chain files through `lacquer render --chain` and `lacquer play
# --chain`: each gives exit 2 and one line naming the file and the reason, never a crash or a
# Json-CRITICAL (the suite runs with G_DEBUG=fatal-criticals), and nothing is rendered. TAP.
#
# Usage: test-cli-json.py LACQUER
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import math
import os
import struct
import subprocess
import sys
import tempfile
import wave

LACQUER = sys.argv[1]
results = []


def report(name, ok, detail=""):
    results.append(ok)
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), name))
    for text in detail.splitlines():
        print("# " + text)
    sys.stdout.flush()


def run(*args):
    env = dict(os.environ, ALSA_CONFIG_PATH=os.path.join(os.path.dirname(__file__), "..",
                                                         "alsa", "nodevice.conf"))
    p = subprocess.run([LACQUER] + list(args), capture_output=True, text=True, timeout=60,
                       env=env)
    return p.returncode, p.stdout, p.stderr


tmp = tempfile.TemporaryDirectory(prefix="lq-cli-json-")
mix = os.path.join(tmp.name, "mix.wav")
with wave.open(mix, "wb") as w:
    w.setnchannels(2)
    w.setsampwidth(2)
    w.setframerate(44100)
    w.writeframes(b"".join(struct.pack("<hh", int(8000 * math.sin(i * 0.06)),
                                       int(8000 * math.sin(i * 0.06)))
                           for i in range(44100)))

deep = "{\"lacquer_chain\": 1, \"x\": " + "[" * 100000 + "]" * 100000 + "}"
CASES = [
    ("nested 100 000 deep", deep, "deep.json: nested too deeply"),
    ("nested deep inside a string is fine", "{\"lacquer_chain\": 1, \"x\": \"" + "[" * 5000
     + "\"}", "unknown key “x”"),
    ("version true", "{\"lacquer_chain\": true}", "lacquer_chain: expected a version number"),
    ("version 1.9", "{\"lacquer_chain\": 1.9}", "lacquer_chain: expected a version number"),
    ("newer version", "{\"lacquer_chain\": 3}", "version 3 is newer"),
    ("a second document", "{\"lacquer_chain\": 1}\n{\"lacquer_chain\": 1}",
     "deep.json:2:1: more than one JSON document"),
    ("a syntax error names the file, not <data>", "{\"lacquer_chain\": 1, }", "deep.json:1:20:"),
    ("a member of the wrong type", "{\"lacquer_chain\": 1, \"eq\": {\"bypass\": {}, "
     "\"bands\": []}}", "eq.bypass: expected true or false"),
    ("1e999 is out of range", "{\"lacquer_chain\": 1, \"output_gain_db\": 1e999}",
     "output_gain_db: inf is outside"),
]

chain = os.path.join(tmp.name, "deep.json")
out = os.path.join(tmp.name, "out.wav")
for name, text, fragment in CASES:
    with open(chain, "w") as f:
        f.write(text)
    for command in (["render", mix, "-o", out, "--chain", chain],
                    ["play", mix, "--chain", chain]):
        if os.path.exists(out):
            os.unlink(out)
        rc, stdout, stderr = run(*command)
        lines = stderr.strip().splitlines()
        ok = (rc == 2 and len(lines) == 1 and fragment in lines[0] and "<data>" not in stderr
              and not os.path.exists(out))
        report("%s: %s" % (command[0], name), ok,
               "" if ok else "exit %d, stderr: %s" % (rc, stderr[:500]))

print("1..%d" % len(results))
sys.exit(0 if all(results) else 1)
