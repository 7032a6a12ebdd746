"""path_ablation.py MODEL OUT.json CLIP...: a frame-rate codec decoded as trained and with its extra path (the residual or
the complex gain's phase) switched off (`FrameDecoder.path = 'none'`): f0 correlation, comb and pause voicing of each, per
clip and on average. Does the path draw the frame-rate comb and the tone in the pauses?"""
import json, sys
import numpy as np, torch
from telucodec.codec import TeluCodec
from telucodec.audio import load_audio
from telucodec.pitch import pitch_metrics, pause_voicing, comb_db
torch.set_num_threads(1)
model, out, clips = sys.argv[1], sys.argv[2], sys.argv[3:]
m = TeluCodec.from_pretrained(model).eval()
rows = []
for f in clips:
    x = load_audio(f)[None]; ref = x[0, 0].numpy(); r = {'clip': f.rsplit('/', 1)[-1]}
    with torch.no_grad():
        z = m.quantizer.decode(m.encode(x))
        for name in (m.decoder.path, 'none'):
            keep, m.decoder.path = m.decoder.path, name
            y = m.decoder(z)[0, 0, :ref.shape[-1]].numpy(); m.decoder.path = keep
            r[name] = dict(f0_corr=pitch_metrics(ref, y, 16000)['f0_corr'], comb_db=float(comb_db(y, 16000)),
                           pause_voiced_pct=pause_voicing(ref, y, 16000)['pause_voiced_pct'])
    rows.append(r); print(r, flush=True)
mean = {k: {q: float(np.nanmean([r[k][q] for r in rows])) for q in ('f0_corr', 'comb_db', 'pause_voiced_pct')} for k in rows[0] if k != 'clip'}
json.dump(dict(command='path_ablation.py ' + ' '.join(sys.argv[1:3]) + ' HELDOUT_TE/*.flac', model=model, mean=mean, clips=rows),
          open(out, 'w'), indent=1)
print(mean)
