#!/usr/bin/env python3
# check-po-complete.py LANG.po…
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails if a translation has untranslated or fuzzy messages, or a header that
# does not match its file: Language must equal the file name, the charset must
# be UTF-8 and Plural-Forms must be present. (msgfmt --check accepts all of
# these, it only warns or counts them.) Obsolete (#~) entries are ignored.

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


def main():
    if len(sys.argv) < 2:
        print(f"usage: {sys.argv[0]} LANG.po…", file=sys.stderr)
        return 2
    failed = False
    for path in sys.argv[1:]:
        try:
            errors, n = check(path)
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
