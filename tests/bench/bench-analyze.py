#!/usr/bin/env python3
# Benchmark (not a test): `lacquer analyze` against libebur128 computing I + LRA + true peak
# + sample peak, both as whole processes on the same 5-minute 48 kHz stereo 24-bit file,
# in the same run. Prints the medians and the ratio. Target: lacquer >= 19x faster while
# it also gives max M/S at 10 ms steps and the exact true peak beside the 4x reading (the
# window's history, pyramid and spectrum are not made: the CLI prints none of them).
# Also lacquer analyze held to one core (taskset), what its threads gain.
# Then `lacquer check` on the same file against `lacquer analyze`: the check runs in the same
# single pass, and may add at most 30 % to it.
import json, os, resource, shutil, statistics, subprocess, sys, tempfile, time

lacquer, peer = sys.argv[1], sys.argv[2]
make_programme = sys.argv[3] if len(sys.argv) > 3 else None
runs = int(os.environ.get('BENCH_RUNS', '9'))

def make_signal(path):
    # A programme from sox with some life: pink noise and a bass tone under a 20 s swell
    # (LRA about 9 LU), so every measurement has work to do.
    if shutil.which('sox') is None:
        sys.exit(77)
    subprocess.run(['sox', '-R', '-n', '-r', '48000', '-c', '2', '-b', '24', path,
                    'synth', '300', 'pinknoise', 'synth', '300', 'sine', 'mix', '110',
                    'tremolo', '0.05', '70', 'vol', '-12', 'dB'], check=True, stderr=subprocess.DEVNULL)

def median_time(cmd, n=None):
    """Median and minimum wall time, and median CPU time (user + system, all threads): the
    CPU figure is steadier on a busy machine, the wall figure is what a user waits."""
    times, cpu = [], []
    for _ in range(n or runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    return statistics.median(times), min(times), statistics.median(cpu)

def bench(wav, what):
    ours = json.loads(subprocess.run([lacquer, 'analyze', '--json', wav], check=True,
                                     capture_output=True, text=True).stdout)
    theirs = subprocess.run([peer, wav], check=True, capture_output=True, text=True).stdout
    # warm the page cache for both
    median_time([lacquer, 'analyze', wav]); median_time([peer, wav])
    l_med, l_min, l_cpu = median_time([lacquer, 'analyze', wav])
    p_med, p_min, p_cpu = median_time([peer, wav])
    taskset = shutil.which('taskset')
    if taskset:
        cpu0 = str(min(os.sched_getaffinity(0)))
        o_med, o_min, o_cpu = median_time([taskset, '-c', cpu0, lacquer, 'analyze', wav])
    # analyze and check taken in turns, so that the other jobs on a shared machine weigh on
    # both alike.
    a_runs, c_runs = [], []
    for _ in range(runs):
        a_runs.append(median_time([lacquer, 'analyze', wav], 1))
        c_runs.append(median_time([lacquer, 'check', wav], 1))
    a_med, c_med = (statistics.median(r[0] for r in x) for x in (a_runs, c_runs))
    a_cpu, c_cpu = (statistics.median(r[2] for r in x) for x in (a_runs, c_runs))
    print(f"signal: {what}, 300 s, 48 kHz, stereo, 24-bit WAV ({os.path.getsize(wav) / 1e6:.0f} MB)")
    print(f"  lacquer analyze : I {ours['integrated_lufs']} LUFS, LRA {ours['loudness_range_lu']} LU, "
          f"TP {ours['true_peak_dbtp']} dBTP (BS.1770 4x {ours['true_peak_dbtp_bs1770']})")
    print(f"  libebur128 peer : {theirs.strip().split(': ', 1)[1]}")
    print(f"  lacquer analyze : median {l_med * 1000:7.1f} ms wall (min {l_min * 1000:.1f}), "
          f"{l_cpu * 1000:7.1f} ms CPU, {runs} runs")
    print(f"  libebur128 peer : median {p_med * 1000:7.1f} ms wall (min {p_min * 1000:.1f}), "
          f"{p_cpu * 1000:7.1f} ms CPU, {runs} runs")
    print(f"  ratio           : lacquer is {p_med / l_med:.1f}x faster in wall time (target >= 19x), "
          f"{p_cpu / l_cpu:.1f}x less CPU")
    if taskset:
        print(f"  one core        : median {o_med * 1000:7.1f} ms wall (min {o_min * 1000:.1f}), "
              f"{o_cpu * 1000:7.1f} ms CPU; {p_med / o_med:.1f}x libebur128's wall time")
    print(f"  lacquer analyze : median {a_med * 1000:7.1f} ms wall, {a_cpu * 1000:7.1f} ms CPU "
          f"(in turns with check)")
    print(f"  lacquer check   : median {c_med * 1000:7.1f} ms wall, {c_cpu * 1000:7.1f} ms CPU, "
          f"{runs} runs")
    print(f"  check / analyze : {c_med / a_med:.2f} wall, {c_cpu / a_cpu:.2f} CPU "
          f"(target <= 1.30)")

with tempfile.TemporaryDirectory() as tmp:
    wav = os.path.join(tmp, 'five-minutes.wav')
    make_signal(wav)
    bench(wav, 'pink noise and a bass tone under a 20 s swell')
    if make_programme:
        real = os.path.join(tmp, 'realistic.wav')
        subprocess.run([make_programme, real, '300', '48000', '0.2'], check=True)
        bench(real, 'realistic programme (drums, bass, chords)')
