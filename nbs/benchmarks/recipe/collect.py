"""collect.py NAME...: the validation rows of each run's metrics.jsonl (step, mel, STOI, latent dimensions, RVQ error
after one level) -> nbs/results/recipe/curves.json, for the curves in nbs/09b_recipe.ipynb. The runs named replace their
entries; the other runs' entries stay."""
import json, os, sys
from pathlib import Path
from telucodec.runs import read_metrics
runs = Path(os.environ.get('STUDY_RUNS', '/work/runs/recipe'))
out = Path(__file__).resolve().parents[2] / 'results' / 'recipe' / 'curves.json'
keys = ('step', 'mel', 'stoi', 'si_sdr', 'std_ratio', 'latent_dims', 'rvq_err_l1', 'rvq_err_l8')
curves = json.loads(out.read_text()) if out.exists() else {}
curves.update({n: [{k: r.get(k) for k in keys} for r in read_metrics(runs / n, 'val')] for n in sys.argv[1:]})
out.write_text(json.dumps(curves, indent=1) + '\n'); print(f"wrote {out}: " + ', '.join(f"{n} {len(curves[n])} rows" for n in sys.argv[1:]))
