"""throughput.py NAME...: each run's training throughput from its newest checkpoint (steps, CPU seconds of the process
summed over resumes, audio seconds seen) -> nbs/results/recipe/throughput.json (the runs named replace their entries;
with TAG set, e.g. TAG=_60, the entry is NAME$TAG, as score.sh names a later point of a run)."""
import json, os, sys
from pathlib import Path
from telucodec.runs import CheckpointManager, load_checkpoint
runs = Path(os.environ.get('STUDY_RUNS', '/work/runs/recipe'))
out = Path(__file__).resolve().parents[2] / 'results' / 'recipe' / 'throughput.json'
res = json.loads(out.read_text()) if out.exists() else {}
for name in sys.argv[1:]:
    s = load_checkpoint(CheckpointManager(runs / name).latest())
    c = s['config']; audio = s['step'] * c['batch_size'] * c['segment_seconds']
    res[name + os.environ.get('TAG', '')] = {'step': s['step'], 'cpu_seconds': round(s['cpu_seconds'], 1), 'audio_seconds': round(audio, 1),
                 'audio_s_per_cpu_s': round(audio / s['cpu_seconds'], 2), 'decoder': s['codec_config']['decoder']}
    print(name, res[name + os.environ.get('TAG', '')])
out.write_text(json.dumps(res, indent=1) + '\n')
