#!/usr/bin/env python3
# check-mime-xml.py
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks a shared-mime-info package file without needing update-mime-database:
# it must be well-formed XML in the shared-mime-info namespace, and every
# <mime-type> must have a valid type name, an untranslated <comment>, at least
# one glob or magic rule, and valid <sub-class-of>/<alias> types.
#
# --expect TYPE:GLOB:PARENT  additionally requires TYPE to exist with that glob
#                            and that parent class (repeatable).
# --desktop FILE             requires every defined type to be listed in the
#                            MimeType= key of the desktop entry FILE.

import argparse
import re
import sys
import xml.etree.ElementTree as ET

NS = "http://www.freedesktop.org/standards/shared-mime-info"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 6838 restricted-name, lower case as shared-mime-info expects
TYPE_RE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$")


def q(tag):
    return "{%s}%s" % (NS, tag)


def desktop_mime_types(path):
    types = set()
    in_main = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                in_main = line == "[Desktop Entry]"
            elif in_main and line.startswith("MimeType="):
                types.update(t for t in line[len("MimeType="):].split(";") if t)
    return types


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("mime_xml")
    ap.add_argument("--expect", action="append", default=[], metavar="TYPE:GLOB:PARENT")
    ap.add_argument("--desktop", metavar="FILE")
    args = ap.parse_args()

    errors = []

    try:
        root = ET.parse(args.mime_xml).getroot()
    except ET.ParseError as e:
        print(f"{args.mime_xml}: not well-formed XML: {e}", file=sys.stderr)
        return 1

    if root.tag != q("mime-info"):
        errors.append(f"root element is {root.tag}, expected {{{NS}}}mime-info")

    defined = {}
    for mt in root:
        if mt.tag != q("mime-type"):
            errors.append(f"unexpected element {mt.tag} under <mime-info>")
            continue
        name = mt.get("type", "")
        if not TYPE_RE.match(name):
            errors.append(f"invalid or missing type attribute: {name!r}")
            continue
        if name in defined:
            errors.append(f"{name}: defined twice")
        info = {"globs": [], "parents": [], "magic": False, "comment": None}
        defined[name] = info
        for child in mt:
            if child.tag == q("comment"):
                if child.get(XML_LANG) is None:
                    if info["comment"] is not None:
                        errors.append(f"{name}: more than one untranslated <comment>")
                    info["comment"] = (child.text or "").strip()
            elif child.tag == q("glob"):
                pattern = child.get("pattern", "")
                if not pattern:
                    errors.append(f"{name}: <glob> without a pattern")
                info["globs"].append(pattern)
            elif child.tag in (q("sub-class-of"), q("alias")):
                other = child.get("type", "")
                if not TYPE_RE.match(other):
                    errors.append(f"{name}: invalid type in <{child.tag.split('}')[1]}>: {other!r}")
                if child.tag == q("sub-class-of"):
                    info["parents"].append(other)
            elif child.tag == q("magic"):
                info["magic"] = True
            elif child.tag in (q("generic-icon"), q("icon")):
                if not child.get("name"):
                    errors.append(f"{name}: <{child.tag.split('}')[1]}> without a name")
            elif child.tag in (q("acronym"), q("expanded-acronym"), q("root-XML"),
                               q("treemagic"), q("glob-deleteall"), q("magic-deleteall")):
                pass
            else:
                errors.append(f"{name}: unknown element {child.tag}")
        if not info["comment"]:
            errors.append(f"{name}: missing untranslated <comment>")
        if not info["globs"] and not info["magic"]:
            errors.append(f"{name}: neither a <glob> nor <magic>, so nothing can match it")

    if not defined:
        errors.append("no <mime-type> defined")

    for spec in args.expect:
        try:
            name, glob, parent = spec.split(":")
        except ValueError:
            print(f"bad --expect value {spec!r}", file=sys.stderr)
            return 2
        info = defined.get(name)
        if info is None:
            errors.append(f"{name}: expected but not defined")
            continue
        if glob and glob not in info["globs"]:
            errors.append(f"{name}: expected glob {glob!r}, have {info['globs']}")
        if parent and parent not in info["parents"]:
            errors.append(f"{name}: expected sub-class-of {parent!r}, have {info['parents']}")

    if args.desktop:
        listed = desktop_mime_types(args.desktop)
        for name in defined:
            if name not in listed:
                errors.append(f"{name}: not listed in MimeType= of {args.desktop}")

    for e in errors:
        print(f"{args.mime_xml}: {e}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
