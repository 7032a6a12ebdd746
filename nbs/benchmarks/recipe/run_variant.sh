#!/usr/bin/env bash
# run_variant.sh NAME CPU_MIN [trainer options]: one variant of the recipe study (nbs/09b_recipe.ipynb).
# The `small` preset, seed 0, every training manifest of make_split.py, validation on the held-out Telugu-family
# speakers, one thread, no DataLoader workers, nice 5; it stops by itself after CPU_MIN minutes of its CPU time.
# (The first three variants of 2026-12-04 were stopped by an outside watcher at 25 CPU-minutes of the process
# instead of --cpu-minutes: the same budget, counted from process start rather than from the first step.)
set -eu; name=$1; mins=$2; shift 2
data=${STUDY_DATA:-/work/runs/data}; out=${STUDY_RUNS:-/work/runs/recipe}/$name; mkdir -p "$out"
OMP_NUM_THREADS=1 nohup nice -n 5 python -m telucodec.train --config small --run-dir "$out" --data "$data"/train/*.jsonl \
  --val-data "$data"/heldout_te --val-fraction 0 --val-max-clips 8 --threads 1 --num-workers 0 --seed 0 --steps 3000 \
  --cpu-minutes "$mins" "$@" > "$out/stdout.log" 2>&1 &
echo "started $name: $out"
