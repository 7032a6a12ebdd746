"""pause_frames.py MODEL OUT.json CLIP...: where are the pause frames that `telucodec eval --pitch` counts as voiced in the
output and not in the input (pause: 35 dB or more under the clip's loudest 10 ms frame)? For each: its distance to the
nearest non-pause frame (10 ms frames) and the output's level there (dB re the input's loudest frame)."""
import json, sys
import numpy as np, torch
from telucodec.codec import TeluCodec
from telucodec.audio import load_audio
from telucodec.pitch import track_pitch
torch.set_num_threads(1)
model, out, clips = sys.argv[1], sys.argv[2], sys.argv[3:]
m = TeluCodec.from_pretrained(model).eval()
dist, level, n_pause = [], [], 0
for f in clips:
    x = load_audio(f)[None]; ref = x[0, 0].numpy()
    with torch.no_grad(): y = m.decode(m.encode(x))[0, 0, :len(ref)].numpy()
    n = len(ref) // 160
    e = np.array([np.mean(ref[i * 160:(i + 1) * 160] ** 2) for i in range(n)]); pk = e.max()
    pause = 10 * np.log10(e / pk + 1e-12) < -35
    vo, vr = track_pitch(y, 16000, 160)[1], track_pitch(ref, 16000, 160)[1]
    k = min(n, len(vo), len(vr)); bad = pause[:k] & (vo[:k] > .5) & ~(vr[:k] > .5); n_pause += int(pause[:k].sum())
    speech = np.where(~pause[:k])[0]
    eo = np.array([np.mean(y[i * 160:(i + 1) * 160] ** 2) for i in range(k)])
    for i in np.where(bad)[0]:
        dist.append(int(np.min(np.abs(speech - i))) if len(speech) else -1); level.append(float(10 * np.log10(eo[i] / pk + 1e-12)))
d, lv = np.array(dist), np.array(level)
res = dict(command='pause_frames.py ' + ' '.join(sys.argv[1:3]) + ' HELDOUT_TE/*.flac', model=model, pause_frames=n_pause,
           voiced_only_in_output=len(d), within_10ms_of_speech=float((d <= 1).mean()), within_40ms_of_speech=float((d <= 4).mean()),
           median_distance_frames=float(np.median(d)), output_level_db_median=float(np.median(lv)),
           output_level_db_p90=float(np.percentile(lv, 90)), above_minus_60db=float((lv > -60).mean()))
json.dump(res, open(out, 'w'), indent=1); print(res)
