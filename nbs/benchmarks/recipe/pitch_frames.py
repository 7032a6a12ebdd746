"""pitch_frames.py MODEL OUT.json CLIP...: frame by frame, where does a model's pitch go wrong? For each clip, the
input's pYIN track, the decoded output's pYIN track (the two that `telucodec eval --pitch` correlates) and the pitch
head's own f0 and voicing, all on 10 ms frames; plus the clip's f0 figures with every frame, without the frames
where the two pYIN tracks are more than 0.4 octave apart, and of the pitch head against the input's track. Also the
frame-rate comb (07_losses' `frame_comb`, dB) of input and output on the far frames and on the frames the pitch head
calls unvoiced while pYIN finds the output voiced. 09b_recipe plots it."""
import json, sys
from pathlib import Path
import numpy as np, torch
from telucodec.codec import TeluCodec
from telucodec.audio import load_audio
from telucodec.pitch import track_pitch, f0_agreement
from telucodec.losses import frame_comb

torch.set_num_threads(1)
model, out, clips = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
codec = TeluCodec.from_pretrained(model).eval()
sr, hop = codec.sample_rate, codec.sample_rate // 100
rows = []
for p in clips:
    x = load_audio(p, sr)
    with torch.inference_mode(): o = codec(x[None]); y = o.wav[0, 0, :x.shape[-1]]
    rf, rv = track_pitch(x[0].numpy(), sr, hop, interpolate=False)
    of, ov = track_pitch(y.numpy(), sr, hop, interpolate=False)
    sub = codec.config.pitch_hop // hop                                   # pitch-head frames are pitch_hop samples
    hf = np.repeat(o.f0[0].numpy(), sub); hv = np.repeat(torch.sigmoid(o.voicing_logit[0]).numpy(), sub)
    n = min(len(rf), len(of), len(hf))
    a = f0_agreement(rf[:n], rv[:n], of[:n], ov[:n])
    both = (rv[:n] > .5) & (rf[:n] > 0) & (ov[:n] > .5) & (of[:n] > 0)
    far = both & (np.abs(np.log2(np.where(both, of[:n], 1) / np.where(both, rf[:n], 1))) > 0.4)
    keep = np.where(far, 0.0, 1.0)
    b = f0_agreement(rf[:n], rv[:n] * keep, of[:n], ov[:n] * keep)
    h = f0_agreement(rf[:n], rv[:n], hf[:n], hv[:n])                     # the pitch head against the input's track
    tracks = dict(ref_f0=rf[:n].round(1).tolist(), ref_v=rv[:n].round(2).tolist(), out_f0=of[:n].round(1).tolist(),
                  out_v=ov[:n].round(2).tolist(), head_f0=hf[:n].round(1).tolist(), head_v=hv[:n].round(2).tolist())
    hop_c = codec.config.geometry.hop                                     # frame_comb's windows are 2 codec hops apart
    cx, cy = (10 * frame_comb(w.reshape(1, -1), hop_c, sr)[0].numpy() for w in (x[0], y))
    win = np.minimum(np.round(np.arange(n) * hop / (2 * hop_c)).astype(int), len(cx) - 1)   # the window centred nearest each frame
    hu_ov = (hv[:n] < .5) & (ov[:n] > .5) & (of[:n] > 0)
    comb = lambda c, m: float(np.mean(c[win[m]])) if m.any() else float('nan')
    rows.append(dict(clip=str(p), hop=hop, sample_rate=sr, **(tracks if far.any() else {}),   # the tracks of clips with far frames
                     far_comb_in_db=comb(cx, far), far_comb_out_db=comb(cy, far), head_unvoiced_out_voiced=int(hu_ov.sum()),
                     hu_ov_comb_in_db=comb(cx, hu_ov), hu_ov_comb_out_db=comb(cy, hu_ov),
                     voiced_both=int(both.sum()), far_frames=int(far.sum()),
                     f0_corr=a['f0_corr'], f0_rmse_cents=a['f0_rmse_cents'],
                     f0_corr_without_far=b['f0_corr'], f0_rmse_cents_without_far=b['f0_rmse_cents'],
                     head_f0_corr=h['f0_corr'], head_f0_rmse_cents=h['f0_rmse_cents'], head_voicing_accuracy=h['voicing_accuracy']))
    print(Path(p).name, {k: rows[-1][k] for k in ('voiced_both', 'far_frames', 'f0_corr', 'f0_corr_without_far', 'head_f0_corr', 'far_comb_out_db', 'hu_ov_comb_out_db')})
out.write_text(json.dumps(dict(command='pitch_frames.py ' + ' '.join(sys.argv[1:]), model=model, clips=rows)) + '\n')
