"""early_mel.py OUT.json NAME...: each run's mean training mel loss per block of 200 steps (steps 0-1599), read from
RUNS/NAME/metrics.jsonl (RUNS: $STUDY_RUNS or /work/runs/recipe). How fast each variant leaves its start; 09b reads it."""
import json, os, sys
from pathlib import Path
import numpy as np

runs, out, width, upto = Path(os.environ.get('STUDY_RUNS', '/work/runs/recipe')), Path(sys.argv[1]), 200, 1600
res = {}
for name in sys.argv[2:]:
    rows = [json.loads(l) for l in (runs/name/'metrics.jsonl').read_text().splitlines() if '"train"' in l]
    res[name] = [round(float(np.mean(b)), 4) if (b := [r['mel'] for r in rows if a <= r['step'] < a + width]) else None
                 for a in range(0, upto, width)]
out.write_text(json.dumps(dict(command='early_mel.py ' + ' '.join(sys.argv[1:]), width=width, runs=res), indent=1) + '\n')
print(json.dumps(res))
