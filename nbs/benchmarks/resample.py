"""Resamplers for `load_audio` on the rates a file may declare: quality, time and peak memory.

Usage (from the repository root): nice -n 10 env OMP_NUM_THREADS=1 .venv/bin/python nbs/benchmarks/resample.py [--out nbs/benchmarks/resample.json]

Candidates: torchaudio's sinc resampler on the exact rates (what `load_audio` used), the same on the rates reduced to
a nearby ratio with numerator and denominator <= 1000 (`Fraction.limit_denominator`), and soxr (libsoxr) at HQ and VHQ.
Each (input rate, method) runs in its own process, so its peak memory (ru_maxrss after the call minus before) is its own.
Quality: 10 s of 20 tones between 60 Hz and 7/8 of the narrower Nyquist band (7 kHz from 16 kHz up) at the input rate, resampled to 16 kHz and compared with the same
tones computed at 16 kHz (SNR over the middle, 0.2 s cut at each end); alias: a 12 kHz tone at -6 dBFS (inputs above
24 kHz), its level after resampling to 16 kHz, where it must vanish. The exact torchaudio resampler is not run where its
kernel alone would exceed 256 MB (its size is predicted from torchaudio's formula and recorded instead).
"""
import argparse, json, math, os, platform, subprocess, sys, time
from fractions import Fraction

RATES = [8000, 11025, 22050, 32000, 44100, 48000,            # common
         4001, 12345, 22051, 44101, 48001, 99991, 192000]    # odd: a prime, off-by-one, high
METHODS = ['torchaudio exact', 'torchaudio reduced', 'soxr HQ', 'soxr VHQ']
SR, SECONDS, KERNEL_LIMIT = 16000, 10.0, 256 * 2**20

def tones(sr, n, top, seed=0):
    "20 tones of random frequency in 60 Hz..`top` and random phase, `n` samples at `sr` (float32, built a second at a time)."
    import numpy as np
    rng = np.random.default_rng(seed)
    f, ph = rng.uniform(60, top, 20), rng.uniform(0, 2 * np.pi, 20)
    out = np.empty(n, np.float32)
    for a in range(0, n, sr):
        t = np.arange(a, min(n, a + sr)) / sr
        out[a:a + len(t)] = (0.04 * np.sin(2 * np.pi * f[:, None] * t + ph[:, None])).sum(0)
    return out

def torchaudio_kernel_bytes(orig, new, width=6, rolloff=0.99):
    "Bytes of the kernel torchaudio's sinc resampler builds: [new/g, 1, orig/g + 2*w] in float64 while it is built."
    g = math.gcd(orig, new); o, n = orig // g, new // g
    w = math.ceil(width * o / (min(o, n) * rolloff))
    return 8 * n * (o + 2 * w)

def run_one(rate, method):
    "In a child process: time, peak memory, SNR and alias level of one method at one input rate."
    import resource, numpy as np
    def rs(x):
        if method.startswith('soxr'):
            import soxr; return soxr.resample(x, rate, SR, quality=method.split()[1])
        import torch, torchaudio.functional as AF
        o, n = rate, SR
        if method == 'torchaudio reduced':
            f = Fraction(SR, rate).limit_denominator(1000); o, n = f.denominator, f.numerator
        return AF.resample(torch.from_numpy(x), o, n).numpy()
    n_in = int(SECONDS * rate)
    top = 0.875 * min(rate, SR) / 2                       # 7 kHz for every input at or above 16 kHz
    x = tones(rate, n_in, top).astype(np.float32)
    rs(x[:rate // 10])                                    # imports and first-call set-up outside the measurement
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter(); y = rs(x); dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    ref = tones(SR, len(y), top); cut = int(0.2 * SR)
    e = y[cut:-cut] - ref[cut:-cut]
    snr = 10 * np.log10((ref[cut:-cut] ** 2).sum() / max((e ** 2).sum(), 1e-30))
    out = dict(rate=rate, method=method, top_hz=top, seconds=dt, rtf=dt / SECONDS, peak_mb=peak / 1024, out_samples=len(y),
               expected_samples=math.ceil(n_in * SR / rate), snr_db=float(snr))
    if method == 'torchaudio reduced':
        f = Fraction(SR, rate).limit_denominator(1000)
        out['ratio'] = f'{f.numerator}/{f.denominator}'; out['ratio_error_ppm'] = float(1e6 * (f / Fraction(SR, rate) - 1))
    if rate > 2 * 12000:
        a = (0.5 * np.sin(2 * np.pi * 12000 * np.arange(n_in) / rate)).astype(np.float32)
        b = rs(a)[cut:-cut]
        out['alias_db'] = float(10 * np.log10(max((b ** 2).mean(), 1e-30) / 0.125))
    return out

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='nbs/benchmarks/resample.json')
    ap.add_argument('--child', nargs=2, metavar=('RATE', 'METHOD'), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child: print(json.dumps(run_one(int(a.child[0]), a.child[1]))); return 0
    rows = []
    for r in RATES:
        for m in METHODS:
            kb = torchaudio_kernel_bytes(r, SR)
            if m == 'torchaudio exact' and kb > KERNEL_LIMIT:
                row = dict(rate=r, method=m, skipped=f'kernel alone {kb / 2**30:.1f} GiB', kernel_bytes=kb)
            else:
                p = subprocess.run([sys.executable, __file__, '--child', str(r), m], capture_output=True, text=True)
                if p.returncode: raise SystemExit(f'resample.py: {r} Hz {m} failed: {p.stderr.strip()[-300:]}')
                row = json.loads(p.stdout)
                if m == 'torchaudio exact': row['kernel_bytes'] = kb
            rows.append(row)
            print(json.dumps(row), flush=True)
    import numpy, soxr, torch, torchaudio
    res = dict(command='nice -n 10 env OMP_NUM_THREADS=1 .venv/bin/python nbs/benchmarks/resample.py', audio_seconds=SECONDS,
               host=dict(platform=platform.platform(), cpu_count=os.cpu_count(), omp_threads=os.environ.get('OMP_NUM_THREADS')),
               versions=dict(numpy=numpy.__version__, soxr=soxr.__version__, torch=torch.__version__, torchaudio=torchaudio.__version__),
               rows=rows)
    with open(a.out, 'w') as f: f.write(json.dumps(res, indent=1) + '\n')
    print(f'wrote {a.out}')
    return 0

if __name__ == '__main__': sys.exit(main())
