#!/usr/bin/env python3
# check-potfiles.py SOURCE_ROOT
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps po/POTFILES.in honest:
#   - every listed file exists (xgettext aborts on a missing one);
#   - the list is sorted and has no duplicates;
#   - every file under src/ that marks strings for translation (_(), N_(),
#     C_(), NC_(), ngettext() … in C, translatable="yes" in .ui) is listed;
#   - every listed file under src/ really marks strings.
# Files named in po/POTFILES.skip are exempt from the "is listed" rule.

import os
import re
import sys

C_MARK = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2|"
                    r"g_dgettext|dgettext|dngettext|gettext)\s*\(")
UI_MARK = re.compile(r"""translatable\s*=\s*["'](?:yes|true|t|y|1)["']""", re.IGNORECASE)
SOURCE_EXT = (".c", ".h", ".ui")


def read_list(path):
    if not os.path.exists(path):
        return []
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def marks_strings(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if path.endswith(".ui"):
        return bool(UI_MARK.search(text))
    return bool(C_MARK.search(text))


def main():
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} SOURCE_ROOT", file=sys.stderr)
        return 2
    root = os.path.abspath(sys.argv[1])
    po = os.path.join(root, "po")
    listed = read_list(os.path.join(po, "POTFILES.in"))
    skipped = set(read_list(os.path.join(po, "POTFILES.skip")))
    errors = []

    seen = set()
    for entry in listed:
        if entry in seen:
            errors.append(f"POTFILES.in: {entry} is listed twice")
        seen.add(entry)
        if not os.path.isfile(os.path.join(root, entry)):
            errors.append(f"POTFILES.in: {entry} does not exist")
        elif entry.startswith("src/") and not marks_strings(os.path.join(root, entry)):
            errors.append(f"POTFILES.in: {entry} has no strings marked for translation")
    if listed != sorted(listed):
        errors.append("POTFILES.in is not sorted (LC_ALL=C sort order)")

    src = os.path.join(root, "src")
    for dirpath, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(SOURCE_EXT):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if rel in seen or rel in skipped:
                continue
            if marks_strings(path):
                errors.append(f"{rel} marks strings for translation but is not in po/POTFILES.in")

    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        return 1
    print(f"po/POTFILES.in lists {len(listed)} file(s); every marked source file is listed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
