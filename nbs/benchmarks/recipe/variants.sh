#!/usr/bin/env bash
# The variants of the study, as run (25 CPU-minutes each). B_ARGS is the small codec's recipe (issue 11).
B_ARGS="--lr 2e-4 --lr-disc 2e-4 --warmup-steps 100 --grad-clip 10 --loss.dc 0 --loss.std 0 --codec.dc_cutoff_hz 0
  --codec.quantizer_dropout 0.25 --segment-seconds 0.5 --mel-windows 256 512 1024 2048 --mel-bands 40 50 64 80 --mel-log ln
  --crop-remove-mean --crop-peak 0.3 0.9 --disc-start 100000"
R=$(dirname "$0")/run_variant.sh
$R A_current 25                                   # the shipped recipe
$R B_smallrecipe 25 $B_ARGS                       # + the small codec's recipe, all differences at once
$R C_stft 25 $B_ARGS --loss.stft 1                # + the linear STFT loss (2048..64)
$R D_source_teacher 25 $B_ARGS --loss.stft 1 --codec.decoder source --pitch-dir /work/runs/data/pitch --f0-teacher 1.0
$R E_source_pred 25 $B_ARGS --loss.stft 1 --codec.decoder source --pitch-dir /work/runs/data/pitch --f0-teacher 0.5
# added after D and E showed a pitch head still near a constant at 25 CPU-minutes (mean octave error 0.41):
$R F_source_pred_f0x10 25 $B_ARGS --loss.stft 1 --codec.decoder source --pitch-dir /work/runs/data/pitch --f0-teacher 0.5 --loss.f0 10 --loss.voicing 2
# then B and F continued to 45 CPU-minutes (same run folders; scored with TAG=_45 score.sh ...):
# python -m telucodec.train --config RUNS/B_smallrecipe/config.yaml --resume auto --cpu-minutes 45   (and F_source_pred_f0x10)
# The bisection of B against A (2026-12-04, second session). Every bisection run keeps the eager Snake
# (--no-fused-snake: the small preset now fuses it), so that its steps per CPU-minute match A's and B's.
# disc_start is not among the differences that matter: A's (3000) is beyond any 25-minute run too.
$R H1_opt 25 --no-fused-snake --lr 2e-4 --lr-disc 2e-4 --warmup-steps 100 --grad-clip 10      # A + B's optimiser settings
$R H2_data_loss 25 --no-fused-snake --loss.dc 0 --loss.std 0 --codec.dc_cutoff_hz 0 --codec.quantizer_dropout 0.25 \
  --segment-seconds 0.5 --mel-windows 256 512 1024 2048 --mel-bands 40 50 64 80 --mel-log ln --crop-remove-mean --crop-peak 0.3 0.9
