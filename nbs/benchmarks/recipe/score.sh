#!/usr/bin/env bash
# score.sh NAME...: the final weights of each run (its newest checkpoint: the state at the end of its CPU budget)
# exported with save_pretrained and scored by `telucodec eval --pitch` on the held-out Telugu-family speakers;
# the JSON lands in nbs/results/recipe/NAME$TAG.json (TAG, e.g. _45 for a run continued to 45 CPU-minutes, also names
# the exported folder RUN/final$TAG).
set -eu; here=$(cd "$(dirname "$0")" && pwd); runs=${STUDY_RUNS:-/work/runs/recipe}; data=${STUDY_DATA:-/work/runs/data}
for name in "$@"; do
  python "$here/export_final.py" "$runs/$name" "$runs/$name/final${TAG:-}"
  OMP_NUM_THREADS=1 telucodec eval --checkpoint "$runs/$name/final${TAG:-}" --ref "$data/heldout_te" --n-q 8,4 --baselines '' --pitch \
    --json "$here/../../results/recipe/$name${TAG:-}.json" > "$runs/$name/eval${TAG:-}.md"
done
