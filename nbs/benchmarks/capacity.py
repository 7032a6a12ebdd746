"""How many concurrent real-time sessions of the shipped `small` codec a `telucodec serve` keeps up with.

Starts the server as its own process (the package found on --pkg, so an older checkout can be
measured the same way), connects N clients at once from this process (a refused client tries again every second for up
to --retry s, as a page would), and streams 10 s of bundled Telugu speech from each admitted
client at real-time pace in 20 ms frames. A session counts as real time
when all its audio comes back and the p95 of (reply received - frame sent) is at most 300 ms.
Prints one line per run and writes the JSON given by --out.

    python nbs/benchmarks/capacity.py --label after --clients 8,12,16,20 --out nbs/benchmarks/streaming_capacity.json
"""
import argparse, asyncio, json, os, socket, subprocess, sys, time
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[2]

def free_port() -> int:
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p

def speech(seconds:float, n:int) -> list:
    "n different int16 clips of `seconds` cut from the bundled Telugu speech."
    import soundfile as sf
    x = np.concatenate([sf.read(str(p), dtype='int16')[0] for p in sorted((ROOT / 'data/telugu/cv').glob('*.flac'))[:12]])
    L = int(16000 * seconds)
    return [np.roll(x, 16000 * i // 3)[:L] for i in range(n)]

async def client(url:str, pcm:np.ndarray, timeout:float, retry_s:float=30.0) -> dict:
    "Stream `pcm` in real time; the outcome of one session."
    import websockets
    from telucodec.stream import pack_frame, unpack_reply
    n, msgs = 320, len(pcm) // 320
    lat = []
    t_start, refusal = time.perf_counter(), None
    try:
        while True:   # a refused client tries again every second, for up to `retry_s` (what a page would do)
            ws = await websockets.connect(url, max_size=1 << 20, ping_interval=None)
            first = json.loads(await ws.recv())
            if first.get('type') == 'ready': break
            refusal = first.get('message', str(first)); await ws.close()
            if time.perf_counter() - t_start > retry_s: return {'admitted': False, 'refusal': refusal}
            await asyncio.sleep(1.0)
        t_admit = time.perf_counter()
        async with ws:
            async def send():
                t0 = time.perf_counter()
                for i in range(msgs):
                    await asyncio.sleep(max(0.0, t0 + i * 0.02 - time.perf_counter()))
                    await ws.send(pack_frame(i, 1e3 * time.perf_counter(), pcm[i * n:(i + 1) * n]))
            async def recv():
                while len(lat) < msgs:
                    m = await ws.recv()
                    if isinstance(m, str): raise RuntimeError(m)
                    lat.append(1e3 * time.perf_counter() - unpack_reply(m).stamp)
            await asyncio.wait_for(asyncio.gather(send(), recv()), timeout)
    except Exception as e:
        return {'admitted': True, 'complete': False, 'replies': len(lat), 'frames': msgs, 'error': f'{type(e).__name__}: {e}'[:200],
                'lag_ms_p95': float(np.percentile(lat, 95)) if lat else None}
    p95 = float(np.percentile(lat, 95))
    return {'admitted': True, 'waited_s': round(t_admit - t_start, 1), 'span': (t_admit, time.perf_counter()), 'complete': True, 'replies': len(lat), 'frames': msgs, 'lag_ms_p50': float(np.percentile(lat, 50)),
            'lag_ms_p95': p95, 'realtime': p95 <= 300.0}

def run(pkg:str, n:int, seconds:float, serve_args:list, retry:float=30.0) -> dict:
    port = free_port()
    env = {**os.environ, 'PYTHONPATH': pkg, 'OMP_NUM_THREADS': '1'}
    proc = subprocess.Popen([sys.executable, '-c', 'import sys; from telucodec.server import serve_main; sys.exit(serve_main(sys.argv[1:]))',
                             '--port', str(port), *serve_args], env=env, cwd=pkg, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)   # cwd: python -c puts it first on sys.path
    try:
        import urllib.request
        for _ in range(600):
            try: info = json.loads(urllib.request.urlopen(f'http://127.0.0.1:{port}/info', timeout=1).read()); break
            except OSError: time.sleep(0.1)
        else: raise RuntimeError('server did not start: ' + proc.stderr.read()[-2000:])
        info['served_from'] = subprocess.run([sys.executable, '-c', 'import telucodec; print(telucodec.__file__)'], env=env, cwd=pkg,
                                             capture_output=True, text=True).stdout.strip()
        load0 = os.getloadavg()[0]
        async def all_clients():
            return await asyncio.gather(*[client(f'ws://127.0.0.1:{port}/ws', x, seconds + 60, retry) for x in speech(seconds, n)])
        t0 = time.time(); res = asyncio.run(all_clients()); wall = time.time() - t0
        try: stats = json.loads(urllib.request.urlopen(f'http://127.0.0.1:{port}/stats', timeout=5).read())
        except OSError: stats = {}
    finally:
        proc.terminate(); proc.wait(20)
    adm = [r for r in res if r['admitted']]
    rt = [r for r in adm if r.get('realtime')]
    p95s = [r['lag_ms_p95'] for r in adm if r.get('lag_ms_p95') is not None]
    spans = [r['span'] for r in adm if 'span' in r]
    concurrent = max((sum(a <= t < b for a, b in spans) for t, _ in spans), default=0)   # most sessions running at once
    rt_conc = max((sum(a <= t < b for a, b in [r['span'] for r in rt]) for t, _ in [r['span'] for r in rt]), default=0)
    return {'clients': n, 'seconds_each': seconds, 'admitted': len(adm), 'refused': n - len(adm), 'realtime': len(rt),
            'max_concurrent': concurrent, 'max_concurrent_realtime': rt_conc,
            'waited_s': [r.get('waited_s') for r in adm],
            'complete': sum(bool(r.get('complete')) for r in adm), 'lag_ms_p95_worst': round(max(p95s), 1) if p95s else None,
            'lag_ms_p95_median': round(float(np.median(p95s)), 1) if p95s else None, 'wall_s': round(wall, 1),
            'load_average_1min_start': round(load0, 2), 'load_average_1min_end': round(os.getloadavg()[0], 2),
            'refusals': sorted({r['refusal'][:120] for r in res if not r['admitted']})[:2],
            'server_stats': {k: stats.get(k) for k in ('engine_load', 'engine_slowdown', 'capacity', 'lag_ms_p95_recent', 'batch_rows_p50', 'closed', 'errors')},
            'server_limits': {k: info.get(k) for k in ('served_from', 'max_sessions', 'workers', 'max_load', 'tick_ms', 'pass_fixed_ms', 'pass_row_ms', 'lag_budget_ms')}}

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--pkg', default=str(ROOT), help='folder holding the telucodec package to serve (default: this checkout)')
    ap.add_argument('--label', required=True, help='name of this series in the JSON, e.g. before / after')
    ap.add_argument('--clients', default='8,12,16', help='comma-separated client counts, one run each')
    ap.add_argument('--seconds', type=float, default=10.0)
    ap.add_argument('--retry', type=float, default=30.0, help='a refused client tries again every second for this long (0: once)')
    ap.add_argument('--serve-args', default='', help='extra arguments for telucodec serve, e.g. "--max-sessions 32"')
    ap.add_argument('--out', default=str(ROOT / 'nbs/benchmarks/streaming_capacity.json'))
    a = ap.parse_args()
    out = Path(a.out)
    doc = json.loads(out.read_text()) if out.exists() else {}
    doc.update({'about': __doc__.split('\n\n')[1].replace('\n', ' '), 'model': 'shipped default (small, trained)', 'cpu_count': os.cpu_count()})
    series = []
    for n in map(int, a.clients.split(',')):
        args = [s.replace('{n}', str(n)) for s in a.serve_args.split()]
        r = run(a.pkg, n, a.seconds, args, a.retry)
        r['serve_args'] = ' '.join(args)
        print(f"[{a.label}] {n} clients: {r['admitted']} admitted ({r['max_concurrent']} at once), {r['refused']} refused, {r['realtime']} real time, "
              f"{r['complete']} complete; p95 lag worst {r['lag_ms_p95_worst']} ms, median {r['lag_ms_p95_median']} ms; "
              f"load {r['load_average_1min_start']} -> {r['load_average_1min_end']}; server {r['server_stats']}", flush=True)
        series.append(r)
    doc[a.label] = {'command': ' '.join(['python'] + sys.argv), 'pkg': a.pkg, 'runs': series,
                    'max_realtime_sessions': max([r['max_concurrent'] for r in series if r['realtime'] == r['admitted']] or [0])}
    out.write_text(json.dumps(doc, indent=1) + '\n')
    print(f"[{a.label}] most sessions all in real time: {doc[a.label]['max_realtime_sessions']} -> {out}")
