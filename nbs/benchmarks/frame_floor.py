"""frame_floor.py OUT.json [CHECKPOINT]: the floor under a streamed frame's CPU time that no removal of overhead can pass.
A streamed 20 ms frame multiplies one row by every weight matrix of the encoder and decoder and searches every RVQ
codebook, so it reads all of them once a frame. This measures (one thread) how fast this machine reads weights in
matrix-vector products when they come from beyond the core's cache (60 matrices of 512 KB cycled, as a frame does),
and multiplies by the model's bytes. Default model: the shipped weights."""
import json, os, sys, time
import torch
from telucodec.codec import load_codec
torch.set_num_threads(1); torch.manual_seed(0)
c = load_codec(sys.argv[2] if len(sys.argv) > 2 else None).eval()
mats = [p for n, p in c.named_parameters() if p.dim() >= 2]
w_bytes = sum(p.numel() * 4 for p in mats)
cb_bytes = sum(q.codebook.numel() * 4 for q in c.quantizer.quantizers)
Ws, x = [torch.randn(512, 256) for _ in range(60)], torch.randn(1, 256)
def cycled(n=20):
    for w in Ws: x @ w.t()
    t0 = time.thread_time()
    for _ in range(n):
        for w in Ws: x @ w.t()
    return (time.thread_time() - t0) / (n * len(Ws))
runs = sorted(cycled() for _ in range(5))
s_per_mb = runs[len(runs) // 2] / (512 * 256 * 4 / 1e6)
res = dict(command='python nbs/benchmarks/frame_floor.py ' + ' '.join(sys.argv[1:]), load_average=os.getloadavg(),
           weight_matrices=len(mats), weight_mb=w_bytes / 1e6, codebook_mb=cb_bytes / 1e6,
           gemv_gb_per_s=1e-3 / s_per_mb, floor_ms_per_frame=(w_bytes + cb_bytes) / 1e6 * s_per_mb * 1e3,
           note='float32 weights as the model runs them (the shipped file stores float16 and loads as float32)')
json.dump(res, open(sys.argv[1], 'w'), indent=1); print(res)
