"""How many concurrent real-time sessions of the shipped `small` codec a `telucodec serve` keeps up with.

Starts the server as its own process (the package found on --pkg, so an older checkout can be
measured the same way), connects N clients at once from this process (a refused client tries again every second for up
to --retry s, as a page would), and streams 10 s of bundled Telugu speech from each admitted
client at real-time pace in 20 ms frames. A session counts as real time
when all its audio comes back and the p95 of (reply received - frame sent) is at most 300 ms.
Prints one line per run and writes the JSON given by --out.

    python nbs/benchmarks/capacity.py --label after --clients 8,12,16,20 --out nbs/benchmarks/streaming_capacity.json

With --flood, each run is the flood scenario instead: N real-time clients (admitted one a second), then, --flood-at
seconds in, one more client that sends 80 ms messages as fast as its socket takes them (--flood-audio seconds of
audio) and reads whatever comes back, and half a second later a new real-time client that has to be admitted (it
retries every second). Each run is done twice, without and with the flooder, and the JSON keeps, for the real-time
clients, the p50/p95 reply time over the whole session and over the flood window (the flooder's connection, and at
least 6 s from its start), the flooder's fate (error code, seconds connected, audio coded) and the new client's.

    python nbs/benchmarks/capacity.py --label flood_after --flood --clients 3 --seconds 12
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

async def client(url:str, pcm:np.ndarray, timeout:float, retry_s:float=30.0, delay:float=0.0) -> dict:
    "Stream `pcm` in real time (after `delay` s); the outcome of one session."
    import websockets
    from telucodec.stream import pack_frame, unpack_reply
    await asyncio.sleep(delay)
    n, msgs = 320, len(pcm) // 320
    lat, rx = [], []
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
                    lat.append(1e3 * time.perf_counter() - unpack_reply(m).stamp); rx.append(time.perf_counter())
            await asyncio.wait_for(asyncio.gather(send(), recv()), timeout)
    except Exception as e:
        return {'admitted': True, 'complete': False, 'replies': len(lat), 'frames': msgs, 'error': f'{type(e).__name__}: {e}'[:200],
                'lag_ms_p95': float(np.percentile(lat, 95)) if lat else None}
    p95 = float(np.percentile(lat, 95))
    return {'admitted': True, 'waited_s': round(t_admit - t_start, 1), 'span': (t_admit, time.perf_counter()), 'complete': True, 'replies': len(lat), 'frames': msgs, 'lag_ms_p50': float(np.percentile(lat, 50)),
            'lag_ms_p95': p95, 'realtime': p95 <= 300.0, 'rx': rx, 'lat': lat}

async def flooder(url:str, pcm:np.ndarray, at:float, retry_s:float=30.0, limit_s:float=60.0) -> dict:
    """At time.perf_counter() `at`: 80 ms messages as fast as the socket takes them, replies read as they come; what
    happened to it. Run in its own process (`--_flooder`), so that its sending does not stall the measuring clients."""
    import websockets, struct
    pack_frame = lambda seq, stamp, x: struct.pack('<Id', seq, stamp) + x.astype('<i2').tobytes()   # telucodec.stream.pack_frame
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    t_start = time.perf_counter()
    while True:
        ws = await websockets.connect(url, max_size=1 << 20, ping_interval=None)
        first = json.loads(await ws.recv())
        if first.get('type') == 'ready': break
        await ws.close()
        if time.perf_counter() - t_start > retry_s: return {'admitted': False, 'refusal': first.get('message')}
        await asyncio.sleep(1.0)
    n, audio, texts, sent = 1280, 0, [], 0
    async with ws:
        await ws.send(json.dumps({'type': 'config', 'frame_ms': 80})); json.loads(await ws.recv())
        t0 = time.perf_counter()
        async def push():
            nonlocal sent
            try:
                for i in range(len(pcm) // n): await ws.send(pack_frame(i, 1e3 * time.perf_counter(), pcm[i * n:(i + 1) * n])); sent += 1
            except websockets.ConnectionClosed: pass
        async def pull():
            nonlocal audio
            try:
                while True:
                    m = await ws.recv()
                    if isinstance(m, str): texts.append(json.loads(m))
                    else:
                        audio += 1
                        if audio == len(pcm) // n: return   # all of it came back: the server never stopped it
            except websockets.ConnectionClosed: pass
        try: await asyncio.wait_for(asyncio.gather(push(), pull()), limit_s)   # bounded: a server that never drops it
        except asyncio.TimeoutError: pass
        t1 = time.perf_counter()
    return {'admitted': True, 'span': [t0, t1], 'waited_s': round(t0 - t_start, 1), 'seconds_connected': round(t1 - t0, 2), 'audio_sent_s': round(sent * 0.08, 2),
            'audio_coded_s': round(audio * 0.08, 2), 'errors': [t.get('code') for t in texts if t.get('type') == 'error'],
            'message': next((t.get('message') for t in texts if t.get('type') == 'error'), None), 'close_code': ws.close_code}

def start_server(pkg:str, serve_args:list):
    "`telucodec serve` from `pkg` on a free port: (process, port, its /info)."
    import urllib.request
    port = free_port()
    env = {**os.environ, 'PYTHONPATH': pkg, 'OMP_NUM_THREADS': '1'}
    proc = subprocess.Popen([sys.executable, '-c', 'import sys; from telucodec.server import serve_main; sys.exit(serve_main(sys.argv[1:]))',
                             '--port', str(port), *serve_args], env=env, cwd=pkg, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for _ in range(600):
        try: return proc, port, json.loads(urllib.request.urlopen(f'http://127.0.0.1:{port}/info', timeout=1).read())
        except OSError: time.sleep(0.1)
    proc.terminate(); raise RuntimeError('server did not start: ' + proc.stderr.read()[-2000:])

def pcts(x) -> dict:
    return {'p50': round(float(np.percentile(x, 50)), 1), 'p95': round(float(np.percentile(x, 95)), 1)} if len(x) else {'p50': None, 'p95': None}

def run_flood(pkg:str, n:int, seconds:float, serve_args:list, flood_at:float, flood_audio:float, retry:float=30.0) -> dict:
    "The flood scenario, once without and once with the flooder (same server command, fresh process each)."
    out = {}
    for with_flood in (False, True):
        proc, port, info = start_server(pkg, serve_args)
        url = f'ws://127.0.0.1:{port}/ws'
        try:
            load0 = os.getloadavg()[0]
            clips = speech(seconds, n + 1)
            async def flood_process(at):   # perf_counter is CLOCK_MONOTONIC: one clock for both processes
                pr = await asyncio.create_subprocess_exec(sys.executable, __file__, '--_flooder', url, repr(at), repr(flood_audio),
                                                          stdout=subprocess.PIPE)
                return json.loads((await pr.communicate())[0])
            async def scenario():
                t0 = time.perf_counter()
                tasks = [client(url, x, seconds + 60, retry) for x in clips[:n]]
                tasks.append(flood_process(t0 + flood_at) if with_flood else asyncio.sleep(0, {'admitted': None}))
                tasks.append(client(url, clips[n][:int(16000 * 3)], 60, retry, delay=flood_at + 0.5))   # the newcomer
                return t0, await asyncio.gather(*tasks)
            t0, res = asyncio.run(scenario())
            try:
                import urllib.request
                stats = json.loads(urllib.request.urlopen(f'http://127.0.0.1:{port}/stats', timeout=5).read())
            except (OSError, ValueError): stats = {}
        finally:
            proc.terminate(); proc.wait(20)
        rts, fl, new = res[:n], res[n], res[n + 1]
        fa = t0 + flood_at
        win = (fl['span'][0], max(fl['span'][1], fl['span'][0] + 6.0)) if fl.get('span') else (fa, fa + 6.0)
        during = [l for r in rts if 'rx' in r for t, l in zip(r['rx'], r['lat']) if win[0] <= t <= win[1]]
        whole = [l for r in rts if 'lat' in r for l in r['lat']]
        out['with_flood' if with_flood else 'without_flood'] = {
            'realtime_clients': n, 'admitted': sum(bool(r['admitted']) for r in rts), 'complete': sum(bool(r.get('complete')) for r in rts),
            'reply_ms_whole_session': pcts(whole), 'reply_ms_flood_window': pcts(during),
            'reply_ms_p95_per_session': [round(r['lag_ms_p95'], 1) if r.get('lag_ms_p95') is not None else None for r in rts],
            'flood_window_s': [round(win[0] - t0, 2), round(win[1] - t0, 2)],
            'flooder': {'asked_at_s': flood_at if with_flood else None, **{k: v for k, v in fl.items() if k != 'span'}},
            'newcomer': {'admitted': new['admitted'], 'asked_at_s': flood_at + 0.5, 'waited_s': new.get('waited_s'), 'complete': new.get('complete'),
                         'lag_ms_p95': round(new['lag_ms_p95'], 1) if new.get('lag_ms_p95') is not None else None,
                         'refusal': new.get('refusal')},
            'load_average_1min_start': round(load0, 2), 'load_average_1min_end': round(os.getloadavg()[0], 2),
            'server_stats': {k: stats.get(k) for k in ('closed', 'errors', 'sessions_rejected', 'engine_load')},
            'server_limits': {k: info.get(k) for k in ('max_sessions', 'workers', 'tick_ms', 'burst_s', 'frames_per_pass_max', 'lag_budget_ms')}}
    return {'clients': n, 'seconds_each': seconds, 'flood_at_s': flood_at, 'flood_audio_s': flood_audio, **out}

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

if __name__ == '__main__' and sys.argv[1:2] == ['--_flooder']:   # the flooder's own process: URL START_TIME AUDIO_SECONDS
    x = np.concatenate(speech(10.0, 1))
    pcm = np.tile(x, int(np.ceil(float(sys.argv[4]) * 16000 / len(x))))[:int(16000 * float(sys.argv[4]))]
    print(json.dumps(asyncio.run(flooder(sys.argv[2], pcm, float(sys.argv[3])))))
    sys.exit(0)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--pkg', default=str(ROOT), help='folder holding the telucodec package to serve (default: this checkout)')
    ap.add_argument('--label', required=True, help='name of this series in the JSON, e.g. before / after')
    ap.add_argument('--clients', default='8,12,16', help='comma-separated client counts, one run each')
    ap.add_argument('--seconds', type=float, default=10.0)
    ap.add_argument('--retry', type=float, default=30.0, help='a refused client tries again every second for this long (0: once)')
    ap.add_argument('--serve-args', default='', help='extra arguments for telucodec serve, e.g. "--max-sessions 32"')
    ap.add_argument('--out', default=str(ROOT / 'nbs/benchmarks/streaming_capacity.json'))
    ap.add_argument('--flood', action='store_true', help='the flood scenario (see above) instead of the capacity runs')
    ap.add_argument('--flood-at', type=float, default=4.0, help='seconds after the start at which the flooder connects')
    ap.add_argument('--flood-audio', type=float, default=196.0, help='seconds of audio the flooder sends')
    a = ap.parse_args()
    out = Path(a.out)
    doc = json.loads(out.read_text()) if out.exists() else {}
    doc.update({'about': __doc__.split('\n\n')[1].replace('\n', ' '), 'cpu_count': os.cpu_count()})
    doc.setdefault('model', 'shipped default (small, trained)')   # a file that names each series' model keeps its names
    series = []
    for n in map(int, a.clients.split(',')):
        args = [s.replace('{n}', str(n)) for s in a.serve_args.split()]
        if a.flood:
            r = run_flood(a.pkg, n, a.seconds, args, a.flood_at, a.flood_audio, a.retry); r['serve_args'] = ' '.join(args)
            for k in ('without_flood', 'with_flood'):
                x = r[k]
                print(f"[{a.label}] {n} real-time clients {k}: reply ms whole p50/p95 {x['reply_ms_whole_session']}, in the flood window "
                      f"{x['reply_ms_flood_window']}, per session p95 {x['reply_ms_p95_per_session']}; flooder {x['flooder']}; "
                      f"newcomer {x['newcomer']}; load {x['load_average_1min_start']} -> {x['load_average_1min_end']}", flush=True)
            series.append(r); continue
        r = run(a.pkg, n, a.seconds, args, a.retry)
        r['serve_args'] = ' '.join(args)
        print(f"[{a.label}] {n} clients: {r['admitted']} admitted ({r['max_concurrent']} at once), {r['refused']} refused, {r['realtime']} real time, "
              f"{r['complete']} complete; p95 lag worst {r['lag_ms_p95_worst']} ms, median {r['lag_ms_p95_median']} ms; "
              f"load {r['load_average_1min_start']} -> {r['load_average_1min_end']}; server {r['server_stats']}", flush=True)
        series.append(r)
    if a.flood:
        doc[a.label] = {'command': ' '.join(['python'] + sys.argv), 'pkg': a.pkg, 'scenario': 'flood', 'runs': series}
        out.write_text(json.dumps(doc, indent=1) + '\n'); print(f"[{a.label}] -> {out}")
        sys.exit(0)
    doc[a.label] = {'command': ' '.join(['python'] + sys.argv), 'pkg': a.pkg, 'runs': series,
                    'max_realtime_sessions': max([r['max_concurrent'] for r in series if r['realtime'] == r['admitted']] or [0])}
    out.write_text(json.dumps(doc, indent=1) + '\n')
    print(f"[{a.label}] most sessions all in real time: {doc[a.label]['max_realtime_sessions']} -> {out}")
