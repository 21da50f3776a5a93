#!/usr/bin/env python3
# What `lacquer render` (and every --json) does when things go wrong: interrupted by a
# signal, out of memory, a German locale, very loud or silent or too short mixes, a chain
# that would clip, a dangling symlink at OUT, an empty -o. Prints TAP. Loudness is checked
# against BS.1770's definition (a 997 Hz sine of amplitude A on both channels reads
# 20 log10 A LUFS), never against our own earlier output.
from tap import SkipTest, case, check, run_cases
import json, math, os, resource, shutil, signal, struct, subprocess, sys, tempfile, time

lacquer = sys.argv[1]
fail_pread = sys.argv[2] if len(sys.argv) > 2 else None
fail_dlopen = sys.argv[3] if len(sys.argv) > 3 else None

def run(*args, env=None, preexec_fn=None):
    return subprocess.run([lacquer, *args], capture_output=True, text=True, env=env,
                          preexec_fn=preexec_fn)

def sox(*args):
    subprocess.run(['sox', '-R', *args], check=True, stderr=subprocess.DEVNULL)

tmp = tempfile.mkdtemp()
def p(name):
    return os.path.join(tmp, name)

def leftovers(name):
    """The output and any temporary file of it."""
    return [f for f in os.listdir(tmp) if f == name or f.startswith('.' + name + '.')]

def write_float_wav(path, rate, channels, samples):
    data = struct.pack('<%df' % len(samples), *samples)
    fmt = struct.pack('<HHIIHH', 3, channels, rate, rate * channels * 4, channels * 4, 32)
    with open(path, 'wb') as f:
        f.write(b'RIFF' + struct.pack('<I', 4 + 8 + len(fmt) + 8 + len(data)) + b'WAVE')
        f.write(b'fmt ' + struct.pack('<I', len(fmt)) + fmt)
        f.write(b'data' + struct.pack('<I', len(data)) + data)

def sine_wav(path, lufs, seconds=10.0, rate=48000, freq=997.0):
    amp = 10 ** (lufs / 20)
    frames = int(seconds * rate)
    samples = []
    for i in range(frames):
        v = amp * math.sin(2 * math.pi * freq * i / rate)
        samples += (v, v)
    write_float_wav(path, rate, 2, samples)

def default_signals():
    # A test runner may start us with signals ignored, which exec keeps.
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)

if shutil.which('sox') is None:
    print('1..0 # SKIP sox not installed')
    sys.exit(0)

# Five minutes of CD audio: long enough for a signal to land mid-render.
sox('-n', '-r', '44100', '-c', '2', '-b', '16', p('long.flac'), 'synth', '300', 'pinknoise',
    'vol', '-20', 'dB')
sox('-n', '-r', '48000', '-c', '2', '-b', '24', p('music.wav'), 'synth', '8', 'pinknoise',
    'synth', '8', 'sine', 'amod', '0.5', 'vol', '-14', 'dB')

def interrupted(signum, status):
    out = 'interrupted.wav'
    proc = subprocess.Popen([lacquer, 'render', p('long.flac'), '-o', p(out),
                             '--target-lufs', '-14'], stderr=subprocess.PIPE, text=True,
                            preexec_fn=default_signals)
    deadline = time.monotonic() + 30
    while not leftovers(out) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    check(proc.poll() is None, 'the render ended before its temporary file was seen')
    time.sleep(0.2)            # well into the work
    proc.send_signal(signum)
    err = proc.communicate(timeout=60)[1]
    check(proc.returncode == status, f'status {proc.returncode}, expected {status}: {err}')
    check('Interrupted' in err and out in err, err)
    check(leftovers(out) == [], f'left behind: {leftovers(out)}')

@case('SIGINT during a render: exit 130, message, no temporary file left')
def _():
    interrupted(signal.SIGINT, 130)

@case('SIGTERM during a render: exit 143, no temporary file left')
def _():
    interrupted(signal.SIGTERM, 143)

@case('SIGHUP during a render: exit 129, no temporary file left')
def _():
    interrupted(signal.SIGHUP, 129)

@case('out of memory: a clear error (exit 2) naming the length, never an abort or a file')
def _():
    # An hour of 8 kHz mono needs about 350 MB to render (mix, master and the limiter's
    # envelope). Under address-space limits around that, each allocation in turn fails.
    # AddressSanitizer reserves terabytes of shadow memory up front, so a sanitized build
    # cannot start under such a limit at all.
    if 'ASAN_OPTIONS' in os.environ:
        raise SkipTest('an address-space limit cannot be tested under AddressSanitizer')
    sox('-n', '-r', '8000', '-c', '1', '-b', '16', p('hour.flac'), 'synth', '3600', 'sine',
        '1000', 'vol', '-20', 'dB')
    refused = 0
    for mb in (200, 300, 400, 500):
        def limit(mb=mb):
            resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))
        r = run('render', p('hour.flac'), '-o', p('oom.wav'), '--target-lufs', '-14',
                preexec_fn=limit)
        check(r.returncode in (0, 2), f'{mb} MB: status {r.returncode}: {r.stderr[-300:]}')
        if r.returncode == 2:
            refused += 1
            check('Not enough memory to render 60.0 minutes' in r.stderr, r.stderr)
            check('hour.flac' in r.stderr, r.stderr)
            check(leftovers('oom.wav') == [], f'{mb} MB: left behind {leftovers("oom.wav")}')
        else:
            os.unlink(p('oom.wav'))
    check(refused > 0, 'no limit was low enough to fail')

def german():
    locales = subprocess.run(['locale', '-a'], capture_output=True, text=True).stdout.lower()
    for name in ('de_DE.UTF-8', 'de_DE.utf8'):
        if name.lower() in locales:
            return dict(os.environ, LC_ALL=name, LANG=name)
    return None

@case('--json of render, presets and analyze is valid JSON under a German locale')
def _():
    env = german()
    if env is None:
        raise SkipTest('no de_DE locale installed')
    r = run('render', p('music.wav'), '-o', p('de.wav'), '--target-lufs', '-14.5', '--json',
            env=env)
    check(r.returncode == 0, r.stderr)
    report = json.loads(r.stdout)
    check(abs(report['integrated_lufs'] + 14.5) < 0.1, report)
    check(isinstance(report['gain_db'], float) and isinstance(report['seconds'], float), report)
    presets = json.loads(run('presets', '--json', env=env).stdout)
    check(any(x['target_lufs'] == -14.0 for x in presets), presets)
    check(any(x['ceiling_dbtp'] == -0.3 for x in presets), presets)
    a = json.loads(run('analyze', '--json', p('de.wav'), env=env).stdout)
    check(abs(a['integrated_lufs'] + 14.5) < 0.1, a)

@case('render --json of silence gives null, never -inf')
def _():
    sox('-n', '-r', '48000', '-c', '2', '-b', '24', p('silence.wav'), 'trim', '0', '2')
    # 32-bit float: no dither noise, so the master is silence too.
    r = run('render', p('silence.wav'), '-o', p('silent-out.wav'), '--bits', '32f', '--json')
    check(r.returncode == 0, r.stderr)
    # Without the paths: the folder's random name can hold "inf" too.
    check('inf' not in r.stdout.replace(json.dumps(tmp)[1:-1], ''), r.stdout)
    report = json.loads(r.stdout)
    for key in ('integrated_lufs', 'true_peak_dbtp', 'sample_peak_dbfs', 'plr_db'):
        check(report[key] is None, f'{key}: {report[key]}')

@case('very loud float files: +20, +40, +60, +120 LUFS read as BS.1770 defines them')
def _():
    for lufs in (20.0, 40.0, 60.0, 120.0):
        path = p(f'loud{lufs:.0f}.wav')
        sine_wav(path, lufs)
        r = run('analyze', '--json', path)
        check(r.returncode == 0, r.stderr)
        i = json.loads(r.stdout)['integrated_lufs']
        check(i is not None and abs(i - lufs) <= 0.05, f'{lufs} LUFS read as {i}')

@case('a target on a +45 LUFS float mix is reached, not called silent')
def _():
    sine_wav(p('loud45.wav'), 45.0, seconds=5.0)
    r = run('render', p('loud45.wav'), '-o', p('tamed.wav'), '--target-lufs', '-16', '--json')
    check(r.returncode == 0, r.stderr)
    check(abs(json.loads(r.stdout)['integrated_lufs'] + 16.0) <= 0.1, r.stdout)

@case('"silent": too short, silenced by the chain and truly silent each say so (exit 2)')
def _():
    sox('-n', '-r', '48000', '-c', '2', '-b', '24', p('short.wav'), 'synth', '0.3', 'sine',
        '1000', 'vol', '-6', 'dB')
    r = run('render', p('short.wav'), '-o', p('short-out.wav'), '--target-lufs', '-14')
    check(r.returncode == 2 and '0.30 s' in r.stderr and '0.4 s' in r.stderr, r.stderr)
    check('silent' not in r.stderr, r.stderr)
    check(leftovers('short-out.wav') == [], leftovers('short-out.wav'))

    # A 100 Hz tone under a steep high-pass at 20 kHz: nothing comes out of the EQ.
    sox('-n', '-r', '48000', '-c', '2', '-b', '24', p('low.wav'), 'synth', '3', 'sine', '100',
        'vol', '-6', 'dB')
    open(p('mute.json'), 'w').write('''{"lacquer_chain": 1, "input_gain_db": -48,
      "eq": {"bypass": false, "bands": [
        {"type": "high_pass", "freq": 20000, "gain_db": 0, "q": 0.707, "slope_db": 24, "bypass": false},
        {"type": "high_pass", "freq": 20000, "gain_db": 0, "q": 0.707, "slope_db": 24, "bypass": false}]}}''')
    r = run('render', p('low.wav'), '-o', p('muted.wav'), '--chain', p('mute.json'),
            '--target-lufs', '-14')
    check(r.returncode == 2 and 'chain silences' in r.stderr and 'low.wav' in r.stderr, r.stderr)
    check(leftovers('muted.wav') == [], leftovers('muted.wav'))

    r = run('render', p('silence.wav'), '-o', p('nothing.wav'), '--target-lufs', '-14')
    check(r.returncode == 2 and 'is silent' in r.stderr, r.stderr)
    check('chain' not in r.stderr and '0.4 s' not in r.stderr, r.stderr)

@case('-o "" is a usage error (exit 1) before the mix is even opened')
def _():
    before = sorted(os.listdir(tmp))
    r = run('render', p('missing.wav'), '-o', '')
    check(r.returncode == 1 and 'empty' in r.stderr, f'{r.returncode}: {r.stderr}')
    r = run('render', p('music.wav'), '-o', '')
    check(r.returncode == 1, f'{r.returncode}: {r.stderr}')
    check(sorted(os.listdir(tmp)) == before, 'something was written')

@case('a dangling symlink at OUT is kept without --force (exit 3), replaced with it')
def _():
    link = p('link.wav')
    os.symlink('nowhere.wav', link)
    r = run('render', p('music.wav'), '-o', link)
    check(r.returncode == 3 and 'link.wav' in r.stderr and 'symbolic link' in r.stderr,
          f'{r.returncode}: {r.stderr}')
    check(os.path.islink(link) and os.readlink(link) == 'nowhere.wav', 'the link was touched')
    check(not os.path.exists(p('nowhere.wav')), 'the link target was created')
    r = run('render', p('music.wav'), '-o', link, '--force')
    check(r.returncode == 0, r.stderr)
    check(not os.path.islink(link) and open(link, 'rb').read(4) == b'RIFF', 'not replaced')
    check(not os.path.exists(p('nowhere.wav')), 'wrote through the link')

@case('no limiter + a target to an integer format: refused with the clipped count (exit 2)')
def _():
    open(p('nolim.json'), 'w').write('{"lacquer_chain": 1, "limiter": {"bypass": true, '
                                     '"ceiling_dbtp": -1, "lookahead_ms": 1.5, "release_ms": 60}}')
    for bits in ('16', '24'):
        out = f'clip{bits}.wav'
        r = run('render', p('music.wav'), '-o', p(out), '--chain', p('nolim.json'),
                '--target-lufs', '-6', '--bits', bits)
        check(r.returncode == 2 and 'would clip' in r.stderr and f'{bits}-bit' in r.stderr,
              f'{r.returncode}: {r.stderr}')
        check(any(w.isdigit() and int(w) > 0 for w in r.stderr.split()), r.stderr)
        check(leftovers(out) == [], leftovers(out))
    # 32-bit float holds the overs: written, and they are there.
    r = run('render', p('music.wav'), '-o', p('over.wav'), '--chain', p('nolim.json'),
            '--target-lufs', '-6', '--bits', '32f', '--json')
    check(r.returncode == 0, r.stderr)
    check(json.loads(r.stdout)['sample_peak_dbfs'] > 0.0, r.stdout)
    # The same target with the limiter (the default chain) is fine in 16 bits.
    r = run('render', p('music.wav'), '-o', p('limited.wav'), '--target-lufs', '-6',
            '--bits', '16', '--max-limiting', '60')
    check(r.returncode == 0, r.stderr)

def peak_rss_mib(args, env=None, preexec_fn=None):
    """Runs lacquer; returns (status, stderr, its peak resident size in MiB)."""
    proc = subprocess.Popen([lacquer, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, env=env, preexec_fn=preexec_fn)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err, usage.ru_maxrss / 1024

@case('render streams: an hour of audio does not make it hold the whole file')
def _():
    # An hour of 8 kHz mono: 28.8 million frames, 115 MB per whole-file float array; holding
    # the mix, the master and the limiter's envelope takes 345 MB or more. The arrays live
    # in temporary files and are touched a window at a time, so the peak is a few tens of
    # MiB whatever the length (the process starts from this script's fork, which the peak
    # includes, hence the margin).
    if 'ASAN_OPTIONS' in os.environ:
        raise SkipTest("AddressSanitizer's shadow memory dwarfs the render's own")
    if not os.path.exists(p('hour.flac')):
        sox('-n', '-r', '8000', '-c', '1', '-b', '16', p('hour.flac'), 'synth', '3600',
            'sine', '1000', 'vol', '-20', 'dB')
    status, err, mib = peak_rss_mib(['render', p('hour.flac'), '-o', p('hour-master.wav'),
                                     '--target-lufs', '-14', '--ceiling-dbtp', '-1',
                                     '--force'])
    check(status == 0, err)
    check(mib < 128, f'peak resident size {mib:.0f} MiB for an hour: the whole file is held')
    check(os.path.getsize(p('hour-master.wav')) > 3600 * 8000 * 3, 'the master is not whole')
    os.unlink(p('hour-master.wav'))

@case('a full temporary folder: exit 3 naming it, nothing left there or beside OUT')
def _():
    # Two minutes at 48 kHz do not fit in memory-sized arrays, so the render needs working
    # files; a file-size limit makes reserving them fail with EFBIG, as ENOSPC would.
    scratch = p('scratch')
    os.mkdir(scratch)
    sox('-n', '-r', '48000', '-c', '2', '-b', '16', p('two.wav'), 'synth', '120',
        'pinknoise', 'vol', '-20', 'dB')
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4 << 20, 4 << 20))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    r = run('render', p('two.wav'), '-o', p('scratchfull.wav'), '--target-lufs', '-14',
            env=dict(os.environ, TMPDIR=scratch), preexec_fn=limit)
    check(r.returncode == 3, f'status {r.returncode}: {r.stderr}')
    check('temporary folder' in r.stderr and scratch in r.stderr and 'two.wav' in r.stderr,
          r.stderr)
    check(leftovers('scratchfull.wav') == [], f'left behind: {leftovers("scratchfull.wav")}')
    check(os.listdir(scratch) == [], f'left in the temporary folder: {os.listdir(scratch)}')

@case('a working file that cannot be read back: exit 3 naming the folder, nothing left')
def _():
    # Every pread fails with EIO (fail-pread.c), as on a damaged disk: through a mapping the
    # render would have died of SIGBUS.
    if fail_pread is None:
        raise SkipTest('fail-pread not given')
    scratch = p('scratch-eio')
    os.mkdir(scratch)
    env = dict(os.environ, TMPDIR=scratch, LD_PRELOAD=fail_pread,
               ASAN_OPTIONS=os.environ.get('ASAN_OPTIONS', '') + ':verify_asan_link_order=0')
    r = run('render', p('two.wav'), '-o', p('eio.wav'), '--target-lufs', '-14', env=env)
    check(r.returncode == 3, f'status {r.returncode}: {r.stderr}')
    check('working file' in r.stderr and scratch in r.stderr and 'two.wav' in r.stderr
          and os.strerror(5) in r.stderr, r.stderr)
    check(leftovers('eio.wav') == [], f'left behind: {leftovers("eio.wav")}')
    check(os.listdir(scratch) == [], f'left in the temporary folder: {os.listdir(scratch)}')

def without(library):
    """The environment in which dlopen of library fails as if it were not installed
    (fail-dlopen.c)."""
    if fail_dlopen is None:
        raise SkipTest('fail-dlopen not given')
    return dict(os.environ, LD_PRELOAD=fail_dlopen, LQ_TEST_FAIL_DLOPEN=library,
                ASAN_OPTIONS=os.environ.get('ASAN_OPTIONS', '') + ':verify_asan_link_order=0')

@case('no tag writer module: a render with tags exits 3 saying so, nothing left; one without tags works')
def _():
    env = without('lacquer-taglib')
    r = run('render', p('two.wav'), '-o', p('notags.flac'), '--target-lufs', '-14',
            '--title', 'Untitled', env=env)
    check(r.returncode == 3, f'status {r.returncode}: {r.stderr}')
    check('tag writer' in r.stderr and 'No such file' in r.stderr, r.stderr)
    check(leftovers('notags.flac') == [], f'left behind: {leftovers("notags.flac")}')
    r = run('render', p('two.wav'), '-o', p('plain.flac'), '--target-lufs', '-14', env=env)
    check(r.returncode == 0 and os.path.getsize(p('plain.flac')) > 0,
          f'status {r.returncode}: {r.stderr}')

@case('no PortAudio library: lacquer play exits 2, the audio system could not start')
def _():
    r = run('play', p('two.wav'), env=without('libportaudio'))
    check(r.returncode == 2, f'status {r.returncode}: {r.stderr}')
    check('audio system could not start' in r.stderr and 'No such file' in r.stderr, r.stderr)

@case('a missing temporary folder: exit 3 naming it, no output')
def _():
    missing = p('no-such-folder')
    r = run('render', p('two.wav'), '-o', p('notmp.wav'), '--target-lufs', '-14',
            env=dict(os.environ, TMPDIR=missing))
    check(r.returncode == 3 and missing in r.stderr, f'status {r.returncode}: {r.stderr}')
    check(leftovers('notmp.wav') == [], f'left behind: {leftovers("notmp.wav")}')

status = run_cases()
shutil.rmtree(tmp, ignore_errors=True)
sys.exit(status)
