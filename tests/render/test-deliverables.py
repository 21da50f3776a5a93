#!/usr/bin/env python3
# `lacquer render --also` with PCM deliverables beside the lossy ones, and --name-pattern,
# printing TAP. Files are decoded by ffmpeg, their format read by ffprobe, their tags by
# ffprobe, metaflac and mutagen, and their true peak measured by libebur128 (r128-peer):
# readers that share no code with Lacquer's writer, resampler or meter.
#
# Copyright 2026 The Lacquer Authors
# SPDX-License-Identifier: GPL-3.0-or-later
from tap import SkipTest, case, check, run_cases
from tags import ffprobe_tags, metaflac_tags, mutagen_tags
import json, os, re, shutil, subprocess, sys, tempfile

lacquer, peer = sys.argv[1], sys.argv[2]
tmp = tempfile.mkdtemp()

def p(name):
    return os.path.join(tmp, name)

def run(*args):
    return subprocess.run([lacquer, 'render', *args], capture_output=True, text=True)

def r128_tp(path):
    out = subprocess.run([peer, path], check=True, capture_output=True, text=True).stdout
    return float(re.search(r'TP (\S+) dBTP', out).group(1))

def stream(path):
    if shutil.which('ffprobe') is None:
        raise SkipTest('ffprobe is not installed')
    out = subprocess.run(['ffprobe', '-v', 'error', '-show_entries',
                          'stream=codec_name,sample_rate,channels,bits_per_sample,'
                          'bits_per_raw_sample', '-of', 'json', 'file:' + path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)['streams'][0]

def decodes(path):
    d = subprocess.run(['ffmpeg', '-v', 'error', '-i', 'file:' + path, '-f', 'null', '-'],
                       capture_output=True, text=True)
    check(d.returncode == 0 and not d.stderr.strip(), f'{path}: {d.stderr}')

def dir_with(name):
    d = p(name)
    os.makedirs(d)
    return d

TAGS = ['--title', 'Night/Day', '--artist', 'The Artist', '--isrc', 'GB-AYE-06-01498']

# A 48 kHz mix: the 44.1 kHz deliverable goes through the resampler.
mix = p('mix.wav')
subprocess.run(['sox', '-R', '-n', '-r', '48000', '-c', '2', '-b', '24', mix, 'synth', '6',
                'pinknoise', 'gain', '-18'], check=True, stderr=subprocess.DEVNULL)

@case("the issue's export: 24-bit WAV 48 kHz master, 16-bit WAV 44.1 kHz, FLAC, MP3 320 "
      "and Opus 160 from one render, all decodable and tagged")
def _():
    d = dir_with('four')
    r = run(mix, '-o', os.path.join(d, 'master.wav'), '--bits', '24', '--target-lufs', '-16',
            '--ceiling-dbtp', '-1', '--also', 'wav:16:44100,flac:24,mp3:320,opus:160',
            '--name-pattern', '{title} ({codec} {kbps}{bits} {rate}).{ext}', '--json', *TAGS)
    check(r.returncode == 0, f'exit {r.returncode}: {r.stderr}')
    report = json.loads(r.stdout)
    names = {os.path.basename(x['file']): x for x in report['deliverables']}
    want = {'Night-Day (wav 16 44100).wav': ('pcm_s16le', '44100'),
            'Night-Day (flac 24 ).flac': ('flac', '48000'),
            'Night-Day (mp3 320 ).mp3': ('mp3', '48000'),
            'Night-Day (opus 160 ).opus': ('opus', '48000')}
    check(set(names) == set(want), sorted(names))
    check(sorted(os.listdir(d)) == sorted(list(want) + ['master.wav']), os.listdir(d))
    for name, (codec, rate) in want.items():
        path = os.path.join(d, name)
        s = stream(path)
        check(s['codec_name'] == codec and s['sample_rate'] == rate and s['channels'] == 2, s)
        decodes(path)
        tags = ffprobe_tags('file:' + path)
        check(tags.get('title') == 'Night/Day' and tags.get('artist') == 'The Artist',
              f'{name}: ffprobe tags {tags}')
        check(mutagen_tags(path)['tags'].get('isrc') == 'GBAYE0601498',
              f'{name}: mutagen has no ISRC')
    check(metaflac_tags(os.path.join(d, 'Night-Day (flac 24 ).flac'))['isrc'] == 'GBAYE0601498',
          'metaflac: no ISRC')
    s = stream(os.path.join(d, 'Night-Day (wav 16 44100).wav'))
    check(s['bits_per_sample'] == 16, s)
    check(stream(os.path.join(d, 'Night-Day (flac 24 ).flac'))['bits_per_raw_sample'] == '24',
          'FLAC is not 24-bit')

@case('the 16-bit 44.1 kHz file stays under the ceiling by libebur128, and the report agrees')
def _():
    d = dir_with('ceiling')
    r = run(mix, '-o', os.path.join(d, 'm.wav'), '--target-lufs', '-16', '--ceiling-dbtp', '-1',
            '--also', 'wav:16:44100', '--name-pattern', '{stem}-cd.{ext}', '--json')
    check(r.returncode == 0, f'exit {r.returncode}: {r.stderr}')
    item = json.loads(r.stdout)['deliverables'][0]
    tp = r128_tp(os.path.join(d, 'm-cd.wav'))
    check(tp <= -1.0, f'libebur128 reads {tp} dBTP over the -1 dBTP ceiling')
    check(item['sample_rate'] == 44100 and item['bits'] == 16, item)
    # libebur128 oversamples 4x at 44.1 kHz, reading a little low; the exact meter is higher.
    check(-0.05 <= item['true_peak_dbtp'] - tp <= 0.3, f"report {item['true_peak_dbtp']}, "
          f'libebur128 {tp}')
    check(item['misses_by_db'] is None and item['ceiling_dbtp'] == -1.0, item)

@case('a master limited hard: the file resampled from it keeps the ceiling too, by libebur128 '
      'and ffmpeg unrounded, and the report says so')
def _():
    # Resampling 48 to 44.1 kHz drops the band above the new Nyquist and interpolates the rest
    # anew: this master's 44.1 kHz copy read -0.19 dBTP (0.81 dB over) until the render's own
    # last step (lq_render_hold_ceiling) ran on it too.
    d = dir_with('misses')
    r = run(mix, '-o', os.path.join(d, 'm.wav'), '--target-lufs', '-8', '--ceiling-dbtp', '-1',
            '--max-limiting', '30', '--also', 'wav:16:44100', '--name-pattern', '{stem}-cd.{ext}',
            '--json')
    check(r.returncode == 0, f'exit {r.returncode}: {r.stderr}')
    item = json.loads(r.stdout)['deliverables'][0]
    cd = os.path.join(d, 'm-cd.wav')
    tp = r128_tp(cd)
    check(tp <= -1.0, f'libebur128 reads {tp} dBTP over the -1 dBTP ceiling')
    check(item['misses_by_db'] is None and item['true_peak_dbtp'] <= -1.0, item)
    if shutil.which('ffmpeg'):
        err = subprocess.run(['ffmpeg', '-nostats', '-hide_banner', '-i', cd, '-af',
                              'aresample=192000,astats=measure_perchannel=none:'
                              'measure_overall=Peak_level', '-f', 'null', '-'],
                             capture_output=True, text=True).stderr
        ff = float(re.findall(r'Peak level dB: (\S+)', err)[-1])
        check(ff <= -1.0 + 0.001, f'ffmpeg 192 kHz reads {ff} dBTP')
    r = run(mix, '-o', os.path.join(d, 't.wav'), '--target-lufs', '-8', '--ceiling-dbtp', '-1',
            '--max-limiting', '30', '--also', 'wav:16:44100', '--name-pattern', '{stem}-cd.{ext}')
    check(re.search(r't-cd\.wav.*\n\s+True peak\s+-1\.\d\d dBTP \(ceiling -1\.00 dBTP\)\n',
                    r.stdout)
          and 'misses the' not in r.stdout, r.stdout)

@case('the 16-bit file is dithered: a -100 dBFS tone survives in the dither noise, '
      'not rounded to silence')
def _():
    # Below half an LSB of 16 bits (-96 dBFS), plain rounding gives digital silence; TPDF
    # dither keeps the tone in the noise. The RMS of the file says which happened.
    d = dir_with('dither')
    quiet = os.path.join(d, 'quiet.wav')
    subprocess.run(['sox', '-n', '-r', '48000', '-c', '2', '-b', '24', quiet, 'synth', '3',
                    'sine', '1000', 'gain', '-100'], check=True, stderr=subprocess.DEVNULL)
    for dither, silent in (('tpdf', False), ('none', True)):
        out = os.path.join(d, f'm-{dither}.wav')
        r = run(quiet, '-o', out, '--format', 'wav', '--bits', '32f', '--dither', dither,
                '--also', 'wav:16', '--name-pattern', '{stem}-16.{ext}')
        check(r.returncode == 0, f'exit {r.returncode}: {r.stderr}')
        stat = subprocess.run(['sox', os.path.join(d, f'm-{dither}-16.wav'), '-n', 'stat'],
                              capture_output=True, text=True).stderr
        rms = float(re.search(r'RMS\s+amplitude:\s+(\S+)', stat).group(1))
        check((rms == 0.0) == silent, f'--dither {dither}: RMS {rms}')

@case('{preset} and {title}: the preset id, "custom" without one, the title falling back to '
      'the stem; names lose "/" and a leading "."')
def _():
    d = dir_with('names')
    r = run(mix, '-o', os.path.join(d, 'song.flac'), '--preset', 'spotify', '--also',
            'mp3:320', '--name-pattern', '{title} ({preset}).{ext}')
    check(r.returncode == 0, r.stderr)
    r = run(mix, '-o', os.path.join(d, 'other.flac'), '--also', 'mp3:320', '--title', '../x',
            '--name-pattern', '{title} ({preset}).{ext}')
    check(r.returncode == 0, r.stderr)
    check(sorted(os.listdir(d)) == ['-x (custom).mp3', 'other.flac', 'song (spotify).mp3',
                                     'song.flac'], sorted(os.listdir(d)))

@case('two deliverables of one name: exit 2 before anything is written, the name in the message')
def _():
    d = dir_with('clash')
    r = run(mix, '-o', os.path.join(d, 'm.wav'), '--also', 'wav:16:44100,wav:24',
            '--name-pattern', '{stem}-{codec}.{ext}')
    check(r.returncode == 2, f'exit {r.returncode}: {r.stderr}')
    check('m-wav.wav' in r.stderr and 'name pattern' in r.stderr, r.stderr)
    check(os.listdir(d) == [], os.listdir(d))
    r = run(mix, '-o', os.path.join(d, 'm.wav'), '--also', 'wav:16:44100')
    check(r.returncode == 2 and 'replace the mix or the master' in r.stderr, r.stderr)
    check(os.listdir(d) == [], os.listdir(d))

@case('a bad PCM deliverable: exit 2, a message naming it and the grammar, nothing written')
def _():
    d = dir_with('bad')
    for spec in ('flac:32', 'wav:20', 'wav:16:12345', 'aiff:16:44100:1', 'wav:16:abc'):
        r = run(mix, '-o', os.path.join(d, 'm.wav'), '--also', spec)
        check(r.returncode == 2, f'{spec}: exit {r.returncode}: {r.stderr}')
        check('--also' in r.stderr and spec in r.stderr and 'wav|flac|aiff' in r.stderr,
              r.stderr)
        check(os.listdir(d) == [], os.listdir(d))

@case('a PCM deliverable that cannot be written leaves no file at all (exit 3)')
def _():
    d = dir_with('partial')
    os.makedirs(os.path.join(d, 'm-16.wav'))
    r = run(mix, '-o', os.path.join(d, 'm.wav'), '--also', 'mp3:320,wav:16:44100',
            '--name-pattern', '{stem}-{kbps}{bits}.{ext}', '--force')
    check(r.returncode == 3, f'exit {r.returncode}: {r.stderr}')
    check(sorted(os.listdir(d)) == ['m-16.wav'], os.listdir(d))
    check(os.listdir(os.path.join(d, 'm-16.wav')) == [], 'folder touched')

sys.exit(run_cases())
