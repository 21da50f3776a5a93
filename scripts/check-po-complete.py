#!/usr/bin/env python3
# check-po-complete.py [--po-dir PO_DIR] LANG.po…
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails if a translation has untranslated or fuzzy messages, or a header that
# does not match its file: Language must equal the file name, the charset must
# be UTF-8 and Plural-Forms must be present. (msgfmt --check accepts all of
# these, it only warns or counts them.) Obsolete (#~) entries are ignored.
# With --po-dir, a template is made afresh from PO_DIR/POTFILES.in with xgettext and every
# message in it must be translated: a string added to the sources without a translation
# fails here, not only a .po entry left empty.

import os
import re
import sys


def unquote(s):
    out, i = [], 0
    esc = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in esc:
            out.append(esc[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def entries(path):
    """Yield dicts with 'flags', 'msgctxt', 'msgid', 'msgid_plural', 'msgstr' (list), 'line'."""
    cur = None
    field = None
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if line.startswith("#~"):
                continue
            if not line:
                if cur is not None and "msgid" in cur:
                    yield cur
                cur, field = None, None
                continue
            if cur is None:
                cur = {"flags": set(), "msgstr": {}, "line": lineno}
            if line.startswith("#,"):
                cur["flags"].update(x.strip() for x in line[2:].split(","))
                continue
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?)\s+"(.*)"$', line)
            if m:
                if m.group(1).startswith("msgstr"):
                    field = ("msgstr", int(m.group(2) or 0))
                    cur["msgstr"][field[1]] = unquote(m.group(3))
                else:
                    field = m.group(1)
                    cur[field] = unquote(m.group(3))
                continue
            m = re.match(r'^"(.*)"$', line)
            if m and field is not None:
                if isinstance(field, tuple):
                    cur["msgstr"][field[1]] += unquote(m.group(1))
                else:
                    cur[field] += unquote(m.group(1))
                continue
            raise ValueError(f"{path}:{lineno}: cannot parse: {line}")
    if cur is not None and "msgid" in cur:
        yield cur


def check(path):
    errors = []
    lang = os.path.splitext(os.path.basename(path))[0]
    header = None
    n_translated = 0
    for e in entries(path):
        if e["msgid"] == "" and "msgctxt" not in e:
            header = e["msgstr"].get(0, "")
            if "fuzzy" in e["flags"]:
                errors.append("the header is marked fuzzy")
            continue
        where = f"{path}:{e['line']}: {e['msgid'][:60]!r}"
        if "fuzzy" in e["flags"]:
            errors.append(f"{where} is fuzzy")
        if not e["msgstr"] or any(v == "" for v in e["msgstr"].values()):
            errors.append(f"{where} is untranslated")
        else:
            n_translated += 1
    if header is None:
        errors.append("no header entry")
    else:
        fields = dict(
            (k.strip(), v.strip())
            for k, _, v in (l.partition(":") for l in header.split("\n") if ":" in l)
        )
        if fields.get("Language") != lang:
            errors.append(f"header Language is {fields.get('Language')!r}, expected {lang!r}")
        if "charset=UTF-8" not in fields.get("Content-Type", ""):
            errors.append("header Content-Type must declare charset=UTF-8")
        if not re.match(r"nplurals=\d+;\s*plural=.+;?$", fields.get("Plural-Forms", "")):
            errors.append("header lacks a valid Plural-Forms")
    return errors, n_translated


def fresh_template(po_dir):
    """(msgctxt, msgid) pairs xgettext finds today, made the way check-ui-translatable does."""
    import importlib.util
    import subprocess
    import tempfile
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("uitr", os.path.join(here, "check-ui-translatable.py"))
    uitr = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(uitr)
    po_dir = os.path.abspath(po_dir)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["xgettext", "--package-name=lacquer", "-p", tmp, "-f",
               os.path.join(po_dir, "POTFILES.in"), "-D", os.path.dirname(po_dir), "-k_",
               "-o", "lacquer.pot"] + uitr.GLIB_PRESET
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise OSError("xgettext failed: " + proc.stderr.strip())
        return uitr.read_pot(os.path.join(tmp, "lacquer.pot"))


def main():
    args = sys.argv[1:]
    template = None
    if len(args) >= 2 and args[0] == "--po-dir":
        template = fresh_template(args[1])
        args = args[2:]
    if not args:
        print(f"usage: {sys.argv[0]} [--po-dir PO_DIR] LANG.po…", file=sys.stderr)
        return 2
    failed = False
    for path in args:
        try:
            errors, n = check(path)
            if template is not None:
                done = set((e.get("msgctxt"), e["msgid"]) for e in entries(path)
                           if e["msgid"] and "fuzzy" not in e["flags"]
                           and e["msgstr"] and all(v for v in e["msgstr"].values()))
                for ctx, msgid in sorted(template - done, key=lambda t: t[1]):
                    errors.append(f"{path}: {msgid[:70]!r} is in the sources but not translated")
        except (OSError, ValueError, UnicodeDecodeError) as e:
            errors, n = [str(e)], 0
        for e in errors:
            print(f"{path}: {e}" if not e.startswith(path) else e, file=sys.stderr)
        if errors:
            failed = True
        else:
            print(f"{path}: {n} messages, all translated")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
