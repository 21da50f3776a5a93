#!/usr/bin/env python3
# `lacquer render --codec-check / --also` end to end, printing TAP. The lossy files are
# decoded again by ffmpeg (its own MP3, Vorbis and Opus decoders, not libsndfile's), and
# their true peak measured by libebur128 (r128-peer); alignment, correlation and the
# difference level are recomputed here from those decodes: the oracles, never our own
# earlier output. Signals come from sox.
from tap import SkipTest, case, check, run_cases
import json, math, os, re, shutil, struct, subprocess, sys, tempfile

lacquer, peer = sys.argv[1], sys.argv[2]

def run(*args):
    return subprocess.run([lacquer, *args], capture_output=True, text=True)

def sox(*args):
    # -R: repeatable noise, so a run that passes passes every time.
    subprocess.run(['sox', '-R', *args], check=True, stderr=subprocess.DEVNULL)

def r128_tp(path):
    out = subprocess.run([peer, path], check=True, capture_output=True, text=True).stdout
    return float(re.search(r'TP (\S+) dBTP', out).group(1))

def read_f32(path):
    """Interleaved float samples of a 32-bit float WAV (the masters and ffmpeg's decodes)."""
    data = open(path, 'rb').read()
    pos = 12
    while pos < len(data):
        cid, size = data[pos:pos + 4], struct.unpack('<I', data[pos + 4:pos + 8])[0]
        if cid == b'data':
            body = data[pos + 8:pos + 8 + size]
            return struct.unpack('<%df' % (len(body) // 4), body)
        pos += 8 + size + (size & 1)
    raise ValueError(path)

def ffmpeg_decode(path, rate):
    out = path + '.dec.wav'
    subprocess.run(['ffmpeg', '-v', 'error', '-y', '-i', path, '-ar', str(rate),
                    '-c:a', 'pcm_f32le', out], check=True)
    return out

def oracle_alignment(master, decoded, channels=2):
    """Lag by brute-force correlation of a 4096-frame window of the mid signal over
    +-1500 frames (LAME's delay is 1105 if a decoder ignores the gapless header), then the
    correlation and the difference level over the whole overlap at that lag."""
    a = [master[i] + master[i + 1] for i in range(0, len(master) - 1, channels)]
    b = [decoded[i] + decoded[i + 1] for i in range(0, len(decoded) - 1, channels)]
    start, w, span = len(a) // 2, 4096, 1500
    best, lag = -math.inf, 0
    win = a[start:start + w]
    for d in range(-span, span + 1):
        seg = b[start + d:start + d + w]
        if len(seg) < w:
            continue
        r = sum(x * y for x, y in zip(win, seg))
        if r > best:
            best, lag = r, d
    xx = yy = xy = dd = 0.0
    for i in range(len(master)):
        j = i + lag * channels
        y = decoded[j] if 0 <= j < len(decoded) else 0.0
        x = master[i]
        xx += x * x; yy += y * y; xy += x * y; dd += (y - x) * (y - x)
    return lag, xy / math.sqrt(xx * yy), 10 * math.log10(xx / dd)

oracles = {}
def oracle_for(master_path, lossy):
    """ffmpeg's decode of lossy, aligned to the master here (computed once per file)."""
    if lossy not in oracles:
        oracles[lossy] = oracle_alignment(read_f32(master_path),
                                          read_f32(ffmpeg_decode(lossy, 44100)))
    return oracles[lossy]

for tool in ('sox', 'ffmpeg', 'ffprobe'):
    if shutil.which(tool) is None:
        print(f'1..0 # SKIP {tool} not installed')
        sys.exit(0)

tmp = tempfile.mkdtemp()
def p(name):
    return os.path.join(tmp, name)

# Something like a song, faded in and out (an abrupt end makes every codec ring there):
# a bright chord with tremolo over breathing noise, 20 s at 44.1 kHz.
sox('-n', '-r', '44100', '-c', '2', p('chord.wav'), 'synth', '20', 'sawtooth', '110',
    'sawtooth', '165.5', 'sine', '440', 'tremolo', '3', '60', 'lowpass', '7000',
    'vol', '-18dB', 'fade', '0.05', '20', '0.5')
sox('-n', '-r', '44100', '-c', '2', p('noise.wav'), 'synth', '20', 'pinknoise',
    'tremolo', '2', '90', 'vol', '-26dB', 'fade', '0.05', '20', '0.5')
sox('-m', p('chord.wav'), p('noise.wav'), p('mix.wav'))

CODECS = ['mp3:128', 'vorbis:160', 'opus:128']
renders = {}

def render(ceiling, *extra):
    """A float master limited to ceiling (about 1.5 dB of limiting at -0.1) with the codec
    check of CODECS and their lossy files written beside it."""
    d = p(f'c{ceiling}')
    os.makedirs(d, exist_ok=True)
    r = run('render', p('mix.wav'), '-o', os.path.join(d, 'master.wav'), '--bits', '32f',
            '--target-lufs', '-7', '--ceiling-dbtp', str(ceiling), '--max-limiting', '30',
            '--codec-check', ','.join(CODECS), '--also', ','.join(CODECS),
            '--name-pattern', '{stem} {kbps}.{ext}', '--json', *extra)
    check(r.returncode == 0, r.stderr)
    return d, json.loads(r.stdout)

def get(ceiling):
    if ceiling not in renders:
        renders[ceiling] = render(ceiling)
    return renders[ceiling]

@case('alignment: correlation > 0.99 for every codec, confirmed on ffmpeg\'s decodes')
def _():
    d, rep = get(-3)
    for c, f in zip(rep['codec_check'], rep['deliverables']):
        name = f"{c['codec']}:{c['kbps']}"
        check(c['correlation'] > 0.99, f"{name}: correlation {c['correlation']}")
        lag, corr, diff = oracle_for(os.path.join(d, 'master.wav'), f['file'])
        print(f"# {name}: ours delay {c['delay_frames']} corr {c['correlation']:.5f} diff "
              f"{c['difference_db']:.2f} dB; ffmpeg decode lag {lag} corr {corr:.5f} "
              f"diff {diff:.2f} dB")
        check(corr > 0.99, f'{name}: ffmpeg decode correlates {corr} after lag {lag}')
        check(abs(corr - c['correlation']) < 0.003, f'{name}: correlation {corr} vs ours')

@case('difference signal 15-45 dB below the programme, by ours and on ffmpeg\'s decodes')
def _():
    d, rep = get(-3)
    for c, f in zip(rep['codec_check'], rep['deliverables']):
        name = f"{c['codec']}:{c['kbps']}"
        check(15 <= c['difference_db'] <= 45, f"{name}: difference {c['difference_db']} dB")
        _, _, diff = oracle_for(os.path.join(d, 'master.wav'), f['file'])
        check(15 <= diff <= 45, f'{name}: ffmpeg decode difference {diff} dB')
        check(abs(diff - c['difference_db']) < 1.5, f'{name}: difference {diff} vs ours')

@case('a master limited to -0.1 dBTP shows overs after MP3 128; libebur128 agrees')
def _():
    d, rep = get(-0.1)
    check(rep['true_peak_dbtp'] <= -0.1 + 1e-9, f"master TP {rep['true_peak_dbtp']}")
    c = rep['codec_check'][0]
    check(c['codec'] == 'mp3' and c['kbps'] == 128, c)
    check(c['overs_1dbtp'] > 0, f"no overs: {c}")
    check(len(c['overs_1dbtp_list']) == min(c['overs_1dbtp'], 100), c['overs_1dbtp_list'][:3])
    for o in c['overs_1dbtp_list']:
        # Printed to 0.01 dB: an over by less reads -1.00.
        check(0 <= o['time_s'] <= 20.6 and o['peak_db'] >= -1.0, o)
    check(c['decoded_true_peak_dbtp'] > -1.0, c['decoded_true_peak_dbtp'])
    check(c['misses_by_db'] is not None and c['misses_by_db'] > 0, c['misses_by_db'])
    check(c['codec_safe_ceiling_dbtp'] < -1.0, c['codec_safe_ceiling_dbtp'])
    # The same encode written by --also, decoded by ffmpeg and measured by libebur128.
    f = rep['deliverables'][0]
    tp = r128_tp(ffmpeg_decode(f['file'], 44100))
    print(f"# MP3 128 of a -0.1 dBTP master: ours {c['decoded_true_peak_dbtp']} dBTP, "
          f"{c['overs_1dbtp']} overs; ffmpeg+libebur128 {tp} dBTP; codec-safe ceiling "
          f"{c['codec_safe_ceiling_dbtp']} dBTP")
    check(tp > -1.0, f'libebur128 reads {tp} dBTP')
    check(abs(tp - f['decoded_true_peak_dbtp']) < 0.3, f"{tp} vs {f['decoded_true_peak_dbtp']}")

@case('a master limited to -3 dBTP shows no overs after MP3 128; libebur128 agrees')
def _():
    d, rep = get(-3)
    c = rep['codec_check'][0]
    check(c['overs_1dbtp'] == 0 and c['overs_0dbfs'] == 0, c)
    check(c['decoded_true_peak_dbtp'] <= -1.0, c['decoded_true_peak_dbtp'])
    check(c['misses_by_db'] is None, c['misses_by_db'])
    tp = r128_tp(ffmpeg_decode(rep['deliverables'][0]['file'], 44100))
    check(tp <= -1.0, f'libebur128 reads {tp} dBTP')

@case('the codec-safe ceiling keeps MP3 128 under -1 dBTP when rendered at it')
def _():
    _, rep = get(-0.1)
    safe = rep['codec_check'][0]['codec_safe_ceiling_dbtp']
    d = p('safe')
    os.makedirs(d, exist_ok=True)
    r = run('render', p('mix.wav'), '-o', os.path.join(d, 'safe.wav'), '--bits', '32f',
            '--target-lufs', '-7', '--ceiling-dbtp', f'{safe:.2f}', '--max-limiting', '30',
            '--codec-check', 'mp3:128', '--json')
    check(r.returncode == 0, r.stderr)
    c = json.loads(r.stdout)['codec_check'][0]
    print(f"# rendered at {safe:.2f} dBTP: MP3 128 decodes to {c['decoded_true_peak_dbtp']} dBTP")
    # An estimate: harder limiting changes the programme a little.
    check(c['decoded_true_peak_dbtp'] <= -1.0 + 0.2, c['decoded_true_peak_dbtp'])

@case('--also files exist, decode, carry the codec and bitrate, and nothing else is left')
def _():
    d, rep = get(-3)
    names = sorted(os.listdir(d))
    want = sorted(['master.wav', 'master 128.mp3', 'master 160.ogg', 'master 128.opus'])
    # ffmpeg's decodes from the cases above are ours to ignore.
    check(sorted(n for n in names if not n.endswith('.dec.wav')) == want, names)
    for f, (codec, kbps) in zip(rep['deliverables'], [('mp3', 128), ('vorbis', 160),
                                                       ('opus', 128)]):
        out = subprocess.run(['ffprobe', '-v', 'error', '-show_entries',
                              'stream=codec_name,bit_rate,sample_rate,channels:format=duration',
                              '-of', 'json', f['file']], capture_output=True, text=True)
        check(out.returncode == 0, out.stderr)
        info = json.loads(out.stdout)
        s = info['streams'][0]
        check(s['codec_name'] == codec and s['channels'] == 2, s)
        check(abs(float(info['format']['duration']) - 20.0) < 0.2, info['format'])
        if codec == 'mp3':
            check(int(s['bit_rate']) == kbps * 1000, s)
        if codec == 'opus':
            check(s['sample_rate'] == '48000', s)

@case('text report: decoded true peak, overs with times, codec-safe ceiling and the miss')
def _():
    r = run('render', p('mix.wav'), '-o', p('text.wav'), '--target-lufs', '-7',
            '--ceiling-dbtp', '-0.1', '--max-limiting', '30', '--codec-check', 'mp3:128')
    check(r.returncode == 0, r.stderr)
    for text in ('Codec check: MP3 128 kb/s', 'Decoded true peak', 'Overs above −1 dBTP',
                 'Codec-safe ceiling', 'misses −1 dBTP by'):
        check(text in r.stdout, f'{text!r} missing:\n{r.stdout}')
    check(re.search(r'Overs above −1 dBTP\s+\d+ at \d+:\d\d\.\d{3}', r.stdout), r.stdout)
    check(not [n for n in os.listdir(tmp) if n.startswith('text.') and n != 'text.wav'],
          os.listdir(tmp))

@case('a bad bitrate or codec: exit 2, a message naming it and the valid ones, no file')
def _():
    for spec, option, named in (('mp3:100', '--codec-check', 'mp3:100'),
                                ('opus:160,vorbis:128', '--also', 'vorbis:128'),
                                ('aac:256', '--also', 'aac:256'),
                                ('mp3', '--codec-check', 'mp3')):
        out = p('bad.wav')
        r = run('render', p('mix.wav'), '-o', out, option, spec)
        check(r.returncode == 2, f'{spec}: exit {r.returncode}: {r.stderr}')
        check(option in r.stderr and named in r.stderr and 'mp3:128' in r.stderr
              and 'opus:160' in r.stderr, r.stderr)
        check(not [n for n in os.listdir(tmp) if n.startswith('bad')], os.listdir(tmp))

@case('an --also file that exists stops the render before anything is written (exit 3)')
def _():
    d = p('exists')
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, 'm.mp3'), 'wb').write(b'keep')
    r = run('render', p('mix.wav'), '-o', os.path.join(d, 'm.wav'), '--also', 'mp3:320')
    check(r.returncode == 3, f'exit {r.returncode}: {r.stderr}')
    check('m.mp3' in r.stderr and '--force' in r.stderr, r.stderr)
    check(sorted(os.listdir(d)) == ['m.mp3'], os.listdir(d))
    check(open(os.path.join(d, 'm.mp3'), 'rb').read() == b'keep', 'replaced')
    r = run('render', p('mix.wav'), '-o', os.path.join(d, 'm.wav'), '--also', 'mp3:320',
            '--force')
    check(r.returncode == 0, r.stderr)
    check(sorted(os.listdir(d)) == ['m.mp3', 'm.wav'], os.listdir(d))

@case('a deliverable that cannot be written leaves no file at all, not even the master (exit 3)')
def _():
    # The second name is a folder: the first file is written, then removed again when the
    # second fails, and the master is never renamed into place: the export is whole or absent.
    d = p('partial')
    os.makedirs(os.path.join(d, 'm 160.opus'))
    r = run('render', p('mix.wav'), '-o', os.path.join(d, 'm.wav'), '--also',
            'mp3:320,opus:160', '--name-pattern', '{stem} {kbps}.{ext}', '--force')
    check(r.returncode == 3, f'exit {r.returncode}: {r.stderr}')
    check(sorted(os.listdir(d)) == ['m 160.opus'], os.listdir(d))
    check(os.listdir(os.path.join(d, 'm 160.opus')) == [], 'folder touched')

@case('SIGINT during the round trips: exit 130, no master, no lossy file, no temporary')
def _():
    import signal, time
    d = p('interrupted')
    os.makedirs(d, exist_ok=True)
    # The render itself takes a fraction of a second here; twelve round trips take seconds,
    # so two seconds in the codecs are running.
    proc = subprocess.Popen([lacquer, 'render', p('mix.wav'), '-o', os.path.join(d, 'm.wav'),
                             '--codec-check', 'mp3:128,mp3:192,mp3:320,vorbis:96,vorbis:160,'
                             'vorbis:320,opus:96,opus:128,opus:160',
                             '--also', 'mp3:320,vorbis:320,opus:160'],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)
    check(proc.poll() is None, 'finished before the signal')
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    check(proc.returncode == 130, f'exit {proc.returncode}: {err}')
    check(os.listdir(d) == [], os.listdir(d))

status = run_cases()
shutil.rmtree(tmp, ignore_errors=True)
sys.exit(status)
