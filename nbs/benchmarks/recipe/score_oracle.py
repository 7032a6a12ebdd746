"""score_oracle.py RUN OUT.json: the upper bound of a source-filter variant. The codes come from the encoder as
usual, but the excitation is driven by the *input's* pYIN f0 and voicing (what training's teacher forcing gave it),
not by the pitch head: what the decoder could do with perfect pitch. Scored like score.sh (telucodec eval's metrics,
pitch included) on the held-out Telugu-family speakers."""
import json, os, sys
from pathlib import Path
import numpy as np, torch
from telucodec.codec import TeluCodec
from telucodec.pitch import track_pitch
from telucodec.eval import System, Coded, evaluate, find_clips

class OracleF0(System):
    kind = 'telucodec'
    def __init__(self, codec): self.codec, self.name, self.n_q = codec, 'telucodec 8 levels, input f0', codec.n_q
    def describe(self): return dict(super().describe(), n_q=self.n_q, nominal_bps=float(self.codec.bitrate()))
    @torch.inference_mode()
    def __call__(self, wav, sr):
        c, ph = self.codec, self.codec.config.pitch_hop
        x = c.geometry.pad(torch.as_tensor(np.asarray(wav, np.float32))[None, None])
        f0, v = track_pitch(x[0, 0].numpy(), sr, ph)
        y = c(x, f0=torch.from_numpy(f0)[None], voicing=torch.from_numpy(v)[None]).wav[0, 0, :len(wav)]
        return Coded(y.numpy(), c.bitrate() * len(wav) / sr, 0.0, 0.0)

run, out = Path(sys.argv[1]), Path(sys.argv[2])
codec = TeluCodec.from_pretrained(run / 'final').eval()
data = Path(os.environ.get('STUDY_DATA', '/work/runs/data'))
rows = evaluate(find_clips(data / 'heldout_te'), [OracleF0(codec)], pitch=True)
out.write_text(json.dumps(dict(format='telucodec-eval', version=1, command='score_oracle.py ' + ' '.join(sys.argv[1:]),
                               ref=str(data / 'heldout_te'), systems=rows), indent=1) + '\n')
print(out, {k: round(v, 3) for k, v in rows[0]['mean'].items() if isinstance(v, float)})
