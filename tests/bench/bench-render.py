#!/usr/bin/env python3
# Benchmark (not a test): `lacquer render --target-lufs -14 --ceiling-dbtp -1` beside
# ffmpeg's loudnorm in two passes (measure, then apply with the measured values, as its
# documentation describes) on the same 5-minute 48 kHz stereo file, in the same run: time,
# and where each lands by libebur128. Target: lacquer at least 10x faster.
import json, os, re, shutil, subprocess, sys, tempfile, time

lacquer, peer = sys.argv[1], sys.argv[2]
if shutil.which('sox') is None or shutil.which('ffmpeg') is None:
    sys.exit(77)

def r128(path):
    out = subprocess.run([peer, path], check=True, capture_output=True, text=True).stdout
    m = re.search(r'I (\S+) LUFS, LRA (\S+) LU, TP (\S+) dBTP', out)
    return float(m.group(1)), float(m.group(3))

def timed(cmd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - t0, r

with tempfile.TemporaryDirectory() as tmp:
    mix = os.path.join(tmp, 'mix.wav')
    subprocess.run(['sox', '-R', '-n', '-r', '48000', '-c', '2', '-b', '24', mix,
                    'synth', '300', 'pinknoise', 'synth', '300', 'sine', 'amod', '0.3',
                    'vol', '-20', 'dB'], check=True, stderr=subprocess.DEVNULL)
    ours = os.path.join(tmp, 'lacquer.wav')
    theirs = os.path.join(tmp, 'loudnorm.wav')

    t_ours, _ = timed([lacquer, 'render', mix, '-o', ours, '--target-lufs', '-14',
                       '--ceiling-dbtp', '-1', '--force'])
    t1, first = timed(['ffmpeg', '-hide_banner', '-nostats', '-i', mix, '-af',
                       'loudnorm=I=-14:TP=-1:LRA=11:print_format=json', '-f', 'null', '-'])
    m = json.loads(first.stderr[first.stderr.rindex('{'):])
    t2, _ = timed(['ffmpeg', '-hide_banner', '-nostats', '-y', '-i', mix, '-af',
                   'loudnorm=I=-14:TP=-1:LRA=11:measured_I={input_i}:measured_TP={input_tp}:'
                   'measured_LRA={input_lra}:measured_thresh={input_thresh}:offset={target_offset}:'
                   'linear=true'.format(**m), '-ar', '48000', '-c:a', 'pcm_s24le', theirs])
    i_o, tp_o = r128(ours)
    i_t, tp_t = r128(theirs)
    print('mix: 300 s, 48 kHz stereo, pink noise with tremolo at about -23 LUFS')
    print(f'lacquer render        : {t_ours:6.2f} s   I {i_o:7.2f} LUFS  TP {tp_o:6.2f} dBTP')
    print(f'ffmpeg loudnorm 2-pass: {t1 + t2:6.2f} s   I {i_t:7.2f} LUFS  TP {tp_t:6.2f} dBTP'
          f'   (pass 1 {t1:.2f} s, pass 2 {t2:.2f} s)')
    print(f'ratio                 : lacquer is {(t1 + t2) / t_ours:.1f}x faster (target >= 10x)')
