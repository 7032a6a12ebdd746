"""pause_float_pcm.py OUT.json [CHECKPOINT]: the pause figure of `telucodec eval --pitch` (of the input's frames 35 dB or
more under its loudest, the percentage voiced in the output and not in the input) on heldout_te, for the model's float
output and for the 16-bit PCM it writes and sends. Default model: the shipped weights."""
import json, sys
import numpy as np, torch
from telucodec.codec import load_codec
from telucodec.eval import find_clips, pitch_scores, _pcm16
from telucodec.audio import load_audio
torch.set_num_threads(1)
m = load_codec(sys.argv[2] if len(sys.argv) > 2 else None).eval()
rows = []
for f in find_clips('data/heldout_te'):
    x = load_audio(f)[None]
    with torch.inference_mode(): y = m.decode(m.encode(x))[0, 0, :x.shape[-1]].numpy()
    ref = x[0, 0].numpy()
    rows.append(dict(clip=str(f), float=pitch_scores(ref, y, 16000)['pause_voiced_pct'],
                     pcm16=pitch_scores(ref, _pcm16(y).astype(np.float32) / 32768, 16000)['pause_voiced_pct']))
res = dict(command='python nbs/benchmarks/recipe/pause_float_pcm.py ' + ' '.join(sys.argv[1:]), model=sys.argv[2] if len(sys.argv) > 2 else 'shipped default',
           float=float(np.nanmean([r['float'] for r in rows])), pcm16=float(np.nanmean([r['pcm16'] for r in rows])), clips=rows)
json.dump(res, open(sys.argv[1], 'w'), indent=1); print({k: res[k] for k in ('model', 'float', 'pcm16')})
