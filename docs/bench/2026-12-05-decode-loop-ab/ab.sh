#!/usr/bin/env bash
# Alternating A/B of ./workbench bench: before (wt-base, commit 92857da) and after (main), true-shape random weights.
# usage: ab.sh ROUNDS OUTDIR
set -u
R=${1:-2}; OUT=${2:-/work/bench/out}; mkdir -p "$OUT"
export DJL_OFFLINE=true
CFG=/work/main/assets/models/qwen2.5-0.5b-instruct/config.json
for r in $(seq 1 "$R"); do
  for side in base main; do
    D=/work/wt-base; [ "$side" = main ] && D=/work/wt-bench
    (cd "$D" && ./workbench bench --model /work/bench/q8_0.gguf --threads 2 --runs 3 --gen-tokens 128 --no-bandwidth --json) > "$OUT/gguf-$side-$r.json" 2> "$OUT/gguf-$side-$r.err"
    (cd "$D" && ./workbench bench --dummy-weights "$CFG" --dtype f16 --threads 2 --runs 3 --gen-tokens 64 --no-bandwidth --json) > "$OUT/djl-$side-$r.json" 2> "$OUT/djl-$side-$r.err"
  done
done
