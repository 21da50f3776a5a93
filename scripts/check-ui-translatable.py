#!/usr/bin/env python3
# check-ui-translatable.py UI_DIR PO_DIR
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails if a string marked translatable in a GtkBuilder .ui file under UI_DIR
# does not reach the translation template. The template is generated afresh
# into a temporary directory with xgettext from PO_DIR/POTFILES.in, the same
# way `meson compile lacquer-pot` does it, so a committed .pot is never used.
# Typical causes of a failure: the .ui file is missing from POTFILES.in, or
# the attribute is spelled in a way GtkBuilder accepts but xgettext does not
# (translatable="TRUE").
#
# With no .ui files the check passes.

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# Keywords and flags of meson's i18n "glib" preset (mesonbuild/modules/i18n.py).
GLIB_PRESET = [
    "--from-code=UTF-8",
    "--add-comments",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

# Values GtkBuilder itself treats as true (gtk_builder_value_from_string, boolean).
TRUTHY = {"yes", "true", "t", "y", "1"}

PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f",
              "v": "\v", "\\": "\\", '"': '"', "'": "'", "?": "?"}


def po_unescape(s):
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n in PO_ESCAPES:
                out.append(PO_ESCAPES[n])
                i += 2
                continue
            m = re.match(r"[0-7]{1,3}", s[i + 1:])
            if m:
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
        out.append(c)
        i += 1
    return "".join(out)


def read_pot(path):
    """Return the set of (msgctxt or None, msgid) pairs in a .pot file."""
    entries = set()
    field = None
    buf = {}

    def flush():
        if buf.get("msgid"):
            entries.add((buf.get("msgctxt"), buf["msgid"]))
        buf.clear()

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line:
                flush()
                field = None
                continue
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
            if m:
                field = m.group(1)
                if field in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in buf):
                    flush()
                buf[field] = po_unescape(m.group(2))
                continue
            m = re.match(r'^"(.*)"$', line)
            if m and field:
                buf[field] += po_unescape(m.group(1))
    flush()
    return entries


def norm_space(s):
    return " ".join(s.split())


def ui_strings(path):
    """Yield (context, text) for every element GtkBuilder would translate."""
    root = ET.parse(path).getroot()
    for el in root.iter():
        if (el.get("translatable") or "").strip().lower() in TRUTHY:
            text = el.text or ""
            if text.strip():
                yield el.get("context"), text


def main():
    ap = argparse.ArgumentParser(description="Check that translatable .ui strings reach the POT.")
    ap.add_argument("ui_dir")
    ap.add_argument("po_dir")
    ap.add_argument("--source-root", help="default: the parent of PO_DIR")
    ap.add_argument("--package", default="lacquer")
    ap.add_argument("--xgettext", default=shutil.which("xgettext") or "xgettext")
    args = ap.parse_args()

    ui_files = []
    if os.path.isdir(args.ui_dir):
        for dirpath, _dirs, files in os.walk(args.ui_dir):
            ui_files += [os.path.join(dirpath, f) for f in files if f.endswith(".ui")]
    ui_files.sort()
    if not ui_files:
        print(f"no .ui files under {args.ui_dir}: nothing to check")
        return 0

    source_root = os.path.abspath(args.source_root or os.path.join(args.po_dir, os.pardir))
    potfiles = os.path.join(os.path.abspath(args.po_dir), "POTFILES.in")
    if not os.path.exists(potfiles):
        print(f"{potfiles} does not exist", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, args.package + ".pot")
        cmd = [args.xgettext, "--package-name=" + args.package, "-p", tmp, "-f", potfiles,
               "-D", source_root, "-k_", "-o", os.path.basename(pot)] + GLIB_PRESET
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout + proc.stderr)
            print("xgettext failed; is every file in POTFILES.in present?", file=sys.stderr)
            return 1
        if not os.path.exists(pot):
            print("xgettext produced no template (no translatable strings at all)", file=sys.stderr)
            entries = set()
        else:
            entries = read_pot(pot)

    normalized = {(c, norm_space(m)) for c, m in entries}
    missing = []
    total = 0
    for path in ui_files:
        try:
            strings = list(ui_strings(path))
        except ET.ParseError as e:
            missing.append(f"{path}: not well-formed XML: {e}")
            continue
        for ctx, text in strings:
            total += 1
            if (ctx, text) in entries or (ctx, norm_space(text)) in normalized:
                continue
            where = f" (context {ctx!r})" if ctx else ""
            missing.append(f"{os.path.relpath(path, source_root)}: {text!r}{where} is not in the template")

    for m in missing:
        print(m, file=sys.stderr)
    if missing:
        print(f"{len(missing)} translatable .ui string(s) missing: list the .ui file in "
              "po/POTFILES.in and spell the attribute translatable=\"yes\"", file=sys.stderr)
        return 1
    print(f"{total} translatable string(s) in {len(ui_files)} .ui file(s), all in the template")
    return 0


if __name__ == "__main__":
    sys.exit(main())
