#!/usr/bin/env bash
# The variants of the study, as run (25 CPU-minutes each). B_ARGS is the small codec's recipe (issue 11).
B_ARGS="--lr 2e-4 --lr-disc 2e-4 --warmup-steps 100 --grad-clip 10 --loss.dc 0 --loss.std 0 --codec.dc_cutoff_hz 0
  --codec.quantizer_dropout 0.25 --segment-seconds 0.5 --mel-windows 256 512 1024 2048 --mel-bands 40 50 64 80 --mel-log ln
  --crop-remove-mean --crop-peak 0.3 0.9 --disc-start 100000"
R=$(dirname "$0")/run_variant.sh
# These runs started from the `small` training preset as it was until 2026-12-04, the shipped recipe A. The preset
# now holds the shipped model's recipe (09_train), so rerunning them today means putting A back first: prefix every variant's options
# with $A_ARGS (A_current is then exactly "$R A_current 25 $A_ARGS").
A_ARGS="--segment-seconds 0.96 --no-crop-remove-mean --crop-peak --lr 5e-4 --lr-disc 5e-4 --warmup-steps 500 --grad-clip 1000
  --disc-start 3000 --mel-windows 64 128 256 512 1024 2048 --mel-bands 10 20 40 80 160 320 --mel-log log10 --loss.dc 10 --loss.std 10
  --codec.dc_cutoff_hz 20 --codec.quantizer_dropout 0.5 --codec.decoder snake --loss.stft 0 --loss.f0 1 --loss.voicing 1"
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
# H1 (optimiser alone) bought nothing from A and H2 (everything else) bought part of B's gain, so the optimiser
# settings interact with the rest: the next runs take one group at a time back out of B.
OPT="--lr 2e-4 --lr-disc 2e-4 --warmup-steps 100 --grad-clip 10 --disc-start 100000"
MEL="--mel-windows 256 512 1024 2048 --mel-bands 40 50 64 80 --mel-log ln"
CROP="--segment-seconds 0.5 --crop-remove-mean --crop-peak 0.3 0.9"
DCL="--loss.dc 0 --loss.std 0 --codec.dc_cutoff_hz 0"
$R I1_B_minus_crops 25 --no-fused-snake $OPT $MEL $DCL --codec.quantizer_dropout 0.25     # B with A's crops (0.96 s, as recorded)
$R I2_B_minus_dc 25 --no-fused-snake $OPT $MEL $CROP --codec.quantizer_dropout 0.25       # B with A's DC and std losses and DC blocker
# B shaped like the 200-line codec (latent 64, no transformer layers, factorised codes), run beside them:
$R G2_small_shape 25 --no-fused-snake $B_ARGS --codec.hidden 64 --codec.enc_layers 0 --codec.dec_layers 0 --codec.vq_kind factorized --codec.ffn_dim 128
$R I3_B_minus_mel 25 --no-fused-snake $OPT $CROP $DCL --codec.quantizer_dropout 0.25           # B with A's mel loss (log10, windows 64-2048, 10-320 bands)
$R I4_B_dropout_half 25 --no-fused-snake $OPT $MEL $CROP $DCL --codec.quantizer_dropout 0.5   # B with A's quantizer dropout (half the examples)
# The long source-filter run (W): F's run folder copied at 45 CPU-minutes and resumed with a longer schedule and the fused Snake:
# python -m telucodec.train --config RUNS/W_source_long/config.yaml --run-dir RUNS/W_source_long --resume auto --steps 12000 --cpu-minutes 170 --fused-snake
# I3 (B with A's mel loss) was the best 25-minute run; the same with the fused Snake (its steps per CPU-minute are 1.26x):
$R J_I3_fused 25 --fused-snake --codec.decoder snake --loss.stft 0 $OPT $CROP $DCL --codec.quantizer_dropout 0.25 --mel-windows 64 128 256 512 1024 2048 --mel-bands 10 20 40 80 160 320 --mel-log log10
# Third session (2026-12-05): the source-filter recipe (the small preset as it is now) at 25 CPU-minutes, fused Snake.
AMEL="--mel-windows 64 128 256 512 1024 2048 --mel-bands 10 20 40 80 160 320 --mel-log log10"
$R K_source_A_mel 25 --pitch-dir /work/runs/data/pitch $AMEL                               # the small preset with I3's (A's) mel loss
$R L_source_gate 25 --pitch-dir /work/runs/data/pitch $AMEL --codec.source_gate true       # K + the gated excitation (06_codec)
# W continued from 100 to 130 CPU-minutes on reconstruction losses only, and a copy of its 100-minute checkpoint
# (step 5262, the model shipped on 2026-12-04) continued to 130 with the discriminators from its first step (the GAN phase):
# python -m telucodec.train --config RUNS/W_source_long/config.yaml --run-dir RUNS/W_source_long --resume auto --steps 12000 --cpu-minutes 130 --fused-snake
# mkdir -p RUNS/X_gan/checkpoints && cp RUNS/W_source_long/checkpoints/step_000005262.pt RUNS/X_gan/checkpoints/ && cp RUNS/W_source_long/config.yaml RUNS/X_gan/
# python -m telucodec.train --config RUNS/X_gan/config.yaml --run-dir RUNS/X_gan --resume auto --steps 12000 --cpu-minutes 130 --fused-snake --disc-start 5262
# scored with: TAG=_130 score.sh W_source_long; score.sh X_gan K_source_A_mel L_source_gate
# Then both to 170 CPU-minutes with the discriminators: X went on (scored with TAG=_170), and Y started from W at 130 (step 7099):
# python -m telucodec.train --config RUNS/X_gan/config.yaml --run-dir RUNS/X_gan --resume auto --steps 12000 --cpu-minutes 170 --fused-snake --disc-start 5262
# mkdir -p RUNS/Y_gan_after_130/checkpoints && cp RUNS/W_source_long/checkpoints/step_000007099.pt RUNS/Y_gan_after_130/checkpoints/ && cp RUNS/W_source_long/config.yaml RUNS/Y_gan_after_130/
# python -m telucodec.train --config RUNS/Y_gan_after_130/config.yaml --run-dir RUNS/Y_gan_after_130 --resume auto --steps 12000 --cpu-minutes 170 --fused-snake --disc-start 7099
# scored with: TAG=_170 score.sh X_gan; score.sh Y_gan_after_130. Y (step 8006) ships as telucodec/weights/default (float16).
# J with every convolution twice as wide (the one shape change G2 did not try):
$R M_J_wide 25 --fused-snake --codec.decoder snake --loss.stft 0 $OPT $CROP $DCL --codec.quantizer_dropout 0.25 $AMEL --codec.channels 32
# The long run resumed on spectral losses from 130 CPU-minutes at the end of the session (for a later GAN phase, as Y):
# python -m telucodec.train --config RUNS/W_source_long/config.yaml --run-dir RUNS/W_source_long --resume auto --steps 12000 --cpu-minutes 230 --fused-snake
# Fourth session (2026-12-05, second): the quantizer dropout revisited below B's 0.25, on the best Snake recipe (J) and on
# the source-filter preset (K), 25 CPU-minutes each (W paused at step 9313 to free the core):
$R N_J_drop10 25 --fused-snake --codec.decoder snake --loss.stft 0 $OPT $CROP $DCL --codec.quantizer_dropout 0.1 $AMEL
$R N_K_drop10 25 --pitch-dir /work/runs/data/pitch $AMEL --codec.quantizer_dropout 0.1
# K with the injection convolutions starting at zero (--codec.source_zero_init, 06_codec): does the source decoder
# learn the envelope as fast as the Snake decoder when it starts as one?
$R O_K_zero_inject 25 --pitch-dir /work/runs/data/pitch $AMEL --codec.source_zero_init true
# W went on from 130 to 165 CPU-minutes on the spectral losses (step 9313), then Z = that checkpoint + 40 CPU-minutes with the
# discriminators, as Y was made from W at 130:
# mkdir -p RUNS/Z_gan_after_165/checkpoints && cp RUNS/W_source_long/checkpoints/step_000009313.pt RUNS/Z_gan_after_165/checkpoints/ && cp RUNS/W_source_long/config.yaml RUNS/Z_gan_after_165/
# python -m telucodec.train --config RUNS/Z_gan_after_165/config.yaml --run-dir RUNS/Z_gan_after_165 --resume auto --steps 12000 --cpu-minutes 205 --fused-snake --disc-start 9313
# J trained on the four corpora only (real and synthetic Telugu, LibriSpeech, LJ Speech: the data the 200-line
# codec and the table trained on, before Malayalam, speechocean762 and VCTK joined), same held-out clips.
# run_variant.sh passes every training manifest, so this one is started by hand with run_variant.sh's other options:
# python -m telucodec.train --config small --run-dir RUNS/P_J_four_corpora --data DATA/train/{telugu,telugu_synth,english_librispeech,english_ljspeech}.jsonl \
#   --val-data DATA/heldout_te --val-fraction 0 --val-max-clips 8 --threads 1 --num-workers 0 --seed 0 --steps 3000 --cpu-minutes 25 \
#   --fused-snake --codec.decoder snake --loss.stft 0 $OPT $CROP $DCL --codec.quantizer_dropout 0.25 $AMEL
# Then N_J and N_K on the four corpora (FOUR = DATA/train/{telugu,telugu_synth,english_librispeech,english_ljspeech}.jsonl,
# COMMON = run_variant.sh's other options, as for P):
# python -m telucodec.train --config small --run-dir RUNS/Q_J_drop10_four --data $FOUR $COMMON --fused-snake --codec.decoder snake --loss.stft 0 $OPT $CROP $DCL --codec.quantizer_dropout 0.1 $AMEL
# python -m telucodec.train --config small --run-dir RUNS/Q_K_drop10_four --data $FOUR $COMMON --pitch-dir DATA/pitch $AMEL --codec.quantizer_dropout 0.1
# Q_J_drop10_four again with seeds 1 and 2 (--seed 1, --seed 2; run folders Q_J_drop10_four_seed1, _seed2): how far
# does the 25-minute figure move with the seed alone (initialisation, data order, crops)?
# Fifth session (2026-12-05, third). The 25-minute source-filter recipe again: Q_K ($FOUR $COMMON --pitch-dir DATA/pitch
# $AMEL --codec.quantizer_dropout 0.1) with one change each:
# python -m telucodec.train --config small --run-dir RUNS/R_K_four_nostft --data $FOUR $COMMON --pitch-dir DATA/pitch $AMEL --codec.quantizer_dropout 0.1 --loss.stft 0
# python -m telucodec.train --config small --run-dir RUNS/R2_K_four_breath01 --data $FOUR $COMMON --pitch-dir DATA/pitch $AMEL --codec.quantizer_dropout 0.1 --codec.source_voiced_noise 0.1
# python -m telucodec.train --config small --run-dir RUNS/R4_K_four_inject01 --data $FOUR $COMMON --pitch-dir DATA/pitch $AMEL --codec.quantizer_dropout 0.1 --codec.source_init_scale 0.1
# python -m telucodec.train --config small --run-dir RUNS/R3_K_four_teacher1 --data $FOUR $COMMON --pitch-dir DATA/pitch $AMEL --codec.quantizer_dropout 0.1 --f0-teacher 1.0
# The shipped model Y (step 8006) trained 40 more CPU-minutes with the discriminators, with and without the frame-rate comb loss (07_losses):
# for n in S_Y_comb2 S_Y_control; do mkdir -p RUNS/$n/checkpoints && cp RUNS/Y_gan_after_130/checkpoints/step_000008006.pt RUNS/$n/checkpoints/ && sed "s#Y_gan_after_130#$n#" RUNS/Y_gan_after_130/config.yaml > RUNS/$n/config.yaml; done
# python -m telucodec.train --config RUNS/S_Y_comb2/config.yaml --run-dir RUNS/S_Y_comb2 --resume auto --steps 12000 --cpu-minutes 210 --fused-snake --disc-start 7099 --loss.comb 2
# python -m telucodec.train --config RUNS/S_Y_control/config.yaml --run-dir RUNS/S_Y_control --resume auto --steps 12000 --cpu-minutes 210 --fused-snake --disc-start 7099
# scored with score.sh; pitch_frames.py RUNS/S_Y_comb2/final nbs/results/recipe/pitch_frames_S_Y_comb2.json HELDOUT_TE/*.flac (and S_Y_control);
# the control on the English clips: telucodec eval --checkpoint RUNS/S_Y_control/final --ref data/english_librispeech/test-other --n-q 8 --baselines ""
# Sixth session (2026-12-06): the frame-rate codec (05c_frame_codec, --codec.decoder frame) at 25 CPU-minutes, on the
# issue's four corpora with seed 0 as Q_J and Q_K, FOUR and COMMON as above (but --steps 40000: the frame codec takes
# about 0.26 CPU-s a step, so a 3000-step cosine would end inside the budget), the small preset's own losses, lr 5e-4:
# python -m telucodec.train --config small --run-dir RUNS/F1_frame_residual --data $FOUR $COMMON --steps 40000 --val-every 1000 --pitch-dir DATA/pitch --codec.decoder frame --lr 5e-4
# python -m telucodec.train --config small --run-dir RUNS/F2_frame_cgain --data $FOUR $COMMON --steps 40000 --val-every 1000 --pitch-dir DATA/pitch --codec.decoder frame --lr 5e-4 --codec.frame_path complex_gain
# do the transformer layers pay? F2 with no transformer layers and twice the ConvNeXt blocks (the probe's trunk; about as many
# parameters). F2, not F1: at 5.5 CPU-minutes F1's residual path already drew the frame-rate comb (7.7 dB) and a tone in the pauses.
# python -m telucodec.train --config small --run-dir RUNS/F3_cgain_convnext8 --data $FOUR $COMMON --steps 40000 --val-every 1000 --pitch-dir DATA/pitch --codec.decoder frame --lr 5e-4 --codec.frame_path complex_gain --codec.enc_layers 0 --codec.dec_layers 0 --codec.frame_blocks 8
# a shorter overlap (issue 22: "try a shorter overlap if it costs no quality"): F2 with a 480-sample window, 30 ms of latency instead of 40:
# python -m telucodec.train --config small --run-dir RUNS/F4_cgain_win480 --data $FOUR $COMMON --steps 40000 --val-every 1000 --pitch-dir DATA/pitch --codec.decoder frame --lr 5e-4 --codec.frame_path complex_gain --codec.frame_window 480
# the long run: F2 resumed from its 25-minute checkpoint (the 25-minute export is RUNS/F2_frame_cgain/final), same data and schedule:
# python -m telucodec.train --config RUNS/F2_frame_cgain/config.yaml --run-dir RUNS/F2_frame_cgain --resume auto --cpu-minutes 90
# scored at 25 with: telucodec eval --checkpoint RUNS/F2_frame_cgain/final --ref DATA/heldout_te --n-q 8,4 --baselines '' --pitch --json nbs/results/recipe/F2_frame_cgain.json
# and later points with TAG=_60 / _90 score.sh F2_frame_cgain; score_oracle.py RUNS/F2_frame_cgain F2_frame_cgain_oracle.json (the 25-minute codes, the input's f0)
# Seventh session (2026-12-06): both frame-rate runs to the end of their cosine. F2 resumed from step 21 500 to 40 000 (its schedule):
# python -m telucodec.train --config RUNS/F2_frame_cgain/config.yaml --run-dir RUNS/F2_frame_cgain --resume auto --cpu-minutes 200
# F4 resumed from its 25-minute checkpoint (step 6013) with --steps 32000, stopped at step 8373 (SIGTERM writes a checkpoint) and
# resumed with a cosine that ends at 26 000 steps, so that it would end inside the session:
# python -m telucodec.train --config RUNS/F4_cgain_win480/config.yaml --run-dir RUNS/F4_cgain_win480 --resume auto --cpu-minutes 200 --steps 26000
# scored with: TAG=_anneal score.sh F2_frame_cgain; TAG=_long score.sh F4_cgain_win480 (throughput.py with the same TAGs), and on
# English test-other: telucodec eval --checkpoint RUNS/NAME/final_TAG --ref data/english_librispeech/test-other --n-q 8 --baselines '' --json nbs/results/recipe/NAME_TAG_en.json
# G: F4, the better of the two on heldout_te, then a GAN phase: a fresh schedule at lr 1e-4, the discriminators from the first step:
# python -m telucodec.train --config RUNS/F4_cgain_win480/config.yaml --run-dir RUNS/G_F4_gan --init-from RUNS/F4_cgain_win480/final_long --steps 3000 --lr 1e-4 --warmup-steps 100 --disc-start 0 --cpu-minutes 40
# one more seed of F4 at 25 CPU-minutes (is the 480-sample window's lead larger than the seed spread?):
# python -m telucodec.train --config RUNS/F4_cgain_win480/config.yaml --run-dir RUNS/F4_cgain_win480_seed1 --resume none --seed 1 --steps 40000 --cpu-minutes 25
# stopped by SIGTERM at 19 CPU-minutes (step 4250) when the session ran short; scored with: score.sh F4_cgain_win480_seed1
# Eighth session (2026-12-06, second): H, the shipped F4 trained on with all nine training corpora (the four, three times
# over so that they keep about 39% of the draws, plus Malayalam MSC, speechocean762, the VCTK sets twice and RTVC: 2358
# rows), a fresh cosine from lr 2e-4 over 23 000 steps; the held-out speakers of every corpus stay held out (make_split.py):
# D=DATA/train; FOUR="$D/telugu.jsonl $D/telugu_synth.jsonl $D/english_librispeech.jsonl $D/english_ljspeech.jsonl"
# python -m telucodec.train --config RUNS/F4_cgain_win480/config.yaml --run-dir RUNS/H_F4_nine --resume none --init-from RUNS/F4_cgain_win480/final_long \
#   --data $FOUR $FOUR $FOUR $D/malayalam_msc.jsonl $D/english_speechocean762.jsonl $D/english_vctk_autovc.jsonl $D/english_vctk_starganv2vc.jsonl \
#          $D/english_vctk_autovc.jsonl $D/english_vctk_starganv2vc.jsonl $D/english_rtvc_samples.jsonl --steps 23000 --lr 2e-4 --warmup-steps 200 --cpu-minutes 110
# scored at step 3000 (export_final.py RUNS/H_F4_nine RUNS/H_F4_nine/final_3k, then telucodec eval as in the JSON's command) and at the end:
# TAG=_final score.sh H_F4_nine; TAG=_final throughput.py H_F4_nine; telucodec eval --checkpoint RUNS/H_F4_nine/final_final --ref data/english_librispeech/test-other --n-q 8 --baselines '' --json nbs/results/recipe/H_F4_nine_final_en.json
# F5: F4 at 25 CPU-minutes with a narrower trunk (hidden 192, ffn 384: 2.78 M parameters, the second row of frame_sizes.json):
# what a model that reads fewer bytes a frame costs in quality, same protocol as the sixth round (four corpora, seed 0):
# python -m telucodec.train --config small --run-dir RUNS/F5_win480_h192 --data $FOUR --threads 1 --num-workers 0 --steps 40000 --val-every 1000 --pitch-dir DATA/pitch \
#   --codec.decoder frame --lr 5e-4 --codec.frame_path complex_gain --codec.frame_window 480 --codec.hidden 192 --codec.ffn_dim 384 \
#   --val-data DATA/heldout_te --val-fraction 0 --val-max-clips 8 --val-seconds 4 --cpu-minutes 25
# scored with: score.sh F5_win480_h192; throughput.py F5_win480_h192
# F5 resumed from its 25-minute checkpoint (step 6759) with a cosine that ends at 26 000 steps, as F4's long run:
# python -m telucodec.train --config RUNS/F5_win480_h192/config.yaml --run-dir RUNS/F5_win480_h192 --resume auto --steps 26000 --cpu-minutes 200
# I (ninth session): H trained on for a second cosine on the same nine corpora, from lr 1e-4 over 30 000 steps (stopped for scoring at step 22 750, ~104 CPU-minutes):
# python -m telucodec.train --config RUNS/H_F4_nine/config.yaml --run-dir RUNS/I_H_nine2 --resume none --init-from RUNS/H_F4_nine/final_final \
#   --data $FOUR $FOUR $FOUR $D/malayalam_msc.jsonl $D/english_speechocean762.jsonl $D/english_vctk_autovc.jsonl $D/english_vctk_starganv2vc.jsonl \
#          $D/english_vctk_autovc.jsonl $D/english_vctk_starganv2vc.jsonl $D/english_rtvc_samples.jsonl --steps 30000 --lr 1e-4 --warmup-steps 200 --cpu-minutes 130
# scored, with H re-scored by the same code (the float64 codebook re-rank): TAG=_r9 score.sh H_F4_nine I_H_nine2; TAG=_r9 throughput.py I_H_nine2;
# telucodec eval --checkpoint RUNS/NAME/final_r9 --ref data/english_librispeech/test-other --n-q 8 --baselines '' --json nbs/results/recipe/NAME_r9_en.json
