#!/usr/bin/env python3
# check_manifest.py [--meson-build FILE] MANIFEST…
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Offline lint for Lacquer's Flatpak manifests (python3 standard library only).
# Debian has no flatpak-builder-lint, and flatpak-builder --show-manifest only
# catches syntax errors, so this checks what matters for this project:
#   - the app id matches the meson project (io.github.lacquer.Lacquer, or its
#     .Devel id when the lacquer module is configured with -Ddevelopment=true);
#   - the command is the binary meson installs (lacquer);
#   - every archive/file source has a url and a sha256 of 64 hex digits, every
#     git source a commit or tag, and no source type or buildsystem is unknown;
#   - the libraries the runtime lacks are built (portaudio, fftw3f, soxr, taglib) and
#     lacquer itself is the last module, built with meson from this checkout;
#   - finish-args all start with "--", include the sockets a desktop audio app
#     needs, and grant no home/host file access or other broad permissions.
# With --flatpak-builder PATH it also runs `flatpak-builder --show-manifest`
# under G_DEBUG=fatal-warnings, which fails on unknown keys and wrong types.

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

REQUIRED_MODULES = ("portaudio", "fftw3f", "soxr", "taglib")
BUILDSYSTEMS = {"autotools", "cmake", "cmake-ninja", "meson", "simple", "qmake"}
SOURCE_TYPES = {"archive", "git", "bzr", "svn", "dir", "file", "script", "inline", "shell",
                "patch", "extra-data"}
CHECKSUMMED = {"archive", "file", "extra-data"}
REQUIRED_FINISH_ARGS = ("--share=ipc", "--socket=wayland", "--socket=fallback-x11",
                        "--socket=pulseaudio")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
APP_ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_-]*){2,}$")


def forbidden_finish_arg(arg):
    """Return why a finish-arg is too broad for this app, or None."""
    if arg.startswith("--filesystem="):
        where = arg.split("=", 1)[1].split(":", 1)[0].rstrip("/")
        if where in ("home", "host", "host-os", "host-etc", "/", "~") or where.startswith("~"):
            return "grants home or host file access; use portals or xdg-music"
    if arg == "--socket=x11":
        return "use --socket=fallback-x11 so X11 is only used without Wayland"
    if arg in ("--device=all", "--share=network", "--socket=session-bus",
               "--socket=system-bus", "--talk-name=org.freedesktop.Flatpak"):
        return "not needed by a desktop audio app"
    return None


def project_app_ids(meson_build):
    """Return (app_id, devel_app_id) assigned in the top-level meson.build."""
    with open(meson_build, encoding="utf-8") as f:
        text = f.read()
    ids = re.findall(r"^\s*app_id\s*=\s*'([^']+)'", text, re.MULTILINE)
    if not ids:
        raise ValueError(f"{meson_build}: no app_id = '…' assignment")
    base = ids[0]
    devel = next((i for i in ids[1:] if i != base), base + ".Devel")
    return base, devel


def project_binary(meson_build):
    """Return the name of the executable src/meson.build installs, if readable."""
    src = os.path.join(os.path.dirname(meson_build), "src", "meson.build")
    try:
        with open(src, encoding="utf-8") as f:
            m = re.search(r"executable\s*\(\s*'([^']+)'", f.read())
    except OSError:
        return None
    return m.group(1) if m else None


def load_manifest(path):
    with open(path, encoding="utf-8") as f:
        if path.endswith((".yml", ".yaml")):
            try:
                import yaml
            except ImportError:
                raise ValueError("YAML manifest but python3-yaml is not installed")
            return yaml.safe_load(f)
        return json.load(f)


def walk_modules(modules, base_dir, errors, out):
    """Flatten (possibly nested or file-referenced) modules into out."""
    for mod in modules or []:
        if isinstance(mod, str):
            ref = os.path.join(base_dir, mod)
            try:
                mod = load_manifest(ref)
            except (OSError, ValueError) as e:
                errors.append(f"module file {mod}: {e}")
                continue
        if not isinstance(mod, dict):
            errors.append(f"module entry is not an object: {mod!r}")
            continue
        out.append(mod)
        walk_modules(mod.get("modules"), base_dir, errors, out)


def check_source(modname, src, errors):
    if isinstance(src, str):  # path to a JSON file of sources; not used here
        errors.append(f"{modname}: external source file {src!r} is not supported by this check")
        return
    kind = src.get("type")
    if kind not in SOURCE_TYPES:
        errors.append(f"{modname}: unknown source type {kind!r}")
        return
    if kind in CHECKSUMMED:
        if "url" in src or kind == "extra-data":
            if not src.get("url", "").startswith("https://"):
                errors.append(f"{modname}: {kind} source needs an https url, got {src.get('url')!r}")
            sha = src.get("sha256", "")
            if not SHA256_RE.match(sha):
                errors.append(f"{modname}: {kind} source {src.get('url')} needs a sha256 of 64 "
                              f"lower-case hex digits, got {sha!r}")
        elif "path" not in src:
            errors.append(f"{modname}: {kind} source has neither url nor path")
    elif kind == "git":
        if not src.get("commit") and not src.get("tag"):
            errors.append(f"{modname}: git source {src.get('url')} is not pinned to a commit or tag")
    elif kind == "dir":
        if not src.get("path"):
            errors.append(f"{modname}: dir source without a path")


def check(path, meson_build):
    errors = []
    try:
        m = load_manifest(path)
    except (OSError, ValueError) as e:
        return [f"cannot read manifest: {e}"]
    if not isinstance(m, dict):
        return ["manifest is not an object"]

    base_id, devel_id = project_app_ids(meson_build)

    modules = []
    walk_modules(m.get("modules"), os.path.dirname(os.path.abspath(path)), errors, modules)
    names = [mod.get("name") for mod in modules]

    # The app module decides which app id the manifest must carry.
    app = modules[-1] if modules else {}
    development = any(o in ("-Ddevelopment=true", "-Ddevelopment=True")
                      for o in app.get("config-opts", []))
    want_id = devel_id if development else base_id
    app_id = m.get("app-id", m.get("id"))
    if not app_id or not APP_ID_RE.match(app_id):
        errors.append(f"app-id {app_id!r} is missing or not a reverse-DNS id")
    elif app_id != want_id:
        errors.append(f"app-id {app_id!r} does not match the meson project "
                      f"({want_id!r}{' with -Ddevelopment=true' if development else ''})")

    for key in ("runtime", "runtime-version", "sdk"):
        if not m.get(key):
            errors.append(f"missing {key}")
    if m.get("runtime") != "org.gnome.Platform" or m.get("sdk") != "org.gnome.Sdk":
        errors.append("runtime/sdk must be org.gnome.Platform/org.gnome.Sdk (GTK 4 and libadwaita)")

    binary = project_binary(meson_build) or "lacquer"
    if m.get("command") != binary:
        errors.append(f"command is {m.get('command')!r}, meson installs {binary!r}")

    finish = m.get("finish-args", [])
    for arg in finish:
        if not isinstance(arg, str) or not arg.startswith("--"):
            errors.append(f"finish-arg {arg!r} does not start with '--'")
            continue
        why = forbidden_finish_arg(arg)
        if why:
            errors.append(f"finish-arg {arg}: {why}")
    for arg in REQUIRED_FINISH_ARGS:
        if arg not in finish:
            errors.append(f"finish-args lack {arg}")

    for req in REQUIRED_MODULES:
        if req not in names:
            errors.append(f"required module {req!r} is missing (have {names})")
    if len(set(names)) != len(names):
        errors.append(f"duplicate module names: {names}")

    for mod in modules:
        name = mod.get("name")
        if not name:
            errors.append("module without a name")
            name = "?"
        bs = mod.get("buildsystem", "autotools")
        if bs not in BUILDSYSTEMS:
            errors.append(f"{name}: unknown buildsystem {bs!r}")
        srcs = mod.get("sources", [])
        if not srcs and not mod.get("modules"):
            errors.append(f"{name}: no sources")
        for src in srcs:
            check_source(name, src, errors)

    if app.get("name") != "lacquer":
        errors.append(f"the last module must be 'lacquer', got {app.get('name')!r}")
    else:
        if app.get("buildsystem") != "meson":
            errors.append("lacquer: buildsystem must be meson")
        if not any(isinstance(s, dict) and s.get("type") == "dir" and s.get("path") == ".."
                   for s in app.get("sources", [])):
            errors.append("lacquer: must be built from this checkout (type: dir, path: ..)")

    return errors


def check_with_flatpak_builder(path, flatpak_builder):
    """Parse the manifest with flatpak-builder; any warning is an error."""
    env = dict(os.environ, G_DEBUG="fatal-warnings")
    # flatpak-builder creates .flatpak-builder/ in its working directory.
    with tempfile.TemporaryDirectory() as scratch:
        proc = subprocess.run([flatpak_builder, "--show-manifest", os.path.abspath(path)],
                              env=env, cwd=scratch, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    errors = [f"flatpak-builder: {line}" for line in proc.stderr.splitlines() if line.strip()]
    if proc.returncode != 0:
        errors.append(f"flatpak-builder --show-manifest failed (exit status {proc.returncode})")
    return errors


def main():
    ap = argparse.ArgumentParser(description="Lint Lacquer's Flatpak manifests.")
    ap.add_argument("--meson-build", default=os.path.join(HERE, os.pardir, "meson.build"),
                    help="top-level meson.build to take the app id from")
    ap.add_argument("--flatpak-builder", metavar="PATH",
                    help="also parse each manifest with this flatpak-builder")
    ap.add_argument("manifests", nargs="+")
    args = ap.parse_args()

    failed = False
    for path in args.manifests:
        try:
            errors = check(path, args.meson_build)
        except (OSError, ValueError) as e:
            errors = [str(e)]
        if args.flatpak_builder:
            errors += check_with_flatpak_builder(path, args.flatpak_builder)
        for e in errors:
            print(f"{path}: {e}", file=sys.stderr)
        if errors:
            failed = True
        else:
            print(f"{path}: OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
