"""Every `telucodec` command against a list of bad inputs: the exit code and the message of each, as JSON.

Usage (from the repository root): nice -n 10 env OMP_NUM_THREADS=1 .venv/bin/python nbs/benchmarks/cli_errors.py [--out nbs/benchmarks/cli_errors.json]

Inputs: odd sample rates, bit depths and channel counts, an empty file, NaN samples, text, a folder, the input as the
output (and a hard link to it), an existing output, a read-only folder, and a full disk. Models are tiny random ones
written with `save_pretrained` into a temporary folder. Commands run in this process through `telucodec.cli.main`
(stdout and stderr captured), except where a real process is needed: a full disk (a child whose file size limit,
RLIMIT_FSIZE, makes every write past 64 KiB fail as a full disk would) and non-UTF-8 file names (a child given the
raw bytes). A read-only folder is a read-only tmpfs when this runs as root (root ignores permission bits) and a
0555 folder otherwise. `serve` is not covered here.
"""
import argparse, contextlib, io, json, os, platform, shutil, subprocess, sys, tempfile, time, warnings
from pathlib import Path

def _run_inproc(argv):
    from telucodec.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try: rc = main(list(argv))
        except SystemExit as e: rc = e.code if isinstance(e.code, int) else 1
        except BaseException as e: rc, _ = 'crash', print(f"Traceback: {type(e).__name__}: {e}", file=sys.stderr)
    return rc, out.getvalue(), err.getvalue()

_CHILD = ("import resource, signal, sys\n"
          "if sys.argv[1] != '0':\n"
          "    signal.signal(signal.SIGXFSZ, signal.SIG_IGN); resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]),) * 2)\n"
          "from telucodec.cli import main\nsys.exit(main(sys.argv[2:]))")

def _run_child(argv, fsize=0):
    p = subprocess.run([sys.executable, '-c', _CHILD, str(fsize), *argv], capture_output=True)
    return p.returncode, p.stdout.decode(errors='backslashreplace'), p.stderr.decode(errors='backslashreplace')

def _message(rc, out, err):
    "What the user reads: the error line; on success the line that matters (eval: the codec's row, or the clips left out)."
    lines = [l for l in err.splitlines() if l.strip() and 'warning:' not in l]
    if rc != 0: return lines[-1] if lines else (out.strip().splitlines() or [''])[-1]
    o = [l for l in out.splitlines() if l.strip()]
    for pick in (lambda l: 'left out of every' in l, lambda l: l.startswith('| telucodec')):
        hit = [l for l in o if pick(l)]
        if hit: return hit[0]
    return o[-1] if o else (lines[-1] if lines else '')

def _one_error_line(err):
    "The error is one line, the last one, with no traceback (progress lines before it are allowed)."
    lines = [l for l in err.splitlines() if l.strip()]
    return bool(lines) and 'Traceback' not in err and sum('error' in l for l in lines) == 1 and 'error' in lines[-1]

def build(d:Path):
    "Fixtures in `d`; returns the cases: (command, case, argv, how, expected exit codes, files that must be unchanged)."
    import numpy as np, soundfile as sf, torch
    from telucodec.codec import TeluCodec, CodecConfig
    sr = 16000
    x = (0.3 * np.sin(2 * np.pi * 150 * np.arange(2 * sr) / sr) * (1 + 0.5 * np.sin(np.arange(2 * sr) / 900))).astype(np.float32)
    def wav(name, data, rate=sr, subtype='PCM_16'): sf.write(d / name, data, rate, subtype=subtype); return d / name
    good = wav('good.wav', x)
    wav('rate44101.wav', x[:8000], 44101); wav('rate1.wav', x[:4000], 1); wav('rate8000.wav', x[:16000], 8000)
    wav('rate192000.wav', np.tile(x, 6)[:192000], 192000)
    wav('u8.wav', x, subtype='PCM_U8'); wav('pcm24.wav', x, subtype='PCM_24'); wav('float64.wav', x, subtype='DOUBLE')
    wav('six_channels.wav', np.stack([x] * 6, 1)); wav('short.wav', x[:3200])
    wav('nan.wav', np.where(np.arange(2 * sr) % 50 == 0, np.nan, x).astype(np.float32), subtype='FLOAT')
    (d / 'empty.wav').write_bytes(b''); (d / 'text.wav').write_text('this is not audio\n' * 50)
    (d / 'folder.wav').mkdir()
    torch.manual_seed(0); TeluCodec(CodecConfig.preset('tiny')).save_pretrained(d / 'model')
    torch.manual_seed(1); TeluCodec(CodecConfig.preset('tiny')).save_pretrained(d / 'model2')
    M = ['--checkpoint', str(d / 'model')]
    assert _run_inproc(['encode', str(good), str(d / 'good.tlc'), *M])[0] == 0
    assert _run_inproc(['decode', str(d / 'good.tlc'), str(d / 'exists.wav'), *M])[0] == 0
    shutil.copy(d / 'good.tlc', d / 'exists.tlc'); os.link(good, d / 'hardlink.tlc'); os.link(d / 'good.tlc', d / 'hardlink.wav')
    (d / 'text.tlc').write_text('not a bitstream'); (d / 'empty.tlc').write_bytes(b''); (d / 'folder.tlc').mkdir()
    ro = d / 'readonly'; ro.mkdir()
    if os.geteuid() == 0 and subprocess.run(['mount', '-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', str(ro)], capture_output=True).returncode == 0:
        ro_how = 'read-only tmpfs'
    else: os.chmod(ro, 0o555); ro_how = 'mode 0555'
    for name, files in [('corpus_good', ['good.wav', 'rate44101.wav', 'six_channels.wav', 'u8.wav']),
                        ('corpus_bad', ['empty.wav', 'nan.wav', 'text.wav', 'rate1.wav'])]:
        (d / name).mkdir()
        for f in files: shutil.copy(d / f, d / name / f)
    raw = os.fsencode(d) + b'/caf\xe9-\xff'
    shutil.copy(good, raw + b'.wav')
    enc = lambda src, out, *a: ['encode', str(src), str(out), *M, *a]
    dec = lambda src, out, *a: ['decode', str(src), str(out), *M, *a]
    ev = lambda ref, *a: ['eval', '--ref', str(ref), *M, '--n-q', '8', '--baselines', '', *a]
    prep = lambda src, out, *a: ['prepare', str(src), '--out', str(out), '--no-progress', '--workers', '1', *a]
    tr = lambda data, run, *a: ['train', '--config', 'tiny', '--data', str(data), '--run-dir', str(run), '--steps', '1',
                                '--val-every', '100', '--log-every', '100', '--batch-size', '2', *a]
    B = lambda *p: [d / q for q in p]
    cases = [
        ('encode', 'a 16 kHz WAV (control)', enc(good, d / 'e0.tlc'), 'in', [0], []),
        ('encode', 'declared rate 44101 Hz', enc(d / 'rate44101.wav', d / 'e1.tlc'), 'in', [0], []),
        ('encode', 'declared rate 192000 Hz', enc(d / 'rate192000.wav', d / 'e1b.tlc'), 'in', [0], []),
        ('encode', 'declared rate 1 Hz', enc(d / 'rate1.wav', d / 'e2.tlc'), 'in', [2], []),
        ('encode', '8-bit unsigned PCM', enc(d / 'u8.wav', d / 'e3.tlc'), 'in', [0], []),
        ('encode', '24-bit PCM', enc(d / 'pcm24.wav', d / 'e4.tlc'), 'in', [0], []),
        ('encode', '64-bit float', enc(d / 'float64.wav', d / 'e5.tlc'), 'in', [0], []),
        ('encode', '6 channels', enc(d / 'six_channels.wav', d / 'e6.tlc'), 'in', [0], []),
        ('encode', 'empty file (0 bytes)', enc(d / 'empty.wav', d / 'e7.tlc'), 'in', [2], []),
        ('encode', 'NaN samples', enc(d / 'nan.wav', d / 'e8.tlc'), 'in', [2], []),
        ('encode', 'text named .wav', enc(d / 'text.wav', d / 'e9.tlc'), 'in', [2], []),
        ('encode', 'a folder as input', enc(d / 'folder.wav', d / 'e10.tlc'), 'in', [2], []),
        ('encode', 'input = output', enc(good, good), 'in', [2], B('good.wav')),
        ('encode', 'output a hard link to the input, --force', enc(good, d / 'hardlink.tlc', '--force'), 'in', [2], B('good.wav')),
        ('encode', 'existing output', enc(good, d / 'exists.tlc'), 'in', [2], B('exists.tlc')),
        ('encode', 'existing output, --force', enc(good, d / 'exists.tlc', '--force'), 'in', [0], []),
        ('encode', 'output .wav (a .tlc would be written)', enc(good, d / 'e11.wav'), 'in', [2], []),
        ('encode', 'output in a missing folder', enc(good, d / 'nofolder' / 'e.tlc'), 'in', [2], []),
        ('encode', f'output in a read-only folder ({ro_how})', enc(good, ro / 'e.tlc'), 'in', [2], []),
        ('encode', 'full disk (RLIMIT_FSIZE 2 KiB), 20 s input', enc(d / 'long.wav', d / 'full.tlc'), 'fullsmall', [2], []),
        ('encode', '--chunk-seconds inf', enc(good, d / 'e12.tlc', '--chunk-seconds', 'inf'), 'in', [2], []),
        ('encode', '--device meta', enc(good, d / 'e13.tlc', '--device', 'meta'), 'in', [2], []),
        ('encode', 'non-UTF-8 file names', ['encode', raw + b'.wav', raw + b'.tlc', *M], 'child', [0], []),
        ('decode', 'a .tlc (control)', dec(d / 'good.tlc', d / 'd0.wav'), 'in', [0], []),
        ('decode', 'text named .tlc', dec(d / 'text.tlc', d / 'd1.wav'), 'in', [2], []),
        ('decode', 'empty file (0 bytes)', dec(d / 'empty.tlc', d / 'd2.wav'), 'in', [2], []),
        ('decode', 'a folder as input', dec(d / 'folder.tlc', d / 'd3.wav'), 'in', [2], []),
        ('decode', 'audio given as the .tlc', dec(good, d / 'd4.wav'), 'in', [2], []),
        ('decode', 'written by another model', ['decode', str(d / 'good.tlc'), str(d / 'd5.wav'), '--checkpoint', str(d / 'model2')], 'in', [2], []),
        ('decode', 'written by another model, --force', ['decode', str(d / 'good.tlc'), str(d / 'd6.wav'), '--checkpoint', str(d / 'model2'), '--force'], 'in', [0], []),
        ('decode', 'input = output', dec(d / 'good.tlc', d / 'good.tlc'), 'in', [2], B('good.tlc')),
        ('decode', 'output a hard link to the input, --force', dec(d / 'good.tlc', d / 'hardlink.wav', '--force'), 'in', [2], B('good.tlc')),
        ('decode', 'existing output', dec(d / 'good.tlc', d / 'exists.wav'), 'in', [2], B('exists.wav')),
        ('decode', 'output .tlc (audio would be written)', dec(d / 'good.tlc', d / 'd7.tlc'), 'in', [2], []),
        ('decode', 'output .opus', dec(d / 'good.tlc', d / 'd8.opus'), 'in', [0], []),
        ('decode', 'output in a missing folder', dec(d / 'good.tlc', d / 'nofolder' / 'd.wav'), 'in', [2], []),
        ('decode', f'output in a read-only folder ({ro_how})', dec(d / 'good.tlc', ro / 'd.wav'), 'in', [2], []),
        ('decode', 'full disk (RLIMIT_FSIZE 64 KiB), --force over an existing file', dec(d / 'long.tlc', d / 'exists.wav', '--force'), 'full', [2], B('exists.wav')),
        ('decode', '--chunk-seconds inf', dec(d / 'good.tlc', d / 'd9.wav', '--chunk-seconds', 'inf'), 'in', [2], []),
        ('decode', '--device meta', dec(d / 'good.tlc', d / 'd10.wav', '--device', 'meta'), 'in', [2], []),
        ('decode', 'non-UTF-8 file names', ['decode', raw + b'.tlc', raw + b'.out.wav', *M], 'child', [0], []),
        ('eval', 'a 16 kHz clip (control)', ev(good), 'in', [0], []),
        ('eval', 'declared rate 44101 Hz', ev(d / 'rate44101.wav'), 'in', [0], []),
        ('eval', 'declared rate 1 Hz', ev(d / 'rate1.wav'), 'in', [2], []),
        ('eval', '6 channels, 8-bit', ev(d / 'corpus_good' / 'six_channels.wav'), 'in', [0], []),
        ('eval', 'a 0.2 s clip (left out of the means, named)', ev(d / 'short.wav'), 'in', [0], []),
        ('eval', 'empty file (0 bytes)', ev(d / 'empty.wav'), 'in', [2], []),
        ('eval', 'NaN samples', ev(d / 'nan.wav'), 'in', [2], []),
        ('eval', 'text named .wav', ev(d / 'text.wav'), 'in', [2], []),
        ('eval', 'a folder with no audio', ev(d / 'folder.wav'), 'in', [2], []),
        ('eval', '--n-q 0', ['eval', '--ref', str(good), *M, '--n-q', '0', '--baselines', ''], 'in', [2], []),
        ('eval', f'--json in a read-only folder ({ro_how})', ev(good, '--json', str(ro / 'r.json')), 'in', [2], []),
        ('eval', '--json on a full disk (RLIMIT_FSIZE 1 KiB)', ev(good, '--json', str(d / 'big.json')), 'full1k', [2], []),
        ('prepare', 'a folder of good clips (44101 Hz, 6 channels, 8-bit among them)', prep(d / 'corpus_good', d / 'p0'), 'in', [0], []),
        ('prepare', 'a folder of bad clips only (empty, NaN, text, 1 Hz)', prep(d / 'corpus_bad', d / 'p1'), 'in', [1], []),
        ('prepare', '--out names an existing file', prep(d / 'corpus_good', good), 'in', [2], B('good.wav')),
        ('prepare', '--out is the source folder', prep(d / 'corpus_good', d / 'corpus_good'), 'in', [2], B('corpus_good/good.wav')),
        ('prepare', f'--out in a read-only folder ({ro_how})', prep(d / 'corpus_good', ro / 'p'), 'in', [2], []),
        ('prepare', 'full disk (RLIMIT_FSIZE 2 KiB)', prep(d / 'corpus_good', d / 'p2'), 'fullsmall', [2], []),
        ('train', 'a folder whose clips are all unreadable', tr(d / 'corpus_bad', d / 'r0'), 'in', [2], []),
        ('train', 'full disk: the checkpoint write fails first (RLIMIT_FSIZE 200 kB; the checkpoint is 390 kB)', tr(d / 'corpus_good', d / 'r1', '--ckpt-every', '1'), 'full200k', [2], []),
        ('train', 'full disk: TensorBoard\'s event file fails first (RLIMIT_FSIZE 64 KiB)', tr(d / 'corpus_good', d / 'r2', '--ckpt-every', '1'), 'full', [2], [],
         '09_train main (cell 6edb4e6f) catches FileNotFoundError, ValueError and CheckpointError but not OSError, and TensorBoard\'s writer thread prints its own traceback'),
    ]
    wav('long.wav', np.tile(x, 10))
    assert _run_inproc(['encode', str(d / 'long.wav'), str(d / 'long.tlc'), *M])[0] == 0
    return cases, ro, ro_how

def run(d:Path, verbose=True) -> dict:
    import hashlib
    cases, ro, ro_how = build(d)
    rows, t0 = [], time.time()
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None
    for cmd, case, argv, how, want, keep, *gap in cases:
        gap = gap[0] if gap else None
        before = {p: digest(p) for p in keep}
        t = time.time()
        if how == 'in': rc, out, err = _run_inproc(argv)
        else: rc, out, err = _run_child(argv, {'full': 65536, 'fullsmall': 2048, 'full200k': 200_000, 'full1k': 1024, 'child': 0}[how])
        shown = lambda s: s.replace(str(d), '$TMP') if isinstance(s, str) else os.fsdecode(s).replace(str(d), '$TMP').encode('utf-8', 'backslashreplace').decode()
        msg = shown(_message(rc, out, err))
        row = dict(command=cmd, case=case, argv=' '.join(shown(a) if isinstance(a, str) else shown(a) for a in argv),
                   process='child' if how != 'in' else 'in-process', exit=rc, expected=want, message=msg,
                   one_line=rc == 0 or (rc == 1 and cmd == 'prepare') or _one_error_line(err),
                   traceback='Traceback' in err, kept=all(digest(p) == h for p, h in before.items()), seconds=round(time.time() - t, 2))
        row['ok'] = rc in want and row['one_line'] and not row['traceback'] and row['kept']
        if gap: row['known_gap'] = gap
        rows.append(row)
        if verbose: print(f"{'ok ' if row['ok'] else 'BAD'} {cmd:8s} {rc!s:>5} {case}: {msg[:150]}", flush=True)
    if ro_how == 'read-only tmpfs': subprocess.run(['umount', str(ro)], capture_output=True)
    return dict(command='nice -n 10 env OMP_NUM_THREADS=1 .venv/bin/python nbs/benchmarks/cli_errors.py', read_only_folder=ro_how,
                host=dict(platform=platform.platform(), python=platform.python_version(), euid=os.geteuid()),
                wall_s=round(time.time() - t0, 1), rows=rows)

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='nbs/benchmarks/cli_errors.json')
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as d:
        res = run(Path(d))
        ro = Path(d) / 'readonly'
        if ro.exists(): os.chmod(ro, 0o755)
    Path(a.out).write_text(json.dumps(res, indent=1, ensure_ascii=False) + '\n')
    bad = [r for r in res['rows'] if not r['ok'] and not r.get('known_gap')]
    gaps = [r for r in res['rows'] if r.get('known_gap')]
    print(f"{len(res['rows'])} cases, {len(bad)} not as expected, {len(gaps)} known gap(s), {res['wall_s']} s; wrote {a.out}")
    return 1 if bad else 0

if __name__ == '__main__': sys.exit(main())
