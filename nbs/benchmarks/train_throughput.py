"""Training throughput of one `small` step on one CPU thread: audio-seconds trained per CPU-second, with
and without the fused Snake, and where the time goes (issue 11, item 5; 09b_recipe reads the JSON).

    python nbs/benchmarks/train_throughput.py [--data MANIFESTS...] [--steps 12] [--out nbs/benchmarks/train_throughput.json]

Each setting runs in its own process (so one setting's compiled kernels or allocator state cannot help
the other): a Trainer with the recipe study's options (09b_recipe), 3 warm-up steps, then `--steps` timed
steps on fresh batches; CPU time by time.process_time. The breakdown profiles 3 more steps by operator.
"""
import argparse, glob, json, os, subprocess, sys, time
from pathlib import Path

RECIPE = ('--lr 2e-4 --warmup-steps 100 --grad-clip 10 --loss.dc 0 --loss.std 0 --codec.dc_cutoff_hz 0 '
          '--codec.quantizer_dropout 0.25 --segment-seconds 0.5 --mel-windows 256 512 1024 2048 --mel-bands 40 50 64 80 '
          '--mel-log ln --crop-remove-mean --crop-peak 0.3 0.9 --disc-start 100000').split()
GROUPS = {'convolution': ('conv', 'mkldnn'), 'Snake and other element-wise': ('mul', 'sin', 'cos', 'pow', 'add', 'copy_', 'sub',
          'reciprocal', 'div', 'fill_', 'where', 'abs', 'neg', 'sqrt', 'cpp_fused', 'CompiledFunction', 'Torch-Compiled'),
          'matrix products (transformer, RVQ)': ('mm', 'bmm', 'addmm', 'matmul', 'linear', 'cdist', 'baddbmm'),
          'STFT/FFT (losses)': ('fft', 'stft'), 'optimiser': ('Optimizer', '_foreach', 'adam')}

def group(name:str) -> str:
    n = name.lower()
    for g, keys in GROUPS.items():
        if any(k.lower() in n for k in keys): return g
    return 'other'

def child(args):
    import torch
    from telucodec.train import parse_args, Trainer
    torch.set_num_threads(1)
    cfg, _ = parse_args(['--config', 'small', '--run-dir', args.run_dir, '--data', *args.data, '--val-fraction', '0.02',
                         '--val-max-clips', '1', '--threads', '1', '--num-workers', '0', '--steps', '1000', '--seed', '0',
                         *RECIPE, *(['--fused-snake'] if args.fused else ['--no-fused-snake'])])
    T = Trainer(cfg, log_to_file=False); it = T.batches()
    t = time.process_time(); batches = [next(it) for _ in range(args.steps + 6)]
    data_ms = 1000 * (time.process_time() - t) / len(batches)
    for b in batches[:3]: T.train_step(b)
    ts = []
    for b in batches[3:3 + args.steps]:
        t = time.process_time(); T.train_step(b); ts.append(time.process_time() - t)
    with torch.profiler.profile() as prof:
        for b in batches[3 + args.steps:]: T.train_step(b)
    groups = {}
    for e in prof.key_averages():
        if e.self_cpu_time_total > 0: groups[group(e.key)] = groups.get(group(e.key), 0) + e.self_cpu_time_total
    tot = sum(groups.values())
    ts.sort(); step = ts[len(ts) // 2]
    audio = cfg.batch_size * T.segment / T.sample_rate
    print(json.dumps(dict(fused_snake=args.fused, step_ms_median=1000 * step, step_ms_min=1000 * ts[0], data_ms_per_batch=data_ms,
                          audio_seconds_per_step=audio, audio_s_per_cpu_s=audio / (step + data_ms / 1000),
                          breakdown={k: round(v / tot, 3) for k, v in sorted(groups.items(), key=lambda kv: -kv[1])})))

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', nargs='+', default=sorted(glob.glob(str(Path(__file__).resolve().parents[2] / 'data' / '*.jsonl'))) or ['data'])
    ap.add_argument('--steps', type=int, default=12)
    ap.add_argument('--out', default=str(Path(__file__).with_name('train_throughput.json')))
    ap.add_argument('--run-dir', default='/tmp/telucodec_throughput')
    ap.add_argument('--child', choices=['0', '1'])
    args = ap.parse_args()
    if args.child is not None:
        args.fused = args.child == '1'; return child(args)
    rows = []
    for fused in ('0', '1'):
        env = dict(os.environ, OMP_NUM_THREADS='1')
        cmd = [sys.executable, __file__, '--child', fused, '--steps', str(args.steps), '--run-dir', f"{args.run_dir}_{fused}", '--data', *args.data]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if out.returncode: sys.exit(f"throughput child failed:\n{out.stderr[-3000:]}")
        rows.append(json.loads(out.stdout.strip().splitlines()[-1])); print(rows[-1])
    before, after = rows
    res = dict(command=' '.join(['python', 'nbs/benchmarks/train_throughput.py', *sys.argv[1:]]), preset='small', threads=1,
               recipe=' '.join(RECIPE), load_average=os.getloadavg(), date=time.strftime('%Y-%m-%d %H:%M'),
               before=before, after=after, speedup=after['audio_s_per_cpu_s'] / before['audio_s_per_cpu_s'])
    Path(args.out).write_text(json.dumps(res, indent=1) + '\n')
    print(f"audio-seconds per CPU-second: {before['audio_s_per_cpu_s']:.2f} eager Snake -> {after['audio_s_per_cpu_s']:.2f} fused "
          f"({res['speedup']:.2f}x); wrote {args.out}")

if __name__ == '__main__': main()
