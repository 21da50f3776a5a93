#!/usr/bin/env python3
# Benchmark (not a test): `lacquer render --target-lufs -14 --ceiling-dbtp -1` beside
# ffmpeg's loudnorm in two passes (measure, then apply with the measured values and
# linear=true, as its documentation describes), whole processes, in the same run, on two
# 5-minute 48 kHz stereo 24-bit programmes:
#   - realistic: drums with dense transients, bass and chords (make-programme), whose peaks
#     need 4-6 dB of limiting to reach -14 LUFS at -1 dBTP, as real masters do;
#   - smooth: pink noise with a slow tremolo (the 0.1 benchmark's programme).
# Prints time (lacquer's: the median of three renders), where each lands by libebur128, the
# limiting lacquer needed and the ratio; then render's and analyze's peak resident size
# (/usr/bin/time -v) for 5 and 60 minutes of the realistic programme (BENCH_LONG=0 skips the
# 60-minute file). Target: render 20x faster than loudnorm on the realistic programme;
# render's peak RSS flat with the file's length.
import json, os, re, shutil, subprocess, sys, tempfile, time

lacquer, peer, make_programme = sys.argv[1], sys.argv[2], sys.argv[3]
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

def peak_rss_mib(cmd):
    if not os.path.exists('/usr/bin/time'):
        return float('nan')
    r = subprocess.run(['/usr/bin/time', '-v'] + cmd, check=True, capture_output=True, text=True)
    return int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', r.stderr).group(1)) / 1024

def compare(tmp, name, mix, what):
    ours = os.path.join(tmp, name + '-lacquer.wav')
    theirs = os.path.join(tmp, name + '-loudnorm.wav')
    # The median of three: one render varies by a tenth on a shared machine, and costs a
    # tenth of one loudnorm pass. Each writes a new file, as loudnorm does: the one before is
    # removed first, untimed (replacing it would time its deletion too, 35 ms for these
    # 86 MB on a disk mounted with online discard).
    def render():
        if os.path.exists(ours):
            os.unlink(ours)
        return timed([lacquer, 'render', mix, '-o', ours, '--target-lufs', '-14',
                      '--ceiling-dbtp', '-1', '--max-limiting', '12', '--json'])
    runs = [render() for _ in range(3)]
    t_ours, r = sorted(runs, key=lambda x: x[0])[1]
    limiting = json.loads(r.stdout)['peak_limiting_db']
    t1, first = timed(['ffmpeg', '-hide_banner', '-nostats', '-i', mix, '-af',
                       'loudnorm=I=-14:TP=-1:LRA=11:print_format=json', '-f', 'null', '-'])
    m = json.loads(first.stderr[first.stderr.rindex('{'):])
    t2, _ = timed(['ffmpeg', '-hide_banner', '-nostats', '-y', '-i', mix, '-af',
                   'loudnorm=I=-14:TP=-1:LRA=11:measured_I={input_i}:measured_TP={input_tp}:'
                   'measured_LRA={input_lra}:measured_thresh={input_thresh}:offset={target_offset}:'
                   'linear=true'.format(**m), '-ar', '48000', '-c:a', 'pcm_s24le', theirs])
    i_o, tp_o = r128(ours)
    i_t, tp_t = r128(theirs)
    print(f'{name} programme: {what}')
    print(f'  lacquer render        : {t_ours:6.2f} s   I {i_o:7.2f} LUFS  TP {tp_o:6.2f} dBTP'
          f'   ({limiting:.1f} dB of peak limiting; median of 3, '
          f'{min(x[0] for x in runs):.2f}-{max(x[0] for x in runs):.2f} s)')
    print(f'  ffmpeg loudnorm 2-pass: {t1 + t2:6.2f} s   I {i_t:7.2f} LUFS  TP {tp_t:6.2f} dBTP'
          f'   (pass 1 {t1:.2f} s, pass 2 {t2:.2f} s)')
    print(f'  ratio                 : lacquer is {(t1 + t2) / t_ours:.1f}x faster (target >= 20x)')

with tempfile.TemporaryDirectory() as tmp:
    real = os.path.join(tmp, 'realistic.wav')
    smooth = os.path.join(tmp, 'smooth.wav')
    subprocess.run([make_programme, real, '300', '48000', '0.2'], check=True)
    subprocess.run(['sox', '-R', '-n', '-r', '48000', '-c', '2', '-b', '24', smooth,
                    'synth', '300', 'pinknoise', 'synth', '300', 'sine', 'amod', '0.3',
                    'vol', '-20', 'dB'], check=True, stderr=subprocess.DEVNULL)
    compare(tmp, 'realistic', real, '300 s, 48 kHz stereo, drums, bass and chords, '
            'about -21 LUFS with transients 17 dB over it')
    compare(tmp, 'smooth', smooth, '300 s, 48 kHz stereo, pink noise with tremolo at about -23 LUFS')

    print('peak resident size (realistic programme):')
    lengths = [5] if os.environ.get('BENCH_LONG', '1') == '0' else [5, 60]
    rss = {}
    for minutes in lengths:
        mix = os.path.join(tmp, f'{minutes}min.wav')
        if minutes == 5:
            mix = real
        else:
            subprocess.run([make_programme, mix, str(60 * minutes), '48000', '0.2'], check=True)
        out = os.path.join(tmp, f'{minutes}min-master.wav')
        rss[minutes] = (peak_rss_mib([lacquer, 'render', mix, '-o', out, '--target-lufs', '-14',
                                      '--ceiling-dbtp', '-1', '--max-limiting', '12', '--force']),
                        peak_rss_mib([lacquer, 'analyze', mix]))
        print(f'  {minutes:2d} min: render {rss[minutes][0]:7.0f} MiB, analyze {rss[minutes][1]:5.0f} MiB')
        if minutes != 5:
            os.unlink(mix)
            os.unlink(out)
    if 60 in rss:
        print(f'  render 60 min / 5 min: {rss[60][0] / rss[5][0]:.2f}x '
              f'(target <= 1.5x and <= 256 MiB); analyze 60 min <= 64 MiB')
