# tags.py — independent tag readers the render tests share: ffprobe (format and stream
# tags), metaflac (Vorbis comments in FLAC) and mutagen (all formats), each returning our
# field names (title, artist, album, track, year, genre, isrc, comment).
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later

from tap import SkipTest, check
import json, os, shutil, subprocess, sys

# mutagen may live in another interpreter than the one running this file (a private
# python3 first on PATH): take the first python3 on PATH that has it.
def find_mutagen_python():
    candidates = [sys.executable] + [os.path.join(d, 'python3')
                                     for d in os.environ.get('PATH', '').split(os.pathsep)]
    for py in candidates:
        if os.access(py, os.X_OK) and subprocess.run(
                [py, '-c', 'import mutagen'], capture_output=True).returncode == 0:
            return py
    return None

MUTAGEN_PY = find_mutagen_python()
# Field names of ours for each reader's keys.
MUTAGEN_READ = r'''
import json, sys, mutagen
f = mutagen.File(sys.argv[1])
names = {'TIT2': 'title', 'TPE1': 'artist', 'TALB': 'album', 'TRCK': 'track', 'TDRC': 'year',
         'TYER': 'year', 'TCON': 'genre', 'TSRC': 'isrc', 'COMM': 'comment',
         'TITLE': 'title', 'ARTIST': 'artist', 'ALBUM': 'album', 'TRACKNUMBER': 'track',
         'DATE': 'year', 'GENRE': 'genre', 'ISRC': 'isrc', 'COMMENT': 'comment'}
out = {}
for key, value in (f.tags.items() if f.tags is not None else []):
    name = names.get(key.split(':')[0].upper())
    if name:
        text = value.text if hasattr(value, 'text') else value
        out[name] = str(text[0]) if isinstance(text, list) else str(text)
print(json.dumps({'type': type(f).__name__, 'tags': out}))
'''

def mutagen_tags(path):
    if MUTAGEN_PY is None:
        raise SkipTest('mutagen (python3-mutagen) is not installed')
    out = subprocess.run([MUTAGEN_PY, '-c', MUTAGEN_READ, path], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)

FFPROBE_NAMES = {'title': 'title', 'artist': 'artist', 'album': 'album', 'track': 'track',
                 'date': 'year', 'genre': 'genre', 'isrc': 'isrc', 'tsrc': 'isrc',
                 'comment': 'comment'}

def ffprobe_tags(path):
    if shutil.which('ffprobe') is None:
        raise SkipTest('ffprobe is not installed')
    # Ogg files carry their Vorbis comments on the stream, the others on the container.
    out = subprocess.run(['ffprobe', '-v', 'error', '-show_entries', 'format_tags:stream_tags',
                          '-of', 'json', path], check=True, capture_output=True, text=True).stdout
    parsed = json.loads(out)
    tags = dict(parsed.get('format', {}).get('tags', {}))
    for stream in parsed.get('streams', []):
        tags.update(stream.get('tags', {}))
    return {FFPROBE_NAMES[k.lower()]: v for k, v in tags.items() if k.lower() in FFPROBE_NAMES}

def metaflac_tags(path):
    if shutil.which('metaflac') is None:
        raise SkipTest('metaflac (flac) is not installed')
    out = subprocess.run(['metaflac', '--export-tags-to=-', path], check=True,
                         capture_output=True, text=True).stdout
    names = {'TITLE': 'title', 'ARTIST': 'artist', 'ALBUM': 'album', 'TRACKNUMBER': 'track',
             'DATE': 'year', 'GENRE': 'genre', 'ISRC': 'isrc', 'COMMENT': 'comment'}
    tags = {}
    for line in out.splitlines():
        k, _, v = line.partition('=')
        check(k.upper() in names, f'{path}: unexpected Vorbis comment {line!r}')
        tags[names[k.upper()]] = v
    return tags
