"""export_final.py RUN OUT: save_pretrained of the generator in RUN's newest intact training checkpoint."""
import sys
from telucodec.runs import CheckpointManager, load_checkpoint
from telucodec.codec import TeluCodec, CodecConfig
run, out = sys.argv[1:3]
path = CheckpointManager(run).latest()
s = load_checkpoint(path)
G = TeluCodec(CodecConfig.from_dict(s['codec_config'])); G.load_state_dict(s['generator']); G.save_pretrained(out)
print(f"{out}: step {s['step']} of {path}")
