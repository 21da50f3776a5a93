#!/usr/bin/env python3
# Benchmark (not a test): the codec round trip of `lacquer render --codec-check mp3:128` on a
# 5-minute master beside ffmpeg encoding the same master with libmp3lame at 128 kb/s (and
# decoding it again), whole ffmpeg processes, in the same run. The master is the realistic
# programme (make-programme: drums, bass and chords, 44.1 kHz stereo) rendered to Spotify's
# -14 LUFS / -1 dBTP as 32-bit float, so both encoders get the same samples. Lacquer's time
# is the round trip's own (encode, decode, alignment, true peak, overs), from the JSON; the
# decoded true peak of ffmpeg's file is measured by libebur128 for comparison. Target (issue
# 15): the round trip of a 5-minute master at MP3 128 is ready within 5 s.
import json, os, re, shutil, subprocess, sys, tempfile, time

lacquer, peer, make_programme = sys.argv[1], sys.argv[2], sys.argv[3]
if shutil.which('ffmpeg') is None:
    sys.exit(77)

def timed(cmd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - t0, r

def r128_tp(path):
    out = subprocess.run([peer, path], check=True, capture_output=True, text=True).stdout
    return float(re.search(r'TP (\S+) dBTP', out).group(1))

with tempfile.TemporaryDirectory() as tmp:
    mix = os.path.join(tmp, 'mix.wav')
    master = os.path.join(tmp, 'master.wav')
    subprocess.run([make_programme, mix, '300', '44100', '0.2'], check=True)
    t_all, r = timed([lacquer, 'render', mix, '-o', master, '--format', 'wav', '--bits', '32f',
                      '--target-lufs', '-14', '--ceiling-dbtp', '-1', '--max-limiting', '12',
                      '--codec-check', 'mp3:128', '--json'])
    rep = json.loads(r.stdout)
    c = rep['codec_check'][0]
    mp3 = os.path.join(tmp, 'ffmpeg.mp3')
    t_enc, _ = timed(['ffmpeg', '-v', 'error', '-y', '-i', master, '-c:a', 'libmp3lame',
                      '-b:a', '128k', mp3])
    dec = os.path.join(tmp, 'ffmpeg-decoded.wav')
    t_dec, _ = timed(['ffmpeg', '-v', 'error', '-y', '-i', mp3, '-c:a', 'pcm_f32le', dec])
    tp = r128_tp(dec)
    print('MP3 128 kb/s round trip of a 300 s, 44.1 kHz stereo master '
          f'(-14 LUFS, {rep["peak_limiting_db"]:.1f} dB of limiting, TP {rep["true_peak_dbtp"]:.2f} dBTP)')
    print(f'  lacquer round trip       : {c["seconds"]:6.2f} s   decoded TP '
          f'{c["decoded_true_peak_dbtp"]:6.2f} dBTP, {c["overs_1dbtp"]} overs of -1 dBTP, '
          f'codec-safe ceiling {c["codec_safe_ceiling_dbtp"]:.2f} dBTP (render itself {rep["seconds"]:.2f} s, '
          f'whole process {t_all:.2f} s)')
    print(f'  ffmpeg libmp3lame encode : {t_enc:6.2f} s')
    print(f'  ffmpeg encode + decode   : {t_enc + t_dec:6.2f} s   decoded TP {tp:6.2f} dBTP (libebur128)')
    print(f'  ratio                    : lacquer round trip / ffmpeg encode = {c["seconds"] / t_enc:.2f}, '
          f'/ ffmpeg encode + decode = {c["seconds"] / (t_enc + t_dec):.2f}; '
          f'target: round trip <= 5 s ({"met" if c["seconds"] <= 5 else "missed"})')
