"""frame_sizes.py OUT.json: what a streamed 20 ms frame costs (encode_chunk + decode_chunk, process CPU time, one thread,
random weights, 300 frames after 30 of warm-up) for the frame-rate `small` codec and for narrower and shallower shapes
of it, down to one with no transformer, two ConvNeXt blocks a side, 128 channels and 4 RVQ levels. The question it
answers: how small must the model get before eager PyTorch streams a frame in 2 ms (issue 22's target)?"""
import json, os, sys, time
import torch
from telucodec.codec import TeluCodec, CodecConfig
torch.set_num_threads(1)
VARIANTS = {
    'small (the shipped shape)': {},
    'hidden 192, ffn 384': dict(hidden=192, ffn_dim=384, heads=4),
    'hidden 128, ffn 256': dict(hidden=128, ffn_dim=256, heads=2),
    '1 transformer layer a side, 2 blocks': dict(enc_layers=1, dec_layers=1, frame_blocks=2),
    'no transformer, 2 blocks': dict(enc_layers=0, dec_layers=0, frame_blocks=2),
    'hidden 128, no transformer, 2 blocks, 4 levels': dict(hidden=128, ffn_dim=256, heads=2, enc_layers=0, dec_layers=0,
                                                          frame_blocks=2, codebook_sizes=(1024,) * 4),
}
res = dict(command='python nbs/benchmarks/frame_sizes.py ' + ' '.join(sys.argv[1:]), load_average_before=os.getloadavg(),
           torch=torch.__version__, variants={})
for name, over in VARIANTS.items():
    torch.manual_seed(0)
    c = TeluCodec(CodecConfig.preset('small', decoder='frame', frame_path='complex_gain', frame_window=480, **over)).eval()
    wav, ts = 0.1 * torch.randn(1, 1, 320 * 330), []
    with c.stream(1) as s, torch.inference_mode():
        for i in range(330):
            t0 = time.process_time(); s.decode_chunk(s.encode_chunk(wav[..., i * 320:(i + 1) * 320])); t1 = time.process_time()
            if i >= 30: ts.append(1e3 * (t1 - t0))
    ts.sort()
    res['variants'][name] = dict(overrides={k: list(v) if isinstance(v, tuple) else v for k, v in over.items()},
                                 parameters_m=round(sum(p.numel() for p in c.parameters()) / 1e6, 3),
                                 p50_ms=round(ts[len(ts) // 2], 3), p99_ms=round(ts[int(0.99 * len(ts))], 3))
    print(name, res['variants'][name], flush=True)
res['load_average_after'] = os.getloadavg()
json.dump(res, open(sys.argv[1], 'w'), indent=1)
