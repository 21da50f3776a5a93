#!/usr/bin/env python3
# `lacquer render` tags (--title … --isrc …, --metadata FILE.json), printing TAP. Every field
# is read back by readers that share no code with TagLib: metaflac (FLAC), ffprobe (FLAC,
# AIFF, and the INFO list of WAV, which it prefers to the ID3 chunk) and mutagen (all three,
# the ISRC of WAV included). Bad tags must stop the render before anything is written.
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
from tap import SkipTest, case, check, run_cases
from tags import ffprobe_tags, metaflac_tags, mutagen_tags
import json, os, shutil, subprocess, sys, tempfile

lacquer = sys.argv[1]
tmp = tempfile.mkdtemp()

def p(name):
    return os.path.join(tmp, name)

def run(*args):
    return subprocess.run([lacquer, 'render', *args], capture_output=True, text=True)

TAGS = {'title': 'Ünïcode “Title”', 'artist': 'The Artist', 'album': 'An Album',
        'track': '7', 'year': '2026', 'genre': 'Jazz', 'isrc': 'gb-aye-06-01498',
        'comment': 'Mastered, twice'}
EXPECTED = dict(TAGS, isrc='GBAYE0601498')

def flags(tags):
    out = []
    for k, v in tags.items():
        out += [f'--{k}', v]
    return out

mix = p('mix.wav')
subprocess.run(['sox', '-R', '-n', '-r', '44100', '-c', '2', '-b', '24', mix,
                'synth', '3', 'pinknoise', 'gain', '-20'], check=True, stderr=subprocess.DEVNULL)

def same(reader, got, want, fields):
    for k in fields:
        check(got.get(k) == want[k], f'{reader}: {k} is {got.get(k)!r}, wanted {want[k]!r}')

def render(out, *args):
    r = run(mix, '-o', out, *args)
    check(r.returncode == 0, f'exit {r.returncode}: {r.stderr}')
    return r

def nothing_left(name):
    left = [f for f in os.listdir(tmp) if name in f]
    check(not left, f'left behind: {left}')

def tagged_reads_back(ext, mutagen_type, ffprobe_fields, metaflac=False):
    out = p('tagged.' + ext)
    render(out, *flags(TAGS))
    if metaflac:
        same('metaflac', metaflac_tags(out), EXPECTED, EXPECTED)
    same('ffprobe', ffprobe_tags(out), EXPECTED, ffprobe_fields)
    m = mutagen_tags(out)
    check(m['type'] == mutagen_type, m['type'])
    same('mutagen', m['tags'], EXPECTED, EXPECTED)

@case('FLAC: metaflac, ffprobe and mutagen read every field, the ISRC normalised')
def _():
    tagged_reads_back('flac', 'FLAC', EXPECTED, metaflac=True)

@case('WAV: ffprobe reads the INFO list, mutagen the ID3 chunk with the ISRC')
def _():
    # INFO has no ISRC field; ffprobe reads INFO in preference to the ID3 chunk.
    tagged_reads_back('wav', 'WAVE', [k for k in EXPECTED if k != 'isrc'])

@case('AIFF: ffprobe and mutagen read every field from the ID3 chunk')
def _():
    tagged_reads_back('aiff', 'AIFF', EXPECTED)

@case('one export, four deliverables: the FLAC master and --also MP3, Vorbis and Opus, all tagged')
def _():
    out = p('four.flac')
    render(out, '--also', 'mp3:320,vorbis:160,opus:160', *flags(TAGS))
    for ext, mutagen_type in (('flac', 'FLAC'), ('mp3', 'MP3'), ('ogg', 'OggVorbis'),
                              ('opus', 'OggOpus')):
        path = p('four.' + ext)
        check(os.path.exists(path), f'{path} missing')
        same(f'ffprobe {ext}', ffprobe_tags(path), EXPECTED, EXPECTED)
        m = mutagen_tags(path)
        check(m['type'] == mutagen_type, m['type'])
        same(f'mutagen {ext}', m['tags'], EXPECTED, EXPECTED)
        # The tags left the audio decodable.
        d = subprocess.run(['ffmpeg', '-v', 'error', '-i', path, '-f', 'null', '-'],
                           capture_output=True, text=True)
        check(d.returncode == 0 and not d.stderr.strip(), f'{ext}: {d.stderr}')

@case('the tags do not touch the audio: the same render untagged has the same samples')
def _():
    tagged, plain = p('same-tagged.flac'), p('same-plain.flac')
    render(tagged, *flags(TAGS))
    render(plain)
    digests = []
    for path in (tagged, plain):
        out = subprocess.run(['ffmpeg', '-v', 'error', '-i', path, '-f', 'md5', '-'],
                             check=True, capture_output=True, text=True).stdout
        digests.append(out.strip())
    check(digests[0] == digests[1], f'audio differs: {digests}')
    check(ffprobe_tags(plain) == {}, f'untagged master has tags: {ffprobe_tags(plain)}')

@case('--metadata FILE.json, with the flags overriding the file')
def _():
    meta = p('meta.json')
    with open(meta, 'w') as f:
        json.dump({'title': 'From the file', 'artist': 'File artist', 'track': 2,
                   'isrc': 'USS1Z9900001', 'year': None}, f)
    out = p('from-file.flac')
    render(out, '--metadata', meta, '--title', 'From the flag', '--track', '9')
    got = metaflac_tags(out)
    want = {'title': 'From the flag', 'artist': 'File artist', 'track': '9',
            'isrc': 'USS1Z9900001'}
    check(got == want, f'{got} != {want}')

def refused(name, args, words):
    out = p(name)
    r = run(mix, '-o', out, *args)
    check(r.returncode == 2, f'exit {r.returncode}, wanted 2: {r.stderr}')
    for w in words:
        check(w in r.stderr, f'message {r.stderr!r} lacks {w!r}')
    nothing_left(name)

@case('a malformed ISRC: exit 2, the message says which part, nothing written')
def _():
    refused('bad-isrc.wav', ['--title', 'T', '--isrc', 'GB-AYE-06-0149X'],
            ['--isrc', 'GB-AYE-06-0149X', 'designation is five digits'])
    refused('short-isrc.flac', ['--isrc', 'GBAYE06'], ['--isrc', '12 characters'])
    refused('bad-track.wav', ['--track', '0'], ['--track', 'track: 0 is outside 1 … 999'])
    refused('bad-year.wav', ['--year', 'last'], ['--year', 'not a whole number'])

@case('a bad --metadata file: exit 2 naming the file and the key, nothing written')
def _():
    unknown = p('unknown.json')
    with open(unknown, 'w') as f:
        f.write('{"title": "T", "composer": "C"}')
    syntax = p('syntax.json')
    with open(syntax, 'w') as f:
        f.write('{"title": "T",')
    bad_isrc = p('bad-isrc.json')
    with open(bad_isrc, 'w') as f:
        f.write('{"isrc": "XX-123"}')
    refused('unknown-key.wav', ['--metadata', unknown], ['unknown.json', 'unknown key “composer”'])
    refused('syntax.wav', ['--metadata', syntax], ['syntax.json'])
    refused('bad-isrc-file.wav', ['--metadata', bad_isrc], ['bad-isrc.json', 'ISRC “XX-123”'])
    refused('missing.wav', ['--metadata', p('no-such.json')], ['no-such.json'])

sys.exit(run_cases())
