#!/usr/bin/env bash
# The article's table (start-up, time to first token for a 50-token prompt, tokens/s, memory) on a CUDA machine.
#
#   scripts/gpu-bench.sh                 # random weights of Qwen2.5-0.5B-Instruct's true shape (no download)
#   scripts/gpu-bench.sh MODEL_DIR       # a real Hugging Face folder, e.g. Qwen2.5-0.5B-Instruct
#
# Builds with the cuda profile (no CPU libtorch inside); DJL then fetches the CUDA libtorch matching the driver on
# first use, so this machine needs network access once (or a filled DJL cache) and DJL_OFFLINE must not be true.
# Writes bench-cuda-<dtype>.json here and prints the tables.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
  echo "gpu-bench: no CUDA GPU visible (nvidia-smi -L failed); run this on a machine with an NVIDIA GPU" >&2
  exit 1
fi
nvidia-smi -L
unset DJL_OFFLINE
mvn -B -q -Pcuda -DskipTests install
if [ $# -ge 1 ]; then
  source_args=(--model "$1")
else
  source_args=(--dummy-weights assets/models/qwen2.5-0.5b-instruct/config.json)
fi
for dtype in f16 bf16; do
  ./workbench bench "${source_args[@]}" --device cuda --dtype "$dtype" --prompt-tokens 50 --gen-tokens 128 \
    --runs 3 --no-bandwidth --article --json > "bench-cuda-$dtype.json"
  ./workbench bench "${source_args[@]}" --device cuda --dtype "$dtype" --prompt-tokens 50 --gen-tokens 128 \
    --runs 3 --no-bandwidth --article
done
