"""frame_ops.py OUT.json: where a streamed 20 ms frame of the frame-rate `small` codec spends its CPU (one thread, random
weights): torch.profiler over 100 frames of encode_chunk + decode_chunk after 20 of warm-up; the top-level PyTorch
operations per frame, and the share of their time in matrix products."""
import json, os, sys, time
import torch
from torch.profiler import profile
from telucodec.codec import TeluCodec, CodecConfig
torch.manual_seed(0); torch.set_num_threads(1)
c = TeluCodec(CodecConfig.preset('small', decoder='frame', frame_path='complex_gain')).eval()
wav = 0.1 * torch.randn(1, 1, 320 * 130)
with c.stream(1) as s, torch.inference_mode():
    for i in range(20): s.decode_chunk(s.encode_chunk(wav[..., i * 320:(i + 1) * 320]))
    with profile() as prof:
        for i in range(20, 120): s.decode_chunk(s.encode_chunk(wav[..., i * 320:(i + 1) * 320]))
top = [e for e in prof.events() if e.name.startswith('aten::') and (e.cpu_parent is None or not e.cpu_parent.name.startswith('aten::'))]
prod = ('aten::mm', 'aten::matmul', 'aten::addmm', 'aten::linear', 'aten::conv1d', 'aten::bmm')
res = dict(command='python nbs/benchmarks/frame_ops.py ' + ' '.join(sys.argv[1:]), load_average=os.getloadavg(),
           ops_per_frame=len(top) / 100, profiled_ms_per_frame=sum(e.cpu_time_total for e in top) / 100 / 1000,
           products_ms_per_frame=sum(e.cpu_time_total for e in top if e.name in prod) / 100 / 1000,
           by_op={k: round(v / 100 / 1000, 3) for k, v in sorted(((n, sum(e.cpu_time_total for e in top if e.name == n)) for n in {e.name for e in top}), key=lambda kv: -kv[1])[:12]})
json.dump(res, open(sys.argv[1], 'w'), indent=1); print(res)
