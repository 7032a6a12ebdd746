"""frame_step.py OUT.json: a streamed 20 ms frame of the frame-rate codec three ways, one thread, CPU time per frame
(encode + decode): the modules (`StreamingCodec`), `FrameStep` eager, and `FrameStep` compiled with AOTInductor.
Rounds of 100 frames of each, interleaved, so that the machine's drift falls on all three alike. Then, on every bundled held-out clip,
the frames whose codes differ from the offline model's, and the largest sample difference from the modules' stream.
Models: the shipped weights, and F5's narrower trunk (hidden 192, ffn 384; random weights: speed does not depend on them)."""
import glob, json, os, sys, time
import numpy as np, soundfile as sf, torch
from telucodec.codec import TeluCodec, CodecConfig, default_weights_dir
from telucodec.frame_step import FrameStep
torch.set_num_threads(1); torch.manual_seed(0)
ROUNDS, FRAMES = int(os.environ.get('ROUNDS', 8)), 100

def per_frame(session, wav):
    "CPU ms of encode_chunk + decode_chunk for each 20 ms frame of wav."
    out = []
    with torch.inference_mode():
        for i in range(wav.shape[-1] // 320):
            t0 = time.process_time(); session.decode_chunk(session.encode_chunk(wav[..., i * 320:(i + 1) * 320]))
            out.append(1e3 * (time.process_time() - t0))
    return out

def speed(codec):
    wav = 0.1 * torch.randn(1, 1, 320 * (FRAMES + 20))
    t0 = time.time(); compiled = FrameStep(codec).compile(); compile_s = time.time() - t0
    sessions = {'modules': None, 'frame_step': FrameStep(codec), 'frame_step_compiled': compiled}
    times = {k: [] for k in sessions}
    for r in range(ROUNDS):
        for name, s in sessions.items():
            if name == 'modules':
                with codec.stream(1) as st: times[name] += per_frame(st, wav)[20:]
            else: times[name] += per_frame(s.reset(), wav)[20:]
    res = {k: {'p50_ms': float(np.percentile(v, 50)), 'p99_ms': float(np.percentile(v, 99)), 'frames': len(v)} for k, v in times.items()}
    res['compile_s'] = compile_s
    return res, compiled

def agreement(codec, step, eager):
    "On every bundled held-out clip: frames whose codes differ from the offline model's (modules streamed 1 and 7 frames a chunk, FrameStep eager and compiled), and the largest sample difference of each step from the modules' stream."
    clips = sorted(glob.glob('data/heldout_te/**/*.flac', recursive=True))
    r = {'clips': len(clips), 'frames': 0, 'other_codes': {k: 0 for k in ('modules_1', 'modules_7', 'frame_step', 'frame_step_compiled')},
         'max_abs_sample_difference': {'frame_step': 0.0, 'frame_step_compiled': 0.0}}
    for f in clips:
        x = torch.from_numpy(sf.read(f, dtype='float32')[0]); x = x[:len(x) // 320 * 320].view(1, 1, -1)
        with torch.inference_mode():
            offline = codec.quantizer.encode(codec.encoder(x))
            with codec.stream(1) as s: _, y_ref = s.process(x)
            for k in (1, 7):
                with codec.stream(1) as s: c = torch.cat([s.encode_chunk(x[..., i:i + 320 * k]) for i in range(0, x.shape[-1], 320 * k)], -1)
                r['other_codes'][f'modules_{k}'] += int((c != offline).any(1).sum())
        for name, st in (('frame_step', eager), ('frame_step_compiled', step)):
            c, y = st.reset().process(x)
            r['other_codes'][name] += int((c != offline).any(1).sum())
            r['max_abs_sample_difference'][name] = max(r['max_abs_sample_difference'][name], float((y - y_ref).abs().max()))
        r['frames'] += offline.shape[-1]
    return r

res = {'command': 'python nbs/benchmarks/frame_step.py ' + ' '.join(sys.argv[1:]), 'torch': torch.__version__, 'load_average_start': os.getloadavg(), 'models': {}}
shipped = TeluCodec.from_pretrained(default_weights_dir()).eval()
r, step = speed(shipped)
r['agreement'] = agreement(shipped, step, FrameStep(shipped))
res['models']['shipped'] = dict(parameters=sum(p.numel() for p in shipped.parameters()), **r); print('shipped', r)
narrow = TeluCodec(CodecConfig.preset('small', decoder='frame', frame_path='complex_gain', frame_window=480, hidden=192, ffn_dim=384)).eval()
r, _ = speed(narrow)
res['models']['F5_hidden192'] = dict(parameters=sum(p.numel() for p in narrow.parameters()), **r); print('F5', r)
res['load_average_end'] = os.getloadavg()
json.dump(res, open(sys.argv[1], 'w'), indent=1)
